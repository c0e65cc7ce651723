/**
 * Every stop has a bound (issue 15: a finished run never exited because a server's close
 * waited for a socket whose peer had stopped reading). A stop first asks nicely (a close
 * frame, a FIN, SIGTERM) and, when that has not completed within its grace period, forces it
 * (the socket destroyed, SIGKILL): the forced step always completes.
 */
import type { Server } from 'node:net';
import type { Duplex } from 'node:stream';

/** Grace given to a clean close before it is forced. Default 1000 ms. */
export const stopDefaults = Object.freeze({ graceMs: 1000 });

/** `work`'s outcome, or `timedOut` when it has not settled within `ms`. Never rejects. */
export async function settleWithin<T>(
  work: Promise<T>,
  ms: number,
): Promise<{ readonly timedOut: false; readonly value: T } | { readonly timedOut: true }> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<{ timedOut: true }>((resolve) => {
    timer = setTimeout(() => resolve({ timedOut: true }), ms);
  });
  try {
    return await Promise.race([
      work.then(
        (value) => ({ timedOut: false as const, value }),
        () => ({ timedOut: false as const, value: undefined as T }),
      ),
      late,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The sockets a listener accepted, so that closing it can end them all: `server.close()`
 * waits for every connection, and a connection whose peer never reads nor closes (a refused
 * upgrade it did not read, an upgrade stuck dialling upstream) never ends by itself.
 */
export class SocketTracker {
  readonly #sockets = new Set<Duplex>();

  constructor(server: Server) {
    server.on('connection', (socket: Duplex) => this.add(socket));
  }

  add(socket: Duplex): void {
    this.#sockets.add(socket);
    socket.once('close', () => this.#sockets.delete(socket));
  }

  get size(): number {
    return this.#sockets.size;
  }

  destroyAll(): void {
    for (const socket of this.#sockets) socket.destroy();
    this.#sockets.clear();
  }
}

/**
 * Closes a listener: no new connections, `drain` for the clean part (close frames), then every
 * socket still open after `graceMs` destroyed. Resolves once the listener has closed.
 */
export async function closeListener(
  server: Server,
  sockets: SocketTracker,
  drain: () => Promise<unknown>,
  graceMs: number = stopDefaults.graceMs,
): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  await settleWithin(drain(), graceMs);
  const clean = await settleWithin(closed, sockets.size > 0 ? graceMs : graceMs * 2);
  if (!clean.timedOut) return;
  sockets.destroyAll();
  await closed;
}
