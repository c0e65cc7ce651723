/**
 * Scripted peers for the O-DU tests, built on src/transport's listenLinks: an O-RU that serves
 * ofh-m and ofh-cu with a given capability profile (answering the M-plane, recording CU-plane
 * traffic, answering UL C-plane with the reference signal and looping DL back on request), and
 * a near-RT RIC that serves e2, accepts E2 Setup and records indications. Tests drive the RIC side
 * with `request` and read what the O-DU did from the records and from its logs.
 */
import { join } from 'node:path';
import { pino } from 'pino';
import { compressPrb, encodeUncompressed } from '../../src/ran/index.js';
import { type Link, type LinkServer, listenLinks } from '../../src/transport/index.js';
import {
  type Frame,
  interfaceSpecs,
  type MessageInitMap,
  type MessageType,
  oran,
} from '../../src/wire/index.js';
import { referenceIq } from '../../vendors/shared/reference-signal.js';
import { freePort, spawnVendor, type VendorProcess } from '../support/processes.js';

const mp = oran.fronthaul.mplane.v1;
const cu = oran.fronthaul.cuplane.v1;
const silent = pino({ level: 'silent' });

export const vendorsDir = join(import.meta.dirname, '../../vendors');

/** What a scripted O-RU offers in its ModuleCapability. */
export interface RuProfile {
  readonly maxBandwidthMhz: number;
  readonly scsKhz: readonly (15 | 30)[];
  readonly bfpWidths: readonly number[];
  readonly uncompressed: boolean;
  readonly arrays: number;
  readonly eaxcIds: { readonly min: number; readonly max: number };
}

/** Like ruvello: <=100 MHz, SCS 15/30, BFP 9/12/14/16, 4T4R, eAxC 0..15. */
export const ruvelloLike: RuProfile = {
  maxBandwidthMhz: 100,
  scsKhz: [15, 30],
  bfpWidths: [9, 12, 14, 16],
  uncompressed: false,
  arrays: 4,
  eaxcIds: { min: 0, max: 15 },
};
/** Like korimo: <=40 MHz, SCS 30, BFP 8/9 + none, 2T2R, eAxC 0..7. */
export const korimoLike: RuProfile = {
  maxBandwidthMhz: 40,
  scsKhz: [30],
  bfpWidths: [8, 9],
  uncompressed: true,
  arrays: 2,
  eaxcIds: { min: 0, max: 7 },
};

/** A recorded message with its arrival time. */
export interface Received<T> {
  readonly at: number;
  readonly type: string;
  readonly message: T;
}

export interface ScriptedRu {
  readonly instance: string;
  readonly mplaneUrl: string;
  readonly cuplaneUrl: string;
  /** Initiating M-plane messages from the O-DU, in order. */
  readonly mplane: Received<unknown>[];
  /** CU-plane messages from the O-DU, in order. */
  readonly cuplane: Received<
    oran.fronthaul.cuplane.v1.CPlaneMessage | oran.fronthaul.cuplane.v1.UPlaneMessage
  >[];
  /** Closes the current links (the O-DU dials again). */
  dropLinks(): Promise<void>;
  /**
   * Acts out an O-RU reset without dropping the link: configuration cleared, carriers INACTIVE
   * (notified), sync FREERUN, then LOCKED again after `lockAfterMs` (notified).
   */
  reset(): void;
  close(): Promise<void>;
}

export interface ScriptedRuOptions {
  /** Sync turns LOCKED this long after start. Default 200 ms. */
  readonly lockAfterMs?: number;
  /** Send every UL sample doubled, as an O-RU with its BFP exponent off by one would. */
  readonly doubleUplink?: boolean;
}

const scsEnum = {
  15: mp.SubcarrierSpacing.SUBCARRIER_SPACING_15_KHZ,
  30: mp.SubcarrierSpacing.SUBCARRIER_SPACING_30_KHZ,
};

