/**
 * Check 12, `measurements`: when the vendor's policy entry has reference values, the evidence
 * measures exactly those paths, each to its reference digest.
 */
import type { Check } from './appraising.js';

export const measurementsCheck: Check = (a) => {
  const reference = a.vendor?.measurements;
  if (!reference) return undefined;
  const measured = a.claims?.measurements as Record<string, string>;
  for (const path of Object.keys(reference).sort()) {
    const found = measured[path];
    if (found === undefined) return `${path} is not measured; its reference value is ${reference[path]}`;
    if (found !== reference[path])
      return `${path} measures ${found}; its reference value is ${reference[path]}`;
  }
  const extra = Object.keys(measured)
    .sort()
    .find((path) => reference[path] === undefined);
  return extra === undefined ? undefined : `${extra} is measured but has no reference value`;
};
