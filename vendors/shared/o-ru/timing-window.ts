/**
 * The reception window, in slots of the shared air clock: a message for the slot the air is in,
 * or one slot either side, is on time; one for a later slot came early, one for an earlier slot
 * came late. Slots are compared modulo the 256 frames frameId can name.
 */
import type { AirClock } from '../../../src/ran/index.js';

export type Arrival = 'on-time' | 'early' | 'late';

/** Slots either side of the air clock's slot that still count as on time. */
export const windowSlots = 1;

export interface SlotAddress {
  readonly frameId: number;
  readonly subframeId: number;
  readonly slotId: number;
}

/** How far the message's slot is ahead of the air (negative: behind), in slots. */
export function slotOffset(clock: AirClock, message: SlotAddress, nowUnixMs: number): number {
  const nr = clock.numerology;
  const air = clock.at(Math.max(nowUnixMs, clock.epochUnixMs));
  const period = 256 * nr.slotsPerFrame;
  const messageIndex =
    (message.frameId % 256) * nr.slotsPerFrame + message.subframeId * nr.slotsPerSubframe + message.slotId;
  const airIndex = air.frameId * nr.slotsPerFrame + air.slotInFrame;
  const ahead = (((messageIndex - airIndex) % period) + period) % period;
  return ahead > period / 2 ? ahead - period : ahead;
}

export function arrivalOf(offsetSlots: number): Arrival {
  if (offsetSlots > windowSlots) return 'early';
  if (offsetSlots < -windowSlots) return 'late';
  return 'on-time';
}
