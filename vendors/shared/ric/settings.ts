/**
 * The settings a near-RT RIC reads from its config (`settings`, from the topology): the KPM
 * reporting period it subscribes with, its near-RT RIC ID, and the slices the RAN is configured
 * with. Keys meant for other roles (clock, M-plane supervision) are ignored.
 */
import { z } from 'zod';
import type { VendorConfig } from '../../../src/sdk/index.js';
import { parseSettings } from '../settings.js';
import { defaultSlice } from './constants.js';

const sliceSchema = z.strictObject({
  sst: z.number().int().min(0).max(255),
  sd: z.string().regex(/^[0-9a-fA-F]{6}$/, 'must be 6 hexadecimal digits'),
});

const settingsSchema = z.object({
  /** E2SM-KPM reporting period, ms. Default 1000. */
  kpmPeriodMs: z.number().int().min(1).max(4_294_967_295).default(1000),
  /** near-RT RIC ID (20 bits). Default: derived from the instance id. */
  nearRtRicId: z.number().int().min(0).max(0xfffff).optional(),
  /**
   * The slices configured in the RAN, as the SMO tells the RIC over O1 (plugfest has no O1, so
   * the topology does). An A1 policy naming another slice is out of this RIC's scope.
   */
  slices: z
    .array(sliceSchema)
    .min(1)
    .default([{ ...defaultSlice }]),
});

export interface RicSettings {
  readonly kpmPeriodMs: number;
  readonly nearRtRicId: number;
  readonly slices: ReadonlyArray<{ readonly sst: number; readonly sd: string }>;
}

/** Reads the RIC's settings. Throws `config-invalid` naming the settings path. */
export function readRicSettings(config: VendorConfig): RicSettings {
  const { kpmPeriodMs, nearRtRicId, slices } = parseSettings(settingsSchema, config.settings);
  return {
    kpmPeriodMs,
    nearRtRicId: nearRtRicId ?? nearRtRicIdOf(config.instance),
    slices: slices.map((s) => ({ sst: s.sst, sd: s.sd.toLowerCase() })),
  };
}

/** A stable 20-bit near-RT RIC ID for an instance id (FNV-1a folded to 20 bits). */
export function nearRtRicIdOf(instance: string): number {
  let hash = 0x811c9dc5;
  for (const char of instance) {
    hash ^= char.codePointAt(0)!;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return ((hash >>> 20) ^ hash) & 0xfffff;
}
