/** Check 9, `hwmodel`: the hardware model is one the vendor's policy entry lists (any, if it lists none). */
import type { Check } from './appraising.js';

export const hwmodelCheck: Check = (a) => {
  const allowed = a.vendor?.hwmodels;
  const hwmodel = a.claims?.hwmodel as string;
  return !allowed || allowed.includes(hwmodel)
    ? undefined
    : `hwmodel "${hwmodel}" is not one of ${allowed.join(', ')}`;
};
