/**
 * The UE traffic model: each UE belongs to a cell and a slice, offers downlink and uplink load in
 * kbit/s that arrives into its buffers every slot, and has a channel quality (CQI) that says how
 * many bits a PRB carries for it. Everything random is drawn from one seeded PRNG.
 */
import { createPrng } from './prng.js';

/** A network slice, S-NSSAI (3GPP TS 23.003 clause 28.4.2): SST 0..255, optional 24-bit SD. */
export interface Snssai {
  readonly sst: number;
  readonly sd?: number;
}

/** True when both name the same slice (no SD matches no SD only). */
export function sameSnssai(a: Snssai, b: Snssai): boolean {
  return a.sst === b.sst && a.sd === b.sd;
}

/** "sst 1" or "sst 1 sd 0x0000ab": how messages and map keys name a slice. */
export function formatSnssai(snssai: Snssai): string {
  const sd = snssai.sd === undefined ? '' : ` sd 0x${snssai.sd.toString(16).padStart(6, '0')}`;
  return `sst ${snssai.sst}${sd}`;
}

/** A UE as configured. */
export interface UeConfig {
  /** RAN UE id, unique in the RAN state. */
  readonly ueId: number;
  /** The serving cell. */
  readonly cellId: string;
  readonly snssai: Snssai;
  /** Offered downlink load, kbit/s of air time. Use a large value (or Infinity) for full buffer. */
  readonly dlKbps: number;
  /** Offered uplink load, kbit/s of air time. */
  readonly ulKbps: number;
  /** Wideband CQI 0..15 (TS 38.214 Table 5.2.2.1-2); 0 is out of range and carries nothing. */
  readonly cqi: number;
  /** Each slot's CQI is drawn uniformly within cqi +/- cqiSpread (clamped to 1..15). Default 0. */
  readonly cqiSpread?: number;
}

/** A UE as the RAN holds it: its config, its serving cell (RC handover changes it) and its buffers. */
export interface UeState extends UeConfig {
  cellId: string;
  dlBacklogBytes: number;
  ulBacklogBytes: number;
}

/** Downlink or uplink. */
export type Direction = 'dl' | 'ul';

/**
 * Spectral efficiency in bits per resource element for CQI 0..15: 3GPP TS 38.214 Table
 * 5.2.2.1-2 (CQI table 1, up to 64QAM). Index 0, out of range, carries nothing.
 */
export const cqiSpectralEfficiency: readonly number[] = Object.freeze([
  0, 0.1523, 0.2344, 0.377, 0.6016, 0.877, 1.1758, 1.4766, 1.9141, 2.4063, 2.7305, 3.3223, 3.9023, 4.5234,
  5.1152, 5.5547,
]);

// Share of a PRB's 12 x 14 resource elements lost to control, reference signals and guard: the
// overhead factors of TS 38.306 clause 4.1.2 for the maximum data rate (FR1 DL 0.14, UL 0.08).
const overhead: Readonly<Record<Direction, number>> = { dl: 0.14, ul: 0.08 };

/** Data bits one PRB carries in one slot at this CQI: efficiency x 168 REs x (1 - overhead). */
export function bitsPerPrb(cqi: number, direction: Direction): number {
  const efficiency = cqiSpectralEfficiency[Math.round(cqi)] ?? 0;
  return Math.floor(efficiency * 12 * 14 * (1 - overhead[direction]));
}

/** Options of the traffic model. */
export interface TrafficModelOptions {
  /** PRNG seed. Default 1. */
  readonly seed?: number;
  /**
   * Buffer size per UE and direction, bytes; arrivals beyond it are dropped. Default 1 MiB: far
   * more than a 273-PRB slot carries (about 27 KB at CQI 15), so a full-buffer UE never runs dry.
   */
  readonly maxBacklogBytes?: number;
  /** Each slot's arrivals vary uniformly by +/- this fraction of the mean. Default 0 (constant). */
  readonly burstiness?: number;
}

/** Arrivals and channel draws; one model serves a whole RAN state. */
export interface TrafficModel {
  /** Adds one slot's worth of offered load to the UE's buffers. */
  arrive(ue: UeState, slotDurationMs: number): void;
  /** This slot's CQI of the UE. */
  channelCqi(ue: UeState): number;
}

/** A traffic model with the given options (defaults: seed 1, 1 MiB buffers, no burstiness). */
export function createTrafficModel(options: TrafficModelOptions = {}): TrafficModel {
  const { seed = 1, maxBacklogBytes = 1024 * 1024, burstiness = 0 } = options;
  const prng = createPrng(seed);
  // Arrivals are whole bytes; the fraction left over carries to the next slot, so a 1 kbit/s UE
  // on 0.5 ms slots still offers exactly 1 kbit every second.
  const carry = new Map<number, { dl: number; ul: number }>();

  const bytesThisSlot = (kbps: number, slotDurationMs: number, left: number): number => {
    const jitter = burstiness === 0 ? 1 : 1 + burstiness * (2 * prng.next() - 1);
    return left + (kbps * slotDurationMs * jitter) / 8;
  };

  return {
    arrive(ue, slotDurationMs) {
      const left = carry.get(ue.ueId) ?? { dl: 0, ul: 0 };
      const dl = bytesThisSlot(ue.dlKbps, slotDurationMs, left.dl);
      const ul = bytesThisSlot(ue.ulKbps, slotDurationMs, left.ul);
      const dlWhole = Number.isFinite(dl) ? Math.floor(dl) : maxBacklogBytes;
      const ulWhole = Number.isFinite(ul) ? Math.floor(ul) : maxBacklogBytes;
      carry.set(ue.ueId, {
        dl: Number.isFinite(dl) ? dl - dlWhole : 0,
        ul: Number.isFinite(ul) ? ul - ulWhole : 0,
      });
      ue.dlBacklogBytes = Math.min(maxBacklogBytes, ue.dlBacklogBytes + dlWhole);
      ue.ulBacklogBytes = Math.min(maxBacklogBytes, ue.ulBacklogBytes + ulWhole);
    },
    channelCqi(ue) {
      const spread = ue.cqiSpread ?? 0;
      if (spread === 0 || ue.cqi === 0) return ue.cqi;
      const drawn = ue.cqi + Math.round((2 * prng.next() - 1) * spread);
      return Math.max(1, Math.min(15, drawn));
    },
  };
}
