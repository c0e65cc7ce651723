/**
 * A TX or RX array carrier (o-ran-uplane-conf tx-array-carriers / rx-array-carriers): parsed
 * from an edit-config and checked against the O-RU's capabilities (WG4.CONF 3.1.10), and written
 * back for get. A refusal is an rpc-error naming the limit it broke.
 */
import {
  type Compression,
  formatCompressions,
  frequencyRangeOfBand,
  lookupPrbCount,
  type SubcarrierSpacingKhz,
  supportedBandwidths,
} from '../../../src/ran/index.js';
import { oran } from '../../../src/sdk/index.js';
import { bandOfCarrier, carrierFitsBand, describeBand } from './bands.js';
import type { ORuProfile } from './profile.js';
import { carrierPath, type RpcError, rpcError } from './rpc-errors.js';
import { methodOfMplane, mplaneMethodOf, scsEnumOf, scsKhzOf } from './wire-enums.js';

const mplane = oran.fronthaul.mplane.v1;

export type CarrierKind = 'tx' | 'rx';

/** The wire form of either kind: TX and RX array carriers have the same fields. */
export type CarrierWire = oran.fronthaul.mplane.v1.TxArrayCarrier.$Properties;

/** A valid carrier, as configured. */
export interface Carrier {
  readonly kind: CarrierKind;
  readonly name: string;
  readonly centreKhz: number;
  readonly bandwidthKhz: number;
  readonly scsKhz: SubcarrierSpacingKhz;
  readonly compression: Compression;
  readonly compressionType: oran.fronthaul.mplane.v1.CompressionType;
  readonly eaxcIds: readonly number[];
  readonly gainDb: number;
  readonly band: number;
  readonly cyclicPrefix: oran.fronthaul.mplane.v1.CyclicPrefixType;
  /** N_RB of the carrier (3GPP TS 38.101-1 Table 5.3.2-1). */
  readonly prbCount: number;
}

export type Parsed = { ok: true; carrier: Carrier } | { ok: false; error: RpcError };

/** Checks a carrier against the profile: every limit of o-ran-module-cap, one at a time. */
export function parseCarrier(profile: ORuProfile, kind: CarrierKind, wire: CarrierWire): Parsed {
  const name = wire.name ?? '';
  const path = (leaf?: string) => carrierPath(kind, name, leaf);
  const refuse = (leaf: string, message: string): Parsed => ({
    ok: false,
    error: rpcError('invalid-value', `${kind}-array-carrier "${name}": ${message}`, { path: path(leaf) }),
  });

  const bandwidthKhz = wire.channelBandwidthKhz ?? 0;
  const maxKhz = profile.maxBandwidthMhz * 1000;
  if (bandwidthKhz <= 0) return refuse('channel-bandwidth', 'channel-bandwidth is required');
  if (bandwidthKhz > maxKhz) {
    return refuse(
      'channel-bandwidth',
      `channel-bandwidth ${bandwidthKhz / 1000} MHz exceeds the maximum of ${profile.maxBandwidthMhz} MHz this O-RU supports`,
    );
  }

  const scsKhz = scsKhzOf(wire.subcarrierSpacing);
  if (scsKhz === undefined || !profile.scsKhz.includes(scsKhz as SubcarrierSpacingKhz)) {
    return refuse(
      'scs',
      `subcarrier spacing ${scsKhz === undefined ? 'unspecified' : `${scsKhz} kHz`} is not supported; supported: ${profile.scsKhz.join(', ')} kHz`,
    );
  }
  const scs = scsKhz as SubcarrierSpacingKhz;

  const centreKhz = wire.centerOfChannelBandwidthKhz ?? 0;
  if (centreKhz <= 0) return refuse('center-of-channel-bandwidth', 'center-of-channel-bandwidth is required');
  const bands = profile.bands.map(describeBand).join(', ');
  const band = wire.bandNumber ? wire.bandNumber : bandOfCarrier(profile.bands, centreKhz, bandwidthKhz);
  if (band === undefined) {
    return refuse(
      'center-of-channel-bandwidth',
      `${bandwidthKhz / 1000} MHz around ${centreKhz / 1000} MHz is in no band this O-RU supports: ${bands}`,
    );
  }
  if (!profile.bands.includes(band)) {
    return refuse('band-number', `band n${band} is not supported; supported: ${bands}`);
  }
  if (!carrierFitsBand(band, centreKhz, bandwidthKhz)) {
    return refuse(
      'center-of-channel-bandwidth',
      `${bandwidthKhz / 1000} MHz around ${centreKhz / 1000} MHz does not fit in ${describeBand(band)}`,
    );
  }

  const frequencyRange = frequencyRangeOfBand(band);
  const prbCount =
    bandwidthKhz % 1000 === 0 ? lookupPrbCount(bandwidthKhz / 1000, scs, { frequencyRange }) : undefined;
  if (prbCount === undefined) {
    return refuse(
      'channel-bandwidth',
      `${bandwidthKhz / 1000} MHz at ${scs} kHz has no PRB grid; at ${scs} kHz ${frequencyRange} allows ${supportedBandwidths(scs, { frequencyRange }).join(', ')} MHz`,
    );
  }

  const compression = compressionOf(wire.compression);
  const supported = formatCompressions(profile.compression);
  if (!compression) {
    return refuse('compression', `a compression method is required; this O-RU supports ${supported}`);
  }
  const offered = profile.compression.some(
    (offer) => offer.method === compression.method && offer.iqWidths.includes(compression.iqWidth),
  );
  if (!offered) {
    const asked = compression.method === 'none' ? 'none' : `BFP ${compression.iqWidth}-bit`;
    return refuse('compression', `compression ${asked} is not supported; this O-RU supports ${supported}`);
  }

  const eaxcIds = [...(wire.eaxcIds ?? [])];
  const arrays = kind === 'tx' ? profile.txArrays : profile.rxArrays;
  const { min, max } = profile.eaxcIds;
  if (eaxcIds.length === 0) return refuse('eaxc-id', 'at least one eAxC id is required');
  if (eaxcIds.length > arrays) {
    return refuse('eaxc-id', `${eaxcIds.length} eAxC ids for ${arrays} ${kind.toUpperCase()} arrays`);
  }
  const outside = eaxcIds.find((id) => id < min || id > max);
  if (outside !== undefined) {
    return refuse(
      `eaxc-id[.='${outside}']`,
      `eAxC id ${outside} is outside this O-RU's range ${min}..${max}`,
    );
  }
  if (!name) return refuse('name', 'a carrier name is required');

  return {
    ok: true,
    carrier: {
      kind,
      name,
      centreKhz,
      bandwidthKhz,
      scsKhz: scs,
      compression,
      compressionType: wire.compression?.compressionType || mplane.CompressionType.COMPRESSION_TYPE_STATIC,
      eaxcIds,
      gainDb: wire.gainDb ?? 0,
      band,
      cyclicPrefix: wire.cyclicPrefix || mplane.CyclicPrefixType.CYCLIC_PREFIX_TYPE_NORMAL,
      prbCount,
    },
  };
}

