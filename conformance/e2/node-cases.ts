/**
 * E2 node conformance cases (O-RAN.WG3.E2AP, E2SM-KPM, E2SM-RC): the O-DU under test against
 * the harness playing the near-RT RIC. The RIC test peer accepts E2 Setup by default; each case
 * drives it (subscriptions, controls, resets, queries, refusals, garbage) and grades what the
 * node answers, on the E2 link du-1>ric-1.
 *
 * Cases share one running topology per O-DU, one after another: each deletes what it
 * subscribed and restores every peer answer it replaced, so the node is set up and idle for
 * the next. RIC Request IDs are distinct per case (requestor 1010..1099, instance 1).
 */
import {
  type CaseContext,
  type CaseDefinition,
  defineCase,
  failure,
  type Network,
  oran,
  type PeerMessage,
  type Session,
} from '../../src/conformance/index.js';
import {
  e2NodeTopology,
  e2NodeVersionSkewTopology,
  nodeE2Link,
  nodeInstance,
  ricPeerInstance,
} from './node-topology.js';

const { CauseRicRequest, CauseProtocol, CauseMisc } = oran.common.v1;
const { RicActionType, TimeToWait, RicControlAckRequest, RicIndicationType } = oran.e2.v1;
const kpm = oran.e2sm.kpm.v1;
const rc = oran.e2sm.rc.v1;

/** RAN Function OIDs of the service models (O-RAN.WG3.E2SM-KPM, O-RAN.WG3.E2SM-RC). */
const kpmOid = '1.3.6.1.4.1.53148.1.2.2.2';
const rcOid = '1.3.6.1.4.1.53148.1.1.2.3';

type Ctx = CaseContext<Network>;
type E2Session = Session<'e2'>;
type Answer = Awaited<ReturnType<E2Session['request']>>;
type Cause = oran.common.v1.Cause.$Properties | null | undefined;
type RequestId = { ricRequestorId: number; ricInstanceId: number };
type SetupRequest = PeerMessage<'oran.e2.v1.E2SetupRequest'>;

const link = nodeE2Link;
/** The RIC peer's requests time out after this; a conforming node answers in milliseconds. */
const answerMs = 2000;
/** Reporting period the cases subscribe with (OSC e2sim paces KPM at 50 ms, FlexRIC 1..1000 ms). */
const periodMs = 200;
/** Measurements every case subscribes to (O-RAN.WG3.E2SM-KPM / TS 28.552 names). */
const measNames = ['RRU.PrbUsedDl', 'DRB.UEThpDl'];

const common = {
  suite: 'e2',
  interface: 'e2' as const,
  mode: 'conformance' as const,
  roles: ['o-du'] as const,
  topology: e2NodeTopology,
};

// ---------------------------------------------------------------------------------------------
// Helpers: causes, failing with a diagnostic, the set-up node, requests and KPM payloads.

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
function causeText(cause: Cause | Record<string, unknown>): string {
  if (!cause) return 'none';
  for (const [field, label, values, prefix] of causeGroups) {
    const value = (cause as Record<string, number | string | null | undefined>)[field];
    if (value === undefined || value === null) continue;
    const name = typeof value === 'string' ? value : (values as unknown as Record<number, string>)[value];
    return `${label}: ${name ? name.replace(prefix, '').toLowerCase().replaceAll('_', '-') : String(value)}`;
  }
  return 'none';
}

const ricRequestCause = (value: oran.common.v1.CauseRicRequest) => causeText({ ricRequest: value });

function fail(ctx: Ctx, diagnostic: Parameters<Ctx['expect']>[1]): never {
  ctx.expect(false, diagnostic);
  throw new Error('unreachable: expect(false) ends the case');
}

const sameId = (a: oran.e2.v1.RicRequestId.$Properties | null | undefined, b: RequestId) =>
  (a?.ricRequestorId ?? 0) === b.ricRequestorId && (a?.ricInstanceId ?? 0) === b.ricInstanceId;

const idText = (id: RequestId) => `${id.ricRequestorId}:${id.ricInstanceId}`;

/** A RAN function as E2 Setup offered it (E2AP 9.2.8, 9.2.24, 9.2.31). */
interface OfferedFunction {
  readonly id: number;
  readonly revision: number;
  readonly oid: string;
  readonly definition: Uint8Array;
}

const offeredFunctions = (added: readonly oran.e2.v1.RanFunctionItem.$Properties[]): OfferedFunction[] =>
  added.map((f) => ({
    id: f.ranFunctionId ?? 0,
    revision: f.ranFunctionRevision ?? 0,
    oid: f.ranFunctionOid ?? '',
    definition: f.ranFunctionDefinition ?? new Uint8Array(),
  }));

const functionsText = (functions: readonly OfferedFunction[]) =>
  functions.map((f) => `${f.id} rev ${f.revision} ${f.oid || '(no OID)'}`).join('; ') || 'none';

/** The node as the RIC peer sees it once set up: its session, what it offered, its cell. */
interface SetUpNode {
  readonly session: E2Session;
  readonly setup: SetupRequest;
  /** RAN Functions Added of that E2 Setup Request, absent fields as their defaults. */
  readonly functions: readonly OfferedFunction[];
  readonly kpmFunctionId: number | undefined;
  readonly rcFunctionId: number | undefined;
  readonly cell: { plmnId: string; nrCellIdentity: string } | undefined;
}

/**
 * Waits (10 s) until the node's latest E2 Setup Request got an E2 Setup Response in the trace,
 * then returns the peer's session and what the node offered.
 */
async function setUpNode(ctx: Ctx): Promise<SetUpNode> {
  const net = ctx.fixture;
  const deadline = Date.now() + 10_000;
  for (;;) {
    const request = net.frames({ link, type: 'oran.e2.v1.E2SetupRequest', dir: 'client-to-server' }).at(-1);
    const answer =
      request &&
      net.frames({
        link,
        dir: 'server-to-client',
        since: request.t,
        where: (f) => f.tx === request.tx && f.pdu !== 'initiating',
      })[0];
    if (answer?.type === 'oran.e2.v1.E2SetupResponse') break;
    if (Date.now() >= deadline) {
      fail(ctx, {
        message: 'the node is not set up with the RIC test peer',
        expected: 'E2SetupRequest answered by E2SetupResponse within 10 s',
        observed: request
          ? `last E2SetupRequest answered by ${answer?.type ?? 'nothing'}`
          : 'no E2SetupRequest',
        link,
        code: 'vendor-not-ready',
        ...(request ? { trace: { at: [request.t] } } : {}),
      });
    }
    await ctx.sleep(50);
  }
  const peer = net.peer(ricPeerInstance);
  const setup = peer.received('oran.e2.v1.E2SetupRequest').at(-1);
  if (!setup) fail(ctx, { message: 'the RIC test peer holds no E2SetupRequest', link, code: 'internal' });
  let session: E2Session;
  try {
    session = await peer.session('e2', 5000);
  } catch (error) {
    fail(ctx, {
      message: 'the E2 link is not ready',
      observed: String(error),
      link,
      code: 'vendor-not-ready',
    });
  }
  const functions = offeredFunctions(setup.message.ranFunctionsAdded);
  const kpmFunction = functions.find((f) => f.oid === kpmOid);
  const rcFunction = functions.find((f) => f.oid === rcOid);
  let cell: SetUpNode['cell'];
  try {
    const cgi = kpmFunction && kpm.RanFunctionDefinition.decode(kpmFunction.definition).cellGlobalIdList[0];
    if (cgi) cell = { plmnId: cgi.plmnId ?? '', nrCellIdentity: cgi.nrCellIdentity ?? '' };
  } catch {
    cell = undefined;
  }
  return { session, setup, functions, kpmFunctionId: kpmFunction?.id, rcFunctionId: rcFunction?.id, cell };
}

