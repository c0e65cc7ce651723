/**
 * The enums of the M-plane and CU-plane packages, mapped to and from the plain values the O-RU
 * works with (src/ran's compression, SCS in kHz). The two packages define their enums separately
 * so that they version independently; the mapping lives here once.
 */

import type { Compression, CompressionMethod, SubcarrierSpacingKhz } from '../../../src/ran/index.js';
import { oran } from '../../../src/sdk/index.js';

const mplane = oran.fronthaul.mplane.v1;
const cuplane = oran.fronthaul.cuplane.v1;

const scsByEnum = new Map<oran.fronthaul.mplane.v1.SubcarrierSpacing, SubcarrierSpacingKhz>([
  [mplane.SubcarrierSpacing.SUBCARRIER_SPACING_15_KHZ, 15],
  [mplane.SubcarrierSpacing.SUBCARRIER_SPACING_30_KHZ, 30],
  [mplane.SubcarrierSpacing.SUBCARRIER_SPACING_60_KHZ, 60],
  [mplane.SubcarrierSpacing.SUBCARRIER_SPACING_120_KHZ, 120],
]);

/** kHz of an M-plane SCS; undefined for UNSPECIFIED or an unknown value. */
export function scsKhzOf(
  scs: oran.fronthaul.mplane.v1.SubcarrierSpacing | null | undefined,
): number | undefined {
  return scs == null ? undefined : scsByEnum.get(scs);
}

/** The M-plane enum of an SCS in kHz. */
export function scsEnumOf(scsKhz: SubcarrierSpacingKhz): oran.fronthaul.mplane.v1.SubcarrierSpacing {
  for (const [value, khz] of scsByEnum) if (khz === scsKhz) return value;
  return mplane.SubcarrierSpacing.SUBCARRIER_SPACING_UNSPECIFIED;
}

/** src/ran's method of an M-plane compression method; undefined for one the O-RU never does. */
export function methodOfMplane(
  method: oran.fronthaul.mplane.v1.CompressionMethod | null | undefined,
): CompressionMethod | undefined {
  if (method === mplane.CompressionMethod.COMPRESSION_METHOD_NONE) return 'none';
  if (method === mplane.CompressionMethod.COMPRESSION_METHOD_BLOCK_FLOATING_POINT) return 'bfp';
  return undefined;
}

export function mplaneMethodOf(method: CompressionMethod): oran.fronthaul.mplane.v1.CompressionMethod {
  return method === 'none'
    ? mplane.CompressionMethod.COMPRESSION_METHOD_NONE
    : mplane.CompressionMethod.COMPRESSION_METHOD_BLOCK_FLOATING_POINT;
}

/** The udCompHdr that describes a compression (udIqWidth 16 for none). */
export function udCompHdrOf(compression: Compression): oran.fronthaul.cuplane.v1.UdCompHdr.$Properties {
  return {
    udCompMeth:
      compression.method === 'none'
        ? cuplane.CompressionMethod.COMPRESSION_METHOD_NONE
        : cuplane.CompressionMethod.COMPRESSION_METHOD_BLOCK_FLOATING_POINT,
    udIqWidth: compression.iqWidth,
  };
}

/** "BFP 9-bit", "none (16-bit)", "u-law 8-bit": a udCompHdr in words, for diagnostics. */
export function describeUdCompHdr(hdr: oran.fronthaul.cuplane.v1.UdCompHdr.$Properties): string {
  const width = hdr.udIqWidth ?? 0;
  switch (hdr.udCompMeth) {
    case cuplane.CompressionMethod.COMPRESSION_METHOD_NONE:
      return `none (${width}-bit)`;
    case cuplane.CompressionMethod.COMPRESSION_METHOD_BLOCK_FLOATING_POINT:
      return `BFP ${width}-bit`;
    default:
      return `udCompMeth ${hdr.udCompMeth ?? 0} ${width}-bit`;
  }
}

/** "BFP 9-bit" or "none (16-bit)". */
export function describeCompression(compression: Compression): string {
  return compression.method === 'none' ? 'none (16-bit)' : `BFP ${compression.iqWidth}-bit`;
}
