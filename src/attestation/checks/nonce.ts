/**
 * Check 6, `nonce`: eat_nonce is a nonce this verifier issued, of 8 to 64 bytes, not yet
 * redeemed and within its lifetime; and the store of the nonces the verifier issues.
 */
import type { Check } from './appraising.js';

/** RFC 9711 section 4.1: eat_nonce is 8 to 64 bytes. */
const minNonceBytes = 8;
const maxNonceBytes = 64;

export type NonceStore = ReturnType<typeof createNonceStore>;

export function nonceCheck(nonces: NonceStore): Check {
  return (a) => {
    const nonce = a.claims?.eat_nonce;
    if (typeof nonce !== 'string' || nonce === '') return 'no eat_nonce claim';
    const bytes = Buffer.from(nonce, 'base64url');
    if (bytes.length < minNonceBytes) return `eat_nonce is ${bytes.length} bytes; at least ${minNonceBytes}`;
    if (bytes.length > maxNonceBytes) return `eat_nonce is ${bytes.length} bytes; at most ${maxNonceBytes}`;
    return nonces.redeem(bytes.toString('base64url'), a.now);
  };
}

/**
 * Issued nonces, each redeemable once within its lifetime. Spent and expired ones are kept for
 * one more lifetime, so that a late answer is told "expired" and a replay "replayed" rather than
 * "not issued"; beyond `max` outstanding, the oldest is forgotten.
 */
export function createNonceStore(lifetimeMs: () => number, max: number) {
  const issued = new Map<string, number>();
  const used = new Map<string, number>();
  const prune = (now: number) => {
    for (const map of [issued, used])
      for (const [nonce, at] of map) if (now - at > 2 * lifetimeMs()) map.delete(nonce);
  };
  return {
    issue(nonce: string, now: number): void {
      prune(now);
      issued.set(nonce, now);
      for (const oldest of issued.keys()) {
        if (issued.size <= max) break;
        issued.delete(oldest);
      }
    },
    /** Why the nonce is refused, or undefined; either way it cannot be redeemed again. */
    redeem(nonce: string, now: number): string | undefined {
      if (used.has(nonce)) return `eat_nonce ${nonce} was already used (replayed evidence)`;
      const at = issued.get(nonce);
      if (at === undefined) return `eat_nonce ${nonce} was not issued by this verifier (or has expired)`;
      issued.delete(nonce);
      used.set(nonce, at);
      const age = now - at;
      return age > lifetimeMs()
        ? `eat_nonce expired: issued ${age} ms ago, lifetime ${lifetimeMs()} ms`
        : undefined;
    },
  };
}
