/**
 * The built-in O-DUs (cellwright, baseloom) as real processes, driven by scripted O-RUs and a
 * scripted near-RT RIC on loopback: the M-plane start-up, supervision, CU-plane, UL and loopback
 * EVM, E2 Setup, KPM subscriptions and RC control, and what happens when one O-RU cannot be used.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { type Frame, oran } from '../../src/wire/index.js';
import { until } from '../support/links.js';
import type { VendorProcess } from '../support/processes.js';
import {
  briefMeasurements,
  du1Cell,
  korimoLike,
  kpmSubscription,
  kpmValues,
  ruvelloLike,
  type ScriptedRic,
  type ScriptedRu,
  scriptedRic,
  scriptedRu,
  sliceQuotaControl,
  spawnODu,
  testSettings,
} from './support-o-du.js';

const mp = oran.fronthaul.mplane.v1;
const cu = oran.fronthaul.cuplane.v1;
const { CauseRicRequest } = oran.common.v1;

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((c) => c()));
});

async function ru(
  instance: string,
  profile = ruvelloLike,
  options: Parameters<typeof scriptedRu>[2] = {},
): Promise<ScriptedRu> {
  const peer = await scriptedRu(instance, profile, options);
  cleanups.push(() => peer.close());
  return peer;
}

async function ric(): Promise<ScriptedRic> {
  const peer = await scriptedRic();
  cleanups.push(() => peer.close());
  return peer;
}

function du(...args: Parameters<typeof spawnODu>): VendorProcess {
  const process = spawnODu(...args);
  cleanups.push(() => process.stop());
  return process;
}

const byMsg =
  (msg: string, extra: (l: Record<string, unknown>) => boolean = () => true) =>
  (l: Record<string, unknown>) =>
    l.msg === msg && extra(l);

/** Subscribes to KPM through the scripted RIC once the O-DU's E2 Setup is done. */
async function subscribe(peer: ScriptedRic, request: ReturnType<typeof kpmSubscription>): Promise<Frame> {
  await until(() => peer.setups.length > 0, 10_000, 'E2 Setup');
  return peer.link().request('oran.e2.v1.RicSubscriptionRequest', request);
}

function causeOf(frame: Frame): unknown {
  return (frame.message as { cause?: unknown }).cause;
}

