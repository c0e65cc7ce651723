/**
 * E2 Setup cases (O-RAN.WG3.E2AP 8.3.1): every offered RAN function accounted for, a refusal
 * that says why and how long to wait, and a large setup answered rather than dropped.
 */
import { type NetworkContext, oran } from '../../../src/conformance/index.js';
import { causeOf } from '../e2ap.js';
import { kpmFunction, kpmFunctionId, rcFunction, rcFunctionId, unknownFunction } from '../e2sm.js';
import { ricE2Link } from '../ric-topology.js';
import { expectEveryFunctionAnswered, idList, rejectedText } from './ran-functions.js';
import { e2Setup, expectSetupAccepted, ricCase } from './support.js';

export const ricSetupAccountsForFunctions = ricCase({
  id: 'E2-SETUP-030',
  title: 'E2 Setup from a node offering KPM and RC: every RAN function is accepted or rejected with a cause',
  spec: 'O-RAN.WG3.E2AP 8.3.1, 9.1.2.2 (E2 SETUP RESPONSE)',
  expectation:
    'The node offers E2SM-KPM (id 2), E2SM-RC (id 3) and a function of an unknown service model (id 9). The RIC answers E2SetupResponse within 3 s carrying its Global RIC ID; each offered RAN Function ID is listed exactly once, in RAN Functions Accepted or in RAN Functions Rejected with a cause; E2SM-KPM is accepted; accepted items echo the offered revision (SHOULD).',
  async run(ctx: NetworkContext) {
    const offered = [kpmFunction(), rcFunction(), unknownFunction(9)];
    const asked = await e2Setup(ctx, offered);
    const { at, ms } = asked;
    expectSetupAccepted(ctx, asked, 'E2 Setup refused though the node offers E2SM-KPM');
    ctx.measure('setupMs', ms);
    const response = asked.answer.as('oran.e2.v1.E2SetupResponse');
    const here = { link: ricE2Link, trace: { at: [at] } };
    ctx.expect(!!response.globalRicId?.plmnId, {
      ...here,
      message: 'E2SetupResponse without a Global RIC ID',
      expected: 'Global RIC ID (PLMN Identity, near-RT RIC ID), mandatory in E2 SETUP RESPONSE',
      observed: JSON.stringify(response.globalRicId ?? null),
      code: 'wrong-field',
    });
    const ids = offered.map((f) => f.ranFunctionId ?? 0);
    const a = expectEveryFunctionAnswered(ctx, 'E2 Setup', ids, response, [at]);
    ctx.expect(a.accepted.includes(kpmFunctionId), {
      ...here,
      message: 'E2SM-KPM not accepted',
      expected: `RAN function ${kpmFunctionId} (${offered[0]!.ranFunctionOid}) accepted`,
      observed: `accepted ${idList(a.accepted)}, rejected ${rejectedText(response)}`,
      code: 'wrongly-refused',
    });
    const wrongRevision = response.ranFunctionsAccepted.filter(
      (f) =>
        (f.ranFunctionRevision ?? 0) !==
        (offered.find((o) => o.ranFunctionId === f.ranFunctionId)?.ranFunctionRevision ?? 0),
    );
    ctx.should(wrongRevision.length === 0, {
      message: 'accepted RAN functions do not echo the offered revision',
      expected: 'RAN Function Revision as offered (1)',
      observed: wrongRevision
        .map((f) => `${f.ranFunctionId}: revision ${f.ranFunctionRevision ?? 0}`)
        .join(', '),
      link: ricE2Link,
      code: 'wrong-field',
    });
  },
});

