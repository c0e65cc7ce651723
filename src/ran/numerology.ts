/**
 * 5G NR numerology (3GPP TS 38.211 clause 4.2 and 4.3.2): the subcarrier spacing 15 * 2^mu kHz
 * sets how many 14-symbol slots fit in each 1 ms subframe. Only normal cyclic prefix is modelled
 * (extended CP exists at 60 kHz only and no plugfest profile uses it).
 */
import { PlugfestError } from '../wire/index.js';

/** Subcarrier spacings plugfest models: mu 0..3, FR1 (15, 30, 60) and FR2 (60, 120). */
export type SubcarrierSpacingKhz = 15 | 30 | 60 | 120;

/** Every SCS of SubcarrierSpacingKhz, in numerology order. */
export const subcarrierSpacingsKhz: readonly SubcarrierSpacingKhz[] = Object.freeze([15, 30, 60, 120]);

/** OFDM symbols in a slot with normal cyclic prefix (TS 38.211 Table 4.3.2-1). */
export const symbolsPerSlot = 14;

/** Subframes in a 10 ms radio frame (TS 38.211 clause 4.3.1). */
export const subframesPerFrame = 10;

/** The timing facts of one numerology. */
export interface Numerology {
  /** mu, 0..3. */
  readonly mu: number;
  readonly scsKhz: SubcarrierSpacingKhz;
  /** 2^mu. */
  readonly slotsPerSubframe: number;
  /** 10 * 2^mu. */
  readonly slotsPerFrame: number;
  /** 1000 * 2^mu: the real-time slot rate of the air interface. */
  readonly slotsPerSecond: number;
  /** 1 / 2^mu milliseconds. */
  readonly slotDurationMs: number;
  /** 14 (normal CP). */
  readonly symbolsPerSlot: number;
}

/** True when `value` is one of 15, 30, 60, 120. */
export function isSubcarrierSpacing(value: unknown): value is SubcarrierSpacingKhz {
  return subcarrierSpacingsKhz.includes(value as SubcarrierSpacingKhz);
}

/** The numerology of an SCS in kHz; anything but 15/30/60/120 is a `config-invalid` PlugfestError. */
export function numerology(scsKhz: number): Numerology {
  if (!isSubcarrierSpacing(scsKhz)) {
    throw new PlugfestError(
      'config-invalid',
      `subcarrier spacing ${String(scsKhz)} kHz is not modelled; allowed: ${subcarrierSpacingsKhz.join(', ')} kHz`,
      { scsKhz },
    );
  }
  const mu = Math.log2(scsKhz / 15);
  const slotsPerSubframe = 2 ** mu;
  return Object.freeze({
    mu,
    scsKhz,
    slotsPerSubframe,
    slotsPerFrame: subframesPerFrame * slotsPerSubframe,
    slotsPerSecond: 1000 * slotsPerSubframe,
    slotDurationMs: 1 / slotsPerSubframe,
    symbolsPerSlot,
  });
}

/** The SCS of numerology mu (0..3): 15 * 2^mu kHz; another mu is a `config-invalid` PlugfestError. */
export function subcarrierSpacingOf(mu: number): SubcarrierSpacingKhz {
  const scs = 15 * 2 ** mu;
  if (!Number.isInteger(mu) || !isSubcarrierSpacing(scs)) {
    throw new PlugfestError('config-invalid', `numerology ${String(mu)} is not modelled; allowed: 0..3`, {
      mu,
    });
  }
  return scs;
}
