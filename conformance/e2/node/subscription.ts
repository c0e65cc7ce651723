/**
 * RIC Subscription cases (O-RAN.WG3.E2AP 8.2.1 - 8.2.3, E2SM-KPM REPORT): an admitted subscription
 * reports at its period with the subscribed measurements, and its deletion stops the indications.
 */
import { type NetworkContext, oran } from '../../../src/conformance/index.js';
import { answerText, requestIdText, sameRequestId } from '../e2ap.js';
import { nodeE2Link as link } from '../node-topology.js';
import { expectReportingPeriod, expectTimely, withTimerLag } from '../reporting.js';
import {
  expectNoIndicationsAfter,
  firstReportMs,
  indicationsOf,
  measNames,
  periodMs,
  reportedNames,
  subscribeKpm,
  subscriberCase,
} from './kpm.js';
import { answerAt, answered, answerMs, kpmFunctionOf } from './support.js';

const { RicIndicationType } = oran.e2.v1;

export const e2NodeKpmPeriod = subscriberCase({
  id: 'E2-SUB-010',
  requestor: 1011,
  title:
    'A KPM REPORT subscription delivers RIC Indications at its reporting period with the subscribed measurements',
  spec: 'O-RAN.WG3.E2AP 8.2.1, 8.2.3; O-RAN.WG3.E2SM-KPM event trigger format 1, action format 1, indication format 1',
  expectation: `After the node admits a RIC Subscription (E2SM-KPM, periodic ${periodMs} ms, REPORT style 1 with ${measNames.join(', ')}), it sends RIC Indications of type REPORT for that RIC Request ID, RAN Function and action: the first within 2 periods + 300 ms, their mean interval the period within 50 % (MUST) and within 20 % (SHOULD), each carrying every subscribed measurement name.`,
  async run(ctx: NetworkContext, node, id) {
    const since = Date.now();
    await subscribeKpm(ctx, node, id);
    const { lagMs } = await withTimerLag(ctx.sleep(periodMs * 8 + 300));
    const indications = indicationsOf(ctx, id, since);
    ctx.measure('indications', indications.length);
    const reporting = { times: indications.map((m) => m.at), periodMs, lagMs, link };
    expectReportingPeriod(ctx, reporting, `within ${periodMs * 8 + 300} ms (one per ${periodMs} ms)`);
    const first = indications[0]!.at - since;
    ctx.measure('firstIndicationMs', first);
    expectTimely(ctx, reporting, first <= firstReportMs, {
      message: 'the first RIC Indication came late',
      expected: `<= ${firstReportMs} ms after the subscription`,
      observed: `${first} ms`,
      link,
      code: 'too-late',
      trace: { at: [since, indications[0]!.at] },
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
          code: missing.length ? 'kpm-measurement' : 'wrong-field',
          trace: { at: [at] },
        },
      );
    }
  },
});

export const e2NodeSubscriptionDelete = subscriberCase({
  id: 'E2-SUB-015',
  requestor: 1016,
  reporting: true,
  title: 'RIC Subscription Delete is answered and the indications of that subscription stop',
  spec: 'O-RAN.WG3.E2AP 8.2.2',
  expectation:
    'For an active KPM subscription, RIC Subscription Delete Request is answered within 2 s by RIC Subscription Delete Response echoing the RIC Request ID and RAN Function ID; no RIC Indication for that RIC Request ID follows the response on the link (watched for 3 periods).',
  async run(ctx: NetworkContext, node, id) {
    const answer = await answered(
      ctx,
      `RIC Subscription Delete ${requestIdText(id)}`,
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
      observed: answerText(answer),
      link,
      code: 'wrongly-refused',
      trace: { at: [at] },
    });
    const response = answer.as('oran.e2.v1.RicSubscriptionDeleteResponse');
    ctx.expect(sameRequestId(response.ricRequestId, id) && response.ranFunctionId === node.kpmFunctionId, {
      message: 'the delete response does not echo the subscription',
      expected: `RIC Request ID ${requestIdText(id)}, RAN function ${node.kpmFunctionId}`,
      observed: `${requestIdText(response.ricRequestId)}, RAN function ${response.ranFunctionId}`,
      link,
      code: 'wrong-field',
      trace: { at: [at] },
    });
    await expectNoIndicationsAfter(ctx, id, at, 'Delete');
  },
});
