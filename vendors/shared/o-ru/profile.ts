/**
 * What one O-RU product is: who makes it, the radio it offers (o-ran-module-cap), its arrays and
 * eAxC ids (o-ran-uplane-conf), and its reception windows (o-ran-delay-management). Each vendor
 * states its profile in its own main.ts; the shared core only reads it.
 */
import type { RuCapability, RuCompressionOffer, SubcarrierSpacingKhz } from '../../../src/ran/index.js';

/** Reception and transmission windows, nanoseconds (o-ran-delay-management ru-delay-profile). */
export interface DelayProfileNs {
  readonly t2aMinUp: number;
  readonly t2aMaxUp: number;
  readonly t2aMinCpDl: number;
  readonly t2aMaxCpDl: number;
  readonly tcpAdvDl: number;
  readonly ta3Min: number;
  readonly ta3Max: number;
  readonly t2aMinCpUl: number;
  readonly t2aMaxCpUl: number;
}

/** One O-RU product. */
export interface ORuProfile {
  /** mfg-name, e.g. "Ruvello Radio". */
  readonly vendorName: string;
  /** product-code / model-name. */
  readonly model: string;
  /** build-version of the running software. */
  readonly softwareVersion: string;
  /** NR operating bands, e.g. [78]. */
  readonly bands: readonly number[];
  readonly maxBandwidthMhz: number;
  readonly scsKhz: readonly SubcarrierSpacingKhz[];
  /** Compression methods with their IQ bit widths; `none` is 16-bit. */
  readonly compression: readonly RuCompressionOffer[];
  readonly txArrays: number;
  readonly rxArrays: number;
  /** eAxC ids the endpoints accept, inclusive. */
  readonly eaxcIds: { readonly min: number; readonly max: number };
  readonly delayProfile: DelayProfileNs;
}

/**
 * A typical delay profile of an O-RU of category A at 30 kHz (WG4.CUS delay management
 * examples): U-plane 125..350 us ahead of air, C-plane 250..500 us.
 */
export const typicalDelayProfile: DelayProfileNs = Object.freeze({
  t2aMinUp: 125_000,
  t2aMaxUp: 350_000,
  t2aMinCpDl: 250_000,
  t2aMaxCpDl: 500_000,
  tcpAdvDl: 125_000,
  ta3Min: 50_000,
  ta3Max: 171_000,
  t2aMinCpUl: 250_000,
  t2aMaxCpUl: 500_000,
});

/** The profile as src/ran's carrier negotiation reads an O-RU's capability. */
export function ruCapabilityOf(profile: ORuProfile): RuCapability {
  return {
    bands: profile.bands,
    maxBandwidthMhz: profile.maxBandwidthMhz,
    scsKhz: profile.scsKhz,
    compression: profile.compression,
    txArrays: profile.txArrays,
    rxArrays: profile.rxArrays,
    eaxcIdRange: { first: profile.eaxcIds.min, last: profile.eaxcIds.max },
  };
}
