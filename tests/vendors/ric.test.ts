import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { oran } from '../../src/wire/index.js';
import { freePort, spawnVendor, type VendorProcess } from '../support/processes.js';
import {
  acknowledgeControl,
  cell,
  kpmFunction,
  quotaOf,
  rcFunction,
  reportingPeriodMs,
  ScriptedA1Consumer,
  ScriptedE2Node,
  subscribedMeasurements,
  unknownFunction,
} from './support-e2-node.js';

const vendors = join(import.meta.dirname, '../../vendors');
const { A1Problem, EnforceStatus, EnforceReason, InstanceStatus } = oran.a1.v1;
const { CauseRicRequest, CauseRicService, CauseMisc } = oran.common.v1;
const subscribedNames = [
  'DRB.UEThpDl',
  'DRB.UEThpUl',
  'RRU.PrbUsedDl',
  'RRU.PrbUsedUl',
  'RRU.PrbAvailDl',
  'RRC.ConnMean',
];

const running: VendorProcess[] = [];
const links: Array<{ close(): Promise<unknown> }> = [];
afterEach(async () => {
  await Promise.all(links.splice(0).map((l) => l.close().catch(() => {})));
  await Promise.all(running.splice(0).map((v) => v.stop()));
});

type RicVendor = 'sagebrush' | 'stillwater';

async function startRic(vendor: RicVendor, settings: Record<string, unknown> = {}) {
  const ric = spawnVendor(join(vendors, vendor, 'main.ts'), {
    instance: 'ric-1',
    vendor,
    role: 'near-rt-ric',
    listen: { e2: { port: await freePort() }, a1: { port: await freePort() } },
    settings: { kpmPeriodMs: 250, ...settings },
  });
  running.push(ric);
  const ready = await ric.ready;
  return { ric, e2Url: ready.listen.e2!, a1Url: ready.listen.a1! };
}

async function e2Node(url: string): Promise<ScriptedE2Node> {
  const node = await ScriptedE2Node.connect(url);
  links.push(node);
  return node;
}

async function a1Consumer(url: string): Promise<ScriptedA1Consumer> {
  const consumer = await ScriptedA1Consumer.connect(url);
  links.push(consumer);
  return consumer;
}

