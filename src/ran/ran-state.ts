/**
 * The RAN an O-DU simulates: its cells (each a carrier with a PRB grid and a slice PRB policy) and
 * its connected UEs. Plain mutable data: the scheduler drains buffers, RC control changes policies
 * and serving cells, and nothing here does I/O.
 */
import { PlugfestError } from '../wire/index.js';
import { numerology, type SubcarrierSpacingKhz } from './numerology.js';
import { defaultFrequencyRange, type FrequencyRange, prbCount } from './prb-grid.js';
import type { Snssai, UeConfig, UeState } from './traffic.js';

/** A cell as configured. */
export interface CellConfig {
  readonly cellId: string;
  readonly bandwidthMhz: number;
  readonly scsKhz: number;
  /** Default: FR1 for 15/30/60 kHz, FR2 for 120 kHz (see prbCount). */
  readonly frequencyRange?: FrequencyRange;
}

/**
 * The PRB quota of one slice in a cell, percent of N_RB (3GPP TS 28.541 RRMPolicyRatio, as E2SM-RC
 * slice-level PRB quota control carries it): dedicated PRBs are the slice's alone even when idle,
 * min PRBs are guaranteed when the slice has data, max PRBs cap the slice in every slot.
 */
export interface SlicePrbQuota {
  readonly snssai: Snssai;
  readonly minPrbPolicyRatio: number;
  readonly maxPrbPolicyRatio: number;
  readonly dedicatedPrbPolicyRatio: number;
}

/** A cell as the RAN holds it. */
export interface CellState {
  readonly cellId: string;
  readonly bandwidthMhz: number;
  readonly scsKhz: SubcarrierSpacingKhz;
  readonly frequencyRange: FrequencyRange;
  /** N_RB from the 3GPP table. */
  readonly prbCount: number;
  readonly slotDurationMs: number;
  /** Slice quotas in force; slices not listed share what the listed ones leave. Starts empty. */
  slicePolicy: SlicePrbQuota[];
}

/** Cells and UEs, by id. */
export interface RanState {
  readonly cells: Map<string, CellState>;
  readonly ues: Map<number, UeState>;
}

/** A RAN state; an invalid carrier, a duplicate id or a UE in an unknown cell is `config-invalid`. */
export function createRanState(config: {
  cells: readonly CellConfig[];
  ues?: readonly UeConfig[];
}): RanState {
  const state: RanState = { cells: new Map(), ues: new Map() };
  for (const cell of config.cells) {
    if (state.cells.has(cell.cellId))
      invalid(`cell ${cell.cellId} is configured twice`, { cellId: cell.cellId });
    const { scsKhz, slotDurationMs } = numerology(cell.scsKhz);
    const frequencyRange = cell.frequencyRange ?? defaultFrequencyRange(scsKhz);
    state.cells.set(cell.cellId, {
      cellId: cell.cellId,
      bandwidthMhz: cell.bandwidthMhz,
      scsKhz,
      frequencyRange,
      prbCount: prbCount(cell.bandwidthMhz, scsKhz, { frequencyRange }),
      slotDurationMs,
      slicePolicy: [],
    });
  }
  for (const ue of config.ues ?? []) attachUe(state, ue);
  return state;
}

/** Connects a UE with empty buffers; an unknown cell, a taken id or a bad field is `config-invalid`. */
export function attachUe(state: RanState, ue: UeConfig): UeState {
  if (state.ues.has(ue.ueId)) invalid(`UE ${ue.ueId} is already connected`, { ueId: ue.ueId });
  if (!state.cells.has(ue.cellId)) {
    invalid(`UE ${ue.ueId} names unknown cell ${ue.cellId}; cells: ${[...state.cells.keys()].join(', ')}`, {
      ueId: ue.ueId,
      cellId: ue.cellId,
    });
  }
  if (!Number.isInteger(ue.cqi) || ue.cqi < 0 || ue.cqi > 15) invalid(`UE ${ue.ueId} cqi must be 0..15`, {});
  if (!(ue.dlKbps >= 0 && ue.ulKbps >= 0)) invalid(`UE ${ue.ueId} offered load must be >= 0 kbit/s`, {});
  const { sst, sd } = ue.snssai;
  if (!Number.isInteger(sst) || sst < 0 || sst > 255 || (sd !== undefined && !(sd >= 0 && sd <= 0xffffff))) {
    invalid(`UE ${ue.ueId} S-NSSAI needs sst 0..255 and sd 0..0xffffff`, { snssai: ue.snssai });
  }
  const held: UeState = { ...ue, dlBacklogBytes: 0, ulBacklogBytes: 0 };
  state.ues.set(ue.ueId, held);
  return held;
}

/** Releases a UE; false when it was not connected. */
export function detachUe(state: RanState, ueId: number): boolean {
  return state.ues.delete(ueId);
}

function invalid(message: string, details: Record<string, unknown>): never {
  throw new PlugfestError('config-invalid', message, details);
}
