/** The shared O-DU core: what an O-DU vendor builds its product from. */
export { defaultSlice, e2IdentityOf, plmnId } from './e2-identity.js';
export { createKpmFunction, type KpmFunctionOptions } from './kpm-function.js';
export { defineODuProduct, type ODuParts, type ODuProduct } from './o-du.js';
export type { RanFunction } from './ran-function.js';
export { createRcFunction, type RcFunctionOptions, type RcTarget } from './rc-function.js';
