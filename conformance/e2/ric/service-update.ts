/**
 * RIC Service Update case (O-RAN.WG3.E2AP 8.3.3): the node adds, modifies and deletes RAN
 * functions after setup, and the RIC acknowledges each change.
 */
import type { NetworkContext } from '../../../src/conformance/index.js';
import { answerText, causeOf } from '../e2ap.js';
import { kpmFunction, kpmFunctionId, peerGlobalE2NodeId } from '../e2sm.js';
import { ricE2Link } from '../ric-topology.js';
import { expectEveryFunctionAnswered, idList, rejectedText } from './ran-functions.js';
import { ask, setUpCase } from './support.js';

export const ricServiceUpdate = setUpCase({
  id: 'E2-SVC-030',
  title: 'RIC Service Update adding, modifying and deleting RAN functions is acknowledged',
  spec: 'O-RAN.WG3.E2AP 8.3.3, 9.1.2.7 - 9.1.2.8',
  expectation:
    'After an accepted E2 Setup (KPM 2, RC 3), the node sends three RIC Service Updates: add KPM function 5, modify function 2 to revision 2, delete function 5. Each is answered within 3 s with RicServiceUpdateAcknowledge (not a failure); added and modified functions are listed once as accepted or rejected with a cause, and being of the model the RIC accepted at setup they are accepted; the modified one echoes revision 2 (SHOULD); a deleted function is not rejected.',
  async run(ctx: NetworkContext) {
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
      const here = { link: ricE2Link, trace: { at: [at] } };
      ctx.expect(answer.type === 'oran.e2.v1.RicServiceUpdateAcknowledge', {
        ...here,
        message: `RIC Service Update (${step.what}) not acknowledged`,
        expected: 'RicServiceUpdateAcknowledge',
        observed: answerText(answer),
        code: 'wrongly-refused',
      });
      const ack = answer.as('oran.e2.v1.RicServiceUpdateAcknowledge');
      if (step.listed.length === 0) {
        const refused = ack.ranFunctionsRejected.filter((f) => f.ranFunctionId === 5);
        ctx.expect(refused.length === 0, {
          ...here,
          message: 'RIC Service Update (delete): the deleted function is rejected',
          expected: 'function 5 deleted, not rejected',
          observed: refused.map((f) => `5 (${causeOf(f.cause) ?? 'no cause'})`).join(', '),
          code: 'wrongly-refused',
        });
        continue;
      }
      const a = expectEveryFunctionAnswered(ctx, `RIC Service Update (${step.what})`, step.listed, ack, [at]);
      const notAccepted = step.listed.filter((id) => !a.accepted.includes(id));
      ctx.expect(notAccepted.length === 0, {
        ...here,
        message: `RIC Service Update (${step.what}): an E2SM-KPM function is not accepted, though KPM was at setup`,
        expected: `accepted ${idList(step.listed)}`,
        observed: `rejected ${rejectedText(ack)}`,
        code: 'wrongly-refused',
      });
      if (step.what === 'modify') {
        const revision =
          ack.ranFunctionsAccepted.find((f) => f.ranFunctionId === kpmFunctionId)?.ranFunctionRevision ?? 0;
        ctx.should(revision === 2, {
          ...here,
          message: 'RIC Service Update (modify): the accepted item does not carry the new revision',
          expected: `function ${kpmFunctionId} revision 2`,
          observed: `revision ${revision}`,
          code: 'wrong-field',
        });
      }
    }
  },
});
