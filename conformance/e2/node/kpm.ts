/**
 * E2SM-KPM REPORT subscriptions as the cases make them (O-RAN.WG3.E2SM-KPM event trigger format 1,
 * action format 1): the request, subscribing and cleaning up, the indications that follow, and a
 * refusal graded by its cause.
 */
import { oran, type PeerMessage } from '../../../src/conformance/index.js';
import { nodeE2Link as link, ricPeerInstance } from '../node-topology.js';
import { type Cause, causeText } from './causes.js';
import {
  type Answer,
  answerAt,
  answered,
  answerMs,
  type Ctx,
  idText,
  kpmFunctionOf,
  type RequestId,
  type SetUpNode,
  sameId,
} from './support.js';

const { RicActionType } = oran.e2.v1;
const kpm = oran.e2sm.kpm.v1;

/** Reporting period the cases subscribe with (OSC e2sim paces KPM at 50 ms, FlexRIC 1..1000 ms). */
export const periodMs = 200;
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

/** Subscribes and requires the node to admit it. */
export async function subscribeKpm(ctx: Ctx, node: SetUpNode, id: RequestId): Promise<Answer> {
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
export const tracedId = (value: unknown) => {
  const id = (value ?? {}) as { ricRequestorId?: number; ricInstanceId?: number };
  return `${id.ricRequestorId ?? 0}:${id.ricInstanceId ?? 0}`;
};

/**
 * Deletes a subscription a case made, whatever happened to the case; the answer is not graded
 * here. Only if the node admitted it since its E2 Setup: a node that never answered is not
 * asked again (its silence would cost another request timeout).
 */
export async function unsubscribe(ctx: Ctx, node: SetUpNode, id: RequestId): Promise<void> {
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
export function indicationsOf(
  ctx: Ctx,
  id: RequestId,
  since: number,
): PeerMessage<'oran.e2.v1.RicIndication'>[] {
  return ctx.fixture
    .peer(ricPeerInstance)
    .received('oran.e2.v1.RicIndication', since)
    .filter((m) => sameId(m.message.ricRequestId, id));
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

/** Expects a refused subscription with a cause among `causes` (their text forms). */
export function expectRefused(ctx: Ctx, answer: Answer, what: string, causes: readonly string[]): string {
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
