/** vendors/shared/o-ru: the O-RU core the built-in O-RU vendors share. */
export { type BfpCodec, standardBfp } from './iq-codec.js';
export { defineSharedORu, type ORuVendorOptions } from './o-ru.js';
export { type DelayProfileNs, type ORuProfile, ruCapabilityOf, typicalDelayProfile } from './profile.js';
