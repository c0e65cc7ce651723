/**
 * The topology settings an O-RU reads from `context.config.settings`: the shared air clock, and
 * per-instance overrides of its timing. Anything else there is for other roles and is ignored.
 */
import { z } from 'zod';
import { PlugfestError } from '../../../src/sdk/index.js';

const settingsSchema = z.object({
  /** The air clock every instance of the topology shares. Default: epoch 0 (1970), 100 slots/s. */
  clock: z
    .object({
      epochUnixMs: z.number().nonnegative().default(0),
      slotRatePerSecond: z.number().positive().default(100),
    })
    .default({ epochUnixMs: 0, slotRatePerSecond: 100 }),
  /** Time from start (or reset) to sync LOCKED, ms. Default 200. */
  syncLockDelayMs: z.number().int().nonnegative().default(200),
  /** serial-num reported in product info. Default: derived from the instance id. */
  serialNumber: z.string().optional(),
});

export type ORuSettings = z.output<typeof settingsSchema>;

/** Reads the settings; a wrong type is a `config-invalid` PlugfestError naming the field. */
export function readSettings(settings: Record<string, unknown>): ORuSettings {
  const parsed = settingsSchema.safeParse(settings);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  throw new PlugfestError('config-invalid', `settings.${issue.path.join('.')}: ${issue.message}`, {
    field: `settings.${issue.path.join('.')}`,
  });
}