/** Starts a scripted O-RU serving ofh-m and ofh-cu on free loopback ports. */
export async function scriptedRu(
  instance: string,
  profile: RuProfile,
  options: ScriptedRuOptions = {},
): Promise<ScriptedRu> {
  let started = Date.now();
  let mplaneLink: Link | undefined;
  const lockAfterMs = options.lockAfterMs ?? 200;
  const mplane: ScriptedRu['mplane'] = [];
  const cuplane: ScriptedRu['cuplane'] = [];
  const carriers = new Map<string, { state: number }>();
  let loopbackUntil = 0;
  const identity = {
    instanceId: instance,
    vendorId: 'scripted-ru',
    role: 'o-ru' as const,
    productVersion: '0.0.1',
  };
  const locked = () => Date.now() - started >= lockAfterMs;

  const capability: oran.fronthaul.mplane.v1.ModuleCapability.$Properties = {
    productInfo: { vendor: 'Scripted', model: 'RU', softwareVersion: '0.0.1', serialNumber: instance },
    bandCapabilities: {
      supportedBands: [78],
      maxChannelBandwidthKhz: profile.maxBandwidthMhz * 1000,
      supportedScs: profile.scsKhz.map((s) => scsEnum[s]),
    },
    ruCapabilities: {
      numberOfTxArrays: profile.arrays,
      numberOfRxArrays: profile.arrays,
      eaxcIdRange: { eaxcIdMin: profile.eaxcIds.min, eaxcIdMax: profile.eaxcIds.max },
    },
    compression: {
      supportedCompressions: [
        {
          compressionMethod: mp.CompressionMethod.COMPRESSION_METHOD_BLOCK_FLOATING_POINT,
          iqBitwidths: [...profile.bfpWidths],
          compressionTypes: [
            mp.CompressionType.COMPRESSION_TYPE_STATIC,
            mp.CompressionType.COMPRESSION_TYPE_DYNAMIC,
          ],
        },
        ...(profile.uncompressed
          ? [
              {
                compressionMethod: mp.CompressionMethod.COMPRESSION_METHOD_NONE,
                iqBitwidths: [16],
                compressionTypes: [mp.CompressionType.COMPRESSION_TYPE_STATIC],
              },
            ]
          : []),
      ],
    },
  };

  const answerMplane = (link: Link, frame: Frame) => {
    mplane.push({ at: Date.now(), type: frame.type, message: frame.message });
    const reply = <K extends MessageType>(
      type: K,
      message: MessageInitMap[K],
      outcome: 'successful' | 'unsuccessful' = 'successful',
    ) => void link.reply(frame, type, message, outcome).catch(() => {});
    switch (frame.type) {
      case 'oran.fronthaul.mplane.v1.GetCapabilitiesRequest':
        return reply('oran.fronthaul.mplane.v1.GetCapabilitiesResponse', { moduleCapability: capability });
      case 'oran.fronthaul.mplane.v1.SubscribeNotificationsRequest':
        return reply('oran.fronthaul.mplane.v1.SubscribeNotificationsResponse', { ok: true });
      case 'oran.fronthaul.mplane.v1.SupervisionWatchdogReset':
        return reply('oran.fronthaul.mplane.v1.SupervisionWatchdogResetResponse', {
          nextUpdateAtUnixMs: Date.now() + 1000,
        });
      case 'oran.fronthaul.mplane.v1.GetSyncStateRequest':
        return reply('oran.fronthaul.mplane.v1.GetSyncStateResponse', {
          syncState: locked() ? mp.SyncState.SYNC_STATE_LOCKED : mp.SyncState.SYNC_STATE_FREERUN,
        });
      case 'oran.fronthaul.mplane.v1.GetCarriersRequest':
        return reply('oran.fronthaul.mplane.v1.GetCarriersResponse', {});
      case 'oran.fronthaul.mplane.v1.EditConfigRequest': {
        const edit = frame.message as oran.fronthaul.mplane.v1.EditConfigRequest;
        for (const c of [...edit.txArrayCarriers, ...edit.rxArrayCarriers])
          carriers.set(c.name ?? '', { state: mp.CarrierState.CARRIER_STATE_INACTIVE });
        return reply('oran.fronthaul.mplane.v1.EditConfigResponse', { ok: true });
      }
      case 'oran.fronthaul.mplane.v1.SetCarrierStateRequest': {
        const { carrierName } = frame.message as oran.fronthaul.mplane.v1.SetCarrierStateRequest;
        const carrier = carriers.get(carrierName);
        if (!carrier || !locked()) {
          return reply(
            'oran.fronthaul.mplane.v1.SetCarrierStateResponse',
            {
              carrierName,
              state: mp.CarrierState.CARRIER_STATE_INACTIVE,
              rpcErrors: [{ errorTag: 'operation-failed', errorMessage: 'not locked' }],
            },
            'unsuccessful',
          );
        }
        carrier.state = mp.CarrierState.CARRIER_STATE_ACTIVE;
        return reply('oran.fronthaul.mplane.v1.SetCarrierStateResponse', {
          carrierName,
          state: carrier.state,
        });
      }
    }
  };

  const uplinkPrb = (
    samples: Int16Array,
    header: oran.fronthaul.cuplane.v1.UdCompHdr.$Properties | null | undefined,
  ): oran.fronthaul.cuplane.v1.Prb.$Properties => {
    if (header?.udCompMeth === cu.CompressionMethod.COMPRESSION_METHOD_NONE)
      return { uncompressedIq: encodeUncompressed(samples) };
    const prb = compressPrb(samples, header?.udIqWidth ?? 16);
    // A wrong exponent doubles every decompressed sample: the quibble bug.
    return {
      blockFloatingPoint: {
        exponent: prb.exponent + (options.doubleUplink ? 1 : 0),
        mantissas: prb.mantissas,
      },
    };
  };

  const answerCuplane = (link: Link, frame: Frame) => {
    if (frame.type === 'oran.fronthaul.cuplane.v1.LoopbackTestRequest') {
      const request = frame.message as oran.fronthaul.cuplane.v1.LoopbackTestRequest;
      loopbackUntil = Date.now() + request.durationMs;
      void link.reply(frame, 'oran.fronthaul.cuplane.v1.LoopbackTestResponse', {
        carrierName: request.carrierName,
        loopbackActive: true,
      });
      return;
    }
    if (
      frame.type !== 'oran.fronthaul.cuplane.v1.CPlaneMessage' &&
      frame.type !== 'oran.fronthaul.cuplane.v1.UPlaneMessage'
    )
      return;
    const message = frame.message as oran.fronthaul.cuplane.v1.CPlaneMessage &
      oran.fronthaul.cuplane.v1.UPlaneMessage;
    cuplane.push({ at: Date.now(), type: frame.type, message });
    if (frame.type === 'oran.fronthaul.cuplane.v1.UPlaneMessage' && Date.now() < loopbackUntil) {
      void link.send('oran.fronthaul.cuplane.v1.UPlaneMessage', {
        ...message,
        dataDirection: cu.DataDirection.DATA_DIRECTION_UL,
      });
      return;
    }
    if (
      frame.type !== 'oran.fronthaul.cuplane.v1.CPlaneMessage' ||
      message.dataDirection !== cu.DataDirection.DATA_DIRECTION_UL
    )
      return;
    const eaxcId = message.ecpriHeader?.eaxcId?.eaxcId ?? 0;
    void link.send('oran.fronthaul.cuplane.v1.UPlaneMessage', {
      ecpriHeader: { ...message.ecpriHeader, ecpriMessage: cu.EcpriMessageType.ECPRI_MESSAGE_TYPE_IQ_DATA },
      dataDirection: cu.DataDirection.DATA_DIRECTION_UL,
      payloadVersion: 1,
      frameId: message.frameId,
      subframeId: message.subframeId,
      slotId: message.slotId,
      symbolId: 0,
      sections: message.sections.map((s) => ({
        sectionId: s.sectionId,
        startPrbu: s.startPrbc,
        numPrbu: s.numPrbc,
        udCompHdr: message.udCompHdr,
        prbs: Array.from({ length: s.numPrbc ?? 0 }, (_, i) =>
          uplinkPrb(
            referenceIq(message.frameId, message.subframeId, message.slotId, eaxcId, (s.startPrbc ?? 0) + i),
            message.udCompHdr,
          ),
        ),
      })),
    });
  };

  const serve = async (
    iface: 'ofh-m' | 'ofh-cu',
    answer: (link: Link, frame: Frame) => void,
  ): Promise<LinkServer> =>
    listenLinks({
      spec: interfaceSpecs[iface],
      identity,
      logger: silent,
      port: await freePort(),
      onLink: (link) => {
        if (iface === 'ofh-m') mplaneLink = link;
        link.on('message', (frame) => {
          if (frame.header.pduKind === oran.common.v1.PduKind.PDU_KIND_INITIATING_MESSAGE)
            answer(link, frame);
        });
      },
    });
  const servers = [await serve('ofh-m', answerMplane), await serve('ofh-cu', answerCuplane)];
  return {
    instance,
    mplaneUrl: servers[0]!.url,
    cuplaneUrl: servers[1]!.url,
    mplane,
    cuplane,
    async dropLinks() {
      await Promise.all(
        servers.flatMap((s) => [...s.links].map((l) => l.close('going-away', 'scripted drop'))),
      );
    },
    reset() {
      const link = mplaneLink;
      if (!link) throw new Error('the O-DU has no M-plane link to this O-RU');
      const names = [...carriers.keys()];
      carriers.clear();
      started = Date.now();
      const now = Date.now();
      void link.send('oran.fronthaul.mplane.v1.CarrierStateChangeNotification', {
        carriers: names.map((carrierName) => ({
          carrierName,
          state: mp.CarrierState.CARRIER_STATE_INACTIVE,
        })),
        reason: 'reset',
        eventTimeUnixMs: now,
      });
      void link.send('oran.fronthaul.mplane.v1.SyncStateNotification', {
        syncState: mp.SyncState.SYNC_STATE_FREERUN,
        eventTimeUnixMs: now,
      });
      setTimeout(() => {
        void link.send('oran.fronthaul.mplane.v1.SyncStateNotification', {
          syncState: mp.SyncState.SYNC_STATE_LOCKED,
          eventTimeUnixMs: Date.now(),
        });
      }, lockAfterMs);
    },
    async close() {
      await Promise.all(servers.map((s) => s.close()));
    },
  };
}

