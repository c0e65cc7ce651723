import { describe, expect, it } from 'vitest';
import { airClock } from '../../src/ran/index.js';

const epoch = Date.UTC(2025, 0, 1);

describe('air clock', () => {
  it('starts slot 0 of frame 0 at the epoch', () => {
    expect(airClock({ epochUnixMs: epoch }).at(epoch)).toEqual({
      absoluteSlot: 0,
      frame: 0,
      subframe: 0,
      slot: 0,
      slotInFrame: 0,
      frameId: 0,
      airTimeMs: 0,
    });
  });

  it('ticks 100 slots a second of real time at 30 kHz by default', () => {
    const clock = airClock({ epochUnixMs: epoch });
    expect(clock.slotRatePerSecond).toBe(100);
    expect(clock.numerology.scsKhz).toBe(30);
    expect(clock.at(epoch + 9).absoluteSlot).toBe(0);
    expect(clock.at(epoch + 10)).toMatchObject({ absoluteSlot: 1, frame: 0, subframe: 0, slot: 1 });
    // 30 kHz has 20 slots a frame: slot 45 is frame 2, slot 5 of it, which is subframe 2 slot 1.
    expect(clock.at(epoch + 455)).toMatchObject({
      absoluteSlot: 45,
      frame: 2,
      slotInFrame: 5,
      subframe: 2,
      slot: 1,
    });
    expect(clock.at(epoch + 455).airTimeMs).toBe(22.5);
  });

  it('runs at the real-time rate of the numerology when told to', () => {
    const clock = airClock({ epochUnixMs: epoch, slotRatePerSecond: 2000, scsKhz: 30 });
    expect(clock.at(epoch + 1)).toMatchObject({ absoluteSlot: 2, subframe: 1, slot: 0, airTimeMs: 1 });
    expect(clock.at(epoch + 10)).toMatchObject({ absoluteSlot: 20, frame: 1, subframe: 0, slot: 0 });
  });

  it('numbers slots within a subframe by the numerology', () => {
    const at15 = airClock({ epochUnixMs: epoch, scsKhz: 15 }).slotTime(13);
    expect(at15).toMatchObject({ frame: 1, subframe: 3, slot: 0 });
    const at120 = airClock({ epochUnixMs: epoch, scsKhz: 120 }).slotTime(13);
    expect(at120).toMatchObject({ frame: 0, subframe: 1, slot: 5, airTimeMs: 1.625 });
  });

  it('wraps the SFN at 1024 and the eCPRI frameId at 256', () => {
    const clock = airClock({ epochUnixMs: epoch });
    expect(clock.slotTime(300 * 20)).toMatchObject({ frame: 300, frameId: 44 });
    expect(clock.slotTime(1024 * 20 + 3)).toMatchObject({
      absoluteSlot: 20483,
      frame: 0,
      frameId: 0,
      slot: 1,
    });
  });

  it('tells when a slot starts, and that moment reads as that slot', () => {
    for (const rate of [3, 100, 2000, 7]) {
      const clock = airClock({ epochUnixMs: epoch, slotRatePerSecond: rate });
      for (const n of [0, 1, 2, 10, 99, 12345, 1_000_001]) {
        const start = clock.slotStartUnixMs(n);
        expect(clock.at(start).absoluteSlot).toBe(n);
        if (n > 0) expect(clock.at(start - 0.01).absoluteSlot).toBe(n - 1);
      }
    }
    expect(airClock({ epochUnixMs: epoch, slotRatePerSecond: 100 }).slotStartUnixMs(250)).toBe(epoch + 2500);
  });

  it('refuses a moment before the epoch and a rate that is not positive', () => {
    expect(() => airClock({ epochUnixMs: epoch }).at(epoch - 1)).toThrow(RangeError);
    expect(() => airClock({ epochUnixMs: epoch, slotRatePerSecond: 0 })).toThrow(RangeError);
    expect(() => airClock({ epochUnixMs: epoch, scsKhz: 240 })).toThrow(/240 kHz is not modelled/);
  });
});
