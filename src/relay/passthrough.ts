/**
 * The relay of an mTLS link (topology `security: mtls`): TLS runs end to end between the vendors,
 * so the relay cannot decode a frame, nor should it be able to. It forwards the TCP bytes as
 * they are, a TCP proxy, and still traces the connection (open, each chunk with its size and
 * `encrypted: true`, close with the bytes each way) and still puts the link's faults on it: the
 * fault hook sees each chunk as a frame of unknown type, so faults on a message type never act,
 * and what a fault does to TLS records (a dropped, corrupted or duplicated chunk) the TLS peers
 * detect. Bytes keep their order, whatever the delays: a TCP stream has no other, so a `reorder`
 * acts as a delay. A dropped chunk is lost for good (TCP would have sent it again), so a TLS link
 * does not come back from a blackhole once it is lifted: its supervision has told by then.
 */
import { connect, type Socket } from 'node:net';
import type { Logger } from 'pino';
import type { TopologyLink } from '../topology/index.js';
import type { DirectionStats, FrameAction, FrameHook } from './relay-types.js';
import type { Direction, FrameRecord, TraceRecord } from './trace.js';

/** One connection through the relay, whatever it carries. */
export interface RelayedConnection {
  /** Closes both sides cleanly: a close frame each, or a FIN where the relay cannot speak the protocol. */
  close(code: number, reason: string): void;
  /** Tears both sides down at once, without a close handshake (a TCP RST where the relay can send one). */
  reset(): void;
}

/** What a passthrough connection needs of its relay. */
export interface PassthroughContext {
  readonly link: TopologyLink;
  readonly log: Logger;
  readonly stats: Record<Direction, DirectionStats>;
  /** Bytes queued towards one side above which the other side is paused. */
  readonly highWaterMarkBytes: number;
  /** The relay's fault hook at this moment: it is set and cleared while the relay runs. */
  faults(): FrameHook | undefined;
  record(record: TraceRecord): void;
}

export interface PassthroughEvents {
  /** The server accepted the TCP connection: bytes flow. */
  open(): void;
  /** The server could not be reached; the client's socket is destroyed. */
  refused(reason: string): void;
  /** Both sides are gone. */
  closed(): void;
}

type Side = 'client' | 'server';

const forwardAll: FrameAction = { action: 'forward' };

/** Relays `client` to the server at `target`, byte for byte. */
export function relayTcp(
  client: Socket,
  target: { readonly host: string; readonly port: number },
  context: PassthroughContext,
  events: PassthroughEvents,
): RelayedConnection {
  const { link } = context;
  const server = connect({ host: target.host, port: target.port, allowHalfOpen: true, noDelay: true });
  client.setNoDelay(true);
  const bytes: Record<Direction, number> = { 'client-to-server': 0, 'server-to-client': 0 };
  let opened = false;
  let closed = false;
  // Who ended first (a FIN or an error), or the relay when a fault or a command ended it.
  let endedBy: { by: Side | 'relay'; reason: string } | undefined;
  const ended = (by: Side | 'relay', reason: string) => {
    endedBy ??= { by, reason };
  };

  const connection: RelayedConnection = {
    close(code, reason) {
      ended('relay', `${reason} (${code}; TLS passthrough: FIN, no close frame)`);
      client.end();
      server.end();
    },
    reset() {
      ended('relay', 'reset');
      client.resetAndDestroy();
      server.resetAndDestroy();
    },
  };

  server.once('connect', () => {
    opened = true;
    context.record({ kind: 'connection', t: Date.now(), link: link.id, event: 'open', encrypted: true });
    events.open();
  });
  const toServer = pipe(client, server, 'client-to-server', context, bytes);
  const toClient = pipe(server, client, 'server-to-client', context, bytes);

  const onEnd = (side: Side, queue: OrderedWriter) => () => {
    ended(side, 'closed');
    queue.end();
  };
  client.on('end', onEnd('client', toServer));
  server.on('end', onEnd('server', toClient));

  const onError = (side: Side) => (error: Error & { code?: string }) => {
    context.log.debug({ err: error, side }, 'passthrough socket error');
    if (side === 'server' && !opened) {
      const reason = `relay cannot reach ${link.server}: ${error.message}`;
      closed = true;
      client.destroy();
      context.record({
        kind: 'connection',
        t: Date.now(),
        link: link.id,
        event: 'refused',
        reason,
        by: 'relay',
      });
      events.refused(reason);
      return;
    }
    ended(side, error.code === 'ECONNRESET' ? 'reset' : error.message);
    // A reset on one side is a reset on the other: the relay is a wire, not a peer.
    (side === 'client' ? server : client).resetAndDestroy();
  };
  client.on('error', onError('client'));
  server.on('error', onError('server'));

  let socketsOpen = 2;
  const onClose = (side: Side) => () => {
    (side === 'client' ? toClient : toServer).stop();
    // The other side normally follows (its peer answers the FIN passed on); if it does not, go.
    const other = side === 'client' ? server : client;
    if (!other.destroyed) setTimeout(() => other.destroy(), 2000).unref();
    socketsOpen -= 1;
    if (socketsOpen > 0 || closed || !opened) return;
    closed = true;
    const { by, reason } = endedBy ?? { by: side, reason: 'closed' };
    context.record({
      kind: 'connection',
      t: Date.now(),
      link: link.id,
      event: 'close',
      reason,
      by,
      encrypted: true,
      bytes: { ...bytes },
    });
    events.closed();
  };
  client.on('close', onClose('client'));
  server.on('close', onClose('server'));
  return connection;
}

