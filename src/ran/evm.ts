/**
 * Error vector magnitude between the IQ a sender meant and the IQ a receiver decoded, and the
 * EVM that BFP quantisation alone may cost at each bit width: a fronthaul test compresses a known
 * signal on one vendor, decompresses it on another, and compares the EVM with the tolerance.
 */
import { PlugfestError } from '../wire/index.js';
import { samplesPerPrb } from './bfp.js';
import { createPrng } from './prng.js';

/**
 * EVM in percent: RMS of the error vectors over RMS of the reference vectors, times 100. Both
 * arrays are interleaved I, Q. Identical signals give 0; an all-zero reference gives 0 if the
 * received is all zero too, else Infinity.
 */
export function evmPercent(reference: ArrayLike<number>, received: ArrayLike<number>): number {
  if (reference.length !== received.length) {
    throw new RangeError(
      `EVM compares equal lengths, got ${reference.length} and ${received.length} samples`,
    );
  }
  let errorPower = 0;
  let referencePower = 0;
  for (let i = 0; i < reference.length; i++) {
    const r = reference[i]!;
    const d = received[i]! - r;
    errorPower += d * d;
    referencePower += r * r;
  }
  if (referencePower === 0) return errorPower === 0 ? 0 : Number.POSITIVE_INFINITY;
  return 100 * Math.sqrt(errorPower / referencePower);
}

/**
 * Peak-to-RMS amplitude ratio per I or Q component that the tolerances assume: sqrt(3), the limit
 * of square QAM as its order grows (16QAM 1.34, 256QAM 1.63), plus 5% for the test signal's dither.
 */
export const assumedPeakToRms = Math.sqrt(3) * 1.05;

/**
 * The statistical worst case of BFP truncation EVM, in percent. The exponent e is minimal, so
 * the peak P >= 2^(iqWidth - 2 + e) whenever e > 0; truncation errors spread evenly over
 * [0, 2^e) have a mean square of 4^e / 3 per component; so EVM <= peakToRms / (sqrt(3) * 2^(iqWidth - 2)).
 * Default peakToRms: assumedPeakToRms, which makes it 1.05 / 2^(iqWidth - 2), i.e. 1.64% at 8 bits.
 */
export function quantisationEvmBoundPercent(iqWidth: number, peakToRms = assumedPeakToRms): number {
  return (100 * peakToRms) / (Math.sqrt(3) * 2 ** (iqWidth - 2));
}

// Twice the statistical bound above, rounded up to two digits. Twice covers both a signal whose
// errors are not spread evenly (a sample never loses more than 2^e, which is sqrt(3) times the
// RMS case) and a signal with a little more crest than assumed. An exponent off by one doubles
// every sample and reads about 100% (about 50% on a -3 dBFS signal, whose doubled peaks clip at
// full scale): fifteen times the 8-bit allowance or more. 16 bits is lossless (exponent 0); its
// allowance is what one bit of truncation would cost.
const tolerances: Readonly<Record<number, number>> = { 8: 3.3, 9: 1.7, 12: 0.21, 14: 0.052, 16: 0.013 };

/**
 * The EVM (percent) a BFP round trip at iqWidth may show on a QAM-like signal without a bug:
 * 8 -> 3.3, 9 -> 1.7, 12 -> 0.21, 14 -> 0.052, 16 -> 0.013. Other widths are `config-invalid`.
 */
export function evmTolerancePercent(iqWidth: number): number {
  const tolerance = tolerances[iqWidth];
  if (tolerance === undefined) {
    throw new PlugfestError(
      'config-invalid',
      `no EVM tolerance for iqWidth ${String(iqWidth)}; known widths: ${Object.keys(tolerances).join(', ')}`,
      { iqWidth },
    );
  }
  return tolerance;
}

/** Square QAM orders the test signal can draw from. */
export type TestModulation = 'qpsk' | '16qam' | '64qam' | '256qam';

/** Options of testSignal. */
export interface TestSignalOptions {
  /** PRBs to fill (24 samples each). Required. */
  readonly prbCount: number;
  /** Constellation. Default '16qam'. */
  readonly modulation?: TestModulation;
  /** Peak constellation level per I or Q component, in int16 units. Default 23170 (-3 dBFS). */
  readonly amplitude?: number;
  /**
   * Uniform noise added to each component, as a fraction of amplitude. Default 0.05: enough to
   * spread quantisation errors evenly, as a real received signal does, without blurring the QAM.
   */
  readonly dither?: number;
  /** PRNG seed. Default 1. */
  readonly seed?: number;
}

const levelsPerAxis: Readonly<Record<TestModulation, number>> = {
  qpsk: 2,
  '16qam': 4,
  '64qam': 8,
  '256qam': 16,
};

/** A deterministic QAM-like frequency-domain IQ signal: the same options give the same samples. */
export function testSignal(options: TestSignalOptions): Int16Array {
  const { prbCount, modulation = '16qam', amplitude = 23170, dither = 0.05, seed = 1 } = options;
  const prng = createPrng(seed);
  const levels = levelsPerAxis[modulation];
  const out = new Int16Array(prbCount * samplesPerPrb);
  for (let i = 0; i < out.length; i++) {
    // Levels -(L-1), ..., -1, +1, ..., +(L-1), scaled so that the outermost is `amplitude`.
    const level = (2 * prng.nextInt(levels) - (levels - 1)) / (levels - 1);
    const noise = (2 * prng.next() - 1) * dither;
    out[i] = Math.max(-32768, Math.min(32767, Math.round((level + noise) * amplitude)));
  }
  return out;
}
