/**
 * RIC Subscription cases (O-RAN.WG3.E2AP 8.2.1 - 8.2.3, E2SM-KPM REPORT): an admitted subscription
 * reports at its period with the subscribed measurements, and its deletion stops the indications.
 */
import { defineCase, type Network, oran } from '../../../src/conformance/index.js';
import { nodeE2Link as link, ricPeerInstance } from '../node-topology.js';
import { type Cause, causeText } from './causes.js';
import {
  indicationsOf,
  measNames,
  periodMs,
  reportedNames,
  subscribeKpm,
  tracedId,
  unsubscribe,
} from './kpm.js';
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

const { RicIndicationType } = oran.e2.v1;

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
