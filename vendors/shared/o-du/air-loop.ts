/**
 * The O-DU's slot loop on the shared air clock. At each slot boundary the scheduler runs up to
 * one slot ahead of the air (and any slots a stalled event loop missed, so the KPM counts every
 * slot of air time), the KPM accumulators hear of each slot, and each O-RU in service gets its
 * C-plane and U-plane. Sending one slot ahead is the O-DU's transmission advance (WG4.CUS T1a):
 * the O-RU's window takes a message up to one slot either side of the air, so a slot sent ahead
 * stays on time even when this process or the O-RU is a slot late. Slots already in the past are
 * scheduled but not sent: the O-RU would only count them late.
 */
import type { Logger } from 'pino';
import { type AirClock, airClock } from '../../../src/ran/index.js';
import type { Fronthaul } from './fronthaul.js';
import type { Radio } from './radio.js';
import type { DuSettings } from './settings.js';
import type { SlotFeed } from './slot-feed.js';

/** Most slots scheduled in one tick after a stall; older ones are dropped from the KPM too. */
const maxCatchUpSlots = 1000;
/** Slots the messages go ahead of the air. */
const advanceSlots = 1;
/** Timers may fire a fraction of a millisecond before the boundary they were set for. */
const boundaryMarginMs = 0.5;

/** What the slot loop drives: the radio to schedule, the fronthaul to send on, the KPM feed. */
export interface AirLoopOptions {
  readonly clock: DuSettings['clock'];
  readonly scsKhz: number;
  readonly radio: Radio;
  readonly fronthaul: Fronthaul;
  readonly slots: SlotFeed;
  readonly logger: Logger;
}

/** The slot loop; `start` waits for the epoch if it is still ahead. */
export class AirLoop {
  readonly #clock: AirClock;
  /** The last slot scheduled. */
  #last: number | undefined;
  #timer: NodeJS.Timeout | undefined;
  #stopped = false;

  constructor(private readonly options: AirLoopOptions) {
    this.#clock = airClock({ ...options.clock, scsKhz: options.scsKhz });
  }

  start(): void {
    const { epochUnixMs, slotRatePerSecond } = this.#clock;
    this.options.logger.info(
      { epochUnixMs, slotRatePerSecond, scsKhz: this.options.scsKhz },
      'air clock started',
    );
    this.#schedule(Math.max(0, epochUnixMs - Date.now()));
  }

  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#timer);
  }

  #schedule(delayMs: number): void {
    if (this.#stopped) return;
    this.#timer = setTimeout(() => this.#tick(), delayMs);
  }

  #tick(): void {
    const now = Date.now();
    if (now < this.#clock.epochUnixMs) {
      this.#schedule(this.#clock.epochUnixMs - now);
      return;
    }
    const air = this.#clock.at(now).absoluteSlot;
    const target = air + advanceSlots;
    const first = Math.max((this.#last ?? target - 1) + 1, target - maxCatchUpSlots + 1);
    for (let absoluteSlot = first; absoluteSlot <= target; absoluteSlot++) this.#runSlot(absoluteSlot, air);
    this.#last = Math.max(this.#last ?? target, target);
    this.#schedule(Math.max(0, this.#clock.slotStartUnixMs(air + 1) - Date.now() + boundaryMarginMs));
  }

  #runSlot(absoluteSlot: number, air: number): void {
    const { radio, fronthaul, slots } = this.options;
    if (radio.carriers.size === 0) return;
    const slot = radio.schedule();
    slots.publish(slot.cell);
    if (absoluteSlot >= air) fronthaul.sendSlot(this.#clock.slotTime(absoluteSlot), slot);
  }
}
