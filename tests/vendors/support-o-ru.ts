/**
 * A scripted O-DU for the O-RU vendor tests: it starts a built-in O-RU as a real process, dials
 * its ofh-m and ofh-cu links with src/transport, and keeps what the O-RU sends unasked
 * (notifications, UL U-plane) for the test to read.
 */
import { join } from 'node:path';
import { pino } from 'pino';
import {
  type AirClock,
  type AirTime,
  airClock,
  type Compression,
  compressPrb,
  samplesPerPrb,
} from '../../src/ran/index.js';
import { connectLink, type Link } from '../../src/transport/index.js';
import {
  type Frame,
  interfaceSpecs,
  type MessageInitMap,
  type MessageTypeMap,
  oran,
} from '../../src/wire/index.js';
import { until } from '../support/links.js';
import { freePort, spawnVendor, type VendorProcess } from '../support/processes.js';
import { repoRoot } from '../support/topologies.js';

const mp = oran.fronthaul.mplane.v1;
const cu = oran.fronthaul.cuplane.v1;

export type ORuVendor = 'ruvello' | 'korimo' | 'quibble';

/** A carrier pair the O-RU supports, as an O-DU would negotiate it. */
export interface CarrierPlan {
  readonly bandwidthMhz: number;
  readonly scsKhz: 15 | 30;
  readonly compression: Compression;
  readonly prbCount: number;
}

export const plans: Record<ORuVendor, CarrierPlan> = {
  ruvello: { bandwidthMhz: 100, scsKhz: 30, compression: { method: 'bfp', iqWidth: 9 }, prbCount: 273 },
  korimo: { bandwidthMhz: 40, scsKhz: 30, compression: { method: 'bfp', iqWidth: 9 }, prbCount: 106 },
  quibble: { bandwidthMhz: 100, scsKhz: 30, compression: { method: 'bfp', iqWidth: 9 }, prbCount: 273 },
};

/** Tx eAxC = range min, rx = min + 1, as the O-DUs configure them. */
export const txEaxcId = 0;
export const rxEaxcId = 1;
export const txName = 'tx-ru-1';
export const rxName = 'rx-ru-1';

/** Slots of 50 ms: a timing window of +-1 slot that a loaded CI machine still meets. */
export const slotRatePerSecond = 20;

type MplaneType = Extract<keyof MessageTypeMap, `oran.fronthaul.mplane.v1.${string}`>;
type CuplaneType = Extract<keyof MessageTypeMap, `oran.fronthaul.cuplane.v1.${string}`>;

const silent = pino({ level: 'silent' });

export class ScriptedODu {
  /** Initiating messages the O-RU sent on ofh-m (notifications). */
  readonly notifications: Frame[] = [];
  /** UL U-plane messages the O-RU sent on ofh-cu. */
  readonly uplink: Array<Frame<'oran.fronthaul.cuplane.v1.UPlaneMessage'>> = [];
  readonly clock: AirClock;
  #m: Link | undefined;
  #cu: Link | undefined;
  readonly #sequence = new Map<string, number>();

  private constructor(
    readonly vendor: ORuVendor,
    readonly ru: VendorProcess,
    readonly plan: CarrierPlan,
    epochUnixMs: number,
  ) {
    this.clock = airClock({ epochUnixMs, slotRatePerSecond, scsKhz: plan.scsKhz });
  }

  /** Starts the vendor's O-RU process and dials both its links. */
  static async start(vendor: ORuVendor, settings: Record<string, unknown> = {}): Promise<ScriptedODu> {
    const [mPort, cuPort] = [await freePort(), await freePort()];
    const epochUnixMs = Date.now() - 60_000;
    const ru = spawnVendor(join(repoRoot, 'vendors', vendor, 'main.ts'), {
      instance: 'ru-1',
      vendor,
      role: 'o-ru',
      listen: { 'ofh-m': { port: mPort }, 'ofh-cu': { port: cuPort } },
      settings: { clock: { epochUnixMs, slotRatePerSecond }, ...settings },
    });
    const du = new ScriptedODu(vendor, ru, plans[vendor], epochUnixMs);
    await ru.ready;
    await du.connect();
    return du;
  }

  get m(): Link {
    return this.#m!;
  }

  get cu(): Link {
    return this.#cu!;
  }

