/**
 * The CU-plane checks (O-RAN.WG4.CUS): pure functions over the messages a case tapped and the
 * carriers the M-plane configured, exported so tests can show them failing on messages no
 * built-in vendor sends. DL messages and UL C-plane are the O-DU's, UL U-plane is the O-RU's:
 * each violation names its sender.
 */
import { type CaseDiagnostic, type DiagnosticCode, oran } from '../../src/conformance/index.js';
import type { ConfiguredCarrier } from './configuration.js';
import {
  carrierOfEaxc,
  eaxcOf,
  isDl,
  prbSpan,
  slotIndex,
  slotsAfter,
  slotText,
  what,
} from './message-fields.js';
import type { CuMessage } from './tap.js';

const cu = oran.fronthaul.cuplane.v1;

/** One message that breaks a check, and who sent it. */
export interface Violation {
  readonly code: DiagnosticCode;
  readonly message: string;
  readonly expected: string;
  readonly observed: string;
  readonly sender: 'O-DU' | 'O-RU';
  readonly at: number;
}

/** The violation `m` makes: its sender is the side it came from. */
const violationBy = (m: CuMessage, v: Omit<Violation, 'sender' | 'at'>): Violation => ({
  ...v,
  sender: m.dir === 'client-to-server' ? 'O-DU' : 'O-RU',
  at: m.t,
});

/**
 * C-plane before U-plane (WG4.CUS: a section type 1 C-plane message ahead of the U-plane): every
 * U-plane section is described by a C-plane of the same direction, eAxC and slot that crossed the
 * link before it, covering its symbol and PRBs.
 * Looped-back U-plane (UL on a TX eAxC) answers a DL U-plane, not a C-plane, and is left out.
 * A U-plane for a slot before the first C-plane seen may have had its C-plane before the tap.
 */
export function checkCPlaneFirst(
  messages: readonly CuMessage[],
  carriers: readonly ConfiguredCarrier[],
): Violation[] {
  const cPlanes = new Map<string, CuMessage[]>();
  const firstSlot = new Map<string, number>();
  const violations: Violation[] = [];
  for (const m of messages) {
    const stream = `${m.message.dataDirection}/${eaxcOf(m)}`;
    if (m.plane === 'c') {
      const key = `${stream}/${slotIndex(m)}`;
      cPlanes.set(key, [...(cPlanes.get(key) ?? []), m]);
      if (!firstSlot.has(stream)) firstSlot.set(stream, slotIndex(m));
      continue;
    }
    if (!isDl(m) && carrierOfEaxc(carriers, eaxcOf(m))?.kind === 'tx') continue;
    const first = firstSlot.get(stream);
    if (first === undefined || slotsAfter(slotIndex(m), first) < 0) continue;
    const described = (cPlanes.get(`${stream}/${slotIndex(m)}`) ?? []).flatMap((c) =>
      c.plane === 'c' ? c.message.sections.map((s) => ({ c: c.message, s })) : [],
    );
    const carrierPrbs = carrierOfEaxc(carriers, eaxcOf(m))?.prbCount ?? 0;
    for (const section of m.message.sections) {
      const u = prbSpan(section.startPrbu, section.numPrbu, section.rb, carrierPrbs);
      const covered = described.some(({ c, s }) => {
        const span = prbSpan(s.startPrbc, s.numPrbc, s.rb, carrierPrbs);
        const symbols = s.numSymbol || 14;
        return (
          m.message.symbolId >= c.startSymbolId &&
          m.message.symbolId < c.startSymbolId + symbols &&
          u.start >= span.start &&
          u.last <= span.last
        );
      });
      if (covered) continue;
      violations.push(
        violationBy(m, {
          code: 'c-plane-before-u-plane',
          message:
            described.length === 0
              ? `${what(m)} for ${slotText(m)} came with no C-plane before it`
              : `${what(m)} for ${slotText(m)} symbol ${m.message.symbolId} PRBs ${u.start}..${u.last} is not in the C-plane sent for the slot`,
          expected: `a C-plane of the same eAxC and slot, earlier on the link, describing symbol ${m.message.symbolId} PRBs ${u.start}..${u.last}`,
          observed:
            described.length === 0
              ? 'no such C-plane'
              : `C-plane sections ${described.map(({ c, s }) => `symbols ${c.startSymbolId}+${s.numSymbol} PRBs ${s.startPrbc}+${s.numPrbc}`).join(', ')}`,
        }),
      );
      break;
    }
  }
  return violations;
}

