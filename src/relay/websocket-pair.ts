/**
 * The relay of a decoded link: the client's WebSocket and the relay's own to the server, frames
 * forwarded both ways as they came (the same buffer: no copy), each traced, counted, shown to the
 * taps and put to the fault hook on the way. A close on one side closes the other with the same
 * code. Backpressure: a side whose peer has more than the high-water mark queued is paused, and
 * resumed under half of it. Before that, an upgrade the server refuses is refused to the client
 * the same way.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import WebSocket from 'ws';
import type { TopologyLink } from '../topology/index.js';
import type { RelayedConnection } from './passthrough.js';
import type { DirectionStats, FrameHook, TappedFrame } from './relay-types.js';
import type { Direction, FrameRecord, TraceRecord } from './trace.js';

/** What a WebSocket pair needs of its relay. */
export interface WebSocketPairContext {
  readonly link: TopologyLink;
  readonly log: Logger;
  readonly stats: Record<Direction, DirectionStats>;
  /** Bytes queued towards one side above which the other side is paused. */
  readonly highWaterMarkBytes: number;
  /** The relay's fault hook at this moment: it is set and cleared while the relay runs. */
  faults(): FrameHook | undefined;
  readonly taps: ReadonlySet<(frame: TappedFrame) => void>;
  /** The trace record of a frame (describe.ts); `faulted` when a fault hook is set. */
  describe(data: Buffer, isBinary: boolean, dir: Direction, t: number, faulted: boolean): FrameRecord;
  record(record: TraceRecord): void;
}

export interface WebSocketPairEvents {
  /** Both sides are connected: frames flow. */
  open(connection: RelayedConnection): void;
  /** The server's HelloAck went through: the link is up. */
  ready(): void;
  /** One side closed, and the other was closed after it. */
  closed(connection: RelayedConnection): void;
}

/** Relays `client` to `server`, both open. */
export function relayWebSocket(
  client: WebSocket,
  server: WebSocket,
  context: WebSocketPairContext,
  events: WebSocketPairEvents,
): RelayedConnection {
  const { link } = context;
  const pair: RelayedConnection = {
    close: (code, reason) => {
      client.close(code, reason);
      server.close(code, reason);
    },
    reset: () => {
      client.terminate();
      server.terminate();
    },
  };
  events.open(pair);
  context.record({ kind: 'connection', t: Date.now(), link: link.id, event: 'open' });
  forward(client, server, 'client-to-server', context, events);
  forward(server, client, 'server-to-client', context, events);
  let closed = false;
  const onClose = (by: 'client' | 'server') => (code: number, reason: Buffer) => {
    if (closed) return;
    closed = true;
    const other = by === 'client' ? server : client;
    // 1005 and 1006 are never sent on the wire; the other side sees the relay close normally.
    const forwarded = code === 1005 || code === 1006 ? 1001 : code;
    if (other.readyState === WebSocket.OPEN) other.close(forwarded, reason.toString());
    else other.terminate();
    context.record({
      kind: 'connection',
      t: Date.now(),
      link: link.id,
      event: 'close',
      code,
      reason: reason.toString(),
      by,
    });
    events.closed(pair);
  };
  client.on('close', onClose('client'));
  server.on('close', onClose('server'));
  client.on('error', (e) => context.log.debug({ err: e }, 'client socket error'));
  server.on('error', (e) => context.log.debug({ err: e }, 'server socket error'));
  return pair;
}

function forward(
  from: WebSocket,
  to: WebSocket,
  dir: Direction,
  context: WebSocketPairContext,
  events: WebSocketPairEvents,
): void {
  const highWater = context.highWaterMarkBytes;
  const stats = context.stats[dir];
  // One callback per direction, not one per frame: the relay is on every frame's path.
  const onSent = () => {
    if (to.bufferedAmount < highWater / 2 && from.isPaused) from.resume();
  };
  from.on('message', (data: Buffer, isBinary: boolean) => {
    const received = Date.now();
    stats.frames += 1;
    stats.bytes += data.length;
    const faults = context.faults();
    const record = context.describe(data, isBinary, dir, received, faults !== undefined);
    if (record.error) stats.undecodable += 1;
    if (record.type === 'oran.common.v1.HelloAck' && dir === 'server-to-client') events.ready();
    for (const tap of context.taps) tap({ dir, bytes: data, type: record.type, t: received });
    const action = context.faults()?.({ dir, bytes: data, type: record.type }) ?? { action: 'forward' };
    if (action.action === 'drop') {
      stats.dropped += 1;
      context.record({ ...record, fault: action.fault });
      return;
    }
    context.record(action.action === 'forward' ? record : { ...record, fault: action.fault });
    const send = () => {
      if (to.readyState !== WebSocket.OPEN) return;
      if (action.action === 'emit')
        for (const bytes of action.frames) to.send(bytes, { binary: isBinary }, onSent);
      else to.send(action.action === 'replace' ? action.bytes : data, { binary: isBinary }, onSent);
      if (to.bufferedAmount > highWater) from.pause();
    };
    const delayMs = action.action === 'delay' ? action.ms : action.action === 'emit' ? action.delayMs : 0;
    if (delayMs > 0) setTimeout(send, delayMs);
    else send();
  });
}

/**
 * Passes the server's refusal of an upgrade through to the client as it was: status, reason
 * header and body; then `refused` with the status and the reason.
 */
export function passRefusal(
  socket: Duplex,
  res: IncomingMessage,
  refused: (code: number, reason: string) => void,
): void {
  let body = '';
  res.on('data', (chunk: Buffer) => {
    body += chunk.toString();
  });
  res.on('end', () => {
    const refusal = res.headers['x-plugfest-refusal'];
    socket.end(
      `HTTP/1.1 ${res.statusCode} ${res.statusMessage}\r\nConnection: close\r\nContent-Type: text/plain\r\n` +
        (refusal ? `x-plugfest-refusal: ${refusal}\r\n` : '') +
        `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
    refused(res.statusCode ?? 0, String(refusal ?? body.trim()));
  });
}

/** Answers the client's upgrade with 502 and `reason`: the relay cannot reach the server. */
export function badGateway(socket: Duplex, reason: string): void {
  socket.end(
    `HTTP/1.1 502 Bad Gateway\r\nConnection: close\r\nContent-Length: ${Buffer.byteLength(reason)}\r\n\r\n${reason}`,
  );
}
