/**
 * The dialling end: opens a WebSocket with the interface's subprotocol and resolves with the
 * link once its handshake is done. A refusal at the upgrade rejects with `subprotocol-refused`
 * and the server's reason.
 */
import WebSocket from 'ws';
import { createMessageRegistry, defaultWireLimits, PlugfestError } from '../wire/index.js';
import { Link } from './link.js';
import { type LinkOptions, socketPayloadCeiling } from './options.js';
import { refusalHeader } from './server.js';

export interface ConnectOptions extends LinkOptions {
  readonly url: string;
  /** Subprotocols to offer. Default: the interface's own. Tests offer others. */
  readonly subprotocols?: readonly string[];
}

/** Connects and completes the handshake. Rejects with the error that ended it. */
export async function connectLink(options: ConnectOptions): Promise<Link> {
  const link = openLink(options);
  await link.ready;
  return link;
}

/** Connects and returns the link at once; `link.ready` settles with the handshake. */
export function openLink(options: ConnectOptions): Link {
  const limits = options.limits ?? defaultWireLimits;
  const ws = new WebSocket(options.url, [...(options.subprotocols ?? [options.spec.subprotocol])], {
    maxPayload: socketPayloadCeiling(limits),
    handshakeTimeout: options.handshakeTimeoutMs ?? 5000,
  });
  const link = new Link(ws, 'client', {
    ...options,
    limits,
    registry: options.registry ?? createMessageRegistry(),
  });
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
      link.failHandshake(
        refusal
          ? new PlugfestError('subprotocol-refused', String(refusal), {
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
  ws.once('error', (error) => {
    link.failHandshake(
      new PlugfestError(
        'connect-failed',
        `cannot connect to ${options.url}: ${error.message}`,
        { url: options.url },
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
