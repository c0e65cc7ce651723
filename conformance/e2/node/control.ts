/**
 * RIC Control cases (O-RAN.WG3.E2AP 8.2.4, E2SM-RC control style 2 action 6), for nodes that
 * declare E2SM-RC: a slice-level PRB quota is acknowledged, an undecodable or out-of-range one
 * fails with control-message-invalid.
 */
import { type CaseDefinition, type NetworkContext, oran } from '../../../src/conformance/index.js';
import {
  answerCause,
  answerText,
  type E2Answer,
  requestIdText,
  ricRequestCause,
  sameRequestId,
} from '../e2ap.js';
import { rcOid } from '../e2sm.js';
import { nodeE2Link as link } from '../node-topology.js';
import {
  answerAt,
  answered,
  answerMs,
  functionOf,
  nodeCase,
  type RequestId,
  type SetUpNode,
} from './support.js';

const { CauseRicRequest } = oran.common.v1;
const { RicControlAckRequest } = oran.e2.v1;
const rc = oran.e2sm.rc.v1;

const requiresRc: CaseDefinition['requires'] = (c, vendors) => {
  const du = vendors(c['o-du'] ?? '');
  if (du?.role === 'o-du' && !du.capabilities.serviceModels.includes('rc'))
    return `${du.id} declares no E2SM-RC (capabilities.serviceModels: ${du.capabilities.serviceModels.join(', ')})`;
  return undefined;
};

function rcFunctionOf(
  ctx: NetworkContext,
  node: SetUpNode,
): { fn: number; cell: NonNullable<SetUpNode['cell']> } {
  const fn = functionOf(
    ctx,
    node,
    rcOid,
    'the node declares E2SM-RC but offers no E2SM-RC RAN function in E2 Setup',
  );
  ctx.expect(node.cell !== undefined, {
    message: "the node's cell is not known: its E2SM-KPM definition lists no cell",
    expected: 'cellGlobalIdList[0] in the E2SM-KPM RAN Function Definition',
    link,
    code: 'wrong-field',
    trace: { at: [node.setup.at] },
  });
  return { fn, cell: node.cell };
}

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

/** A RIC Control Request (ack requested) of a slice PRB quota with this control message, answered within answerMs. */
function sliceQuotaControl(
  ctx: NetworkContext,
  node: SetUpNode,
  o: { what: string; expected: string; id: RequestId; fn: number; message: Uint8Array },
): Promise<E2Answer> {
  const request = {
    ricRequestId: o.id,
    ranFunctionId: o.fn,
    ricControlHeader: rc.ControlHeader.encode({
      format1: { ricStyleType: 2, ricControlActionId: 6 },
    }).finish(),
    ricControlMessage: o.message,
    ricControlAckRequest: RicControlAckRequest.RIC_CONTROL_ACK_REQUEST_ACK,
  };
  return answered(
    ctx,
    `RIC Control ${o.what}`,
    o.expected,
    node.session.request('oran.e2.v1.RicControlRequest', request, { timeoutMs: answerMs }),
  );
}

export const e2NodeControlAck = nodeCase({
  id: 'E2-CTRL-010',
  title: 'RIC Control with an E2SM-RC slice-level PRB quota is acknowledged',
  spec: 'O-RAN.WG3.E2AP 8.2.4; O-RAN.WG3.E2SM-RC control style 2 action 6',
  expectation:
    "A RIC Control Request (ack requested) to the node's E2SM-RC function with a slice-level PRB quota for its cell (max 100 %, so traffic is unchanged) is answered within 2 s by RIC Control Acknowledge echoing the RIC Request ID and RAN Function ID; its outcome SHOULD decode as E2SM-RC control outcome format 1.",
  requires: requiresRc,
  // The quota it applies stays in the node's RAN state.
  isolation: 'fresh',
  async run(ctx: NetworkContext, node) {
    const { fn, cell } = rcFunctionOf(ctx, node);
    const id = { ricRequestorId: 1020, ricInstanceId: 1 };
    const answer = await sliceQuotaControl(ctx, node, {
      what: '(slice PRB quota)',
      expected: 'RicControlAcknowledge',
      id,
      fn,
      message: sliceQuotaMessage(cell, 100),
    });
    const at = [answerAt(ctx, answer)];
    ctx.expect(answer.type === 'oran.e2.v1.RicControlAcknowledge', {
      message: 'a valid slice PRB quota control was not acknowledged',
      expected: 'RicControlAcknowledge',
      observed: answerText(answer),
      link,
      code: 'wrongly-refused',
      trace: { at },
    });
    const ack = answer.as('oran.e2.v1.RicControlAcknowledge');
    ctx.expect(sameRequestId(ack.ricRequestId, id) && ack.ranFunctionId === fn, {
      message: 'the acknowledge does not echo the control',
      expected: `RIC Request ID ${requestIdText(id)}, RAN function ${fn}`,
      observed: `${requestIdText(ack.ricRequestId)}, RAN function ${ack.ranFunctionId}`,
      link,
      code: 'wrong-field',
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
      code: 'wrong-field',
      trace: { at },
    });
  },
});

export const e2NodeControlInvalid = nodeCase({
  id: 'E2-CTRL-011',
  title: 'RIC Control with an undecodable or out-of-range control message fails with control-message-invalid',
  spec: 'O-RAN.WG3.E2AP 8.2.4.3, 9.2.1.2; O-RAN.WG3.E2SM-RC; 3GPP TS 28.541 RRMPolicyRatio (0..100)',
  expectation:
    "Two RIC Control Requests to the node's E2SM-RC function, one whose control message is not E2SM-RC (bytes ff ff ff), one with a max PRB policy ratio of 150 %, are each answered within 2 s by RIC Control Failure with cause ricRequest control-message-invalid.",
  requires: requiresRc,
  async run(ctx: NetworkContext, node) {
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
      const answer = await sliceQuotaControl(ctx, node, {
        what: `with ${what}`,
        expected: `RicControlFailure (${expected})`,
        id,
        fn,
        message,
      });
      const at = [answerAt(ctx, answer)];
      ctx.expect(answer.outcome === 'unsuccessful' && answer.type === 'oran.e2.v1.RicControlFailure', {
        message: `RIC Control with ${what} was not refused`,
        expected: `RicControlFailure (${expected})`,
        observed: answer.type,
        link,
        code: 'not-refused',
        trace: { at },
      });
      const cause = answerCause(answer) ?? 'none';
      ctx.expect(cause === expected, {
        message: `RIC Control with ${what} refused with another cause`,
        expected,
        observed: cause,
        link,
        code: 'wrong-cause',
        trace: { at },
      });
    }
  },
});
