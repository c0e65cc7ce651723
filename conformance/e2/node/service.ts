/**
 * RIC Service Query case (O-RAN.WG3.E2AP 8.3.5): the node answers with a RIC Service Update
 * offering the functions the RIC did not list as accepted.
 */
import type { NetworkContext } from '../../../src/conformance/index.js';
import { nodeE2Link as link, ricPeerInstance } from '../node-topology.js';
import { functionsText, kpmFunctionOf, nodeCase, offeredFunctions } from './support.js';

export const e2NodeServiceQuery = nodeCase({
  id: 'E2-SVC-010',
  title: 'RIC Service Query is answered by a RIC Service Update offering the functions not accepted',
  spec: 'O-RAN.WG3.E2AP 8.3.5 (RIC Service Query), 8.3.4 (RIC Service Update)',
  expectation:
    "The RIC sends RIC Service Query listing as accepted every RAN function of the node's E2 Setup except E2SM-KPM; within 2 s the node sends RIC Service Update whose RAN Functions Added include E2SM-KPM (same id, OID and revision as in E2 Setup), and SHOULD NOT add again a function the RIC listed as accepted.",
  async run(ctx: NetworkContext, node) {
    const fn = kpmFunctionOf(ctx, node);
    const kpmItem = node.functions.find((f) => f.id === fn)!;
    const accepted = node.functions.filter((f) => f.id !== fn);
    const since = Date.now();
    await node.session.send('oran.e2.v1.RicServiceQuery', {
      ranFunctionsAccepted: accepted.map((f) => ({ ranFunctionId: f.id, ranFunctionRevision: f.revision })),
    });
    // The test peer acknowledges the update (its default), so the node ends with KPM accepted again.
    const update = await ctx.fixture
      .peer(ricPeerInstance)
      .waitFor('oran.e2.v1.RicServiceUpdate', { since, timeoutMs: 2000 });
    ctx.expect(update !== undefined, {
      message: 'RIC Service Query not followed by RIC Service Update',
      expected: `RicServiceUpdate adding RAN function ${fn} within 2 s`,
      observed: 'nothing',
      link,
      code: 'missing-frame',
      trace: { at: [since] },
    });
    const added = offeredFunctions(update.message.ranFunctionsAdded);
    ctx.measure('serviceUpdateMs', update.at - since);
    ctx.expect(
      added.some((f) => f.id === fn && f.oid === kpmItem.oid && f.revision === kpmItem.revision),
      {
        message: 'the RIC Service Update does not offer the function the RIC did not accept',
        expected: `RAN Functions Added: ${functionsText([kpmItem])}`,
        observed: functionsText(added),
        link,
        code: 'wrong-field',
        trace: { at: [since, update.at] },
      },
    );
    const again = added.filter((f) => accepted.some((a) => a.id === f.id));
    ctx.should(again.length === 0, {
      message: 'the RIC Service Update adds again functions the RIC listed as accepted',
      expected: `RAN Functions Added without ${accepted.map((f) => f.id).join(', ')}`,
      observed: functionsText(added),
      link,
      code: 'wrong-field',
      trace: { at: [update.at] },
    });
  },
});
