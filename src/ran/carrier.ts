/**
 * Carrier profile negotiation between what an O-RU can do (its o-ran-module-cap and
 * o-ran-uplane-conf capabilities: bands, maximum bandwidth, SCS, compression, arrays, eAxC ids)
 * and what an O-DU wants. No common profile is an interop outcome (`incompatible`), not a bug,
 * so the refusal names both offers in a sentence a report can quote.
 */
import { PlugfestError } from '../wire/index.js';
import type { Compression, CompressionMethod } from './iq-payload.js';
import { isSubcarrierSpacing, type SubcarrierSpacingKhz } from './numerology.js';
import { type FrequencyRange, lookupPrbCount, prbCount } from './prb-grid.js';

/** One compression method an O-RU supports, with its bit widths. */
export interface RuCompressionOffer {
  readonly method: CompressionMethod;
  readonly iqWidths: readonly number[];
}

/** What an O-RU can do. */
export interface RuCapability {
  /** NR operating bands, e.g. [78] (n78). */
  readonly bands: readonly number[];
  readonly maxBandwidthMhz: number;
  readonly scsKhz: readonly number[];
  readonly compression: readonly RuCompressionOffer[];
  readonly txArrays: number;
  readonly rxArrays: number;
  /** eAxC ids the O-RU accepts. Default: any 16-bit id (0..65535). */
  readonly eaxcIdRange?: { readonly first: number; readonly last: number };
}

/** What an O-DU wants. */
export interface DuPreference {
  /** Default: the O-RU's first band. */
  readonly band?: number;
  readonly bandwidthMhz: number;
  readonly scsKhz: number;
  /** Acceptable compressions, most preferred first. */
  readonly compression: readonly Compression[];
  /** TX and RX arrays wanted (the same count each way). */
  readonly arrays: number;
}

/** The carrier both sides will configure. */
export interface CarrierProfile {
  readonly band: number;
  readonly frequencyRange: FrequencyRange;
  readonly bandwidthMhz: number;
  readonly scsKhz: SubcarrierSpacingKhz;
  /** N_RB from the 3GPP table. */
  readonly prbCount: number;
  readonly compression: Compression;
  readonly arrays: number;
  /** One eAxC id per array, from the start of the O-RU's range. */
  readonly eaxcIds: readonly number[];
}

/** Which part of the offers did not meet. */
export type CarrierMismatch =
  | 'no-common-band'
  | 'no-common-scs'
  | 'bandwidth-too-wide'
  | 'no-prb-grid'
  | 'no-common-compression'
  | 'not-enough-arrays'
  | 'not-enough-eaxc-ids';

/** The negotiated profile, or the mismatch with both offers in words. */
export type CarrierNegotiation =
  | { ok: true; profile: CarrierProfile }
  | { ok: false; mismatch: CarrierMismatch; reason: string; ruOffer: string; duOffer: string };

/** FR2 bands are n257 and up (3GPP TS 38.101-2 Table 5.2-1); every lower band is FR1. */
export function frequencyRangeOfBand(band: number): FrequencyRange {
  return band >= 257 ? 'FR2' : 'FR1';
}

/** "BFP 8/9 + none": compressions as people write them, runs of one method grouped. */
export function formatCompressions(offers: readonly (Compression | RuCompressionOffer)[]): string {
  const runs: { method: CompressionMethod; widths: number[] }[] = [];
  for (const offer of offers) {
    const widths = 'iqWidths' in offer ? [...offer.iqWidths] : [offer.iqWidth];
    const last = runs.at(-1);
    if (last?.method === offer.method) last.widths.push(...widths);
    else runs.push({ method: offer.method, widths });
  }
  const text = runs.map((r) =>
    r.method === 'none'
      ? r.widths.every((w) => w === 16)
        ? 'none'
        : `none ${r.widths.join('/')}`
      : `BFP ${r.widths.join('/')}`,
  );
  return text.length > 0 ? text.join(' + ') : 'nothing';
}

/** Picks the carrier profile; the first thing that does not meet decides the refusal. */
export function negotiateCarrier(ru: RuCapability, du: DuPreference): CarrierNegotiation {
  const refuse = (
    mismatch: CarrierMismatch,
    what: string,
    ruOffer: string,
    duOffer: string,
    because = '',
  ): CarrierNegotiation => ({
    ok: false,
    mismatch,
    reason: `${what}: O-RU offers ${ruOffer}, O-DU wants ${duOffer}${because && `; ${because}`}`,
    ruOffer,
    duOffer,
  });

  const band = du.band ?? ru.bands[0];
  const bands = ru.bands.map((b) => `n${b}`).join('/') || 'no band';
  if (band === undefined || !ru.bands.includes(band)) {
    return refuse(
      'no-common-band',
      'no common band',
      bands,
      du.band === undefined ? 'any band' : `n${du.band}`,
    );
  }
  const scs = du.scsKhz;
  if (!isSubcarrierSpacing(scs) || !ru.scsKhz.includes(scs)) {
    return refuse(
      'no-common-scs',
      'no common subcarrier spacing',
      `${ru.scsKhz.join('/')} kHz`,
      `${scs} kHz`,
    );
  }
  if (du.bandwidthMhz > ru.maxBandwidthMhz) {
    return refuse(
      'bandwidth-too-wide',
      'bandwidth too wide',
      `up to ${ru.maxBandwidthMhz} MHz`,
      `${du.bandwidthMhz} MHz`,
    );
  }
  const frequencyRange = frequencyRangeOfBand(band);
  if (lookupPrbCount(du.bandwidthMhz, scs, { frequencyRange }) === undefined) {
    return refuse(
      'no-prb-grid',
      'no PRB grid',
      `n${band} (${frequencyRange})`,
      `${du.bandwidthMhz} MHz at ${scs} kHz`,
      whyNoGrid(du.bandwidthMhz, scs, frequencyRange),
    );
  }
  const compression = du.compression.find((want) =>
    ru.compression.some((offer) => offer.method === want.method && offer.iqWidths.includes(want.iqWidth)),
  );
  if (!compression) {
    return refuse(
      'no-common-compression',
      'no common compression',
      formatCompressions(ru.compression),
      formatCompressions(du.compression),
    );
  }
  if (du.arrays > ru.txArrays || du.arrays > ru.rxArrays) {
    return refuse(
      'not-enough-arrays',
      'not enough arrays',
      `${ru.txArrays} TX / ${ru.rxArrays} RX arrays`,
      `${du.arrays} each way`,
    );
  }
  const range = ru.eaxcIdRange ?? { first: 0, last: 0xffff };
  if (range.last - range.first + 1 < du.arrays) {
    return refuse(
      'not-enough-eaxc-ids',
      'not enough eAxC ids',
      `eAxC ids ${range.first}..${range.last}`,
      `${du.arrays} ids`,
    );
  }
  return {
    ok: true,
    profile: {
      band,
      frequencyRange,
      bandwidthMhz: du.bandwidthMhz,
      scsKhz: scs,
      prbCount: prbCount(du.bandwidthMhz, scs, { frequencyRange }),
      compression: { method: compression.method, iqWidth: compression.iqWidth },
      arrays: du.arrays,
      eaxcIds: Array.from({ length: du.arrays }, (_, i) => range.first + i),
    },
  };
}

function whyNoGrid(bandwidthMhz: number, scsKhz: number, frequencyRange: FrequencyRange): string {
  try {
    prbCount(bandwidthMhz, scsKhz, { frequencyRange });
    return '';
  } catch (error) {
    return error instanceof PlugfestError ? error.rawMessage : String(error);
  }
}
