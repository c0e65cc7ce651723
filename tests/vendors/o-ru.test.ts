/**
 * The built-in O-RUs as real processes, driven by a scripted O-DU over ofh-m and ofh-cu, clause
 * by clause of WG4.CONF M-plane (3.1.x) and through the CU-plane receiver, uplink and loopback.
 */
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import {
  decompressPrb,
  evmPercent,
  evmTolerancePercent,
  samplesPerPrb,
  testSignal,
} from '../../src/ran/index.js';
import { oran } from '../../src/wire/index.js';
import { referenceSection } from '../../vendors/shared/reference-signal.js';
import { until } from '../support/links.js';
import {
  expectSuccess,
  isUnsuccessful,
  type ORuVendor,
  rxEaxcId,
  rxName,
  ScriptedODu,
  txEaxcId,
  txName,
  udCompHdrOf,
} from './support-o-ru.js';

const mp = oran.fronthaul.mplane.v1;
const cu = oran.fronthaul.cuplane.v1;
type M = typeof mp;

const running: ScriptedODu[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((du) => du.close()));
});

async function start(vendor: ORuVendor, settings: Record<string, unknown> = {}): Promise<ScriptedODu> {
  const du = await ScriptedODu.start(vendor, settings);
  running.push(du);
  return du;
}

const profiles = {
  ruvello: {
    vendor: 'Ruvello Radio',
    maxKhz: 100_000,
    scs: [mp.SubcarrierSpacing.SUBCARRIER_SPACING_15_KHZ, mp.SubcarrierSpacing.SUBCARRIER_SPACING_30_KHZ],
    compression: [
      { method: mp.CompressionMethod.COMPRESSION_METHOD_BLOCK_FLOATING_POINT, widths: [9, 12, 14, 16] },
    ],
    arrays: 4,
    eaxc: { eaxcIdMin: 0, eaxcIdMax: 15 },
  },
  korimo: {
    vendor: 'Korimo Systems',
    maxKhz: 40_000,
    scs: [mp.SubcarrierSpacing.SUBCARRIER_SPACING_30_KHZ],
    compression: [
      { method: mp.CompressionMethod.COMPRESSION_METHOD_BLOCK_FLOATING_POINT, widths: [8, 9] },
      { method: mp.CompressionMethod.COMPRESSION_METHOD_NONE, widths: [16] },
    ],
    arrays: 2,
    eaxc: { eaxcIdMin: 0, eaxcIdMax: 7 },
  },
  quibble: {
    vendor: 'Quibble RF',
    maxKhz: 100_000,
    scs: [mp.SubcarrierSpacing.SUBCARRIER_SPACING_30_KHZ],
    compression: [
      { method: mp.CompressionMethod.COMPRESSION_METHOD_BLOCK_FLOATING_POINT, widths: [9, 12, 14] },
    ],
    arrays: 4,
    eaxc: { eaxcIdMin: 0, eaxcIdMax: 15 },
  },
} as const;

const vendors = Object.keys(profiles) as ORuVendor[];

