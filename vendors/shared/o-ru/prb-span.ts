/**
 * The PRBs a C-plane or U-plane section names (WG4.CUS startPrbc / numPrbc and rb): numPrb 0
 * means every PRB of the carrier from the start, and rb "every other" skips one PRB each time.
 */
import { oran } from '../../../src/sdk/index.js';

const { RbIndicator } = oran.fronthaul.cuplane.v1;

export interface PrbSpan {
  readonly start: number;
  /** How many PRBs the section carries. */
  readonly count: number;
  /** 1, or 2 for every other RB. */
  readonly stride: number;
}

export function prbSpan(
  startPrb: number | null | undefined,
  numPrbField: number | null | undefined,
  rb: oran.fronthaul.cuplane.v1.RbIndicator | null | undefined,
  carrierPrbs: number,
): PrbSpan {
  const start = startPrb ?? 0;
  const numPrb = numPrbField ?? 0;
  const stride = rb === RbIndicator.RB_INDICATOR_EVERY_OTHER_RB ? 2 : 1;
  const count = numPrb > 0 ? numPrb : Math.max(0, Math.ceil((carrierPrbs - start) / stride));
  return { start, count, stride };
}

/** The PRB index of the i-th PRB of the span. */
export function prbAt(span: PrbSpan, i: number): number {
  return span.start + i * span.stride;
}

/** Why the span leaves the carrier's PRB grid, or undefined when it fits. */
export function spanProblem(span: PrbSpan, carrierPrbs: number): string | undefined {
  const last = prbAt(span, span.count - 1);
  if (span.count === 0 || span.start >= carrierPrbs || last >= carrierPrbs) {
    return `PRBs ${span.start}..${last} are not within the carrier's ${carrierPrbs} PRBs (0..${carrierPrbs - 1})`;
  }
  return undefined;
}
