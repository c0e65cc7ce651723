/**
 * A proportional-fair MAC scheduler. Every slot of a cell, traffic arrives, then the cell's N_RB
 * PRBs are shared, downlink and uplink each, among its UEs with data: PRBs go one RBG at a time
 * to the UE with the highest PF metric (the bits a PRB carries for it over its average
 * throughput), honouring the cell's slice PRB quotas. Each UE's PRBs form one contiguous block
 * (TS 38.214 resource allocation type 1). DL and UL each see the whole carrier every slot:
 * plugfest does not model TDD patterns.
 */
import { PlugfestError } from '../wire/index.js';
import type { CellState, RanState, SlicePrbQuota } from './ran-state.js';
import {
  bitsPerPrb,
  createTrafficModel,
  type Direction,
  formatSnssai,
  type TrafficModel,
  type UeState,
} from './traffic.js';

/** PRBs given to one UE in one slot and direction. */
export interface Allocation {
  readonly ueId: number;
  readonly prbStart: number;
  readonly prbCount: number;
  /** Bytes the PRBs carried (never more than the UE had buffered). */
  readonly bytes: number;
}

/** What one slot of one cell scheduled. */
export interface SlotResult {
  readonly cellId: string;
  /** This cell's slot counter, from 0. */
  readonly slot: number;
  readonly slotDurationMs: number;
  /** N_RB of the carrier. */
  readonly prbTotal: number;
  readonly dl: readonly Allocation[];
  readonly ul: readonly Allocation[];
  readonly prbUsedDl: number;
  readonly prbUsedUl: number;
  /** UEs served by the cell (RRC connected) during the slot. */
  readonly connectedUes: number;
}

/** Options of the scheduler. */
export interface SchedulerOptions {
  /**
   * Time constant of the PF average throughput, in slots (EWMA weight 1/averagingSlots).
   * Default 100: long enough that a UE in a fade is not starved, short enough to follow load.
   */
  readonly averagingSlots?: number;
  /** Arrivals and channel draws. Default createTrafficModel() (seed 1). */
  readonly traffic?: TrafficModel;
}

/** Schedules slots of the cells of one RAN state. */
export interface Scheduler {
  /** Runs the next slot of a cell; an unknown cell is `config-invalid`. */
  scheduleSlot(cellId: string): SlotResult;
  /** The UE's PF average throughput, bits per slot (0 before it is first scheduled). */
  averageBitsPerSlot(ueId: number, direction: Direction): number;
}

/**
 * RBG size P for a carrier of N_RB PRBs: TS 38.214 Table 5.1.2.2.1-1, configuration 1 (2, 4, 8
 * or 16 PRBs). The scheduler hands out PRBs in steps of P, so two equal UEs share a slot.
 */
export function rbgSize(prbTotal: number): number {
  if (prbTotal <= 36) return 2;
  if (prbTotal <= 72) return 4;
  if (prbTotal <= 144) return 8;
  return 16;
}

interface Candidate {
  readonly ue: UeState;
  readonly slice: string;
  readonly bitsPerPrb: number;
  readonly needPrbs: number;
  readonly average: number;
  granted: number;
}

/** A PF scheduler over `state` (defaults: averagingSlots 100, traffic seed 1). */
export function createScheduler(state: RanState, options: SchedulerOptions = {}): Scheduler {
  const { averagingSlots = 100, traffic = createTrafficModel() } = options;
  const alpha = 1 / averagingSlots;
  const averages = new Map<number, Record<Direction, number>>();
  const slots = new Map<string, number>();

  const averageOf = (ueId: number): Record<Direction, number> => {
    const known = averages.get(ueId);
    if (known) return known;
    const fresh = { dl: 0, ul: 0 };
    averages.set(ueId, fresh);
    return fresh;
  };

  const schedule = (cell: CellState, ues: UeState[], cqi: Map<number, number>, direction: Direction) => {
    const backlog = direction === 'dl' ? 'dlBacklogBytes' : 'ulBacklogBytes';
    const candidates: Candidate[] = [];
    for (const ue of ues) {
      const bits = bitsPerPrb(cqi.get(ue.ueId)!, direction);
      if (ue[backlog] === 0 || bits === 0) continue;
      const needPrbs = Math.ceil((ue[backlog] * 8) / bits);
      const average = averageOf(ue.ueId)[direction];
      candidates.push({
        ue,
        slice: formatSnssai(ue.snssai),
        bitsPerPrb: bits,
        needPrbs,
        average,
        granted: 0,
      });
    }
    const granted = sharePrbs(cell, candidates, alpha);
    const byUe = new Map(candidates.map((c) => [c.ue.ueId, c]));

    const allocations: Allocation[] = [];
    let prbStart = 0;
    for (const ue of ues) {
      const c = byUe.get(ue.ueId);
      const prbs = c?.granted ?? 0;
      const bytes = c && prbs > 0 ? Math.min(ue[backlog], Math.floor((prbs * c.bitsPerPrb) / 8)) : 0;
      const average = averageOf(ue.ueId);
      average[direction] = (1 - alpha) * average[direction] + alpha * bytes * 8;
      if (prbs === 0) continue;
      ue[backlog] -= bytes;
      allocations.push({ ueId: ue.ueId, prbStart, prbCount: prbs, bytes });
      prbStart += prbs;
    }
    return { allocations, used: granted };
  };

  return {
    scheduleSlot(cellId) {
      const cell = state.cells.get(cellId);
      if (!cell) {
        throw new PlugfestError('config-invalid', `no cell ${cellId} to schedule`, { cellId });
      }
      const ues = [...state.ues.values()]
        .filter((ue) => ue.cellId === cellId)
        .sort((a, b) => a.ueId - b.ueId);
      const cqi = new Map<number, number>();
      for (const ue of ues) {
        traffic.arrive(ue, cell.slotDurationMs);
        cqi.set(ue.ueId, traffic.channelCqi(ue));
      }
      const dl = schedule(cell, ues, cqi, 'dl');
      const ul = schedule(cell, ues, cqi, 'ul');
      const slot = slots.get(cellId) ?? 0;
      slots.set(cellId, slot + 1);
      return {
        cellId,
        slot,
        slotDurationMs: cell.slotDurationMs,
        prbTotal: cell.prbCount,
        dl: dl.allocations,
        ul: ul.allocations,
        prbUsedDl: dl.used,
        prbUsedUl: ul.used,
        connectedUes: ues.length,
      };
    },
    averageBitsPerSlot(ueId, direction) {
      return averages.get(ueId)?.[direction] ?? 0;
    },
  };
}