describe.each(vendors)('%s: capability retrieval (WG4.CONF 3.1.4)', (vendor) => {
  const expected = profiles[vendor];

  it('without a filter returns its whole profile', async () => {
    const du = await start(vendor);
    const answer = await du.request('oran.fronthaul.mplane.v1.GetCapabilitiesRequest', {});
    expectSuccess(answer);
    const { moduleCapability: cap } = answer.message as InstanceType<M['GetCapabilitiesResponse']>;
    expect(cap?.productInfo?.vendor).toBe(expected.vendor);
    expect(cap?.bandCapabilities).toMatchObject({
      supportedBands: [78],
      maxChannelBandwidthKhz: expected.maxKhz,
      supportedScs: expected.scs,
    });
    expect(cap?.ruCapabilities).toMatchObject({
      numberOfTxArrays: expected.arrays,
      numberOfRxArrays: expected.arrays,
      eaxcIdRange: expected.eaxc,
    });
    expect(
      cap?.compression?.supportedCompressions?.map((c) => ({
        method: c.compressionMethod,
        widths: c.iqBitwidths,
      })),
    ).toEqual(expected.compression);
    expect(cap?.ruDelayProfile?.t2aMaxUp).toBeGreaterThan(0);
  });

  it('with a filter returns only the sections asked for', async () => {
    const du = await start(vendor);
    const answer = await du.request('oran.fronthaul.mplane.v1.GetCapabilitiesRequest', {
      filter: [
        mp.CapabilitySection.CAPABILITY_SECTION_BAND_CAPABILITIES,
        mp.CapabilitySection.CAPABILITY_SECTION_COMPRESSION,
      ],
    });
    expectSuccess(answer);
    const { moduleCapability: cap } = answer.message as InstanceType<M['GetCapabilitiesResponse']>;
    expect(cap?.bandCapabilities?.maxChannelBandwidthKhz).toBe(expected.maxKhz);
    expect(cap?.compression?.supportedCompressions).toHaveLength(expected.compression.length);
    expect(cap?.productInfo).toBeFalsy();
    expect(cap?.ruCapabilities).toBeFalsy();
    expect(cap?.ruDelayProfile).toBeFalsy();
  });
});

