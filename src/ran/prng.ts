/**
 * A seeded pseudo-random number generator (mulberry32), so that a traffic model or a test signal
 * is the same on every machine and every run: a failing case can be replayed from its seed.
 * Not for anything secret.
 */

/** Deterministic random numbers drawn from one seed. */
export interface Prng {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [0, maxExclusive). */
  nextInt(maxExclusive: number): number;
}

/** A generator for `seed` (any integer; only its low 32 bits count). */
export function createPrng(seed: number): Prng {
  let state = seed >>> 0;
  const next = (): number => {
    // mulberry32: passes the usual statistical batteries at 32 bits of state, which is plenty
    // for traffic arrivals and IQ test vectors, and costs a few integer operations.
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, nextInt: (maxExclusive) => Math.floor(next() * maxExclusive) };
}
