/**
 * E2 interoperability cases (O-RAN.WG3.E2AP, E2SM-KPM): an O-DU against a near-RT RIC,
 * observed through the relay on their E2 link. Both only observe, so they share one network.
 */
import {
  type CaseDefinition,
  defineSuite,
  expectAnswer,
  expectFrame,
  type Network,
  type NetworkContext,
  type TypedFrame,
} from '../../src/conformance/index.js';
import { sameRequestId } from './e2ap.js';
import { kpmFunctionId, reportingPeriodOf } from './e2sm.js';
import { expectReportingPeriod, withTimerLag } from './reporting.js';
import { e2Link, e2Topology } from './topology.js';

/** An interop case of the O-DU and the RIC; on e2Topology, shared, unless it says otherwise. */
export const interopCase = defineSuite({
  suite: 'e2',
  interface: 'e2',
  mode: 'interop',
  roles: ['o-du', 'near-rt-ric'],
  topology: e2Topology,
  isolation: 'shared',
});

export const e2SetupEchoesFunctions = interopCase({
  id: 'E2-SETUP-001',
  title: 'E2 Setup succeeds and every RAN function offered is accepted or rejected with a cause',
  spec: 'O-RAN.WG3.E2AP 8.3.1',
  expectation:
    'The E2 node sends E2 Setup Request with its RAN functions; the RIC answers E2 Setup Response on the same transaction, listing each offered RAN Function ID as accepted or rejected (with a cause); E2SM-KPM is accepted.',
  async run(ctx: NetworkContext) {
    const request = await expectFrame(ctx, { link: e2Link, type: 'oran.e2.v1.E2SetupRequest' }, 10_000, {
      message: 'no E2 Setup Request within 10 s',
      code: 'no-e2-setup',
    });
    const answer = await expectAnswer(ctx, request, 5000);
    ctx.expect(answer.type === 'oran.e2.v1.E2SetupResponse', {
      message: 'E2 Setup refused',
      expected: 'E2SetupResponse',
      observed: `${answer.type} ${JSON.stringify(answer.fields ?? {})}`,
      link: e2Link,
      code: 'e2-setup-refused',
      trace: { at: [request.t, answer.t] },
    });
    const [response] = ctx.fixture.frames.all({
      link: e2Link,
      type: 'oran.e2.v1.E2SetupResponse',
      tx: answer.tx,
      since: answer.t,
    });
    const offered = (request.fields.ranFunctionsAdded ?? []).map((f) => f.ranFunctionId ?? 0);
    const accepted = (response?.fields.ranFunctionsAccepted ?? []).map((f) => f.ranFunctionId ?? 0);
    const rejected = (response?.fields.ranFunctionsRejected ?? []).map((f) => f.ranFunctionId ?? 0);
    const unanswered = offered.filter((id) => !accepted.includes(id) && !rejected.includes(id));
    ctx.expect(unanswered.length === 0, {
      message: 'RAN functions offered but neither accepted nor rejected',
      expected: `every one of [${offered.join(', ')}] accepted or rejected`,
      observed: `missing [${unanswered.join(', ')}]`,
      link: e2Link,
      code: 'ran-function-unaccounted',
      trace: { at: [answer.t] },
    });
    ctx.expect(accepted.includes(kpmFunctionId), {
      message: `E2SM-KPM (RAN function ${kpmFunctionId}) not accepted`,
      expected: `accepted [${kpmFunctionId}, ...]`,
      observed: `accepted [${accepted.join(', ')}]`,
      link: e2Link,
      code: 'wrongly-refused',
    });
    ctx.measure('setupMs', answer.t - request.t);
  },
});

export const e2KpmReportPeriod = interopCase({
  id: 'E2-SUB-001',
  title: 'A KPM REPORT subscription delivers indications at its reporting period',
  spec: 'O-RAN.WG3.E2AP 8.2.1, 8.2.3; O-RAN.WG3.E2SM-KPM event trigger format 1',
  expectation:
    'After a successful RIC Subscription with a periodic event trigger, the E2 node sends RIC Indications (REPORT) for that RIC Request ID; their mean interval is the reporting period within 20 % (MUST be within 50 %), each carrying the subscribed measurements.',
  async run(ctx: NetworkContext) {
    const subscribed = { link: e2Link, type: 'oran.e2.v1.RicSubscriptionResponse' } as const;
    const response = await expectFrame(ctx, subscribed, 15_000, {
      message: 'no successful RIC Subscription within 15 s',
      code: 'no-subscription',
    });
    const net = ctx.fixture;
    const request = net.frames.all({
      ...subscribed,
      type: 'oran.e2.v1.RicSubscriptionRequest',
      tx: response.tx,
    })[0];
    const trigger = request?.fields.ricSubscriptionDetails?.ricEventTriggerDefinition;
    const period = reportingPeriodOf(trigger);
    if (period === undefined || period <= 0) {
      ctx.cannotGrade({
        message: 'harness could not read a periodic event trigger in the subscription',
        expected: 'an E2SM-KPM event trigger format 1 with reportingPeriodMs > 0',
        observed: trigger ? `reportingPeriodMs ${period ?? 'absent'}` : 'no event trigger in the trace',
        link: e2Link,
      });
    }
    const mine = { link: e2Link, type: 'oran.e2.v1.RicIndication', since: response.t } as const;
    const where = (f: TypedFrame<'oran.e2.v1.RicIndication'>) =>
      sameRequestId(f.fields.ricRequestId, response.fields.ricRequestId);
    const fourth = net.frames.next({ ...mine, since: response.t + period * 4, where }, period * 8 + 5000);
    const { lagMs } = await withTimerLag(fourth);
    const indications = net.frames.all({ ...mine, where });
    const times = indications.map((f) => f.t);
    expectReportingPeriod(ctx, { times, periodMs: period, lagMs, link: e2Link }, 'within 8 periods');
    const decoded = indications.at(-1)!.fields.ricIndicationMessageDecoded;
    const names =
      decoded && !('error' in decoded) ? (decoded.format1?.measInfoList ?? []).map((m) => m.measName) : [];
    ctx.expect(names.includes('RRU.PrbUsedDl'), {
      message: 'RRU.PrbUsedDl missing from the report',
      expected: 'RRU.PrbUsedDl',
      observed: names.join(', ') || 'no decodable measurement',
      link: e2Link,
      code: 'kpm-measurement',
    });
  },
});

export const e2Cases: CaseDefinition<Network>[] = [e2SetupEchoesFunctions, e2KpmReportPeriod];