describe('O-DU fronthaul M-plane', () => {
  it('retrieves capabilities, edits the negotiated carriers, then activates them', async () => {
    const ru1 = await ru('ru-1');
    const process = du('cellwright', { rus: [ru1] });
    await process.log(
      byMsg('carrier active', (l) => l.carrier === 'rx-ru-1'),
      10_000,
    );

    const order = ru1.mplane.map((r) => r.type.replace('oran.fronthaul.mplane.v1.', ''));
    const at = (type: string) => order.indexOf(type);
    expect(at('GetCapabilitiesRequest')).toBe(0);
    expect(at('GetCapabilitiesRequest')).toBeLessThan(at('EditConfigRequest'));
    expect(at('SubscribeNotificationsRequest')).toBeLessThan(at('EditConfigRequest'));
    expect(at('EditConfigRequest')).toBeLessThan(at('SetCarrierStateRequest'));
    // The scripted O-RU locks 200 ms after start: the O-DU waited for it.
    expect(order.filter((t) => t === 'GetSyncStateRequest').length).toBeGreaterThanOrEqual(1);

    const edit = ru1.mplane.find((r) => r.type.endsWith('EditConfigRequest'))!
      .message as oran.fronthaul.mplane.v1.EditConfigRequest;
    expect(edit.txArrayCarriers).toHaveLength(1);
    expect(edit.rxArrayCarriers).toHaveLength(1);
    expect(edit.txArrayCarriers[0]).toMatchObject({
      name: 'tx-ru-1',
      centerOfChannelBandwidthKhz: 3_500_000,
      channelBandwidthKhz: 40_000,
      subcarrierSpacing: mp.SubcarrierSpacing.SUBCARRIER_SPACING_30_KHZ,
      compression: {
        compressionMethod: mp.CompressionMethod.COMPRESSION_METHOD_BLOCK_FLOATING_POINT,
        iqBitwidth: 9,
      },
      eaxcIds: [0],
      gainDb: 0,
      bandNumber: 78,
    });
    expect(edit.rxArrayCarriers[0]).toMatchObject({
      name: 'rx-ru-1',
      channelBandwidthKhz: 40_000,
      eaxcIds: [1],
    });
    const activations = ru1.mplane
      .filter((r) => r.type.endsWith('SetCarrierStateRequest'))
      .map((r) => r.message as oran.fronthaul.mplane.v1.SetCarrierStateRequest);
    expect(activations.map((a) => [a.carrierName, a.desiredState])).toEqual([
      ['tx-ru-1', mp.ActiveState.ACTIVE_STATE_ACTIVE],
      ['rx-ru-1', mp.ActiveState.ACTIVE_STATE_ACTIVE],
    ]);
    expect(await process.log(byMsg('carrier active', (l) => l.carrier === 'tx-ru-1'))).toMatchObject({
      ru: 'ru-1',
      profile: { bandwidthMhz: 40, scsKhz: 30, prbCount: 106, compression: 'BFP 9', iqWidth: 9 },
    });
  });

  it('baseloom negotiates 100 MHz with BFP 14 where the O-RU offers it', async () => {
    const ru1 = await ru('ru-1');
    const process = du('baseloom', { rus: [ru1] });
    expect(await process.log(byMsg('carrier active'), 10_000)).toMatchObject({
      profile: { bandwidthMhz: 100, prbCount: 273, compression: 'BFP 14' },
    });
  });

  it("logs 'fronthaul incompatible' naming both offers, configures nothing there, and keeps the other O-RU and E2 running", async () => {
    const narrow = await ru('ru-2', korimoLike);
    const wide = await ru('ru-1');
    const e2 = await ric();
    const process = du('baseloom', { rus: [wide, narrow], ric: e2 });
    const incompatible = await process.log(byMsg('fronthaul incompatible'), 10_000);
    // baseloom wants 100 MHz, BFP 14/16, 4 arrays; korimo offers up to 40 MHz, BFP 8/9 + none, 2T2R.
    expect(incompatible).toMatchObject({
      ru: 'ru-2',
      mismatch: 'bandwidth-too-wide',
      mismatches: ['bandwidth-too-wide', 'no-common-compression', 'not-enough-arrays'],
      ruOffer: 'up to 40 MHz; BFP 8/9 + none; 2 TX / 2 RX arrays',
      duOffer: '100 MHz; BFP 14/16; 4 each way',
    });
    expect(incompatible.reason).toBe(
      'bandwidth too wide: O-RU offers up to 40 MHz, O-DU wants 100 MHz; ' +
        'no common compression: O-RU offers BFP 8/9 + none, O-DU wants BFP 14/16; ' +
        'not enough arrays: O-RU offers 2 TX / 2 RX arrays, O-DU wants 4 each way',
    );
    expect(incompatible.level).toBe(40);

    await process.log(
      byMsg('carrier active', (l) => l.ru === 'ru-1'),
      10_000,
    );
    await until(() => wide.cuplane.length > 20, 5000, 'CU-plane to ru-1');
    const answer = await subscribe(e2, kpmSubscription(1));
    expect(answer.type).toBe('oran.e2.v1.RicSubscriptionResponse');
    await until(() => e2.indications.length >= 2, 5000, 'indications');
    expect(narrow.mplane.map((r) => r.type)).toEqual(['oran.fronthaul.mplane.v1.GetCapabilitiesRequest']);
    expect(narrow.cuplane).toHaveLength(0);
  });

  it("marks the carriers 'carrier inactive' when the O-RU deactivates them, and sets them up again once it is LOCKED", async () => {
    const ru1 = await ru('ru-1');
    const process = du('cellwright', { rus: [ru1] });
    await process.log(byMsg('cu-plane started'), 10_000);
    ru1.reset();
    expect(await process.log(byMsg('carrier inactive'), 5000)).toMatchObject({ ru: 'ru-1', reason: 'reset' });
    await process.log(byMsg('cu-plane stopped'), 5000);
    await until(
      () => process.logs.filter((l) => l.msg === 'cu-plane started').length >= 2,
      5000,
      'carriers set up again',
    );
    const edits = ru1.mplane.filter((r) => r.type.endsWith('EditConfigRequest'));
    expect(edits).toHaveLength(2);
  });

  it('sends supervision watchdog resets at the configured interval', async () => {
    const ru1 = await ru('ru-1');
    du('cellwright', { rus: [ru1] });
    const resets = () => ru1.mplane.filter((r) => r.type.endsWith('SupervisionWatchdogReset'));
    await until(() => resets().length >= 3, 6000, 'three watchdog resets');
    const times = resets().map((r) => r.at);
    // notificationIntervalS 1: one reset a second, give or take a busy event loop.
    for (let i = 1; i < times.length; i++) {
      expect(times[i]! - times[i - 1]!).toBeGreaterThan(700);
      expect(times[i]! - times[i - 1]!).toBeLessThan(1500);
    }
    expect(resets()[0]!.message).toMatchObject({
      supervisionNotificationIntervalS: 1,
      guardTimerOverheadS: 2,
    });
  });
});

