/**
 * E2 node conformance cases (O-RAN.WG3.E2AP, E2SM-KPM, E2SM-RC): the O-DU under test against
 * the harness playing the near-RT RIC. The RIC test peer accepts E2 Setup by default; each case
 * drives it (subscriptions, controls, resets, queries, refusals, garbage) and grades what the
 * node answers, on the E2 link du-1>ric-1.
 *
 * The cases that leave the node as they found it (each deletes what it subscribed; the runner
 * restores the peer's answers) share one network per O-DU, one after another; a Reset, a
 * refused setup, an applied control and the version skew each get a network of their own.
 * RIC Request IDs are distinct per case (requestor 1010..1099, instance 1).
 *
 * The cases live in node/, a file per procedure; node/support.ts and node/kpm.ts hold the steps
 * they share.
 */
import type { CaseDefinition, Network } from '../../src/conformance/index.js';
import { e2NodeControlAck, e2NodeControlInvalid } from './node/control.js';
import { e2NodeMalformedPdu } from './node/errors.js';
import { e2NodeReset } from './node/reset.js';
import { e2NodeServiceQuery } from './node/service.js';
import { e2NodeSetup, e2NodeSetupTimeToWait } from './node/setup.js';
import { e2NodeKpmPeriod, e2NodeSubscriptionDelete } from './node/subscription.js';
import {
  e2NodeActionNotSupported,
  e2NodeBadEventTrigger,
  e2NodeDuplicateRequestId,
  e2NodeUnknownFunction,
} from './node/subscription-refusals.js';
import { e2NodeVersionMismatch } from './node/version.js';

export { e2NodeControlAck, e2NodeControlInvalid } from './node/control.js';
export { e2NodeMalformedPdu } from './node/errors.js';
export { e2NodeReset } from './node/reset.js';
export { e2NodeServiceQuery } from './node/service.js';
export { e2NodeSetup, e2NodeSetupTimeToWait } from './node/setup.js';
export { e2NodeKpmPeriod, e2NodeSubscriptionDelete } from './node/subscription.js';
export {
  e2NodeActionNotSupported,
  e2NodeBadEventTrigger,
  e2NodeDuplicateRequestId,
  e2NodeUnknownFunction,
} from './node/subscription-refusals.js';
export { e2NodeVersionMismatch } from './node/version.js';

/** The E2 node suite, in the order its shared cases run on their network. */
export const e2NodeCases: CaseDefinition<Network>[] = [
  e2NodeSetup,
  e2NodeKpmPeriod,
  e2NodeUnknownFunction,
  e2NodeActionNotSupported,
  e2NodeBadEventTrigger,
  e2NodeDuplicateRequestId,
  e2NodeSubscriptionDelete,
  e2NodeControlAck,
  e2NodeControlInvalid,
  e2NodeMalformedPdu,
  e2NodeReset,
  e2NodeServiceQuery,
  e2NodeSetupTimeToWait,
  e2NodeVersionMismatch,
];
