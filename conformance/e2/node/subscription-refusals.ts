/**
 * RIC Subscription refusals (O-RAN.WG3.E2AP 8.2.1.3, 9.2.1.2): an unknown RAN Function ID, an
 * action type the function does not support, an undecodable event trigger and a RIC Request ID in
 * use are each refused with the cause that says so, and the subscription in use goes on reporting.
 */
import { defineCase, type Network, oran } from '../../../src/conformance/index.js';
import { nodeE2Link as link, ricPeerInstance } from '../node-topology.js';
import { causeText, ricRequestCause } from './causes.js';
import { expectRefused, kpmSubscription, periodMs, subscribeKpm, unsubscribe } from './kpm.js';
import {
  answerAt,
  answered,
  answerMs,
  type Ctx,
  common,
  idText,
  kpmFunctionOf,
  sameId,
  setUpNode,
} from './support.js';

const { CauseRicRequest, CauseProtocol } = oran.common.v1;
const { RicActionType } = oran.e2.v1;

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