/**
 * Grants PRBs to candidates in two passes (TS 28.541 RRMPolicyRatio semantics): first each slice
 * with a quota gets up to its min PRBs; dedicated PRBs it leaves unused stay idle; then whatever
 * is left is shared by all, each slice capped at its max PRBs. Ratios become PRBs rounded down,
 * so quotas never add up to more than N_RB. Returns the PRBs granted.
 */
function sharePrbs(cell: CellState, candidates: Candidate[], alpha: number): number {
  const total = cell.prbCount;
  const quotas = new Map<string, { min: number; max: number; dedicated: number }>();
  for (const q of cell.slicePolicy) quotas.set(formatSnssai(q.snssai), prbsOf(q, total));
  const sliceUsed = new Map<string, number>();
  const capLeft = (c: Candidate): number => {
    const quota = quotas.get(c.slice);
    return quota ? quota.max - (sliceUsed.get(c.slice) ?? 0) : Number.POSITIVE_INFINITY;
  };
  const grant = (c: Candidate, prbs: number): void => {
    c.granted += prbs;
    sliceUsed.set(c.slice, (sliceUsed.get(c.slice) ?? 0) + prbs);
  };

  let used = 0;
  let idleDedicated = 0;
  for (const [slice, quota] of quotas) {
    const members = candidates.filter((c) => c.slice === slice);
    const got = pfFill(members, Math.min(quota.min, total - used), rbgSize(total), alpha, capLeft, grant);
    used += got;
    idleDedicated += Math.max(0, quota.dedicated - got);
  }
  used += pfFill(candidates, total - used - idleDedicated, rbgSize(total), alpha, capLeft, grant);
  return used;
}

function prbsOf(q: SlicePrbQuota, total: number): { min: number; max: number; dedicated: number } {
  const prbs = (ratio: number): number => Math.floor((ratio * total) / 100);
  return {
    min: prbs(q.minPrbPolicyRatio),
    max: prbs(q.maxPrbPolicyRatio),
    dedicated: prbs(q.dedicatedPrbPolicyRatio),
  };
}

/**
 * Hands out up to `budget` PRBs, one RBG at a time, to the candidate with the highest PF metric.
 * The metric counts what the candidate already got this slot, as if its average were updated
 * after each RBG, so equal UEs alternate within a slot. Ties go to the lower UE id.
 */
function pfFill(
  candidates: Candidate[],
  budget: number,
  rbg: number,
  alpha: number,
  capLeft: (c: Candidate) => number,
  grant: (c: Candidate, prbs: number) => void,
): number {
  let given = 0;
  while (given < budget) {
    let best: Candidate | undefined;
    let bestMetric = -1;
    for (const c of candidates) {
      if (c.granted >= c.needPrbs || capLeft(c) <= 0) continue;
      // +1 bit keeps a UE that has never been served finite and first in line.
      const metric = c.bitsPerPrb / ((1 - alpha) * c.average + alpha * c.granted * c.bitsPerPrb + 1);
      if (metric > bestMetric) {
        best = c;
        bestMetric = metric;
      }
    }
    if (!best) break;
    const prbs = Math.min(rbg, best.needPrbs - best.granted, budget - given, capLeft(best));
    grant(best, prbs);
    given += prbs;
  }
  return given;
}
