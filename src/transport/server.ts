/**
 * The accepting end: an HTTP server whose upgrades are checked for the interface's
 * subprotocol before any WebSocket exists. A wrong or missing subprotocol is refused at the
 * upgrade with 400 and a reason, in the response body and the `x-plugfest-refusal` header.
 * With `tls` it is an https server and an unauthorized client certificate is refused the same
 * way, with 401 (none) or 403 (not trusted), before the subprotocol is looked at.
 */
import {
  createServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
  STATUS_CODES,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { TLSSocket } from 'node:tls';
import { WebSocketServer } from 'ws';
import { createMessageRegistry, defaultWireLimits } from '../wire/index.js';
import { closeListener, SocketTracker, stopDefaults } from './bounded-stop.js';
import { type Admission, Link } from './link.js';
import { boundedHttpOptions, type LinkOptions, listenerLimits, socketPayloadCeiling } from './options.js';
import { linkTls, type ServerTlsOptions, serverSecureOptions } from './tls.js';
import { tlsGate } from './tls-refusal.js';

export interface LinkServerOptions extends LinkOptions {
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** Default 0: a free port, read back from `port`. */
  readonly port?: number;
  /** The attestation slot; default admits every peer. */
  readonly admit?: Admission;
  /** Called with every accepted link, before its handshake completes. */
  readonly onLink?: (link: Link) => void;
  /** mTLS: serve wss and admit only clients whose certificate is authorized. Default none (ws). */
  readonly tls?: ServerTlsOptions;
  /** Grace for `close()`: links and sockets not closed by then are destroyed. Default 1000 ms. */
  readonly stopGraceMs?: number;
}

export interface LinkServer extends AsyncDisposable {
  readonly host: string;
  readonly port: number;
  /** ws://host:port/<interface>, wss:// with `tls`. */
  readonly url: string;
  /** Links currently open. */
  readonly links: ReadonlySet<Link>;
  /** Closes every link with `going-away`, then the listener. */
  close(): Promise<void>;
}

export const refusalHeader = 'x-plugfest-refusal';

export async function listenLinks(options: LinkServerOptions): Promise<LinkServer> {
  const { spec } = options;
  const registry = options.registry ?? createMessageRegistry();
  const limits = options.limits ?? defaultWireLimits;
  const links = new Set<Link>();
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: socketPayloadCeiling(limits),
    handleProtocols: () => spec.subprotocol,
  });
  const answer = (_req: IncomingMessage, res: ServerResponse) => {
    res
      .writeHead(426, { 'content-type': 'text/plain' })
      .end(`upgrade to WebSocket with subprotocol ${spec.subprotocol}\n`);
  };
  const { tls } = options;
  const refusalOf = tls && tlsGate(tls);
  const http: Server = tls
    ? createHttpsServer({ ...serverSecureOptions(tls), ...boundedHttpOptions() }, answer)
    : createServer(boundedHttpOptions(), answer);
  http.maxConnections = listenerLimits.maxConnections;
  const sockets = new SocketTracker(http);
  http.on('tlsClientError', (error: Error & { code?: string }, socket: TLSSocket) => {
    options.logger.warn(
      { interface: spec.name, code: error.code, remote: socket.remoteAddress, err: error },
      'TLS handshake failed',
    );
  });

  http.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    // The upgrade detaches the HTTP server's own error handling: a client that resets before ws
    // takes the socket (or after a refusal) must not end the process with ECONNRESET.
    socket.on('error', (error) =>
      options.logger.debug({ interface: spec.name, err: error }, 'socket error during upgrade'),
    );
    const secure = tls ? (req.socket as TLSSocket) : undefined;
    const refused = secure && refusalOf?.(secure);
    if (refused) {
      options.logger.warn(
        {
          interface: spec.name,
          status: refused.status,
          authorizationError: refused.authorizationError,
          reason: refused.reason,
          remote: req.socket.remoteAddress,
        },
        'upgrade refused: client certificate',
      );
      refuseUpgrade(socket, refused.reason, refused.status);
      return;
    }
    const offered = (req.headers['sec-websocket-protocol'] ?? '')
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean);
    if (!offered.includes(spec.subprotocol)) {
      const reason = offered.length
        ? `subprotocol ${offered.join(', ')} refused: this endpoint speaks ${spec.subprotocol}`
        : `no subprotocol offered: this endpoint speaks ${spec.subprotocol}`;
      options.logger.warn(
        { interface: spec.name, offered, remote: req.socket.remoteAddress },
        'upgrade refused',
      );
      refuseUpgrade(socket, reason);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const link = new Link(
        ws,
        'server',
        { ...options, registry, limits },
        options.admit,
        secure && linkTls(() => secure),
      );
      links.add(link);
      link.once('close', () => links.delete(link));
      options.onLink?.(link);
    });
  });

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      http.off('error', reject);
      resolve();
    });
  });
  const address = http.address() as AddressInfo;
  const host = options.host ?? '127.0.0.1';

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= closeListener(
      http,
      sockets,
      async () => {
        wss.close();
        await Promise.all([...links].map((link) => link.close('going-away', 'server shutting down')));
      },
      options.stopGraceMs ?? stopDefaults.graceMs,
    );
    return closing;
  };
  return {
    host,
    port: address.port,
    url: `${tls ? 'wss' : 'ws'}://${host}:${address.port}/${spec.name}`,
    links,
    close,
    [Symbol.asyncDispose]: close,
  };
}

function refuseUpgrade(socket: Duplex, reason: string, status = 400): void {
  const body = `${reason}\n`;
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n` +
      'Connection: close\r\n' +
      'Content-Type: text/plain\r\n' +
      `${refusalHeader}: ${reason}\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}