function compressionOf(wire: CarrierWire['compression']): Compression | undefined {
  const method = methodOfMplane(wire?.compressionMethod);
  if (!method) return undefined;
  // udIqWidth 16 travels as 0 on the real wire: read an unset width of "none" as 16.
  const iqWidth = wire?.iqBitwidth || (method === 'none' ? 16 : 0);
  return { method, iqWidth };
}

/** The wire form of a carrier with its state. */
export function carrierToWire(carrier: Carrier, state: oran.fronthaul.mplane.v1.CarrierState): CarrierWire {
  return {
    name: carrier.name,
    centerOfChannelBandwidthKhz: carrier.centreKhz,
    channelBandwidthKhz: carrier.bandwidthKhz,
    subcarrierSpacing: scsEnumOf(carrier.scsKhz),
    compression: {
      compressionMethod: mplaneMethodOf(carrier.compression.method),
      iqBitwidth: carrier.compression.iqWidth,
      compressionType: carrier.compressionType,
    },
    eaxcIds: [...carrier.eaxcIds],
    gainDb: carrier.gainDb,
    active:
      state === mplane.CarrierState.CARRIER_STATE_ACTIVE
        ? mplane.ActiveState.ACTIVE_STATE_ACTIVE
        : mplane.ActiveState.ACTIVE_STATE_INACTIVE,
    bandNumber: carrier.band,
    cyclicPrefix: carrier.cyclicPrefix,
    state,
  };
}

/**
 * NETCONF merge of a carrier: every leaf the edit sets replaces the stored one, the rest stay.
 * proto3 cannot tell an unset scalar from zero, so zero, empty and unset all mean "not given".
 */
export function mergeCarrierWire(stored: CarrierWire, edit: CarrierWire): CarrierWire {
  const merged: Record<string, unknown> = { ...stored };
  for (const [key, value] of Object.entries(edit)) {
    const given = Array.isArray(value) ? value.length > 0 : value !== 0 && value !== '' && value != null;
    if (given) merged[key] = value;
  }
  return merged as CarrierWire;
}

/** True when two carriers radiate the same way (everything but gain may not change while ACTIVE). */
export function sameRadio(a: Carrier, b: Carrier): boolean {
  return (
    a.centreKhz === b.centreKhz &&
    a.bandwidthKhz === b.bandwidthKhz &&
    a.scsKhz === b.scsKhz &&
    a.compression.method === b.compression.method &&
    a.compression.iqWidth === b.compression.iqWidth &&
    a.band === b.band &&
    a.eaxcIds.length === b.eaxcIds.length &&
    a.eaxcIds.every((id, i) => id === b.eaxcIds[i])
  );
}