function kpmFunctionOf(ctx: Ctx, node: SetUpNode): number {
  if (node.kpmFunctionId === undefined) {
    fail(ctx, {
      message: 'the node offers no E2SM-KPM RAN function',
      expected: `a RAN function with OID ${kpmOid}`,
      observed: functionsText(node.functions),
      link,
      trace: { at: [node.setup.at] },
    });
  }
  return node.kpmFunctionId;
}

/** The node's answer to a request, or the case fails naming what it waited for. */
async function answered(ctx: Ctx, what: string, expected: string, request: Promise<Answer>): Promise<Answer> {
  const sentAt = Date.now();
  try {
    return await request;
  } catch (error) {
    const e = error as { code?: string; message?: string };
    fail(ctx, {
      message: `${what} unanswered`,
      expected,
      observed: e.message ?? String(error),
      link,
      code: e.code ?? 'request-timeout',
      trace: { at: [sentAt] },
    });
  }
}

/** The time of an answer in the trace (the node's side of the link). */
function answerAt(ctx: Ctx, answer: Answer): number {
  const tx = answer.frame.header.transactionId;
  return (
    ctx.fixture
      .frames({ link, dir: 'client-to-server', where: (f) => f.tx === tx && f.pdu !== 'initiating' })
      .at(-1)?.t ?? Date.now()
  );
}

const eventTrigger = (reportingPeriodMs: number) =>
  kpm.EventTriggerDefinition.encode({ format1: { reportingPeriodMs } }).finish();

const actionDefinition = () =>
  kpm.ActionDefinition.encode({
    ricStyleType: 1,
    format1: {
      measInfoList: measNames.map((measName) => ({ measName, labelInfoList: [{ noLabel: true }] })),
      granularityPeriodMs: periodMs,
    },
  }).finish();

/** A RIC Subscription Request for E2SM-KPM REPORT style 1; `change` spoils one part of it. */
function kpmSubscription(
  id: RequestId,
  ranFunctionId: number,
  change: { trigger?: Uint8Array; actionType?: oran.e2.v1.RicActionType } = {},
): oran.e2.v1.RicSubscriptionRequest.$Properties {
  return {
    ricRequestId: id,
    ranFunctionId,
    ricSubscriptionDetails: {
      ricEventTriggerDefinition: change.trigger ?? eventTrigger(periodMs),
      ricActionToBeSetupList: [
        {
          ricActionId: 1,
          ricActionType: change.actionType ?? RicActionType.RIC_ACTION_TYPE_REPORT,
          ricActionDefinition: actionDefinition(),
        },
      ],
    },
  };
}

/** Subscribes and requires the node to admit it. */
async function subscribeKpm(ctx: Ctx, node: SetUpNode, id: RequestId): Promise<Answer> {
  const fn = kpmFunctionOf(ctx, node);
  const answer = await answered(
    ctx,
    `RIC Subscription ${idText(id)} (E2SM-KPM REPORT, ${periodMs} ms)`,
    'RicSubscriptionResponse',
    node.session.request('oran.e2.v1.RicSubscriptionRequest', kpmSubscription(id, fn), {
      timeoutMs: answerMs,
    }),
  );
  ctx.expect(answer.outcome === 'successful' && answer.type === 'oran.e2.v1.RicSubscriptionResponse', {
    message: 'a well-formed E2SM-KPM REPORT subscription was refused',
    expected: 'RicSubscriptionResponse admitting action 1',
    observed: `${answer.type} (${causeText((answer.message as { cause?: Cause }).cause)})`,
    link,
    code: causeText((answer.message as { cause?: Cause }).cause),
    trace: { at: [answerAt(ctx, answer)] },
  });
  return answer;
}

/** RIC Request IDs as the trace holds them (zero fields omitted), for comparison. */
const tracedId = (value: unknown) => {
  const id = (value ?? {}) as { ricRequestorId?: number; ricInstanceId?: number };
  return `${id.ricRequestorId ?? 0}:${id.ricInstanceId ?? 0}`;
};

/**
 * Deletes a subscription a case made, whatever happened to the case; the answer is not graded
 * here. Only if the node admitted it since its E2 Setup: a node that never answered is not
 * asked again (its silence would cost another request timeout).
 */
async function unsubscribe(ctx: Ctx, node: SetUpNode, id: RequestId): Promise<void> {
  if (node.kpmFunctionId === undefined) return;
  const admitted = ctx.fixture.frames({
    link,
    type: 'oran.e2.v1.RicSubscriptionResponse',
    since: node.setup.at,
    where: (f) => tracedId(f.fields?.ricRequestId) === idText(id),
  });
  if (admitted.length === 0) return;
  await node.session
    .request(
      'oran.e2.v1.RicSubscriptionDeleteRequest',
      { ricRequestId: id, ranFunctionId: node.kpmFunctionId },
      { timeoutMs: answerMs },
    )
    .catch(() => undefined);
}

/** RIC Indications the peer received for one RIC Request ID since a time. */
function indicationsOf(ctx: Ctx, id: RequestId, since: number): PeerMessage<'oran.e2.v1.RicIndication'>[] {
  return ctx.fixture
    .peer(ricPeerInstance)
    .received('oran.e2.v1.RicIndication', since)
    .filter((m) => sameId(m.message.ricRequestId, id));
}

/** The measurement names an indication reports (E2SM-KPM indication message format 1). */
function reportedNames(indication: oran.e2.v1.RicIndication): string[] | undefined {
  try {
    const format1 = kpm.IndicationMessage.decode(indication.ricIndicationMessage).format1;
    return format1?.measInfoList?.map((m) => m.measName ?? '');
  } catch {
    return undefined;
  }
}

/** Expects a refused subscription with a cause among `causes` (their text forms). */
function expectRefused(ctx: Ctx, answer: Answer, what: string, causes: readonly string[]): string {
  const at = [answerAt(ctx, answer)];
  ctx.expect(answer.outcome === 'unsuccessful' && answer.type === 'oran.e2.v1.RicSubscriptionFailure', {
    message: `${what} was not refused`,
    expected: `RicSubscriptionFailure with cause ${causes.join(' or ')}`,
    observed: answer.type,
    link,
    trace: { at },
  });
  const cause = causeText(answer.as('oran.e2.v1.RicSubscriptionFailure').cause);
  ctx.expect(causes.includes(cause), {
    message: `${what} refused with another cause`,
    expected: causes.join(' or '),
    observed: cause,
    link,
    code: cause,
    trace: { at },
  });
  return cause;
}

// ---------------------------------------------------------------------------------------------
// E2 Setup.

