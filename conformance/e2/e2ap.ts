/**
 * What both sides of the E2 suite read alike: the cause of an answer, RIC Request IDs, Error
 * Indications and protocol versions as the trace holds them, and the code of a request that
 * got no answer.
 */
import {
  causeText,
  type DiagnosticCode,
  type FrameFilter,
  isDiagnosticCode,
  type Network,
  type oran,
  type Session,
} from '../../src/conformance/index.js';

/** Bytes that do not decode as a PDU: a truncated envelope, field 1 (header) announcing more bytes than follow. */
export const malformedPdu = new Uint8Array([0x0a, 0xff, 0xff, 0xff, 0x01]);

/** A test peer's E2 session (RIC or node). */
export type E2Session = Session<'e2'>;
/** The answer to a request of the test peer. */
export type E2Answer = Awaited<ReturnType<E2Session['request']>>;

/** A cause as O-RAN names it ("ric-request: ran-function-id-invalid"), or undefined without one. */
export function causeOf(cause: Parameters<typeof causeText>[0]): string | undefined {
  const text = causeText(cause);
  return text === 'none' ? undefined : text;
}

/** A cause of the ricRequest group as causeText names it. */
export const ricRequestCause = (value: oran.common.v1.CauseRicRequest): string =>
  causeText({ ricRequest: value });

/** The cause of an unsuccessful answer; undefined for a successful one, or one without a cause. */
export function answerCause(answer: E2Answer): string | undefined {
  if (answer.outcome !== 'unsuccessful') return undefined;
  const message = answer.as(answer.type);
  return 'cause' in message ? causeOf(message.cause) : undefined;
}

/** An answer as a diagnostic names it: its type, and its cause if it has one. */
export const answerText = (answer: E2Answer): string => {
  const cause = answerCause(answer);
  return cause ? `${answer.type} (${cause})` : answer.type;
};

/**
 * The code of a request that got no answer: the wire's (request-timeout, link-closed), or
 * no-answer for anything else.
 */
export function requestErrorCode(error: unknown): DiagnosticCode {
  const code = error instanceof Error && 'code' in error ? error.code : undefined;
  return typeof code === 'string' && isDiagnosticCode(code) ? code : 'no-answer';
}

/** A RIC Request ID (O-RAN.WG3.E2AP 9.2.7) decoded or traced (zero fields left out). */
export type RequestIdLike =
  | { readonly ricRequestorId?: number | null; readonly ricInstanceId?: number | null }
  | null
  | undefined;

/** Whether two RIC Request IDs, both present, name the same subscription (absent fields as 0). */
export const sameRequestId = (a: RequestIdLike, b: RequestIdLike): boolean =>
  !!a &&
  !!b &&
  (a.ricRequestorId ?? 0) === (b.ricRequestorId ?? 0) &&
  (a.ricInstanceId ?? 0) === (b.ricInstanceId ?? 0);

/** A RIC Request ID as a diagnostic names it, "requestor:instance", or "none". */
export const requestIdText = (id: RequestIdLike): string =>
  id ? `${id.ricRequestorId ?? 0}:${id.ricInstanceId ?? 0}` : 'none';

type Where = Required<Pick<FrameFilter, 'link' | 'dir' | 'since'>>;

/** Error Indications (E2AP or link level) on a link in one direction since a time, in order. */
export function errorIndications(net: Network, where: Where) {
  return [
    ...net.frames.all({ ...where, type: 'oran.e2.v1.ErrorIndication' }),
    ...net.frames.all({ ...where, type: 'oran.common.v1.ErrorIndication' }),
  ].sort((a, b) => a.t - b.t);
}

/** The first Error Indication (E2AP or link level) that `where` names, waiting up to `timeoutMs`. */
export async function nextErrorIndication(net: Network, where: Where, timeoutMs: number) {
  const isIndication = (type: string | undefined) =>
    type === 'oran.e2.v1.ErrorIndication' || type === 'oran.common.v1.ErrorIndication';
  await net.frames.next({ ...where, where: (f) => isIndication(f.type) }, timeoutMs);
  return errorIndications(net, where)[0];
}

/** Protocol versions as the trace holds them (zero fields left out), as "major.minor". */
export const versionsText = (
  versions: readonly { readonly major?: number; readonly minor?: number }[] | undefined,
): string[] => (versions ?? []).map((v) => `${v.major ?? 0}.${v.minor ?? 0}`);
