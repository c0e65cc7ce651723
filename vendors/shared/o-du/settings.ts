/**
 * The settings an O-DU reads from its config (`settings`, from the topology): the shared air
 * clock, the M-plane supervision timers and the simulated UE population. Other keys (kpmPeriodMs:
 * the RIC's subscription sets the period) are ignored.
 */
import { z } from 'zod';
import type { VendorConfig } from '../../../src/sdk/index.js';
import { parseSettings } from '../settings.js';

const settingsSchema = z.object({
  /** The air clock every instance shares. Default: epoch at start-up, 100 slots/s. */
  clock: z
    .object({
      epochUnixMs: z.number().nonnegative(),
      slotRatePerSecond: z.number().positive().max(16_000).default(100),
    })
    .optional(),
  /** o-ran-supervision timers. Default 60 s + 10 s (WG4.MP). */
  mplaneSupervision: z
    .object({
      notificationIntervalS: z.number().int().positive(),
      guardTimerOverheadS: z.number().int().nonnegative(),
    })
    .default({ notificationIntervalS: 60, guardTimerOverheadS: 10 }),
  /** Connected UEs, all in the default slice. Default 8. */
  ues: z.number().int().min(0).max(1024).default(8),
});

/** An O-DU's settings, defaults applied. */
export interface DuSettings {
  readonly clock: { readonly epochUnixMs: number; readonly slotRatePerSecond: number };
  readonly mplaneSupervision: {
    readonly notificationIntervalS: number;
    readonly guardTimerOverheadS: number;
  };
  readonly ues: number;
}

/** Reads the O-DU's settings. Throws `config-invalid` naming the settings path. */
export function readDuSettings(config: VendorConfig, nowUnixMs = Date.now()): DuSettings {
  const { clock, mplaneSupervision, ues } = parseSettings(settingsSchema, config.settings);
  return {
    clock: clock ?? { epochUnixMs: nowUnixMs, slotRatePerSecond: 100 },
    mplaneSupervision,
    ues,
  };
}