export const e2NodeSetup = defineCase<Network>({
  ...common,
  id: 'E2-SETUP-010',
  title: 'E2 Setup Request is well formed, and once accepted the node serves the RIC',
  spec: 'O-RAN.WG3.E2AP 8.3.1, 9.1.3.1, 9.2.8, 9.2.24',
  expectation:
    'On a ready E2 link the node sends E2 Setup Request with its Global E2 Node ID and RAN Functions Added: unique RAN Function IDs in 0..4095, each with a RAN Function OID and a revision in 0..4095, E2SM-KPM among them; each definition SHOULD decode as its service model. After the RIC accepts it (E2 Setup Response), the node answers a RIC Subscription to E2SM-KPM within 2 s.',
  async run(ctx: Ctx) {
    const node = await setUpNode(ctx);
    const { message, at } = node.setup;
    const trace = { at: [at] };
    ctx.expect(!!message.globalE2NodeId?.plmnId, {
      message: 'E2 Setup Request without a Global E2 Node ID',
      expected: 'globalE2NodeId with a PLMN identity',
      observed: JSON.stringify(message.globalE2NodeId ?? null),
      link,
      trace,
    });
    const offered = node.functions;
    ctx.measure('ranFunctions', offered.length);
    ctx.expect(offered.length > 0, { message: 'E2 Setup Request offers no RAN function', link, trace });
    const malformed = offered.filter((f) => f.id > 4095 || f.revision > 4095 || !/^\d+(\.\d+)+$/.test(f.oid));
    ctx.expect(malformed.length === 0, {
      message: 'RAN functions with an id or revision out of 0..4095, or no OID',
      expected: 'RAN Function ID 0..4095, revision 0..4095, a dotted OID',
      observed: functionsText(malformed),
      link,
      trace,
    });
    const ids = offered.map((f) => f.id);
    ctx.expect(new Set(ids).size === ids.length, {
      message: 'a RAN Function ID is offered twice',
      expected: 'unique RAN Function IDs',
      observed: ids.join(', '),
      link,
      trace,
    });
    const fn = kpmFunctionOf(ctx, node);
    for (const f of offered) {
      const decoder =
        f.oid === kpmOid ? kpm.RanFunctionDefinition : f.oid === rcOid ? rc.RanFunctionDefinition : undefined;
      if (!decoder) continue;
      let named: string | null | undefined;
      try {
        named = decoder.decode(f.definition).ranFunctionName?.ranFunctionE2smOid;
      } catch {
        named = undefined;
      }
      ctx.should(named === f.oid, {
        message: `RAN function ${f.id}'s definition does not decode as its service model`,
        expected: `RanFunctionDefinition naming ${f.oid}`,
        observed: named === undefined ? 'undecodable' : `names ${named}`,
        link,
        trace,
      });
    }
    // The acceptance took: the node now serves subscriptions on the link.
    const id = { ricRequestorId: 1010, ricInstanceId: 1 };
    const sentAt = Date.now();
    try {
      const answer = await answered(
        ctx,
        'RIC Subscription after E2 Setup',
        'RicSubscriptionResponse or RicSubscriptionFailure within 2 s',
        node.session.request('oran.e2.v1.RicSubscriptionRequest', kpmSubscription(id, fn), {
          timeoutMs: answerMs,
        }),
      );
      ctx.measure('subscriptionAnswerMs', answerAt(ctx, answer) - sentAt);
      ctx.expect(answer.type === 'oran.e2.v1.RicSubscriptionResponse', {
        message: 'the set-up node refused a well-formed KPM subscription',
        expected: 'RicSubscriptionResponse',
        observed: `${answer.type} (${causeText((answer.message as { cause?: Cause }).cause)})`,
        link,
        trace: { at: [answerAt(ctx, answer)] },
      });
    } finally {
      await unsubscribe(ctx, node, id);
    }
  },
});

export const e2NodeSetupTimeToWait = defineCase<Network>({
  ...common,
  id: 'E2-SETUP-011',
  title: 'A refused E2 Setup carrying TimeToWait is not retried before that time',
  spec: 'O-RAN.WG3.E2AP 8.3.1.3, 9.2.5 (Time To Wait)',
  expectation:
    'The RIC refuses E2 Setup with E2 Setup Failure (misc: om-intervention, TimeToWait v1s); the node MUST NOT send E2 Setup Request again sooner than 1 s after the refusal (20 ms tolerance for clock granularity), and SHOULD try again within 6 s. The link is dropped by the RIC to make the node set up again; once the RIC accepts again the node is set up.',
  timeoutMs: 30_000,
  async run(ctx: Ctx) {
    const node = await setUpNode(ctx);
    const peer = ctx.fixture.peer(ricPeerInstance);
    const waitMs = 1000;
    const restore = peer.on('oran.e2.v1.E2SetupRequest', () =>
      failure('oran.e2.v1.E2SetupFailure', {
        cause: { misc: CauseMisc.CAUSE_MISC_OM_INTERVENTION },
        timeToWait: TimeToWait.TIME_TO_WAIT_V1S,
      }),
    );
    try {
      const since = Date.now();
      await node.session.link.close('going-away', 'test: make the E2 node set up again');
      const refused = await peer.waitFor('oran.e2.v1.E2SetupRequest', { since, timeoutMs: 10_000 });
      ctx.expect(refused !== undefined, {
        message: 'the node did not set up again after the link dropped',
        expected: 'E2SetupRequest on the new link within 10 s',
        observed: 'nothing',
        link,
        trace: { at: [since] },
      });
      const refusal = await ctx.fixture.waitForFrame(
        { link, type: 'oran.e2.v1.E2SetupFailure', since: refused.at - 5 },
        2000,
      );
      const retry = await peer.waitFor('oran.e2.v1.E2SetupRequest', {
        since: refused.at + 1,
        timeoutMs: waitMs + 5000,
      });
      const at = [refused.at, ...(refusal ? [refusal.t] : []), ...(retry ? [retry.at] : [])];
      if (retry) {
        // The refusal's relay time precedes the node's receipt of it, so the gap never flatters.
        const gap = retry.at - (refusal?.t ?? refused.at);
        ctx.measure('retryAfterMs', gap);
        ctx.expect(gap >= waitMs - 20, {
          message: 'E2 Setup retried before the time to wait',
          expected: `next E2SetupRequest >= ${waitMs} ms after E2SetupFailure (TimeToWait v1s)`,
          observed: `${gap} ms`,
          link,
          code: 'misc: om-intervention',
          trace: { at },
        });
      }
      ctx.should(retry !== undefined, {
        message: 'the node never tried E2 Setup again after a refusal with a time to wait',
        expected: `E2SetupRequest again within ${waitMs + 5000} ms`,
        observed: 'nothing',
        link,
        trace: { at },
      });
      // Accepted again, the node must be set up for the cases after this one.
      restore();
      if (retry) await setUpNode(ctx);
    } finally {
      restore();
    }
  },
});

// ---------------------------------------------------------------------------------------------
// RIC Subscription (E2SM-KPM REPORT) and its refusals.