  /** Dials (again, after a reset closed them) ofh-m and ofh-cu, and subscribes to notifications. */
  async connect(): Promise<void> {
    const ready = await this.ru.ready;
    const dial = async (iface: 'ofh-m' | 'ofh-cu') =>
      connectLink({
        url: `${ready.listen[iface]}/${iface}`,
        spec: interfaceSpecs[iface],
        identity: { instanceId: 'du-test', vendorId: 'scripted-du', role: 'o-du', productVersion: '0.0.1' },
        logger: silent,
      });
    this.#m = await dial('ofh-m');
    this.#cu = await dial('ofh-cu');
    this.#m.on('message', (frame) => this.notifications.push(frame));
    this.#cu.on('message', (frame) => {
      if (frame.type === 'oran.fronthaul.cuplane.v1.UPlaneMessage') {
        this.uplink.push(frame as Frame<'oran.fronthaul.cuplane.v1.UPlaneMessage'>);
      }
    });
    const subscribed = await this.request('oran.fronthaul.mplane.v1.SubscribeNotificationsRequest', {
      stream: 'NETCONF',
    });
    if (subscribed.header.pduKind !== oran.common.v1.PduKind.PDU_KIND_SUCCESSFUL_OUTCOME) {
      throw new Error('subscription refused');
    }
  }

  async close(): Promise<void> {
    await Promise.all([this.#m?.close(), this.#cu?.close()]);
    await this.ru.stop();
  }

  request<K extends MplaneType>(type: K, message: MessageInitMap[K]): Promise<Frame> {
    return this.m.request(type, message);
  }

  cuRequest<K extends CuplaneType>(type: K, message: MessageInitMap[K]): Promise<Frame> {
    return this.cu.request(type, message);
  }

  /** The first notification of `type` that matches, waiting up to `timeoutMs`. */
  async notification<K extends MplaneType>(
    type: K,
    matches: (message: MessageTypeMap[K]) => boolean = () => true,
    timeoutMs = 3000,
  ): Promise<MessageTypeMap[K]> {
    const find = () =>
      this.notifications.find((f) => f.type === type && matches(f.message as MessageTypeMap[K]));
    await until(() => find() !== undefined, timeoutMs, `a ${type}`);
    return find()!.message as MessageTypeMap[K];
  }

  /** The carriers of the plan, INACTIVE, with eAxC ids tx / rx (override any field). */
  carriersEdit(
    overrides: { tx?: Partial<CarrierWire>; rx?: Partial<CarrierWire> } = {},
  ): MessageInitMap['oran.fronthaul.mplane.v1.EditConfigRequest'] {
    const base = carrierWire(this.plan);
    return {
      operation: mp.EditOperation.EDIT_OPERATION_MERGE,
      txArrayCarriers: [{ ...base, name: txName, eaxcIds: [txEaxcId], ...overrides.tx }],
      rxArrayCarriers: [{ ...base, name: rxName, eaxcIds: [rxEaxcId], ...overrides.rx }],
    };
  }

  /** Polls the sync state until LOCKED (the O-RUs lock about 200 ms after start or reset). */
  async waitLocked(timeoutMs = 3000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const answer = await this.request('oran.fronthaul.mplane.v1.GetSyncStateRequest', {});
      const state = (answer.message as oran.fronthaul.mplane.v1.GetSyncStateResponse).syncState;
      if (state === mp.SyncState.SYNC_STATE_LOCKED) return;
      if (Date.now() > deadline) throw new Error(`sync is ${mp.SyncState[state]} after ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** Configures the plan's carriers and activates both, once sync is LOCKED. */
  async activateCarriers(): Promise<void> {
    await this.waitLocked();
    const edit = await this.request('oran.fronthaul.mplane.v1.EditConfigRequest', this.carriersEdit());
    expectSuccess(edit);
    for (const carrierName of [txName, rxName]) {
      expectSuccess(
        await this.request('oran.fronthaul.mplane.v1.SetCarrierStateRequest', {
          carrierName,
          desiredState: mp.ActiveState.ACTIVE_STATE_ACTIVE,
        }),
      );
    }
  }

  /** The air slot now, or `offset` slots from it. */
  airTime(offset = 0): AirTime {
    return this.clock.slotTime(this.clock.at(Date.now()).absoluteSlot + offset);
  }

  /** The next eCPRI sequence id of the plane and eAxC (wrapping at 256). */
  nextSequenceId(plane: 'c' | 'u', eaxcId: number): number {
    const key = `${plane}/${eaxcId}`;
    const id = this.#sequence.get(key) ?? 0;
    this.#sequence.set(key, (id + 1) % 256);
    return id;
  }

  /** A section type 1 C-plane message for the slot, with the plan's udCompHdr. */
  cPlane(
    direction: 'dl' | 'ul',
    at: AirTime,
    section: { startPrbc: number; numPrbc: number },
    options: { sequenceId?: number; udCompHdr?: oran.fronthaul.cuplane.v1.UdCompHdr.$Properties } = {},
  ): MessageInitMap['oran.fronthaul.cuplane.v1.CPlaneMessage'] {
    const eaxcId = direction === 'dl' ? txEaxcId : rxEaxcId;
    return {
      ecpriHeader: {
        ecpriVersion: 1,
        ecpriMessage: cu.EcpriMessageType.ECPRI_MESSAGE_TYPE_REAL_TIME_CONTROL,
        eaxcId: { eaxcId },
        sequenceId: options.sequenceId ?? this.nextSequenceId('c', eaxcId),
        eBit: true,
      },
      dataDirection:
        direction === 'dl' ? cu.DataDirection.DATA_DIRECTION_DL : cu.DataDirection.DATA_DIRECTION_UL,
      payloadVersion: 1,
      frameId: at.frameId,
      subframeId: at.subframe,
      slotId: at.slot,
      startSymbolId: 0,
      numberOfSections: 1,
      sectionType: cu.SectionType.SECTION_TYPE_1,
      udCompHdr: options.udCompHdr ?? udCompHdrOf(this.plan.compression),
      sections: [{ sectionId: 1, ...section, reMask: 0xfff, numSymbol: 14 }],
    };
  }

  /** A DL U-plane message for the slot carrying `samples` (whole PRBs) from startPrb, compressed. */
  dlUPlane(
    at: AirTime,
    startPrb: number,
    samples: Int16Array,
  ): MessageInitMap['oran.fronthaul.cuplane.v1.UPlaneMessage'] {
    const numPrb = samples.length / samplesPerPrb;
    const { iqWidth } = this.plan.compression;
    return {
      ecpriHeader: {
        ecpriVersion: 1,
        ecpriMessage: cu.EcpriMessageType.ECPRI_MESSAGE_TYPE_IQ_DATA,
        eaxcId: { eaxcId: txEaxcId },
        sequenceId: this.nextSequenceId('u', txEaxcId),
        eBit: true,
      },
      dataDirection: cu.DataDirection.DATA_DIRECTION_DL,
      payloadVersion: 1,
      frameId: at.frameId,
      subframeId: at.subframe,
      slotId: at.slot,
      symbolId: 0,
      sections: [
        {
          sectionId: 1,
          startPrbu: startPrb,
          numPrbu: numPrb,
          udCompHdr: udCompHdrOf(this.plan.compression),
          prbs: Array.from({ length: numPrb }, (_, i) => ({
            blockFloatingPoint: compressPrb(
              samples.subarray(i * samplesPerPrb, (i + 1) * samplesPerPrb),
              iqWidth,
            ),
          })),
        },
      ],
    };
  }
}

type CarrierWire = oran.fronthaul.mplane.v1.TxArrayCarrier.$Properties;

export function carrierWire(plan: CarrierPlan): CarrierWire {
  return {
    centerOfChannelBandwidthKhz: 3_500_000,
    channelBandwidthKhz: plan.bandwidthMhz * 1000,
    subcarrierSpacing:
      plan.scsKhz === 15
        ? mp.SubcarrierSpacing.SUBCARRIER_SPACING_15_KHZ
        : mp.SubcarrierSpacing.SUBCARRIER_SPACING_30_KHZ,
    compression: {
      compressionMethod:
        plan.compression.method === 'bfp'
          ? mp.CompressionMethod.COMPRESSION_METHOD_BLOCK_FLOATING_POINT
          : mp.CompressionMethod.COMPRESSION_METHOD_NONE,
      iqBitwidth: plan.compression.iqWidth,
      compressionType: mp.CompressionType.COMPRESSION_TYPE_DYNAMIC,
    },
    gainDb: 0,
    active: mp.ActiveState.ACTIVE_STATE_INACTIVE,
  };
}

export function udCompHdrOf(compression: Compression): oran.fronthaul.cuplane.v1.UdCompHdr.$Properties {
  return {
    udCompMeth:
      compression.method === 'bfp'
        ? cu.CompressionMethod.COMPRESSION_METHOD_BLOCK_FLOATING_POINT
        : cu.CompressionMethod.COMPRESSION_METHOD_NONE,
    udIqWidth: compression.iqWidth,
  };
}

export function expectSuccess(frame: Frame): void {
  if (frame.header.pduKind !== oran.common.v1.PduKind.PDU_KIND_SUCCESSFUL_OUTCOME) {
    throw new Error(`${frame.type} was refused: ${JSON.stringify(frame.message)}`);
  }
}

export function isUnsuccessful(frame: Frame): boolean {
  return frame.header.pduKind === oran.common.v1.PduKind.PDU_KIND_UNSUCCESSFUL_OUTCOME;
}
