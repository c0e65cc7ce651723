/**
 * What every near-RT RIC case does as the E2 node: send a request once the link is quiet and read
 * the RIC's answer, and find in the trace what the RIC sent after it (its subscription after an
 * E2SetupResponse or ResetResponse, its error indications). The suite's defaults are here too.
 */
import { defineSuite, type Network, type NetworkContext, oran } from '../../../src/conformance/index.js';
import {
  answerText,
  causeOf,
  type E2Answer,
  type E2Session,
  errorIndications,
  requestErrorCode,
} from '../e2ap.js';
import { kpmFunction, peerGlobalE2NodeId, rcFunction } from '../e2sm.js';
import { withFixture } from '../fixtures.js';
import { e2RicTopology, ricE2Link as link, nodePeerInstance } from '../ric-topology.js';

/**
 * A case of the near-RT RIC suite: conformance of the RIC on e2RicTopology. Fresh (the
 * default): every case sets E2 up, and the RIC keeps the node's functions and subscriptions.
 */
export const ricCase = defineSuite({
  suite: 'e2',
  interface: 'e2',
  mode: 'conformance',
  roles: ['near-rt-ric'],
  topology: e2RicTopology,
});

/** A RAN function the node offers. */
export type RanFunctionItem = oran.e2.v1.RanFunctionItem.$Properties;
/** The E2AP requests the node can send, and their messages. */
type RequestType = Parameters<E2Session['request']>[0];
type RequestMessage = Parameters<E2Session['request']>[1];

