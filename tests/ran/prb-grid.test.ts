import { describe, expect, it } from 'vitest';
import { lookupPrbCount, prbCount, supportedBandwidths } from '../../src/ran/index.js';
import { plugfestErrorOf } from './helpers.js';

// Typed from the specifications, row by row, not from the implementation's table.
// 3GPP TS 38.101-1 Table 5.3.2-1 (FR1): SCS kHz -> N_RB for 5 10 15 20 25 30 40 50 60 70 80 90 100 MHz.
const fr1Rows: [number, (number | null)[]][] = [
  [15, [25, 52, 79, 106, 133, 160, 216, 270, null, null, null, null, null]],
  [30, [11, 24, 38, 51, 65, 78, 106, 133, 162, 189, 217, 245, 273]],
  [60, [null, 11, 18, 24, 31, 38, 51, 65, 79, 93, 107, 121, 135]],
];
const fr1Bandwidths = [5, 10, 15, 20, 25, 30, 40, 50, 60, 70, 80, 90, 100];
// 3GPP TS 38.101-2 Table 5.3.2-1 (FR2): SCS kHz -> N_RB for 50 100 200 400 MHz.
const fr2Rows: [number, (number | null)[]][] = [
  [60, [66, 132, 264, null]],
  [120, [32, 66, 132, 264]],
];
const fr2Bandwidths = [50, 100, 200, 400];

const cells = (rows: typeof fr1Rows, bandwidths: number[]) =>
  rows.flatMap(([scs, counts]) => counts.map((n, i) => [bandwidths[i]!, scs, n] as const));
const fr1 = cells(fr1Rows, fr1Bandwidths);
const fr2 = cells(fr2Rows, fr2Bandwidths);

describe('PRB grid (maximum transmission bandwidth configuration)', () => {
  it('gives the best-known entries', () => {
    expect(prbCount(100, 30)).toBe(273);
    expect(prbCount(40, 30)).toBe(106);
    expect(prbCount(20, 30)).toBe(51);
    expect(prbCount(20, 15)).toBe(106);
    expect(prbCount(40, 15)).toBe(216);
    expect(prbCount(100, 60)).toBe(135);
    expect(prbCount(50, 60)).toBe(65);
  });

  it.each(fr1.filter(([, , n]) => n !== null))('FR1: %i MHz at %i kHz has %i PRBs', (bw, scs, n) => {
    expect(prbCount(bw, scs, { frequencyRange: 'FR1' })).toBe(n);
  });

  it.each(fr2.filter(([, , n]) => n !== null))('FR2: %i MHz at %i kHz has %i PRBs', (bw, scs, n) => {
    expect(prbCount(bw, scs, { frequencyRange: 'FR2' })).toBe(n);
  });

  it.each([...fr1.filter(([, , n]) => n === null).map(([bw, scs]) => [bw, scs, 'FR1'] as const)])(
    'refuses %i MHz at %i kHz, N/A in %s',
    (bw, scs, range) => {
      expect(lookupPrbCount(bw, scs, { frequencyRange: range })).toBeUndefined();
      const error = plugfestErrorOf(() => prbCount(bw, scs, { frequencyRange: range }));
      expect(error.code).toBe('config-invalid');
      expect(error.message).toContain(`${bw} MHz at ${scs} kHz has no PRB grid in ${range}`);
    },
  );

  it('refuses 400 MHz at 60 kHz in FR2, which the table marks N/A', () => {
    const error = plugfestErrorOf(() => prbCount(400, 60, { frequencyRange: 'FR2' }));
    expect(error.message).toContain('3GPP TS 38.101-2 Table 5.3.2-1');
    expect(error.message).toContain('at 60 kHz FR2 allows 50, 100, 200 MHz');
  });

  it('names the allowed bandwidths when refusing, and the facts in details', () => {
    const error = plugfestErrorOf(() => prbCount(100, 15));
    expect(error.rawMessage).toBe(
      '100 MHz at 15 kHz has no PRB grid in FR1 (3GPP TS 38.101-1 Table 5.3.2-1); ' +
        'at 15 kHz FR1 allows 5, 10, 15, 20, 25, 30, 40, 50 MHz',
    );
    expect(error.details).toMatchObject({ bandwidthMhz: 100, scsKhz: 15, frequencyRange: 'FR1' });
  });

  it('refuses an SCS the range has no carriers at', () => {
    const error = plugfestErrorOf(() => prbCount(100, 120, { frequencyRange: 'FR1' }));
    expect(error.message).toContain('FR1 has no 120 kHz carriers; its SCS are 15, 30, 60 kHz');
    expect(plugfestErrorOf(() => prbCount(20, 15, { frequencyRange: 'FR2' })).code).toBe('config-invalid');
  });

  it('refuses bandwidths between the columns and the Rel-17 columns it does not model', () => {
    expect(plugfestErrorOf(() => prbCount(35, 30)).code).toBe('config-invalid');
    expect(plugfestErrorOf(() => prbCount(21, 30)).code).toBe('config-invalid');
  });

  it('reads FR1 for 60 kHz unless told FR2, because the two tables differ there', () => {
    expect(prbCount(50, 60)).toBe(65);
    expect(prbCount(50, 60, { frequencyRange: 'FR2' })).toBe(66);
    expect(prbCount(100, 60, { frequencyRange: 'FR2' })).toBe(132);
    expect(prbCount(400, 120)).toBe(264);
  });

  it('lists the supported bandwidths per SCS', () => {
    expect(supportedBandwidths(15)).toEqual([5, 10, 15, 20, 25, 30, 40, 50]);
    expect(supportedBandwidths(30)).toEqual(fr1Bandwidths);
    expect(supportedBandwidths(60)).toEqual(fr1Bandwidths.slice(1));
    expect(supportedBandwidths(60, { frequencyRange: 'FR2' })).toEqual([50, 100, 200]);
    expect(supportedBandwidths(120)).toEqual(fr2Bandwidths);
    expect(supportedBandwidths(240)).toEqual([]);
  });
});
