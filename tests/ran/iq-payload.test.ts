import { describe, expect, it } from 'vitest';
import {
  compressCarrier,
  compressPrb,
  decodeIqPayload,
  decodeUncompressed,
  decompressCarrier,
  encodeIqPayload,
  encodeUncompressed,
  prbPayloadBytes,
  testSignal,
} from '../../src/ran/index.js';
import { plugfestErrorOf } from './helpers.js';

describe('IQ payload on the wire', () => {
  it('takes 1 + 3 x iqWidth bytes a PRB with BFP and 48 uncompressed', () => {
    expect(prbPayloadBytes({ method: 'bfp', iqWidth: 8 })).toBe(25);
    expect(prbPayloadBytes({ method: 'bfp', iqWidth: 9 })).toBe(28);
    expect(prbPayloadBytes({ method: 'bfp', iqWidth: 14 })).toBe(43);
    expect(prbPayloadBytes({ method: 'none', iqWidth: 16 })).toBe(48);
  });

  it('puts each PRB udCompParam (the exponent) ahead of its mantissas', () => {
    const samples = testSignal({ prbCount: 3, amplitude: 30000 });
    const bytes = compressCarrier(samples, 9);
    expect(bytes.length).toBe(3 * 28);
    for (let p = 0; p < 3; p++) {
      const alone = compressPrb(samples.subarray(24 * p, 24 * (p + 1)), 9);
      expect(bytes[28 * p]).toBe(alone.exponent);
      expect(bytes.subarray(28 * p + 1, 28 * (p + 1))).toEqual(alone.mantissas);
    }
  });

  it('ignores the reserved high nibble of udCompParam', () => {
    const samples = testSignal({ prbCount: 2 });
    const bytes = compressCarrier(samples, 12);
    const marked = Uint8Array.from(bytes);
    marked[0]! |= 0xf0;
    expect(decompressCarrier(marked, 12)).toEqual(decompressCarrier(bytes, 12));
  });

  it('writes uncompressed samples as big-endian 16-bit pairs', () => {
    const samples = new Int16Array(24);
    samples.set([1, -2, 0x1234, -32768]);
    const bytes = encodeUncompressed(samples);
    expect([...bytes.subarray(0, 8)]).toEqual([0x00, 0x01, 0xff, 0xfe, 0x12, 0x34, 0x80, 0x00]);
    expect(decodeUncompressed(bytes)).toEqual(samples);
  });

  it('round-trips through encodeIqPayload / decodeIqPayload for both methods', () => {
    const samples = testSignal({ prbCount: 273, seed: 9 });
    const none = { method: 'none', iqWidth: 16 } as const;
    expect(decodeIqPayload(encodeIqPayload(samples, none), none)).toEqual(samples);
    const bfp = { method: 'bfp', iqWidth: 16 } as const;
    expect(decodeIqPayload(encodeIqPayload(samples, bfp), bfp)).toEqual(samples);
    expect(encodeIqPayload(samples, bfp).length).toBe(273 * 49);
  });

  it('refuses a payload that is not whole PRBs as malformed-frame', () => {
    const bytes = compressCarrier(testSignal({ prbCount: 2 }), 9);
    const bfp = plugfestErrorOf(() => decompressCarrier(bytes.subarray(0, 55), 9));
    expect(bfp.code).toBe('malformed-frame');
    expect(bfp.message).toContain('a BFP 9-bit IQ payload is whole PRBs of 28 bytes, got 55 bytes');
    expect(plugfestErrorOf(() => decodeUncompressed(new Uint8Array(47))).code).toBe('malformed-frame');
  });

  it('refuses samples that are not whole PRBs', () => {
    expect(() => compressCarrier(new Int16Array(25), 9)).toThrow(RangeError);
    expect(() => encodeUncompressed(new Int16Array(23))).toThrow(RangeError);
  });
});
