/**
 * Causes as a report quotes them ("ric-request: ran-function-id-invalid"), read from a decoded
 * E2AP Cause (enum numbers) or from a traced one (enum names): the code a diagnostic carries.
 */
import { oran } from '../../../src/conformance/index.js';

/** An E2AP Cause (O-RAN.WG3.E2AP 9.2.1), as decoded; absent when the message carries none. */
export type Cause = oran.common.v1.Cause.$Properties | null | undefined;

const causeGroups = [
  ['ricRequest', 'ric-request', oran.common.v1.CauseRicRequest, 'CAUSE_RIC_REQUEST_'],
  ['ricService', 'ric-service', oran.common.v1.CauseRicService, 'CAUSE_RIC_SERVICE_'],
  ['e2Node', 'e2-node', oran.common.v1.CauseE2Node, 'CAUSE_E2_NODE_'],
  ['transport', 'transport', oran.common.v1.CauseTransport, 'CAUSE_TRANSPORT_'],
  ['protocol', 'protocol', oran.common.v1.CauseProtocol, 'CAUSE_PROTOCOL_'],
  ['misc', 'misc', oran.common.v1.CauseMisc, 'CAUSE_MISC_'],
  ['radioNetwork', 'radio-network', oran.common.v1.CauseRadioNetwork, 'CAUSE_RADIO_NETWORK_'],
] as const;

/** A cause as O-RAN names it, e.g. "ric-request: ran-function-id-invalid"; enums as numbers or names. */
export function causeText(cause: Cause | Record<string, unknown>): string {
  if (!cause) return 'none';
  for (const [field, label, values, prefix] of causeGroups) {
    const value = (cause as Record<string, number | string | null | undefined>)[field];
    if (value === undefined || value === null) continue;
    const name = typeof value === 'string' ? value : (values as unknown as Record<number, string>)[value];
    return `${label}: ${name ? name.replace(prefix, '').toLowerCase().replaceAll('_', '-') : String(value)}`;
  }
  return 'none';
}

/** A cause of the ricRequest group as causeText names it. */
export const ricRequestCause = (value: oran.common.v1.CauseRicRequest) => causeText({ ricRequest: value });
