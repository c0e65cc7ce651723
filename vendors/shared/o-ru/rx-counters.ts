/**
 * Reception window counters per eAxC (o-ran-performance-management rx-window-measurement), each
 * wrapping modulo 2^32 as the YANG counters do.
 */
import type { oran } from '../../../src/sdk/index.js';

export type RxWindowCounters = oran.fronthaul.cuplane.v1.RxWindowCounters.$Properties;
export type CounterName = Exclude<keyof RxWindowCounters, 'eaxcId' | '$unknowns'>;

const names: readonly CounterName[] = [
  'rxOnTime',
  'rxEarly',
  'rxLate',
  'rxCorrupt',
  'rxDuplicate',
  'rxTotal',
  'rxSeqidErr',
  'rxOnTimeC',
  'rxEarlyC',
  'rxLateC',
  'rxSeqidErrC',
];

export class RxCounters {
  readonly #byEaxc = new Map<number, Record<CounterName, number>>();

  count(eaxcId: number, counter: CounterName): void {
    let counters = this.#byEaxc.get(eaxcId);
    if (!counters) {
      counters = Object.fromEntries(names.map((n) => [n, 0])) as Record<CounterName, number>;
      this.#byEaxc.set(eaxcId, counters);
    }
    counters[counter] = (counters[counter] + 1) >>> 0;
  }

  has(eaxcId: number): boolean {
    return this.#byEaxc.has(eaxcId);
  }

  /** The counters of one eAxC; all zero if nothing arrived for it yet. */
  read(eaxcId: number): RxWindowCounters {
    const counters = this.#byEaxc.get(eaxcId);
    return { eaxcId, ...Object.fromEntries(names.map((n) => [n, counters?.[n] ?? 0])) };
  }

  /** Back to zero (a reset of the O-RU). */
  reset(): void {
    this.#byEaxc.clear();
  }
}
