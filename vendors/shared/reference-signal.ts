/**
 * The uplink reference signal both ends of the fronthaul know in advance, like a DMRS: the IQ an
 * O-RU sends for (frame, subframe, slot, eAxC, PRB) when the O-DU asks for UL PRBs, and that the
 * O-DU compares what it decoded against to compute the EVM. It is a function of those numbers
 * only, so an O-DU and an O-RU of different vendors compute the same samples without talking.
 *
 * Built on src/ran's `testSignal` (16QAM with a little dither, so BFP truncation errors spread
 * as on a real received signal) with a seed mixed from the five numbers.
 */
import { samplesPerPrb, testSignal } from '../../src/ran/index.js';

/**
 * Peak constellation level per I or Q component, in int16 units (about -8.7 dBFS). Low enough that
 * a sample decoded at twice its size (a BFP exponent off by one) still fits in int16, so such a bug
 * reads as its true ~100 % EVM instead of being hidden by clipping.
 */
export const referenceAmplitude = 12_000;

/**
 * The 24 samples (I0, Q0, ... I11, Q11) of one PRB of the reference signal. `frame` is the
 * frameId of the C/U-plane header; it is taken modulo 256, so an SFN (0..1023) gives the same
 * samples as its frameId. Deterministic: the same five numbers always give the same samples.
 */
export function referenceIq(
  frame: number,
  subframe: number,
  slot: number,
  eaxcId: number,
  prb: number,
): Int16Array {
  return testSignal({
    prbCount: 1,
    modulation: '16qam',
    amplitude: referenceAmplitude,
    seed: referenceSeed(frame % 256, subframe, slot, eaxcId, prb),
  });
}

/** The reference IQ of PRBs startPrb..startPrb + numPrb - 1, one after the other. */
export function referenceSection(
  frame: number,
  subframe: number,
  slot: number,
  eaxcId: number,
  startPrb: number,
  numPrb: number,
): Int16Array {
  const out = new Int16Array(numPrb * samplesPerPrb);
  for (let i = 0; i < numPrb; i++) {
    out.set(referenceIq(frame, subframe, slot, eaxcId, startPrb + i), i * samplesPerPrb);
  }
  return out;
}

/** FNV-1a over the numbers, with an extra xor-shift per step so nearby inputs spread apart. */
function referenceSeed(...parts: number[]): number {
  let hash = 0x811c9dc5;
  for (const part of parts) {
    hash = Math.imul(hash ^ (part >>> 0), 0x01000193);
    hash ^= hash >>> 15;
  }
  return hash >>> 0;
}
