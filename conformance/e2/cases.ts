/**
 * E2 interoperability cases (O-RAN.WG3.E2AP, E2SM-KPM, E2SM-RC): an O-DU against a near-RT RIC,
 * observed through the relay on their E2 link.
 */
import {
  type CaseContext,
  type CaseDefinition,
  defineCase,
  type FrameRecord,
  type Network,
} from '../../src/conformance/index.js';
import { e2Link, e2Topology } from './topology.js';

const common = {
  suite: 'e2',
  interface: 'e2' as const,
  mode: 'interop' as const,
  roles: ['o-du', 'near-rt-ric'] as const,
  topology: e2Topology,
};

interface KpmFields {
  ricRequestId?: { ricRequestorId?: number; ricInstanceId?: number };
  ricIndicationMessageDecoded?: {
    format1?: {
      measInfoList?: Array<{ measName: string }>;
      measData?: Array<{ measRecord?: Array<{ integer?: number; real?: number }> }>;
    };
  };
}

function kpm(frame: FrameRecord): Record<string, number> {
  const format1 = (frame.fields as KpmFields | undefined)?.ricIndicationMessageDecoded?.format1;
  const records = format1?.measData?.[0]?.measRecord ?? [];
  return Object.fromEntries(
    (format1?.measInfoList ?? []).map((m, i) => [
      m.measName,
      records[i]?.real ?? records[i]?.integer ?? Number.NaN,
    ]),
  );
}

export const e2SetupEchoesFunctions = defineCase<Network>({
  ...common,
  id: 'E2-SETUP-001',
  title: 'E2 Setup succeeds and every RAN function offered is accepted or rejected with a cause',
  spec: 'O-RAN.WG3.E2AP 8.3.1',
  expectation:
    'The E2 node sends E2 Setup Request with its RAN functions; the RIC answers E2 Setup Response on the same transaction, listing each offered RAN Function ID as accepted or rejected (with a cause); E2SM-KPM is accepted.',
  async run(ctx: CaseContext<Network>) {
    const net = ctx.fixture;
    const request = await net.waitForFrame({ link: e2Link, type: 'oran.e2.v1.E2SetupRequest' }, 10_000);
    ctx.expect(request !== undefined, {
      message: 'no E2 Setup Request within 10 s',
      expected: 'E2SetupRequest from du-1',
      observed: 'nothing',
      link: e2Link,
    });
    const answer = await net.waitForFrame(
      { link: e2Link, dir: 'server-to-client', where: (f) => f.tx === request.tx && f.pdu !== 'initiating' },
      5000,
    );
    ctx.expect(answer !== undefined, {
      message: 'E2 Setup Request unanswered',
      expected: 'E2SetupResponse or E2SetupFailure',
      observed: 'nothing within 5 s',
      link: e2Link,
      trace: { at: [request.t] },
    });
    ctx.expect(answer.type === 'oran.e2.v1.E2SetupResponse', {
      message: 'E2 Setup refused',
      expected: 'E2SetupResponse',
      observed: `${answer.type} ${JSON.stringify(answer.fields ?? {})}`,
      link: e2Link,
      trace: { at: [request.t, answer.t] },
    });
    const offered = (
      (request.fields?.ranFunctionsAdded ?? []) as Array<{ ranFunctionId?: number; ranFunctionOid?: string }>
    ).map((f) => f.ranFunctionId ?? 0);
    const accepted = ((answer.fields?.ranFunctionsAccepted ?? []) as Array<{ ranFunctionId?: number }>).map(
      (f) => f.ranFunctionId ?? 0,
    );
    const rejected = (
      (answer.fields?.ranFunctionsRejected ?? []) as Array<{ ranFunctionId?: number; cause?: unknown }>
    ).map((f) => f.ranFunctionId ?? 0);
    const unanswered = offered.filter((id) => !accepted.includes(id) && !rejected.includes(id));
    ctx.expect(unanswered.length === 0, {
      message: 'RAN functions offered but neither accepted nor rejected',
      expected: `every one of [${offered.join(', ')}] accepted or rejected`,
      observed: `missing [${unanswered.join(', ')}]`,
      link: e2Link,
      trace: { at: [answer.t] },
    });
    ctx.expect(accepted.includes(2), {
      message: 'E2SM-KPM (RAN function 2) not accepted',
      expected: 'accepted [2, ...]',
      observed: `accepted [${accepted.join(', ')}]`,
      link: e2Link,
    });
    ctx.measure('setupMs', answer.t - request.t);
  },
});

