/**
 * The O-DU's radio: one cell radiated on the carriers its O-RUs have active (a src/ran cell per
 * carrier), the simulated UEs spread over them, the proportional-fair scheduler, and the slice
 * PRB policy that RC control sets. Carriers come and go with their O-RUs; the UEs are spread
 * again over what is left, so one O-RU down leaves the others serving.
 */
import {
  applySlicePrbQuota,
  bitsPerPrb,
  type CarrierProfile,
  createRanState,
  createScheduler,
  createTrafficModel,
  handover,
  numerology,
  type RanState,
  type RcOutcome,
  type Scheduler,
  type SlicePrbQuotaItem,
  type SlotResult,
  type UeConfig,
} from '../../../src/ran/index.js';
import { defaultSlice } from './e2-identity.js';
import type { RcTarget } from './rc-function.js';

/** Options of the radio; the defaults load each carrier to about 90 % of its PRBs downlink. */
export interface RadioOptions {
  /** The E2 cell id the combined slots are reported under. */
  readonly cellId: string;
  /** Connected UEs, ids 1..ues, all in the default slice. */
  readonly ues: number;
  /** The carrier the O-DU wants, used to check quotas while no carrier is active. */
  readonly bandwidthMhz: number;
  readonly scsKhz: number;
  /** Share of each carrier's DL PRBs the offered load needs. Default 0.9. */
  readonly dlLoad?: number;
  /** Share of each carrier's UL PRBs the offered load needs. Default 0.6. */
  readonly ulLoad?: number;
  /** Wideband CQI of UE i is cqis[i % length]. Default a spread from 8 to 15. */
  readonly cqis?: readonly number[];
  /** Traffic model seed. Default 1. */
  readonly seed?: number;
}

/** One air slot: what each carrier scheduled, and their sum as the cell's slot for KPM. */
export interface RadioSlot {
  readonly carriers: ReadonlyMap<string, SlotResult>;
  readonly cell: SlotResult;
}

const slice = { sst: defaultSlice.sst, sd: Number.parseInt(defaultSlice.sd, 16) };
const policyCell = 'policy';

/** The cell's carriers, UEs, scheduler and slice policy; starts with no carrier and no quota. */
export class Radio implements RcTarget {
  readonly #options: RadioOptions;
  readonly #carriers = new Map<string, CarrierProfile>();
  // The slice policy of the cell, kept on a carrier-less copy so RC works with no O-RU active.
  readonly #policy: RanState;
  #state: RanState = createRanState({ cells: [] });
  #scheduler: Scheduler = createScheduler(this.#state);
  #slot = 0;

  constructor(options: RadioOptions) {
    this.#options = options;
    this.#policy = createRanState({
      cells: [{ cellId: policyCell, bandwidthMhz: options.bandwidthMhz, scsKhz: options.scsKhz }],
    });
  }

  /** Carriers in service, by O-RU instance. */
  get carriers(): ReadonlyMap<string, CarrierProfile> {
    return this.#carriers;
  }

  /** Puts the O-RU's carrier in service, or (profile undefined) takes it out. */
  setCarrier(ru: string, profile: CarrierProfile | undefined): void {
    if (profile) this.#carriers.set(ru, profile);
    else if (!this.#carriers.delete(ru)) return;
    this.#rebuild();
  }

  /** Runs one slot of every carrier. */
  schedule(): RadioSlot {
    const carriers = new Map<string, SlotResult>();
    for (const ru of this.#carriers.keys()) carriers.set(ru, this.#scheduler.scheduleSlot(ru));
    const all = [...carriers.values()];
    const cell: SlotResult = {
      cellId: this.#options.cellId,
      slot: this.#slot++,
      slotDurationMs: all[0]?.slotDurationMs ?? 0,
      prbTotal: sum(all, (s) => s.prbTotal),
      dl: all.flatMap((s) => s.dl),
      ul: all.flatMap((s) => s.ul),
      prbUsedDl: sum(all, (s) => s.prbUsedDl),
      prbUsedUl: sum(all, (s) => s.prbUsedUl),
      connectedUes: sum(all, (s) => s.connectedUes),
    };
    return { carriers, cell };
  }

  applySlicePrbQuota(items: readonly SlicePrbQuotaItem[]): RcOutcome {
    const outcome = applySlicePrbQuota(this.#policy, { cell: policyCell, items });
    if (outcome.ok) this.#applyPolicy();
    return outcome;
  }

  handover(ueId: number): RcOutcome {
    if (!Number.isInteger(ueId) || ueId < 1 || ueId > this.#options.ues) {
      return {
        ok: false,
        reason: 'unknown-ue-id',
        detail: `no connected UE ${ueId}; UEs are 1..${this.#options.ues}`,
      };
    }
    const ue = this.#state.ues.get(ueId);
    if (!ue) return { ok: true };
    // Move it to the least loaded other carrier of the cell, if there is one.
    const counts = [...this.#carriers.keys()]
      .filter((ru) => ru !== ue.cellId)
      .map((ru) => ({ ru, ues: [...this.#state.ues.values()].filter((u) => u.cellId === ru).length }))
      .sort((a, b) => a.ues - b.ues);
    return counts[0] ? handover(this.#state, ueId, counts[0].ru) : { ok: true };
  }

  #rebuild(): void {
    const {
      ues,
      dlLoad = 0.9,
      ulLoad = 0.6,
      cqis = [12, 10, 14, 9, 13, 11, 15, 8],
      seed = 1,
    } = this.#options;
    const carriers = [...this.#carriers];
    const configs: UeConfig[] = [];
    for (let i = 0; i < ues && carriers.length > 0; i++) {
      const [ru, profile] = carriers[i % carriers.length]!;
      const onCarrier =
        Math.floor(ues / carriers.length) + (i % carriers.length < ues % carriers.length ? 1 : 0);
      const { slotDurationMs } = numerology(profile.scsKhz);
      const cqi = cqis[i % cqis.length]!;
      // Each UE offers what its equal share of the carrier's PRBs carries at its CQI.
      const share = (load: number, direction: 'dl' | 'ul') =>
        (load * profile.prbCount * bitsPerPrb(cqi, direction)) / onCarrier / slotDurationMs;
      configs.push({
        ueId: i + 1,
        cellId: ru,
        snssai: slice,
        dlKbps: share(dlLoad, 'dl'),
        ulKbps: share(ulLoad, 'ul'),
        cqi,
        cqiSpread: 1,
      });
    }
    const cells = carriers.map(([ru, p]) => ({
      cellId: ru,
      bandwidthMhz: p.bandwidthMhz,
      scsKhz: p.scsKhz,
      frequencyRange: p.frequencyRange,
    }));
    this.#state = createRanState({ cells, ues: configs });
    this.#scheduler = createScheduler(this.#state, { traffic: createTrafficModel({ seed }) });
    this.#applyPolicy();
  }

  #applyPolicy(): void {
    const policy = this.#policy.cells.get(policyCell)!.slicePolicy;
    for (const cell of this.#state.cells.values()) cell.slicePolicy = [...policy];
  }
}

function sum(slots: readonly SlotResult[], of: (s: SlotResult) => number): number {
  return slots.reduce((total, s) => total + of(s), 0);
}