export interface ScriptedRic {
  readonly url: string;
  /** E2 Setup requests received. */
  readonly setups: Received<oran.e2.v1.E2SetupRequest>[];
  readonly indications: Received<oran.e2.v1.RicIndication>[];
  /** The current E2 link, once the O-DU has dialled. */
  link(): Link;
  close(): Promise<void>;
}

/** Starts a scripted near-RT RIC serving e2 that accepts every RAN function offered. */
export async function scriptedRic(instance = 'ric-1'): Promise<ScriptedRic> {
  const setups: ScriptedRic['setups'] = [];
  const indications: ScriptedRic['indications'] = [];
  let current: Link | undefined;
  const server = await listenLinks({
    spec: interfaceSpecs.e2,
    identity: {
      instanceId: instance,
      vendorId: 'scripted-ric',
      role: 'near-rt-ric',
      productVersion: '0.0.1',
    },
    logger: silent,
    port: await freePort(),
    onLink: (link) => {
      current = link;
      link.on('message', (frame) => {
        if (frame.type === 'oran.e2.v1.RicIndication') {
          indications.push({
            at: Date.now(),
            type: frame.type,
            message: frame.message as oran.e2.v1.RicIndication,
          });
        }
        if (frame.type !== 'oran.e2.v1.E2SetupRequest') return;
        const request = frame.message as oran.e2.v1.E2SetupRequest;
        setups.push({ at: Date.now(), type: frame.type, message: request });
        void link.reply(frame, 'oran.e2.v1.E2SetupResponse', {
          globalRicId: { plmnId: '00101', nearRtRicId: 7 },
          ranFunctionsAccepted: request.ranFunctionsAdded.map((f) => ({
            ranFunctionId: f.ranFunctionId,
            ranFunctionRevision: f.ranFunctionRevision,
          })),
        });
      });
    },
  });
  return {
    url: server.url,
    setups,
    indications,
    link() {
      if (!current) throw new Error('the O-DU has not dialled the RIC yet');
      return current;
    },
    close: () => server.close(),
  };
}