export const ricSetupRefusalSaysWhy = ricCase({
  id: 'E2-SETUP-031',
  title: 'A RIC that refuses an E2 node without KPM answers E2SetupFailure with a cause and a time to wait',
  spec: 'O-RAN.WG3.E2AP 8.3.1.3, 9.1.2.3 (E2 SETUP FAILURE)',
  expectation:
    'The node offers only E2SM-RC. A RIC may accept it (then RAN function 3 is accepted or rejected with a cause), or refuse the setup: then within 3 s with E2SetupFailure carrying a Cause and a Time To Wait, so the node neither retries at once nor gives up (OSC e2mgr answers v60s). E2AP marks Time To Wait optional; plugfest grades it a MUST for a refusal, as a retry storm is what it prevents.',
  async run(ctx: NetworkContext) {
    const { answer, at, ms } = await e2Setup(ctx, [rcFunction()]);
    ctx.measure('answerMs', ms);
    if (answer.type === 'oran.e2.v1.E2SetupResponse') {
      expectEveryFunctionAnswered(ctx, 'E2 Setup', [rcFunctionId], answer.as('oran.e2.v1.E2SetupResponse'), [
        at,
      ]);
      return;
    }
    const here = { link: ricE2Link, trace: { at: [at] } };
    ctx.expect(answer.type === 'oran.e2.v1.E2SetupFailure', {
      ...here,
      message: 'E2 Setup answered with neither E2SetupResponse nor E2SetupFailure',
      expected: 'E2SetupResponse or E2SetupFailure',
      observed: answer.type,
      code: 'wrong-answer',
    });
    const failure = answer.as('oran.e2.v1.E2SetupFailure');
    const cause = causeOf(failure.cause);
    ctx.expect(cause !== undefined, {
      ...here,
      message: 'E2SetupFailure without a cause',
      expected: 'a Cause (mandatory in E2 SETUP FAILURE)',
      observed: JSON.stringify(failure.cause ?? null),
      code: 'wrong-cause',
    });
    const wait = oran.e2.v1.TimeToWait[failure.timeToWait] ?? String(failure.timeToWait);
    ctx.expect(failure.timeToWait !== oran.e2.v1.TimeToWait.TIME_TO_WAIT_UNSPECIFIED, {
      ...here,
      message: 'E2SetupFailure without a time to wait',
      expected: 'Time To Wait v1s..v60s',
      observed: `${wait} (cause ${cause})`,
      code: 'wrong-field',
    });
    ctx.measure('timeToWait', failure.timeToWait);
  },
});

/** 512 RAN functions (ids 0..511): KPM, RC and unknown in turn, about 100 KiB of E2 Setup. */
const largeOffer = () =>
  Array.from({ length: 512 }, (_, id) =>
    id % 3 === 0 ? kpmFunction(id) : id % 3 === 1 ? rcFunction(id) : unknownFunction(id, 128),
  );
const largeSetupMustMs = 5000;
const largeSetupShouldMs = 1000;

export const ricLargeSetup = ricCase({
  id: 'E2-SETUP-032',
  title: 'A large E2 Setup (512 RAN functions, about 100 KiB) is answered, every function accounted for',
  spec: 'O-RAN.WG3.E2AP 8.3.1, 9.1.2.1 (maxofRANfunctionID 4096)',
  expectation: `The node offers 512 RAN functions (E2SM-KPM, E2SM-RC and an unknown model in turn), inside plugfest's wire limits (4096 elements, 1 MiB; OSC raised e2term's buffer to 128 KiB after large setups were lost). The RIC answers (not drops) within ${largeSetupMustMs / 1000} s (SHOULD within ${largeSetupShouldMs} ms), listing each of the 512 ids once as accepted or rejected with a cause.`,
  async run(ctx: NetworkContext) {
    const offered = largeOffer();
    const asked = await e2Setup(ctx, offered, largeSetupMustMs);
    const { at, ms } = asked;
    const request = ctx.fixture.frames.all({
      link: ricE2Link,
      type: 'oran.e2.v1.E2SetupRequest',
      since: at,
    })[0];
    ctx.measure('setupMs', ms);
    if (request) ctx.measure('requestBytes', request.size);
    expectSetupAccepted(
      ctx,
      asked,
      'the large E2 Setup was refused as a whole',
      'E2SetupResponse with the 512 functions accepted or rejected one by one',
    );
    const lists = asked.answer.as('oran.e2.v1.E2SetupResponse');
    const ids = offered.map((f) => f.ranFunctionId ?? 0);
    const a = expectEveryFunctionAnswered(ctx, 'large E2 Setup', ids, lists, [at]);
    ctx.measure('accepted', a.accepted.length);
    ctx.measure('rejected', a.rejected.length);
    ctx.should(ms <= largeSetupShouldMs, {
      message: 'the large E2 Setup was answered slowly',
      expected: `E2SetupResponse within ${largeSetupShouldMs} ms`,
      observed: `${ms} ms`,
      link: ricE2Link,
      code: 'too-late',
      trace: { at: [at] },
    });
  },
});
