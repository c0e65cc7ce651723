/**
 * E2SM-KPM REPORT subscriptions as the cases make them (O-RAN.WG3.E2SM-KPM event trigger format 1,
 * action format 1): the request, subscribing and cleaning up, the indications that follow, and a
 * refusal graded by its cause.
 */
import { type NetworkContext, oran, type PeerMessage } from '../../../src/conformance/index.js';
import {
  answerCause,
  answerText,
  type E2Answer,
  type RequestIdLike,
  requestIdText,
  sameRequestId,
} from '../e2ap.js';
import type { CaseFields } from '../fixtures.js';
import { nodeE2Link as link, ricPeerInstance } from '../node-topology.js';
import {
  answerAt,
  answered,
  answerMs,
  kpmFunctionOf,
  nodeCase,
  type RequestId,
  type SetUpNode,
} from './support.js';

const { RicActionType } = oran.e2.v1;
const kpm = oran.e2sm.kpm.v1;

/** Reporting period the cases subscribe with (OSC e2sim paces KPM at 50 ms, FlexRIC 1..1000 ms). */
export const periodMs = 200;
/** How long after subscribing (or an event) a node has to report: two periods and 300 ms. */
export const firstReportMs = periodMs * 2 + 300;
/** Measurements every case subscribes to (O-RAN.WG3.E2SM-KPM / TS 28.552 names). */
export const measNames = ['RRU.PrbUsedDl', 'DRB.UEThpDl'];

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
export function kpmSubscription(
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

/** Sends a RIC Subscription Request to the node and requires an answer within answerMs. */
export function requestSubscription(
  ctx: NetworkContext,
  node: SetUpNode,
  what: string,
  expected: string,
  request: oran.e2.v1.RicSubscriptionRequest.$Properties,
): Promise<E2Answer> {
  const sent = node.session.request('oran.e2.v1.RicSubscriptionRequest', request, { timeoutMs: answerMs });
  return answered(ctx, what, expected, sent);
}

/** Subscribes and requires the node to admit it. */
export async function subscribeKpm(ctx: NetworkContext, node: SetUpNode, id: RequestId): Promise<E2Answer> {
  const answer = await requestSubscription(
    ctx,
    node,
    `RIC Subscription ${requestIdText(id)} (E2SM-KPM REPORT, ${periodMs} ms)`,
    'RicSubscriptionResponse',
    kpmSubscription(id, kpmFunctionOf(ctx, node)),
  );
  ctx.expect(answer.outcome === 'successful' && answer.type === 'oran.e2.v1.RicSubscriptionResponse', {
    message: 'a well-formed E2SM-KPM REPORT subscription was refused',
    expected: 'RicSubscriptionResponse admitting action 1',
    observed: answerText(answer),
    link,
    code: 'subscription-refused',
    trace: { at: [answerAt(ctx, answer)] },
  });
  return answer;
}

/**
 * Deletes a subscription a case made, whatever happened to the case; the answer is not graded
 * here. Only if the node admitted it since its E2 Setup and it was not deleted since: a node
 * that never answered is not asked again (its silence would cost another request timeout).
 */
export async function unsubscribe(ctx: NetworkContext, node: SetUpNode, id: RequestId): Promise<void> {
  if (node.kpmFunctionId === undefined) return;
  const mine = {
    link,
    since: node.setup.at,
    where: (f: { fields: { ricRequestId?: RequestIdLike } }) => sameRequestId(f.fields.ricRequestId, id),
  };
  const admitted = ctx.fixture.frames.all({ ...mine, type: 'oran.e2.v1.RicSubscriptionResponse' }).at(-1);
  if (!admitted) return;
  const deleted = ctx.fixture.frames.all({
    ...mine,
    type: 'oran.e2.v1.RicSubscriptionDeleteResponse',
    since: admitted.t,
  });
  if (deleted.length > 0) return;
  await node.session
    .request(
      'oran.e2.v1.RicSubscriptionDeleteRequest',
      { ricRequestId: id, ranFunctionId: node.kpmFunctionId },
      { timeoutMs: answerMs },
    )
    .catch(() => undefined);
}

/**
 * A case of the node suite that subscribes under its own RIC Request ID, `requestor`:1
 * (1010..1099, one per case): the body gets the set-up node and that id, and the subscription
 * it leaves is deleted after it, so that a shared network is left as it was found. With
 * `reporting`, the body starts once the node admitted that subscription and reported on it.
 */
export const subscriberCase = (
  definition: CaseFields & {
    readonly requestor: number;
    readonly reporting?: boolean;
    run(ctx: NetworkContext, node: SetUpNode, id: RequestId): Promise<void>;
  },
) => {
  const { requestor, reporting, run, ...rest } = definition;
  return nodeCase({
    ...rest,
    async run(ctx, node) {
      const id = { ricRequestorId: requestor, ricInstanceId: 1 };
      try {
        if (reporting) {
          await subscribeKpm(ctx, node, id);
          await nextIndication(ctx, id);
        }
        await run(ctx, node, id);
      } finally {
        await unsubscribe(ctx, node, id);
      }
    },
  });
};

/** RIC Indications the peer received for one RIC Request ID since a time. */
export function indicationsOf(
  ctx: NetworkContext,
  id: RequestId,
  since: number,
): PeerMessage<'oran.e2.v1.RicIndication'>[] {
  return ctx.fixture
    .peer(ricPeerInstance)
    .received('oran.e2.v1.RicIndication', since)
    .filter((m) => sameRequestId(m.message.ricRequestId, id));
}

/** The first RIC Indication for `id` the peer receives from now on, within firstReportMs. */
export function nextIndication(ctx: NetworkContext, id: RequestId) {
  return ctx.fixture.peer(ricPeerInstance).waitFor('oran.e2.v1.RicIndication', {
    since: Date.now(),
    where: (m) => sameRequestId(m.ricRequestId, id),
    timeoutMs: firstReportMs,
  });
}

/**
 * Expects no RIC Indication for `id` on the link after `at`, the answer that ended the
 * subscription (Reset Response or RIC Subscription Delete Response), watched for 3 periods; it
 * measures how many came. The link is ordered: an indication sent before the answer is traced
 * before it.
 */
export async function expectNoIndicationsAfter(
  ctx: NetworkContext,
  id: RequestId,
  at: number,
  end: 'Reset' | 'Delete',
) {
  const by = end === 'Reset' ? 'the Reset Response' : 'the delete response';
  await ctx.sleep(periodMs * 3);
  const after = ctx.fixture.frames.all({
    link,
    type: 'oran.e2.v1.RicIndication',
    dir: 'client-to-server',
    where: (f) => f.t > at && sameRequestId(f.fields.ricRequestId, id),
  });
  ctx.measure(`indicationsAfter${end}`, after.length);
  ctx.expect(after.length === 0, {
    message: `RIC Indications for the subscription go on after ${by}`,
    expected: `no RIC Indication for ${requestIdText(id)} after ${by}`,
    observed: `${after.length} in ${periodMs * 3} ms`,
    link,
    code: 'subscription-not-removed',
    trace: { at: [at, ...after.map((f) => f.t)] },
  });
}

/** The measurement names an indication reports (E2SM-KPM indication message format 1). */
export function reportedNames(indication: oran.e2.v1.RicIndication): string[] | undefined {
  try {
    const format1 = kpm.IndicationMessage.decode(indication.ricIndicationMessage).format1;
    return format1?.measInfoList?.map((m) => m.measName ?? '');
  } catch {
    return undefined;
  }
}

/** Expects a refused subscription with a cause among `causes` (their text forms); returns its cause. */
export function expectRefused(
  ctx: NetworkContext,
  answer: E2Answer,
  what: string,
  causes: readonly string[],
): string {
  const at = [answerAt(ctx, answer)];
  ctx.expect(answer.outcome === 'unsuccessful' && answer.type === 'oran.e2.v1.RicSubscriptionFailure', {
    message: `${what} was not refused`,
    expected: `RicSubscriptionFailure with cause ${causes.join(' or ')}`,
    observed: answer.type,
    link,
    code: 'not-refused',
    trace: { at },
  });
  const cause = answerCause(answer) ?? 'none';
  ctx.expect(causes.includes(cause), {
    message: `${what} refused with another cause`,
    expected: causes.join(' or '),
    observed: cause,
    link,
    code: 'wrong-cause',
    trace: { at },
  });
  return cause;
}