/** A node with KPM and RC, set up and subscribed; returns the admitted subscription. */
async function subscribedNode(url: string) {
  const node = await e2Node(url);
  await node.setup([kpmFunction(), rcFunction()]);
  const subscription = await node.admitSubscription();
  return { node, subscription };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const slicePolicy = (policyId: string, object: Record<string, unknown>) => ({
  policy: { policyTypeId: 21000, policyId, policyObject: JSON.stringify(object) },
});

describe.each(['sagebrush', 'stillwater'] as const)('%s: E2 termination', (vendor) => {
  it('accepts E2 Setup echoing the known RAN functions and rejects an unknown OID with its cause', async () => {
    const { ric, e2Url } = await startRic(vendor);
    const node = await e2Node(e2Url);
    const answer = await node.setup([kpmFunction(), rcFunction(), unknownFunction()]);

    expect(answer.type).toBe('oran.e2.v1.E2SetupResponse');
    const response = answer.message as oran.e2.v1.E2SetupResponse;
    expect(response.globalRicId?.plmnId).toBe('00101');
    expect(response.ranFunctionsAccepted.map((f) => [f.ranFunctionId, f.ranFunctionRevision])).toEqual([
      [2, 1],
      [3, 1],
    ]);
    expect(response.ranFunctionsRejected).toHaveLength(1);
    expect(response.ranFunctionsRejected[0]?.ranFunctionId).toBe(9);
    expect(response.ranFunctionsRejected[0]?.cause?.ricService).toBe(
      CauseRicService.CAUSE_RIC_SERVICE_RAN_FUNCTION_NOT_SUPPORTED,
    );
    const log = await ric.log((l) => l.msg === 'e2 setup accepted');
    expect(log).toMatchObject({ node: '00101:gnb-du:16', peer: 'du-1', rejected: [{ ranFunctionId: 9 }] });
  });

  it('rejects a RAN Function ID offered twice, once, with a semantic-error cause, and accepts the rest', async () => {
    const { ric, e2Url } = await startRic(vendor);
    const node = await e2Node(e2Url);
    const answer = await node.setup([
      kpmFunction(),
      rcFunction(),
      { ...rcFunction(), ranFunctionRevision: 2 },
    ]);
    expect(answer.type).toBe('oran.e2.v1.E2SetupResponse');
    const response = answer.message as oran.e2.v1.E2SetupResponse;
    expect(response.ranFunctionsAccepted.map((f) => f.ranFunctionId)).toEqual([2]);
    expect(response.ranFunctionsRejected.map((f) => f.ranFunctionId)).toEqual([3]);
    expect(response.ranFunctionsRejected[0]?.cause?.protocol).toBe(
      oran.common.v1.CauseProtocol.CAUSE_PROTOCOL_SEMANTIC_ERROR,
    );
    const log = await ric.log((l) => l.msg === 'e2 setup accepted');
    expect(log).toMatchObject({
      rejected: [{ ranFunctionId: 3, detail: 'RAN Function ID 3 offered 2 times' }],
    });
  });

  it('subscribes to KPM after setup with the configured period and measurement names', async () => {
    const { ric, e2Url } = await startRic(vendor, { kpmPeriodMs: 250 });
    const node = await e2Node(e2Url);
    await node.setup([kpmFunction(), rcFunction()]);
    const subscription = await node.admitSubscription();

    expect(subscription.message.ricRequestId?.ricRequestorId).toBe(1001);
    expect(subscription.message.ranFunctionId).toBe(2);
    expect(reportingPeriodMs(subscription)).toBe(250);
    expect(subscribedMeasurements(subscription)).toEqual(subscribedNames);
    const action = subscription.message.ricSubscriptionDetails?.ricActionToBeSetupList?.[0];
    expect(action?.ricActionType).toBe(oran.e2.v1.RicActionType.RIC_ACTION_TYPE_REPORT);
    const definition = oran.e2sm.kpm.v1.ActionDefinition.decode(action!.ricActionDefinition!);
    expect(definition.format1?.granularityPeriodMs).toBe(250);
    expect(definition.format1?.cellGlobalId).toMatchObject(cell);
    await ric.log((l) => l.msg === 'kpm subscribed' && l.periodMs === 250);
  });

  it('logs each KPM report with the measurement values by name and the node', async () => {
    const { ric, e2Url } = await startRic(vendor);
    const { node, subscription } = await subscribedNode(e2Url);
    await node.indicate(subscription, { sn: 7, values: { 'RRU.PrbUsedDl': 42.5, 'DRB.UEThpDl': 1200 } });
    const report = await ric.log((l) => l.msg === 'kpm report');
    expect(report).toMatchObject({
      node: '00101:gnb-du:16',
      sn: 7,
      senderName: 'du-1',
      measurements: { 'RRU.PrbUsedDl': 42.5, 'DRB.UEThpDl': 1200, 'RRC.ConnMean': 0 },
    });
  });

  it("resets on the node's request, forgets the subscription and subscribes again", async () => {
    const { ric, e2Url } = await startRic(vendor);
    const { node, subscription } = await subscribedNode(e2Url);
    const answer = await node.link.request('oran.e2.v1.ResetRequest', {
      cause: { misc: CauseMisc.CAUSE_MISC_OM_INTERVENTION },
    });
    expect(answer.type).toBe('oran.e2.v1.ResetResponse');
    const again = await node.admitSubscription();
    expect(again.message.ricRequestId?.ricInstanceId).not.toBe(
      subscription.message.ricRequestId?.ricInstanceId,
    );
    expect(await ric.log((l) => l.msg === 'e2 reset')).toMatchObject({
      initiatedBy: 'e2-node',
      cause: 'misc: om-intervention',
      dropped: 1,
    });

    // A report in flight for the old subscription is dropped quietly; one nobody made is refused.
    await node.indicate(subscription, { sn: 1, values: { 'RRU.PrbUsedDl': 10 } });
    await node.indicate(again, { sn: 2, values: { 'RRU.PrbUsedDl': 10 } });
    await ric.log((l) => l.msg === 'kpm report' && l.sn === 2);
    expect(ric.logs.filter((l) => l.msg === 'kpm report')).toHaveLength(1);
    expect(node.inbox.count('oran.e2.v1.ErrorIndication')).toBe(0);

    const made = {
      ...again,
      message: { ...again.message, ricRequestId: { ricRequestorId: 1001, ricInstanceId: 999 } },
    };
    await node.indicate(made as typeof again, { values: {} });
    const error = await node.next('oran.e2.v1.ErrorIndication');
    expect(error.message.cause?.ricRequest).toBe(CauseRicRequest.CAUSE_RIC_REQUEST_REQUEST_ID_UNKNOWN);
    expect(error.message.ricRequestId?.ricInstanceId).toBe(999);
    expect(node.inbox.count('oran.e2.v1.RicSubscriptionRequest')).toBe(2);
  });

  it('marks the node down when its link closes, and a new setup subscribes once', async () => {
    const { ric, e2Url } = await startRic(vendor);
    const first = await subscribedNode(e2Url);
    await first.node.close();
    expect(await ric.log((l) => l.msg === 'e2 node down')).toMatchObject({
      node: '00101:gnb-du:16',
      dropped: 1,
    });

    const node = await e2Node(e2Url);
    await node.setup([kpmFunction(), rcFunction()]);
    const subscription = await node.admitSubscription();
    await ric.log(
      (l) =>
        l.msg === 'kpm subscribed' &&
        l.ricRequestId === `1001/${subscription.message.ricRequestId?.ricInstanceId}`,
    );
    await pause(400);
    expect(node.inbox.count('oran.e2.v1.RicSubscriptionRequest')).toBe(1);
    expect(ric.logs.filter((l) => l.msg === 'e2 setup accepted').map((l) => l.again)).toEqual([false, true]);
  });

  it('deletes a subscription the node asks to remove (RIC Subscription Delete Required)', async () => {
    const { ric, e2Url } = await startRic(vendor);
    const { node, subscription } = await subscribedNode(e2Url);
    await node.link.send('oran.e2.v1.RicSubscriptionDeleteRequired', {
      ricSubscriptionsToBeRemoved: [
        {
          ricRequestId: subscription.message.ricRequestId,
          ranFunctionId: 2,
          cause: { ricRequest: CauseRicRequest.CAUSE_RIC_REQUEST_FUNCTION_RESOURCE_LIMIT },
        },
      ],
    });
    const deletion = await node.next('oran.e2.v1.RicSubscriptionDeleteRequest');
    expect(deletion.message.ricRequestId).toEqual(subscription.message.ricRequestId);
    await node.link.reply(deletion, 'oran.e2.v1.RicSubscriptionDeleteResponse', deletion.message);
    await ric.log((l) => l.msg === 'kpm subscription deleted');
  });

  it('acknowledges a RIC Service Update and logs an E2 Error Indication', async () => {
    const { ric, e2Url } = await startRic(vendor);
    const { node } = await subscribedNode(e2Url);
    const answer = await node.link.request('oran.e2.v1.RicServiceUpdate', {
      ranFunctionsAdded: [unknownFunction('1.2.3.4')],
      ranFunctionsModified: [kpmFunction()],
    });
    expect(answer.type).toBe('oran.e2.v1.RicServiceUpdateAcknowledge');
    const ack = answer.message as oran.e2.v1.RicServiceUpdateAcknowledge;
    expect(ack.ranFunctionsAccepted.map((f) => f.ranFunctionId)).toEqual([2]);
    expect(ack.ranFunctionsRejected.map((f) => f.ranFunctionId)).toEqual([9]);

    await node.link.send('oran.e2.v1.ErrorIndication', {
      cause: { ricRequest: CauseRicRequest.CAUSE_RIC_REQUEST_CONTROL_TIMER_EXPIRED },
    });
    expect(await ric.log((l) => l.msg === 'e2 error indication')).toMatchObject({
      node: '00101:gnb-du:16',
      cause: 'ric-request: control-timer-expired',
    });
  });
});

describe('sagebrush: closed-loop xApp', () => {
  it('caps the slice at 50 % with one RC control when DL PRB usage passes 70 %', async () => {
    const { ric, e2Url } = await startRic('sagebrush');
    const { node, subscription } = await subscribedNode(e2Url);
    await node.indicate(subscription, { sn: 1, values: { 'RRU.PrbUsedDl': 90 } });

    const control = await node.next('oran.e2.v1.RicControlRequest');
    expect(control.message.ricRequestId?.ricRequestorId).toBe(1002);
    expect(control.message.ranFunctionId).toBe(3);
    expect(control.message.ricControlAckRequest).toBe(
      oran.e2.v1.RicControlAckRequest.RIC_CONTROL_ACK_REQUEST_ACK,
    );
    const { header, quota, item } = quotaOf(control);
    expect(header).toMatchObject({ ricStyleType: 2, ricControlActionId: 6 });
    expect(quota?.cellGlobalId).toMatchObject(cell);
    expect(item).toMatchObject({
      snssai: { sst: 1, sd: '000001' },
      minPrbPolicyRatio: 0,
      maxPrbPolicyRatio: 50,
      dedicatedPrbPolicyRatio: 0,
    });
    await acknowledgeControl(node, control, 50);
    expect(await ric.log((l) => l.msg === 'rc control acknowledged')).toMatchObject({
      node: '00101:gnb-du:16',
      maxPrbRatio: 50,
      applied: [{ id: 11, value: 50 }],
    });
    expect(await ric.log((l) => l.msg === 'rc control sent')).toMatchObject({
      prbUsedDl: 90,
      thresholdPercent: 70,
    });

    // Still congested: the same quota is not sent again.
    await node.indicate(subscription, { sn: 2, values: { 'RRU.PrbUsedDl': 95 } });
    await node.indicate(subscription, { sn: 3, values: { 'RRU.PrbUsedDl': 88 } });
    await ric.log((l) => l.msg === 'kpm report' && l.sn === 3);
    await pause(200);
    expect(node.inbox.count('oran.e2.v1.RicControlRequest')).toBe(1);
  });

  it('logs a refused control with its cause', async () => {
    const { ric, e2Url } = await startRic('sagebrush');
    const { node, subscription } = await subscribedNode(e2Url);
    await node.indicate(subscription, { values: { 'RRU.PrbUsedDl': 90 } });
    const control = await node.next('oran.e2.v1.RicControlRequest');
    await node.link.reply(
      control,
      'oran.e2.v1.RicControlFailure',
      {
        ricRequestId: control.message.ricRequestId,
        ranFunctionId: 3,
        cause: { ricRequest: CauseRicRequest.CAUSE_RIC_REQUEST_CONTROL_MESSAGE_INVALID },
      },
      'unsuccessful',
    );
    expect(await ric.log((l) => l.msg === 'rc control failed')).toMatchObject({
      maxPrbRatio: 50,
      cause: 'ric-request: control-message-invalid',
    });
  });

  it('an A1 policy of type 21000 replaces the threshold and the cap', async () => {
    const { ric, e2Url, a1Url } = await startRic('sagebrush');
    const { node, subscription } = await subscribedNode(e2Url);
    await node.indicate(subscription, { sn: 1, values: { 'RRU.PrbUsedDl': 50 } });
    await ric.log((l) => l.msg === 'kpm report' && l.sn === 1);

    const smo = await a1Consumer(a1Url);
    const created = await smo.call(
      'oran.a1.v1.CreatePolicyRequest',
      slicePolicy('quota-1', { threshold: 40, maxPrbRatio: 30, sst: 1, sd: '000001' }),
    );
    expect(created.ok).toBe(true);
    expect((created.frame.message as oran.a1.v1.CreatePolicyResponse).result).toBe(
      oran.a1.v1.CreatePolicyResult.CREATE_POLICY_RESULT_CREATED,
    );
    const status = await smo.call('oran.a1.v1.GetPolicyStatusRequest', {
      policyTypeId: 21000,
      policyId: 'quota-1',
    });
    expect((status.frame.message as oran.a1.v1.GetPolicyStatusResponse).status).toMatchObject({
      enforceStatus: EnforceStatus.ENFORCE_STATUS_ENFORCED,
      instanceStatus: InstanceStatus.INSTANCE_STATUS_IN_EFFECT,
    });

    await node.indicate(subscription, { sn: 2, values: { 'RRU.PrbUsedDl': 50 } });
    const control = await node.next('oran.e2.v1.RicControlRequest');
    expect(quotaOf(control).item?.maxPrbPolicyRatio).toBe(30);
    expect(await ric.log((l) => l.msg === 'rc control sent')).toMatchObject({
      policyId: 'quota-1',
      thresholdPercent: 40,
      maxPrbRatio: 30,
      prbUsedDl: 50,
    });
    expect(node.inbox.count('oran.e2.v1.RicControlRequest')).toBe(1);
  });

  it('refuses a schema-invalid policy and the deletion of a type that has policies', async () => {
    const { a1Url } = await startRic('sagebrush');
    const smo = await a1Consumer(a1Url);
    const types = await smo.call('oran.a1.v1.ListPolicyTypesRequest', {});
    expect((types.frame.message as oran.a1.v1.ListPolicyTypesResponse).policyTypeIds).toEqual([21000]);

    const invalid = await smo.call(
      'oran.a1.v1.CreatePolicyRequest',
      slicePolicy('bad', { threshold: 40, maxPrbRatio: 0, sst: 1, sd: '000001', extra: true }),
    );
    expect(invalid.ok).toBe(false);
    expect(invalid.failure?.problem).toBe(A1Problem.A1_PROBLEM_POLICY_OBJECT_INVALID);
    expect(invalid.failure?.problemDetails?.status).toBe(400);
    expect(invalid.failure?.problemDetails?.detail).toMatch(/maxPrbRatio/);

    const ok = await smo.call(
      'oran.a1.v1.CreatePolicyRequest',
      slicePolicy('quota-1', { threshold: 40, maxPrbRatio: 30, sst: 1, sd: '000001' }),
    );
    expect(ok.ok).toBe(true);
    const refused = await smo.call('oran.a1.v1.DeletePolicyTypeRequest', { policyTypeId: 21000 });
    expect(refused.failure?.problem).toBe(A1Problem.A1_PROBLEM_POLICY_TYPE_HAS_POLICIES);

    const deleted = await smo.call('oran.a1.v1.DeletePolicyRequest', {
      policyTypeId: 21000,
      policyId: 'quota-1',
    });
    expect(deleted.ok).toBe(true);
    const status = await smo.call('oran.a1.v1.GetPolicyStatusRequest', {
      policyTypeId: 21000,
      policyId: 'quota-1',
    });
    expect((status.frame.message as oran.a1.v1.GetPolicyStatusResponse).status).toMatchObject({
      instanceStatus: InstanceStatus.INSTANCE_STATUS_NOT_IN_EFFECT,
      hasBeenDeleted: true,
    });
    await pause(1300);
    const gone = await smo.call('oran.a1.v1.GetPolicyRequest', { policyTypeId: 21000, policyId: 'quota-1' });
    expect(gone.failure?.problem).toBe(A1Problem.A1_PROBLEM_POLICY_NOT_FOUND);
    expect((await smo.call('oran.a1.v1.DeletePolicyTypeRequest', { policyTypeId: 21000 })).ok).toBe(true);
  });

  it('tells a new policy type from an identical one and refuses a conflicting one', async () => {
    const { a1Url } = await startRic('sagebrush');
    const smo = await a1Consumer(a1Url);
    const policyType = {
      policyTypeId: 30000,
      name: 'test.type',
      description: 'a test type',
      createSchema: JSON.stringify({ type: 'object', properties: { a: { type: 'integer' } } }),
    };
    const first = await smo.call('oran.a1.v1.CreatePolicyTypeRequest', { policyType });
    const second = await smo.call('oran.a1.v1.CreatePolicyTypeRequest', { policyType });
    const conflict = await smo.call('oran.a1.v1.CreatePolicyTypeRequest', {
      policyType: { ...policyType, createSchema: '{"type":"string"}' },
    });
    const { CreatePolicyTypeResult } = oran.a1.v1;
    expect((first.frame.message as oran.a1.v1.CreatePolicyTypeResponse).result).toBe(
      CreatePolicyTypeResult.CREATE_POLICY_TYPE_RESULT_CREATED,
    );
    expect((second.frame.message as oran.a1.v1.CreatePolicyTypeResponse).result).toBe(
      CreatePolicyTypeResult.CREATE_POLICY_TYPE_RESULT_UNCHANGED,
    );
    expect(conflict.failure?.problem).toBe(A1Problem.A1_PROBLEM_POLICY_TYPE_CONFLICT);

    // A slice the RAN is not configured with is out of scope.
    await smo.call(
      'oran.a1.v1.CreatePolicyRequest',
      slicePolicy('other', { threshold: 1, maxPrbRatio: 1, sst: 2, sd: 'abcdef' }),
    );
    const status = await smo.call('oran.a1.v1.GetPolicyStatusRequest', {
      policyTypeId: 21000,
      policyId: 'other',
    });
    expect((status.frame.message as oran.a1.v1.GetPolicyStatusResponse).status).toMatchObject({
      enforceStatus: EnforceStatus.ENFORCE_STATUS_NOT_ENFORCED,
      enforceReason: EnforceReason.ENFORCE_REASON_SCOPE_NOT_APPLICABLE,
    });
  });

  it('resets a node that refuses a fresh subscription as a duplicate, then subscribes again', async () => {
    const { ric, e2Url } = await startRic('sagebrush');
    const node = await e2Node(e2Url);
    await node.setup([kpmFunction(), rcFunction()]);
    const refused = await node.next('oran.e2.v1.RicSubscriptionRequest');
    await node.link.reply(
      refused,
      'oran.e2.v1.RicSubscriptionFailure',
      {
        ricRequestId: refused.message.ricRequestId,
        ranFunctionId: 2,
        cause: { ricRequest: CauseRicRequest.CAUSE_RIC_REQUEST_DUPLICATE_RIC_REQUEST_ID },
      },
      'unsuccessful',
    );
    const reset = await node.next('oran.e2.v1.ResetRequest');
    expect(reset.message.cause?.ricRequest).toBe(CauseRicRequest.CAUSE_RIC_REQUEST_DUPLICATE_RIC_REQUEST_ID);
    await node.link.reply(reset, 'oran.e2.v1.ResetResponse', {});
    await node.admitSubscription();
    expect(await ric.log((l) => l.msg === 'e2 reset')).toMatchObject({ initiatedBy: 'ric' });
    await ric.log((l) => l.msg === 'kpm subscribed');
  });

  it('accepts a node without KPM and subscribes to nothing', async () => {
    const { ric, e2Url } = await startRic('sagebrush');
    const node = await e2Node(e2Url);
    const answer = await node.setup([rcFunction()]);
    expect(answer.type).toBe('oran.e2.v1.E2SetupResponse');
    await ric.log((l) => l.msg === 'e2 setup accepted');
    await pause(300);
    expect(node.inbox.count('oran.e2.v1.RicSubscriptionRequest')).toBe(0);
  });
});

describe('stillwater: monitor only', () => {
  it('never sends a control, and notes the congestion instead', async () => {
    const { ric, e2Url } = await startRic('stillwater');
    const { node, subscription } = await subscribedNode(e2Url);
    await node.indicate(subscription, { sn: 1, values: { 'RRU.PrbUsedDl': 90 } });
    expect(await ric.log((l) => l.msg === 'prb congestion observed')).toMatchObject({ prbUsedDl: 90 });
    await node.indicate(subscription, { sn: 2, values: { 'RRU.PrbUsedDl': 40 } });
    await ric.log((l) => l.msg === 'prb congestion cleared');
    await pause(300);
    expect(node.inbox.count('oran.e2.v1.RicControlRequest')).toBe(0);
    expect(ric.logs.some((l) => typeof l.msg === 'string' && l.msg.startsWith('rc control'))).toBe(false);
  });

  it('refuses E2 Setup from a node without KPM, with time to wait v60s', async () => {
    const { ric, e2Url } = await startRic('stillwater');
    const node = await e2Node(e2Url);
    const answer = await node.setup([rcFunction()]);
    expect(answer.type).toBe('oran.e2.v1.E2SetupFailure');
    const refusal = answer.message as oran.e2.v1.E2SetupFailure;
    expect(refusal.cause?.ricService).toBe(CauseRicService.CAUSE_RIC_SERVICE_RAN_FUNCTION_NOT_SUPPORTED);
    expect(refusal.timeToWait).toBe(oran.e2.v1.TimeToWait.TIME_TO_WAIT_V60S);
    expect(await ric.log((l) => l.msg === 'e2 setup refused')).toMatchObject({
      timeToWait: 'v60s',
      peer: 'du-1',
    });
  });

  it('registers no policy type, and reports every policy NOT_ENFORCED / STATEMENT_NOT_APPLICABLE', async () => {
    const { a1Url } = await startRic('stillwater');
    const smo = await a1Consumer(a1Url);
    const types = await smo.call('oran.a1.v1.ListPolicyTypesRequest', {});
    expect((types.frame.message as oran.a1.v1.ListPolicyTypesResponse).policyTypeIds).toEqual([]);
    await smo.call('oran.a1.v1.CreatePolicyTypeRequest', {
      policyType: {
        policyTypeId: 21000,
        name: 'plugfest.slice-prb-quota',
        createSchema: JSON.stringify({ type: 'object', required: ['maxPrbRatio'] }),
      },
    });
    const created = await smo.call('oran.a1.v1.CreatePolicyRequest', slicePolicy('p1', { maxPrbRatio: 30 }));
    expect(created.ok).toBe(true);
    const status = await smo.call('oran.a1.v1.GetPolicyStatusRequest', {
      policyTypeId: 21000,
      policyId: 'p1',
    });
    expect((status.frame.message as oran.a1.v1.GetPolicyStatusResponse).status).toMatchObject({
      enforceStatus: EnforceStatus.ENFORCE_STATUS_NOT_ENFORCED,
      enforceReason: EnforceReason.ENFORCE_REASON_STATEMENT_NOT_APPLICABLE,
      instanceStatus: InstanceStatus.INSTANCE_STATUS_NOT_IN_EFFECT,
    });
  });
});
