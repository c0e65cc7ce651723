/**
 * Request/response correlation by transaction id: each request takes the next id (1 up to
 * 2^32 - 1, then 1 again; 0 marks a message that expects no answer), the first outcome frame
 * carrying it settles the request, and a request unanswered within its timeout rejects with
 * `request-timeout`.
 */
import { type Frame, type MessageType, oran, PlugfestError } from '../wire/index.js';

const { PduKind } = oran.common.v1;

/** The transaction id of a message that expects no answer. */
export const noAnswer = 0;

interface Pending {
  readonly type: string;
  resolve(frame: Frame): void;
  reject(error: PlugfestError): void;
  timer: NodeJS.Timeout;
}

/** The requests of one link still waiting for their outcome. */
export class PendingRequests {
  #pending = new Map<number, Pending>();
  #nextTransaction = 1;

  /**
   * Opens a request of `type`: `write` sends it with the transaction id it was given, and the
   * promise resolves with the outcome frame that answers it.
   */
  open(type: MessageType, timeoutMs: number, write: (transactionId: number) => void): Promise<Frame> {
    const transactionId = this.#allocateTransaction();
    return new Promise<Frame>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(transactionId);
        reject(
          new PlugfestError(
            'request-timeout',
            `no answer to ${type} (transaction ${transactionId}) within ${timeoutMs} ms`,
            { messageType: type, transactionId, timeoutMs },
          ),
        );
      }, timeoutMs);
      this.#pending.set(transactionId, { type, resolve, reject, timer });
      write(transactionId);
    });
  }

  /** Settles the request an outcome frame answers; false if it answers none (or is initiating). */
  settle(frame: Frame): boolean {
    const { header } = frame;
    if (header.pduKind === PduKind.PDU_KIND_INITIATING_MESSAGE) return false;
    const pending = this.#pending.get(header.transactionId);
    if (!pending || header.transactionId === noAnswer) return false;
    this.#pending.delete(header.transactionId);
    clearTimeout(pending.timer);
    pending.resolve(frame);
    return true;
  }

  /** Rejects every open request with `link-closed`: the link closed with `closed`. */
  failAll(closed: PlugfestError): void {
    for (const pending of this.#pending.values()) {
      clearTimeout(pending.timer);
      pending.reject(new PlugfestError('link-closed', `${pending.type} unanswered: ${closed.rawMessage}`));
    }
    this.#pending.clear();
  }

  #allocateTransaction(): number {
    const id = this.#nextTransaction;
    this.#nextTransaction = id >= 0xffffffff ? 1 : id + 1;
    return id;
  }
}
