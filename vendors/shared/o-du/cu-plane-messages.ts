/**
 * CU-plane messages as the O-DU builds them (O-RAN.WG4.CUS): section type 1 C-plane messages
 * and U-plane messages of one symbol, from a slot's allocations. Pure: sequence ids and IQ come
 * in from the caller.
 */
import {
  type AirTime,
  type Allocation,
  type Compression,
  compressPrb,
  encodeUncompressed,
  samplesPerPrb,
} from '../../../src/ran/index.js';
import { oran } from '../../../src/sdk/index.js';

const cu = oran.fronthaul.cuplane.v1;
type Direction = 'dl' | 'ul';

/** numPrbc / numPrbu are 8 bits (0 means the whole carrier): longer allocations are split. */
const maxPrbsPerSection = 255;

/** A run of PRBs in one section. */
export interface SectionSpan {
  readonly sectionId: number;
  readonly startPrb: number;
  readonly numPrb: number;
}

/** The sections of a slot's allocations, in PRB order, each at most 255 PRBs, sectionId from 1. */
export function sectionsOf(allocations: readonly Allocation[], prbCount: number): SectionSpan[] {
  const spans: SectionSpan[] = [];
  for (const a of [...allocations].sort((x, y) => x.prbStart - y.prbStart)) {
    // Never beyond the carrier, whatever the scheduler said.
    const end = Math.min(a.prbStart + a.prbCount, prbCount);
    for (let start = a.prbStart; start < end; start += maxPrbsPerSection) {
      spans.push({
        sectionId: spans.length + 1,
        startPrb: start,
        numPrb: Math.min(maxPrbsPerSection, end - start),
      });
    }
  }
  return spans;
}

/** udCompHdr of a compression: BFP at its width, or none (16-bit). */
export function udCompHdrOf(compression: Compression): oran.fronthaul.cuplane.v1.UdCompHdr.$Properties {
  return compression.method === 'bfp'
    ? {
        udCompMeth: cu.CompressionMethod.COMPRESSION_METHOD_BLOCK_FLOATING_POINT,
        udIqWidth: compression.iqWidth,
      }
    : { udCompMeth: cu.CompressionMethod.COMPRESSION_METHOD_NONE, udIqWidth: 16 };
}

/** The eCPRI header, with the eAxC id split by plugfest's default bitmasks (4 bits each). */
export function ecpriHeaderOf(
  plane: 'c' | 'u',
  eaxcId: number,
  sequenceId: number,
): oran.fronthaul.cuplane.v1.EcpriHeader.$Properties {
  return {
    ecpriVersion: 1,
    ecpriMessage:
      plane === 'c'
        ? cu.EcpriMessageType.ECPRI_MESSAGE_TYPE_REAL_TIME_CONTROL
        : cu.EcpriMessageType.ECPRI_MESSAGE_TYPE_IQ_DATA,
    eaxcId: {
      eaxcId,
      duPortId: (eaxcId >> 12) & 0xf,
      bandSectorId: (eaxcId >> 8) & 0xf,
      ccId: (eaxcId >> 4) & 0xf,
      ruPortId: eaxcId & 0xf,
    },
    sequenceId,
    eBit: true,
    subsequenceId: 0,
  };
}

const directionOf = (d: Direction) =>
  d === 'dl' ? cu.DataDirection.DATA_DIRECTION_DL : cu.DataDirection.DATA_DIRECTION_UL;

/** A section type 1 C-plane message for the 14 symbols of the slot. */
export function cPlaneMessage(options: {
  direction: Direction;
  time: AirTime;
  eaxcId: number;
  sequenceId: number;
  compression: Compression;
  sections: readonly SectionSpan[];
}): oran.fronthaul.cuplane.v1.CPlaneMessage.$Properties {
  const { time, sections } = options;
  return {
    ecpriHeader: ecpriHeaderOf('c', options.eaxcId, options.sequenceId),
    dataDirection: directionOf(options.direction),
    payloadVersion: 1,
    filterIndex: 0,
    frameId: time.frameId,
    subframeId: time.subframe,
    slotId: time.slot,
    startSymbolId: 0,
    numberOfSections: sections.length,
    sectionType: cu.SectionType.SECTION_TYPE_1,
    udCompHdr: udCompHdrOf(options.compression),
    sections: sections.map((s) => ({
      sectionId: s.sectionId,
      rb: cu.RbIndicator.RB_INDICATOR_EVERY_RB,
      symInc: false,
      startPrbc: s.startPrb,
      numPrbc: s.numPrb,
      reMask: 0xfff,
      numSymbol: 14,
      beamId: 0,
    })),
  };
}

/** One PRB's IQ in the section's compression. */
export function prbOf(
  samples: Int16Array,
  compression: Compression,
): oran.fronthaul.cuplane.v1.Prb.$Properties {
  if (compression.method === 'none') return { uncompressedIq: encodeUncompressed(samples) };
  const { exponent, mantissas } = compressPrb(samples, compression.iqWidth);
  return { blockFloatingPoint: { exponent, mantissas } };
}

/**
 * The DL U-plane message of symbol 0 of the slot (one representative symbol per slot). `iq`
 * holds the samples of each section, 24 per PRB.
 */
export function dlUPlaneMessage(options: {
  time: AirTime;
  eaxcId: number;
  sequenceId: number;
  compression: Compression;
  sections: readonly SectionSpan[];
  iq: readonly Int16Array[];
}): oran.fronthaul.cuplane.v1.UPlaneMessage.$Properties {
  const { time, compression } = options;
  return {
    ecpriHeader: ecpriHeaderOf('u', options.eaxcId, options.sequenceId),
    dataDirection: cu.DataDirection.DATA_DIRECTION_DL,
    payloadVersion: 1,
    filterIndex: 0,
    frameId: time.frameId,
    subframeId: time.subframe,
    slotId: time.slot,
    symbolId: 0,
    sections: options.sections.map((s, i) => {
      const iq = options.iq[i]!;
      const prbs: oran.fronthaul.cuplane.v1.Prb.$Properties[] = [];
      for (let p = 0; p < s.numPrb; p++)
        prbs.push(prbOf(iq.subarray(p * samplesPerPrb, (p + 1) * samplesPerPrb), compression));
      return {
        sectionId: s.sectionId,
        rb: cu.RbIndicator.RB_INDICATOR_EVERY_RB,
        symInc: false,
        startPrbu: s.startPrb,
        numPrbu: s.numPrb,
        udCompHdr: udCompHdrOf(compression),
        prbs,
      };
    }),
  };
}