/**
 * eCPRI sequence ids (WG4.CUS eCPRI header, ecpriSeqid): per sender, plane and eAxC, each
 * message carries the previous id plus one, modulo 256: no gap, no repeat.
 */
export function checkSequenceIds(messages: readonly CuMessage[]): Violation[] {
  const last = new Map<string, number>();
  const violations: Violation[] = [];
  for (const m of messages) {
    const key = `${m.dir}/${m.plane}/${eaxcOf(m)}`;
    const id = m.message.ecpriHeader?.sequenceId ?? 0;
    const previous = last.get(key);
    last.set(key, id);
    if (previous === undefined) continue;
    const expected = (previous + 1) % 256;
    if (id === expected) continue;
    violations.push(
      violationBy(m, {
        code: 'sequence-id',
        message: `${what(m)} sequence id ${id === previous ? 'repeated' : 'not continuous'}`,
        expected: `sequence id ${expected} after ${previous}`,
        observed: `sequence id ${id}${id === previous ? ' again' : ` (${(id - expected + 256) % 256} missing)`}`,
      }),
    );
  }
  return violations;
}

const udCompHdrText = (hdr: oran.fronthaul.cuplane.v1.UdCompHdr.$Properties | null | undefined): string =>
  `${cu.CompressionMethod[hdr?.udCompMeth ?? 0] ?? hdr?.udCompMeth} ${hdr?.udIqWidth ?? 0}-bit`;
const compressionText = (c: ConfiguredCarrier['compression']): string =>
  c.method === 'bfp' ? `BFP ${c.iqWidth}-bit` : c.method === 'none' ? 'no compression (16-bit)' : 'unknown';

function hdrMatches(
  hdr: oran.fronthaul.cuplane.v1.UdCompHdr.$Properties,
  configured: ConfiguredCarrier['compression'],
): boolean {
  if (configured.method === 'bfp')
    return (
      hdr.udCompMeth === cu.CompressionMethod.COMPRESSION_METHOD_BLOCK_FLOATING_POINT &&
      hdr.udIqWidth === configured.iqWidth
    );
  if (configured.method === 'none')
    return (
      hdr.udCompMeth === cu.CompressionMethod.COMPRESSION_METHOD_NONE && [0, 16].includes(hdr.udIqWidth ?? 0)
    );
  return false;
}

/** Why a PRB's IQ does not have the form of the compression, or undefined. */
function prbProblem(
  prb: oran.fronthaul.cuplane.v1.Prb.$Properties,
  configured: ConfiguredCarrier['compression'],
) {
  if (configured.method === 'none') {
    const bytes = prb.uncompressedIq?.length ?? 0;
    return bytes === 48 ? undefined : `an uncompressed PRB of ${bytes} bytes (48 expected)`;
  }
  const bfp = prb.blockFloatingPoint;
  if (!bfp) return 'a PRB without block floating point IQ';
  const bytes = bfp.mantissas?.length ?? 0;
  if (bytes !== 3 * configured.iqWidth)
    return `${bytes} mantissa bytes (${3 * configured.iqWidth} at ${configured.iqWidth} bits)`;
  if ((bfp.exponent ?? 0) > 15) return `exponent ${bfp.exponent} (udCompParam holds 0..15)`;
  return undefined;
}

/** Grades each message of a configured carrier with `grade`: at most one violation a message. */
const perMessage =
  (grade: (m: CuMessage, carrier: ConfiguredCarrier) => Violation | undefined) =>
  (messages: readonly CuMessage[], carriers: readonly ConfiguredCarrier[]): Violation[] =>
    messages.flatMap((m) => {
      const carrier = carrierOfEaxc(carriers, eaxcOf(m));
      const violation = carrier && grade(m, carrier);
      return violation ? [violation] : [];
    });

/**
 * Compression (WG4.CUS udCompHdr, clause 6.3.3.13 and Annex A.1): every udCompHdr a C-plane or
 * U-plane section carries names the method and IQ width the M-plane configured for the eAxC's
 * carrier, and each PRB's IQ has that form and size.
 */
