/** `plugfest trust ref`: a trust policy `vendors:` entry pinning a vendor folder as it is now. */
import type { RoleName } from '../wire/index.js';
import type { VendorEntry } from './policy-schema.js';

/** What `plugfest trust ref` reads of a vendor folder: its manifest's facts and its measurement. */
export interface VendorReferenceInput {
  readonly id: string;
  readonly role: RoleName;
  /** vendor.yaml `version`: the swversion its evidence carries. */
  readonly swversion: string;
  readonly hwmodel?: string;
  readonly measurements: Readonly<Record<string, string>>;
  readonly sbomDigest?: string;
}

/**
 * A policy `vendors:` entry pinning a vendor folder as it is now: trusted, in its role, at least
 * this version, with these measurements and SBOM digest. Roots are left to the policy's global
 * ones (add `roots:` to pin the vendor's own CA).
 */
export function referenceEntry(input: VendorReferenceInput): VendorEntry {
  return {
    id: input.id,
    status: 'trusted',
    roles: [input.role],
    ...(input.hwmodel ? { hwmodels: [input.hwmodel] } : {}),
    minSwVersion: input.swversion,
    measurements: { ...input.measurements },
    ...(input.sbomDigest ? { sbomDigest: input.sbomDigest } : {}),
  };
}
