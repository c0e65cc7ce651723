/**
 * Error indications, both ways: a frame this end cannot process is answered with one (cause
 * and diagnostics, bounded by echoLimits) and the link stays up; one from the peer is reported
 * as a `protocol-error` event.
 */
import {
  boundText,
  causeFor,
  describeCause,
  type ErrorCode,
  echoLimits,
  type Frame,
  type Header,
  oran,
  PlugfestError,
} from '../wire/index.js';
import type { Link } from './link.js';
import type { LinkCore } from './link-core.js';
import { noAnswer } from './link-requests.js';
import type { ProtocolErrorEvent } from './link-types.js';

const { PduKind } = oran.common.v1;

/** Reports, logs and answers with an error indication a frame this end cannot process. */
export function refuseFrame(link: Link, core: LinkCore, error: PlugfestError, header?: Header): void {
  const cause = causeFor(error.code);
  const detail = boundText(error.rawMessage, echoLimits.detailBytes);
  const event: ProtocolErrorEvent = { error, origin: 'local', cause: describeCause(cause), at: Date.now() };
  core.log.warn({ code: error.code, cause: event.cause, detail }, 'frame refused');
  try {
    link.emit('protocol-error', event);
  } catch (reason) {
    core.log.error({ detail: PlugfestError.from(reason).rawMessage }, 'protocol-error listener failed');
  }
  if (core.ws.readyState !== core.ws.OPEN) return;
  core.answer(
    'oran.common.v1.ErrorIndication',
    {
      cause,
      criticalityDiagnostics: {
        messageType: boundText(header?.messageType ?? '', echoLimits.messageTypeBytes),
        transactionId: header?.transactionId ?? 0,
        errorCode: error.code,
        detail,
      },
    },
    PduKind.PDU_KIND_INITIATING_MESSAGE,
    noAnswer,
  );
}

/** The peer's error indication, reported as a `protocol-error` of origin `peer`. */
export function peerReported(
  link: Link,
  core: LinkCore,
  frame: Frame<'oran.common.v1.ErrorIndication'>,
): void {
  const { cause, criticalityDiagnostics: diagnostics } = frame.message;
  const code = (diagnostics?.errorCode || 'internal') as ErrorCode;
  const error = new PlugfestError(code, `peer reports: ${diagnostics?.detail ?? ''}`, {
    messageType: diagnostics?.messageType,
    transactionId: diagnostics?.transactionId,
  });
  const event: ProtocolErrorEvent = { error, origin: 'peer', cause: describeCause(cause), at: Date.now() };
  core.log.warn({ cause: event.cause, code, detail: diagnostics?.detail }, 'error indication received');
  link.emit('protocol-error', event);
}
