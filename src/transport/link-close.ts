/**
 * How a link closes: this end sends a LinkClose with the cause, then the WebSocket close, and
 * bounds the wait for the socket to close; when the socket closes, from either end, every
 * open request and writer fails and `close` is emitted once, with the peer's LinkClose cause
 * if one came first.
 */
import {
  boundText,
  causeFor,
  closeCodeFor,
  describeCause,
  type ErrorCode,
  echoLimits,
  type Frame,
  oran,
  PlugfestError,
} from '../wire/index.js';
import { stopDefaults } from './bounded-stop.js';
import type { Link } from './link.js';
import type { LinkCore } from './link-core.js';
import { noAnswer } from './link-requests.js';
import type { LinkCloseEvent } from './link-types.js';

const { PduKind } = oran.common.v1;

export class LinkCloser {
  /** Resolves with the close event, once. */
  readonly closed: Promise<LinkCloseEvent>;
  #closing: { error?: PlugfestError } | undefined;
  #remoteClose: { cause: string; detail: string } | undefined;

  /**
   * `stopTimers`: stops the handshake clock and the heartbeats. `handshakeFailed`: rejects
   * `ready` (a no-op once it resolved).
   */
  constructor(
    private readonly link: Link,
    private readonly core: LinkCore,
    private readonly stopTimers: () => void,
    private readonly handshakeFailed: (error: PlugfestError) => void,
  ) {
    this.closed = new Promise((resolve) => link.once('close', resolve));
  }

  /** Closes with a cause, sent first in a LinkClose. Resolves when the socket has closed. */
  close(code: ErrorCode | 'normal' | 'going-away', detail: string): Promise<LinkCloseEvent> {
    const { core } = this;
    const { ws } = core;
    if (core.state === 'closing' || core.state === 'closed') return this.closed;
    core.state = 'closing';
    const error = code === 'normal' || code === 'going-away' ? undefined : new PlugfestError(code, detail);
    this.#closing = error ? { error } : {};
    this.stopTimers();
    if (ws.readyState === ws.OPEN) {
      const cause = error
        ? causeFor(error.code)
        : { misc: oran.common.v1.CauseMisc.CAUSE_MISC_OM_INTERVENTION };
      core.answer(
        'oran.common.v1.LinkClose',
        { cause, detail: boundText(detail, echoLimits.detailBytes) },
        PduKind.PDU_KIND_INITIATING_MESSAGE,
        noAnswer,
      );
      ws.close(closeCodeFor(code), truncateReason(`${code}${detail ? `: ${detail}` : ''}`));
      this.#forceCloseAfter(stopDefaults.graceMs);
    } else {
      ws.terminate();
      this.#forceCloseAfter(0);
    }
    return this.closed;
  }

  /** This end is ending the link with `error` (unless it already is, with its own). */
  closingWith(error: PlugfestError): void {
    this.#closing ??= { error };
  }

  /** The peer's LinkClose: its cause goes into the close event. */
  peerClosing(message: Frame<'oran.common.v1.LinkClose'>['message']): void {
    this.#remoteClose = { cause: describeCause(message.cause), detail: message.detail };
  }

  /**
   * Bounds a close: a peer that never answers the close frame is cut off after `graceMs`
   * (socket destroyed), and should ws still not report the socket closed within another grace
   * period (it waits for its receiver to finish, which a paused or stalled socket may never
   * do), the link closes itself, so `close()` always resolves.
   */
  #forceCloseAfter(graceMs: number): void {
    const force = setTimeout(() => {
      this.core.ws.terminate();
      const last = setTimeout(() => {
        if (this.core.state !== 'closed')
          this.socketClosed(1006, 'closed by this end: socket did not close in time');
      }, stopDefaults.graceMs);
      void this.closed.then(() => clearTimeout(last));
    }, graceMs);
    void this.closed.then(() => clearTimeout(force));
  }

  /** The socket closed (or is taken for closed): the link is closed, once. */
  socketClosed(code: number, reason: string): void {
    const { core } = this;
    if (core.state === 'closed') return;
    this.stopTimers();
    const byPeer = this.#closing === undefined;
    const error = this.#closing?.error;
    core.state = 'closed';
    const closed = new PlugfestError(
      'link-closed',
      `${core.options.spec.name} link closed (${code}${reason ? ` ${reason}` : ''})`,
      {
        code,
        reason,
      },
    );
    core.requests.failAll(closed);
    core.budget.fail(closed);
    this.handshakeFailed(error ?? closed);
    const event: LinkCloseEvent = {
      code,
      reason,
      byPeer,
      ...(this.#remoteClose ?? {}),
      ...(error ? { error } : {}),
    };
    core.log.info({ code, reason, byPeer, cause: event.cause }, 'link closed');
    this.link.emit('close', event);
  }
}

/** RFC 6455 allows 123 bytes of close reason. */
function truncateReason(reason: string): string {
  const bytes = Buffer.from(reason);
  return bytes.length <= 123 ? reason : `${bytes.subarray(0, 120).toString()}...`;
}
