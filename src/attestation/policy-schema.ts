/**
 * What a trust policy file may say (policy.ts has the file's layout and defaults): the zod
 * schemas its loader validates with.
 */
import { z } from 'zod';

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'must be a sha-256 digest, 64 lowercase hex digits');
const vendorId = z.string().regex(/^[a-z][a-z0-9-]{1,30}$/, 'must be a vendor id such as "ruvello"');
const swVersion = z
  .string({ error: 'must be a quoted version such as "4.1.0"' })
  .regex(/^\d+(\.\d+)*([-+][0-9A-Za-z.-]+)?$/, 'must be a version such as "4.1.0"');
const paths = z.array(z.string().min(1)).default([]);

/** One `vendors:` entry. */
export const vendorEntrySchema = z.strictObject({
  id: vendorId,
  status: z.enum(['trusted', 'suspended', 'revoked']),
  roots: paths,
  roles: z.array(z.enum(['o-ru', 'o-du', 'near-rt-ric', 'smo'])).optional(),
  hwmodels: z.array(z.string().min(1)).optional(),
  minSwVersion: swVersion.optional(),
  revokedSwVersions: z.array(swVersion).default([]),
  measurements: z.record(z.string().min(1), sha256Hex).optional(),
  sbomDigest: sha256Hex.optional(),
  sbom: z.string().min(1).optional(),
});

/** A vendors: entry as written in a policy file (before defaults). */
export type VendorEntry = z.input<typeof vendorEntrySchema>;

export const trustPolicySchema = z.strictObject({
  algorithms: z
    .array(z.enum(['ES256', 'EdDSA']))
    .min(1)
    .default(['ES256', 'EdDSA']),
  freshness: z
    .strictObject({
      iatWindowS: z.number().int().positive().default(300),
      maxClockSkewS: z.number().int().nonnegative().default(30),
      nonceLifetimeS: z.number().int().positive().default(60),
    })
    .prefault({}),
  reattestation: z.strictObject({ epochS: z.number().int().positive().default(3600) }).prefault({}),
  roots: paths,
  crls: paths,
  criteria: z
    .strictObject({
      requireSbom: z.boolean().default(true),
      requireDebugDisabled: z.boolean().default(true),
      requireChannelBinding: z.boolean().default(false),
      minSwVersion: swVersion.optional(),
    })
    .prefault({}),
  allow: z.array(vendorId).optional(),
  deny: z.array(vendorId).default([]),
  revokedInstances: z.array(z.string().min(1)).default([]),
  vendors: z.array(vendorEntrySchema).default([]),
});
