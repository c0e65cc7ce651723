/**
 * The effects of E2SM-RC control on the RAN state: slice-level PRB quota (radio resource
 * allocation control) and connected-mode mobility (handover of a UE to a target cell). A refused
 * control leaves the state untouched and says why, so the E2 node can answer RIC Control Failure
 * (cause ricRequest: control-message-invalid) with the reason in its diagnostic.
 */
import type { RanState, SlicePrbQuota } from './ran-state.js';
import { formatSnssai, sameSnssai } from './traffic.js';

/** Why a control was refused. */
export type RcRefusal =
  | 'unknown-cell'
  | 'invalid-snssai'
  | 'duplicate-slice'
  | 'ratio-out-of-range'
  | 'min-exceeds-max'
  | 'dedicated-exceeds-min'
  | 'min-sum-exceeds-100'
  | 'unknown-ue-id'
  | 'unknown-target-cell';

/** The outcome of a control: applied, or refused with a code and a sentence. */
export type RcOutcome = { ok: true } | { ok: false; reason: RcRefusal; detail: string };

/** One RRM policy member of a slice PRB quota control, ratios in percent of N_RB (0..100). */
export interface SlicePrbQuotaItem {
  readonly sst: number;
  readonly sd?: number;
  readonly minPrbPolicyRatio: number;
  readonly maxPrbPolicyRatio: number;
  readonly dedicatedPrbPolicyRatio: number;
}

/** A slice PRB quota control for one cell. */
export interface SlicePrbQuotaControl {
  readonly cell: string;
  readonly items: readonly SlicePrbQuotaItem[];
}

/**
 * Sets the PRB quota of each listed slice in the cell, replacing that slice's earlier quota and
 * keeping other slices'. Ratios are integers 0..100 with dedicated <= min <= max, and the min
 * ratios of all slices of the cell add up to at most 100 (3GPP TS 28.541 RRMPolicyRatio). All
 * items apply or none does.
 */
export function applySlicePrbQuota(state: RanState, control: SlicePrbQuotaControl): RcOutcome {
  const cell = state.cells.get(control.cell);
  if (!cell)
    return refuse('unknown-cell', `no cell ${control.cell}; cells: ${[...state.cells.keys()].join(', ')}`);
  const incoming: SlicePrbQuota[] = [];
  for (const item of control.items) {
    const snssai = item.sd === undefined ? { sst: item.sst } : { sst: item.sst, sd: item.sd };
    const slice = formatSnssai(snssai);
    if (!isInteger(item.sst, 0, 255) || (item.sd !== undefined && !isInteger(item.sd, 0, 0xffffff))) {
      return refuse('invalid-snssai', `${slice}: sst must be 0..255 and sd 0..0xffffff`);
    }
    if (incoming.some((q) => sameSnssai(q.snssai, snssai))) {
      return refuse('duplicate-slice', `${slice} is listed twice in one control`);
    }
    const { minPrbPolicyRatio: min, maxPrbPolicyRatio: max, dedicatedPrbPolicyRatio: dedicated } = item;
    for (const [name, ratio] of [
      ['min', min],
      ['max', max],
      ['dedicated', dedicated],
    ] as const) {
      if (!isInteger(ratio, 0, 100)) {
        return refuse(
          'ratio-out-of-range',
          `${slice}: ${name} PRB ratio must be an integer 0..100, got ${ratio}`,
        );
      }
    }
    if (min > max) return refuse('min-exceeds-max', `${slice}: min PRB ratio ${min} exceeds max ${max}`);
    if (dedicated > min) {
      return refuse('dedicated-exceeds-min', `${slice}: dedicated PRB ratio ${dedicated} exceeds min ${min}`);
    }
    incoming.push({
      snssai,
      minPrbPolicyRatio: min,
      maxPrbPolicyRatio: max,
      dedicatedPrbPolicyRatio: dedicated,
    });
  }
  const kept = cell.slicePolicy.filter((q) => !incoming.some((n) => sameSnssai(n.snssai, q.snssai)));
  const merged = [...kept, ...incoming];
  const minSum = merged.reduce((sum, q) => sum + q.minPrbPolicyRatio, 0);
  if (minSum > 100) {
    return refuse('min-sum-exceeds-100', `min PRB ratios of cell ${cell.cellId} would add up to ${minSum}%`);
  }
  cell.slicePolicy = merged;
  return { ok: true };
}

/** Moves a UE, with its buffers, to the target cell; a handover to its own cell changes nothing. */
export function handover(state: RanState, ueId: number, targetCellId: string): RcOutcome {
  const ue = state.ues.get(ueId);
  if (!ue) return refuse('unknown-ue-id', `no connected UE ${ueId}`);
  if (!state.cells.has(targetCellId)) {
    return refuse(
      'unknown-target-cell',
      `no cell ${targetCellId}; cells: ${[...state.cells.keys()].join(', ')}`,
    );
  }
  ue.cellId = targetCellId;
  return { ok: true };
}

function refuse(reason: RcRefusal, detail: string): RcOutcome {
  return { ok: false, reason, detail };
}

function isInteger(value: number, min: number, max: number): boolean {
  return Number.isInteger(value) && value >= min && value <= max;
}
