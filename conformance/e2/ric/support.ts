/**
 * What every near-RT RIC case does as the E2 node: send a request once the link is quiet and read
 * the RIC's answer, and find in the trace what the RIC sent after a mark (its subscription after
 * an E2SetupResponse or ResetResponse, its error indications). The trace only grows, so an index
 * into it marks a moment.
 */
import {
  type CaseContext,
  type FrameRecord,
  type Network,
  oran,
  type Session,
} from '../../../src/conformance/index.js';
import { e2RicTopology, nodePeerInstance, peerGlobalE2NodeId, ricE2Link } from '../ric-topology.js';
import { causeText } from './causes.js';

/** What every case on the shared E2 topology has in common: conformance of the near-RT RIC. */
export const common = {
  suite: 'e2',
  interface: 'e2' as const,
  mode: 'conformance' as const,
  roles: ['near-rt-ric'] as const,
  topology: e2RicTopology,
};

/** The context a case runs in, on the shared E2 topology's network. */
export type Ctx = CaseContext<Network>;
/** The RIC's answer to a request of the node. */
export type Answer = Awaited<ReturnType<Session<'e2'>['request']>>;
/** A RAN function the node offers. */
export type RanFunctionItem = oran.e2.v1.RanFunctionItem.$Properties;
/** The E2AP requests the node can send. */
export type RequestType = Parameters<Session<'e2'>['request']>[0];

/** A request of the node and the RIC's answer; `mark` and `replyIndex` are trace indexes. */
export interface Asked {
  readonly answer: Answer;
  /** Unix ms when the request was sent, and how long the answer took. */
  readonly at: number;
  readonly ms: number;
  /** The trace's length before the request: what follows happened after it. */
  readonly mark: number;
  /** Where the answer is in the trace. */
  readonly replyIndex: number;
}

/** The E2 Setup, Reset and Service Update answers a RIC gives at once: 3 s under load (2 cores, other suites). */
export const answerMs = 3000;
/** How long a RIC may take to subscribe after the setup (or reset) that makes it: 5 s under load. */
export const subscribeMs = 5000;

/** The node peer's E2 session. */
export const nodeSession = (net: Network) => net.peer(nodePeerInstance).session('e2');

/**
 * Sends a request from the node and returns the RIC's answer; no answer within `timeoutMs` (or
 * the link closing under it) fails the case, quoting the error code.
 */
export async function ask(
  ctx: Ctx,
  type: RequestType,
  message: unknown,
  timeoutMs = answerMs,
): Promise<Asked> {
  const session = await nodeSession(ctx.fixture);
  const mark = ctx.fixture.records().length;
  const at = Date.now();
  let answer: Answer | undefined;
  let code: string | undefined;
  try {
    answer = await session.request(type, message as never, { timeoutMs });
  } catch (error) {
    code = (error as { code?: string }).code ?? String(error);
  }
  const short = type.replace('oran.e2.v1.', '');
  ctx.expect(answer !== undefined, {
    message: `${short} unanswered`,
    expected: `an answer to ${short} within ${timeoutMs} ms`,
    observed: code === 'request-timeout' ? 'nothing' : `the request ended with ${code}`,
    link: ricE2Link,
    ...(code ? { code } : {}),
    trace: { at: [at] },
  });
  const ms = Date.now() - at;
  const tx = answer.frame.header.transactionId;
  // The relay records a frame before it forwards it: the answer is in the trace by now.
  const reply = recordsAfter(ctx.fixture, mark).findIndex(
    (r) => r.kind === 'frame' && r.dir === 'server-to-client' && r.tx === tx && r.pdu !== 'initiating',
  );
  return { answer, at, ms, mark, replyIndex: reply < 0 ? ctx.fixture.records().length : mark + reply };
}

/** How long the link must carry nothing to count as quiet, and how long to wait for that at most. */
const quietMs = 150;
const settleMs = 2000;

/**
 * Waits until the E2 link has been quiet for `quietMs`: what the case before this one set off
 * (the RIC subscribing after its setup) must not be taken for an answer to this case.
 */
export async function settle(ctx: Ctx): Promise<void> {
  const deadline = Date.now() + settleMs;
  let count = ctx.fixture.records().length;
  let quietSince = Date.now();
  while (Date.now() < deadline && Date.now() - quietSince < quietMs) {
    await ctx.sleep(25);
    const now = ctx.fixture.records().length;
    if (now !== count) {
      count = now;
      quietSince = Date.now();
    }
  }
}

/**
 * E2 Setup from the node with these RAN functions, once the link is quiet; fails the case if
 * unanswered. Every case on the shared topology starts with one: it erases what the RIC held.
 */
