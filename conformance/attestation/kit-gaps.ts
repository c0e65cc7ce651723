/**
 * What the attestation cases need that src/conformance's index does not export yet (issue 11;
 * reported for the index): the verifier's check names, the forgeries a harness peer can present,
 * the harness's vendor id, which message packages are the link's own, and what a case needs to
 * dial a vendor itself (ATT-TLS-001). Nothing else in this folder imports outside the index.
 */
export type { VerifierCheck } from '../../src/attestation/types.js';
export { type Forgery, impersonatedVendor } from '../../src/conformance/forge.js';
export { harnessVendor } from '../../src/topology/index.js';
export { connectLink } from '../../src/transport/index.js';
export {
  createMessageRegistry,
  interfaceSpecs,
  linkPackages,
  PlugfestError,
  packageOf,
} from '../../src/wire/index.js';
