/**
 * Measuring received IQ: decoding a U-plane section in the compression it says (or the carrier's),
 * and an EVM meter that sums error and reference power over many PRBs, so one figure per second
 * (or per loopback test) stands for everything received in it.
 */
import {
  type Compression,
  decodeUncompressed,
  decompressPrb,
  evmTolerancePercent,
  quantisationEvmBoundPercent,
  samplesPerPrb,
} from '../../../src/ran/index.js';
import { oran } from '../../../src/sdk/index.js';

const cu = oran.fronthaul.cuplane.v1;

/** The samples of one received section, PRB after PRB, and the width they came in. */
export interface DecodedSection {
  readonly startPrb: number;
  readonly iqWidth: number;
  readonly samples: Int16Array;
}

/**
 * Decodes a section's PRBs. The section's udCompHdr, when present, says the compression; the
 * carrier's applies otherwise. A PRB that does not decode throws `malformed-frame`.
 */
export function decodeSection(
  section: oran.fronthaul.cuplane.v1.UPlaneSection.$Properties,
  carrier: Compression,
): DecodedSection {
  const header = section.udCompHdr;
  const none = header
    ? header.udCompMeth === cu.CompressionMethod.COMPRESSION_METHOD_NONE
    : carrier.method === 'none';
  const iqWidth = none ? 16 : header?.udIqWidth || carrier.iqWidth;
  const prbs = section.prbs ?? [];
  const samples = new Int16Array(prbs.length * samplesPerPrb);
  prbs.forEach((prb, i) => {
    const bfp = prb.blockFloatingPoint;
    const decoded = bfp
      ? decompressPrb({ exponent: bfp.exponent ?? 0, mantissas: bfp.mantissas ?? new Uint8Array() }, iqWidth)
      : decodeUncompressed(prb.uncompressedIq ?? new Uint8Array());
    samples.set(decoded.subarray(0, samplesPerPrb), i * samplesPerPrb);
  });
  return { startPrb: section.startPrbu ?? 0, iqWidth, samples };
}

/** The EVM a width may show without a bug (src/ran's tolerances; twice the bound for other widths). */
export function toleranceFor(iqWidth: number): number {
  try {
    return evmTolerancePercent(iqWidth);
  } catch {
    return 2 * quantisationEvmBoundPercent(iqWidth);
  }
}

/** Error and reference power summed over everything compared since the last reset. */
export class EvmMeter {
  #errorPower = 0;
  #referencePower = 0;
  prbs = 0;
  iqWidth = 0;

  add(reference: ArrayLike<number>, received: ArrayLike<number>, iqWidth: number): void {
    const n = Math.min(reference.length, received.length);
    for (let i = 0; i < n; i++) {
      const r = reference[i]!;
      const d = received[i]! - r;
      this.#errorPower += d * d;
      this.#referencePower += r * r;
    }
    this.prbs += Math.floor(n / samplesPerPrb);
    this.iqWidth = iqWidth;
  }

  /** EVM in percent of everything added, rounded to 4 significant digits. */
  get evmPercent(): number {
    if (this.#referencePower === 0) return this.#errorPower === 0 ? 0 : Number.POSITIVE_INFINITY;
    return Number((100 * Math.sqrt(this.#errorPower / this.#referencePower)).toPrecision(4));
  }

  /** The log fields of a measurement: iqWidth, evmPercent, tolerancePercent, ok, prbs. */
  verdict(): { iqWidth: number; evmPercent: number; tolerancePercent: number; ok: boolean; prbs: number } {
    const tolerancePercent = toleranceFor(this.iqWidth);
    const evmPercent = this.evmPercent;
    return {
      iqWidth: this.iqWidth,
      evmPercent,
      tolerancePercent,
      ok: evmPercent <= tolerancePercent,
      prbs: this.prbs,
    };
  }

  reset(): void {
    this.#errorPower = 0;
    this.#referencePower = 0;
    this.prbs = 0;
  }
}