describe('carrier configuration and activation (WG4.CONF 3.1.7, 3.1.10)', () => {
  it.each(vendors)(
    '%s: refuses activation before sync LOCKED, then activates and notifies',
    async (vendor) => {
      const du = await start(vendor, { syncLockDelayMs: 1200 });
      const sync = await du.request('oran.fronthaul.mplane.v1.GetSyncStateRequest', {});
      expect((sync.message as InstanceType<M['GetSyncStateResponse']>).syncState).toBe(
        mp.SyncState.SYNC_STATE_FREERUN,
      );

      expectSuccess(await du.request('oran.fronthaul.mplane.v1.EditConfigRequest', du.carriersEdit()));
      const early = await du.request('oran.fronthaul.mplane.v1.SetCarrierStateRequest', {
        carrierName: txName,
        desiredState: mp.ActiveState.ACTIVE_STATE_ACTIVE,
      });
      expect(isUnsuccessful(early)).toBe(true);
      const refused = early.message as InstanceType<M['SetCarrierStateResponse']>;
      expect(refused).toMatchObject({ carrierName: txName, state: mp.CarrierState.CARRIER_STATE_INACTIVE });
      expect(refused.reason).toBe('sync-state FREERUN');
      expect(refused.rpcErrors[0]?.errorTag).toBe('operation-failed');

      await du.waitLocked();
      for (const carrierName of [txName, rxName]) {
        const answer = await du.request('oran.fronthaul.mplane.v1.SetCarrierStateRequest', {
          carrierName,
          desiredState: mp.ActiveState.ACTIVE_STATE_ACTIVE,
        });
        expectSuccess(answer);
        expect((answer.message as InstanceType<M['SetCarrierStateResponse']>).state).toBe(
          mp.CarrierState.CARRIER_STATE_ACTIVE,
        );
      }
      const change = await du.notification('oran.fronthaul.mplane.v1.CarrierStateChangeNotification', (n) =>
        n.carriers.some((c) => c.carrierName === rxName && c.state === mp.CarrierState.CARRIER_STATE_ACTIVE),
      );
      expect(change.reason).toBe('activation');

      const carriers = (await du.request('oran.fronthaul.mplane.v1.GetCarriersRequest', {}))
        .message as InstanceType<M['GetCarriersResponse']>;
      expect(carriers.txArrayCarriers.map((c) => [c.name, c.state, c.eaxcIds])).toEqual([
        [txName, mp.CarrierState.CARRIER_STATE_ACTIVE, [txEaxcId]],
      ]);
      expect(carriers.rxArrayCarriers.map((c) => [c.name, c.state, c.bandNumber])).toEqual([
        [rxName, mp.CarrierState.CARRIER_STATE_ACTIVE, 78],
      ]);
    },
  );

  it('refuses a duplicate eAxC id with operation-failed / data-not-unique and applies nothing', async () => {
    const du = await start('ruvello');
    const answer = await du.request(
      'oran.fronthaul.mplane.v1.EditConfigRequest',
      du.carriersEdit({ rx: { eaxcIds: [txEaxcId] } }),
    );
    expect(isUnsuccessful(answer)).toBe(true);
    const [error] = (answer.message as InstanceType<M['EditConfigResponse']>).rpcErrors;
    expect(error).toMatchObject({ errorTag: 'operation-failed', errorAppTag: 'data-not-unique' });
    expect(error?.errorPath).toContain(`rx-array-carriers[name='${rxName}']`);
    const carriers = (await du.request('oran.fronthaul.mplane.v1.GetCarriersRequest', {}))
      .message as InstanceType<M['GetCarriersResponse']>;
    expect([...carriers.txArrayCarriers, ...carriers.rxArrayCarriers]).toEqual([]);
    // A get filtered on a carrier that does not exist selects nothing: empty data, not an error.
    const filtered = await du.request('oran.fronthaul.mplane.v1.GetCarriersRequest', {
      carrierNames: [txName],
    });
    expectSuccess(filtered);
    expect((filtered.message as InstanceType<M['GetCarriersResponse']>).txArrayCarriers).toEqual([]);

    // An eAxC id already held by a configured carrier is refused the same way.
    expectSuccess(await du.request('oran.fronthaul.mplane.v1.EditConfigRequest', du.carriersEdit()));
    const again = await du.request('oran.fronthaul.mplane.v1.EditConfigRequest', {
      txArrayCarriers: [{ ...du.carriersEdit().txArrayCarriers![0], name: 'tx-second', eaxcIds: [rxEaxcId] }],
    });
    expect((again.message as InstanceType<M['EditConfigResponse']>).rpcErrors[0]).toMatchObject({
      errorTag: 'operation-failed',
      errorAppTag: 'data-not-unique',
    });
  });

  it('refuses a bandwidth or compression korimo does not support, naming its limit', async () => {
    const du = await start('korimo');
    const wide = await du.request(
      'oran.fronthaul.mplane.v1.EditConfigRequest',
      du.carriersEdit({ tx: { channelBandwidthKhz: 100_000 } }),
    );
    expect(isUnsuccessful(wide)).toBe(true);
    const [bandwidthError] = (wide.message as InstanceType<M['EditConfigResponse']>).rpcErrors;
    expect(bandwidthError?.errorTag).toBe('invalid-value');
    expect(bandwidthError?.errorPath).toMatch(/channel-bandwidth$/);
    expect(bandwidthError?.errorMessage).toMatch(/100 MHz exceeds the maximum of 40 MHz/);

    const bfp14 = {
      compressionMethod: mp.CompressionMethod.COMPRESSION_METHOD_BLOCK_FLOATING_POINT,
      iqBitwidth: 14,
    };
    const compressed = await du.request(
      'oran.fronthaul.mplane.v1.EditConfigRequest',
      du.carriersEdit({ rx: { compression: bfp14 } }),
    );
    expect(isUnsuccessful(compressed)).toBe(true);
    const [compressionError] = (compressed.message as InstanceType<M['EditConfigResponse']>).rpcErrors;
    expect(compressionError?.errorTag).toBe('invalid-value');
    expect(compressionError?.errorMessage).toMatch(
      /BFP 14-bit is not supported; this O-RU supports BFP 8\/9 \+ none/,
    );

    const scs15 = await du.request(
      'oran.fronthaul.mplane.v1.EditConfigRequest',
      du.carriersEdit({ tx: { subcarrierSpacing: mp.SubcarrierSpacing.SUBCARRIER_SPACING_15_KHZ } }),
    );
    expect((scs15.message as InstanceType<M['EditConfigResponse']>).rpcErrors[0]?.errorMessage).toMatch(
      /15 kHz is not supported; supported: 30 kHz/,
    );
  });
});