export const e2NodeKpmPeriod = defineCase<Network>({
  ...common,
  id: 'E2-SUB-010',
  title:
    'A KPM REPORT subscription delivers RIC Indications at its reporting period with the subscribed measurements',
  spec: 'O-RAN.WG3.E2AP 8.2.1, 8.2.3; O-RAN.WG3.E2SM-KPM event trigger format 1, action format 1, indication format 1',
  expectation: `After the node admits a RIC Subscription (E2SM-KPM, periodic ${periodMs} ms, REPORT style 1 with ${measNames.join(', ')}), it sends RIC Indications of type REPORT for that RIC Request ID, RAN Function and action: the first within 2 periods + 300 ms, their mean interval the period within 50 % (MUST) and within 20 % (SHOULD), each carrying every subscribed measurement name.`,
  async run(ctx: Ctx) {
    const node = await setUpNode(ctx);
    const id = { ricRequestorId: 1011, ricInstanceId: 1 };
    const since = Date.now();
    try {
      await subscribeKpm(ctx, node, id);
      await ctx.sleep(periodMs * 8 + 300);
      const indications = indicationsOf(ctx, id, since);
      ctx.measure('indications', indications.length);
      ctx.expect(indications.length >= 4, {
        message: 'too few RIC Indications for the subscription',
        expected: `>= 4 within ${periodMs * 8 + 300} ms (one per ${periodMs} ms)`,
        observed: String(indications.length),
        link,
        trace: { at: [since] },
      });
      const first = indications[0]!.at - since;
      ctx.measure('firstIndicationMs', first);
      ctx.expect(first <= periodMs * 2 + 300, {
        message: 'the first RIC Indication came late',
        expected: `<= ${periodMs * 2 + 300} ms after the subscription`,
        observed: `${first} ms`,
        link,
        trace: { at: [since, indications[0]!.at] },
      });
      const intervals = indications.slice(1).map((m, i) => m.at - indications[i]!.at);
      const mean = intervals.reduce((a, b) => a + b, 0) / intervals.length;
      ctx.measure('reportingPeriodMs', periodMs);
      ctx.measure('meanIntervalMs', Math.round(mean));
      const span = { at: [indications[0]!.at, indications.at(-1)!.at] };
      ctx.expect(Math.abs(mean - periodMs) <= periodMs * 0.5, {
        message: 'RIC Indications far off their reporting period',
        expected: `${periodMs} ms +/- 50 %`,
        observed: `${Math.round(mean)} ms mean over ${intervals.length} intervals`,
        link,
        trace: span,
      });
      ctx.should(Math.abs(mean - periodMs) <= periodMs * 0.2, {
        message: 'RIC Indications off their reporting period',
        expected: `${periodMs} ms +/- 20 %`,
        observed: `${Math.round(mean)} ms mean over ${intervals.length} intervals`,
        link,
        trace: span,
      });
      for (const { message, at } of indications) {
        const names = reportedNames(message);
        const missing = measNames.filter((n) => !names?.includes(n));
        ctx.expect(
          message.ranFunctionId === node.kpmFunctionId &&
            message.ricActionId === 1 &&
            message.ricIndicationType === RicIndicationType.RIC_INDICATION_TYPE_REPORT &&
            missing.length === 0,
          {
            message: 'a RIC Indication does not match its subscription',
            expected: `REPORT, RAN function ${node.kpmFunctionId}, action 1, measurements ${measNames.join(', ')}`,
            observed: `type ${message.ricIndicationType}, RAN function ${message.ranFunctionId}, action ${message.ricActionId}, measurements ${names?.join(', ') ?? 'undecodable'}`,
            link,
            trace: { at: [at] },
          },
        );
      }
    } finally {
      await unsubscribe(ctx, node, id);
    }
  },
});

export const e2NodeUnknownFunction = defineCase<Network>({
  ...common,
  id: 'E2-SUB-011',
  title: 'A RIC Subscription to an unknown RAN Function ID is refused with ran-function-id-invalid',
  spec: 'O-RAN.WG3.E2AP 8.2.1.3, 9.2.1.2 (CauseRICrequest)',
  expectation:
    'A RIC Subscription Request naming a RAN Function ID the node did not offer (4000) is answered within 2 s by RIC Subscription Failure with cause ricRequest ran-function-id-invalid, echoing the RIC Request ID.',
  async run(ctx: Ctx) {
    const node = await setUpNode(ctx);
    const offered = node.functions.map((f) => f.id);
    const unknown = [4000, 4001, 4002].find((n) => !offered.includes(n)) ?? 4095;
    const id = { ricRequestorId: 1012, ricInstanceId: 1 };
    const answer = await answered(
      ctx,
      `RIC Subscription to RAN function ${unknown}`,
      'RicSubscriptionFailure (ric-request: ran-function-id-invalid)',
      node.session.request('oran.e2.v1.RicSubscriptionRequest', kpmSubscription(id, unknown), {
        timeoutMs: answerMs,
      }),
    );
    expectRefused(ctx, answer, `a subscription to unknown RAN function ${unknown}`, [
      ricRequestCause(CauseRicRequest.CAUSE_RIC_REQUEST_RAN_FUNCTION_ID_INVALID),
    ]);
    const echoed = answer.as('oran.e2.v1.RicSubscriptionFailure').ricRequestId;
    ctx.expect(sameId(echoed, id), {
      message: 'the failure does not echo the RIC Request ID',
      expected: idText(id),
      observed: `${echoed?.ricRequestorId}:${echoed?.ricInstanceId}`,
      link,
      trace: { at: [answerAt(ctx, answer)] },
    });
  },
});

export const e2NodeActionNotSupported = defineCase<Network>({
  ...common,
  id: 'E2-SUB-012',
  title:
    'A RIC Subscription with an action type the function does not support is refused with action-not-supported',
  spec: 'O-RAN.WG3.E2AP 8.2.1.3, 9.1.1.2 (RIC Actions Not Admitted List); O-RAN.WG3.E2SM-KPM (REPORT only)',
  expectation:
    'E2SM-KPM offers REPORT only: a RIC Subscription whose only action is of type INSERT is answered within 2 s by RIC Subscription Failure with cause ricRequest action-not-supported; the action SHOULD be listed not admitted with that cause.',
  async run(ctx: Ctx) {
    const node = await setUpNode(ctx);
    const id = { ricRequestorId: 1013, ricInstanceId: 1 };
    try {
      const answer = await answered(
        ctx,
        'RIC Subscription with an INSERT action',
        'RicSubscriptionFailure (ric-request: action-not-supported)',
        node.session.request(
          'oran.e2.v1.RicSubscriptionRequest',
          kpmSubscription(id, kpmFunctionOf(ctx, node), { actionType: RicActionType.RIC_ACTION_TYPE_INSERT }),
          { timeoutMs: answerMs },
        ),
      );
      const expected = ricRequestCause(CauseRicRequest.CAUSE_RIC_REQUEST_ACTION_NOT_SUPPORTED);
      expectRefused(ctx, answer, 'a subscription with an INSERT action to E2SM-KPM', [expected]);
      const listed = answer.as('oran.e2.v1.RicSubscriptionFailure').ricActionsNotAdmitted;
      ctx.should(
        listed.some((a) => a.ricActionId === 1 && causeText(a.cause) === expected),
        {
          message: 'the refused action is not listed not admitted with its cause',
          expected: `ricActionsNotAdmitted [1: ${expected}]`,
          observed: listed.map((a) => `${a.ricActionId}: ${causeText(a.cause)}`).join(', ') || 'empty list',
          link,
          trace: { at: [answerAt(ctx, answer)] },
        },
      );
    } finally {
      await unsubscribe(ctx, node, id);
    }
  },
});

/** Causes that say an E2SM payload could not be decoded or is not one the node runs. */
const decodeCauses = [
  ricRequestCause(CauseRicRequest.CAUSE_RIC_REQUEST_EVENT_TRIGGER_NOT_SUPPORTED),
  causeText({ protocol: CauseProtocol.CAUSE_PROTOCOL_TRANSFER_SYNTAX_ERROR }),
  causeText({ protocol: CauseProtocol.CAUSE_PROTOCOL_ABSTRACT_SYNTAX_ERROR_REJECT }),
  causeText({ protocol: CauseProtocol.CAUSE_PROTOCOL_ABSTRACT_SYNTAX_ERROR_FALSELY_CONSTRUCTED_MESSAGE }),
];

