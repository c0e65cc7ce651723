/**
 * Reset case (O-RAN.WG3.E2AP 8.3.2, RIC initiated): the node answers and releases its subscriptions.
 */
import { defineCase, type Network, oran } from '../../../src/conformance/index.js';
import { nodeE2Link as link, ricPeerInstance } from '../node-topology.js';
import { periodMs, subscribeKpm, tracedId, unsubscribe } from './kpm.js';
import { answerAt, answered, answerMs, type Ctx, common, idText, sameId, setUpNode } from './support.js';

const { CauseMisc } = oran.common.v1;

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
