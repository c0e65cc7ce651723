/**
 * Reset case (O-RAN.WG3.E2AP 8.3.2, RIC initiated): the node answers and releases its subscriptions.
 */
import { type NetworkContext, oran } from '../../../src/conformance/index.js';
import { nodeE2Link as link } from '../node-topology.js';
import { expectNoIndicationsAfter, subscribeKpm, subscriberCase } from './kpm.js';
import { answerAt, answered, answerMs } from './support.js';

export const e2NodeReset = subscriberCase({
  id: 'E2-RESET-010',
  requestor: 1040,
  reporting: true,
  title: "Reset is answered and clears the node's subscriptions",
  spec: 'O-RAN.WG3.E2AP 8.3.2 (Reset)',
  expectation:
    'With a KPM subscription active, a Reset Request from the RIC is answered within 2 s by Reset Response; no RIC Indication for that subscription follows the response (watched for 3 periods), and a new subscription with the same RIC Request ID is admitted (its context was released).',
  // An E2 Reset: the node's state after it is not the one the network started with.
  isolation: 'fresh',
  async run(ctx: NetworkContext, node, id) {
    const answer = await answered(
      ctx,
      'Reset Request',
      'ResetResponse within 2 s',
      node.session.request(
        'oran.e2.v1.ResetRequest',
        { cause: { misc: oran.common.v1.CauseMisc.CAUSE_MISC_OM_INTERVENTION } },
        { timeoutMs: answerMs },
      ),
    );
    const at = answerAt(ctx, answer);
    ctx.expect(answer.type === 'oran.e2.v1.ResetResponse', {
      message: 'Reset not answered by Reset Response',
      expected: 'ResetResponse',
      observed: answer.type,
      link,
      code: 'wrong-answer',
      trace: { at: [at] },
    });
    await expectNoIndicationsAfter(ctx, id, at, 'Reset');
    await subscribeKpm(ctx, node, id);
  },
});