/** Air clock and timers short enough for tests: 100 slots/s, 1 s supervision interval. */
export function testSettings(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    clock: { epochUnixMs: Date.now(), slotRatePerSecond: 100 },
    kpmPeriodMs: 300,
    mplaneSupervision: { notificationIntervalS: 1, guardTimerOverheadS: 2 },
    ...overrides,
  };
}

/** Spawns an O-DU vendor dialling the given scripted O-RUs and RIC. */
export function spawnODu(
  vendor: 'cellwright' | 'baseloom',
  peers: { rus?: readonly ScriptedRu[]; ric?: ScriptedRic },
  settings: Record<string, unknown> = testSettings(),
): VendorProcess {
  return spawnVendor(join(vendorsDir, vendor, 'main.ts'), {
    instance: 'du-1',
    vendor,
    role: 'o-du',
    peers: [
      ...(peers.rus ?? []).flatMap((ru) => [
        { interface: 'ofh-m' as const, instance: ru.instance, url: ru.mplaneUrl },
        { interface: 'ofh-cu' as const, instance: ru.instance, url: ru.cuplaneUrl },
      ]),
      ...(peers.ric ? [{ interface: 'e2' as const, instance: 'ric-1', url: peers.ric.url }] : []),
    ],
    settings,
  });
}