export const e2NodeBadEventTrigger = defineCase<Network>({
  ...common,
  id: 'E2-SUB-013',
  title: 'A RIC Subscription with an undecodable event trigger is refused with a decode cause',
  spec: 'O-RAN.WG3.E2AP 8.2.1.3, 9.2.1.2; O-RAN.WG3.E2SM-KPM event trigger definition',
  expectation: `A RIC Subscription to E2SM-KPM whose RIC Event Trigger Definition is not an E2SM-KPM event trigger (bytes ff ff ff ff) is answered within 2 s by RIC Subscription Failure with one of: ${decodeCauses.join(', ')}.`,
  async run(ctx: Ctx) {
    const node = await setUpNode(ctx);
    const id = { ricRequestorId: 1014, ricInstanceId: 1 };
    try {
      const answer = await answered(
        ctx,
        'RIC Subscription with an undecodable event trigger',
        'RicSubscriptionFailure with a decode cause',
        node.session.request(
          'oran.e2.v1.RicSubscriptionRequest',
          kpmSubscription(id, kpmFunctionOf(ctx, node), {
            trigger: new Uint8Array([0xff, 0xff, 0xff, 0xff]),
          }),
          { timeoutMs: answerMs },
        ),
      );
      const cause = expectRefused(
        ctx,
        answer,
        'a subscription with an undecodable event trigger',
        decodeCauses,
      );
      ctx.measure('decodeCauseIndex', decodeCauses.indexOf(cause));
    } finally {
      await unsubscribe(ctx, node, id);
    }
  },
});

export const e2NodeDuplicateRequestId = defineCase<Network>({
  ...common,
  id: 'E2-SUB-014',
  title: 'A second RIC Subscription with a RIC Request ID in use is refused and the first keeps reporting',
  spec: 'O-RAN.WG3.E2AP 8.2.1.3, 9.2.7 (RIC Request ID), 9.2.1.2',
  expectation:
    'While a subscription with RIC Request ID R is active, a second RIC Subscription Request with R is answered within 2 s by RIC Subscription Failure with a cause (SHOULD be ricRequest duplicate-ric-request-id), and the first subscription goes on reporting (an indication for R within 2 periods + 300 ms after the refusal).',
  async run(ctx: Ctx) {
    const node = await setUpNode(ctx);
    const id = { ricRequestorId: 1015, ricInstanceId: 1 };
    try {
      await subscribeKpm(ctx, node, id);
      const again = await answered(
        ctx,
        `a second RIC Subscription ${idText(id)}`,
        'RicSubscriptionFailure',
        node.session.request(
          'oran.e2.v1.RicSubscriptionRequest',
          kpmSubscription(id, kpmFunctionOf(ctx, node)),
          {
            timeoutMs: answerMs,
          },
        ),
      );
      const refusedAt = answerAt(ctx, again);
      ctx.expect(again.outcome === 'unsuccessful' && again.type === 'oran.e2.v1.RicSubscriptionFailure', {
        message: 'a subscription with a RIC Request ID in use was admitted',
        expected: 'RicSubscriptionFailure',
        observed: again.type,
        link,
        trace: { at: [refusedAt] },
      });
      const cause = causeText(again.as('oran.e2.v1.RicSubscriptionFailure').cause);
      const duplicate = ricRequestCause(CauseRicRequest.CAUSE_RIC_REQUEST_DUPLICATE_RIC_REQUEST_ID);
      ctx.expect(cause !== 'none', {
        message: 'the refusal carries no cause',
        expected: duplicate,
        observed: cause,
        link,
        trace: { at: [refusedAt] },
      });
      ctx.should(cause === duplicate, {
        message: 'the duplicate RIC Request ID is refused with another cause',
        expected: duplicate,
        observed: cause,
        link,
        code: cause,
        trace: { at: [refusedAt] },
      });
      const since = Date.now();
      const next = await ctx.fixture.peer(ricPeerInstance).waitFor('oran.e2.v1.RicIndication', {
        since,
        where: (m) => sameId(m.ricRequestId, id),
        timeoutMs: periodMs * 2 + 300,
      });
      ctx.expect(next !== undefined, {
        message: 'the first subscription stopped reporting after the duplicate was refused',
        expected: `a RIC Indication for ${idText(id)} within ${periodMs * 2 + 300} ms`,
        observed: 'none',
        link,
        trace: { at: [refusedAt] },
      });
    } finally {
      await unsubscribe(ctx, node, id);
    }
  },
});

export const e2NodeSubscriptionDelete = defineCase<Network>({
  ...common,
  id: 'E2-SUB-015',
  title: 'RIC Subscription Delete is answered and the indications of that subscription stop',
  spec: 'O-RAN.WG3.E2AP 8.2.2',
  expectation:
    'For an active KPM subscription, RIC Subscription Delete Request is answered within 2 s by RIC Subscription Delete Response echoing the RIC Request ID and RAN Function ID; no RIC Indication for that RIC Request ID follows the response on the link (watched for 3 periods).',
  async run(ctx: Ctx) {
    const node = await setUpNode(ctx);
    const id = { ricRequestorId: 1016, ricInstanceId: 1 };
    let deleted = false;
    try {
      await subscribeKpm(ctx, node, id);
      const since = Date.now();
      await ctx.fixture.peer(ricPeerInstance).waitFor('oran.e2.v1.RicIndication', {
        since,
        where: (m) => sameId(m.ricRequestId, id),
        timeoutMs: periodMs * 2 + 300,
      });
      const answer = await answered(
        ctx,
        `RIC Subscription Delete ${idText(id)}`,
        'RicSubscriptionDeleteResponse',
        node.session.request(
          'oran.e2.v1.RicSubscriptionDeleteRequest',
          { ricRequestId: id, ranFunctionId: kpmFunctionOf(ctx, node) },
          { timeoutMs: answerMs },
        ),
      );
      const at = answerAt(ctx, answer);
      ctx.expect(answer.type === 'oran.e2.v1.RicSubscriptionDeleteResponse', {
        message: 'RIC Subscription Delete refused',
        expected: 'RicSubscriptionDeleteResponse',
        observed: `${answer.type} (${causeText((answer.message as { cause?: Cause }).cause)})`,
        link,
        code: causeText((answer.message as { cause?: Cause }).cause),
        trace: { at: [at] },
      });
      deleted = true;
      const response = answer.as('oran.e2.v1.RicSubscriptionDeleteResponse');
      ctx.expect(sameId(response.ricRequestId, id) && response.ranFunctionId === node.kpmFunctionId, {
        message: 'the delete response does not echo the subscription',
        expected: `RIC Request ID ${idText(id)}, RAN function ${node.kpmFunctionId}`,
        observed: `${response.ricRequestId?.ricRequestorId}:${response.ricRequestId?.ricInstanceId}, RAN function ${response.ranFunctionId}`,
        link,
        trace: { at: [at] },
      });
      await ctx.sleep(periodMs * 3);
      // The link is ordered: an indication sent before the response is traced before it.
      const after = ctx.fixture.frames({
        link,
        type: 'oran.e2.v1.RicIndication',
        dir: 'client-to-server',
        where: (f) => f.t > at && tracedId(f.fields?.ricRequestId) === idText(id),
      });
      ctx.measure('indicationsAfterDelete', after.length);
      ctx.expect(after.length === 0, {
        message: 'RIC Indications go on after the subscription was deleted',
        expected: `no RIC Indication for ${idText(id)} after the delete response`,
        observed: `${after.length} in ${periodMs * 3} ms`,
        link,
        trace: { at: [at, ...after.map((f) => f.t)] },
      });
    } finally {
      if (!deleted) await unsubscribe(ctx, node, id);
    }
  },
});

