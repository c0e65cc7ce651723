/**
 * How an O-RU packs and unpacks the IQ of one PRB (WG4.CUS Annex A.1 block floating point, or
 * uncompressed 16-bit). Each vendor brings its own codec: the conformant ones use src/ran's
 * reference implementation; a vendor with its own DSP code brings that, bugs and all.
 */
import {
  type CompressedPrb,
  type Compression,
  compressPrb,
  decodeUncompressed,
  decompressPrb,
  encodeUncompressed,
} from '../../../src/ran/index.js';
import type { oran } from '../../../src/sdk/index.js';

/** Block floating point of one PRB: 24 samples in, exponent and packed mantissas out. */
export interface BfpCodec {
  compressPrb(samples: Int16Array, iqWidth: number): CompressedPrb;
  decompressPrb(prb: CompressedPrb, iqWidth: number): Int16Array;
}

/** src/ran's BFP, exactly as WG4.CUS Annex A.1 says. */
export const standardBfp: BfpCodec = { compressPrb, decompressPrb };

export type PrbWire = oran.fronthaul.cuplane.v1.Prb.$Properties;

/** One PRB's samples as the U-plane carries them in `compression`. */
export function encodePrb(codec: BfpCodec, samples: Int16Array, compression: Compression): PrbWire {
  if (compression.method === 'none') return { uncompressedIq: encodeUncompressed(samples) };
  const { exponent, mantissas } = codec.compressPrb(samples, compression.iqWidth);
  return { blockFloatingPoint: { exponent, mantissas } };
}

/** One PRB's samples back; throws a `malformed-frame` PlugfestError on a PRB of the wrong form. */
export function decodePrb(codec: BfpCodec, prb: PrbWire, compression: Compression): Int16Array {
  if (compression.method === 'none') return decodeUncompressed(prb.uncompressedIq ?? new Uint8Array());
  const bfp = prb.blockFloatingPoint;
  return codec.decompressPrb(
    { exponent: bfp?.exponent ?? 0, mantissas: bfp?.mantissas ?? new Uint8Array() },
    compression.iqWidth,
  );
}

/** Why a PRB does not match the compression, or undefined when its form and size do. */
export function prbFormProblem(prb: PrbWire, compression: Compression): string | undefined {
  if (compression.method === 'none') {
    const bytes = prb.uncompressedIq?.length ?? 0;
    return bytes === 48 ? undefined : `an uncompressed PRB has 48 bytes, got ${bytes}`;
  }
  const bfp = prb.blockFloatingPoint;
  if (!bfp) return 'a BFP section carries a PRB without block floating point IQ';
  const expected = 3 * compression.iqWidth;
  const bytes = bfp.mantissas?.length ?? 0;
  if (bytes !== expected)
    return `a BFP ${compression.iqWidth}-bit PRB has ${expected} mantissa bytes, got ${bytes}`;
  if ((bfp.exponent ?? 0) > 15) return `BFP exponent ${bfp.exponent} is over 15`;
  return undefined;
}