describe('supervision (WG4.CONF 3.1.3) and the active alarm list (3.1.5)', () => {
  it('keeps the carriers active while watchdog resets keep coming', async () => {
    const du = await start('ruvello');
    await du.activateCarriers();
    const startedAt = Date.now();
    while (Date.now() - startedAt < 2600) {
      const answer = await du.request('oran.fronthaul.mplane.v1.SupervisionWatchdogReset', {
        supervisionNotificationIntervalS: 1,
        guardTimerOverheadS: 1,
      });
      expectSuccess(answer);
      const { nextUpdateAtUnixMs } = answer.message as InstanceType<M['SupervisionWatchdogResetResponse']>;
      expect(nextUpdateAtUnixMs).toBeGreaterThan(Date.now() + 800);
      await new Promise((r) => setTimeout(r, 500));
    }
    const carriers = (await du.request('oran.fronthaul.mplane.v1.GetCarriersRequest', {}))
      .message as InstanceType<M['GetCarriersResponse']>;
    expect(carriers.txArrayCarriers[0]?.state).toBe(mp.CarrierState.CARRIER_STATE_ACTIVE);
    expect(carriers.rxArrayCarriers[0]?.state).toBe(mp.CarrierState.CARRIER_STATE_ACTIVE);
    const alarms = (await du.request('oran.fronthaul.mplane.v1.GetActiveAlarmsRequest', {}))
      .message as InstanceType<M['GetActiveAlarmsResponse']>;
    expect(alarms.activeAlarms).toEqual([]);
  });

  it('sends a supervision-notification every notification interval once supervised', async () => {
    const du = await start('korimo');
    expectSuccess(
      await du.request('oran.fronthaul.mplane.v1.SupervisionWatchdogReset', {
        supervisionNotificationIntervalS: 1,
        guardTimerOverheadS: 5,
      }),
    );
    const resetAt = Date.now();
    const times: number[] = [];
    for (let i = 0; i < 2; i++) {
      const after = resetAt + (times.at(-1) ?? 0);
      const n = await du.notification(
        'oran.fronthaul.mplane.v1.SupervisionNotification',
        (m) => m.eventTimeUnixMs > after,
        3000,
      );
      times.push(n.eventTimeUnixMs - resetAt);
    }
    expect(times[0]).toBeGreaterThanOrEqual(900);
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(900);
  });

  it('deactivates the carriers and raises alarm 25 within interval + guard (+10 %) of the last reset', async () => {
    const du = await start('korimo');
    await du.activateCarriers();
    expectSuccess(
      await du.request('oran.fronthaul.mplane.v1.SupervisionWatchdogReset', {
        supervisionNotificationIntervalS: 1,
        guardTimerOverheadS: 1,
      }),
    );
    const resetAt = Date.now();
    const lost = await du.notification(
      'oran.fronthaul.mplane.v1.CarrierStateChangeNotification',
      (n) => n.reason === 'supervision loss',
      4000,
    );
    const elapsed = Date.now() - resetAt;
    expect(elapsed).toBeGreaterThanOrEqual(1900);
    expect(elapsed).toBeLessThanOrEqual(2200);
    expect(lost.carriers.map((c) => [c.carrierName, c.state]).sort()).toEqual([
      [rxName, mp.CarrierState.CARRIER_STATE_INACTIVE],
      [txName, mp.CarrierState.CARRIER_STATE_INACTIVE],
    ]);
    const alarm = await du.notification(
      'oran.fronthaul.mplane.v1.AlarmNotification',
      (n) => n.alarm?.faultId === 25,
    );
    expect(alarm.alarm).toMatchObject({
      faultSeverity: mp.FaultSeverity.FAULT_SEVERITY_MAJOR,
      faultText: 'supervision failure',
      isCleared: false,
    });
    await du.ru.log((l) => l.msg === 'supervision lost');

    const listed = (await du.request('oran.fronthaul.mplane.v1.GetActiveAlarmsRequest', {}))
      .message as InstanceType<M['GetActiveAlarmsResponse']>;
    expect(listed.activeAlarms.map((a) => a.faultId)).toEqual([25]);
    const carriers = (await du.request('oran.fronthaul.mplane.v1.GetCarriersRequest', {}))
      .message as InstanceType<M['GetCarriersResponse']>;
    expect(carriers.txArrayCarriers[0]?.state).toBe(mp.CarrierState.CARRIER_STATE_INACTIVE);

    // Supervision resumes: the alarm is cleared (notified) and leaves the list.
    expectSuccess(await du.request('oran.fronthaul.mplane.v1.SupervisionWatchdogReset', {}));
    await du.notification('oran.fronthaul.mplane.v1.AlarmNotification', (n) => n.alarm?.isCleared === true);
    const after = (await du.request('oran.fronthaul.mplane.v1.GetActiveAlarmsRequest', {}))
      .message as InstanceType<M['GetActiveAlarmsResponse']>;
    expect(after.activeAlarms).toEqual([]);
  });
});

