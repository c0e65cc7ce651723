/**
 * Open Fronthaul M-plane conformance cases (O-RAN.WG4.CONF M-plane, on the model of WG4.MP in
 * interfaces/oran/fronthaul/mplane/v1): the O-RU under test against the harness playing its
 * O-DU, the NETCONF client. Each case sends the rpcs itself and grades the replies and the
 * notifications the O-RU sends.
 *
 * The cases live in files by topic (capability, carrier, subscription, software, supervision,
 * alarms, reset); the judgements that need no network are in checks.ts, exported so that they
 * can be shown to fail on replies no built-in O-RU gives (every built-in O-RU shares one M-plane
 * stack).
 */
import type { CaseDefinition, Network } from '../../src/conformance/index.js';
import { alarmListAgrees } from './alarms.js';
import { capabilitiesMatchDeclaration, filteredRetrieval } from './capability.js';
import { activationNeedsLock, carrierConfiguration, duplicateEaxcRefused } from './carrier.js';
import { resetRestarts } from './reset.js';
import { softwareIntegrity } from './software.js';
import { subscriptionFilter } from './subscription.js';
import { supervisionKeepsCarriers, supervisionLossDeactivates } from './supervision.js';

export { alarmListAgrees } from './alarms.js';
export { capabilitiesMatchDeclaration, filteredRetrieval } from './capability.js';
export { activationNeedsLock, carrierConfiguration, duplicateEaxcRefused } from './carrier.js';
export {
  type CapabilityMismatch,
  type CarrierPlan,
  carrierOf,
  compareCapabilities,
  duplicateRefusalProblem,
  gradeDetection,
  planCarrier,
  readBackDifferences,
  supervisionAllowance,
} from './checks.js';
export { resetRestarts } from './reset.js';
export { softwareIntegrity } from './software.js';
export { subscriptionFilter } from './subscription.js';
export { supervisionKeepsCarriers, supervisionLossDeactivates } from './supervision.js';

/** Every M-plane case, in the order they run; the `shared` ones of a topology share one O-RU. */
export const ofhMCases: CaseDefinition<Network>[] = [
  capabilitiesMatchDeclaration,
  filteredRetrieval,
  carrierConfiguration,
  duplicateEaxcRefused,
  subscriptionFilter,
  softwareIntegrity,
  activationNeedsLock,
  supervisionKeepsCarriers,
  supervisionLossDeactivates,
  alarmListAgrees,
  resetRestarts,
];
