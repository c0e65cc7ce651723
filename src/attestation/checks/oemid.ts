/** Check 4, `oemid`: the evidence claims the vendor whose CA issued its leaf. */
import type { Check } from './appraising.js';

export const oemidCheck: Check = ({ claims, chainVendor }) => {
  if (claims?.oemid === chainVendor) return undefined;
  return claims?.oemid === undefined
    ? `no oemid claim; the chain's vendor CA is ${chainVendor}'s`
    : `oemid ${JSON.stringify(claims.oemid)} but the chain's vendor CA is ${chainVendor}'s`;
};
