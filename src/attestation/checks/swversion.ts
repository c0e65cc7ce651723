/** Check 11, `swversion`: the software version is at least the minimum (vendor's, else the policy's) and not revoked. */
import { compareVersions } from '../policy.js';
import type { Check } from './appraising.js';

export const swversionCheck: Check = (a) => {
  const version = a.claims?.swversion as string;
  const minimum = a.vendor?.minSwVersion ?? a.trust.policy.criteria.minSwVersion;
  if (minimum !== undefined && compareVersions(version, minimum) < 0)
    return `swversion ${version} is below the minimum ${minimum}`;
  if (a.vendor?.revokedSwVersions.includes(version)) return `swversion ${version} is revoked`;
  return undefined;
};
