/**
 * The simulated air clock that every vendor of a topology shares: slot 0 starts at an agreed
 * epoch and slots tick at an agreed rate of real time, so an O-DU and an O-RU started apart agree
 * on frame, subframe and slot without talking. The rate may be slower than the numerology's
 * (2000 slots/s at 30 kHz): a laptop running several vendors cannot keep 0.5 ms timers, and
 * the air behaves the same at any rate because everything counts in slots. Pure: `now` is passed in.
 */
import { type Numerology, numerology } from './numerology.js';

/** Options of the air clock. */
export interface AirClockOptions {
  /** Unix ms at which slot 0 of frame 0 starts. Required. */
  readonly epochUnixMs: number;
  /** Slots per second of real time. Default 100 (one slot per 10 ms of real time). */
  readonly slotRatePerSecond?: number;
  /** Carrier SCS, which sets slots per subframe. Default 30 kHz. */
  readonly scsKhz?: number;
}

/** Where the air is at one moment. */
export interface AirTime {
  /** Slots since the epoch. */
  readonly absoluteSlot: number;
  /** SFN, 0..1023 (TS 38.211 clause 4.3.1). */
  readonly frame: number;
  /** 0..9. */
  readonly subframe: number;
  /** Slot within the subframe, 0..2^mu - 1. */
  readonly slot: number;
  /** Slot within the frame, 0..10 * 2^mu - 1. */
  readonly slotInFrame: number;
  /** frameId of the C/U-plane common header: SFN modulo 256, 8 bits (O-RAN.WG4.CUS). */
  readonly frameId: number;
  /** Air time since the epoch, ms: absoluteSlot x the slot duration of the numerology. */
  readonly airTimeMs: number;
}

/** A clock: `now` in, air time out, and back. */
export interface AirClock {
  readonly epochUnixMs: number;
  readonly slotRatePerSecond: number;
  readonly numerology: Numerology;
  /** The slot current at `nowUnixMs`; a moment before the epoch is a RangeError. */
  at(nowUnixMs: number): AirTime;
  /** The frame/subframe/slot of an absolute slot number. */
  slotTime(absoluteSlot: number): AirTime;
  /** Unix ms (fractional) at which the absolute slot starts: the first moment `at` reads as it. */
  slotStartUnixMs(absoluteSlot: number): number;
}

/** An air clock (defaults: 100 slots/s, 30 kHz). */
export function airClock(options: AirClockOptions): AirClock {
  const { epochUnixMs, slotRatePerSecond = 100, scsKhz = 30 } = options;
  if (!(slotRatePerSecond > 0) || !Number.isFinite(slotRatePerSecond)) {
    throw new RangeError(`slotRatePerSecond must be a positive number, got ${String(slotRatePerSecond)}`);
  }
  const nr = numerology(scsKhz);

  const slotTime = (absoluteSlot: number): AirTime => {
    const frames = Math.floor(absoluteSlot / nr.slotsPerFrame);
    const slotInFrame = absoluteSlot - frames * nr.slotsPerFrame;
    const frame = frames % 1024;
    return {
      absoluteSlot,
      frame,
      subframe: Math.floor(slotInFrame / nr.slotsPerSubframe),
      slot: slotInFrame % nr.slotsPerSubframe,
      slotInFrame,
      frameId: frame % 256,
      airTimeMs: absoluteSlot * nr.slotDurationMs,
    };
  };

  const slotAt = (nowUnixMs: number): number =>
    Math.floor(((nowUnixMs - epochUnixMs) * slotRatePerSecond) / 1000);

  return {
    epochUnixMs,
    slotRatePerSecond,
    numerology: nr,
    at(nowUnixMs) {
      if (nowUnixMs < epochUnixMs) {
        throw new RangeError(
          `${nowUnixMs} is ${epochUnixMs - nowUnixMs} ms before the air clock epoch ${epochUnixMs}`,
        );
      }
      return slotTime(slotAt(nowUnixMs));
    },
    slotTime,
    slotStartUnixMs(absoluteSlot) {
      // A unix time in ms near 2^41 resolves to about 0.0002 ms, so the exact start (333.33... ms
      // at 3 slots/s) rounds to a double that may fall just before it. Step up to the first double
      // that reads as the slot, so at(slotStartUnixMs(n)) is always n.
      let start = epochUnixMs + (absoluteSlot * 1000) / slotRatePerSecond;
      while (slotAt(start) < absoluteSlot)
        start += Math.max(Math.abs(start) * Number.EPSILON, Number.MIN_VALUE);
      return start;
    },
  };
}
