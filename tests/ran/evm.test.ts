import { describe, expect, it } from 'vitest';
import {
  compressCarrier,
  decompressCarrier,
  evmPercent,
  evmTolerancePercent,
  quantisationEvmBoundPercent,
  type TestModulation,
  testSignal,
} from '../../src/ran/index.js';
import { plugfestErrorOf } from './helpers.js';

const widths = [8, 9, 12, 14] as const;
const modulations: TestModulation[] = ['qpsk', '16qam', '64qam', '256qam'];

function roundTrip(samples: Int16Array, iqWidth: number): Int16Array {
  return decompressCarrier(compressCarrier(samples, iqWidth), iqWidth);
}

describe('EVM', () => {
  it('is 0 between identical signals', () => {
    const signal = testSignal({ prbCount: 10 });
    expect(evmPercent(signal, Int16Array.from(signal))).toBe(0);
  });

  it('is RMS error over RMS reference, in percent', () => {
    // Error power 1 + 1 = 2, reference power 100^2 + 100^2 = 20000: sqrt(1e-4) = 1%.
    expect(evmPercent([100, 0, 0, 100], [101, 0, 0, 99])).toBeCloseTo(1, 12);
    expect(evmPercent([3, 4], [0, 0])).toBe(100);
  });

  it('treats an all-zero reference as 0 when matched and infinite otherwise', () => {
    expect(evmPercent([0, 0], [0, 0])).toBe(0);
    expect(evmPercent([0, 0], [1, 0])).toBe(Number.POSITIVE_INFINITY);
  });

  it('refuses signals of different lengths', () => {
    expect(() => evmPercent([1, 2], [1, 2, 3, 4])).toThrow(RangeError);
  });
});

describe('EVM tolerance of a BFP round trip', () => {
  it('allows 3.3 / 1.7 / 0.21 / 0.052 / 0.013 percent at 8 / 9 / 12 / 14 / 16 bits', () => {
    expect([8, 9, 12, 14, 16].map(evmTolerancePercent)).toEqual([3.3, 1.7, 0.21, 0.052, 0.013]);
  });

  it('allows about twice the theoretical quantisation bound', () => {
    // Worst-case truncation EVM for a QAM-like signal is 1.05 / 2^(w-2): 1.64% at 8 bits.
    expect(quantisationEvmBoundPercent(8)).toBeCloseTo(1.640625, 9);
    for (const width of [8, 9, 12, 14, 16]) {
      const ratio = evmTolerancePercent(width) / quantisationEvmBoundPercent(width);
      expect(ratio).toBeGreaterThanOrEqual(2);
      expect(ratio).toBeLessThan(2.1);
    }
  });

  it('has no tolerance for a width it does not know', () => {
    const error = plugfestErrorOf(() => evmTolerancePercent(10));
    expect(error.code).toBe('config-invalid');
    expect(error.message).toContain('known widths: 8, 9, 12, 14, 16');
  });

  it.each(widths)(
    'keeps %i-bit round trips of every modulation and level under the bound and tolerance',
    (w) => {
      let worst = 0;
      for (const modulation of modulations) {
        for (const amplitude of [500, 4096, 16384, 23170, 31000]) {
          for (let seed = 1; seed <= 5; seed++) {
            const signal = testSignal({ prbCount: 20, modulation, amplitude, seed });
            worst = Math.max(worst, evmPercent(signal, roundTrip(signal, w)));
          }
        }
      }
      expect(worst).toBeGreaterThan(0);
      expect(worst).toBeLessThan(quantisationEvmBoundPercent(w));
      expect(worst).toBeLessThan(evmTolerancePercent(w));
    },
  );

  it('shows no loss at 16 bits', () => {
    const signal = testSignal({ prbCount: 273, modulation: '256qam', amplitude: 32000 });
    expect(evmPercent(signal, roundTrip(signal, 16))).toBe(0);
  });

  it.each([8, 9, 12, 14, 16])('catches a decompressor whose exponent is off by one at %i bits', (w) => {
    const signal = testSignal({ prbCount: 50 });
    const bytes = compressCarrier(signal, w);
    for (let p = 0; p < 50; p++) bytes[p * (1 + 3 * w)]! += 1;
    const evm = evmPercent(signal, decompressCarrier(bytes, w));
    expect(evm).toBeGreaterThan(40);
    expect(evm).toBeGreaterThan(10 * evmTolerancePercent(w));
  });

  it('catches a decompressor at the wrong bit width', () => {
    const signal = testSignal({ prbCount: 4 });
    const bytes = compressCarrier(signal, 9);
    // 4 PRBs of 9-bit BFP are 112 bytes; read as 12-bit that is not whole PRBs at all.
    expect(plugfestErrorOf(() => decompressCarrier(bytes, 12)).code).toBe('malformed-frame');
  });
});

describe('test signal', () => {
  it('is the same for the same seed and different for another', () => {
    const a = testSignal({ prbCount: 5, seed: 42 });
    expect(testSignal({ prbCount: 5, seed: 42 })).toEqual(a);
    expect(testSignal({ prbCount: 5, seed: 43 })).not.toEqual(a);
    expect(a.length).toBe(5 * 24);
  });

  it('draws QPSK near +/- amplitude with the dither it was given', () => {
    const signal = testSignal({ prbCount: 20, modulation: 'qpsk', amplitude: 10000, dither: 0.05 });
    for (const x of signal) {
      expect(Math.abs(Math.abs(x) - 10000)).toBeLessThanOrEqual(500);
    }
  });

  it('stays within int16 and peaks near the amplitude', () => {
    const signal = testSignal({ prbCount: 100, modulation: '256qam', amplitude: 32767, dither: 0.2 });
    expect(Math.max(...signal)).toBe(32767);
    expect(Math.min(...signal)).toBe(-32768);
    const clean = testSignal({ prbCount: 100, modulation: '16qam', amplitude: 20000, dither: 0 });
    expect(new Set(clean)).toEqual(new Set([-20000, -6667, 6667, 20000]));
  });
});
