/** Check 8, `claims`: the claims the EAT profile requires are there, each of its type. */
import { z } from 'zod';
import { eatProfile } from '../types.js';
import type { Check } from './appraising.js';

const digest = z.string().regex(/^[0-9a-f]{64}$/, 'a sha-256 hex digest');
const requiredClaims = z.object({
  eat_profile: z.literal(eatProfile),
  ueid: z.string().min(1),
  hwmodel: z.string().min(1),
  swname: z.string().min(1),
  swversion: z.string().min(1),
  dbgstat: z.number().int().min(0).max(4),
  measurements: z.record(z.string(), digest),
  manifests: z.object({ 'sbom.cdx.json': digest }).optional(),
  channel_binding: z.string().optional(),
});

export const claimsCheck: Check = (a) => {
  const result = requiredClaims.safeParse(a.claims);
  if (result.success) return undefined;
  const issue = result.error.issues[0]!;
  const name = issue.path.map(String).join('.');
  if (issue.path.length === 1 && a.claims?.[name] === undefined) return `the ${name} claim is missing`;
  if (name === 'eat_profile')
    return `eat_profile ${JSON.stringify(a.claims?.eat_profile)} is not ${eatProfile}`;
  return `the ${name} claim is not valid: ${issue.message}`;
};