describe('operations', () => {
  it('reset answers ok, closes the links with om-intervention and comes back unconfigured, FREERUN then LOCKED', async () => {
    const du = await start('ruvello');
    await du.activateCarriers();
    const closed = new Promise<{ code: number; cause?: string }>((resolve) => du.m.once('close', resolve));
    expectSuccess(await du.request('oran.fronthaul.mplane.v1.ResetRequest', {}));
    const deactivated = await du.notification(
      'oran.fronthaul.mplane.v1.CarrierStateChangeNotification',
      (n) => n.reason === 'reset',
    );
    expect(deactivated.carriers).toHaveLength(2);
    await du.notification(
      'oran.fronthaul.mplane.v1.SyncStateNotification',
      (n) => n.syncState === mp.SyncState.SYNC_STATE_FREERUN,
    );
    expect(await closed).toMatchObject({ code: 1000, cause: 'misc: om-intervention' });

    du.notifications.length = 0;
    await du.connect();
    const carriers = (await du.request('oran.fronthaul.mplane.v1.GetCarriersRequest', {}))
      .message as InstanceType<M['GetCarriersResponse']>;
    expect([...carriers.txArrayCarriers, ...carriers.rxArrayCarriers]).toEqual([]);
    await du.waitLocked();
    await du.activateCarriers();
  });

  it('software install refuses a package whose digest does not match with INTEGRITY_ERROR (WG4.CONF 3.1.6)', async () => {
    const du = await start('quibble');
    const packageContent = Buffer.from('quibble-qr100-0.9.8.bin: not really firmware');
    const bad = await du.request('oran.fronthaul.mplane.v1.SoftwareInstallRequest', {
      packageName: 'qr100-0.9.8',
      packageContent,
      packageDigest: createHash('sha256').update('something else').digest(),
    });
    expect(isUnsuccessful(bad)).toBe(true);
    expect((bad.message as InstanceType<M['SoftwareInstallResponse']>).status).toBe(
      mp.SoftwareInstallStatus.SOFTWARE_INSTALL_STATUS_INTEGRITY_ERROR,
    );
    const good = await du.request('oran.fronthaul.mplane.v1.SoftwareInstallRequest', {
      packageName: 'qr100-0.9.8',
      packageContent,
      packageDigest: createHash('sha256').update(packageContent).digest(),
    });
    expectSuccess(good);
    expect(good.message).toMatchObject({
      status: mp.SoftwareInstallStatus.SOFTWARE_INSTALL_STATUS_COMPLETED,
      slotName: 'slot-b',
    });
  });
});