interface OrderedWriter {
  /** Ends the destination once what is queued has been written. */
  end(): void;
  /** Drops what is queued (the connection is gone). */
  stop(): void;
}

/** Forwards `from`'s chunks to `to` through the fault hook, tracing each. */
function pipe(
  from: Socket,
  to: Socket,
  dir: Direction,
  context: PassthroughContext,
  bytes: Record<Direction, number>,
): OrderedWriter {
  const { link, stats } = context;
  const [sender, receiver] =
    dir === 'client-to-server' ? [link.client, link.server] : [link.server, link.client];
  const writer = orderedWriter(from, to, context.highWaterMarkBytes);
  from.on('data', (chunk: Buffer) => {
    const t = Date.now();
    stats[dir].frames += 1;
    stats[dir].bytes += chunk.length;
    bytes[dir] += chunk.length;
    const action = context.faults()?.({ dir, bytes: chunk, type: undefined }) ?? forwardAll;
    const record: FrameRecord = {
      kind: 'frame',
      t,
      link: link.id,
      dir,
      from: sender,
      to: receiver,
      size: chunk.length,
      encrypted: true,
      ...(action.action === 'forward' ? {} : { fault: action.fault }),
    };
    context.record(record);
    switch (action.action) {
      case 'forward':
        return writer.write([chunk], 0);
      case 'drop':
        stats[dir].dropped += 1;
        return;
      case 'replace':
        return writer.write([action.bytes], 0);
      case 'delay':
        return writer.write([chunk], action.ms);
      case 'emit':
        return writer.write(action.frames, action.delayMs);
    }
  });
  return writer;
}

/** Writes chunks in the order they came, each not before its delay, pausing `from` when `to` is full. */
function orderedWriter(
  from: Socket,
  to: Socket,
  highWaterMarkBytes: number,
): OrderedWriter & { write(chunks: readonly Buffer[], delayMs: number): void } {
  const queue: Array<{ due: number; chunks: readonly Buffer[]; end?: true }> = [];
  let timer: NodeJS.Timeout | undefined;
  let waiting = false;
  const send = (item: { chunks: readonly Buffer[]; end?: true }) => {
    if (to.destroyed || to.writableEnded) return;
    for (const chunk of item.chunks) to.write(chunk);
    if (item.end) to.end();
    if (to.writableLength > highWaterMarkBytes && !waiting) {
      waiting = true;
      from.pause();
      to.once('drain', () => {
        waiting = false;
        from.resume();
      });
    }
  };
  const flush = () => {
    timer = undefined;
    const now = Date.now();
    while (queue[0] && queue[0].due <= now) send(queue.shift()!);
    if (queue[0]) timer = setTimeout(flush, queue[0].due - now);
  };
  const enqueue = (item: { chunks: readonly Buffer[]; end?: true }, delayMs: number) => {
    if (delayMs <= 0 && queue.length === 0) return send(item);
    // Never before the chunk ahead of it: a TCP stream keeps its order.
    const due = Math.max(Date.now() + delayMs, queue.at(-1)?.due ?? 0);
    queue.push({ ...item, due });
    timer ??= setTimeout(flush, due - Date.now());
  };
  return {
    write: (chunks, delayMs) => enqueue({ chunks }, delayMs),
    end: () => enqueue({ chunks: [], end: true }, 0),
    stop: () => {
      clearTimeout(timer);
      queue.length = 0;
    },
  };
}