/** A request of the node and the RIC's answer; `mark` and `replyIndex` are trace indexes. */
export interface Asked {
  readonly answer: E2Answer;
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
export const nodeSession = (ctx: NetworkContext) => ctx.fixture.peer(nodePeerInstance).session('e2');

/**
 * Sends a request from the node and returns the RIC's answer; no answer within `timeoutMs` (or
 * the link closing under it) fails the case, quoting the error code.
 */
export async function ask(
  ctx: NetworkContext,
  type: RequestType,
  message: RequestMessage,
  timeoutMs = answerMs,
): Promise<Asked> {
  const session = await nodeSession(ctx);
  const mark = ctx.fixture.records().length;
  const at = Date.now();
  let answer: E2Answer | undefined;
  let failure: unknown;
  try {
    answer = await session.request<RequestType>(type, message, { timeoutMs });
  } catch (error) {
    failure = error;
  }
  const short = type.replace('oran.e2.v1.', '');
  const code = requestErrorCode(failure);
  ctx.expect(answer !== undefined, {
    message: `${short} unanswered`,
    expected: `an answer to ${short} within ${timeoutMs} ms`,
    observed: code === 'request-timeout' ? 'nothing' : `the request ended with ${code}`,
    link,
    code,
    trace: { at: [at] },
  });
  const ms = Date.now() - at;
  const tx = answer.frame.header.transactionId;
  // The relay records a frame before it forwards it: the answer is in the trace by now.
  const reply = ctx.fixture
    .records()
    .slice(mark)
    .findIndex(
      (r) => r.kind === 'frame' && r.dir === 'server-to-client' && r.tx === tx && r.pdu !== 'initiating',
    );
  return { answer, at, ms, mark, replyIndex: reply < 0 ? ctx.fixture.records().length : mark + reply };
}

/** How long the link must carry nothing to count as quiet, and how long to wait for that at most. */
const quietMs = 150;
const settleMs = 2000;

/**
 * Waits until the E2 link has been quiet for `quietMs`: what set-up traffic set off (the RIC
 * subscribing after a setup) must not be taken for an answer to this case.
 */
export async function settle(ctx: NetworkContext): Promise<void> {
  const deadline = Date.now() + settleMs;
  let last = Date.now();
  const stop = ctx.fixture.frames.subscribe({ link }, () => {
    last = Date.now();
  });
  try {
    for (let now = Date.now(); now < deadline && now - last < quietMs; now = Date.now()) {
      await ctx.sleep(Math.min(quietMs - (now - last), deadline - now));
    }
  } finally {
    stop();
  }
}

/**
 * E2 Setup from the node with these RAN functions, once the link is quiet; fails the case if
 * unanswered.
 */
export async function e2Setup(
  ctx: NetworkContext,
  functions: RanFunctionItem[],
  timeoutMs = answerMs,
): Promise<Asked> {
  await settle(ctx);
  return ask(
    ctx,
    'oran.e2.v1.E2SetupRequest',
    { globalE2NodeId: peerGlobalE2NodeId, ranFunctionsAdded: functions },
    timeoutMs,
  );
}

/** An accepted E2 Setup: anything else fails the case with the refusal's cause. */
export async function acceptedSetup(ctx: NetworkContext, functions: RanFunctionItem[]) {
  const asked = await e2Setup(ctx, functions);
  expectSetupAccepted(ctx, asked, 'E2 Setup refused: the case needs an accepted setup');
  return { ...asked, response: asked.answer.as('oran.e2.v1.E2SetupResponse') };
}

/** An accepted E2 Setup of the node, and the RIC's answer. */
export type AcceptedSetup = Awaited<ReturnType<typeof acceptedSetup>>;

/** A case of the RIC suite whose body runs once the RIC accepted an E2 Setup offering E2SM-KPM and E2SM-RC. */
export const setUpCase = withFixture(ricCase, (ctx) => acceptedSetup(ctx, [kpmFunction(), rcFunction()]));

/** Fails unless the E2 Setup was answered E2SetupResponse. */
export function expectSetupAccepted(
  ctx: NetworkContext,
  asked: Asked,
  message: string,
  expected = 'E2SetupResponse',
) {
  ctx.expect(asked.answer.type === 'oran.e2.v1.E2SetupResponse', {
    message,
    expected,
    observed: answerText(asked.answer),
    link,
    code: 'e2-setup-refused',
    trace: { at: [asked.at] },
  });
}

/** The RIC's subscription requests on the link traced at trace index `index` or later (the trace only grows: an index marks a moment). */
function subscriptionsFrom(net: Network, index: number) {
  return net
    .records()
    .slice(index)
    .flatMap((r, i) =>
      r.kind === 'frame' && r.link === link && r.type === 'oran.e2.v1.RicSubscriptionRequest'
        ? [{ frame: r, index: index + i }]
        : [],
    );
}

/** The first of them, waiting up to `timeoutMs` for one to be traced. */
function nextSubscriptionFrom(ctx: NetworkContext, index: number, timeoutMs: number) {
  const first = () => subscriptionsFrom(ctx.fixture, index)[0];
  const now = first();
  if (now) return Promise.resolve(now);
  return new Promise<ReturnType<typeof first>>((resolve) => {
    // Any frame traced from now on lies past `index`.
    const finish = () => {
      stop();
      clearTimeout(timer);
      resolve(first());
    };
    const stop = ctx.fixture.frames.subscribe({ link, type: 'oran.e2.v1.RicSubscriptionRequest' }, finish);
    const timer = setTimeout(finish, timeoutMs);
  });
}

/**
 * The RIC's subscription request that follows an answer (E2SetupResponse, ResetResponse) in the
 * trace, waiting up to `subscribeMs`; a request relayed before that answer fails the case.
 */
export async function subscriptionAfter(ctx: NetworkContext, asked: Asked, after: string) {
  const early = subscriptionsFrom(ctx.fixture, asked.mark).find((f) => f.index < asked.replyIndex);
  ctx.expect(early === undefined, {
    message: `the subscription overtook the ${after}`,
    expected: `${after} first: before it the node is not ready for a subscription`,
    observed: `RicSubscriptionRequest relayed before the ${after}`,
    link,
    code: 'too-early',
    trace: { at: [early?.frame.t ?? asked.at] },
  });
  const found = await nextSubscriptionFrom(ctx, asked.replyIndex, subscribeMs);
  return (
    found && {
      frame: found.frame,
      message: oran.e2.v1.RicSubscriptionRequest.fromObject(found.frame.fields ?? {}),
    }
  );
}

/** Error indications the RIC sent since `since` (E2AP or link level), as "type (cause)". */
export function errorIndicationsText(ctx: NetworkContext, since: number): string[] {
  return errorIndications(ctx.fixture, { link, dir: 'server-to-client', since }).map(
    (f) => `${f.type} (${causeOf(f.fields.cause) ?? 'no cause'})`,
  );
}
