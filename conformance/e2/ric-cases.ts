/**
 * E2 conformance cases of the near-RT RIC (O-RAN.WG3.E2AP, E2SM-KPM): the RIC under test against
 * the harness playing the E2 node, which sends what the case says (E2 Setup, RIC Service
 * Update, Reset, RIC Subscription Delete Required, a malformed PDU) and admits the RIC's
 * subscriptions by default. Each case sends its own E2 Setup first: a new E2 Setup erases what
 * both ends held for the node (E2AP 8.3.1), so a case starts from a fresh link whatever the
 * case before it did. Last, one interop case: an O-DU restart, after which the E2 link, the
 * setup and the subscription are rebuilt.
 */
import {
  type CaseContext,
  type CaseDefinition,
  defineCase,
  type FrameRecord,
  type Network,
  oran,
  type Session,
} from '../../src/conformance/index.js';
import {
  e2RestartTopology,
  e2RicTopology,
  e2RicVersionSkewTopology,
  kpmFunction,
  kpmFunctionId,
  nodePeerInstance,
  offeredMeasurements,
  peerGlobalE2NodeId,
  rcFunction,
  rcFunctionId,
  ricE2Link,
  unknownFunction,
} from './ric-topology.js';

const common = {
  suite: 'e2',
  interface: 'e2' as const,
  mode: 'conformance' as const,
  roles: ['near-rt-ric'] as const,
  topology: e2RicTopology,
};

type Ctx = CaseContext<Network>;
type Answer = Awaited<ReturnType<Session<'e2'>['request']>>;
type RanFunctionItem = oran.e2.v1.RanFunctionItem.$Properties;
type RequestType = Parameters<Session<'e2'>['request']>[0];

/** A request of the node and the RIC's answer; `mark` and `replyIndex` are trace indexes. */
interface Asked {
  readonly answer: Answer;
  /** Unix ms when the request was sent, and how long the answer took. */
  readonly at: number;
  readonly ms: number;
  /** The trace's length before the request: what follows happened after it. */
  readonly mark: number;
  /** Where the answer is in the trace. */
  readonly replyIndex: number;
}

const { CauseRicRequest, CauseMisc } = oran.common.v1;
const kpm = oran.e2sm.kpm.v1;

/** The E2 Setup, Reset and Service Update answers a RIC gives at once: 3 s under load (2 cores, other suites). */
const answerMs = 3000;
/** How long a RIC may take to subscribe after the setup (or reset) that makes it: 5 s under load. */
const subscribeMs = 5000;

