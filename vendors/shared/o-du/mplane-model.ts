/**
 * Translations between the M-plane's YANG-shaped messages (oran.fronthaul.mplane.v1) and
 * src/ran's carrier model: an O-RU's ModuleCapability as a RuCapability to negotiate against, and
 * a negotiated CarrierProfile as the TX / RX array carriers to write with edit-config.
 */
import type {
  CarrierProfile,
  Compression,
  RuCapability,
  RuCompressionOffer,
} from '../../../src/ran/index.js';
import { oran } from '../../../src/sdk/index.js';

const mp = oran.fronthaul.mplane.v1;
const { CompressionMethod, CompressionType, SubcarrierSpacing } = mp;

/** Centre of every carrier, kHz: 3.5 GHz, in n78. */
export const carrierCentreKhz = 3_500_000;

const scsOfEnum: Readonly<Record<number, number>> = {
  [SubcarrierSpacing.SUBCARRIER_SPACING_15_KHZ]: 15,
  [SubcarrierSpacing.SUBCARRIER_SPACING_30_KHZ]: 30,
  [SubcarrierSpacing.SUBCARRIER_SPACING_60_KHZ]: 60,
  [SubcarrierSpacing.SUBCARRIER_SPACING_120_KHZ]: 120,
};

/** The M-plane enum of an SCS in kHz. */
export function scsEnumOf(scsKhz: number): oran.fronthaul.mplane.v1.SubcarrierSpacing {
  const found = Object.entries(scsOfEnum).find(([, khz]) => khz === scsKhz);
  return found ? Number(found[0]) : SubcarrierSpacing.SUBCARRIER_SPACING_UNSPECIFIED;
}

/** What the O-RU said it can do, in src/ran's terms. Compression methods plugfest does not model are left out. */
export function ruCapabilityOf(
  capability: oran.fronthaul.mplane.v1.ModuleCapability.$Properties,
): RuCapability {
  const band = capability.bandCapabilities;
  const ru = capability.ruCapabilities;
  const compression: RuCompressionOffer[] = [];
  for (const offer of capability.compression?.supportedCompressions ?? []) {
    if (offer.compressionMethod === CompressionMethod.COMPRESSION_METHOD_BLOCK_FLOATING_POINT) {
      compression.push({ method: 'bfp', iqWidths: [...(offer.iqBitwidths ?? [])] });
    } else if (offer.compressionMethod === CompressionMethod.COMPRESSION_METHOD_NONE) {
      const widths = offer.iqBitwidths ?? [];
      compression.push({ method: 'none', iqWidths: widths.length > 0 ? [...widths] : [16] });
    }
  }
  const range = ru?.eaxcIdRange;
  return {
    bands: [...(band?.supportedBands ?? [])],
    maxBandwidthMhz: (band?.maxChannelBandwidthKhz ?? 0) / 1000,
    scsKhz: (band?.supportedScs ?? []).map((s) => scsOfEnum[s]).filter((s): s is number => s !== undefined),
    compression,
    txArrays: ru?.numberOfTxArrays ?? 0,
    rxArrays: ru?.numberOfRxArrays ?? 0,
    ...(range ? { eaxcIdRange: { first: range.eaxcIdMin ?? 0, last: range.eaxcIdMax ?? 0 } } : {}),
  };
}

/**
 * The compression of the carriers. Its type is dynamic when the O-RU offers it, since every
 * C-plane message carries udCompHdr; otherwise static.
 */
export function compressionOf(
  compression: Compression,
  capability: oran.fronthaul.mplane.v1.ModuleCapability.$Properties,
): oran.fronthaul.mplane.v1.Compression.$Properties {
  const method =
    compression.method === 'bfp'
      ? CompressionMethod.COMPRESSION_METHOD_BLOCK_FLOATING_POINT
      : CompressionMethod.COMPRESSION_METHOD_NONE;
  const offer = capability.compression?.supportedCompressions?.find((c) => c.compressionMethod === method);
  const dynamic = offer?.compressionTypes?.includes(CompressionType.COMPRESSION_TYPE_DYNAMIC) ?? false;
  return {
    compressionMethod: method,
    iqBitwidth: compression.method === 'none' ? 16 : compression.iqWidth,
    compressionType: dynamic
      ? CompressionType.COMPRESSION_TYPE_DYNAMIC
      : CompressionType.COMPRESSION_TYPE_STATIC,
  };
}

/** The array carrier both directions share, but for name and eAxC id. */
function carrierOf(profile: CarrierProfile, compression: oran.fronthaul.mplane.v1.Compression.$Properties) {
  return {
    centerOfChannelBandwidthKhz: carrierCentreKhz,
    channelBandwidthKhz: profile.bandwidthMhz * 1000,
    subcarrierSpacing: scsEnumOf(profile.scsKhz),
    compression,
    gainDb: 0,
    active: mp.ActiveState.ACTIVE_STATE_INACTIVE,
    bandNumber: profile.band,
    cyclicPrefix: mp.CyclicPrefixType.CYCLIC_PREFIX_TYPE_NORMAL,
  };
}

/** The edit-config that configures the O-RU's two carriers, INACTIVE. */
export function carriersEdit(
  names: { tx: string; rx: string; txEaxcId: number; rxEaxcId: number },
  profile: CarrierProfile,
  compression: oran.fronthaul.mplane.v1.Compression.$Properties,
): oran.fronthaul.mplane.v1.EditConfigRequest.$Properties {
  return {
    operation: mp.EditOperation.EDIT_OPERATION_MERGE,
    txArrayCarriers: [{ name: names.tx, ...carrierOf(profile, compression), eaxcIds: [names.txEaxcId] }],
    rxArrayCarriers: [{ name: names.rx, ...carrierOf(profile, compression), eaxcIds: [names.rxEaxcId] }],
  };
}

/** True when a carrier the O-RU holds already is the one we would write (after a link flap). */
export function sameCarrier(
  held:
    | oran.fronthaul.mplane.v1.TxArrayCarrier.$Properties
    | oran.fronthaul.mplane.v1.RxArrayCarrier.$Properties,
  wanted:
    | oran.fronthaul.mplane.v1.TxArrayCarrier.$Properties
    | oran.fronthaul.mplane.v1.RxArrayCarrier.$Properties,
): boolean {
  return (
    held.channelBandwidthKhz === wanted.channelBandwidthKhz &&
    held.subcarrierSpacing === wanted.subcarrierSpacing &&
    held.compression?.compressionMethod === wanted.compression?.compressionMethod &&
    held.compression?.iqBitwidth === wanted.compression?.iqBitwidth &&
    JSON.stringify(held.eaxcIds ?? []) === JSON.stringify(wanted.eaxcIds ?? [])
  );
}
