/**
 * Every diagnostic code a verdict can carry: a closed, documented set (after connect-es
 * `Code`), so a report, a test or a known-failing list can tell failures apart by code, and
 * a case cannot invent one in passing. Each says what it means when a case reports it; the
 * wire's error codes (src/wire/errors.ts) may be quoted too, where a frame or a link failed.
 *
 * Add a code here, in its section, when a case needs one the list lacks.
 */
import { type ErrorCode, errorCodes } from '../../wire/index.js';

export const diagnosticCodes = {
  // The harness and the runner.
  'case-timeout': 'the case did not finish within its timeout',
  'known-failing-passed': 'a case on the known-failing list passed: the list is out of date',
  'harness-starved':
    'the harness could not observe enough to grade (too little traffic, a late timer): an error of the harness, not of a vendor',
  internal: 'the harness itself failed to run the case',
  interrupted:
    'the run was interrupted (Ctrl-C) while the case ran: it did not finish, and --resume runs it again',
  'topology-down': 'the network did not come up, or did not stay up, for the case',
  'not-steady': 'the network was not up and carrying traffic before the case acted on it',

  // What a peer answers, in general.
  'no-answer': 'a request was not answered within its time',
  'wrong-answer': 'a request was answered with another message, outcome or transaction than it must be',
  'missing-frame': 'a message the procedure requires never crossed the link',
  'unexpected-frame': 'a message crossed the link that must not have',
  'wrong-field': 'a message carries a field value the procedure does not allow',
  'wrong-cause': 'a refusal or failure names another cause than the procedure requires',
  'too-late': 'something required happened, later than its timer allows',
  'too-early': 'something happened before its timer allows',
  'not-refused': 'something the procedure requires refused was accepted',
  'wrongly-refused': 'something the procedure requires accepted was refused',

  // Handshake and links.
  'version-mismatch': 'the link did not fail as a version mismatch naming both offers',
  'vendor-exited': 'a vendor process exited when it must not have',
  'vendor-not-ready': 'a vendor was not ready (set up, subscribed) when the case needed it',
  'not-ready': 'a peer sent interface messages on a link that is not ready',
  'malformed-frame': 'a malformed frame was not answered as such',
  'link-not-closed': 'a link that must close stayed open',
  'link-not-back': 'a link did not come back after the event that closed it',
  'link-close-cause': 'a link closed without the LinkClose cause the procedure names',
  'http-status': 'an answer carries another HTTP status than the procedure gives',

  // E2 (WG3 E2AP, E2SM-KPM, E2SM-RC).
  'no-e2-setup': 'the E2 node did not set E2 up',
  'e2-setup-refused': 'E2 Setup was refused',
  'no-subscription': 'no RIC Subscription succeeded',
  'subscription-refused': 'a subscription the receiver must accept was refused',
  'no-indication': 'no RIC Indication arrived for a subscription',
  'no-error-indication': 'a malformed PDU was not answered with an Error Indication',
  'subscriptions-duplicated': 'a RAN function was subscribed more often than before the event',
  'subscriptions-missing': 'fewer subscriptions were rebuilt than there were before the event',
  'old-subscription-carried-over':
    'indications continued for a subscription not made on the current connection',
  'kpm-period': 'indications do not come at the subscribed reporting period',
  'kpm-measurement': 'a KPM measurement is missing, or out of its unit or range',
  'control-not-applied': 'a RIC control was acknowledged but its effect does not show',
  'policy-not-applied': "an A1 policy does not show in the RIC's controls",
  'policy-effect-not-withdrawn': "a deleted policy's effect stays in force",
  'deleted-policy-applied': 'the RIC applies a policy that was deleted',
  'ran-function-unaccounted':
    'an offered RAN function is not listed once, as accepted or as rejected with a cause',
  'ran-function-missing': 'the E2 node offers no RAN function of a service model the case needs',
  'subscription-not-removed': 'indications go on for a subscription that was deleted or reset',

  // A1 (WG2 A1AP).
  'status-notification-missing': 'no policy status notification reached its destination',
  'policy-readback': 'a policy or policy type does not read back as it was written',
  'policy-listing': 'a list of policies or policy types leaves out or repeats one the RIC holds',
  'policy-status': 'a policy reads another enforcement or instance status than the procedure gives it',
  'policy-not-deleted': 'a deleted policy is still readable or listed after its time',
  'problem-detail': "an A1Failure's ProblemDetails does not name what the refusal is about",

  // Open Fronthaul M-plane (WG4 M-plane).
  'capabilities-not-retrieved': 'the O-DU did not retrieve the O-RU capabilities',
  'capability-mismatch': "the O-RU's capabilities differ from what its vendor.yaml declares",
  'capability-undeclared': 'the O-RU offers or reports more than its vendor.yaml declares',
  'carrier-readback': 'a carrier does not read back as written',
  'carrier-state': 'a carrier is in another state than the procedure leaves it in',
  'carrier-outside-capabilities': 'a carrier was configured that the O-RU does not offer',
  'carrier-still-active': 'a carrier stayed ACTIVE when it must have been deactivated',
  'carrier-active-after-reset': 'a carrier is ACTIVE right after a reset',
  'carriers-not-configured': 'U-plane was sent to an O-RU without carriers configured',
  'carriers-not-activated': 'U-plane was sent before the carriers were activated',
  'no-carrier-fits': "no carrier fits the O-RU's own capabilities",
  'activation-without-sync': 'a carrier was activated without the O-RU being LOCKED',
  'sync-not-controllable': "the O-RU's sync state could not be set for the case",
  'sync-not-locked': 'the O-RU did not reach sync-state LOCKED in time',
  'edit-not-atomic': 'a refused edit-config changed the configuration',
  'eaxc-id': 'an eAxC id is duplicated, outside its range, or not the configured one',
  'section-missing': 'retrieval left out a section it must return',
  'filter-not-applied': 'a filtered retrieval returned what the filter excludes',
  'filter-changed-data': 'a filtered retrieval returned other values than the unfiltered one',
  'unknown-stream-accepted': 'a subscription to an unknown stream was accepted',
  'notification-missing': 'a notification a subscriber must get was not sent',
  'notification-filter-ignored': 'a notification reached a subscriber whose filter excludes it',
  'no-alarm': 'a fault raised no alarm notification',
  'alarm-not-cleared': 'an alarm was not notified cleared once its cause ended',
  'alarm-while-supervised': 'an alarm was notified while nothing was wrong',
  'alarm-list-mismatch': 'a notified alarm is not in the active alarm list as notified',
  'alarm-event-time': 'an alarm has another event time in the list than in its notification',
  'alarm-affected-objects': 'an alarm does not name the object it affects',
  'supervision-early': 'the O-RU declared supervision lost before its watchdog ran out',
  'supervision-late': 'the O-RU detected the loss of supervision late',
  'supervision-slow': 'the O-RU detected the loss of supervision slowly',
  'supervision-loss-not-detected': 'the O-RU did not detect the loss of supervision',
  'supervision-lost-while-supervised': 'the O-RU declared supervision lost while it was kept',
  'supervision-notification-missing': 'the O-RU sent no supervision notification to its subscriber',
  'next-update-at': 'next-update-at is not one notification interval ahead',
  'software-integrity': 'a corrupt software package was not refused with INTEGRITY_ERROR',

  // Open Fronthaul CU-plane (WG4 CUS).
  'c-plane-before-u-plane': 'U-plane came without the C-plane section for its symbols ahead of it',
  'sequence-id': 'eCPRI sequence ids do not increase by one per eAxC',
  'ud-comp-hdr': 'the compression header does not match the configured method and bit width',
  'prb-fit': "a section's PRBs do not fit the carrier",
  'iq-payload': 'the IQ payload size does not match the PRBs and the bit width',
  'evm-out-of-tolerance': 'the IQ loopback EVM is over the tolerance for the bit width',
  'cu-plane-without-carrier': 'CU-plane was sent to an O-RU without a carrier on it',
  'cu-plane-not-resumed': 'CU-plane did not resume after the event',

  // Fault containment and hot swap.
  'not-detected': 'nothing noticed the fault',
  'detected-late': 'the fault was noticed later than its timers allow',
  'detected-early':
    'the fault was noticed (a link closed, a peer declared lost) before its timers could have noticed it',
  'not-recovered': 'the network did not recover once the fault was lifted',
  'blast-radius': 'the fault reached links it is not on',
  'healthy-link-closed': 'a link outside the fault closed',
  'healthy-link-disturbed': 'a link outside the fault stopped carrying traffic',
  'flood-setup-refused': 'the flooding node could not set up with the RIC',
  'flood-delay': "the flood delayed the healthy node's traffic",
  'not-swapped': 'the instance does not run the new vendor after the swap',
  'old-process-alive': "the swapped-out vendor's process outlived the swap",
  'incompatibility-not-reported': 'the O-DU did not say why it leaves an incompatible O-RU unused',
  'incompatible-o-ru-configured': 'the O-DU went on configuring an O-RU it found incompatible',

  // Attestation (WG11, RATS, EAT).
  'not-admitted': 'an honest peer was not admitted',
  'honest-peer-refused': "an honest peer's connection was refused",
  'not-mutual': 'a side did not affirm its peer before HelloAck',
  'message-before-attestation': 'interface messages crossed before HelloAck',
  'message-through-refused-link': 'interface messages crossed a link whose evidence was refused',
  'untrusted-admitted': 'a peer that fails a check was admitted',
  'wrong-reason': 'a peer was refused naming another check or reason than its evidence breaks',
  'refusal-not-logged': 'a refusal has no documented event in the log',
  'appraisal-not-logged': 'an admission has no documented appraisal event in the log',
  'revocation-late': 'a revoked peer was cut off later than the policy reload allows',
  'criteria-not-applied': 'a criteria-only policy did not admit a peer that meets it',
  'no-certificate-admitted': 'a client without a certificate was admitted',
  'old-tls-admitted': 'a client on a TLS version below 1.2 was admitted',
  'wrong-refusal-status': 'a client was refused with another HTTP status than its case gives',
} as const satisfies Record<string, string>;

/** A code a diagnostic carries: one of plugfest's own, or a wire error code quoted. */
export type DiagnosticCode = keyof typeof diagnosticCodes | ErrorCode;

const wireCodes: ReadonlySet<string> = new Set(errorCodes);

/** True for a code of the closed set (what a test over the suites checks). */
export const isDiagnosticCode = (code: string): code is DiagnosticCode =>
  Object.hasOwn(diagnosticCodes, code) || wireCodes.has(code);
