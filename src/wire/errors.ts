/**
 * One error type for plugfest, with a closed set of codes (after connect-es `ConnectError`),
 * and the one place that maps a code to what goes on the wire: an O-RAN cause for an error
 * indication or a close, and a WebSocket close code.
 */
import { oran } from './generated/oran.js';

const { CauseProtocol, CauseTransport, CauseMisc } = oran.common.v1;
type CauseInit = oran.common.v1.Cause.$Properties;

/** Every failure a report, a test or a peer must tell apart. */
export const errorCodes = [
  'malformed-frame',
  'unknown-message-type',
  'unsupported-procedure',
  'frame-too-large',
  'limit-exceeded',
  'value-out-of-range',
  'version-mismatch',
  'subprotocol-refused',
  'not-ready',
  'request-timeout',
  'handshake-timeout',
  'supervision-lost',
  'link-closed',
  'connect-failed',
  'attestation-failed',
  /** mTLS refused the peer: its certificate (none, expired, unknown CA, revoked) or its TLS version. */
  'tls-refused',
  'config-invalid',
  'vendor-exited',
  'vendor-not-ready',
  'incompatible',
  'internal',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

/** A plugfest failure: a code, a sentence, and the facts behind it (serialisable). */
export class PlugfestError extends Error {
  override readonly name = 'PlugfestError';
  readonly code: ErrorCode;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: ErrorCode, message: string, details: Record<string, unknown> = {}, cause?: unknown) {
    super(`[${code}] ${message}`, cause === undefined ? undefined : { cause });
    this.code = code;
    this.details = details;
  }

  /** The message without its `[code]` prefix. */
  get rawMessage(): string {
    return this.message.slice(this.code.length + 3);
  }

  /** Wraps anything thrown into a PlugfestError, keeping one that already is. */
  static from(reason: unknown, code: ErrorCode = 'internal'): PlugfestError {
    if (reason instanceof PlugfestError) return reason;
    const text = reason instanceof Error ? reason.message : String(reason);
    return new PlugfestError(code, text, {}, reason);
  }

  toJSON(): { code: ErrorCode; message: string; details: Record<string, unknown> } {
    return { code: this.code, message: this.rawMessage, details: { ...this.details } };
  }
}

/**
 * The O-RAN cause (E2AP clause 9.2.1.2) sent for an error code. Decoding failures are transfer
 * syntax errors, a message the receiver does not know is an abstract syntax error (reject), a
 * message in the wrong state is "message not compatible with receiver state", and a limit
 * exceeded is a resource the receiver does not have.
 */
export function causeFor(code: ErrorCode): CauseInit {
  switch (code) {
    case 'malformed-frame':
      return { protocol: CauseProtocol.CAUSE_PROTOCOL_TRANSFER_SYNTAX_ERROR };
    case 'unknown-message-type':
      return { protocol: CauseProtocol.CAUSE_PROTOCOL_ABSTRACT_SYNTAX_ERROR_REJECT };
    case 'unsupported-procedure':
      return { protocol: CauseProtocol.CAUSE_PROTOCOL_ABSTRACT_SYNTAX_ERROR_IGNORE_AND_NOTIFY };
    case 'not-ready':
      return { protocol: CauseProtocol.CAUSE_PROTOCOL_MESSAGE_NOT_COMPATIBLE_WITH_RECEIVER_STATE };
    case 'version-mismatch':
      return { protocol: CauseProtocol.CAUSE_PROTOCOL_UNSPECIFIED };
    case 'value-out-of-range':
      return { protocol: CauseProtocol.CAUSE_PROTOCOL_SEMANTIC_ERROR };
    case 'frame-too-large':
    case 'limit-exceeded':
      return { transport: CauseTransport.CAUSE_TRANSPORT_TRANSPORT_RESOURCE_UNAVAILABLE };
    case 'supervision-lost':
    case 'connect-failed':
    case 'link-closed':
      return { transport: CauseTransport.CAUSE_TRANSPORT_UNSPECIFIED };
    case 'request-timeout':
    case 'handshake-timeout':
      return { misc: CauseMisc.CAUSE_MISC_UNSPECIFIED };
    case 'attestation-failed':
    case 'tls-refused':
    case 'subprotocol-refused':
    case 'config-invalid':
      return { misc: CauseMisc.CAUSE_MISC_OM_INTERVENTION };
    case 'incompatible':
      return {
        radioNetwork: oran.common.v1.CauseRadioNetwork.CAUSE_RADIO_NETWORK_RADIO_RESOURCES_NOT_AVAILABLE,
      };
    case 'vendor-exited':
    case 'vendor-not-ready':
    case 'internal':
      return { misc: CauseMisc.CAUSE_MISC_UNSPECIFIED };
  }
}

/**
 * WebSocket close code (RFC 6455 section 7.4) for the error that ends a link. 4000-4999 are
 * reserved for applications; plugfest uses them for its own causes so a peer in any language
 * can tell them apart without decoding the LinkClose that precedes the close.
 */
export function closeCodeFor(code: ErrorCode | 'normal' | 'going-away'): number {
  switch (code) {
    case 'normal':
      return 1000;
    case 'going-away':
      return 1001;
    case 'frame-too-large':
      return 1009;
    case 'internal':
      return 1011;
    case 'version-mismatch':
      return 4002;
    case 'supervision-lost':
      return 4003;
    case 'attestation-failed':
      return 4004;
    case 'handshake-timeout':
      return 4005;
    case 'not-ready':
    case 'malformed-frame':
    case 'unknown-message-type':
    case 'limit-exceeded':
      return 1002;
    default:
      return 4000;
  }
}

/**
 * "protocol: transfer-syntax-error": the cause as people and reports quote it, from a decoded
 * Cause (enum numbers) or a traced one (enum names).
 */
export function describeCause(
  cause: oran.common.v1.Cause.$Properties | Record<string, unknown> | null | undefined,
): string {
  if (!cause) return 'none';
  const groups = [
    ['ricRequest', 'ric-request', oran.common.v1.CauseRicRequest, 'CAUSE_RIC_REQUEST_'],
    ['ricService', 'ric-service', oran.common.v1.CauseRicService, 'CAUSE_RIC_SERVICE_'],
    ['e2Node', 'e2-node', oran.common.v1.CauseE2Node, 'CAUSE_E2_NODE_'],
    ['transport', 'transport', oran.common.v1.CauseTransport, 'CAUSE_TRANSPORT_'],
    ['protocol', 'protocol', oran.common.v1.CauseProtocol, 'CAUSE_PROTOCOL_'],
    ['misc', 'misc', oran.common.v1.CauseMisc, 'CAUSE_MISC_'],
    ['radioNetwork', 'radio-network', oran.common.v1.CauseRadioNetwork, 'CAUSE_RADIO_NETWORK_'],
  ] as const;
  for (const [field, label, values, prefix] of groups) {
    const value = (cause as Record<string, number | string | null | undefined>)[field];
    if (value === undefined || value === null) continue;
    const name =
      typeof value === 'string' ? value : (values as unknown as Record<number, string | undefined>)[value];
    const text = name ? name.replace(prefix, '').toLowerCase().replaceAll('_', '-') : String(value);
    return `${label}: ${text}`;
  }
  return 'none';
}
