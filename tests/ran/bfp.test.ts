import { describe, expect, it } from 'vitest';
import { bfpExponent, compressPrb, createPrng, decompressPrb } from '../../src/ran/index.js';
import { plugfestErrorOf } from './helpers.js';

const widths = [8, 9, 12, 14, 16];

function prb(values: number[]): Int16Array {
  const samples = new Int16Array(24);
  samples.set(values);
  return samples;
}

/** Random PRBs at every magnitude, so every exponent 0..8 occurs. */
function randomPrbs(count: number, seed: number): Int16Array[] {
  const prng = createPrng(seed);
  return Array.from({ length: count }, () => {
    const bits = 1 + prng.nextInt(16);
    return Int16Array.from({ length: 24 }, () => {
      const value = Math.floor((2 * prng.next() - 1) * 2 ** (bits - 1));
      return Math.max(-32768, Math.min(32767, value));
    });
  });
}

describe('BFP exponent', () => {
  it('is the smallest shift that fits every sample in a signed iqWidth-bit mantissa', () => {
    expect(bfpExponent(prb([]), 8)).toBe(0);
    expect(bfpExponent(prb([127]), 8)).toBe(0);
    expect(bfpExponent(prb([-128]), 8)).toBe(0);
    expect(bfpExponent(prb([128]), 8)).toBe(1);
    expect(bfpExponent(prb([-129]), 8)).toBe(1);
    expect(bfpExponent(prb([32767]), 8)).toBe(8);
    expect(bfpExponent(prb([-32768]), 8)).toBe(8);
    expect(bfpExponent(prb([32767]), 9)).toBe(7);
    expect(bfpExponent(prb([1000, -3]), 12)).toBe(0);
    expect(bfpExponent(prb([-32768, 32767]), 16)).toBe(0);
  });

  it('is minimal: one shift less would overflow some mantissa', () => {
    for (const width of widths) {
      for (const samples of randomPrbs(300, width)) {
        const e = bfpExponent(samples, width);
        const fits = (shift: number) =>
          samples.every((x) => x >> shift >= -(2 ** (width - 1)) && x >> shift < 2 ** (width - 1));
        expect(fits(e)).toBe(true);
        if (e > 0) expect(fits(e - 1)).toBe(false);
      }
    }
  });
});

describe('BFP packing', () => {
  it('packs 9-bit mantissas MSB first across byte boundaries', () => {
    // 1 = 000000001, -1 = 111111111, 255 = 011111111, -256 = 100000000, then zeros:
    // 00000000 1|1111111 11|011111 111|10000 0000... = 00 ff df f0 00 ...
    const compressed = compressPrb(prb([1, -1, 255, -256]), 9);
    expect(compressed.exponent).toBe(0);
    expect(compressed.mantissas.length).toBe(27);
    expect([...compressed.mantissas]).toEqual([0x00, 0xff, 0xdf, 0xf0, ...new Array(23).fill(0)]);
  });

  it('packs 12-bit mantissas three nibbles each', () => {
    // -2048 = 1000 0000 0000, 2047 = 0111 1111 1111, 1 = 0000 0000 0001, 0 ...
    const compressed = compressPrb(prb([-2048, 2047, 1]), 12);
    expect(compressed.exponent).toBe(0);
    expect([...compressed.mantissas.subarray(0, 6)]).toEqual([0x80, 0x07, 0xff, 0x00, 0x10, 0x00]);
    expect(compressed.mantissas.length).toBe(36);
  });

  it('shifts full-scale samples into 8 bits with exponent 8, truncating', () => {
    const compressed = compressPrb(prb([32767, -32768, 256, -1]), 8);
    expect(compressed.exponent).toBe(8);
    expect([...compressed.mantissas.subarray(0, 5)]).toEqual([0x7f, 0x80, 0x01, 0xff, 0x00]);
    expect([...decompressPrb(compressed, 8).subarray(0, 5)]).toEqual([32512, -32768, 256, -256, 0]);
  });
});

describe('BFP round trip', () => {
  it.each(widths)('loses less than 2^exponent per sample, never adding, at %i bits', (width) => {
    for (const samples of randomPrbs(2000, 100 + width)) {
      const compressed = compressPrb(samples, width);
      expect(compressed.mantissas.length).toBe(3 * width);
      const back = decompressPrb(compressed, width);
      for (let i = 0; i < 24; i++) {
        const loss = samples[i]! - back[i]!;
        expect(loss).toBeGreaterThanOrEqual(0);
        expect(loss).toBeLessThan(2 ** compressed.exponent);
      }
    }
  });

  it.each(widths)('keeps the edge cases within the bound at %i bits', (width) => {
    const edges = [
      prb([]),
      new Int16Array(24).fill(-32768),
      new Int16Array(24).fill(32767),
      Int16Array.from({ length: 24 }, (_, i) => (i % 2 === 0 ? 32767 : -32768)),
      Int16Array.from({ length: 24 }, (_, i) => (i % 2 === 0 ? 1 : -1)),
    ];
    for (const samples of edges) {
      const compressed = compressPrb(samples, width);
      expect(compressed.exponent).toBeLessThanOrEqual(16 - width);
      const back = decompressPrb(compressed, width);
      samples.forEach((x, i) => {
        expect(x - back[i]!).toBeGreaterThanOrEqual(0);
        expect(x - back[i]!).toBeLessThan(2 ** compressed.exponent);
      });
    }
  });

  it('keeps all zeros as zeros with exponent 0', () => {
    const compressed = compressPrb(prb([]), 8);
    expect(compressed).toEqual({ exponent: 0, mantissas: new Uint8Array(24) });
    expect(decompressPrb(compressed, 8)).toEqual(new Int16Array(24));
  });

  it('is lossless at 16 bits', () => {
    for (const samples of randomPrbs(200, 7)) {
      const compressed = compressPrb(samples, 16);
      expect(compressed.exponent).toBe(0);
      expect(decompressPrb(compressed, 16)).toEqual(samples);
    }
  });

  it('saturates instead of wrapping when a peer sends an exponent too large', () => {
    const compressed = compressPrb(prb([32767, -32768]), 8);
    const back = decompressPrb({ ...compressed, exponent: compressed.exponent + 1 }, 8);
    expect([...back.subarray(0, 2)]).toEqual([32767, -32768]);
  });
});

describe('BFP misuse', () => {
  it('refuses a bit width outside 1..16 as config-invalid', () => {
    expect(plugfestErrorOf(() => compressPrb(prb([]), 17)).code).toBe('config-invalid');
    expect(plugfestErrorOf(() => bfpExponent(prb([]), 0)).code).toBe('config-invalid');
    expect(plugfestErrorOf(() => compressPrb(prb([]), 8.5)).message).toContain('got 8.5');
  });

  it('refuses a PRB that is not 24 samples', () => {
    expect(() => compressPrb(new Int16Array(12), 9)).toThrow(RangeError);
  });

  it('refuses mantissas of the wrong length as malformed-frame', () => {
    const error = plugfestErrorOf(() => decompressPrb({ exponent: 0, mantissas: new Uint8Array(26) }, 9));
    expect(error.code).toBe('malformed-frame');
    expect(error.message).toContain('has 27 mantissa bytes, got 26');
  });
});
