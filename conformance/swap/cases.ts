/**
 * The hot-swap suite (issue 6): one instance's vendor replaced in a running network, the peers
 * re-establishing everything (capabilities and carriers, E2 setup and subscriptions), the rest of
 * the network untouched, and a swap to a vendor that cannot work reported incompatible.
 *
 * The matrix: the O-RU cases expand over O-RU x O-DU (fronthaul pairs) and each combination takes
 * exactly one of SWAP-ORU-001 and SWAP-INC-001, by the profiles the vendors declare; the O-DU and
 * RIC cases expand over O-DU x RIC (E2 pairs) and start from the other built-in vendor, so the
 * swap crosses vendors. Every case has its own topology: a swap changes the running one.
 */
import type { CaseDefinition, Network } from '../../src/conformance/index.js';
import { swapIncompatibleORu } from './incompatible.js';
import { swapODu } from './o-du.js';
import { swapORu } from './o-ru.js';
import { swapRic } from './ric.js';
import { swapUntrustedORu } from './untrusted.js';

export { swapIncompatibleORu, swapODu, swapORu, swapRic, swapUntrustedORu };

export const swapCases: CaseDefinition<Network>[] = [
  swapORu,
  swapIncompatibleORu,
  swapODu,
  swapRic,
  swapUntrustedORu,
];
