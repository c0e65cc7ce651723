/** Check 7, `freshness`: iat is an integer within the policy's window, and not ahead by more than its clock skew. */
import type { Check } from './appraising.js';

export const freshnessCheck: Check = (a) => {
  const iat = a.claims?.iat;
  const { iatWindowS, maxClockSkewS } = a.trust.policy.freshness;
  if (iat === undefined) return 'no iat claim';
  if (typeof iat !== 'number' || !Number.isInteger(iat))
    return `iat ${JSON.stringify(iat)} is not an integer number of seconds`;
  const age = Math.floor(a.now / 1000) - iat;
  if (age > iatWindowS) return `iat is ${age} s old; the window is ${iatWindowS} s (stale evidence)`;
  if (-age > maxClockSkewS) return `iat is ${-age} s in the future; at most ${maxClockSkewS} s of clock skew`;
  return undefined;
};