// ---------------------------------------------------------------------------------------------
// Helpers: the node's requests, and how answers are read
// ---------------------------------------------------------------------------------------------

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
function causeText(cause: unknown): string | undefined {
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

/** The node peer's E2 session. */
const nodeSession = (net: Network) => net.peer(nodePeerInstance).session('e2');

/**
 * Sends a request from the node and returns the RIC's answer; no answer within `timeoutMs` (or
 * the link closing under it) fails the case, quoting the error code.
 */
async function ask(ctx: Ctx, type: RequestType, message: unknown, timeoutMs = answerMs): Promise<Asked> {
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
async function settle(ctx: Ctx): Promise<void> {
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
async function e2Setup(ctx: Ctx, functions: RanFunctionItem[], timeoutMs = answerMs): Promise<Asked> {
  await settle(ctx);
  return ask(
    ctx,
    'oran.e2.v1.E2SetupRequest',
    { globalE2NodeId: peerGlobalE2NodeId, ranFunctionsAdded: functions },
    timeoutMs,
  );
}

/** An accepted E2 Setup: anything else fails the case with the refusal's cause. */
async function acceptedSetup(ctx: Ctx, functions: RanFunctionItem[]) {
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
function refusalOf(answer: Answer): string | undefined {
  if (answer.outcome !== 'unsuccessful') return undefined;
  return causeText((answer.message as { cause?: unknown }).cause) ?? 'no cause';
}

interface FunctionLists {
  readonly ranFunctionsAccepted: readonly oran.e2.v1.RanFunctionIdItem.$Properties[];
  readonly ranFunctionsRejected: readonly oran.e2.v1.RanFunctionIdCauseItem.$Properties[];
}

/** How the RIC's accepted and rejected lists account for the offered functions. */
function accounting(offered: readonly number[], lists: FunctionLists) {
  const accepted = lists.ranFunctionsAccepted.map((f) => f.ranFunctionId ?? 0);
  const rejected = lists.ranFunctionsRejected.map((f) => f.ranFunctionId ?? 0);
  const count = (ids: number[]) =>
    ids.reduce((m, id) => m.set(id, (m.get(id) ?? 0) + 1), new Map<number, number>());
  const listed = count([...accepted, ...rejected]);
  return {
    accepted,
    rejected,
    missing: offered.filter((id) => !listed.has(id)),
    twice: [...listed].filter(([, n]) => n > 1).map(([id]) => id),
    notOffered: [...listed.keys()].filter((id) => !offered.includes(id)),
    causeless: lists.ranFunctionsRejected.filter((f) => !causeText(f.cause)).map((f) => f.ranFunctionId ?? 0),
  };
}

/** "[1, 2, 3]", or its first items and a count for long lists. */
function idList(ids: readonly number[]): string {
  const shown = ids.slice(0, 12).join(', ');
  return ids.length > 12 ? `[${shown}, ... ${ids.length} in all]` : `[${shown}]`;
}

/** Fails unless every offered function is listed once, as accepted or as rejected with a cause. */
function expectEveryFunctionAnswered(
  ctx: Ctx,
  what: string,
  offered: readonly number[],
  lists: FunctionLists,
  at: number[],
) {
  const a = accounting(offered, lists);
  ctx.expect(a.missing.length === 0, {
    message: `${what}: RAN functions offered but neither accepted nor rejected`,
    expected: `every one of ${idList(offered)} accepted or rejected`,
    observed: `missing ${idList(a.missing)}`,
    link: ricE2Link,
    trace: { at },
  });
  ctx.expect(a.twice.length === 0 && a.notOffered.length === 0, {
    message: `${what}: the accepted and rejected lists do not match the offer`,
    expected: 'each offered RAN Function ID listed exactly once',
    observed: `listed twice ${idList(a.twice)}, listed but not offered ${idList(a.notOffered)}`,
    link: ricE2Link,
    trace: { at },
  });
  ctx.expect(a.causeless.length === 0, {
    message: `${what}: RAN functions rejected without a cause`,
    expected: 'a Cause for every rejected RAN function (E2AP RAN Functions Rejected)',
    observed: `no cause for ${idList(a.causeless)}`,
    link: ricE2Link,
    trace: { at },
  });
  return a;
}

const sameRequestId = (
  a: oran.e2.v1.RicRequestId.$Properties | null | undefined,
  b: oran.e2.v1.RicRequestId.$Properties | null | undefined,
) =>
  !!a &&
  !!b &&
  (a.ricRequestorId ?? 0) === (b.ricRequestorId ?? 0) &&
  (a.ricInstanceId ?? 0) === (b.ricInstanceId ?? 0);

const requestIdText = (id: oran.e2.v1.RicRequestId.$Properties | null | undefined) =>
  id ? `${id.ricRequestorId ?? 0}/${id.ricInstanceId ?? 0}` : 'none';

/** Trace records from index `index` on (the trace only grows, so an index marks a moment). */
const recordsAfter = (net: Network, index: number) => net.records().slice(index);

/** E2 frames of `type` on the link recorded at or after trace index `index`, with their index. */
function framesAfter(
  net: Network,
  index: number,
  type: string,
): Array<{ frame: FrameRecord; index: number }> {
  return recordsAfter(net, index).flatMap((r, i) =>
    r.kind === 'frame' && r.link === ricE2Link && r.type === type ? [{ frame: r, index: index + i }] : [],
  );
}

/** The first frame of `type` at or after trace index `index`, waiting up to `timeoutMs`. */
async function frameAfter(ctx: Ctx, index: number, type: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = framesAfter(ctx.fixture, index, type)[0];
    if (found || Date.now() >= deadline) return found;
    await ctx.sleep(20);
  }
}

/** A traced message back as the decoded message (the trace holds bytes as base64, enums by name). */
const messageOf = <T>(decoder: { fromObject(object: Record<string, unknown>): T }, frame: FrameRecord): T =>
  decoder.fromObject(frame.fields ?? {});

/**
 * The RIC's subscription request that follows an answer (E2SetupResponse, ResetResponse) in the
 * trace, waiting up to `subscribeMs`; a request relayed before that answer fails the case.
 */
async function subscriptionAfter(ctx: Ctx, asked: Asked, after: string) {
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
function errorIndicationsSince(net: Network, since: number): string[] {
  return net
    .frames({ link: ricE2Link, dir: 'server-to-client', since })
    .filter((f) => f.type === 'oran.e2.v1.ErrorIndication' || f.type === 'oran.common.v1.ErrorIndication')
    .map((f) => `${f.type} (${causeText(f.fields?.cause) ?? 'no cause'})`);
}

// ---------------------------------------------------------------------------------------------
// E2 Setup
// ---------------------------------------------------------------------------------------------

export const ricSetupAccountsForFunctions = defineCase<Network>({
  ...common,
  id: 'E2-SETUP-030',
  title: 'E2 Setup from a node offering KPM and RC: every RAN function is accepted or rejected with a cause',
  spec: 'O-RAN.WG3.E2AP 8.3.1, 9.1.2.2 (E2 SETUP RESPONSE)',
  expectation:
    'The node offers E2SM-KPM (id 2), E2SM-RC (id 3) and a function of an unknown service model (id 9). The RIC answers E2SetupResponse within 3 s carrying its Global RIC ID; each offered RAN Function ID is listed exactly once, in RAN Functions Accepted or in RAN Functions Rejected with a cause; E2SM-KPM is accepted; accepted items echo the offered revision (SHOULD).',
  async run(ctx: Ctx) {
    const offered = [kpmFunction(), rcFunction(), unknownFunction(9)];
    const { answer, at, ms } = await e2Setup(ctx, offered);
    const refusal = refusalOf(answer);
    ctx.expect(answer.type === 'oran.e2.v1.E2SetupResponse', {
      message: 'E2 Setup refused though the node offers E2SM-KPM',
      expected: 'E2SetupResponse',
      observed: `${answer.type}${refusal ? ` (${refusal})` : ''}`,
      link: ricE2Link,
      ...(refusal ? { code: refusal } : {}),
      trace: { at: [at] },
    });
    ctx.measure('setupMs', ms);
    const response = answer.as('oran.e2.v1.E2SetupResponse');
    ctx.expect(!!response.globalRicId?.plmnId, {
      message: 'E2SetupResponse without a Global RIC ID',
      expected: 'Global RIC ID (PLMN Identity, near-RT RIC ID), mandatory in E2 SETUP RESPONSE',
      observed: JSON.stringify(response.globalRicId ?? null),
      link: ricE2Link,
      trace: { at: [at] },
    });
    const ids = offered.map((f) => f.ranFunctionId ?? 0);
    const a = expectEveryFunctionAnswered(ctx, 'E2 Setup', ids, response, [at]);
    ctx.expect(a.accepted.includes(kpmFunctionId), {
      message: 'E2SM-KPM not accepted',
      expected: `RAN function ${kpmFunctionId} (${offered[0]!.ranFunctionOid}) accepted`,
      observed: `accepted ${idList(a.accepted)}, rejected ${response.ranFunctionsRejected
        .map((f) => `${f.ranFunctionId} (${causeText(f.cause)})`)
        .join(', ')}`,
      link: ricE2Link,
      trace: { at: [at] },
    });
    const wrongRevision = response.ranFunctionsAccepted.filter(
      (f) =>
        (f.ranFunctionRevision ?? 0) !==
        (offered.find((o) => o.ranFunctionId === f.ranFunctionId)?.ranFunctionRevision ?? 0),
    );
    ctx.should(wrongRevision.length === 0, {
      message: 'accepted RAN functions do not echo the offered revision',
      expected: 'RAN Function Revision as offered (1)',
      observed: wrongRevision
        .map((f) => `${f.ranFunctionId}: revision ${f.ranFunctionRevision ?? 0}`)
        .join(', '),
      link: ricE2Link,
    });
  },
});

export const ricSetupRefusalSaysWhy = defineCase<Network>({
  ...common,
  id: 'E2-SETUP-031',
  title: 'A RIC that refuses an E2 node without KPM answers E2SetupFailure with a cause and a time to wait',
  spec: 'O-RAN.WG3.E2AP 8.3.1.3, 9.1.2.3 (E2 SETUP FAILURE)',
  expectation:
    'The node offers only E2SM-RC. A RIC may accept it (then RAN function 3 is accepted or rejected with a cause), or refuse the setup: then within 3 s with E2SetupFailure carrying a Cause and a Time To Wait, so the node neither retries at once nor gives up (OSC e2mgr answers v60s). E2AP marks Time To Wait optional; plugfest grades it a MUST for a refusal, as a retry storm is what it prevents.',
  async run(ctx: Ctx) {
    const { answer, at, ms } = await e2Setup(ctx, [rcFunction()]);
    ctx.measure('answerMs', ms);
    if (answer.type === 'oran.e2.v1.E2SetupResponse') {
      expectEveryFunctionAnswered(ctx, 'E2 Setup', [rcFunctionId], answer.as('oran.e2.v1.E2SetupResponse'), [
        at,
      ]);
      return;
    }
    ctx.expect(answer.type === 'oran.e2.v1.E2SetupFailure', {
      message: 'E2 Setup answered with neither E2SetupResponse nor E2SetupFailure',
      expected: 'E2SetupResponse or E2SetupFailure',
      observed: answer.type,
      link: ricE2Link,
      trace: { at: [at] },
    });
    const failure = answer.as('oran.e2.v1.E2SetupFailure');
    const cause = causeText(failure.cause);
    ctx.expect(cause !== undefined, {
      message: 'E2SetupFailure without a cause',
      expected: 'a Cause (mandatory in E2 SETUP FAILURE)',
      observed: JSON.stringify(failure.cause ?? null),
      link: ricE2Link,
      trace: { at: [at] },
    });
    const wait = oran.e2.v1.TimeToWait[failure.timeToWait] ?? String(failure.timeToWait);
    ctx.expect(failure.timeToWait !== oran.e2.v1.TimeToWait.TIME_TO_WAIT_UNSPECIFIED, {
      message: 'E2SetupFailure without a time to wait',
      expected: 'Time To Wait v1s..v60s',
      observed: wait,
      link: ricE2Link,
      code: cause,
      trace: { at: [at] },
    });
    ctx.measure('timeToWait', failure.timeToWait);
  },
});

/** 512 RAN functions (ids 0..511): KPM, RC and unknown in turn, about 100 KiB of E2 Setup. */
const largeOffer = () =>
  Array.from({ length: 512 }, (_, id) =>
    id % 3 === 0 ? kpmFunction(id) : id % 3 === 1 ? rcFunction(id) : unknownFunction(id, 128),
  );
const largeSetupMustMs = 5000;
const largeSetupShouldMs = 1000;

export const ricLargeSetup = defineCase<Network>({
  ...common,
  id: 'E2-SETUP-032',
  title: 'A large E2 Setup (512 RAN functions, about 100 KiB) is answered, every function accounted for',
  spec: 'O-RAN.WG3.E2AP 8.3.1, 9.1.2.1 (maxofRANfunctionID 4096)',
  expectation: `The node offers 512 RAN functions (E2SM-KPM, E2SM-RC and an unknown model in turn), inside plugfest's wire limits (4096 elements, 1 MiB; OSC raised e2term's buffer to 128 KiB after large setups were lost). The RIC answers (not drops) within ${largeSetupMustMs / 1000} s (SHOULD within ${largeSetupShouldMs} ms), listing each of the 512 ids once as accepted or rejected with a cause.`,
  async run(ctx: Ctx) {
    const offered = largeOffer();
    const { answer, at, ms, mark } = await e2Setup(ctx, offered, largeSetupMustMs);
    const request = framesAfter(ctx.fixture, mark, 'oran.e2.v1.E2SetupRequest')[0]?.frame;
    ctx.measure('setupMs', ms);
    if (request) ctx.measure('requestBytes', request.size);
    const lists =
      answer.type === 'oran.e2.v1.E2SetupResponse' ? answer.as('oran.e2.v1.E2SetupResponse') : undefined;
    const refusal = refusalOf(answer);
    ctx.expect(lists !== undefined, {
      message: 'the large E2 Setup was refused as a whole',
      expected: 'E2SetupResponse with the 512 functions accepted or rejected one by one',
      observed: `${answer.type}${refusal ? ` (${refusal})` : ''}`,
      link: ricE2Link,
      ...(refusal ? { code: refusal } : {}),
      trace: { at: [at] },
    });
    const a = expectEveryFunctionAnswered(
      ctx,
      'large E2 Setup',
      offered.map((f) => f.ranFunctionId ?? 0),
      lists,
      [at],
    );
    ctx.measure('accepted', a.accepted.length);
    ctx.measure('rejected', a.rejected.length);
    ctx.should(ms <= largeSetupShouldMs, {
      message: 'the large E2 Setup was answered slowly',
      expected: `E2SetupResponse within ${largeSetupShouldMs} ms`,
      observed: `${ms} ms`,
      link: ricE2Link,
      trace: { at: [at] },
    });
  },
});

// ---------------------------------------------------------------------------------------------
// RIC Subscription
// ---------------------------------------------------------------------------------------------

export const ricSubscribesAfterSetup = defineCase<Network>({
  ...common,
  id: 'E2-SUB-030',
  title: 'After E2 Setup the RIC subscribes with a well-formed KPM REPORT subscription',
  spec: 'O-RAN.WG3.E2AP 8.2.1, 9.1.1.1; O-RAN.WG3.E2SM-KPM event trigger format 1, action definition format 1',
  expectation: `After an accepted E2 Setup offering E2SM-KPM, the RIC sends RIC Subscription Request within ${subscribeMs / 1000} s, relayed after the E2SetupResponse, for the accepted KPM RAN Function ID, with a RIC Request ID, an event trigger that decodes as E2SM-KPM format 1 with a reporting period > 0, and at least one action with distinct action ids; each REPORT action definition decodes as E2SM-KPM with measurements. Measurements the node did not offer and granularity periods that do not divide the reporting period are SHOULDs. The node admits it (test peer default).`,
  async run(ctx: Ctx) {
    const net = ctx.fixture;
    const setup = await acceptedSetup(ctx, [kpmFunction(), rcFunction()]);
    const sub = await subscriptionAfter(ctx, setup, 'E2SetupResponse');
    ctx.expect(sub !== undefined, {
      message: `no RIC Subscription Request within ${subscribeMs / 1000} s of E2 Setup`,
      expected: `RicSubscriptionRequest for RAN function ${kpmFunctionId}`,
      observed: `nothing; error indications: ${errorIndicationsSince(net, setup.at).join(', ') || 'none'}`,
      link: ricE2Link,
      trace: { at: [setup.at] },
    });
    ctx.measure('setupToSubscriptionMs', Math.max(0, sub.frame.t - (setup.at + setup.ms)));
    const request = sub.message;
    const here = { link: ricE2Link, trace: { at: [sub.frame.t] } };
    ctx.expect(request.ranFunctionId === kpmFunctionId, {
      ...here,
      message: 'the subscription names another RAN function than the accepted E2SM-KPM one',
      expected: `RAN Function ID ${kpmFunctionId}`,
      observed: `RAN Function ID ${request.ranFunctionId}`,
    });
    ctx.expect(!!request.ricRequestId, {
      ...here,
      message: 'the subscription has no RIC Request ID',
      expected: 'RIC Request ID (RIC Requestor ID, RIC Instance ID)',
      observed: 'none',
    });
    let period: number | undefined;
    try {
      period =
        kpm.EventTriggerDefinition.decode(
          request.ricSubscriptionDetails?.ricEventTriggerDefinition ?? new Uint8Array(),
        ).format1?.reportingPeriodMs ?? undefined;
    } catch {
      period = undefined;
    }
    ctx.expect(period !== undefined && period > 0, {
      ...here,
      message: 'the event trigger is not an E2SM-KPM periodic trigger',
      expected: 'EventTriggerDefinition format 1 with reportingPeriodMs > 0',
      observed: period === undefined ? 'does not decode, or no format 1' : `reportingPeriodMs ${period}`,
      code: oran.common.v1.CauseRicRequest[CauseRicRequest.CAUSE_RIC_REQUEST_EVENT_TRIGGER_NOT_SUPPORTED],
    });
    ctx.measure('reportingPeriodMs', period);
    const actions = request.ricSubscriptionDetails?.ricActionToBeSetupList ?? [];
    ctx.expect(actions.length > 0, {
      ...here,
      message: 'the subscription has no action',
      expected: '>= 1 action',
      observed: '0',
    });
    const actionIds = actions.map((a) => a.ricActionId ?? 0);
    ctx.expect(new Set(actionIds).size === actionIds.length, {
      ...here,
      message: 'the subscription repeats an action id',
      expected: 'distinct RIC Action IDs',
      observed: idList(actionIds),
      code: 'ric-request: duplicate-action',
    });
    for (const action of actions) {
      if (action.ricActionType !== oran.e2.v1.RicActionType.RIC_ACTION_TYPE_REPORT) continue;
      let definition: oran.e2sm.kpm.v1.ActionDefinition | undefined;
      try {
        definition = kpm.ActionDefinition.decode(action.ricActionDefinition ?? new Uint8Array());
      } catch {
        definition = undefined;
      }
      const names = (definition?.format1?.measInfoList ?? []).map((m) => m.measName ?? '');
      ctx.expect(names.length > 0, {
        ...here,
        message: `action ${action.ricActionId}: the definition is not an E2SM-KPM measurement report`,
        expected: 'ActionDefinition format 1 with a measInfoList',
        observed: definition ? 'no measurement' : 'does not decode',
        code: 'ric-request: action-not-supported',
      });
      const unoffered = names.filter((n) => !offeredMeasurements.includes(n));
      ctx.should(unoffered.length === 0, {
        ...here,
        message: `action ${action.ricActionId} asks for measurements the node did not offer`,
        expected: `measurements among ${offeredMeasurements.join(', ')}`,
        observed: unoffered.join(', '),
      });
      const granularity = definition?.format1?.granularityPeriodMs || period;
      ctx.should(granularity <= period && period % granularity === 0, {
        ...here,
        message: `action ${action.ricActionId}: the granularity period does not divide the reporting period`,
        expected: `a divisor of ${period} ms`,
        observed: `${granularity} ms`,
      });
    }
  },
});

export const ricDeletesOnDeleteRequired = defineCase<Network>({
  ...common,
  id: 'E2-SUB-031',
  title: 'RIC Subscription Delete Required from the node makes the RIC delete that subscription',
  spec: 'O-RAN.WG3.E2AP 8.2.2a (RIC Subscription Delete Required), 8.2.2',
  expectation:
    'Once the RIC has a subscription the node admitted, the node sends RIC Subscription Delete Required naming it (cause ric-request: function-resource-limit). The RIC starts RIC Subscription Delete within 3 s with a RicSubscriptionDeleteRequest naming the same RIC Request ID and RAN Function ID (the node confirms, test peer default). E2AP 8.2.2a is a v2.0 procedure: a RIC answering with an error indication lacks it, and fails.',
  async run(ctx: Ctx) {
    const net = ctx.fixture;
    const setup = await acceptedSetup(ctx, [kpmFunction(), rcFunction()]);
    const sub = await subscriptionAfter(ctx, setup, 'E2SetupResponse');
    ctx.expect(sub !== undefined, {
      message: `no RIC Subscription Request within ${subscribeMs / 1000} s of E2 Setup: nothing to delete`,
      expected: 'RicSubscriptionRequest',
      observed: 'nothing',
      link: ricE2Link,
      trace: { at: [setup.at] },
    });
    const { ricRequestId, ranFunctionId } = sub.message;
    // The node's admission on the wire first, so the RIC holds an admitted subscription.
    await frameAfter(ctx, sub.index, 'oran.e2.v1.RicSubscriptionResponse', answerMs);
    const session = await nodeSession(net);
    const mark = net.records().length;
    const at = Date.now();
    await session.send('oran.e2.v1.RicSubscriptionDeleteRequired', {
      ricSubscriptionsToBeRemoved: [
        {
          ricRequestId,
          ranFunctionId,
          cause: { ricRequest: CauseRicRequest.CAUSE_RIC_REQUEST_FUNCTION_RESOURCE_LIMIT },
        },
      ],
    });
    const found = await frameAfter(ctx, mark, 'oran.e2.v1.RicSubscriptionDeleteRequest', answerMs);
    const errors = errorIndicationsSince(net, at);
    ctx.expect(found !== undefined, {
      message: 'no RIC Subscription Delete after RIC Subscription Delete Required',
      expected: `RicSubscriptionDeleteRequest for ${requestIdText(ricRequestId)} within ${answerMs} ms`,
      observed: errors.length ? `error indication: ${errors.join(', ')}` : 'nothing',
      link: ricE2Link,
      ...(errors.length ? { code: errors[0] } : {}),
      trace: { at: [at] },
    });
    ctx.measure('deleteRequiredToDeleteMs', found.frame.t - at);
    const deletion = messageOf(oran.e2.v1.RicSubscriptionDeleteRequest, found.frame);
    ctx.expect(
      sameRequestId(deletion.ricRequestId, ricRequestId) && deletion.ranFunctionId === ranFunctionId,
      {
        message: 'the RIC deleted another subscription than the one the node named',
        expected: `RIC Request ID ${requestIdText(ricRequestId)}, RAN function ${ranFunctionId}`,
        observed: `RIC Request ID ${requestIdText(deletion.ricRequestId)}, RAN function ${deletion.ranFunctionId}`,
        link: ricE2Link,
        trace: { at: [at, found.frame.t] },
      },
    );
  },
});

// ---------------------------------------------------------------------------------------------
// RIC Service Update, Error Indication, Reset
// ---------------------------------------------------------------------------------------------

export const ricServiceUpdate = defineCase<Network>({
  ...common,
  id: 'E2-SVC-030',
  title: 'RIC Service Update adding, modifying and deleting RAN functions is acknowledged',
  spec: 'O-RAN.WG3.E2AP 8.3.3, 9.1.2.7 - 9.1.2.8',
  expectation:
    'After an accepted E2 Setup (KPM 2, RC 3), the node sends three RIC Service Updates: add KPM function 5, modify function 2 to revision 2, delete function 5. Each is answered within 3 s with RicServiceUpdateAcknowledge (not a failure); added and modified functions are listed once as accepted or rejected with a cause, and being of the model the RIC accepted at setup they are accepted; the modified one echoes revision 2 (SHOULD); a deleted function is not rejected.',
  async run(ctx: Ctx) {
    await acceptedSetup(ctx, [kpmFunction(), rcFunction()]);
    const steps = [
      { what: 'add', update: { ranFunctionsAdded: [kpmFunction(5)] }, listed: [5] },
      {
        what: 'modify',
        update: { ranFunctionsModified: [kpmFunction(kpmFunctionId, 2)] },
        listed: [kpmFunctionId],
      },
      {
        what: 'delete',
        update: { ranFunctionsDeleted: [{ ranFunctionId: 5, ranFunctionRevision: 1 }] },
        listed: [],
      },
    ];
    for (const step of steps) {
      const { answer, at, ms } = await ask(ctx, 'oran.e2.v1.RicServiceUpdate', {
        globalE2NodeId: peerGlobalE2NodeId,
        ...step.update,
      });
      ctx.measure(`${step.what}Ms`, ms);
      const refusal = refusalOf(answer);
      ctx.expect(answer.type === 'oran.e2.v1.RicServiceUpdateAcknowledge', {
        message: `RIC Service Update (${step.what}) not acknowledged`,
        expected: 'RicServiceUpdateAcknowledge',
        observed: `${answer.type}${refusal ? ` (${refusal})` : ''}`,
        link: ricE2Link,
        ...(refusal ? { code: refusal } : {}),
        trace: { at: [at] },
      });
      const ack = answer.as('oran.e2.v1.RicServiceUpdateAcknowledge');
      if (step.listed.length === 0) {
        const refused = ack.ranFunctionsRejected.filter((f) => f.ranFunctionId === 5);
        ctx.expect(refused.length === 0, {
          message: 'RIC Service Update (delete): the deleted function is rejected',
          expected: 'function 5 deleted, not rejected',
          observed: refused.map((f) => `5 (${causeText(f.cause)})`).join(', '),
          link: ricE2Link,
          ...(refused[0] ? { code: causeText(refused[0].cause) } : {}),
          trace: { at: [at] },
        });
        continue;
      }
      const a = expectEveryFunctionAnswered(ctx, `RIC Service Update (${step.what})`, step.listed, ack, [at]);
      const notAccepted = step.listed.filter((id) => !a.accepted.includes(id));
      const firstCause = causeText(ack.ranFunctionsRejected[0]?.cause);
      ctx.expect(notAccepted.length === 0, {
        message: `RIC Service Update (${step.what}): an E2SM-KPM function is not accepted, though KPM was at setup`,
        expected: `accepted ${idList(step.listed)}`,
        observed: `rejected ${ack.ranFunctionsRejected.map((f) => `${f.ranFunctionId} (${causeText(f.cause)})`).join(', ')}`,
        link: ricE2Link,
        ...(firstCause ? { code: firstCause } : {}),
        trace: { at: [at] },
      });
      if (step.what === 'modify') {
        const revision =
          ack.ranFunctionsAccepted.find((f) => f.ranFunctionId === kpmFunctionId)?.ranFunctionRevision ?? 0;
        ctx.should(revision === 2, {
          message: 'RIC Service Update (modify): the accepted item does not carry the new revision',
          expected: `function ${kpmFunctionId} revision 2`,
          observed: `revision ${revision}`,
          link: ricE2Link,
          trace: { at: [at] },
        });
      }
    }
  },
});

/** A truncated envelope: field 1 (header) announcing more bytes than follow. */
const malformedPdu = new Uint8Array([0x0a, 0xff, 0xff, 0xff, 0x01]);

export const ricErrorIndicationOnMalformedPdu = defineCase<Network>({
  ...common,
  id: 'E2-ERR-030',
  title: 'A malformed PDU from the node gets an Error Indication and the E2 link stays up',
  spec: 'O-RAN.WG3.E2AP 8.3.4 (Error Indication), 10.2 (transfer syntax error)',
  expectation:
    'After an accepted E2 Setup, the node sends bytes that do not decode. Within 3 s the RIC sends an Error Indication (E2AP or link level) with a cause (SHOULD be of the protocol group); it does not close the link, and it still answers the node: an E2 Node Configuration Update sent next is answered within 3 s.',
  async run(ctx: Ctx) {
    const net = ctx.fixture;
    await acceptedSetup(ctx, [kpmFunction(), rcFunction()]);
    const session = await nodeSession(net);
    const at = Date.now();
    await session.link.sendRaw(malformedPdu);
    const isIndication = (f: FrameRecord) =>
      f.type === 'oran.e2.v1.ErrorIndication' || f.type === 'oran.common.v1.ErrorIndication';
    const indication = await net.waitForFrame(
      { link: ricE2Link, dir: 'server-to-client', since: at, where: isIndication },
      answerMs,
    );
    ctx.expect(indication !== undefined, {
      message: 'no Error Indication for a malformed PDU',
      expected: `ErrorIndication from the RIC within ${answerMs} ms`,
      observed: session.link.state === 'ready' ? 'nothing' : `nothing, and the link is ${session.link.state}`,
      link: ricE2Link,
      trace: { at: [at] },
    });
    ctx.measure('errorIndicationMs', indication.t - at);
    const cause = causeText(indication.fields?.cause);
    ctx.should(cause?.startsWith('protocol:') ?? false, {
      message: 'the Error Indication does not give a protocol cause',
      expected: 'protocol: transfer-syntax-error (or another protocol cause)',
      observed: cause ?? 'no cause',
      link: ricE2Link,
      ...(cause ? { code: cause } : {}),
      trace: { at: [indication.t] },
    });
    const closed = net
      .frames({ link: ricE2Link, dir: 'server-to-client', type: 'oran.common.v1.LinkClose', since: at })
      .at(0);
    ctx.expect(!closed && session.link.state === 'ready', {
      message: 'the RIC dropped the E2 link over one malformed PDU',
      expected: 'the link kept, ready',
      observed: closed
        ? `LinkClose (${causeText(closed.fields?.cause) ?? 'no cause'})`
        : `link ${session.link.state}`,
      link: ricE2Link,
      ...(closed ? { code: causeText(closed.fields?.cause) ?? 'link-closed' } : {}),
      trace: { at: [at, ...(closed ? [closed.t] : [])] },
    });
    const probe = await ask(ctx, 'oran.e2.v1.E2NodeConfigurationUpdate', {
      globalE2NodeId: peerGlobalE2NodeId,
    });
    ctx.measure('probeMs', probe.ms);
  },
});

export const ricResetFromNode = defineCase<Network>({
  ...common,
  id: 'E2-RESET-030',
  title: 'Reset from the node is answered, and the RIC subscribes again afterwards',
  spec: 'O-RAN.WG3.E2AP 8.3.2 (Reset, E2 node initiated)',
  expectation: `After an accepted E2 Setup and the RIC's subscription, the node sends ResetRequest (misc: om-intervention). The RIC answers ResetResponse within ${answerMs / 1000} s; both ends have then erased their subscriptions, so the RIC sends no RicSubscriptionDeleteRequest for the old one (SHOULD), and SHOULD subscribe again within ${subscribeMs / 1000} s; a subscription it sends MUST follow its ResetResponse.`,
  async run(ctx: Ctx) {
    const net = ctx.fixture;
    const setup = await acceptedSetup(ctx, [kpmFunction(), rcFunction()]);
    // The subscription the setup brings, relayed before the reset, so it is not taken for a new one.
    const before = await subscriptionAfter(ctx, setup, 'E2SetupResponse');
    const reset = await ask(ctx, 'oran.e2.v1.ResetRequest', {
      cause: { misc: CauseMisc.CAUSE_MISC_OM_INTERVENTION },
    });
    ctx.expect(reset.answer.type === 'oran.e2.v1.ResetResponse', {
      message: 'Reset not answered with ResetResponse',
      expected: 'ResetResponse',
      observed: reset.answer.type,
      link: ricE2Link,
      trace: { at: [reset.at] },
    });
    ctx.measure('resetMs', reset.ms);
    const again = await subscriptionAfter(ctx, reset, 'ResetResponse');
    const deletes = framesAfter(net, reset.mark, 'oran.e2.v1.RicSubscriptionDeleteRequest');
    ctx.should(deletes.length === 0, {
      message: 'the RIC deleted a subscription that the reset had already erased',
      expected: 'no RicSubscriptionDeleteRequest after Reset',
      observed: deletes
        .map((d) => requestIdText(messageOf(oran.e2.v1.RicSubscriptionDeleteRequest, d.frame).ricRequestId))
        .join(', '),
      link: ricE2Link,
      trace: { at: deletes.map((d) => d.frame.t) },
    });
    ctx.should(again !== undefined, {
      message: 'the RIC did not subscribe again after the reset',
      expected: `RicSubscriptionRequest within ${subscribeMs / 1000} s of the ResetResponse`,
      observed: `nothing (before the reset: ${before ? requestIdText(before.message.ricRequestId) : 'no subscription either'})`,
      link: ricE2Link,
      trace: { at: [reset.at] },
    });
    if (again) ctx.measure('resetToSubscriptionMs', Math.max(0, again.frame.t - (reset.at + reset.ms)));
  },
});

// ---------------------------------------------------------------------------------------------
// Version negotiation
// ---------------------------------------------------------------------------------------------

interface TracedVersion {
  major?: number;
  minor?: number;
}
const versionText = (v: TracedVersion) => `${v.major ?? 0}.${v.minor ?? 0}`;

export const ricRefusesVersionSkew = defineCase<Network>({
  ...common,
  id: 'E2-VER-030',
  title: 'A node offering only E2 2.0 is refused in the handshake, naming both offers',
  spec: 'plugfest link handshake (Hello / HelloFailure); ARCHITECTURE.md "Roles, links and interfaces"',
  expectation:
    "The node offers only E2 2.0. Within 10 s the RIC answers its Hello with HelloFailure carrying a cause, the versions offered (2.0) and the versions it supports (1.x), never a HelloAck or a decode error; no E2AP message crosses the link; the RIC keeps serving (it refuses the node's retry the same way).",
  topology: e2RicVersionSkewTopology,
  async run(ctx: Ctx) {
    const net = ctx.fixture;
    const failure = await net.waitForFrame({ link: ricE2Link, type: 'oran.common.v1.HelloFailure' }, 10_000);
    const acks = net.frames({ link: ricE2Link, type: 'oran.common.v1.HelloAck' });
    ctx.expect(failure !== undefined && acks.length === 0, {
      message: 'the version mismatch was not refused in the handshake',
      expected: 'HelloFailure from the RIC',
      observed: acks.length
        ? `HelloAck selecting ${versionText((acks[0]!.fields?.selectedVersion ?? {}) as TracedVersion)}`
        : 'nothing within 10 s',
      link: ricE2Link,
    });
    const fields = (failure.fields ?? {}) as {
      offeredVersions?: TracedVersion[];
      supportedVersions?: TracedVersion[];
      detail?: string;
      cause?: unknown;
    };
    const offered = (fields.offeredVersions ?? []).map(versionText);
    const supported = (fields.supportedVersions ?? []).map(versionText);
    const cause = causeText(fields.cause);
    const observed = `cause ${cause ?? 'none'}, offered [${offered.join(', ')}], supported [${supported.join(', ')}], detail "${fields.detail ?? ''}"`;
    ctx.expect(failure.dir === 'server-to-client' && cause !== undefined, {
      message: 'the HelloFailure does not come from the RIC with a cause',
      expected: 'HelloFailure from ric-1 with a cause',
      observed: `${failure.dir}, ${observed}`,
      link: ricE2Link,
      trace: { at: [failure.t] },
    });
    ctx.expect(
      offered.includes('2.0') && supported.length > 0 && supported.every((v) => v.startsWith('1.')),
      {
        message: 'the HelloFailure does not name both offers',
        expected: "offered [2.0] and the RIC's supported [1.x]",
        observed,
        link: ricE2Link,
        code: cause,
        trace: { at: [failure.t] },
      },
    );
    const e2ap = net.frames({ link: ricE2Link }).filter((f) => f.type?.startsWith('oran.e2.v1.'));
    const undecodable = net.frames({ link: ricE2Link, dir: 'server-to-client' }).filter((f) => f.error);
    ctx.expect(e2ap.length === 0 && undecodable.length === 0, {
      message: 'E2AP traffic or an undecodable frame on a link with no common version',
      expected: 'nothing after the HelloFailure',
      observed: [...e2ap.map((f) => f.type), ...undecodable.map((f) => f.error?.code)].join(', '),
      link: ricE2Link,
    });
    ctx.measure('helloFailures', net.frames({ link: ricE2Link, type: 'oran.common.v1.HelloFailure' }).length);
    const retry = await net.waitForFrame(
      { link: ricE2Link, type: 'oran.common.v1.HelloFailure', where: (f) => f.t > failure.t },
      5000,
    );
    ctx.expect(retry !== undefined, {
      message: "the RIC did not refuse the node's retry: it stopped serving E2",
      expected: 'a second HelloFailure for the retry within 5 s',
      observed: 'nothing',
      link: ricE2Link,
      trace: { at: [failure.t] },
    });
  },
});

// ---------------------------------------------------------------------------------------------
// Interop: node restart
// ---------------------------------------------------------------------------------------------

const restartSetupMs = 15_000;

export const nodeRestartRebuildsSubscription = defineCase<Network>({
  suite: 'e2',
  interface: 'e2',
  mode: 'interop',
  roles: ['o-du', 'near-rt-ric'],
  topology: e2RestartTopology,
  timeoutMs: 45_000,
  id: 'E2-RESTART-030',
  title: 'After an O-DU restart the E2 link, the E2 Setup and the KPM subscription are rebuilt',
  spec: 'O-RAN.WG3.E2AP 8.3.1 (E2 Setup erases the previous state), 8.2.1, 8.2.3',
  expectation: `With a KPM subscription delivering indications, the O-DU is restarted. Within ${restartSetupMs / 1000} s of the restart the restarted O-DU dials the RIC again (its E2 link to the relay is new) and sends a new E2 Setup that the RIC accepts; the RIC then subscribes again within ${subscribeMs / 1000} s, the O-DU admits it, and RIC Indications flow for the new RIC Request ID within ${subscribeMs / 1000} s. Measured: restart to setup, to subscription, to first indication.`,
  async run(ctx: Ctx) {
    const net = ctx.fixture;
    const first = await net.waitForFrame({ link: ricE2Link, type: 'oran.e2.v1.RicIndication' }, 20_000);
    ctx.expect(first !== undefined, {
      message: 'no RIC Indication before the restart: the E2 flow never started',
      expected: 'E2 Setup, RIC Subscription and a RIC Indication within 20 s',
      observed: `${net.frames({ link: ricE2Link, type: 'oran.e2.v1.RicSubscriptionResponse' }).length} subscription(s) admitted`,
      link: ricE2Link,
    });
    const at = Date.now();
    await net.running.restart('du-1');
    ctx.measure('restartMs', Date.now() - at);
    const since = { link: ricE2Link, since: at };
    const setup = await net.waitForFrame({ ...since, type: 'oran.e2.v1.E2SetupResponse' }, restartSetupMs);
    ctx.expect(setup !== undefined, {
      message: `no accepted E2 Setup within ${restartSetupMs / 1000} s of the O-DU restart`,
      expected: 'E2SetupRequest then E2SetupResponse',
      observed:
        net
          .frames(since)
          .filter((f) => f.type?.startsWith('oran.e2.v1.E2Setup'))
          .map((f) => `${f.type} (${causeText(f.fields?.cause) ?? f.pdu})`)
          .join(', ') || 'no E2 Setup',
      link: ricE2Link,
      trace: { at: [at] },
    });
    ctx.measure('restartToSetupMs', setup.t - at);
    const admitted = await net.waitForFrame(
      { ...since, type: 'oran.e2.v1.RicSubscriptionResponse', where: (f) => f.t >= setup.t },
      subscribeMs,
    );
    const refusedSub = net.frames({ ...since, type: 'oran.e2.v1.RicSubscriptionFailure' }).at(0);
    ctx.expect(admitted !== undefined, {
      message: 'the subscription was not rebuilt after the restart',
      expected: `a successful RIC Subscription within ${subscribeMs / 1000} s of the new E2 Setup`,
      observed: refusedSub
        ? `RicSubscriptionFailure (${causeText(refusedSub.fields?.cause)})`
        : `${net.frames({ ...since, type: 'oran.e2.v1.RicSubscriptionRequest' }).length} request(s), none admitted`,
      link: ricE2Link,
      ...(refusedSub ? { code: causeText(refusedSub.fields?.cause) } : {}),
      trace: { at: [setup.t] },
    });
    ctx.measure('restartToSubscriptionMs', admitted.t - at);
    const id = JSON.stringify(admitted.fields?.ricRequestId ?? {});
    const indication = await net.waitForFrame(
      {
        ...since,
        type: 'oran.e2.v1.RicIndication',
        where: (f) => f.t >= admitted.t && JSON.stringify(f.fields?.ricRequestId ?? {}) === id,
      },
      subscribeMs,
    );
    ctx.expect(indication !== undefined, {
      message: 'no RIC Indication for the rebuilt subscription',
      expected: `RicIndication for ${id} within ${subscribeMs / 1000} s`,
      observed: 'nothing',
      link: ricE2Link,
      trace: { at: [admitted.t] },
    });
    ctx.measure('restartToFirstIndicationMs', indication.t - at);
  },
});

export const e2RicCases: CaseDefinition<Network>[] = [
  ricSetupAccountsForFunctions,
  ricLargeSetup,
  ricSubscribesAfterSetup,
  ricDeletesOnDeleteRequired,
  ricServiceUpdate,
  ricErrorIndicationOnMalformedPdu,
  ricResetFromNode,
  // Last on the shared topology: a monitor-only RIC refuses here, and the node is left refused.
  ricSetupRefusalSaysWhy,
  ricRefusesVersionSkew,
  nodeRestartRebuildsSubscription,
];
