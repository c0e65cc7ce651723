/**
 * The IQ payload of a U-plane section for many PRBs, as it goes on the wire (O-RAN.WG4.CUS clause
 * 6.3.3.13 and Annex A.1): with BFP, each PRB is one udCompParam byte (4 reserved bits, then the
 * 4-bit exponent) followed by 3 * iqWidth bytes of mantissas; uncompressed, each PRB is 24 signed
 * 16-bit big-endian samples (48 bytes).
 */
import { PlugfestError } from '../wire/index.js';
import { checkIqWidth, compressPrb, decompressPrb, samplesPerPrb } from './bfp.js';

/** How U-plane IQ is carried: block floating point, or uncompressed 16-bit samples. */
export type CompressionMethod = 'bfp' | 'none';

/** A compression and its bit width; `none` is always 16 bits in plugfest. */
export interface Compression {
  readonly method: CompressionMethod;
  readonly iqWidth: number;
}

/** Bytes one PRB takes on the wire: 1 + 3 * iqWidth with BFP, 48 uncompressed. */
export function prbPayloadBytes(compression: Compression): number {
  if (compression.method === 'none') return 2 * samplesPerPrb;
  checkIqWidth(compression.iqWidth);
  return 1 + 3 * compression.iqWidth;
}

/** Compresses whole PRBs (24 samples each) with BFP into the wire layout. */
export function compressCarrier(samples: Int16Array, iqWidth: number): Uint8Array {
  const prbs = wholePrbs(samples.length);
  const stride = prbPayloadBytes({ method: 'bfp', iqWidth });
  const out = new Uint8Array(prbs * stride);
  for (let p = 0; p < prbs; p++) {
    const prb = compressPrb(samples.subarray(p * samplesPerPrb, (p + 1) * samplesPerPrb), iqWidth);
    out[p * stride] = prb.exponent;
    out.set(prb.mantissas, p * stride + 1);
  }
  return out;
}

/**
 * Expands a BFP payload back to samples. The reserved high nibble of udCompParam is ignored, as
 * a receiver must; a length that is not whole PRBs is a `malformed-frame` PlugfestError.
 */
export function decompressCarrier(bytes: Uint8Array, iqWidth: number): Int16Array {
  const stride = prbPayloadBytes({ method: 'bfp', iqWidth });
  const prbs = wholeStrides(bytes.length, stride, `BFP ${iqWidth}-bit`);
  const out = new Int16Array(prbs * samplesPerPrb);
  for (let p = 0; p < prbs; p++) {
    const at = p * stride;
    const prb = { exponent: bytes[at]! & 0x0f, mantissas: bytes.subarray(at + 1, at + stride) };
    out.set(decompressPrb(prb, iqWidth), p * samplesPerPrb);
  }
  return out;
}

/** Uncompressed samples as 16-bit big-endian I/Q pairs (network byte order, CUS clause 6.3.3.13). */
export function encodeUncompressed(samples: Int16Array): Uint8Array {
  wholePrbs(samples.length);
  const out = new Uint8Array(samples.length * 2);
  const view = new DataView(out.buffer);
  for (let i = 0; i < samples.length; i++) view.setInt16(2 * i, samples[i]!, false);
  return out;
}

/** The inverse of encodeUncompressed; a length that is not whole PRBs is `malformed-frame`. */
export function decodeUncompressed(bytes: Uint8Array): Int16Array {
  const prbs = wholeStrides(bytes.length, 2 * samplesPerPrb, 'uncompressed 16-bit');
  const out = new Int16Array(prbs * samplesPerPrb);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i < out.length; i++) out[i] = view.getInt16(2 * i, false);
  return out;
}

/** Encodes samples with the given compression (BFP at its width, or uncompressed). */
export function encodeIqPayload(samples: Int16Array, compression: Compression): Uint8Array {
  return compression.method === 'bfp'
    ? compressCarrier(samples, compression.iqWidth)
    : encodeUncompressed(samples);
}

/** Decodes a payload written by encodeIqPayload with the same compression. */
export function decodeIqPayload(bytes: Uint8Array, compression: Compression): Int16Array {
  return compression.method === 'bfp'
    ? decompressCarrier(bytes, compression.iqWidth)
    : decodeUncompressed(bytes);
}

function wholePrbs(samples: number): number {
  if (samples % samplesPerPrb !== 0) {
    throw new RangeError(`IQ samples come in whole PRBs of ${samplesPerPrb}, got ${samples}`);
  }
  return samples / samplesPerPrb;
}

function wholeStrides(bytes: number, stride: number, what: string): number {
  if (bytes % stride !== 0) {
    throw new PlugfestError(
      'malformed-frame',
      `a ${what} IQ payload is whole PRBs of ${stride} bytes, got ${bytes} bytes`,
      { bytes, prbBytes: stride },
    );
  }
  return bytes / stride;
}