export const e2KpmReportPeriod = defineCase<Network>({
  ...common,
  id: 'E2-SUB-001',
  title: 'A KPM REPORT subscription delivers indications at its reporting period',
  spec: 'O-RAN.WG3.E2AP 8.2.1, 8.2.3; O-RAN.WG3.E2SM-KPM event trigger format 1',
  expectation:
    'After a successful RIC Subscription with a periodic event trigger, the E2 node sends RIC Indications (REPORT) for that RIC Request ID; their mean interval is the reporting period within 20 % (MUST be within 50 %), each carrying the subscribed measurements.',
  async run(ctx: CaseContext<Network>) {
    const net = ctx.fixture;
    const response = await net.waitForFrame(
      { link: e2Link, type: 'oran.e2.v1.RicSubscriptionResponse' },
      15_000,
    );
    ctx.expect(response !== undefined, {
      message: 'no successful RIC Subscription within 15 s',
      expected: 'RicSubscriptionResponse',
      observed: 'nothing',
      link: e2Link,
    });
    const request = net
      .frames({ link: e2Link, type: 'oran.e2.v1.RicSubscriptionRequest' })
      .find((f) => f.tx === response.tx);
    const trigger = (
      request?.fields as
        | {
            ricSubscriptionDetails?: {
              ricEventTriggerDefinitionDecoded?: { format1?: { reportingPeriodMs?: number } };
            };
          }
        | undefined
    )?.ricSubscriptionDetails?.ricEventTriggerDefinitionDecoded?.format1?.reportingPeriodMs;
    ctx.expect(trigger !== undefined && trigger > 0, {
      message: 'the subscription has no periodic event trigger the trace can read',
      link: e2Link,
    });
    const id = JSON.stringify((response.fields as KpmFields).ricRequestId);
    const mine = (f: FrameRecord) => JSON.stringify((f.fields as KpmFields).ricRequestId) === id;
    await net.waitForFrame(
      { link: e2Link, type: 'oran.e2.v1.RicIndication', since: response.t + trigger * 4, where: mine },
      trigger * 8 + 5000,
    );
    const indications = net.frames({
      link: e2Link,
      type: 'oran.e2.v1.RicIndication',
      since: response.t,
      where: mine,
    });
    ctx.expect(indications.length >= 4, {
      message: 'too few indications',
      expected: '>= 4 within 8 periods',
      observed: String(indications.length),
      link: e2Link,
    });
    const intervals = indications.slice(1).map((f, i) => f.t - indications[i]!.t);
    const mean = intervals.reduce((a, b) => a + b, 0) / intervals.length;
    ctx.measure('reportingPeriodMs', trigger);
    ctx.measure('meanIntervalMs', Math.round(mean));
    ctx.expect(Math.abs(mean - trigger) <= trigger * 0.5, {
      message: 'indications far off their period',
      expected: `${trigger} ms +/- 50 %`,
      observed: `${Math.round(mean)} ms`,
      link: e2Link,
    });
    ctx.should(Math.abs(mean - trigger) <= trigger * 0.2, {
      message: 'indications off their period',
      expected: `${trigger} ms +/- 20 %`,
      observed: `${Math.round(mean)} ms`,
      link: e2Link,
    });
    const names = Object.keys(kpm(indications.at(-1)!));
    ctx.expect(names.includes('RRU.PrbUsedDl'), {
      message: 'RRU.PrbUsedDl missing from the report',
      expected: 'RRU.PrbUsedDl',
      observed: names.join(', ') || 'no decodable measurement',
      link: e2Link,
    });
  },
});

export const e2Cases: CaseDefinition<Network>[] = [e2SetupEchoesFunctions, e2KpmReportPeriod];
