/**
 * A relay sits in the middle of one link: the client dials the relay, the relay dials the
 * server with the same subprotocols, and frames pass both ways unchanged (the same buffer is
 * forwarded: no copy). On the way each frame is decoded into the trace and counted, and a fault
 * hook may act on it. A refusal by the server at the upgrade reaches the client as it was sent.
 * An mTLS link is relayed as TCP bytes instead (passthrough.ts).
 */
import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage } from 'node:http';
import { type AddressInfo, createServer as createTcpServer, type Server, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import WebSocket, { WebSocketServer } from 'ws';
import type { TopologyLink, TopologyOptions } from '../topology/index.js';
import { closeListener, SocketTracker, stopDefaults } from '../transport/index.js';
import {
  createEnvelopeCodec,
  createMessageRegistry,
  interfaceSpecs,
  linkPackages,
  type MessageRegistry,
  packageOf,
} from '../wire/index.js';
import { E2smDecoder } from './e2sm.js';
import { type RelayedConnection, relayTcp } from './passthrough.js';
import type { Direction, FrameRecord, TraceSink } from './trace.js';

export type TraceLevel = 'full' | 'headers' | 'off';
export type RelayState = 'idle' | 'connecting' | 'open' | 'ready' | 'refused' | 'closed';

/** What a fault hook decides for one frame. */
export type FrameAction =
  | { readonly action: 'forward' }
  | { readonly action: 'drop'; readonly fault: string }
  | { readonly action: 'replace'; readonly bytes: Buffer; readonly fault: string }
  | { readonly action: 'delay'; readonly ms: number; readonly fault: string }
  /** Several frames in place of this one (copies, slices, a replay), each after `delayMs`. */
  | {
      readonly action: 'emit';
      readonly frames: readonly Buffer[];
      readonly delayMs: number;
      readonly fault: string;
    };

export interface RelayedFrame {
  readonly dir: Direction;
  readonly bytes: Buffer;
  readonly type: string | undefined;
}

export type FrameHook = (frame: RelayedFrame) => FrameAction;

/** A frame as it reached the relay, before any fault: its raw bytes, whatever the trace level. */
export interface TappedFrame extends RelayedFrame {
  /** Unix ms of arrival. */
  readonly t: number;
}

export interface DirectionStats {
  frames: number;
  bytes: number;
  undecodable: number;
  dropped: number;
}

export interface RelayOptions {
  readonly link: TopologyLink;
  readonly upstreamUrl: string;
  readonly logger: Logger;
  readonly trace?: TraceSink;
  /**
   * Default: `headers` for CU-plane (IQ data is bulky), `full` elsewhere. At `headers`, the
   * link's own frames (oran.common, oran.attestation) are still traced with their fields.
   */
  readonly traceLevel?: TraceLevel;
  readonly registry?: MessageRegistry;
  readonly host?: string;
  /** Default 0: a free port. */
  readonly port?: number;
  /** Bytes queued towards one side above which the other side is paused. Default 1 MiB. */
  readonly highWaterMarkBytes?: number;
  /** Grace for `close()`: connections not closed by then are destroyed. Default 1000 ms. */
  readonly stopGraceMs?: number;
  /** Time the relay waits for the server to answer the upgrade it forwards. Default 10 s. */
  readonly upstreamHandshakeTimeoutMs?: number;
  /**
   * The link's security, as the topology's `security` option says. `mtls`: TLS runs end to end,
   * so the relay forwards TCP bytes undecoded (passthrough.ts): it traces each chunk as
   * `encrypted`, applies its fault hook to chunks, and never reaches state `ready` (it cannot
   * see the HelloAck). The URL it gives is then wss://. Anything else: frames are decoded.
   * Default `none`.
   */
  readonly security?: TopologyOptions['security'];
}

interface RelayEvents {
  state: [RelayState];
}

const pduNames = { 1: 'initiating', 2: 'successful', 3: 'unsuccessful' } as const;

export class Relay extends EventEmitter<RelayEvents> {
  readonly link: TopologyLink;
  readonly stats: Record<Direction, DirectionStats> = {
    'client-to-server': { frames: 0, bytes: 0, undecodable: 0, dropped: 0 },
    'server-to-client': { frames: 0, bytes: 0, undecodable: 0, dropped: 0 },
  };
  /** The fault hook; set and cleared while the relay runs. */
  faults: FrameHook | undefined;
  readonly #taps = new Set<(frame: TappedFrame) => void>();
  #state: RelayState = 'idle';
  #upstreamUrl: string;
  #port = 0;
  readonly #options: RelayOptions;
  readonly #log: Logger;
  readonly #level: TraceLevel;
  readonly #codec: ReturnType<typeof createEnvelopeCodec>;
  readonly #registry: MessageRegistry;
  readonly #server: Server;
  readonly #sockets: SocketTracker;
  /** Upstream dials whose upgrade the server has not answered yet. */
  readonly #dialling = new Set<WebSocket>();
  #closing: Promise<void> | undefined;
  readonly #passthrough: boolean;
  readonly #wss = new WebSocketServer({
    noServer: true,
    maxPayload: 64 * 1024 * 1024,
    handleProtocols: (_protocols, req) => this.#chosen.get(req) ?? false,
  });
  readonly #chosen = new WeakMap<IncomingMessage, string>();
  readonly #pairs = new Set<RelayedConnection>();
  readonly #e2sm = new E2smDecoder();

  constructor(options: RelayOptions) {
    super();
    this.#options = options;
    this.link = options.link;
    this.#upstreamUrl = options.upstreamUrl;
    this.#log = options.logger.child({ relay: options.link.id });
    this.#level = options.traceLevel ?? (options.link.interface === 'ofh-cu' ? 'headers' : 'full');
    this.#registry = options.registry ?? createMessageRegistry();
    const accepted = new Set([...linkPackages, ...interfaceSpecs[options.link.interface].packages]);
    this.#codec = createEnvelopeCodec({
      registry: this.#registry,
      accepts: (t) => accepted.has(packageOf(t)),
    });
    this.#passthrough = options.security === 'mtls';
    if (this.#passthrough) {
      this.#server = createTcpServer({ allowHalfOpen: true }, (socket) => this.#onTcpConnection(socket));
    } else {
      const http = createServer((_req, res) => res.writeHead(426).end());
      http.on('upgrade', (req, socket, head) => this.#onUpgrade(req, socket, head));
      this.#server = http;
    }
    this.#sockets = new SocketTracker(this.#server);
  }

  /**
   * Calls `listener` with every frame that reaches the relay, in both directions, raw, until the
   * returned function is called: for cases that read what the trace keeps only headers of (the
   * CU-plane's IQ). A listener must not throw or hold on to the relay. On an mTLS link it is
   * never called: the relay sees no frames there.
   */
  tap(listener: (frame: TappedFrame) => void): () => void {
    this.#taps.add(listener);
    return () => this.#taps.delete(listener);
  }

  async listen(): Promise<this> {
    await new Promise<void>((resolve, reject) => {
      this.#server.once('error', reject);
      this.#server.listen(this.#options.port ?? 0, this.#options.host ?? '127.0.0.1', () => resolve());
    });
    this.#port = (this.#server.address() as AddressInfo).port;
    return this;
  }

  get state(): RelayState {
    return this.#state;
  }

  get port(): number {
    return this.#port;
  }

  /** What the client dials: ws://, or wss:// on an mTLS link. */
  get url(): string {
    return `${this.#passthrough ? 'wss' : 'ws'}://${this.#options.host ?? '127.0.0.1'}:${this.#port}/${this.link.interface}`;
  }

  get upstreamUrl(): string {
    return this.#upstreamUrl;
  }

  /** Points the relay at another server (a replaced instance); open connections are closed. */
  retarget(upstreamUrl: string): void {
    this.#upstreamUrl = upstreamUrl;
    this.dropConnections(1012, 'server replaced');
  }

  /**
   * Closes every connection through the relay, both sides, with the given close code (on an
   * mTLS link, which has no close frame the relay could send: a FIN each way).
   */
  dropConnections(code = 1001, reason = 'relay closing'): void {
    for (const connection of this.#pairs) connection.close(code, reason);
  }

  /** Resets every connection through the relay: sockets destroyed, no close handshake (a TCP RST). */
  resetConnections(): void {
    for (const connection of this.#pairs) connection.reset();
  }

  /**
   * Closes every connection and the listener. Bounded: connections that have not closed
   * within the grace period (a peer that stopped reading, an upgrade still dialling the server)
   * are destroyed.
   */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      this.dropConnections();
      for (const connection of this.#pairs) connection.reset();
      for (const dial of this.#dialling) dial.terminate();
      this.#wss.close();
      await closeListener(
        this.#server,
        this.#sockets,
        async () => {},
        this.#options.stopGraceMs ?? stopDefaults.graceMs,
      );
      this.#setState('closed');
    })();
    return this.#closing;
  }

  #setState(state: RelayState): void {
    if (this.#state === state) return;
    this.#state = state;
    this.emit('state', state);
  }

  #onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const protocols = (req.headers['sec-websocket-protocol'] ?? '')
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean);
    this.#setState('connecting');
    if (this.#closing) {
      socket.destroy();
      return;
    }
    // Until ws takes the socket over, nothing else listens for its errors: a client that resets
    // mid-upgrade (a dial aborted at stop) would otherwise end the harness with ECONNRESET.
    socket.on('error', (error) => this.#log.debug({ err: error }, 'client socket error during upgrade'));
    const server = new WebSocket(this.#upstreamUrl, protocols, {
      maxPayload: 64 * 1024 * 1024,
      handshakeTimeout: this.#options.upstreamHandshakeTimeoutMs ?? 10_000,
    });
    this.#dialling.add(server);
    server.once('close', () => this.#dialling.delete(server));
    server.once('open', () => this.#dialling.delete(server));
    server.once('unexpected-response', (_r, res) => {
      // Pass the server's refusal through as it was: status, reason header and body.
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
        this.#record({
          kind: 'connection',
          t: Date.now(),
          link: this.link.id,
          event: 'refused',
          code: res.statusCode ?? 0,
          reason: String(refusal ?? body.trim()),
          by: 'server',
        });
        this.#setState('refused');
        server.terminate();
      });
    });
    server.once('error', (error) => {
      if (server.readyState !== WebSocket.CLOSED && server.readyState !== WebSocket.CLOSING) return;
      if (!socket.writable) return;
      const reason = `relay cannot reach ${this.link.server}: ${error.message}`;
      socket.end(
        `HTTP/1.1 502 Bad Gateway\r\nConnection: close\r\nContent-Length: ${Buffer.byteLength(reason)}\r\n\r\n${reason}`,
      );
      this.#record({
        kind: 'connection',
        t: Date.now(),
        link: this.link.id,
        event: 'refused',
        code: 502,
        reason,
        by: 'relay',
      });
      this.#setState('idle');
    });
    server.once('open', () => {
      this.#chosen.set(req, server.protocol);
      this.#wss.handleUpgrade(req, socket, head, (client) => this.#pipe(client, server));
    });
  }

  #onTcpConnection(socket: Socket): void {
    this.#setState('connecting');
    const { hostname, port } = new URL(this.#upstreamUrl);
    const connection = relayTcp(
      socket,
      { host: hostname.replace(/^\[|\]$/g, ''), port: Number(port) || 443 },
      {
        link: this.link,
        log: this.#log,
        stats: this.stats,
        highWaterMarkBytes: this.#options.highWaterMarkBytes ?? 1024 * 1024,
        faults: () => this.faults,
        record: (record) => this.#record(record),
      },
      {
        open: () => this.#setState('open'),
        refused: () => {
          this.#pairs.delete(connection);
          this.#setState('idle');
        },
        closed: () => {
          this.#pairs.delete(connection);
          if (this.#pairs.size === 0 && this.#state !== 'closed') this.#setState('idle');
        },
      },
    );
    // Held from the start, so that closing the relay ends a connection still dialling too.
    this.#pairs.add(connection);
  }

  #pipe(client: WebSocket, server: WebSocket): void {
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
    this.#pairs.add(pair);
    this.#setState('open');
    this.#record({ kind: 'connection', t: Date.now(), link: this.link.id, event: 'open' });
    this.#forward(client, server, 'client-to-server');
    this.#forward(server, client, 'server-to-client');
    let closed = false;
    const onClose = (by: 'client' | 'server') => (code: number, reason: Buffer) => {
      if (closed) return;
      closed = true;
      this.#pairs.delete(pair);
      const other = by === 'client' ? server : client;
      // 1005 and 1006 are never sent on the wire; the other side sees the relay close normally.
      const forwarded = code === 1005 || code === 1006 ? 1001 : code;
      if (other.readyState === WebSocket.OPEN) other.close(forwarded, reason.toString());
      else other.terminate();
      this.#record({
        kind: 'connection',
        t: Date.now(),
        link: this.link.id,
        event: 'close',
        code,
        reason: reason.toString(),
        by,
      });
      if (this.#pairs.size === 0 && this.#state !== 'closed') this.#setState('idle');
    };
    client.on('close', onClose('client'));
    server.on('close', onClose('server'));
    client.on('error', (e) => this.#log.debug({ err: e }, 'client socket error'));
    server.on('error', (e) => this.#log.debug({ err: e }, 'server socket error'));
  }

  #forward(from: WebSocket, to: WebSocket, dir: Direction): void {
    const highWater = this.#options.highWaterMarkBytes ?? 1024 * 1024;
    const stats = this.stats[dir];
    // One callback per direction, not one per frame: the relay is on every frame's path.
    const onSent = () => {
      if (to.bufferedAmount < highWater / 2 && from.isPaused) from.resume();
    };
    from.on('message', (data: Buffer, isBinary: boolean) => {
      const received = Date.now();
      stats.frames += 1;
      stats.bytes += data.length;
      const record = this.#describe(data, isBinary, dir, received);
      if (record.error) stats.undecodable += 1;
      if (record.type === 'oran.common.v1.HelloAck' && dir === 'server-to-client') this.#setState('ready');
      for (const tap of this.#taps) tap({ dir, bytes: data, type: record.type, t: received });
      const action = this.faults?.({ dir, bytes: data, type: record.type }) ?? { action: 'forward' };
      if (action.action === 'drop') {
        stats.dropped += 1;
        this.#record({ ...record, fault: action.fault });
        return;
      }
      this.#record(action.action === 'forward' ? record : { ...record, fault: action.fault });
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

  #describe(data: Buffer, isBinary: boolean, dir: Direction, t: number): FrameRecord {
    const [from, to] =
      dir === 'client-to-server'
        ? [this.link.client, this.link.server]
        : [this.link.server, this.link.client];
    const base = { kind: 'frame' as const, t, link: this.link.id, dir, from, to, size: data.length };
    if (this.#level === 'off' && !this.faults) return base;
    if (!isBinary) {
      return {
        ...base,
        error: { code: 'malformed-frame', message: 'text frame' },
        raw: data.toString('base64'),
      };
    }
    const decoded = this.#codec.decode(data);
    if (!decoded.ok) {
      return {
        ...base,
        ...(decoded.header?.messageType ? { type: decoded.header.messageType } : {}),
        error: { code: decoded.error.code, message: decoded.error.rawMessage },
        raw: data.subarray(0, 4096).toString('base64'),
      };
    }
    const { header, type, message } = decoded.frame;
    return {
      ...base,
      type,
      pdu: pduNames[header.pduKind as 1 | 2 | 3] ?? 'initiating',
      tx: header.transactionId,
      sent: header.sendTimeUnixMs,
      // The link's own frames (Hello, attestation, close) are kept whole at `headers` too: they
      // are few and small, and a refusal's detail is what a reader of the trace looks for.
      ...(this.#level === 'full' || linkPackages.includes(packageOf(type))
        ? { fields: this.#fields(type, message as unknown as Record<string, unknown>) }
        : {}),
    };
  }

  #fields(type: string, message: Record<string, unknown>): Record<string, unknown> {
    const fields = this.#registry.get(type as never).toObject(message as never);
    if (this.link.interface === 'e2') this.#e2sm.annotate(type, message, fields);
    return fields;
  }

  #record(record: Parameters<TraceSink['write']>[0]): void {
    if (this.#level === 'off' && record.kind === 'frame' && !record.error && !record.fault) return;
    this.#options.trace?.write(record);
  }
}

/** Starts a relay for one link. */
export async function startRelay(options: RelayOptions): Promise<Relay> {
  return new Relay(options).listen();
}