// ---------------------------------------------------------------------------------------------
// RIC Control (E2SM-RC), for nodes that declare it.

function requiresRc(
  c: Parameters<NonNullable<CaseDefinition['requires']>>[0],
  vendors: Parameters<NonNullable<CaseDefinition['requires']>>[1],
): string | undefined {
  const du = vendors(c['o-du'] ?? '');
  if (du?.role === 'o-du' && !du.capabilities.serviceModels.includes('rc'))
    return `${du.id} declares no E2SM-RC (capabilities.serviceModels: ${du.capabilities.serviceModels.join(', ')})`;
  return undefined;
}

function rcFunctionOf(ctx: Ctx, node: SetUpNode): { fn: number; cell: NonNullable<SetUpNode['cell']> } {
  ctx.expect(node.rcFunctionId !== undefined, {
    message: 'the node declares E2SM-RC but offers no E2SM-RC RAN function in E2 Setup',
    expected: `a RAN function with OID ${rcOid}`,
    observed: functionsText(node.functions),
    link,
    trace: { at: [node.setup.at] },
  });
  ctx.expect(node.cell !== undefined, {
    message: "the node's cell is not known: its E2SM-KPM definition lists no cell",
    expected: 'cellGlobalIdList[0] in the E2SM-KPM RAN Function Definition',
    link,
    trace: { at: [node.setup.at] },
  });
  return { fn: node.rcFunctionId, cell: node.cell };
}

const sliceQuotaHeader = () =>
  rc.ControlHeader.encode({ format1: { ricStyleType: 2, ricControlActionId: 6 } }).finish();

/** E2SM-RC style 2 action 6: a slice-level PRB quota for the slice sst 1 / sd 000001. */
const sliceQuotaMessage = (cell: NonNullable<SetUpNode['cell']>, maxPrbPolicyRatio: number) =>
  rc.ControlMessage.encode({
    slicePrbQuota: {
      cellGlobalId: cell,
      rrmPolicyRatioList: [
        {
          plmnId: cell.plmnId,
          snssai: { sst: 1, sd: '000001' },
          minPrbPolicyRatio: 0,
          maxPrbPolicyRatio,
          dedicatedPrbPolicyRatio: 0,
        },
      ],
    },
  }).finish();

const controlRequest = (
  id: RequestId,
  ranFunctionId: number,
  header: Uint8Array,
  message: Uint8Array,
): oran.e2.v1.RicControlRequest.$Properties => ({
  ricRequestId: id,
  ranFunctionId,
  ricControlHeader: header,
  ricControlMessage: message,
  ricControlAckRequest: RicControlAckRequest.RIC_CONTROL_ACK_REQUEST_ACK,
});

export const e2NodeControlAck = defineCase<Network>({
  ...common,
  id: 'E2-CTRL-010',
  title: 'RIC Control with an E2SM-RC slice-level PRB quota is acknowledged',
  spec: 'O-RAN.WG3.E2AP 8.2.4; O-RAN.WG3.E2SM-RC control style 2 action 6',
  expectation:
    "A RIC Control Request (ack requested) to the node's E2SM-RC function with a slice-level PRB quota for its cell (max 100 %, so traffic is unchanged) is answered within 2 s by RIC Control Acknowledge echoing the RIC Request ID and RAN Function ID; its outcome SHOULD decode as E2SM-RC control outcome format 1.",
  requires: requiresRc,
  async run(ctx: Ctx) {
    const node = await setUpNode(ctx);
    const { fn, cell } = rcFunctionOf(ctx, node);
    const id = { ricRequestorId: 1020, ricInstanceId: 1 };
    const answer = await answered(
      ctx,
      'RIC Control (slice PRB quota)',
      'RicControlAcknowledge',
      node.session.request(
        'oran.e2.v1.RicControlRequest',
        controlRequest(id, fn, sliceQuotaHeader(), sliceQuotaMessage(cell, 100)),
        { timeoutMs: answerMs },
      ),
    );
    const at = [answerAt(ctx, answer)];
    const cause = causeText((answer.message as { cause?: Cause }).cause);
    ctx.expect(answer.type === 'oran.e2.v1.RicControlAcknowledge', {
      message: 'a valid slice PRB quota control was not acknowledged',
      expected: 'RicControlAcknowledge',
      observed: `${answer.type} (${cause})`,
      link,
      code: cause,
      trace: { at },
    });
    const ack = answer.as('oran.e2.v1.RicControlAcknowledge');
    ctx.expect(sameId(ack.ricRequestId, id) && ack.ranFunctionId === fn, {
      message: 'the acknowledge does not echo the control',
      expected: `RIC Request ID ${idText(id)}, RAN function ${fn}`,
      observed: `${ack.ricRequestId?.ricRequestorId}:${ack.ricRequestId?.ricInstanceId}, RAN function ${ack.ranFunctionId}`,
      link,
      trace: { at },
    });
    let outcome: oran.e2sm.rc.v1.ControlOutcome | undefined;
    try {
      outcome = ack.ricControlOutcome.length ? rc.ControlOutcome.decode(ack.ricControlOutcome) : undefined;
    } catch {
      outcome = undefined;
    }
    ctx.should(outcome?.format1 !== undefined && outcome.format1 !== null, {
      message: 'the control outcome is missing or does not decode as E2SM-RC',
      expected: 'RIC Control Outcome: E2SM-RC ControlOutcome format 1',
      observed: ack.ricControlOutcome.length ? 'undecodable bytes' : 'none',
      link,
      trace: { at },
    });
  },
});

export const e2NodeControlInvalid = defineCase<Network>({
  ...common,
  id: 'E2-CTRL-011',
  title: 'RIC Control with an undecodable or out-of-range control message fails with control-message-invalid',
  spec: 'O-RAN.WG3.E2AP 8.2.4.3, 9.2.1.2; O-RAN.WG3.E2SM-RC; 3GPP TS 28.541 RRMPolicyRatio (0..100)',
  expectation:
    "Two RIC Control Requests to the node's E2SM-RC function, one whose control message is not E2SM-RC (bytes ff ff ff), one with a max PRB policy ratio of 150 %, are each answered within 2 s by RIC Control Failure with cause ricRequest control-message-invalid.",
  requires: requiresRc,
  async run(ctx: Ctx) {
    const node = await setUpNode(ctx);
    const { fn, cell } = rcFunctionOf(ctx, node);
    const expected = ricRequestCause(CauseRicRequest.CAUSE_RIC_REQUEST_CONTROL_MESSAGE_INVALID);
    const tries = [
      {
        what: 'an undecodable control message',
        requestor: 1021,
        message: new Uint8Array([0xff, 0xff, 0xff]),
      },
      { what: 'a PRB ratio of 150 %', requestor: 1022, message: sliceQuotaMessage(cell, 150) },
    ];
    for (const { what, requestor, message } of tries) {
      const id = { ricRequestorId: requestor, ricInstanceId: 1 };
      const answer = await answered(
        ctx,
        `RIC Control with ${what}`,
        `RicControlFailure (${expected})`,
        node.session.request(
          'oran.e2.v1.RicControlRequest',
          controlRequest(id, fn, sliceQuotaHeader(), message),
          {
            timeoutMs: answerMs,
          },
        ),
      );
      const at = [answerAt(ctx, answer)];
      ctx.expect(answer.outcome === 'unsuccessful' && answer.type === 'oran.e2.v1.RicControlFailure', {
        message: `RIC Control with ${what} was not refused`,
        expected: `RicControlFailure (${expected})`,
        observed: answer.type,
        link,
        trace: { at },
      });
      const cause = causeText(answer.as('oran.e2.v1.RicControlFailure').cause);
      ctx.expect(cause === expected, {
        message: `RIC Control with ${what} refused with another cause`,
        expected,
        observed: cause,
        link,
        code: cause,
        trace: { at },
      });
    }
  },
});

