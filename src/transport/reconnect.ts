/**
 * A client that keeps its link: it dials, and when the link fails or drops it dials again after
 * a backoff of 10 ms doubling to 5 s, forever (ONF ran-simulator's reconnection), until stopped.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { PlugfestError } from '../wire/index.js';
import { type ConnectOptions, openLink } from './client.js';
import type { Link, LinkCloseEvent } from './link.js';

export interface BackoffOptions {
  /** Default 10 ms. */
  readonly initialMs: number;
  /** Default 5000 ms. */
  readonly maxMs: number;
  /** Default 2. */
  readonly factor: number;
}

export const defaultBackoff: BackoffOptions = Object.freeze({ initialMs: 10, maxMs: 5000, factor: 2 });

export interface ReconnectingClientOptions extends ConnectOptions {
  readonly backoff?: Partial<BackoffOptions>;
  /** Called with each link once it is ready. */
  readonly onLink: (link: Link) => void;
  /**
   * Called with each link as soon as it is opened, before its handshake: where the dialling
   * side's attestation (src/sdk) listens for the challenge of the attestation slot.
   */
  readonly onOpen?: (link: Link) => void;
  /** Called when an attempt fails, with the delay before the next one. */
  readonly onAttemptFailed?: (error: PlugfestError, attempt: number, nextDelayMs: number) => void;
}

export interface ReconnectingClient extends AsyncDisposable {
  /** The ready link, if there is one now. */
  readonly current: Link | undefined;
  /** Connection attempts so far, successful ones included. */
  readonly attempts: number;
  /** Stops reconnecting and closes the current link with `going-away`. */
  stop(): Promise<void>;
}

/** The delays of successive failed attempts: 10, 20, 40, ... capped at 5000 ms. */
export function backoffDelays(options: BackoffOptions = defaultBackoff): () => number {
  let next = options.initialMs;
  return () => {
    const delay = next;
    next = Math.min(next * options.factor, options.maxMs);
    return delay;
  };
}

export function dialWithBackoff(options: ReconnectingClientOptions): ReconnectingClient {
  const backoff = { ...defaultBackoff, ...options.backoff };
  const abort = new AbortController();
  let current: Link | undefined;
  /** The link being dialled, not yet ready: a stop must end it too. */
  let dialling: Link | undefined;
  let attempts = 0;

  const run = async (): Promise<void> => {
    let delays = backoffDelays(backoff);
    while (!abort.signal.aborted) {
      attempts += 1;
      const link = openLink(options);
      dialling = link;
      options.onOpen?.(link);
      try {
        await link.ready;
      } catch (reason) {
        dialling = undefined;
        const delay = delays();
        options.onAttemptFailed?.(PlugfestError.from(reason, 'connect-failed'), attempts, delay);
        await sleep(delay, undefined, { signal: abort.signal }).catch(() => {});
        continue;
      }
      dialling = undefined;
      // Stopped while the handshake ran: the link became ready after stop() looked for it.
      if (abort.signal.aborted) {
        await link.close('going-away', 'client stopping');
        break;
      }
      current = link;
      delays = backoffDelays(backoff);
      options.onLink(link);
      const closed = await new Promise<LinkCloseEvent>((resolve) => {
        if (link.state === 'closed')
          resolve({ code: 1006, reason: 'closed before ready event', byPeer: true });
        else link.once('close', resolve);
      });
      current = undefined;
      if (abort.signal.aborted) break;
      const delay = delays();
      options.onAttemptFailed?.(
        new PlugfestError('link-closed', `link closed (${closed.code} ${closed.reason})`, { ...closed }),
        attempts,
        delay,
      );
      await sleep(delay, undefined, { signal: abort.signal }).catch(() => {});
    }
  };
  const loop = run();

  const stop = async (): Promise<void> => {
    abort.abort();
    await Promise.all([
      current?.close('going-away', 'client stopping'),
      dialling?.close('going-away', 'client stopping'),
    ]);
    await loop;
  };
  return {
    get current() {
      return current;
    },
    get attempts() {
      return attempts;
    },
    stop,
    [Symbol.asyncDispose]: stop,
  };
}
