/**
 * Causes as a report quotes them ("ric-service: ran-function-not-supported"), read from a decoded
 * E2AP Cause (enum numbers) or from a traced one (enum names): the code a diagnostic carries.
 */
import { oran } from '../../../src/conformance/index.js';

const causeGroups = [
  ['ricRequest', 'ric-request', oran.common.v1.CauseRicRequest, 'CAUSE_RIC_REQUEST_'],
  ['ricService', 'ric-service', oran.common.v1.CauseRicService, 'CAUSE_RIC_SERVICE_'],
  ['e2Node', 'e2-node', oran.common.v1.CauseE2Node, 'CAUSE_E2_NODE_'],
  ['transport', 'transport', oran.common.v1.CauseTransport, 'CAUSE_TRANSPORT_'],
  ['protocol', 'protocol', oran.common.v1.CauseProtocol, 'CAUSE_PROTOCOL_'],
  ['misc', 'misc', oran.common.v1.CauseMisc, 'CAUSE_MISC_'],
  ['radioNetwork', 'radio-network', oran.common.v1.CauseRadioNetwork, 'CAUSE_RADIO_NETWORK_'],
] as const;

/** "ric-service: ran-function-not-supported", from a decoded Cause (enum numbers) or a traced one (names). */
export function causeText(cause: unknown): string | undefined {
  if (!cause || typeof cause !== 'object') return undefined;
  for (const [field, label, values, prefix] of causeGroups) {
    const value = (cause as Record<string, unknown>)[field];
    if (value === undefined || value === null) continue;
    const name =
      typeof value === 'string'
        ? value
        : ((values as unknown as Record<number, string>)[Number(value)] ?? '');
    return `${label}: ${name ? name.replace(prefix, '').toLowerCase().replaceAll('_', '-') : String(value)}`;
  }
  return undefined;
}
