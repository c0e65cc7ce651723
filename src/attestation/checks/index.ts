/**
 * The verifier's checks, one file each, keyed by the names of types.ts `verifierChecks`; the
 * verifier runs them in that order and stops at the first that fails.
 */
import type { VerifierCheck } from '../types.js';
import { algorithmCheck } from './algorithm.js';
import type { Check } from './appraising.js';
import { certificateChainCheck } from './certificate-chain.js';
import { channelBindingCheck } from './channel-binding.js';
import { claimsCheck } from './claims.js';
import { debugCheck } from './debug.js';
import { freshnessCheck } from './freshness.js';
import { hwmodelCheck } from './hwmodel.js';
import { measurementsCheck } from './measurements.js';
import { type NonceStore, nonceCheck } from './nonce.js';
import { oemidCheck } from './oemid.js';
import { sbomCheck } from './sbom.js';
import { signatureCheck } from './signature.js';
import { swversionCheck } from './swversion.js';
import { vendorStatusCheck } from './vendor-status.js';

export {
  type Appraising,
  type Check,
  type CompiledPolicy,
  compile,
  identityOf,
  revocationOf,
} from './appraising.js';
export { createNonceStore, type NonceStore } from './nonce.js';

export interface CheckLimits {
  readonly maxTokenBytes: number;
  readonly maxChainLength: number;
}

/** Every check, by name, with the limits and nonce store of one verifier. */
export function verifierCheckSet(limits: CheckLimits, nonces: NonceStore): Record<VerifierCheck, Check> {
  return {
    algorithm: algorithmCheck(limits.maxTokenBytes),
    'certificate-chain': certificateChainCheck(limits.maxChainLength),
    signature: signatureCheck,
    oemid: oemidCheck,
    'vendor-status': vendorStatusCheck,
    nonce: nonceCheck(nonces),
    freshness: freshnessCheck,
    claims: claimsCheck,
    hwmodel: hwmodelCheck,
    debug: debugCheck,
    swversion: swversionCheck,
    measurements: measurementsCheck,
    sbom: sbomCheck,
    'channel-binding': channelBindingCheck,
  };
}
