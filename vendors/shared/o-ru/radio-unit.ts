/**
 * One running O-RU: its datastore, sync, alarms, supervision watchdog, software slots, CU-plane
 * receiver and loopbacks, and what ties them together - activation needs sync LOCKED, loss of
 * supervision deactivates the carriers and raises an alarm, a reset starts everything over.
 * The M-plane and CU-plane handlers are thin translations onto this.
 */
import type { Logger } from 'pino';
import { type AirClock, airClock } from '../../../src/ran/index.js';
import { oran } from '../../../src/sdk/index.js';
import { AlarmList, faults } from './alarms.js';
import { CarrierStore } from './carrier-store.js';
import { CuPlaneReceiver } from './cu-plane-receiver.js';
import type { BfpCodec } from './iq-codec.js';
import { Loopbacks } from './loopback.js';
import { NotificationHub } from './notifications.js';
import type { ORuProfile } from './profile.js';
import { SequenceCounter } from './sequence-ids.js';
import type { ORuSettings } from './settings.js';
import { SoftwareSlots } from './software.js';
import { SupervisionWatchdog, type WatchdogTimes } from './supervision.js';
import { SyncSource } from './sync.js';

const { CarrierState, SyncState } = oran.fronthaul.mplane.v1;

export interface RadioUnitOptions {
  readonly profile: ORuProfile;
  /** The vendor's own BFP implementation. */
  readonly codec: BfpCodec;
  readonly settings: ORuSettings;
  readonly instance: string;
  readonly logger: Logger;
}

export class RadioUnit {
  readonly profile: ORuProfile;
  readonly codec: BfpCodec;
  readonly logger: Logger;
  readonly serialNumber: string;
  readonly sync: SyncSource;
  readonly carriers: CarrierStore;
  readonly alarms = new AlarmList();
  readonly notifications: NotificationHub;
  readonly watchdog: SupervisionWatchdog;
  readonly software: SoftwareSlots;
  readonly receiver: CuPlaneReceiver;
  readonly loopbacks: Loopbacks;
  /** Sequence ids of the UL U-plane messages the O-RU sends, per eAxC. */
  readonly uplinkSequence = new SequenceCounter();
  readonly #clocks = new Map<number, AirClock>();
  readonly #settings: ORuSettings;

  constructor(options: RadioUnitOptions) {
    const { profile, logger, settings } = options;
    this.profile = profile;
    this.codec = options.codec;
    this.logger = logger;
    this.#settings = settings;
    this.serialNumber = settings.serialNumber ?? `${profile.model}-${options.instance}`;
    this.notifications = new NotificationHub(logger);
    this.sync = new SyncSource(settings.syncLockDelayMs, (state) => {
      logger.info({ syncState: SyncState[state]?.replace('SYNC_STATE_', '') }, 'sync state changed');
      this.notifications.publish('oran.fronthaul.mplane.v1.SyncStateNotification', {
        syncState: state,
        eventTimeUnixMs: Date.now(),
      });
    });
    this.carriers = new CarrierStore(profile, () => (this.sync.locked ? undefined : this.sync.describe()));
    this.watchdog = new SupervisionWatchdog(
      (times) => this.#supervisionLost(times),
      () =>
        this.notifications.publish('oran.fronthaul.mplane.v1.SupervisionNotification', {
          eventTimeUnixMs: Date.now(),
        }),
    );
    this.software = new SoftwareSlots(`${profile.model}-${profile.softwareVersion}`);
    this.receiver = new CuPlaneReceiver(this.carriers, (scs) => this.clockFor(scs), logger);
    this.loopbacks = new Loopbacks(logger);
  }

  start(): void {
    this.sync.start();
  }

  stop(): void {
    this.sync.stop();
    this.watchdog.stop();
    this.loopbacks.stopAll('stopping');
  }

  /** The shared air clock at a carrier's SCS (the topology's epoch and slot rate). */
  clockFor(scsKhz: number): AirClock {
    let clock = this.#clocks.get(scsKhz);
    if (!clock) {
      clock = airClock({ ...this.#settings.clock, scsKhz });
      this.#clocks.set(scsKhz, clock);
    }
    return clock;
  }

  /** Logs and notifies carriers that changed state. */
  carriersChanged(names: readonly string[], active: boolean, reason: string): void {
    if (names.length === 0) return;
    const state = active ? CarrierState.CARRIER_STATE_ACTIVE : CarrierState.CARRIER_STATE_INACTIVE;
    for (const carrier of names) {
      this.logger.info({ carrier, state: active ? 'ACTIVE' : 'INACTIVE', reason }, 'carrier state changed');
      if (!active) this.loopbacks.stop(carrier, `carrier deactivated: ${reason}`);
    }
    this.notifications.publish('oran.fronthaul.mplane.v1.CarrierStateChangeNotification', {
      carriers: names.map((carrierName) => ({ carrierName, state })),
      reason,
      eventTimeUnixMs: Date.now(),
    });
  }

  /** A supervision-watchdog-reset: restarts the watchdog, ending a loss of supervision. */
  resetWatchdog(intervalS: number, guardS: number): number {
    const { nextUpdateAtUnixMs, resumed, times } = this.watchdog.reset(intervalS, guardS);
    this.logger.debug({ ...times }, 'supervision watchdog reset');
    if (resumed) {
      this.logger.info({ ...times }, 'supervision resumed');
      const cleared = this.alarms.clear(faults.supervisionFailure);
      if (cleared) this.#publishAlarm(cleared);
    }
    return nextUpdateAtUnixMs;
  }

  /** o-ran-operations reset: as if the O-RU restarted (the caller then closes its links). */
  reset(): void {
    this.logger.info({}, 'o-ru reset');
    this.carriersChanged(this.carriers.deactivateAll(), false, 'reset');
    this.loopbacks.stopAll('reset');
    this.carriers.clear();
    this.watchdog.stop();
    this.alarms.reset();
    this.receiver.reset();
    this.uplinkSequence.reset();
    this.sync.start();
  }

  #supervisionLost(times: WatchdogTimes): void {
    const deactivated = this.carriers.deactivateAll();
    this.logger.warn({ ...times, carriers: deactivated }, 'supervision lost');
    this.carriersChanged(deactivated, false, 'supervision loss');
    const alarm = this.alarms.raise(
      faults.supervisionFailure,
      this.carriers.entries().map((e) => e.carrier.name),
    );
    if (alarm) this.#publishAlarm(alarm);
  }

  #publishAlarm(alarm: oran.fronthaul.mplane.v1.Alarm.$Properties): void {
    const fields = {
      faultId: alarm.faultId,
      faultText: alarm.faultText,
      affectedObjects: alarm.affectedObjects,
    };
    if (alarm.isCleared) this.logger.info(fields, 'alarm cleared');
    else this.logger.warn(fields, 'alarm raised');
    this.notifications.publish('oran.fronthaul.mplane.v1.AlarmNotification', { alarm });
  }
}
