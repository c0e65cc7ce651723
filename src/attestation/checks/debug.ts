/** Check 10, `debug`: debug is disabled (dbgstat 1 to 4) when the policy requires it. */
import type { Check } from './appraising.js';

export const debugCheck: Check = (a) =>
  a.trust.policy.criteria.requireDebugDisabled && a.claims?.dbgstat === 0
    ? 'dbgstat 0: debug is enabled; the policy requires it disabled (dbgstat 1 to 4)'
    : undefined;
