/**
 * The O-DU's side of Open Fronthaul, for all its O-RUs: the M-plane start-up on each ready ofh-m
 * link, the M-plane notifications, the CU-plane to each O-RU in service, its UL check and its
 * loopback test. Each O-RU stands alone: one incompatible, refused or down leaves the others (and
 * E2) running; its carrier leaves the radio and the UEs move to the carriers that remain.
 */
import type { Logger } from 'pino';
import type { AirTime, DuPreference } from '../../../src/ran/index.js';
import { oran, type Session } from '../../../src/sdk/index.js';
import { CuPlaneProducer } from './cu-plane-producer.js';
import { isLoopedBack, LoopbackTest } from './loopback.js';
import { bringUpRadioUnit } from './mplane-client.js';
import type { Radio, RadioSlot } from './radio.js';
import { RadioUnit } from './radio-unit.js';
import type { SupervisionTimers } from './supervision.js';
import { UplinkChecker } from './uplink-checker.js';

const mp = oran.fronthaul.mplane.v1;
/** What the O-DU reads of a link close (the SDK's onClose event). */
type LinkCloseEventLike = { readonly code: number; readonly reason: string };
/** How often the UL EVM (and any skipped CU-plane slots) is logged, ms. */
const uplinkReportMs = 1000;

/** The O-DU's fronthaul preference and timers, the radio its carriers join, and its logger. */
export interface FronthaulOptions {
  readonly preference: DuPreference;
  readonly supervision: SupervisionTimers;
  readonly radio: Radio;
  readonly logger: Logger;
}

interface UnitParts {
  readonly unit: RadioUnit;
  readonly producer: CuPlaneProducer;
  readonly uplink: UplinkChecker;
  loopback?: LoopbackTest | undefined;
  loopbackDone: boolean;
  stopSupervision?: (() => void) | undefined;
}

/** Every O-RU of the O-DU, with its M-plane start-up, CU-plane producer and checks. */
export class Fronthaul {
  readonly #units = new Map<string, UnitParts>();
  readonly #timer: NodeJS.Timeout;
  #stopping = false;

