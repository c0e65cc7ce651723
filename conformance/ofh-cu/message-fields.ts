/**
 * What a tapped CU-plane message says, in the words the checks use: its eAxC, direction and slot,
 * and the PRBs a section names on its carrier's grid.
 */
import { oran } from '../../src/conformance/index.js';
import type { ConfiguredCarrier } from './configuration.js';
import type { CuMessage } from './tap.js';

const cu = oran.fronthaul.cuplane.v1;

export const eaxcOf = (m: CuMessage): number => m.message.ecpriHeader?.eaxcId?.eaxcId ?? 0;
export const isDl = (m: CuMessage): boolean => m.message.dataDirection === cu.DataDirection.DATA_DIRECTION_DL;
export const slotText = (m: CuMessage): string =>
  `frame ${m.message.frameId} subframe ${m.message.subframeId} slot ${m.message.slotId}`;
export const what = (m: CuMessage): string =>
  `${isDl(m) ? 'DL' : 'UL'} ${m.plane === 'c' ? 'C' : 'U'}-plane of eAxC ${eaxcOf(m)}`;
/** Slots in order modulo the 256 frames frameId names; 16 slots a subframe bounds every SCS up to 240 kHz. */
export const slotIndex = (m: CuMessage): number =>
  (m.message.frameId * 10 + m.message.subframeId) * 16 + m.message.slotId;
const slotPeriod = 256 * 10 * 16;
export const slotsAfter = (a: number, b: number): number => {
  const ahead = (((a - b) % slotPeriod) + slotPeriod) % slotPeriod;
  return ahead > slotPeriod / 2 ? ahead - slotPeriod : ahead;
};

/** The PRBs a section names (WG4.CUS: numPrb 0 is every PRB from start; every-other-RB steps by 2). */
export function prbSpan(
  startPrb: number | null | undefined,
  numPrbField: number | null | undefined,
  rb: number | null | undefined,
  carrierPrbs: number,
) {
  const start = startPrb ?? 0;
  const numPrb = numPrbField ?? 0;
  const stride = rb === cu.RbIndicator.RB_INDICATOR_EVERY_OTHER_RB ? 2 : 1;
  const count = numPrb > 0 ? numPrb : Math.max(0, Math.ceil((carrierPrbs - start) / stride));
  return { start, count, last: start + (count - 1) * stride };
}

/** The carrier an eAxC id belongs to. */
export const carrierOfEaxc = (carriers: readonly ConfiguredCarrier[], eaxcId: number) =>
  carriers.find((c) => c.eaxcIds.includes(eaxcId));
