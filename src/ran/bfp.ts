/**
 * Block floating point compression of one PRB (O-RAN.WG4.CUS Annex A.1): the 12 subcarriers of a
 * PRB, as 24 signed 16-bit I and Q samples, share one 4-bit exponent and keep iqWidth-bit
 * mantissas. Mantissas are packed back to back, most significant bit first, I before Q (CUS clause
 * 6.3.3.13 and Annex A.1.2).
 *
 * Rounding is truncation: a mantissa is the sample shifted right arithmetically (toward minus
 * infinity), as in the Annex's shift-based reference. Truncation never overflows the mantissa, so
 * no saturation is needed, and bounds the error per sample to 0 <= x - decompressed < 2^exponent.
 */
import { PlugfestError } from '../wire/index.js';

/** Subcarriers in one PRB (TS 38.211 clause 4.4.4.1). */
export const subcarriersPerPrb = 12;
/** I and Q of each subcarrier: 24 samples per PRB. */
export const samplesPerPrb = 2 * subcarriersPerPrb;
/** The bit widths O-RUs commonly offer for BFP; any width 1..16 is accepted. */
export const commonBfpIqWidths: readonly number[] = Object.freeze([8, 9, 12, 14, 16]);

/** One compressed PRB. */
export interface CompressedPrb {
  /** The shared exponent, 0..15 (the low nibble of udCompParam). */
  readonly exponent: number;
  /** 24 mantissas of iqWidth bits, MSB first: 3 * iqWidth bytes. */
  readonly mantissas: Uint8Array;
}

/** Throws `config-invalid` unless iqWidth is an integer 1..16 (udIqWidth, CUS clause 6.3.3.13). */
export function checkIqWidth(iqWidth: number): void {
  if (!Number.isInteger(iqWidth) || iqWidth < 1 || iqWidth > 16) {
    throw new PlugfestError(
      'config-invalid',
      `BFP iqWidth must be an integer 1..16, got ${String(iqWidth)}`,
      {
        iqWidth,
      },
    );
  }
}

/**
 * The BFP exponent of a block: the smallest shift e such that every sample >> e fits in a signed
 * iqWidth-bit integer. All zeros give 0; 16 bits always give 0; 8 bits give at most 8.
 */
export function bfpExponent(samples: ArrayLike<number>, iqWidth: number): number {
  checkIqWidth(iqWidth);
  // A value needs as many bits as its magnitude, where a negative x counts as ~x (= -x - 1):
  // -128 fits in 8 bits, +128 does not.
  let magnitudes = 0;
  for (let i = 0; i < samples.length; i++) {
    const x = samples[i]!;
    magnitudes |= x < 0 ? ~x : x;
  }
  const signedBits = 32 - Math.clz32(magnitudes) + 1;
  return Math.max(0, signedBits - iqWidth);
}

/** Compresses one PRB of 24 samples (I0, Q0, I1, Q1, ...). */
export function compressPrb(samples: Int16Array, iqWidth: number): CompressedPrb {
  checkPrbLength(samples.length);
  const exponent = bfpExponent(samples, iqWidth);
  const mantissas = new Uint8Array((samplesPerPrb * iqWidth) / 8);
  const mask = (1 << iqWidth) - 1;
  let accumulator = 0;
  let bits = 0;
  let at = 0;
  for (const sample of samples) {
    // The accumulator holds at most 7 leftover bits plus 16 new ones: safe in 32-bit integers.
    accumulator = (accumulator << iqWidth) | ((sample >> exponent) & mask);
    bits += iqWidth;
    while (bits >= 8) {
      bits -= 8;
      mantissas[at++] = (accumulator >>> bits) & 0xff;
    }
    accumulator &= (1 << bits) - 1;
  }
  return { exponent, mantissas };
}

/**
 * Expands one compressed PRB back to 24 samples (mantissa << exponent). An exponent too large for
 * the width (only a faulty peer sends one) saturates at the int16 limits instead of wrapping, so an
 * EVM check sees the damage as a large error, not as a flipped sign.
 */
export function decompressPrb(prb: CompressedPrb, iqWidth: number): Int16Array {
  checkIqWidth(iqWidth);
  const expected = (samplesPerPrb * iqWidth) / 8;
  if (prb.mantissas.length !== expected) {
    throw new PlugfestError(
      'malformed-frame',
      `a BFP PRB at iqWidth ${iqWidth} has ${expected} mantissa bytes, got ${prb.mantissas.length}`,
      { iqWidth, bytes: prb.mantissas.length },
    );
  }
  const out = new Int16Array(samplesPerPrb);
  const signShift = 32 - iqWidth;
  let accumulator = 0;
  let bits = 0;
  let at = 0;
  for (let i = 0; i < samplesPerPrb; i++) {
    while (bits < iqWidth) {
      accumulator = ((accumulator << 8) | prb.mantissas[at++]!) & 0xffffff;
      bits += 8;
    }
    bits -= iqWidth;
    const mantissa = ((accumulator >>> bits) << signShift) >> signShift;
    out[i] = Math.max(-32768, Math.min(32767, mantissa * 2 ** prb.exponent));
  }
  return out;
}

function checkPrbLength(length: number): void {
  if (length !== samplesPerPrb) {
    throw new RangeError(`a PRB has ${samplesPerPrb} IQ samples (12 subcarriers x I,Q), got ${length}`);
  }
}