describe('O-DU CU-plane', () => {
  it('sends C-plane before U-plane per slot, with continuous sequence ids and PRBs within the carrier', async () => {
    const ru1 = await ru('ru-1');
    du('cellwright', { rus: [ru1] });
    await until(() => ru1.cuplane.length > 150, 10_000, 'CU-plane traffic');
    const messages = ru1.cuplane.slice(0, 150);
    const seen = new Set<string>();
    const lastSequence = new Map<string, number>();
    for (const { type, message } of messages) {
      const plane = type.endsWith('CPlaneMessage') ? 'c' : 'u';
      const eaxc = message.ecpriHeader?.eaxcId?.eaxcId ?? -1;
      const slot = `${message.frameId}.${message.subframeId}.${message.slotId}`;
      const key = `${plane}:${eaxc}`;
      const previous = lastSequence.get(key);
      if (previous !== undefined) expect(message.ecpriHeader?.sequenceId).toBe((previous + 1) % 256);
      lastSequence.set(key, message.ecpriHeader!.sequenceId!);
      if (plane === 'u') {
        expect(seen.has(`c:${eaxc}:${slot}`)).toBe(true);
        const u = message as oran.fronthaul.cuplane.v1.UPlaneMessage;
        expect(u.symbolId).toBe(0);
        for (const s of u.sections) {
          expect(s.prbs).toHaveLength(s.numPrbu!);
          expect(s.startPrbu! + s.numPrbu!).toBeLessThanOrEqual(106);
          expect(s.prbs![0]!.blockFloatingPoint!.mantissas).toHaveLength(27);
        }
      } else {
        const c = message as oran.fronthaul.cuplane.v1.CPlaneMessage;
        seen.add(`c:${eaxc}:${slot}`);
        expect(c.sectionType).toBe(cu.SectionType.SECTION_TYPE_1);
        expect(c.udCompHdr).toMatchObject({
          udCompMeth: cu.CompressionMethod.COMPRESSION_METHOD_BLOCK_FLOATING_POINT,
          udIqWidth: 9,
        });
        expect(c.numberOfSections).toBe(c.sections.length);
        for (const s of c.sections) expect(s.startPrbc! + s.numPrbc!).toBeLessThanOrEqual(106);
        const direction = c.dataDirection === cu.DataDirection.DATA_DIRECTION_DL ? 'dl' : 'ul';
        expect(eaxc).toBe(direction === 'dl' ? 0 : 1);
      }
    }
    expect([...lastSequence.keys()].sort()).toEqual(['c:0', 'c:1', 'u:0']);
  });

  it('paces the slots by the air clock and loads about 90 % of the DL PRBs', async () => {
    const ru1 = await ru('ru-1');
    du('cellwright', { rus: [ru1] });
    await until(() => ru1.cuplane.length > 0, 10_000, 'CU-plane traffic');
    const start = Date.now();
    await new Promise((r) => setTimeout(r, 1000));
    const dl = ru1.cuplane.filter(
      (m) =>
        m.at >= start &&
        m.type.endsWith('CPlaneMessage') &&
        m.message.dataDirection === cu.DataDirection.DATA_DIRECTION_DL,
    );
    // 100 slots per second of real time.
    expect(dl.length).toBeGreaterThan(70);
    expect(dl.length).toBeLessThan(130);
    const used = dl.map((m) =>
      (m.message as oran.fronthaul.cuplane.v1.CPlaneMessage).sections.reduce((n, s) => n + s.numPrbc!, 0),
    );
    const mean = used.reduce((a, b) => a + b, 0) / used.length / 106;
    expect(mean).toBeGreaterThan(0.8);
    expect(mean).toBeLessThan(0.98);
  });

  it("measures the UL reference signal ('uplink evm') and the loopback ('loopback evm') within tolerance", async () => {
    const ru1 = await ru('ru-1');
    const process = du('cellwright', { rus: [ru1] });
    const uplink = await process.log(byMsg('uplink evm'), 10_000);
    expect(uplink).toMatchObject({ ru: 'ru-1', iqWidth: 9, tolerancePercent: 1.7, ok: true });
    expect(uplink.evmPercent as number).toBeLessThan(1.7);
    const loopback = await process.log(byMsg('loopback evm'), 10_000);
    expect(loopback).toMatchObject({ ru: 'ru-1', iqWidth: 9, ok: true });
    expect(loopback.evmPercent as number).toBeLessThan(1.7);
  });

  it('flags an O-RU whose uplink IQ is off by a factor of 2 as out of tolerance', async () => {
    const ru1 = await ru('ru-1', ruvelloLike, { doubleUplink: true });
    const process = du('cellwright', { rus: [ru1] });
    const warning = await process.log(byMsg('uplink evm out of tolerance'), 10_000);
    expect(warning).toMatchObject({ ru: 'ru-1', ok: false });
    expect(warning.evmPercent as number).toBeGreaterThan(50);
  });

  it("logs 'fronthaul link down' when an O-RU goes away, and brings it up again when it is back", async () => {
    const ru1 = await ru('ru-1');
    const process = du('cellwright', { rus: [ru1] });
    await process.log(byMsg('carrier active'), 10_000);
    await ru1.dropLinks();
    const down = await process.log(byMsg('fronthaul link down'), 5000);
    expect(down).toMatchObject({ ru: 'ru-1', level: 40 });
    expect(['ofh-m', 'ofh-cu']).toContain(down.interface);
    await until(
      () => process.logs.filter((l) => l.msg === 'cu-plane started').length >= 2,
      10_000,
      'CU-plane again',
    );
  });
});