describe('CU-plane receiver', () => {
  it('counts on-time, early and late messages, a sequence id gap and a wrong udCompHdr per eAxC', async () => {
    const du = await start('ruvello');
    await du.activateCarriers();
    const send = (type: 'c' | 'u', message: object) =>
      du.cu.send(
        type === 'c' ? 'oran.fronthaul.cuplane.v1.CPlaneMessage' : 'oran.fronthaul.cuplane.v1.UPlaneMessage',
        message,
      );
    const section = { startPrbc: 0, numPrbc: 4 };
    for (let i = 0; i < 5; i++) {
      const at = du.airTime();
      await send('c', du.cPlane('dl', at, section));
      await send('u', du.dlUPlane(at, 0, testSignal({ prbCount: 4, seed: i })));
    }
    // A gap: sequence id 6 where 5 was due. The message itself is fine and counts on time.
    du.nextSequenceId('c', txEaxcId);
    await send('c', du.cPlane('dl', du.airTime(), section));
    // A udCompHdr that is not the configured BFP 9-bit.
    await send(
      'c',
      du.cPlane('dl', du.airTime(), section, { udCompHdr: udCompHdrOf({ method: 'bfp', iqWidth: 14 }) }),
    );
    // Ten slots ahead of the air, then ten behind.
    await send('c', du.cPlane('dl', du.airTime(10), section));
    await send('c', du.cPlane('dl', du.airTime(-10), section));

    await until(
      () => du.ru.logs.filter((l) => l.msg === 'cu-plane check failed').length >= 3,
      3000,
      'the check warnings',
    );
    const answer = await du.cuRequest('oran.fronthaul.cuplane.v1.GetCountersRequest', {
      eaxcIds: [txEaxcId],
    });
    expectSuccess(answer);
    const [counters] = (answer.message as InstanceType<(typeof cu)['GetCountersResponse']>).counters;
    expect(counters).toMatchObject({
      eaxcId: txEaxcId,
      rxTotal: 14,
      rxOnTime: 5,
      rxOnTimeC: 6,
      rxEarlyC: 1,
      rxLateC: 1,
      rxSeqidErrC: 1,
      rxSeqidErr: 0,
      rxCorrupt: 1,
    });
    const checks = du.ru.logs.filter((l) => l.msg === 'cu-plane check failed').map((l) => l.check);
    expect(checks).toEqual(expect.arrayContaining(['sequence-id', 'ud-comp-hdr', 'timing-window']));
    const udCompHdr = du.ru.logs.find((l) => l.check === 'ud-comp-hdr');
    expect(udCompHdr).toMatchObject({ level: 40, eaxcId: txEaxcId });
    expect(String(udCompHdr?.detail)).toMatch(/BFP 14-bit.*BFP 9-bit/);

    const unknown = await du.cuRequest('oran.fronthaul.cuplane.v1.GetCountersRequest', { eaxcIds: [9] });
    expect(isUnsuccessful(unknown)).toBe(true);
  });
});

/** Decodes one UL U-plane section (BFP) into samples with src/ran's conformant decompressor. */
function decodeSection(
  section: oran.fronthaul.cuplane.v1.UPlaneSection.$Properties,
  iqWidth: number,
): Int16Array {
  const prbs = section.prbs ?? [];
  const out = new Int16Array(prbs.length * samplesPerPrb);
  prbs.forEach((prb, i) => {
    const bfp = prb.blockFloatingPoint!;
    out.set(
      decompressPrb({ exponent: bfp.exponent ?? 0, mantissas: bfp.mantissas! }, iqWidth),
      i * samplesPerPrb,
    );
  });
  return out;
}