/** The cell du-1 serves. */
export const du1Cell = { plmnId: '00101', nrCellIdentity: '000000010' };

/** The measurements the RIC of the brief subscribes to. */
export const briefMeasurements = [
  'DRB.UEThpDl',
  'DRB.UEThpUl',
  'RRU.PrbUsedDl',
  'RRU.PrbUsedUl',
  'RRU.PrbAvailDl',
  'RRC.ConnMean',
];

/** A KPM RicSubscriptionRequest as the brief's RIC sends it. */
export function kpmSubscription(
  instance: number,
  options: { periodMs?: number; names?: readonly string[]; ranFunctionId?: number; actionType?: number } = {},
): oran.e2.v1.RicSubscriptionRequest.$Properties {
  const { periodMs = 300, names = briefMeasurements, ranFunctionId = 2 } = options;
  const kpm = oran.e2sm.kpm.v1;
  return {
    ricRequestId: { ricRequestorId: 1001, ricInstanceId: instance },
    ranFunctionId,
    ricSubscriptionDetails: {
      ricEventTriggerDefinition: kpm.EventTriggerDefinition.encode({
        format1: { reportingPeriodMs: periodMs },
      }).finish(),
      ricActionToBeSetupList: [
        {
          ricActionId: 1,
          ricActionType: options.actionType ?? oran.e2.v1.RicActionType.RIC_ACTION_TYPE_REPORT,
          ricActionDefinition: kpm.ActionDefinition.encode({
            ricStyleType: 1,
            format1: {
              measInfoList: names.map((measName) => ({ measName })),
              granularityPeriodMs: periodMs,
              cellGlobalId: du1Cell,
            },
          }).finish(),
        },
      ],
    },
  };
}

/** An RC slice PRB quota RicControlRequest as the brief's closed loop sends it. */
export function sliceQuotaControl(
  instance: number,
  quota: {
    max: number;
    min?: number;
    cell?: { plmnId: string; nrCellIdentity: string };
    ranFunctionId?: number;
  },
): oran.e2.v1.RicControlRequest.$Properties {
  const rc = oran.e2sm.rc.v1;
  return {
    ricRequestId: { ricRequestorId: 1002, ricInstanceId: instance },
    ranFunctionId: quota.ranFunctionId ?? 3,
    ricControlHeader: rc.ControlHeader.encode({
      format1: { ricStyleType: 2, ricControlActionId: 6 },
    }).finish(),
    ricControlMessage: rc.ControlMessage.encode({
      slicePrbQuota: {
        cellGlobalId: quota.cell ?? du1Cell,
        rrmPolicyRatioList: [
          {
            plmnId: '00101',
            snssai: { sst: 1, sd: '000001' },
            minPrbPolicyRatio: quota.min ?? 0,
            maxPrbPolicyRatio: quota.max,
            dedicatedPrbPolicyRatio: 0,
          },
        ],
      },
    }).finish(),
    ricControlAckRequest: oran.e2.v1.RicControlAckRequest.RIC_CONTROL_ACK_REQUEST_ACK,
  };
}

/** Decodes the KPM values of an indication, by measurement name. */
export function kpmValues(indication: oran.e2.v1.RicIndication): {
  names: string[];
  values: Record<string, number>[];
} {
  const message = oran.e2sm.kpm.v1.IndicationMessage.decode(indication.ricIndicationMessage).format1!;
  const names = (message.measInfoList ?? []).map((m) => m.measName ?? '');
  const values = (message.measData ?? []).map((d) =>
    Object.fromEntries((d.measRecord ?? []).map((r, i) => [names[i]!, r.real ?? r.integer ?? Number.NaN])),
  );
  return { names, values };
}
