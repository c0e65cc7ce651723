/**
 * RIC Service Update case (O-RAN.WG3.E2AP 8.3.3): the node adds, modifies and deletes RAN
 * functions after setup, and the RIC acknowledges each change.
 */
import { defineCase, type Network } from '../../../src/conformance/index.js';
import { kpmFunction, kpmFunctionId, peerGlobalE2NodeId, rcFunction, ricE2Link } from '../ric-topology.js';
import { causeText } from './causes.js';
import { expectEveryFunctionAnswered, idList } from './ran-functions.js';
import { acceptedSetup, ask, type Ctx, common, refusalOf } from './support.js';

export const ricServiceUpdate = defineCase<Network>({
  ...common,
  id: 'E2-SVC-030',
  title: 'RIC Service Update adding, modifying and deleting RAN functions is acknowledged',
  spec: 'O-RAN.WG3.E2AP 8.3.3, 9.1.2.7 - 9.1.2.8',
  expectation:
    'After an accepted E2 Setup (KPM 2, RC 3), the node sends three RIC Service Updates: add KPM function 5, modify function 2 to revision 2, delete function 5. Each is answered within 3 s with RicServiceUpdateAcknowledge (not a failure); added and modified functions are listed once as accepted or rejected with a cause, and being of the model the RIC accepted at setup they are accepted; the modified one echoes revision 2 (SHOULD); a deleted function is not rejected.',
  async run(ctx: Ctx) {
    await acceptedSetup(ctx, [kpmFunction(), rcFunction()]);
    const steps = [
      { what: 'add', update: { ranFunctionsAdded: [kpmFunction(5)] }, listed: [5] },
      {
        what: 'modify',
        update: { ranFunctionsModified: [kpmFunction(kpmFunctionId, 2)] },
        listed: [kpmFunctionId],
      },
      {
        what: 'delete',
        update: { ranFunctionsDeleted: [{ ranFunctionId: 5, ranFunctionRevision: 1 }] },
        listed: [],
      },
    ];
    for (const step of steps) {
      const { answer, at, ms } = await ask(ctx, 'oran.e2.v1.RicServiceUpdate', {
        globalE2NodeId: peerGlobalE2NodeId,
        ...step.update,
      });
      ctx.measure(`${step.what}Ms`, ms);
      const refusal = refusalOf(answer);
      ctx.expect(answer.type === 'oran.e2.v1.RicServiceUpdateAcknowledge', {
        message: `RIC Service Update (${step.what}) not acknowledged`,
        expected: 'RicServiceUpdateAcknowledge',
        observed: `${answer.type}${refusal ? ` (${refusal})` : ''}`,
        link: ricE2Link,
        ...(refusal ? { code: refusal } : {}),
        trace: { at: [at] },
      });
      const ack = answer.as('oran.e2.v1.RicServiceUpdateAcknowledge');
      if (step.listed.length === 0) {
        const refused = ack.ranFunctionsRejected.filter((f) => f.ranFunctionId === 5);
        ctx.expect(refused.length === 0, {
          message: 'RIC Service Update (delete): the deleted function is rejected',
          expected: 'function 5 deleted, not rejected',
          observed: refused.map((f) => `5 (${causeText(f.cause)})`).join(', '),
          link: ricE2Link,
          ...(refused[0] ? { code: causeText(refused[0].cause) } : {}),
          trace: { at: [at] },
        });
        continue;
      }
      const a = expectEveryFunctionAnswered(ctx, `RIC Service Update (${step.what})`, step.listed, ack, [at]);
      const notAccepted = step.listed.filter((id) => !a.accepted.includes(id));
      const firstCause = causeText(ack.ranFunctionsRejected[0]?.cause);
      ctx.expect(notAccepted.length === 0, {
        message: `RIC Service Update (${step.what}): an E2SM-KPM function is not accepted, though KPM was at setup`,
        expected: `accepted ${idList(step.listed)}`,
        observed: `rejected ${ack.ranFunctionsRejected.map((f) => `${f.ranFunctionId} (${causeText(f.cause)})`).join(', ')}`,
        link: ricE2Link,
        ...(firstCause ? { code: firstCause } : {}),
        trace: { at: [at] },
      });
      if (step.what === 'modify') {
        const revision =
          ack.ranFunctionsAccepted.find((f) => f.ranFunctionId === kpmFunctionId)?.ranFunctionRevision ?? 0;
        ctx.should(revision === 2, {
          message: 'RIC Service Update (modify): the accepted item does not carry the new revision',
          expected: `function ${kpmFunctionId} revision 2`,
          observed: `revision ${revision}`,
          link: ricE2Link,
          trace: { at: [at] },
        });
      }
    }
  },
});