export async function e2Setup(ctx: Ctx, functions: RanFunctionItem[], timeoutMs = answerMs): Promise<Asked> {
  await settle(ctx);
  return ask(
    ctx,
    'oran.e2.v1.E2SetupRequest',
    { globalE2NodeId: peerGlobalE2NodeId, ranFunctionsAdded: functions },
    timeoutMs,
  );
}

/** An accepted E2 Setup: anything else fails the case with the refusal's cause. */
export async function acceptedSetup(ctx: Ctx, functions: RanFunctionItem[]) {
  const asked = await e2Setup(ctx, functions);
  const refusal = refusalOf(asked.answer);
  ctx.expect(asked.answer.type === 'oran.e2.v1.E2SetupResponse', {
    message: 'E2 Setup refused: the case needs an accepted setup',
    expected: 'E2SetupResponse',
    observed: `${asked.answer.type}${refusal ? ` (${refusal})` : ''}`,
    link: ricE2Link,
    ...(refusal ? { code: refusal } : {}),
    trace: { at: [asked.at] },
  });
  return { ...asked, response: asked.answer.as('oran.e2.v1.E2SetupResponse') };
}

/** The cause of an unsuccessful answer, as text. */
export function refusalOf(answer: Answer): string | undefined {
  if (answer.outcome !== 'unsuccessful') return undefined;
  return causeText((answer.message as { cause?: unknown }).cause) ?? 'no cause';
}

/** Whether two RIC Request IDs name the same subscription. */
export const sameRequestId = (
  a: oran.e2.v1.RicRequestId.$Properties | null | undefined,
  b: oran.e2.v1.RicRequestId.$Properties | null | undefined,
) =>
  !!a &&
  !!b &&
  (a.ricRequestorId ?? 0) === (b.ricRequestorId ?? 0) &&
  (a.ricInstanceId ?? 0) === (b.ricInstanceId ?? 0);

/** "requestor/instance" of a RIC Request ID, or "none". */
export const requestIdText = (id: oran.e2.v1.RicRequestId.$Properties | null | undefined) =>
  id ? `${id.ricRequestorId ?? 0}/${id.ricInstanceId ?? 0}` : 'none';

/** Trace records from index `index` on (the trace only grows, so an index marks a moment). */
const recordsAfter = (net: Network, index: number) => net.records().slice(index);

/** E2 frames of `type` on the link recorded at or after trace index `index`, with their index. */
export function framesAfter(
  net: Network,
  index: number,
  type: string,
): Array<{ frame: FrameRecord; index: number }> {
  return recordsAfter(net, index).flatMap((r, i) =>
    r.kind === 'frame' && r.link === ricE2Link && r.type === type ? [{ frame: r, index: index + i }] : [],
  );
}

/** The first frame of `type` at or after trace index `index`, waiting up to `timeoutMs`. */
export async function frameAfter(ctx: Ctx, index: number, type: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = framesAfter(ctx.fixture, index, type)[0];
    if (found || Date.now() >= deadline) return found;
    await ctx.sleep(20);
  }
}

/** A traced message back as the decoded message (the trace holds bytes as base64, enums by name). */
export const messageOf = <T>(
  decoder: { fromObject(object: Record<string, unknown>): T },
  frame: FrameRecord,
): T => decoder.fromObject(frame.fields ?? {});

/**
 * The RIC's subscription request that follows an answer (E2SetupResponse, ResetResponse) in the
 * trace, waiting up to `subscribeMs`; a request relayed before that answer fails the case.
 */
export async function subscriptionAfter(ctx: Ctx, asked: Asked, after: string) {
  const found = await frameAfter(ctx, asked.replyIndex, 'oran.e2.v1.RicSubscriptionRequest', subscribeMs);
  const early = framesAfter(ctx.fixture, asked.mark, 'oran.e2.v1.RicSubscriptionRequest').find(
    (f) => f.index < asked.replyIndex,
  );
  ctx.expect(early === undefined, {
    message: `the subscription overtook the ${after}`,
    expected: `${after} first: before it the node is not ready for a subscription`,
    observed: `RicSubscriptionRequest relayed before the ${after}`,
    link: ricE2Link,
    trace: { at: [early?.frame.t ?? asked.at] },
  });
  if (!found) return undefined;
  return {
    frame: found.frame,
    index: found.index,
    message: messageOf(oran.e2.v1.RicSubscriptionRequest, found.frame),
  };
}

/** Error indications the RIC sent since `since` (E2AP or link level), as "type (cause)". */
export function errorIndicationsSince(net: Network, since: number): string[] {
  return net
    .frames({ link: ricE2Link, dir: 'server-to-client', since })
    .filter((f) => f.type === 'oran.e2.v1.ErrorIndication' || f.type === 'oran.common.v1.ErrorIndication')
    .map((f) => `${f.type} (${causeText(f.fields?.cause) ?? 'no cause'})`);
}
