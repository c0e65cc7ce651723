import { describe, expect, it } from 'vitest';
import {
  type DuPreference,
  formatCompressions,
  frequencyRangeOfBand,
  negotiateCarrier,
  type RuCapability,
} from '../../src/ran/index.js';

const ru: RuCapability = {
  bands: [78, 77],
  maxBandwidthMhz: 100,
  scsKhz: [30],
  compression: [
    { method: 'bfp', iqWidths: [8, 9] },
    { method: 'none', iqWidths: [16] },
  ],
  txArrays: 4,
  rxArrays: 2,
  eaxcIdRange: { first: 8, last: 11 },
};

const du: DuPreference = {
  bandwidthMhz: 100,
  scsKhz: 30,
  compression: [
    { method: 'bfp', iqWidth: 14 },
    { method: 'bfp', iqWidth: 9 },
    { method: 'none', iqWidth: 16 },
  ],
  arrays: 2,
};

describe('carrier negotiation', () => {
  it('agrees on the O-DU preferred compression that the O-RU supports', () => {
    expect(negotiateCarrier(ru, du)).toEqual({
      ok: true,
      profile: {
        band: 78,
        frequencyRange: 'FR1',
        bandwidthMhz: 100,
        scsKhz: 30,
        prbCount: 273,
        compression: { method: 'bfp', iqWidth: 9 },
        arrays: 2,
        eaxcIds: [8, 9],
      },
    });
  });

  it('falls back to uncompressed when that is all the O-DU and O-RU share', () => {
    const result = negotiateCarrier(ru, {
      ...du,
      band: 77,
      compression: [{ method: 'bfp', iqWidth: 12 }, ...du.compression.slice(2)],
    });
    expect(result.ok && result.profile).toMatchObject({
      band: 77,
      compression: { method: 'none', iqWidth: 16 },
    });
  });

  it('reads the FR2 table for an FR2 band', () => {
    const mmWave: RuCapability = { ...ru, bands: [257], maxBandwidthMhz: 400, scsKhz: [60, 120] };
    const at60 = negotiateCarrier(mmWave, { ...du, scsKhz: 60 });
    expect(at60.ok && at60.profile).toMatchObject({ frequencyRange: 'FR2', prbCount: 132 });
    const at120 = negotiateCarrier(mmWave, { ...du, bandwidthMhz: 400, scsKhz: 120 });
    expect(at120.ok && at120.profile.prbCount).toBe(264);
    expect(frequencyRangeOfBand(78)).toBe('FR1');
    expect(frequencyRangeOfBand(261)).toBe('FR2');
  });

  it('refuses when no compression is common, naming both offers', () => {
    const result = negotiateCarrier(ru, {
      ...du,
      compression: [
        { method: 'bfp', iqWidth: 14 },
        { method: 'bfp', iqWidth: 12 },
      ],
    });
    expect(result).toEqual({
      ok: false,
      mismatch: 'no-common-compression',
      reason: 'no common compression: O-RU offers BFP 8/9 + none, O-DU wants BFP 14/12',
      ruOffer: 'BFP 8/9 + none',
      duOffer: 'BFP 14/12',
    });
  });

  it.each([
    [{ band: 1 }, 'no-common-band', 'no common band: O-RU offers n78/n77, O-DU wants n1'],
    [{ scsKhz: 15 }, 'no-common-scs', 'no common subcarrier spacing: O-RU offers 30 kHz, O-DU wants 15 kHz'],
    [
      { bandwidthMhz: 200 },
      'bandwidth-too-wide',
      'bandwidth too wide: O-RU offers up to 100 MHz, O-DU wants 200 MHz',
    ],
    [
      { bandwidthMhz: 35 },
      'no-prb-grid',
      'no PRB grid: O-RU offers n78 (FR1), O-DU wants 35 MHz at 30 kHz; ',
    ],
    [
      { arrays: 4 },
      'not-enough-arrays',
      'not enough arrays: O-RU offers 4 TX / 2 RX arrays, O-DU wants 4 each way',
    ],
  ] as const)('refuses %o as %s', (change, mismatch, reason) => {
    const result = negotiateCarrier(ru, { ...du, ...change });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.mismatch).toBe(mismatch);
    expect(result.reason.startsWith(reason)).toBe(true);
    expect(result.reason).toContain(result.ruOffer);
    expect(result.reason).toContain(result.duOffer);
  });

  it('explains a bandwidth the 3GPP table does not have at that SCS', () => {
    const wide: RuCapability = { ...ru, scsKhz: [15, 30] };
    const result = negotiateCarrier(wide, { ...du, scsKhz: 15 });
    expect(!result.ok && result.reason).toBe(
      'no PRB grid: O-RU offers n78 (FR1), O-DU wants 100 MHz at 15 kHz; 100 MHz at 15 kHz has no PRB grid ' +
        'in FR1 (3GPP TS 38.101-1 Table 5.3.2-1); at 15 kHz FR1 allows 5, 10, 15, 20, 25, 30, 40, 50 MHz',
    );
  });

  it('refuses when the O-RU has too few eAxC ids for the arrays', () => {
    const result = negotiateCarrier(
      { ...ru, rxArrays: 4, eaxcIdRange: { first: 0, last: 2 } },
      { ...du, arrays: 4 },
    );
    expect(!result.ok && [result.mismatch, result.reason]).toEqual([
      'not-enough-eaxc-ids',
      'not enough eAxC ids: O-RU offers eAxC ids 0..2, O-DU wants 4 ids',
    ]);
  });

  it('writes compression lists as people do', () => {
    expect(formatCompressions([{ method: 'bfp', iqWidths: [8, 9, 12, 14, 16] }])).toBe('BFP 8/9/12/14/16');
    expect(
      formatCompressions([
        { method: 'bfp', iqWidth: 9 },
        { method: 'none', iqWidth: 16 },
        { method: 'bfp', iqWidth: 8 },
      ]),
    ).toBe('BFP 9 + none + BFP 8');
    expect(formatCompressions([])).toBe('nothing');
  });
});
