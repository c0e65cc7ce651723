/**
 * E2 conformance cases of the near-RT RIC (O-RAN.WG3.E2AP, E2SM-KPM): the RIC under test against
 * the harness playing the E2 node, which sends what the case says (E2 Setup, RIC Service
 * Update, Reset, RIC Subscription Delete Required, a malformed PDU) and admits the RIC's
 * subscriptions by default. Each case sends its own E2 Setup, which leaves the RIC holding the
 * node's functions and its subscriptions: none leaves the RIC as it found it, so each gets a
 * network of its own. Last, one interop case: an O-DU restart, after which the E2 link, the
 * setup and the subscription are rebuilt.
 */
import type { CaseDefinition, Network } from '../../src/conformance/index.js';
import { ricErrorIndicationOnMalformedPdu } from './ric/errors.js';
import { ricResetFromNode } from './ric/reset.js';
import { nodeRestartRebuildsSubscription } from './ric/restart.js';
import { ricServiceUpdate } from './ric/service-update.js';
import { ricLargeSetup, ricSetupAccountsForFunctions, ricSetupRefusalSaysWhy } from './ric/setup.js';
import { ricDeletesOnDeleteRequired, ricSubscribesAfterSetup } from './ric/subscription.js';
import { ricRefusesVersionSkew } from './ric/version.js';

export { ricErrorIndicationOnMalformedPdu } from './ric/errors.js';
export { ricResetFromNode } from './ric/reset.js';
export { nodeRestartRebuildsSubscription } from './ric/restart.js';
export { ricServiceUpdate } from './ric/service-update.js';
export { ricLargeSetup, ricSetupAccountsForFunctions, ricSetupRefusalSaysWhy } from './ric/setup.js';
export { ricDeletesOnDeleteRequired, ricSubscribesAfterSetup } from './ric/subscription.js';
export { ricRefusesVersionSkew } from './ric/version.js';

/** The near-RT RIC cases. */
export const e2RicCases: CaseDefinition<Network>[] = [
  ricSetupAccountsForFunctions,
  ricLargeSetup,
  ricSubscribesAfterSetup,
  ricDeletesOnDeleteRequired,
  ricServiceUpdate,
  ricErrorIndicationOnMalformedPdu,
  ricResetFromNode,
  ricSetupRefusalSaysWhy,
  ricRefusesVersionSkew,
  nodeRestartRebuildsSubscription,
];
