/**
 * Quibble RF's own block floating point (its DSP team's port, not src/ran's reference code).
 *
 * THE INTEROP BUG, on purpose: the compressor shifts the mantissas by the right exponent e but
 * writes e + 1 into udCompParam. Every PRB Quibble sends therefore decodes, on any conformant
 * receiver, at twice its size: an EVM of about 100 % against the tolerance of a few tenths of a
 * percent. Nothing else shows it: the PRBs have the right size, the exponent is in range, every
 * M-plane procedure succeeds. Quibble's decompressor is right, so what it receives is fine; a
 * loopback (decompress, compress again) carries the bug back to the O-DU as well.
 */
import type { BfpCodec } from '../shared/o-ru/index.js';

const samplesPerPrb = 24;

function exponentFor(samples: Int16Array, iqWidth: number): number {
  let peak = 0;
  for (const x of samples) peak = Math.max(peak, x < 0 ? -x - 1 : x);
  let bits = 1;
  while (peak >> (bits - 1) !== 0) bits++;
  return Math.max(0, bits - iqWidth);
}

export const quibbleBfp: BfpCodec = {
  compressPrb(samples, iqWidth) {
    const exponent = exponentFor(samples, iqWidth);
    const mantissas = new Uint8Array(3 * iqWidth);
    let bitPos = 0;
    for (const sample of samples) {
      const mantissa = (sample >> exponent) & ((1 << iqWidth) - 1);
      for (let bit = iqWidth - 1; bit >= 0; bit--, bitPos++) {
        if ((mantissa >> bit) & 1) mantissas[bitPos >> 3]! |= 0x80 >> (bitPos & 7);
      }
    }
    // Here is the bug: udCompParam should carry `exponent`.
    return { exponent: Math.min(15, exponent + 1), mantissas };
  },

  decompressPrb(prb, iqWidth) {
    const out = new Int16Array(samplesPerPrb);
    let bitPos = 0;
    for (let i = 0; i < samplesPerPrb; i++) {
      let mantissa = 0;
      for (let bit = 0; bit < iqWidth; bit++, bitPos++) {
        mantissa = (mantissa << 1) | ((prb.mantissas[bitPos >> 3]! >> (7 - (bitPos & 7))) & 1);
      }
      if (mantissa & (1 << (iqWidth - 1))) mantissa -= 1 << iqWidth;
      out[i] = Math.max(-32768, Math.min(32767, mantissa * 2 ** prb.exponent));
    }
    return out;
  },
};
