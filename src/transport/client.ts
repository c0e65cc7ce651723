/**
 * The dialling end: opens a WebSocket with the interface's subprotocol and resolves with the
 * link once its handshake is done. A refusal at the upgrade rejects with `subprotocol-refused`
 * and the server's reason. With `tls` it dials wss:// with a client certificate and verifies the
 * server's; a refusal by either side's TLS rejects with `tls-refused`.
 */
import type { TLSSocket } from 'node:tls';
import WebSocket from 'ws';
import { createMessageRegistry, defaultWireLimits, PlugfestError } from '../wire/index.js';
import { Link } from './link.js';
import { type LinkOptions, socketPayloadCeiling } from './options.js';
import { refusalHeader } from './server.js';
import { type ClientTlsOptions, clientSecureOptions, linkTls } from './tls.js';
import { isTlsFailure } from './tls-refusal.js';

export interface ConnectOptions extends LinkOptions {
  readonly url: string;
  /** Subprotocols to offer. Default: the interface's own. Tests offer others. */
  readonly subprotocols?: readonly string[];
  /** mTLS: the URL is wss://, this end shows its certificate and verifies the server's. Default none. */
  readonly tls?: ClientTlsOptions;
}

/** Connects and completes the handshake. Rejects with the error that ended it. */
export async function connectLink(options: ConnectOptions): Promise<Link> {
  const link = openLink(options);
  await link.ready;
  return link;
}

/**
 * Connects and returns the link at once; `link.ready` settles with the handshake. Throws
 * `config-invalid` for `tls` with a ws:// URL, as ws throws for a URL it cannot use.
 */
export function openLink(options: ConnectOptions): Link {
  const limits = options.limits ?? defaultWireLimits;
  const { tls } = options;
  if (tls && !options.url.startsWith('wss:')) {
    throw new PlugfestError('config-invalid', `tls is given but ${options.url} is not a wss:// URL`, {
      url: options.url,
    });
  }
  let socket: TLSSocket | undefined;
  const ws = new WebSocket(options.url, [...(options.subprotocols ?? [options.spec.subprotocol])], {
    maxPayload: socketPayloadCeiling(limits),
    handshakeTimeout: options.handshakeTimeoutMs ?? 5000,
    ...(tls
      ? {
          ...clientSecureOptions(tls),
          finishRequest: (request) => {
            request.once('socket', (s) => {
              socket = s as TLSSocket;
            });
            request.end();
          },
        }
      : {}),
  });
  const link = new Link(
    ws,
    'client',
    { ...options, limits, registry: options.registry ?? createMessageRegistry() },
    undefined,
    tls && linkTls(() => socket),
  );
  // Failures the socket reports before any frame end the handshake with their own reason.
  // Each is handled synchronously, before ws emits 'close'.
  ws.once('unexpected-response', (_req, res) => {
    let body = '';
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => {
      body += chunk;
    });
    res.on('end', () => {
      const refusal = res.headers[refusalHeader];
      // 401 and 403 are the server's mTLS check; 400 its subprotocol check.
      const refusedBy =
        res.statusCode === 401 || res.statusCode === 403 ? 'tls-refused' : 'subprotocol-refused';
      link.failHandshake(
        refusal
          ? new PlugfestError(refusedBy, String(refusal), {
              status: res.statusCode,
              url: options.url,
            })
          : new PlugfestError('connect-failed', `upgrade answered ${res.statusCode}: ${body.trim()}`, {
              status: res.statusCode,
              url: options.url,
            }),
      );
      ws.terminate();
    });
  });
  ws.once('error', (error: Error & { code?: string }) => {
    const refused = tls !== undefined && isTlsFailure(error);
    link.failHandshake(
      new PlugfestError(
        refused ? 'tls-refused' : 'connect-failed',
        `cannot connect to ${options.url}: ${refused ? 'TLS refused: ' : ''}${error.message}`,
        { url: options.url, ...(error.code ? { errorCode: error.code } : {}) },
        error,
      ),
    );
  });
  ws.once('open', () => {
    if (ws.protocol === options.spec.subprotocol) return;
    link.failHandshake(
      new PlugfestError(
        'subprotocol-refused',
        `server selected subprotocol "${ws.protocol}", expected ${options.spec.subprotocol}`,
      ),
    );
    ws.terminate();
  });
  return link;
}
