import { describe, expect, it } from 'vitest';
import { numerology, subcarrierSpacingOf, symbolsPerSlot } from '../../src/ran/index.js';
import { plugfestErrorOf } from './helpers.js';

describe('numerology', () => {
  // TS 38.211 Table 4.3.2-1: slots per subframe 2^mu, per frame 10 * 2^mu.
  it.each([
    [15, 0, 1, 10, 1, 1000],
    [30, 1, 2, 20, 0.5, 2000],
    [60, 2, 4, 40, 0.25, 4000],
    [120, 3, 8, 80, 0.125, 8000],
  ])(
    '%i kHz is mu %i with %i slots a subframe, %i a frame, %f ms each',
    (scs, mu, perSubframe, perFrame, ms, perSecond) => {
      const nr = numerology(scs);
      expect(nr).toEqual({
        mu,
        scsKhz: scs,
        slotsPerSubframe: perSubframe,
        slotsPerFrame: perFrame,
        slotsPerSecond: perSecond,
        slotDurationMs: ms,
        symbolsPerSlot: 14,
      });
      expect(subcarrierSpacingOf(mu)).toBe(scs);
    },
  );

  it('has 14 symbols per slot with normal cyclic prefix', () => {
    expect(symbolsPerSlot).toBe(14);
  });

  it('refuses a spacing it does not model, naming the allowed ones', () => {
    const error = plugfestErrorOf(() => numerology(240));
    expect(error.code).toBe('config-invalid');
    expect(error.message).toContain('240 kHz is not modelled; allowed: 15, 30, 60, 120 kHz');
  });

  it('refuses a numerology outside 0..3', () => {
    expect(plugfestErrorOf(() => subcarrierSpacingOf(4)).code).toBe('config-invalid');
    expect(plugfestErrorOf(() => subcarrierSpacingOf(0.5)).code).toBe('config-invalid');
  });
});
