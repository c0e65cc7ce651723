/**
 * What the scheduler did, slot by slot, for whoever measures it: each KPM action keeps its own
 * accumulator and listens here, so two subscriptions with different periods each see every slot.
 */
import type { SlotResult } from '../../../src/ran/index.js';

/** A listener of the O-DU cell's slots. */
export type SlotListener = (slot: SlotResult) => void;

/** Fan-out of the cell's slot results, in air-clock order. */
export class SlotFeed {
  readonly #listeners = new Set<SlotListener>();

  /** Adds a listener; the returned function removes it. */
  listen(listener: SlotListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  publish(slot: SlotResult): void {
    for (const listener of this.#listeners) listener(slot);
  }

  get listeners(): number {
    return this.#listeners.size;
  }
}
