/**
 * Error handling case (O-RAN.WG3.E2AP 8.3.3, 10): a malformed PDU gets an Error Indication, the E2
 * link stays up, and the node goes on answering on it.
 */
import { defineCase, type Network, oran } from '../../../src/conformance/index.js';
import { nodeE2Link as link } from '../node-topology.js';
import { type Cause, causeText, ricRequestCause } from './causes.js';
import { answerAt, answered, answerMs, type Ctx, common, setUpNode } from './support.js';

const { CauseRicRequest } = oran.common.v1;

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
