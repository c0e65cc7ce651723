/**
 * Error handling case (O-RAN.WG3.E2AP 8.3.3, 10): a malformed PDU gets an Error Indication, the E2
 * link stays up, and the node goes on answering on it.
 */
import { type NetworkContext, oran } from '../../../src/conformance/index.js';
import { answerCause, causeOf, malformedPdu, nextErrorIndication, ricRequestCause } from '../e2ap.js';
import { nodeE2Link as link } from '../node-topology.js';
import { answerAt, answered, answerMs, nodeCase } from './support.js';

export const e2NodeMalformedPdu = nodeCase({
  id: 'E2-ERR-010',
  title: 'A malformed PDU gets an Error Indication and the E2 link stays up',
  spec: 'O-RAN.WG3.E2AP 8.3.3 (Error Indication), 10 (Handling of unknown, unforeseen and erroneous protocol data)',
  expectation:
    'When the RIC sends bytes that do not decode as an E2 PDU, the node answers with an Error Indication within 2 s (SHOULD with a protocol cause: transfer-syntax-error or an abstract-syntax-error), keeps the link, and answers a later request on it: a RIC Subscription Delete for an unknown RIC Request ID gets an answer within 2 s (SHOULD be RIC Subscription Delete Failure with ricRequest request-id-unknown).',
  async run(ctx: NetworkContext, node) {
    const net = ctx.fixture;
    const since = Date.now();
    await node.session.link.sendRaw(malformedPdu);
    const fromNode = { link, dir: 'client-to-server', since } as const;
    const indication = await nextErrorIndication(net, fromNode, 2000);
    ctx.expect(indication !== undefined, {
      message: 'no Error Indication for a malformed PDU',
      expected: 'ErrorIndication within 2 s',
      observed: `${
        net.frames
          .all(fromNode)
          .map((f) => f.type)
          .join(', ') || 'nothing'
      }`,
      link,
      code: 'no-error-indication',
      trace: { at: [since] },
    });
    const cause = causeOf(indication.fields.cause) ?? 'none';
    ctx.should(cause.startsWith('protocol: ') && /syntax-error/.test(cause), {
      message: 'the Error Indication does not name a syntax error',
      expected: 'protocol: transfer-syntax-error (or an abstract-syntax-error)',
      observed: cause,
      link,
      code: 'wrong-cause',
      trace: { at: [indication.t] },
    });
    const closed = net
      .records()
      .filter((r) => r.kind === 'connection' && r.link === link && r.t >= since && r.event === 'close');
    ctx.expect(closed.length === 0 && node.session.link.state === 'ready', {
      message: 'the E2 link went down after a malformed PDU',
      expected: 'the link kept',
      observed: `link ${node.session.link.state}${closed.length ? `, closed at ${closed[0]!.t}` : ''}`,
      link,
      code: 'link-closed',
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
    const deleteCause = answerCause(answer) ?? 'none';
    const unknown = ricRequestCause(oran.common.v1.CauseRicRequest.CAUSE_RIC_REQUEST_REQUEST_ID_UNKNOWN);
    const refused = answer.type === 'oran.e2.v1.RicSubscriptionDeleteFailure';
    ctx.should(refused && deleteCause === unknown, {
      message: 'a delete of an unknown subscription is not refused with request-id-unknown',
      expected: `RicSubscriptionDeleteFailure (${unknown})`,
      observed: `${answer.type} (${deleteCause})`,
      link,
      code: refused ? 'wrong-cause' : 'not-refused',
      trace: { at: [answerAt(ctx, answer)] },
    });
  },
});