export const checkCompression = perMessage((m, carrier) => {
  const expected = `${compressionText(carrier.compression)}, as configured for carrier "${carrier.name}"`;
  const headers = m.plane === 'c' ? [m.message.udCompHdr] : m.message.sections.map((s) => s.udCompHdr);
  const wrong = headers.find((h) => h && !hdrMatches(h, carrier.compression));
  if (wrong) {
    return violationBy(m, {
      code: 'ud-comp-hdr',
      message: `${what(m)} for ${slotText(m)} carries a udCompHdr other than the configured compression`,
      expected,
      observed: `udCompHdr ${udCompHdrText(wrong)}`,
    });
  }
  if (m.plane === 'c') return undefined;
  const problem = m.message.sections
    .flatMap((s) => (s.prbs ?? []).map((p) => prbProblem(p, carrier.compression)))
    .find(Boolean);
  if (!problem) return undefined;
  return violationBy(m, {
    code: 'iq-payload',
    message: `${what(m)} for ${slotText(m)} carries IQ not in the configured compression`,
    expected,
    observed: problem,
  });
});

/**
 * PRB allocations (WG4.CUS startPrbc/numPrbc, startPrbu/numPrbu): every section stays
 * within the N_RB of its carrier (3GPP TS 38.101-1 Table 5.3.2-1 for the configured bandwidth and
 * SCS), and a U-plane section carries as many PRBs as it names.
 */
export const checkPrbAllocations = perMessage((m, carrier) => {
  const grid = carrier.prbCount;
  if (!grid) return undefined;
  const sections =
    m.plane === 'c'
      ? m.message.sections.map((s) => ({
          id: s.sectionId,
          span: prbSpan(s.startPrbc, s.numPrbc, s.rb, grid),
        }))
      : m.message.sections.map((s) => ({
          id: s.sectionId,
          span: prbSpan(s.startPrbu, s.numPrbu, s.rb, grid),
          carried: (s.prbs ?? []).length,
        }));
  const outside = sections.find(({ span }) => span.count === 0 || span.last >= grid);
  if (outside) {
    return violationBy(m, {
      code: 'prb-fit',
      message: `${what(m)} section ${outside.id} leaves the carrier's PRB grid`,
      expected: `PRBs within 0..${grid - 1} (${carrier.bandwidthMhz} MHz at ${carrier.scsKhz} kHz: ${grid} PRBs, 3GPP TS 38.101-1 Table 5.3.2-1)`,
      observed: `PRBs ${outside.span.start}..${outside.span.last}`,
    });
  }
  const short = sections.find((s) => 'carried' in s && s.carried !== s.span.count);
  if (!short || !('carried' in short)) return undefined;
  return violationBy(m, {
    code: 'iq-payload',
    message: `${what(m)} section ${short.id} carries another number of PRBs than it names`,
    expected: `${short.span.count} PRBs of IQ`,
    observed: `${short.carried} PRBs of IQ`,
  });
});

/**
 * eAxC ids (WG4.CUS ecpriRtcid / ecpriPcid; WG4.MP o-ran-uplane-conf eaxc-id): DL C-plane and
 * U-plane use the eAxC ids of the TX carrier, UL C-plane those of the RX carrier, UL U-plane those
 * of the RX carrier (or of the TX carrier, for IQ looped back), all as the M-plane configured.
 */
export function checkEaxcIds(
  messages: readonly CuMessage[],
  carriers: readonly ConfiguredCarrier[],
): Violation[] {
  const ids = (kind: 'tx' | 'rx') => carriers.filter((c) => c.kind === kind).flatMap((c) => c.eaxcIds);
  const carrierText = (m: CuMessage) =>
    isDl(m) ? 'TX' : m.plane === 'c' ? 'RX' : 'RX, or TX when looped back';
  return messages.flatMap((m) => {
    const allowed = isDl(m) ? ids('tx') : m.plane === 'c' ? ids('rx') : [...ids('rx'), ...ids('tx')];
    if (allowed.includes(eaxcOf(m))) return [];
    return violationBy(m, {
      code: 'eaxc-id',
      message: `${what(m)} for ${slotText(m)} is on an eAxC id the M-plane did not configure for it`,
      expected: `eAxC id ${allowed.join(' or ')} (${carrierText(m)} carrier)`,
      observed: `eAxC id ${eaxcOf(m)}`,
    });
  });
}

/** The diagnostic of a check's violations: the first, and how many there were by sender. */
export function diagnosticOf(violations: readonly Violation[], link: string): CaseDiagnostic {
  const first = violations[0]!;
  const bySender = ['O-DU', 'O-RU']
    .map((s) => [s, violations.filter((v) => v.sender === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} from the ${s}`)
    .join(', ');
  return {
    message: `${first.sender}: ${first.message} (${violations.length} message(s): ${bySender})`,
    expected: first.expected,
    observed: first.observed,
    link,
    code: first.code,
    trace: { at: violations.slice(0, 5).map((v) => v.at) },
  };
}
