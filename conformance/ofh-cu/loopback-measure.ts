/**
 * How IQ looped back by an O-RU is graded against the DL IQ the harness sent (WG4.CUS Annex A.1):
 * EVM against src/ran's tolerance for the width, and, for BFP, how far each PRB's udCompParam
 * exponent is off the one its mantissas need, which names a broken compressor.
 */
import type { oran } from '../../src/conformance/index.js';
import {
  bfpExponent,
  compressPrb,
  decodeUncompressed,
  decompressPrb,
  evmTolerancePercent,
  samplesPerPrb,
} from '../../src/ran/index.js';

/** Slots of DL IQ sent per width; each should come back. */
export const loopSlots = 8;

/** A compression under test: BFP at a width, or none (16-bit). */
export type Compression = { readonly method: 'bfp' | 'none'; readonly iqWidth: number };
export const compressionName = (c: Compression) =>
  c.method === 'bfp' ? `BFP ${c.iqWidth}-bit` : 'uncompressed 16-bit';

/** What came back at one width. */
export interface LoopbackResult {
  readonly compression: Compression;
  readonly evmPercent: number;
  readonly tolerancePercent: number;
  readonly prbs: number;
  readonly looped: number;
  /** RMS of what came back over RMS of what was sent. */
  readonly gain: number;
  /** PRBs by (udCompParam exponent - the exponent its mantissas need), BFP only. */
  readonly exponentOffsets: ReadonlyMap<number, number>;
  /** Why the width could not be tested (the O-RU refused a step). */
  readonly refused?: { readonly step: string; readonly detail: string };
}

/** Measures looped-back U-plane sections against the DL IQ sent for the same slot. */
export function measureLoopback(
  compression: Compression,
  sent: ReadonlyMap<string, Int16Array>,
  looped: readonly oran.fronthaul.cuplane.v1.UPlaneMessage.$Properties[],
): Omit<LoopbackResult, 'refused'> {
  let errorPower = 0;
  let referencePower = 0;
  let receivedPower = 0;
  let prbs = 0;
  const exponentOffsets = new Map<number, number>();
  for (const message of looped) {
    const reference = sent.get(`${message.frameId ?? 0}.${message.subframeId ?? 0}.${message.slotId ?? 0}`);
    if (!reference) continue;
    for (const section of message.sections ?? []) {
      (section.prbs ?? []).forEach((prb, i) => {
        const at = ((section.startPrbu ?? 0) + i) * samplesPerPrb;
        const original = reference.subarray(at, at + samplesPerPrb);
        if (original.length < samplesPerPrb) return;
        const bfp = prb.blockFloatingPoint;
        let received: Int16Array;
        try {
          received = bfp
            ? decompressPrb(
                { exponent: bfp.exponent ?? 0, mantissas: bfp.mantissas ?? new Uint8Array() },
                compression.iqWidth,
              )
            : decodeUncompressed(prb.uncompressedIq ?? new Uint8Array());
        } catch {
          // A PRB of the wrong size counts as all error.
          received = new Int16Array(samplesPerPrb);
        }
        if (bfp && compression.method === 'bfp') {
          const onWire = decompressPrb(compressPrb(original, compression.iqWidth), compression.iqWidth);
          const mantissaScale = bfpExponent(onWire, compression.iqWidth);
          const offset = (bfp.exponent ?? 0) - mantissaScale;
          exponentOffsets.set(offset, (exponentOffsets.get(offset) ?? 0) + 1);
        }
        for (let k = 0; k < samplesPerPrb; k++) {
          const d = received[k]! - original[k]!;
          errorPower += d * d;
          referencePower += original[k]! * original[k]!;
          receivedPower += received[k]! * received[k]!;
        }
        prbs += 1;
      });
    }
  }
  return {
    compression,
    evmPercent:
      referencePower === 0 ? Number.POSITIVE_INFINITY : 100 * Math.sqrt(errorPower / referencePower),
    tolerancePercent: evmTolerancePercent(compression.iqWidth),
    prbs,
    looped: looped.length,
    gain: referencePower === 0 ? 0 : Math.sqrt(receivedPower / referencePower),
    exponentOffsets,
  };
}

/** Why a width failed, in words an integration engineer can act on; undefined when it passed. */
export function loopbackProblem(result: LoopbackResult): string | undefined {
  const name = compressionName(result.compression);
  if (result.refused) return `${name}: ${result.refused.step} refused: ${result.refused.detail}`;
  if (result.prbs === 0)
    return `${name}: nothing came back from ${loopSlots} DL U-plane messages in loopback`;
  if (result.evmPercent <= result.tolerancePercent) return undefined;
  const evm = `${name}: EVM ${result.evmPercent.toPrecision(3)} % over tolerance ${result.tolerancePercent} % (${result.prbs} PRBs, gain x${result.gain.toFixed(2)})`;
  const [offset, count] = [...result.exponentOffsets].sort((a, b) => b[1] - a[1])[0] ?? [0, 0];
  if (offset === 0) return evm;
  return `${evm}; udCompParam exponent ${offset > 0 ? '+' : ''}${offset} off the exponent its mantissas were shifted by in ${count} of ${result.prbs} PRBs: exponent/mantissa mismatch in the O-RU's BFP compressor`;
}
