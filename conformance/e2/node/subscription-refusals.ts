/**
 * RIC Subscription refusals (O-RAN.WG3.E2AP 8.2.1.3, 9.2.1.2): an unknown RAN Function ID, an
 * action type the function does not support, an undecodable event trigger and a RIC Request ID in
 * use are each refused with the cause that says so, and the subscription in use goes on reporting.
 */
import { causeText, type NetworkContext, oran } from '../../../src/conformance/index.js';
import { answerCause, requestIdText, ricRequestCause, sameRequestId } from '../e2ap.js';
import { nodeE2Link as link } from '../node-topology.js';
import {
  expectRefused,
  firstReportMs,
  kpmSubscription,
  nextIndication,
  requestSubscription,
  subscribeKpm,
  subscriberCase,
} from './kpm.js';
import { answerAt, kpmFunctionOf, nodeCase, type RequestId, type SetUpNode } from './support.js';

const { CauseRicRequest, CauseProtocol } = oran.common.v1;
const { RicActionType } = oran.e2.v1;

export const e2NodeUnknownFunction = nodeCase({
  id: 'E2-SUB-011',
  title: 'A RIC Subscription to an unknown RAN Function ID is refused with ran-function-id-invalid',
  spec: 'O-RAN.WG3.E2AP 8.2.1.3, 9.2.1.2 (CauseRICrequest)',
  expectation:
    'A RIC Subscription Request naming a RAN Function ID the node did not offer (4000) is answered within 2 s by RIC Subscription Failure with cause ricRequest ran-function-id-invalid, echoing the RIC Request ID.',
  async run(ctx: NetworkContext, node) {
    const offered = node.functions.map((f) => f.id);
    const unknown = [4000, 4001, 4002].find((n) => !offered.includes(n)) ?? 4095;
    const id = { ricRequestorId: 1012, ricInstanceId: 1 };
    const answer = await requestSubscription(
      ctx,
      node,
      `RIC Subscription to RAN function ${unknown}`,
      'RicSubscriptionFailure (ric-request: ran-function-id-invalid)',
      kpmSubscription(id, unknown),
    );
    expectRefused(ctx, answer, `a subscription to unknown RAN function ${unknown}`, [
      ricRequestCause(CauseRicRequest.CAUSE_RIC_REQUEST_RAN_FUNCTION_ID_INVALID),
    ]);
    const echoed = answer.as('oran.e2.v1.RicSubscriptionFailure').ricRequestId;
    ctx.expect(sameRequestId(echoed, id), {
      message: 'the failure does not echo the RIC Request ID',
      expected: requestIdText(id),
      observed: requestIdText(echoed),
      link,
      code: 'wrong-field',
      trace: { at: [answerAt(ctx, answer)] },
    });
  },
});

/** Asks the node for a subscription to its E2SM-KPM function, spoilt by `change`, and requires an answer. */
async function spoiltSubscription(
  ctx: NetworkContext,
  node: SetUpNode,
  id: RequestId,
  o: { what: string; expected: string; change: Parameters<typeof kpmSubscription>[2] },
) {
  return requestSubscription(
    ctx,
    node,
    o.what,
    o.expected,
    kpmSubscription(id, kpmFunctionOf(ctx, node), o.change),
  );
}

export const e2NodeActionNotSupported = subscriberCase({
  id: 'E2-SUB-012',
  requestor: 1013,
  title:
    'A RIC Subscription with an action type the function does not support is refused with action-not-supported',
  spec: 'O-RAN.WG3.E2AP 8.2.1.3, 9.1.1.2 (RIC Actions Not Admitted List); O-RAN.WG3.E2SM-KPM (REPORT only)',
  expectation:
    'E2SM-KPM offers REPORT only: a RIC Subscription whose only action is of type INSERT is answered within 2 s by RIC Subscription Failure with cause ricRequest action-not-supported; the action SHOULD be listed not admitted with that cause.',
  async run(ctx: NetworkContext, node, id) {
    const answer = await spoiltSubscription(ctx, node, id, {
      what: 'RIC Subscription with an INSERT action',
      expected: 'RicSubscriptionFailure (ric-request: action-not-supported)',
      change: { actionType: RicActionType.RIC_ACTION_TYPE_INSERT },
    });
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
        code: 'wrong-field',
        trace: { at: [answerAt(ctx, answer)] },
      },
    );
  },
});