  constructor(private readonly options: FronthaulOptions) {
    this.#timer = setInterval(() => {
      for (const parts of this.#units.values()) {
        parts.uplink.report();
        const { producer, unit } = parts;
        if (producer.skipped === 0) continue;
        this.options.logger.warn({ ru: unit.ru, skipped: producer.skipped }, 'cu-plane slots skipped');
        producer.skipped = 0;
      }
    }, uplinkReportMs);
  }

  /** The O-RUs known so far, by instance. */
  get units(): ReadonlyMap<string, RadioUnit> {
    return new Map([...this.#units].map(([ru, parts]) => [ru, parts.unit]));
  }

  onMplaneReady(session: Session<'ofh-m'>): void {
    const parts = this.#partsOf(session.peer.instanceId);
    parts.unit.mplane = session;
    this.#bringUp(parts, session);
  }

  onMplaneClose(session: Session<'ofh-m'>, event: LinkCloseEventLike): void {
    const parts = this.#partsOf(session.peer.instanceId);
    if (parts.unit.mplane !== session) return;
    parts.stopSupervision?.();
    parts.stopSupervision = undefined;
    parts.unit.mplane = undefined;
    parts.unit.phase = 'connecting';
    this.#linkDown(parts, 'ofh-m', event);
  }

  onCuplaneReady(session: Session<'ofh-cu'>): void {
    const parts = this.#partsOf(session.peer.instanceId);
    parts.unit.cuplane = session;
    this.#refresh(parts);
  }

  onCuplaneClose(session: Session<'ofh-cu'>, event: LinkCloseEventLike): void {
    const parts = this.#partsOf(session.peer.instanceId);
    if (parts.unit.cuplane !== session) return;
    parts.unit.cuplane = undefined;
    this.#linkDown(parts, 'ofh-cu', event);
  }

  onSyncState(
    notification: oran.fronthaul.mplane.v1.SyncStateNotification,
    session: Session<'ofh-m'>,
  ): undefined {
    const { unit } = this.#partsOf(session.peer.instanceId);
    unit.syncState = notification.syncState;
    this.options.logger.info(
      { ru: unit.ru, syncState: mp.SyncState[notification.syncState] },
      'o-ru sync state',
    );
    unit.notified();
    // An O-RU that reset or lost sync comes back LOCKED with its carriers inactive: set them up again.
    if (
      notification.syncState === mp.SyncState.SYNC_STATE_LOCKED &&
      unit.phase === 'inactive' &&
      unit.mplane === session
    ) {
      this.options.logger.info({ ru: unit.ru }, 'o-ru carriers set up again');
      this.#bringUp(this.#partsOf(unit.ru), session);
    }
    return undefined;
  }

  onCarrierState(
    notification: oran.fronthaul.mplane.v1.CarrierStateChangeNotification,
    session: Session<'ofh-m'>,
  ): undefined {
    const parts = this.#partsOf(session.peer.instanceId);
    const { unit } = parts;
    const ours = notification.carriers.filter(
      (c) => c.carrierName === unit.txCarrier || c.carrierName === unit.rxCarrier,
    );
    unit.notified();
    const down = ours.filter((c) => c.state !== mp.CarrierState.CARRIER_STATE_ACTIVE);
    if (down.length === 0 || unit.phase !== 'active') return undefined;
    unit.phase = 'inactive';
    this.options.logger.warn(
      {
        ru: unit.ru,
        carriers: down.map((c) => ({ carrier: c.carrierName, state: mp.CarrierState[c.state ?? 0] })),
        reason: notification.reason,
      },
      'carrier inactive',
    );
    this.#refresh(parts);
    return undefined;
  }

  onAlarm(notification: oran.fronthaul.mplane.v1.AlarmNotification, session: Session<'ofh-m'>): undefined {
    const alarm = notification.alarm;
    const fields = {
      ru: session.peer.instanceId,
      faultId: alarm?.faultId,
      faultSeverity: alarm ? mp.FaultSeverity[alarm.faultSeverity ?? 0] : undefined,
      faultText: alarm?.faultText,
      affectedObjects: alarm?.affectedObjects,
      isCleared: alarm?.isCleared ?? false,
    };
    if (fields.isCleared) this.options.logger.info(fields, 'o-ru alarm cleared');
    else this.options.logger.warn(fields, 'o-ru alarm');
    return undefined;
  }

  onUplink(message: oran.fronthaul.cuplane.v1.UPlaneMessage, session: Session<'ofh-cu'>): undefined {
    const parts = this.#partsOf(session.peer.instanceId);
    if (isLoopedBack(message, parts.unit)) parts.loopback?.receive(message);
    else parts.uplink.receive(message);
    return undefined;
  }

  /** Sends each O-RU in service its share of the slot. */
  sendSlot(time: AirTime, slot: RadioSlot): void {
    for (const [ru, result] of slot.carriers) this.#units.get(ru)?.producer.sendSlot(time, result);
  }

  /** Stops supervision and the UL reports; links closing from now on are this O-DU's own doing. */
  stop(): void {
    this.#stopping = true;
    clearInterval(this.#timer);
    for (const parts of this.#units.values()) parts.stopSupervision?.();
  }

  #partsOf(ru: string): UnitParts {
    let parts = this.#units.get(ru);
    if (!parts) {
      const unit = new RadioUnit(ru);
      const producer = new CuPlaneProducer(unit, this.options.logger);
      parts = { unit, producer, uplink: new UplinkChecker(unit, this.options.logger), loopbackDone: false };
      this.#units.set(ru, parts);
    }
    return parts;
  }

  /** Runs the M-plane start-up on this session; supervision from an older session is stopped. */
  #bringUp(parts: UnitParts, session: Session<'ofh-m'>): void {
    void bringUpRadioUnit(parts.unit, session, {
      ...this.options,
      onSupervision: (_unit, stop) => {
        if (parts.unit.mplane !== session) return stop();
        parts.stopSupervision?.();
        parts.stopSupervision = stop;
      },
      onActive: () => {
        parts.loopbackDone = false;
        this.#refresh(parts);
      },
    });
  }

  #linkDown(parts: UnitParts, iface: 'ofh-m' | 'ofh-cu', event: LinkCloseEventLike): void {
    const fields = { ru: parts.unit.ru, interface: iface, code: event.code, reason: event.reason };
    if (this.#stopping) this.options.logger.debug(fields, 'fronthaul link closed');
    else this.options.logger.warn(fields, 'fronthaul link down');
    this.#refresh(parts);
  }

  /** Puts the O-RU's carrier in or out of the radio to match its state; a new one gets its loopback test. */
  #refresh(parts: UnitParts): void {
    const { unit } = parts;
    const { radio } = this.options;
    const serving = radio.carriers.has(unit.ru);
    if (unit.inService && !serving) {
      radio.setCarrier(unit.ru, unit.profile);
      this.options.logger.info(
        { ru: unit.ru, carriersInService: [...radio.carriers.keys()] },
        'cu-plane started',
      );
    } else if (!unit.inService && serving) {
      radio.setCarrier(unit.ru, undefined);
      this.options.logger.info(
        { ru: unit.ru, carriersInService: [...radio.carriers.keys()] },
        'cu-plane stopped',
      );
    }
    if (unit.inService && !parts.loopbackDone) {
      parts.loopbackDone = true;
      const test = new LoopbackTest(unit, parts.producer, this.options.logger);
      parts.loopback = test;
      void test.run().finally(() => {
        if (parts.loopback === test) parts.loopback = undefined;
      });
    }
  }
}
