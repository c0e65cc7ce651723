/**
 * NETCONF rpc-errors (RFC 6241 clause 4.3): how the O-RU says no. Each carries the same refusal
 * as an O-RAN cause too, so that reports quote one vocabulary across interfaces.
 */
import { oran } from '../../../src/sdk/index.js';

const { ErrorType, ErrorSeverity } = oran.fronthaul.mplane.v1;
const { CauseProtocol, CauseRadioNetwork } = oran.common.v1;

export type RpcError = oran.fronthaul.mplane.v1.RpcError.$Properties;

/** The error-tags of RFC 6241 Appendix A that the O-RU uses. */
export type ErrorTag =
  | 'invalid-value'
  | 'data-exists'
  | 'data-missing'
  | 'in-use'
  | 'operation-failed'
  | 'resource-denied'
  | 'operation-not-supported';

const causeOfTag: Record<ErrorTag, oran.common.v1.Cause.$Properties> = {
  'invalid-value': { protocol: CauseProtocol.CAUSE_PROTOCOL_SEMANTIC_ERROR },
  'data-exists': { protocol: CauseProtocol.CAUSE_PROTOCOL_SEMANTIC_ERROR },
  'data-missing': { protocol: CauseProtocol.CAUSE_PROTOCOL_SEMANTIC_ERROR },
  'in-use': { protocol: CauseProtocol.CAUSE_PROTOCOL_MESSAGE_NOT_COMPATIBLE_WITH_RECEIVER_STATE },
  'operation-failed': { protocol: CauseProtocol.CAUSE_PROTOCOL_MESSAGE_NOT_COMPATIBLE_WITH_RECEIVER_STATE },
  'resource-denied': { radioNetwork: CauseRadioNetwork.CAUSE_RADIO_NETWORK_RADIO_RESOURCES_NOT_AVAILABLE },
  'operation-not-supported': {
    protocol: CauseProtocol.CAUSE_PROTOCOL_ABSTRACT_SYNTAX_ERROR_IGNORE_AND_NOTIFY,
  },
};

export interface RpcErrorOptions {
  /** error-app-tag, e.g. "data-not-unique" (RFC 7950 clause 15.1). */
  readonly appTag?: string;
  /** error-path of the offending node. */
  readonly path?: string;
  /** Default: the cause that goes with the tag (semantic error for a bad value, and so on). */
  readonly cause?: oran.common.v1.Cause.$Properties;
}

/** An application-layer rpc-error of severity error. */
export function rpcError(tag: ErrorTag, message: string, options: RpcErrorOptions = {}): RpcError {
  return {
    errorType: ErrorType.ERROR_TYPE_APPLICATION,
    errorTag: tag,
    errorSeverity: ErrorSeverity.ERROR_SEVERITY_ERROR,
    errorAppTag: options.appTag ?? '',
    errorPath: options.path ?? '',
    errorMessage: message,
    cause: options.cause ?? causeOfTag[tag],
  };
}

/** A YANG unique violation (WG4.CONF 3.1.10: a duplicate eAxC id). */
export function notUnique(message: string, path: string): RpcError {
  return rpcError('operation-failed', message, {
    appTag: 'data-not-unique',
    path,
    cause: { protocol: CauseProtocol.CAUSE_PROTOCOL_SEMANTIC_ERROR },
  });
}

/** error-path of a carrier, or of one of its leaves. */
export function carrierPath(kind: 'tx' | 'rx', name: string, leaf?: string): string {
  return `/user-plane-configuration/${kind}-array-carriers[name='${name}']${leaf ? `/${leaf}` : ''}`;
}

/** The fields of an rpc-error a log line carries. */
export function logFieldsOf(error: RpcError): Record<string, unknown> {
  return {
    errorTag: error.errorTag,
    errorAppTag: error.errorAppTag || undefined,
    errorPath: error.errorPath || undefined,
    errorMessage: error.errorMessage,
  };
}