// ---------------------------------------------------------------------------------------------
// Error handling, Reset, RIC Service Query.

export const e2NodeMalformedPdu = defineCase<Network>({
  ...common,
  id: 'E2-ERR-010',
  title: 'A malformed PDU gets an Error Indication and the E2 link stays up',
  spec: 'O-RAN.WG3.E2AP 8.3.3 (Error Indication), 10 (Handling of unknown, unforeseen and erroneous protocol data)',
  expectation:
    'When the RIC sends bytes that do not decode as an E2 PDU, the node answers with an Error Indication within 2 s (SHOULD with a protocol cause: transfer-syntax-error or an abstract-syntax-error), keeps the link, and answers a later request on it: a RIC Subscription Delete for an unknown RIC Request ID gets an answer within 2 s (SHOULD be RIC Subscription Delete Failure with ricRequest request-id-unknown).',
  async run(ctx: Ctx) {
    const net = ctx.fixture;
    const node = await setUpNode(ctx);
    const since = Date.now();
    await node.session.link.sendRaw(new Uint8Array([0x0a, 0xff, 0xff, 0xff, 0x01]));
    const indication = await net.waitForFrame(
      {
        link,
        dir: 'client-to-server',
        since,
        where: (f) => f.type === 'oran.common.v1.ErrorIndication' || f.type === 'oran.e2.v1.ErrorIndication',
      },
      2000,
    );
    ctx.expect(indication !== undefined, {
      message: 'no Error Indication for a malformed PDU',
      expected: 'ErrorIndication within 2 s',
      observed: `${
        net
          .frames({ link, dir: 'client-to-server', since })
          .map((f) => f.type)
          .join(', ') || 'nothing'
      }`,
      link,
      code: 'malformed-frame',
      trace: { at: [since] },
    });
    const cause = causeText(indication.fields?.cause as Record<string, unknown> | undefined);
    ctx.should(cause.startsWith('protocol: ') && /syntax-error/.test(cause), {
      message: 'the Error Indication does not name a syntax error',
      expected: 'protocol: transfer-syntax-error (or an abstract-syntax-error)',
      observed: cause,
      link,
      code: cause,
      trace: { at: [indication.t] },
    });
    const closed = net
      .records()
      .filter(
        (r) =>
          r.kind === 'connection' &&
          r.link === link &&
          r.t >= since &&
          (r as { event?: string }).event === 'close',
      );
    ctx.expect(closed.length === 0 && node.session.link.state === 'ready', {
      message: 'the E2 link went down after a malformed PDU',
      expected: 'the link kept',
      observed: `link ${node.session.link.state}${closed.length ? `, closed at ${closed[0]!.t}` : ''}`,
      link,
      trace: { at: [indication.t, ...closed.map((r) => r.t)] },
    });
    const id = { ricRequestorId: 1030, ricInstanceId: 1 };
    const answer = await answered(
      ctx,
      'a RIC Subscription Delete after the malformed PDU',
      'RicSubscriptionDeleteFailure (ric-request: request-id-unknown) within 2 s',
      node.session.request(
        'oran.e2.v1.RicSubscriptionDeleteRequest',
        { ricRequestId: id, ranFunctionId: node.kpmFunctionId ?? 0 },
        { timeoutMs: answerMs },
      ),
    );
    const deleteCause = causeText((answer.message as { cause?: Cause }).cause);
    const unknown = ricRequestCause(CauseRicRequest.CAUSE_RIC_REQUEST_REQUEST_ID_UNKNOWN);
    ctx.should(answer.type === 'oran.e2.v1.RicSubscriptionDeleteFailure' && deleteCause === unknown, {
      message: 'a delete of an unknown subscription is not refused with request-id-unknown',
      expected: `RicSubscriptionDeleteFailure (${unknown})`,
      observed: `${answer.type} (${deleteCause})`,
      link,
      code: deleteCause,
      trace: { at: [answerAt(ctx, answer)] },
    });
  },
});

export const e2NodeReset = defineCase<Network>({
  ...common,
  id: 'E2-RESET-010',
  title: "Reset is answered and clears the node's subscriptions",
  spec: 'O-RAN.WG3.E2AP 8.3.2 (Reset)',
  expectation:
    'With a KPM subscription active, a Reset Request from the RIC is answered within 2 s by Reset Response; no RIC Indication for that subscription follows the response (watched for 3 periods), and a new subscription with the same RIC Request ID is admitted (its context was released).',
  async run(ctx: Ctx) {
    const net = ctx.fixture;
    const node = await setUpNode(ctx);
    const id = { ricRequestorId: 1040, ricInstanceId: 1 };
    try {
      await subscribeKpm(ctx, node, id);
      await net.peer(ricPeerInstance).waitFor('oran.e2.v1.RicIndication', {
        since: Date.now(),
        where: (m) => sameId(m.ricRequestId, id),
        timeoutMs: periodMs * 2 + 300,
      });
      const answer = await answered(
        ctx,
        'Reset Request',
        'ResetResponse within 2 s',
        node.session.request(
          'oran.e2.v1.ResetRequest',
          { cause: { misc: CauseMisc.CAUSE_MISC_OM_INTERVENTION } },
          { timeoutMs: answerMs },
        ),
      );
      const at = answerAt(ctx, answer);
      ctx.expect(answer.type === 'oran.e2.v1.ResetResponse', {
        message: 'Reset not answered by Reset Response',
        expected: 'ResetResponse',
        observed: answer.type,
        link,
        trace: { at: [at] },
      });
      await ctx.sleep(periodMs * 3);
      const after = net.frames({
        link,
        type: 'oran.e2.v1.RicIndication',
        dir: 'client-to-server',
        where: (f) => f.t > at && tracedId(f.fields?.ricRequestId) === idText(id),
      });
      ctx.measure('indicationsAfterReset', after.length);
      ctx.expect(after.length === 0, {
        message: 'a subscription outlived the Reset',
        expected: `no RIC Indication for ${idText(id)} after Reset Response`,
        observed: `${after.length} in ${periodMs * 3} ms`,
        link,
        trace: { at: [at, ...after.map((f) => f.t)] },
      });
      await subscribeKpm(ctx, node, id);
    } finally {
      await unsubscribe(ctx, node, id);
    }
  },
});

