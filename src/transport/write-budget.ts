/**
 * Backpressure for a sender: bytes handed to the socket and not yet flushed are counted, and a
 * sender over the high-water mark waits until the count falls under the low-water mark (after
 * ws `socketOnData` / `receiverOnDrain`, seen from the writing side). Nothing is buffered
 * without bound: a slow reader stalls its sender instead of growing its memory.
 */
export class WriteBudget {
  #inFlight = 0;
  #peak = 0;
  #waiters: Array<{ resolve: () => void; reject: (e: unknown) => void }> = [];
  #failure: unknown;

  constructor(
    readonly highWaterMark: number,
    readonly lowWaterMark = Math.floor(highWaterMark / 2),
  ) {}

  /** Bytes handed to the socket and not yet flushed. */
  get inFlight(): number {
    return this.#inFlight;
  }

  /** The most bytes ever in flight at once. */
  get peak(): number {
    return this.#peak;
  }

  /** Resolves when a sender may write; rejects once the budget has failed (link closed). */
  async acquire(): Promise<void> {
    for (;;) {
      if (this.#failure !== undefined) throw this.#failure;
      if (this.#inFlight < this.highWaterMark) return;
      await new Promise<void>((resolve, reject) => this.#waiters.push({ resolve, reject }));
    }
  }

  taken(bytes: number): void {
    this.#inFlight += bytes;
    this.#peak = Math.max(this.#peak, this.#inFlight);
  }

  flushed(bytes: number): void {
    this.#inFlight -= bytes;
    if (this.#inFlight > this.lowWaterMark) return;
    for (const waiter of this.#waiters.splice(0)) waiter.resolve();
  }

  /** Fails every waiting and future sender with `reason`. */
  fail(reason: unknown): void {
    this.#failure = reason;
    for (const waiter of this.#waiters.splice(0)) waiter.reject(reason);
  }
}
