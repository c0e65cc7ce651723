/**
 * Check 13, `sbom`: the evidence names an SBOM when the policy or the vendor's entry asks for
 * one, its digest is the reference, and the SBOM the policy holds has the NTIA minimum fields.
 */
import { ntiaMissing } from '../evidence.js';
import type { EvidenceClaims } from '../types.js';
import type { Check } from './appraising.js';

export const sbomCheck: Check = (a) => {
  const found = (a.claims?.manifests as EvidenceClaims['manifests'])?.['sbom.cdx.json'];
  const expected = a.vendor?.sbomDigest;
  if (found === undefined) {
    return a.trust.policy.criteria.requireSbom || expected
      ? 'the evidence names no SBOM (manifests["sbom.cdx.json"]); the policy requires one'
      : undefined;
  }
  if (expected !== undefined && found !== expected)
    return `the SBOM digest is ${found}; the reference is ${expected}`;
  const sbom = a.vendor?.sbom;
  const missing = sbom ? ntiaMissing(sbom.text) : [];
  return missing.length > 0
    ? `the SBOM ${sbom?.path} lacks the NTIA minimum fields: ${missing.join(', ')}`
    : undefined;
};