describe('UL U-plane reference signal', () => {
  it.each([
    ['ruvello', true],
    ['korimo', true],
    ['quibble', false],
  ] as const)('%s: decodes with EVM within tolerance: %s', async (vendor, withinTolerance) => {
    const du = await start(vendor);
    await du.activateCarriers();
    const at = du.airTime();
    const { prbCount, compression } = du.plan;
    await du.cu.send(
      'oran.fronthaul.cuplane.v1.CPlaneMessage',
      du.cPlane('ul', at, { startPrbc: 0, numPrbc: 0 }),
    );
    await until(() => du.uplink.length > 0, 3000, 'the UL U-plane');
    const { message, header } = du.uplink[0]!;
    expect(header.pduKind).toBe(oran.common.v1.PduKind.PDU_KIND_INITIATING_MESSAGE);
    expect(message).toMatchObject({
      dataDirection: cu.DataDirection.DATA_DIRECTION_UL,
      frameId: at.frameId,
      subframeId: at.subframe,
      slotId: at.slot,
      symbolId: 0,
      ecpriHeader: { eaxcId: { eaxcId: rxEaxcId }, sequenceId: 0 },
    });
    const [section] = message.sections;
    expect(section?.udCompHdr).toEqual(udCompHdrOf(compression));
    expect(section?.prbs).toHaveLength(prbCount);
    const received = decodeSection(section!, compression.iqWidth);
    const reference = referenceSection(at.frameId, at.subframe, at.slot, rxEaxcId, 0, prbCount);
    const evm = evmPercent(reference, received);
    const tolerance = evmTolerancePercent(compression.iqWidth);
    if (withinTolerance) expect(evm).toBeLessThan(tolerance);
    else expect(evm).toBeGreaterThan(10 * tolerance);
  });
});

describe('loopback (WG4.CONF 3.1.13)', () => {
  it.each([
    ['ruvello', true],
    ['quibble', false],
  ] as const)(
    '%s: returns the DL IQ as UL U-plane, within tolerance: %s',
    async (vendor, withinTolerance) => {
      const du = await start(vendor);
      await du.activateCarriers();
      const started = await du.cuRequest('oran.fronthaul.cuplane.v1.LoopbackTestRequest', {
        carrierName: txName,
        enable: true,
        durationMs: 500,
      });
      expectSuccess(started);
      expect(started.message).toMatchObject({ carrierName: txName, loopbackActive: true });

      const sent = testSignal({ prbCount: 20, seed: 7 });
      const at = du.airTime();
      await du.cu.send(
        'oran.fronthaul.cuplane.v1.CPlaneMessage',
        du.cPlane('dl', at, { startPrbc: 10, numPrbc: 20 }),
      );
      await du.cu.send('oran.fronthaul.cuplane.v1.UPlaneMessage', du.dlUPlane(at, 10, sent));
      await until(() => du.uplink.length > 0, 3000, 'the looped-back U-plane');
      const { message } = du.uplink[0]!;
      expect(message).toMatchObject({
        dataDirection: cu.DataDirection.DATA_DIRECTION_UL,
        frameId: at.frameId,
        ecpriHeader: { eaxcId: { eaxcId: txEaxcId } },
      });
      expect(message.sections[0]).toMatchObject({ startPrbu: 10, numPrbu: 20 });
      const evm = evmPercent(sent, decodeSection(message.sections[0]!, du.plan.compression.iqWidth));
      const tolerance = evmTolerancePercent(du.plan.compression.iqWidth);
      if (withinTolerance) expect(evm).toBeLessThan(tolerance);
      else expect(evm).toBeGreaterThan(10 * tolerance);

      const stopped = await du.ru.log((l) => l.msg === 'loopback stopped', 2000);
      expect(stopped).toMatchObject({ carrier: txName, looped: 1, reason: 'duration ended' });
    },
  );

  it('is refused for a carrier that is not active', async () => {
    const du = await start('ruvello');
    await du.waitLocked();
    expectSuccess(await du.request('oran.fronthaul.mplane.v1.EditConfigRequest', du.carriersEdit()));
    const answer = await du.cuRequest('oran.fronthaul.cuplane.v1.LoopbackTestRequest', {
      carrierName: txName,
      enable: true,
      durationMs: 500,
    });
    expect(isUnsuccessful(answer)).toBe(true);
    expect(answer.message).toMatchObject({
      loopbackActive: false,
      detail: `carrier "${txName}" is INACTIVE`,
    });
  });
});
