/**
 * A relay sits in the middle of one link: the client dials the relay, the relay dials the
 * server with the same subprotocols, and frames pass both ways unchanged (websocket-pair.ts).
 * On the way each frame is decoded into the trace (describe.ts) and counted, and a fault hook
 * may act on it. A refusal by the server at the upgrade reaches the client as it was sent.
 * An mTLS link is relayed as TCP bytes instead (passthrough.ts).
 */
import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage } from 'node:http';
import { type AddressInfo, createServer as createTcpServer, type Server, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import WebSocket, { WebSocketServer } from 'ws';
import type { TopologyLink } from '../topology/index.js';
import {
  boundedHttpOptions,
  closeListener,
  listenerLimits,
  SocketTracker,
  socketPayloadCeiling,
  stopDefaults,
} from '../transport/index.js';
import { createMessageRegistry, defaultWireLimits } from '../wire/index.js';
import { FrameDescriber } from './describe.js';
import { type RelayedConnection, relayTcp } from './passthrough.js';
import type {
  DirectionStats,
  FrameHook,
  RelayOptions,
  RelayState,
  TappedFrame,
  TraceLevel,
} from './relay-types.js';
import type { Direction, TraceSink } from './trace.js';
import { badGateway, passRefusal, relayWebSocket } from './websocket-pair.js';

export type * from './relay-types.js';

interface RelayEvents {
  state: [RelayState];
}

/**
 * The largest WebSocket message the relay holds, either way: the links' own ceiling, so that it
 * never buffers what the vendor behind it would refuse anyway (it was 64 times that). Past it the
 * relay closes that side with 1009, as the vendor would.
 */
const relayPayloadCeiling = socketPayloadCeiling(defaultWireLimits);

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
  readonly #describer: FrameDescriber;
  readonly #server: Server;
  readonly #sockets: SocketTracker;
  /** Upstream dials whose upgrade the server has not answered yet. */
  readonly #dialling = new Set<WebSocket>();
  #closing: Promise<void> | undefined;
  /** The server has started: set at once without `upstreamReady`, else when it settles fine. */
  #upstreamUp: boolean;
  readonly #passthrough: boolean;
  readonly #wss = new WebSocketServer({
    noServer: true,
    maxPayload: relayPayloadCeiling,
    handleProtocols: (_protocols, req) => this.#chosen.get(req) ?? false,
  });
  readonly #chosen = new WeakMap<IncomingMessage, string>();
  readonly #pairs = new Set<RelayedConnection>();

  constructor(options: RelayOptions) {
    super();
    this.#options = options;
    this.link = options.link;
    this.#upstreamUrl = options.upstreamUrl;
    this.#upstreamUp = options.upstreamReady === undefined;
    options.upstreamReady?.then(
      () => {
        this.#upstreamUp = true;
      },
      () => {},
    );
    this.#log = options.logger.child({ relay: options.link.id });
    this.#level = options.traceLevel ?? (options.link.interface === 'ofh-cu' ? 'headers' : 'full');
    this.#describer = new FrameDescriber(
      options.link,
      this.#level,
      options.registry ?? createMessageRegistry(),
    );
    this.#passthrough = options.security === 'mtls';
    if (this.#passthrough) {
      this.#server = createTcpServer({ allowHalfOpen: true }, (socket) => this.#onTcpConnection(socket));
    } else {
      const http = createServer(boundedHttpOptions(), (_req, res) => res.writeHead(426).end());
      http.on('upgrade', (req, socket, head) => this.#onUpgrade(req, socket, head));
      this.#server = http;
    }
    this.#server.maxConnections = listenerLimits.maxConnections;
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

  /**
   * Runs `dial` once the server has started (at once when it has), or `refuse` when it failed
   * to or the hold outlasts the upstream bound; never for a client that went away meanwhile.
   */
  #whenUpstream(socket: Duplex, dial: () => void, refuse: (reason: string) => void): void {
    if (this.#upstreamUp) {
      dial();
      return;
    }
    const bound = this.#options.upstreamHandshakeTimeoutMs ?? 10_000;
    let timer: NodeJS.Timeout | undefined;
    const held = new Promise<void>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`not started within ${bound} ms`)), bound).unref();
    });
    Promise.race([this.#options.upstreamReady, held]).then(
      () => {
        clearTimeout(timer);
        this.#upstreamUp = true;
        if (!socket.destroyed && !this.#closing) dial();
      },
      (error: unknown) => {
        clearTimeout(timer);
        if (!socket.destroyed && !this.#closing)
          refuse(`relay cannot reach ${this.link.server}: ${(error as Error).message ?? error}`);
      },
    );
  }

  #onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    // Until ws takes the socket over, nothing else listens for its errors: a client that resets
    // mid-upgrade (a dial aborted at stop) would otherwise end the harness with ECONNRESET.
    socket.on('error', (error) => this.#log.debug({ err: error }, 'client socket error during upgrade'));
    this.#whenUpstream(
      socket,
      () => this.#dialUpstream(req, socket, head),
      (reason) => {
        badGateway(socket, reason);
        this.#refused(502, reason, 'relay');
      },
    );
  }

  #dialUpstream(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const protocols = (req.headers['sec-websocket-protocol'] ?? '')
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean);
    this.#setState('connecting');
    if (this.#closing) {
      socket.destroy();
      return;
    }
    const server = new WebSocket(this.#upstreamUrl, protocols, {
      maxPayload: relayPayloadCeiling,
      handshakeTimeout: this.#options.upstreamHandshakeTimeoutMs ?? 10_000,
    });
    this.#dialling.add(server);
    server.once('close', () => this.#dialling.delete(server));
    server.once('open', () => this.#dialling.delete(server));
    server.once('unexpected-response', (_r, res) =>
      passRefusal(socket, res, (code, reason) => {
        this.#refused(code, reason, 'server');
        this.#setState('refused');
        server.terminate();
      }),
    );
    server.once('error', (error) => {
      if (server.readyState !== WebSocket.CLOSED && server.readyState !== WebSocket.CLOSING) return;
      if (!socket.writable) return;
      const reason = `relay cannot reach ${this.link.server}: ${error.message}`;
      badGateway(socket, reason);
      this.#refused(502, reason, 'relay');
      this.#setState('idle');
    });
    server.once('open', () => {
      this.#chosen.set(req, server.protocol);
      this.#wss.handleUpgrade(req, socket, head, (client) => this.#pipe(client, server));
    });
  }

  #onTcpConnection(socket: Socket): void {
    socket.on('error', (error) => this.#log.debug({ err: error }, 'client socket error while held'));
    this.#whenUpstream(
      socket,
      () => this.#relayTcp(socket),
      (reason) => {
        this.#log.info({ reason }, 'client refused: the server did not start');
        socket.destroy();
      },
    );
  }

  #relayTcp(socket: Socket): void {
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
    relayWebSocket(
      client,
      server,
      {
        link: this.link,
        log: this.#log,
        stats: this.stats,
        highWaterMarkBytes: this.#options.highWaterMarkBytes ?? 1024 * 1024,
        faults: () => this.faults,
        taps: this.#taps,
        describe: (data, isBinary, dir, t, faulted) =>
          this.#describer.describe(data, isBinary, dir, t, faulted),
        record: (record) => this.#record(record),
      },
      {
        open: (pair) => {
          this.#pairs.add(pair);
          this.#setState('open');
        },
        ready: () => this.#setState('ready'),
        closed: (pair) => {
          this.#pairs.delete(pair);
          if (this.#pairs.size === 0 && this.#state !== 'closed') this.#setState('idle');
        },
      },
    );
  }

  #refused(code: number, reason: string, by: 'server' | 'relay'): void {
    this.#record({
      kind: 'connection',
      t: Date.now(),
      link: this.link.id,
      event: 'refused',
      code,
      reason,
      by,
    });
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
