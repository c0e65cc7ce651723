/**
 * The PRB grid of a carrier: the maximum transmission bandwidth configuration N_RB per channel
 * bandwidth and SCS. The numbers are copied from the 3GPP tables, not computed: the guard bands
 * behind them are not a formula (they were negotiated per entry), and a formula that is right for
 * 273 PRBs at 100 MHz / 30 kHz is wrong elsewhere.
 */
import { PlugfestError } from '../wire/index.js';

/** FR1 is sub-7 GHz (TS 38.101-1), FR2 is mmWave (TS 38.101-2). */
export type FrequencyRange = 'FR1' | 'FR2';

type Grid = Readonly<Record<number, Readonly<Record<number, number>>>>;

// 3GPP TS 38.101-1 Table 5.3.2-1 (FR1), columns 5..100 MHz. N/A entries are absent: 15 kHz stops
// at 50 MHz and 60 kHz starts at 10 MHz. The Rel-17 35 and 45 MHz columns are not modelled.
const fr1: Grid = {
  15: { 5: 25, 10: 52, 15: 79, 20: 106, 25: 133, 30: 160, 40: 216, 50: 270 },
  30: {
    5: 11,
    10: 24,
    15: 38,
    20: 51,
    25: 65,
    30: 78,
    40: 106,
    50: 133,
    60: 162,
    70: 189,
    80: 217,
    90: 245,
    100: 273,
  },
  60: { 10: 11, 15: 18, 20: 24, 25: 31, 30: 38, 40: 51, 50: 65, 60: 79, 70: 93, 80: 107, 90: 121, 100: 135 },
};

// 3GPP TS 38.101-2 Table 5.3.2-1 (FR2), columns 50..400 MHz; 400 MHz at 60 kHz is N/A.
const fr2: Grid = {
  60: { 50: 66, 100: 132, 200: 264 },
  120: { 50: 32, 100: 66, 200: 132, 400: 264 },
};

const grids: Readonly<Record<FrequencyRange, Grid>> = { FR1: fr1, FR2: fr2 };
const specs: Readonly<Record<FrequencyRange, string>> = {
  FR1: '3GPP TS 38.101-1 Table 5.3.2-1',
  FR2: '3GPP TS 38.101-2 Table 5.3.2-1',
};

/** Options of the PRB grid look-ups. */
export interface PrbGridOptions {
  /**
   * Which table to read. Default: FR1 for 15, 30 and 60 kHz, FR2 for 120 kHz. 60 kHz exists in
   * both with different counts (65 vs 66 PRBs at 50 MHz), so an FR2 60 kHz carrier must say so.
   */
  readonly frequencyRange?: FrequencyRange;
}

/** FR1 for 15/30/60 kHz, FR2 for 120 kHz: the range a carrier is in when nothing else says. */
export function defaultFrequencyRange(scsKhz: number): FrequencyRange {
  return scsKhz === 120 ? 'FR2' : 'FR1';
}

/** N_RB for the combination, or undefined where the table says N/A. Never throws. */
export function lookupPrbCount(
  bandwidthMhz: number,
  scsKhz: number,
  options: PrbGridOptions = {},
): number | undefined {
  const range = options.frequencyRange ?? defaultFrequencyRange(scsKhz);
  return grids[range][scsKhz]?.[bandwidthMhz];
}

/**
 * N_RB of a carrier of `bandwidthMhz` at `scsKhz` (e.g. 273 at 100 MHz / 30 kHz). A combination
 * the table marks N/A, or does not have, is a `config-invalid` PlugfestError naming what is allowed.
 */
export function prbCount(bandwidthMhz: number, scsKhz: number, options: PrbGridOptions = {}): number {
  const found = lookupPrbCount(bandwidthMhz, scsKhz, options);
  if (found !== undefined) return found;
  const range = options.frequencyRange ?? defaultFrequencyRange(scsKhz);
  const allowed = supportedBandwidths(scsKhz, { frequencyRange: range });
  const what = `${bandwidthMhz} MHz at ${scsKhz} kHz has no PRB grid in ${range} (${specs[range]})`;
  const hint =
    allowed.length > 0
      ? `at ${scsKhz} kHz ${range} allows ${allowed.join(', ')} MHz`
      : `${range} has no ${scsKhz} kHz carriers; its SCS are ${Object.keys(grids[range]).join(', ')} kHz`;
  throw new PlugfestError('config-invalid', `${what}; ${hint}`, {
    bandwidthMhz,
    scsKhz,
    frequencyRange: range,
    allowedBandwidthsMhz: allowed,
  });
}

/** Channel bandwidths (MHz, ascending) that have a PRB grid at `scsKhz`; empty for an unknown SCS. */
export function supportedBandwidths(scsKhz: number, options: PrbGridOptions = {}): number[] {
  const range = options.frequencyRange ?? defaultFrequencyRange(scsKhz);
  return Object.keys(grids[range][scsKhz] ?? {})
    .map(Number)
    .sort((a, b) => a - b);
}