export const e2NodeServiceQuery = defineCase<Network>({
  ...common,
  id: 'E2-SVC-010',
  title: 'RIC Service Query is answered by a RIC Service Update offering the functions not accepted',
  spec: 'O-RAN.WG3.E2AP 8.3.5 (RIC Service Query), 8.3.4 (RIC Service Update)',
  expectation:
    "The RIC sends RIC Service Query listing as accepted every RAN function of the node's E2 Setup except E2SM-KPM; within 2 s the node sends RIC Service Update whose RAN Functions Added include E2SM-KPM (same id, OID and revision as in E2 Setup), and SHOULD NOT add again a function the RIC listed as accepted.",
  async run(ctx: Ctx) {
    const node = await setUpNode(ctx);
    const fn = kpmFunctionOf(ctx, node);
    const kpmItem = node.functions.find((f) => f.id === fn)!;
    const accepted = node.functions.filter((f) => f.id !== fn);
    const since = Date.now();
    await node.session.send('oran.e2.v1.RicServiceQuery', {
      ranFunctionsAccepted: accepted.map((f) => ({ ranFunctionId: f.id, ranFunctionRevision: f.revision })),
    });
    const update = await ctx.fixture
      .peer(ricPeerInstance)
      .waitFor('oran.e2.v1.RicServiceUpdate', { since, timeoutMs: 2000 });
    ctx.expect(update !== undefined, {
      message: 'RIC Service Query not followed by RIC Service Update',
      expected: `RicServiceUpdate adding RAN function ${fn} within 2 s`,
      observed: 'nothing',
      link,
      trace: { at: [since] },
    });
    const added = offeredFunctions(update.message.ranFunctionsAdded);
    ctx.measure('serviceUpdateMs', update.at - since);
    ctx.expect(
      added.some((f) => f.id === fn && f.oid === kpmItem.oid && f.revision === kpmItem.revision),
      {
        message: 'the RIC Service Update does not offer the function the RIC did not accept',
        expected: `RAN Functions Added: ${functionsText([kpmItem])}`,
        observed: functionsText(added),
        link,
        trace: { at: [since, update.at] },
      },
    );
    const again = added.filter((f) => accepted.some((a) => a.id === f.id));
    ctx.should(again.length === 0, {
      message: 'the RIC Service Update adds again functions the RIC listed as accepted',
      expected: `RAN Functions Added without ${accepted.map((f) => f.id).join(', ')}`,
      observed: functionsText(added),
      link,
      trace: { at: [update.at] },
    });
  },
});
// ---------------------------------------------------------------------------------------------
// Version negotiation (its own topology: the link never comes up).

/** Protocol versions as the trace holds them (zero fields omitted), as "major.minor". */
const versionsOf = (list: unknown): string[] =>
  ((list ?? []) as Array<{ major?: number; minor?: number }>).map((v) => `${v.major ?? 0}.${v.minor ?? 0}`);

export const e2NodeVersionMismatch = defineCase<Network>({
  ...common,
  id: 'E2-VER-010',
  title: 'With a RIC offering only E2 2.0 the handshake fails naming both offers, and the node sends no E2AP',
  spec: 'plugfest link handshake (Hello / HelloFailure, ARCHITECTURE.md "Roles, links and interfaces"); O-RAN.WG3.E2AP 8.3.1 (E2 Setup only on an established link)',
  expectation:
    'The node offers its E2 revisions in Hello; the RIC, offering only 2.0, answers HelloFailure naming both offers. The node MUST NOT send any E2AP message on that link and MUST keep running; it SHOULD back off its attempts (at most 15 Hellos in 3 s) and SHOULD log the refusal (a record naming version-mismatch or both offers).',
  topology: e2NodeVersionSkewTopology,
  async run(ctx: Ctx) {
    const net = ctx.fixture;
    let exited = false;
    void net.running.instances.get(nodeInstance)?.exited.then(() => {
      exited = true;
    });
    const hello = await net.waitForFrame(
      { link, type: 'oran.common.v1.Hello', dir: 'client-to-server' },
      10_000,
    );
    ctx.expect(hello !== undefined, {
      message: 'the node never opened the E2 handshake',
      expected: 'Hello from du-1 within 10 s',
      observed: 'nothing',
      link,
      code: 'vendor-not-ready',
    });
    const offered = versionsOf(hello.fields?.offeredVersions);
    ctx.expect(offered.length > 0, {
      message: 'the node offers no E2 version in Hello',
      link,
      trace: { at: [hello.t] },
    });
    const refusal = await net.waitForFrame(
      { link, type: 'oran.common.v1.HelloFailure', since: hello.t },
      3000,
    );
    ctx.expect(refusal !== undefined, {
      message: 'no HelloFailure in the trace (the RIC test peer should refuse)',
      expected: 'HelloFailure naming [2.0] and the node offer',
      observed: 'nothing',
      link,
      code: 'version-mismatch',
      trace: { at: [hello.t] },
    });
    const supported = versionsOf(refusal.fields?.supportedVersions);
    const named = versionsOf(refusal.fields?.offeredVersions);
    ctx.expect(supported.includes('2.0') && offered.every((v) => named.includes(v)), {
      message: 'the HelloFailure does not name both offers',
      expected: `supported [2.0], offered [${offered.join(', ')}]`,
      observed: `supported [${supported.join(', ')}], offered [${named.join(', ')}]`,
      link,
      code: 'version-mismatch',
      trace: { at: [refusal.t] },
    });
    await ctx.sleep(Math.max(0, hello.t + 3000 - Date.now()));
    const e2ap = net.frames({
      link,
      dir: 'client-to-server',
      where: (f) => (f.type ?? '').startsWith('oran.e2.v1.'),
    });
    ctx.expect(e2ap.length === 0, {
      message: 'the node sent E2AP on a link whose handshake failed',
      expected: 'no oran.e2.v1 message before a successful handshake',
      observed: e2ap.map((f) => f.type).join(', '),
      link,
      code: 'not-ready',
      trace: { at: e2ap.map((f) => f.t) },
    });
    ctx.expect(!exited, {
      message: 'the node exited after the version mismatch',
      expected: 'du-1 running',
      observed: 'exited',
      link,
      code: 'vendor-exited',
    });
    const hellos = net.frames({
      link,
      type: 'oran.common.v1.Hello',
      dir: 'client-to-server',
      where: (f) => f.t <= hello.t + 3000,
    });
    ctx.measure('hellosIn3s', hellos.length);
    ctx.should(hellos.length <= 15, {
      message: 'the node retries the refused handshake without backing off',
      expected: '<= 15 Hello in 3 s (backoff)',
      observed: `${hellos.length} Hello in 3 s`,
      link,
      code: 'version-mismatch',
      trace: { at: [hellos[0]!.t, hellos.at(-1)!.t] },
    });
    const logged = net.logs(nodeInstance).some((r) => {
      const line = JSON.stringify(r);
      return (
        line.includes('version-mismatch') || (line.includes('2.0') && offered.some((v) => line.includes(v)))
      );
    });
    ctx.should(logged, {
      message: 'the node does not log the version refusal',
      expected: 'a log record naming version-mismatch or both offers',
      observed: 'none',
      link,
      code: 'version-mismatch',
    });
  },
});

/** The E2 node suite, in the order cases run on a shared topology (the link bounce last). */
export const e2NodeCases: CaseDefinition<Network>[] = [
  e2NodeSetup,
  e2NodeKpmPeriod,
  e2NodeUnknownFunction,
  e2NodeActionNotSupported,
  e2NodeBadEventTrigger,
  e2NodeDuplicateRequestId,
  e2NodeSubscriptionDelete,
  e2NodeControlAck,
  e2NodeControlInvalid,
  e2NodeMalformedPdu,
  e2NodeReset,
  e2NodeServiceQuery,
  e2NodeSetupTimeToWait,
  e2NodeVersionMismatch,
];