describe('O-DU E2 node', () => {
  it('cellwright offers KPM and RC in E2 Setup; baseloom offers KPM only', async () => {
    const e2 = await ric();
    du('cellwright', { ric: e2 });
    await until(() => e2.setups.length > 0, 10_000, 'E2 Setup');
    const setup = e2.setups[0]!.message;
    expect(setup.globalE2NodeId).toMatchObject({
      plmnId: '00101',
      nodeType: oran.e2.v1.E2NodeType.E2_NODE_TYPE_GNB_DU,
      nodeId: 1,
    });
    expect(
      setup.ranFunctionsAdded.map((f) => [f.ranFunctionId, f.ranFunctionOid, f.ranFunctionRevision]),
    ).toEqual([
      [2, '1.3.6.1.4.1.53148.1.2.2.2', 1],
      [3, '1.3.6.1.4.1.53148.1.1.2.3', 1],
    ]);
    const kpm = oran.e2sm.kpm.v1.RanFunctionDefinition.decode(
      setup.ranFunctionsAdded[0]!.ranFunctionDefinition!,
    );
    expect(kpm.ranFunctionName?.ranFunctionShortName).toBe('ORAN-E2SM-KPM');
    expect(kpm.cellGlobalIdList).toEqual([expect.objectContaining(du1Cell)]);
    expect(kpm.ricReportStyleList[0]?.measInfoActionList?.map((m) => m.measName)).toEqual(
      expect.arrayContaining(briefMeasurements),
    );
    const rc = oran.e2sm.rc.v1.RanFunctionDefinition.decode(
      setup.ranFunctionsAdded[1]!.ranFunctionDefinition!,
    );
    expect(
      rc.ricControlStyleList.map((s) => [
        s.ricControlStyleType,
        s.ricControlActionList?.[0]?.ricControlActionId,
      ]),
    ).toEqual([
      [2, 6],
      [3, 1],
    ]);

    const other = await ric();
    du('baseloom', { ric: other });
    await until(() => other.setups.length > 0, 10_000, 'E2 Setup');
    expect(other.setups[0]!.message.ranFunctionsAdded.map((f) => f.ranFunctionId)).toEqual([2]);
  });

  it('reports KPM at the subscribed period with the subscribed names and about 90 % DL PRB usage', async () => {
    const ru1 = await ru('ru-1');
    const e2 = await ric();
    const process = du('cellwright', { rus: [ru1], ric: e2 });
    await process.log(byMsg('cu-plane started'), 10_000);
    const answer = await subscribe(e2, kpmSubscription(1, { periodMs: 300 }));
    expect(answer.type).toBe('oran.e2.v1.RicSubscriptionResponse');
    expect(answer.message).toMatchObject({ ranFunctionId: 2, ricActionsAdmitted: [1] });
    await until(() => e2.indications.length >= 5, 5000, 'five indications');
    const indications = e2.indications.slice(0, 5);
    const gaps = indications.slice(1).map((ind, i) => ind.at - indications[i]!.at);
    const meanGap = gaps.reduce((a, b) => a + b, 0) / gaps.length;
    expect(meanGap).toBeGreaterThan(240);
    expect(meanGap).toBeLessThan(360);
    expect(indications.map((i) => i.message.ricIndicationSn)).toEqual([1, 2, 3, 4, 5]);
    const first = indications[0]!.message;
    expect(first).toMatchObject({
      ricRequestId: { ricRequestorId: 1001, ricInstanceId: 1 },
      ranFunctionId: 2,
      ricActionId: 1,
      ricIndicationType: oran.e2.v1.RicIndicationType.RIC_INDICATION_TYPE_REPORT,
    });
    const header = oran.e2sm.kpm.v1.IndicationHeader.decode(first.ricIndicationHeader).format1!;
    expect(header).toMatchObject({
      fileFormatVersion: '1.0',
      senderName: 'du-1',
      senderType: 'O-DU',
      vendorName: 'Cellwright Access',
    });
    for (const indication of indications.slice(1)) {
      const { names, values } = kpmValues(indication.message);
      expect(names).toEqual(briefMeasurements);
      expect(values).toHaveLength(1);
      const v = values[0]!;
      expect(v['RRU.PrbUsedDl']).toBeGreaterThan(80);
      expect(v['RRU.PrbUsedDl']).toBeLessThan(98);
      expect(v['RRU.PrbAvailDl']).toBe(106);
      expect(v['RRC.ConnMean']).toBe(8);
      expect(v['DRB.UEThpDl']).toBeGreaterThan(0);
      expect(v['DRB.UEThpUl']).toBeGreaterThan(0);
    }
    expect(await process.log(byMsg('kpm report'))).toMatchObject({ sn: 1, ricActionId: 1 });
  });

  it('an RC slice quota of max 50 % brings RRU.PrbUsedDl down to about 50 % in the next reports', async () => {
    const ru1 = await ru('ru-1');
    const e2 = await ric();
    const process = du('cellwright', { rus: [ru1], ric: e2 });
    await process.log(byMsg('cu-plane started'), 10_000);
    await subscribe(e2, kpmSubscription(1, { periodMs: 200 }));
    await until(() => e2.indications.length >= 2, 5000, 'indications before the control');
    const before = kpmValues(e2.indications.at(-1)!.message).values[0]!['RRU.PrbUsedDl']!;
    expect(before).toBeGreaterThan(80);

    const answer = await e2.link().request('oran.e2.v1.RicControlRequest', sliceQuotaControl(1, { max: 50 }));
    expect(answer.type).toBe('oran.e2.v1.RicControlAcknowledge');
    const ack = answer.message as oran.e2.v1.RicControlAcknowledge;
    const outcome = oran.e2sm.rc.v1.ControlOutcome.decode(ack.ricControlOutcome).format1!;
    expect(outcome.ranPList?.find((p) => p.ranParameterId === 11)?.ranParameterValue?.valueInt).toBe(50);
    expect(outcome.appliedAtUnixMs).toBeGreaterThan(0);
    const after = e2.indications.length;
    await until(() => e2.indications.length >= after + 3, 5000, 'indications after the control');
    // The report in flight when the control landed may straddle it; the ones after are capped.
    for (const indication of e2.indications.slice(after + 1, after + 3)) {
      const used = kpmValues(indication.message).values[0]!['RRU.PrbUsedDl']!;
      expect(used).toBeGreaterThan(45);
      expect(used).toBeLessThanOrEqual(50);
    }
    expect(await process.log(byMsg('ric control applied'))).toMatchObject({ control: 'slice-prb-quota' });
  });

  it('refuses invalid subscriptions and controls with the causes of E2AP', async () => {
    const e2 = await ric();
    du('cellwright', { ric: e2 }, testSettings());
    const unknownFunction = await subscribe(e2, kpmSubscription(1, { ranFunctionId: 9 }));
    expect(unknownFunction.type).toBe('oran.e2.v1.RicSubscriptionFailure');
    expect(causeOf(unknownFunction)).toMatchObject({
      ricRequest: CauseRicRequest.CAUSE_RIC_REQUEST_RAN_FUNCTION_ID_INVALID,
    });

    const unknownName = await subscribe(
      e2,
      kpmSubscription(2, { names: ['RRU.PrbUsedDl', 'No.Such.Counter'] }),
    );
    expect(causeOf(unknownName)).toMatchObject({
      ricRequest: CauseRicRequest.CAUSE_RIC_REQUEST_ACTION_NOT_SUPPORTED,
    });

    const insert = await subscribe(
      e2,
      kpmSubscription(3, { actionType: oran.e2.v1.RicActionType.RIC_ACTION_TYPE_INSERT }),
    );
    expect(causeOf(insert)).toMatchObject({
      ricRequest: CauseRicRequest.CAUSE_RIC_REQUEST_ACTION_NOT_SUPPORTED,
    });

    const zeroPeriod = await subscribe(e2, kpmSubscription(4, { periodMs: 0 }));
    expect(causeOf(zeroPeriod)).toMatchObject({
      ricRequest: CauseRicRequest.CAUSE_RIC_REQUEST_EVENT_TRIGGER_NOT_SUPPORTED,
    });

    const undecodable = kpmSubscription(5);
    undecodable.ricSubscriptionDetails!.ricEventTriggerDefinition = new Uint8Array([0xff, 0xff, 0xff]);
    expect(causeOf(await subscribe(e2, undecodable))).toMatchObject({
      ricRequest: CauseRicRequest.CAUSE_RIC_REQUEST_EVENT_TRIGGER_NOT_SUPPORTED,
    });

    expect((await subscribe(e2, kpmSubscription(6))).type).toBe('oran.e2.v1.RicSubscriptionResponse');
    const duplicate = await subscribe(e2, kpmSubscription(6));
    expect(duplicate.type).toBe('oran.e2.v1.RicSubscriptionFailure');
    expect(causeOf(duplicate)).toMatchObject({
      ricRequest: CauseRicRequest.CAUSE_RIC_REQUEST_DUPLICATE_RIC_REQUEST_ID,
    });

    const invalid = CauseRicRequest.CAUSE_RIC_REQUEST_CONTROL_MESSAGE_INVALID;
    const control = (request: ReturnType<typeof sliceQuotaControl>) =>
      e2.link().request('oran.e2.v1.RicControlRequest', request);
    for (const [request, cause] of [
      [sliceQuotaControl(1, { max: 101 }), invalid],
      [sliceQuotaControl(2, { min: 60, max: 50 }), invalid],
      [sliceQuotaControl(3, { max: 50, cell: { plmnId: '00101', nrCellIdentity: '000000990' } }), invalid],
      [
        sliceQuotaControl(4, { max: 50, ranFunctionId: 7 }),
        CauseRicRequest.CAUSE_RIC_REQUEST_RAN_FUNCTION_ID_INVALID,
      ],
    ] as const) {
      const answer = await control(request);
      expect(answer.type).toBe('oran.e2.v1.RicControlFailure');
      expect(causeOf(answer)).toMatchObject({ ricRequest: cause });
    }
  });

  it('baseloom answers an RC control with RAN function id invalid', async () => {
    const e2 = await ric();
    const process = du('baseloom', { ric: e2 });
    await until(() => e2.setups.length > 0, 10_000, 'E2 Setup');
    const answer = await e2.link().request('oran.e2.v1.RicControlRequest', sliceQuotaControl(1, { max: 50 }));
    expect(answer.type).toBe('oran.e2.v1.RicControlFailure');
    expect(answer.message).toMatchObject({
      ricRequestId: { ricRequestorId: 1002, ricInstanceId: 1 },
      ranFunctionId: 3,
      cause: { ricRequest: CauseRicRequest.CAUSE_RIC_REQUEST_RAN_FUNCTION_ID_INVALID },
    });
    expect(await process.log(byMsg('ric control refused'))).toMatchObject({
      ranFunctionId: 3,
      cause: 'ric-request: ran-function-id-invalid',
    });
  });

  it('stops indications when the subscription is deleted, and refuses an unknown delete', async () => {
    const e2 = await ric();
    du('cellwright', { ric: e2 });
    await subscribe(e2, kpmSubscription(1, { periodMs: 200 }));
    await until(() => e2.indications.length >= 2, 5000, 'indications');
    const remove = { ricRequestId: { ricRequestorId: 1001, ricInstanceId: 1 }, ranFunctionId: 2 };
    const answer = await e2.link().request('oran.e2.v1.RicSubscriptionDeleteRequest', remove);
    expect(answer.type).toBe('oran.e2.v1.RicSubscriptionDeleteResponse');
    const count = e2.indications.length;
    await new Promise((r) => setTimeout(r, 700));
    expect(e2.indications.length).toBe(count);
    const again = await e2.link().request('oran.e2.v1.RicSubscriptionDeleteRequest', remove);
    expect(again.type).toBe('oran.e2.v1.RicSubscriptionDeleteFailure');
    expect(causeOf(again)).toMatchObject({
      ricRequest: CauseRicRequest.CAUSE_RIC_REQUEST_REQUEST_ID_UNKNOWN,
    });
  });

  it('drops its subscriptions on an E2 Reset', async () => {
    const e2 = await ric();
    const process = du('cellwright', { ric: e2 });
    await subscribe(e2, kpmSubscription(1, { periodMs: 200 }));
    await until(() => e2.indications.length >= 1, 5000, 'indications');
    const answer = await e2.link().request('oran.e2.v1.ResetRequest', {
      cause: { misc: oran.common.v1.CauseMisc.CAUSE_MISC_OM_INTERVENTION },
    });
    expect(answer.type).toBe('oran.e2.v1.ResetResponse');
    expect(await process.log(byMsg('e2 reset'))).toMatchObject({ subscriptionsDropped: 1 });
    const count = e2.indications.length;
    await new Promise((r) => setTimeout(r, 500));
    expect(e2.indications.length).toBe(count);
  });
});
