/**
 * eCPRI sequence ids (WG4.CUS): 0..255 per eAxC, separately for the C-plane and the U-plane,
 * incremented per message and wrapping 255 -> 0. The receiver checks continuity; the sender
 * numbers its own messages.
 */

export type Plane = 'c' | 'u';
export type SequenceCheck = 'first' | 'ok' | 'gap' | 'duplicate';

/** The receiving side: the last sequence id seen per plane and eAxC. */
export class SequenceChecker {
  readonly #last = new Map<string, number>();

  /** Checks `sequenceId` against the previous message of the same plane and eAxC. */
  check(plane: Plane, eaxcId: number, sequenceId: number): { result: SequenceCheck; expected?: number } {
    const key = `${plane}/${eaxcId}`;
    const last = this.#last.get(key);
    this.#last.set(key, sequenceId);
    if (last === undefined) return { result: 'first' };
    const expected = (last + 1) % 256;
    if (sequenceId === expected) return { result: 'ok' };
    if (sequenceId === last) return { result: 'duplicate', expected };
    return { result: 'gap', expected };
  }

  reset(): void {
    this.#last.clear();
  }
}

/** The sending side: the next sequence id per eAxC. */
export class SequenceCounter {
  readonly #next = new Map<number, number>();

  next(eaxcId: number): number {
    const id = this.#next.get(eaxcId) ?? 0;
    this.#next.set(eaxcId, (id + 1) % 256);
    return id;
  }

  reset(): void {
    this.#next.clear();
  }
}
