/**
 * E2SM-KPM measurements of one cell, computed from what the scheduler did over a granularity
 * period. Names and units follow 3GPP TS 28.552 as E2SM-KPM reports them; where plugfest
 * simplifies (no control channels, no per-burst active time) the doc of the name says how.
 */

import type { SlotResult } from './scheduler.js';

/** The measurement names the accumulator reports. */
export const kpmMeasurementNames = [
  'DRB.UEThpDl',
  'DRB.UEThpUl',
  'RRU.PrbUsedDl',
  'RRU.PrbUsedUl',
  'RRU.PrbAvailDl',
  'RRU.PrbTotDl',
  'RRC.ConnMean',
  'RRC.ConnMax',
  'DRB.PdcpSduVolumeDL',
] as const;
/** One of kpmMeasurementNames. */
export type KpmMeasurementName = (typeof kpmMeasurementNames)[number];

/**
 * One report, by measurement name:
 * - DRB.UEThpDl / DRB.UEThpUl, kbit/s: the mean, over UEs that received data in the period, of
 *   each UE's bits over the period (28.552 5.1.1.3 divides by the time the UE's buffer held
 *   data; plugfest counts the whole period, so a bursty UE reads lower).
 * - RRU.PrbUsedDl / RRU.PrbUsedUl, %: PRBs used over PRBs of the carrier, summed over slots.
 * - RRU.PrbAvailDl, PRBs: the mean number of DL PRBs available for traffic (28.552 5.1.1.2.5
 *   counts PRBs, not percent); the whole carrier, N_RB.
 * - RRU.PrbTotDl, %: total DL PRB usage; equals RRU.PrbUsedDl as no control channel is modelled.
 * - RRC.ConnMean / RRC.ConnMax: mean and max of the connected UEs sampled every slot.
 * - DRB.PdcpSduVolumeDL, kbit: downlink bytes delivered x 8 / 1000.
 */
export type KpmReport = Record<KpmMeasurementName, number>;

/** Collects slots of one cell (E2SM-KPM reports per cell) between reports. */
export interface KpmAccumulator {
  /** Counts one scheduled slot. */
  add(slot: SlotResult): void;
  /** Slots counted since the last report. */
  readonly slots: number;
  /** Air time counted since the last report, ms (slots x slot duration). */
  readonly airTimeMs: number;
  /**
   * The measurements of the period, then starts a new one. periodMs is the period in air time;
   * default: the air time of the slots added, which is what to use when the air clock runs slower
   * than real time. An empty period reports zeros.
   */
  report(periodMs?: number): KpmReport;
}

/** An empty accumulator. */
export function createKpmAccumulator(): KpmAccumulator {
  let slots = 0;
  let airTimeMs = 0;
  let prbTotal = 0;
  let prbUsedDl = 0;
  let prbUsedUl = 0;
  let connSum = 0;
  let connMax = 0;
  let dlBytesTotal = 0;
  const dlBytes = new Map<number, number>();
  const ulBytes = new Map<number, number>();

  const tally = (into: Map<number, number>, slot: SlotResult['dl']): void => {
    for (const a of slot) into.set(a.ueId, (into.get(a.ueId) ?? 0) + a.bytes);
  };
  const meanUeKbps = (bytes: Map<number, number>, periodMs: number): number => {
    const served = [...bytes.values()].filter((b) => b > 0);
    if (served.length === 0 || periodMs <= 0) return 0;
    // bits per ms is kbit/s.
    return served.reduce((sum, b) => sum + (b * 8) / periodMs, 0) / served.length;
  };

  return {
    add(slot) {
      slots += 1;
      airTimeMs += slot.slotDurationMs;
      prbTotal += slot.prbTotal;
      prbUsedDl += slot.prbUsedDl;
      prbUsedUl += slot.prbUsedUl;
      connSum += slot.connectedUes;
      connMax = Math.max(connMax, slot.connectedUes);
      tally(dlBytes, slot.dl);
      tally(ulBytes, slot.ul);
      for (const a of slot.dl) dlBytesTotal += a.bytes;
    },
    get slots() {
      return slots;
    },
    get airTimeMs() {
      return airTimeMs;
    },
    report(periodMs = airTimeMs) {
      const percent = (used: number): number => (prbTotal === 0 ? 0 : (100 * used) / prbTotal);
      const result: KpmReport = {
        'DRB.UEThpDl': meanUeKbps(dlBytes, periodMs),
        'DRB.UEThpUl': meanUeKbps(ulBytes, periodMs),
        'RRU.PrbUsedDl': percent(prbUsedDl),
        'RRU.PrbUsedUl': percent(prbUsedUl),
        'RRU.PrbAvailDl': slots === 0 ? 0 : prbTotal / slots,
        'RRU.PrbTotDl': percent(prbUsedDl),
        'RRC.ConnMean': slots === 0 ? 0 : connSum / slots,
        'RRC.ConnMax': connMax,
        'DRB.PdcpSduVolumeDL': (dlBytesTotal * 8) / 1000,
      };
      slots = 0;
      airTimeMs = 0;
      prbTotal = prbUsedDl = prbUsedUl = connSum = connMax = dlBytesTotal = 0;
      dlBytes.clear();
      ulBytes.clear();
      return result;
    },
  };
}