/** Causes that say an E2SM payload could not be decoded or is not one the node runs. */
const decodeCauses = [
  ricRequestCause(CauseRicRequest.CAUSE_RIC_REQUEST_EVENT_TRIGGER_NOT_SUPPORTED),
  causeText({ protocol: CauseProtocol.CAUSE_PROTOCOL_TRANSFER_SYNTAX_ERROR }),
  causeText({ protocol: CauseProtocol.CAUSE_PROTOCOL_ABSTRACT_SYNTAX_ERROR_REJECT }),
  causeText({ protocol: CauseProtocol.CAUSE_PROTOCOL_ABSTRACT_SYNTAX_ERROR_FALSELY_CONSTRUCTED_MESSAGE }),
];

export const e2NodeBadEventTrigger = subscriberCase({
  id: 'E2-SUB-013',
  requestor: 1014,
  title: 'A RIC Subscription with an undecodable event trigger is refused with a decode cause',
  spec: 'O-RAN.WG3.E2AP 8.2.1.3, 9.2.1.2; O-RAN.WG3.E2SM-KPM event trigger definition',
  expectation: `A RIC Subscription to E2SM-KPM whose RIC Event Trigger Definition is not an E2SM-KPM event trigger (bytes ff ff ff ff) is answered within 2 s by RIC Subscription Failure with one of: ${decodeCauses.join(', ')}.`,
  async run(ctx: NetworkContext, node, id) {
    const answer = await spoiltSubscription(ctx, node, id, {
      what: 'RIC Subscription with an undecodable event trigger',
      expected: 'RicSubscriptionFailure with a decode cause',
      change: { trigger: new Uint8Array([0xff, 0xff, 0xff, 0xff]) },
    });
    const cause = expectRefused(
      ctx,
      answer,
      'a subscription with an undecodable event trigger',
      decodeCauses,
    );
    ctx.measure('decodeCauseIndex', decodeCauses.indexOf(cause));
  },
});

export const e2NodeDuplicateRequestId = subscriberCase({
  id: 'E2-SUB-014',
  requestor: 1015,
  title: 'A second RIC Subscription with a RIC Request ID in use is refused and the first keeps reporting',
  spec: 'O-RAN.WG3.E2AP 8.2.1.3, 9.2.7 (RIC Request ID), 9.2.1.2',
  expectation:
    'While a subscription with RIC Request ID R is active, a second RIC Subscription Request with R is answered within 2 s by RIC Subscription Failure with a cause (SHOULD be ricRequest duplicate-ric-request-id), and the first subscription goes on reporting (an indication for R within 2 periods + 300 ms after the refusal).',
  async run(ctx: NetworkContext, node, id) {
    await subscribeKpm(ctx, node, id);
    const again = await spoiltSubscription(ctx, node, id, {
      what: `a second RIC Subscription ${requestIdText(id)}`,
      expected: 'RicSubscriptionFailure',
      change: {},
    });
    const refusedAt = answerAt(ctx, again);
    ctx.expect(again.outcome === 'unsuccessful' && again.type === 'oran.e2.v1.RicSubscriptionFailure', {
      message: 'a subscription with a RIC Request ID in use was admitted',
      expected: 'RicSubscriptionFailure',
      observed: again.type,
      link,
      code: 'not-refused',
      trace: { at: [refusedAt] },
    });
    const cause = answerCause(again) ?? 'none';
    const duplicate = ricRequestCause(CauseRicRequest.CAUSE_RIC_REQUEST_DUPLICATE_RIC_REQUEST_ID);
    const refusal = {
      expected: duplicate,
      observed: cause,
      link,
      code: 'wrong-cause',
      trace: { at: [refusedAt] },
    } as const;
    ctx.expect(cause !== 'none', { ...refusal, message: 'the refusal carries no cause' });
    ctx.should(cause === duplicate, {
      ...refusal,
      message: 'the duplicate RIC Request ID is refused with another cause',
    });
    const next = await nextIndication(ctx, id);
    ctx.expect(next !== undefined, {
      message: 'the first subscription stopped reporting after the duplicate was refused',
      expected: `a RIC Indication for ${requestIdText(id)} within ${firstReportMs} ms`,
      observed: 'none',
      link,
      code: 'no-indication',
      trace: { at: [refusedAt] },
    });
  },
});
