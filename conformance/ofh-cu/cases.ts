/**
 * Open Fronthaul CU-plane cases (O-RAN.WG4.CUS): an O-RU and an O-DU interoperating on one
 * fronthaul link, the CU-plane graded message by message against the carrier the O-DU configured
 * over the M-plane; and the O-RU's IQ loopback at each BFP width it offers, driven by the harness.
 *
 * The checks are pure functions over the messages a case tapped (exported, so they can be shown
 * to fail on messages no built-in vendor sends). DL messages and UL C-plane are the O-DU's, UL
 * U-plane is the O-RU's: each violation names its sender.
 */
import {
  type CaseContext,
  type CaseDefinition,
  type Diagnostic,
  defineCase,
  type Network,
  oran,
} from '../../src/conformance/index.js';
import {
  airClock,
  bfpExponent,
  compressPrb,
  decodeUncompressed,
  decompressPrb,
  encodeUncompressed,
  evmTolerancePercent,
  lookupPrbCount,
  samplesPerPrb,
  testSignal,
} from '../../src/ran/index.js';
import {
  awaitFronthaul,
  type ConfiguredCarrier,
  type CuMessage,
  cuLink,
  duRuLinks,
  type FronthaulConfiguration,
  mLink,
  ofhCuPeerTopology,
  ofhCuTopology,
  watchCuPlane,
} from './topology.js';

const cu = oran.fronthaul.cuplane.v1;
/** How long each interop case watches the CU-plane: 80 slots at plugfest's default 100 slots/s. */
const watchMs = 800;
/** Fewer DL U-plane messages than this in the window is no traffic to grade. */
const minDlMessages = 10;

/** One message that breaks a check, and who sent it. */
export interface Violation {
  readonly code: string;
  readonly message: string;
  readonly expected: string;
  readonly observed: string;
  readonly sender: 'O-DU' | 'O-RU';
  readonly at: number;
}

const senderOf = (m: CuMessage): Violation['sender'] => (m.dir === 'client-to-server' ? 'O-DU' : 'O-RU');
const eaxcOf = (m: CuMessage): number => m.message.ecpriHeader?.eaxcId?.eaxcId ?? 0;
const isDl = (m: CuMessage): boolean => m.message.dataDirection === cu.DataDirection.DATA_DIRECTION_DL;
const slotText = (m: CuMessage): string =>
  `frame ${m.message.frameId} subframe ${m.message.subframeId} slot ${m.message.slotId}`;
const what = (m: CuMessage): string =>
  `${isDl(m) ? 'DL' : 'UL'} ${m.plane === 'c' ? 'C' : 'U'}-plane of eAxC ${eaxcOf(m)}`;
/** Slots in order modulo the 256 frames frameId names; 16 slots a subframe bounds every SCS up to 240 kHz. */
const slotIndex = (m: CuMessage): number =>
  (m.message.frameId * 10 + m.message.subframeId) * 16 + m.message.slotId;
const slotPeriod = 256 * 10 * 16;
const slotsAfter = (a: number, b: number): number => {
  const ahead = (((a - b) % slotPeriod) + slotPeriod) % slotPeriod;
  return ahead > slotPeriod / 2 ? ahead - slotPeriod : ahead;
};

/** The PRBs a section names (WG4.CUS: numPrb 0 is every PRB from start; every-other-RB steps by 2). */
function prbSpan(
  startPrb: number | null | undefined,
  numPrbField: number | null | undefined,
  rb: number | null | undefined,
  carrierPrbs: number,
) {
  const start = startPrb ?? 0;
  const numPrb = numPrbField ?? 0;
  const stride = rb === cu.RbIndicator.RB_INDICATOR_EVERY_OTHER_RB ? 2 : 1;
  const count = numPrb > 0 ? numPrb : Math.max(0, Math.ceil((carrierPrbs - start) / stride));
  return { start, count, last: start + (count - 1) * stride };
}

/** The carrier an eAxC id belongs to. */
const carrierOfEaxc = (carriers: readonly ConfiguredCarrier[], eaxcId: number) =>
  carriers.find((c) => c.eaxcIds.includes(eaxcId));

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
      violations.push({
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
        sender: senderOf(m),
        at: m.t,
      });
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
    violations.push({
      code: id === previous ? 'duplicate' : 'sequence-id',
      message: `${what(m)} sequence id ${id === previous ? 'repeated' : 'not continuous'}`,
      expected: `sequence id ${expected} after ${previous}`,
      observed: `sequence id ${id}${id === previous ? ' again' : ` (${(id - expected + 256) % 256} missing)`}`,
      sender: senderOf(m),
      at: m.t,
    });
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

/**
 * Compression (WG4.CUS udCompHdr, clause 6.3.3.13 and Annex A.1): every udCompHdr a C-plane or
 * U-plane section carries names the method and IQ width the M-plane configured for the eAxC's
 * carrier, and each PRB's IQ has that form and size.
 */
export function checkCompression(
  messages: readonly CuMessage[],
  carriers: readonly ConfiguredCarrier[],
): Violation[] {
  const violations: Violation[] = [];
  for (const m of messages) {
    const carrier = carrierOfEaxc(carriers, eaxcOf(m));
    if (!carrier) continue;
    const expected = `${compressionText(carrier.compression)}, as configured for carrier "${carrier.name}"`;
    const headers = m.plane === 'c' ? [m.message.udCompHdr] : m.message.sections.map((s) => s.udCompHdr);
    const wrong = headers.find((h) => h && !hdrMatches(h, carrier.compression));
    if (wrong) {
      violations.push({
        code: 'ud-comp-hdr',
        message: `${what(m)} for ${slotText(m)} carries a udCompHdr other than the configured compression`,
        expected,
        observed: `udCompHdr ${udCompHdrText(wrong)}`,
        sender: senderOf(m),
        at: m.t,
      });
      continue;
    }
    if (m.plane === 'c') continue;
    const problem = m.message.sections
      .flatMap((s) => (s.prbs ?? []).map((p) => prbProblem(p, carrier.compression)))
      .find(Boolean);
    if (problem) {
      violations.push({
        code: 'iq-payload',
        message: `${what(m)} for ${slotText(m)} carries IQ not in the configured compression`,
        expected,
        observed: problem,
        sender: senderOf(m),
        at: m.t,
      });
    }
  }
  return violations;
}

/**
 * PRB allocations (WG4.CUS startPrbc/numPrbc, startPrbu/numPrbu): every section stays
 * within the N_RB of its carrier (3GPP TS 38.101-1 Table 5.3.2-1 for the configured bandwidth and
 * SCS), and a U-plane section carries as many PRBs as it names.
 */
export function checkPrbAllocations(
  messages: readonly CuMessage[],
  carriers: readonly ConfiguredCarrier[],
): Violation[] {
  const violations: Violation[] = [];
  for (const m of messages) {
    const carrier = carrierOfEaxc(carriers, eaxcOf(m));
    if (!carrier?.prbCount) continue;
    const grid = carrier.prbCount;
    const sections =
      m.plane === 'c'
        ? m.message.sections.map((s) => ({
            id: s.sectionId,
            span: prbSpan(s.startPrbc, s.numPrbc, s.rb, grid),
            carried: undefined,
          }))
        : m.message.sections.map((s) => ({
            id: s.sectionId,
            span: prbSpan(s.startPrbu, s.numPrbu, s.rb, grid),
            carried: (s.prbs ?? []).length,
          }));
    const outside = sections.find(({ span }) => span.count === 0 || span.last >= grid);
    const short = sections.find(({ span, carried }) => carried !== undefined && carried !== span.count);
    if (!outside && !short) continue;
    violations.push({
      code: outside ? 'prb-range' : 'iq-payload',
      message: outside
        ? `${what(m)} section ${outside.id} leaves the carrier's PRB grid`
        : `${what(m)} section ${short!.id} carries another number of PRBs than it names`,
      expected: outside
        ? `PRBs within 0..${grid - 1} (${carrier.bandwidthMhz} MHz at ${carrier.scsKhz} kHz: ${grid} PRBs, 3GPP TS 38.101-1 Table 5.3.2-1)`
        : `${short!.span.count} PRBs of IQ`,
      observed: outside ? `PRBs ${outside.span.start}..${outside.span.last}` : `${short!.carried} PRBs of IQ`,
      sender: senderOf(m),
      at: m.t,
    });
  }
  return violations;
}

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
  const violations: Violation[] = [];
  for (const m of messages) {
    const allowed = isDl(m) ? ids('tx') : m.plane === 'c' ? ids('rx') : [...ids('rx'), ...ids('tx')];
    if (allowed.includes(eaxcOf(m))) continue;
    violations.push({
      code: 'eaxc-id',
      message: `${what(m)} for ${slotText(m)} is on an eAxC id the M-plane did not configure for it`,
      expected: `eAxC id ${allowed.join(' or ')} (${isDl(m) ? 'TX' : m.plane === 'c' ? 'RX' : 'RX, or TX when looped back'} carrier)`,
      observed: `eAxC id ${eaxcOf(m)}`,
      sender: senderOf(m),
      at: m.t,
    });
  }
  return violations;
}

/** The diagnostic of a check's violations: the first, and how many there were by sender. */
function diagnosticOf(violations: readonly Violation[], link: string): Diagnostic {
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

const common = {
  suite: 'ofh-cu',
  interface: 'ofh-cu' as const,
  mode: 'interop' as const,
  roles: ['o-ru', 'o-du'] as const,
  topology: ofhCuTopology,
  timeoutMs: 20_000,
};

/** Waits for the configured fronthaul, watches the CU-plane, and checks there is traffic to grade. */
async function watched(
  ctx: CaseContext<Network>,
): Promise<{ configuration: FronthaulConfiguration; messages: CuMessage[] }> {
  const configuration = await awaitFronthaul(ctx, duRuLinks);
  const messages = await watchCuPlane(ctx, cuLink, watchMs);
  const dl = messages.filter((m) => m.plane === 'u' && isDl(m)).length;
  const ul = messages.filter((m) => m.plane === 'u' && !isDl(m)).length;
  ctx.measure('dlUPlaneMessages', dl);
  ctx.measure('ulUPlaneMessages', ul);
  ctx.expect(dl >= minDlMessages && ul > 0, {
    message: 'too little CU-plane traffic to grade',
    expected: `>= ${minDlMessages} DL U-plane messages from the O-DU and UL U-plane from the O-RU in ${watchMs} ms`,
    observed: `${dl} DL and ${ul} UL U-plane messages`,
    link: cuLink,
  });
  return { configuration, messages };
}

function expectNone(ctx: CaseContext<Network>, violations: readonly Violation[], graded: number): void {
  ctx.measure('messagesGraded', graded);
  ctx.measure('violations', violations.length);
  if (violations.length > 0) ctx.expect(false, diagnosticOf(violations, cuLink));
}

export const cPlaneFirst = defineCase<Network>({
  ...common,
  id: 'OFH-CU-ORDER-001',
  title: 'C-plane precedes U-plane for the same slot, symbols and PRBs',
  spec: 'O-RAN.WG4.CUS C-plane ahead of U-plane, section type 1',
  expectation:
    'Over 800 ms of traffic, every DL U-plane section the O-DU sends, and every UL U-plane section the O-RU sends (IQ looped back excepted), follows on the link a C-plane message of the same direction, eAxC and frame/subframe/slot whose sections cover its symbol and PRBs.',
  async run(ctx: CaseContext<Network>) {
    const { configuration, messages } = await watched(ctx);
    expectNone(ctx, checkCPlaneFirst(messages, configuration.carriers), messages.length);
  },
});

export const sequenceIds = defineCase<Network>({
  ...common,
  id: 'OFH-CU-SEQ-001',
  title: 'eCPRI sequence ids are continuous per eAxC and plane, in both directions',
  spec: 'O-RAN.WG4.CUS eCPRI header (ecpriSeqid)',
  expectation:
    'Over 800 ms of traffic, each sender numbers its C-plane and U-plane messages of each eAxC 0..255 in steps of one, wrapping at 255: no gap and no repeat, from the O-DU (DL C/U, UL C) and from the O-RU (UL U).',
  async run(ctx: CaseContext<Network>) {
    const { messages } = await watched(ctx);
    expectNone(ctx, checkSequenceIds(messages), messages.length);
  },
});

export const compressionHeader = defineCase<Network>({
  ...common,
  id: 'OFH-CU-COMP-001',
  title: "udCompHdr and the IQ payload match the carrier's configured compression",
  spec: 'O-RAN.WG4.CUS udCompHdr, 6.3.3.13 and Annex A.1 (BFP); O-RAN.WG4.MP o-ran-uplane-conf compression',
  expectation:
    "The O-DU's accepted edit-config sets each carrier's compression (method, IQ bit width); over 800 ms every C-plane udCompHdr and every U-plane section udCompHdr of either side names that method and width, and each PRB carries an exponent 0..15 and 3 x iqWidth mantissa bytes (BFP) or 48 bytes (uncompressed).",
  async run(ctx: CaseContext<Network>) {
    const { configuration, messages } = await watched(ctx);
    const tx = configuration.carriers.find((c) => c.kind === 'tx');
    ctx.expect(tx !== undefined && tx.compression.method !== 'other', {
      message: 'the edit-config sets no compression the CU-plane models',
      expected: 'BFP or none on the TX carrier',
      observed: JSON.stringify(tx?.compression ?? 'no TX carrier'),
      link: mLink,
      trace: { at: [configuration.at] },
    });
    ctx.measure('iqWidth', tx.compression.iqWidth);
    expectNone(ctx, checkCompression(messages, configuration.carriers), messages.length);
  },
});

export const prbAllocations = defineCase<Network>({
  ...common,
  id: 'OFH-CU-PRB-001',
  title: "PRB allocations fit the carrier's PRB grid",
  spec: 'O-RAN.WG4.CUS startPrbc, numPrbc, startPrbu, numPrbu; 3GPP TS 38.101-1 Table 5.3.2-1',
  expectation:
    "Each carrier's N_RB is read from the 38.101-1 table for the bandwidth and SCS the edit-config set (e.g. 106 PRBs at 40 MHz / 30 kHz); over 800 ms every C-plane and U-plane section lies within 0..N_RB-1 and a U-plane section carries as many PRBs as it names.",
  async run(ctx: CaseContext<Network>) {
    const { configuration, messages } = await watched(ctx);
    const unknown = configuration.carriers.find((c) => c.prbCount === undefined);
    ctx.expect(unknown === undefined, {
      message: `carrier "${unknown?.name}" has a bandwidth and SCS with no PRB grid`,
      expected: 'a bandwidth the 38.101-1 table has at the SCS',
      observed: `${unknown?.bandwidthMhz} MHz at ${unknown?.scsKhz} kHz`,
      link: mLink,
      trace: { at: [configuration.at] },
    });
    for (const carrier of configuration.carriers)
      ctx.measure(`prbCount.${carrier.kind}`, carrier.prbCount ?? 0);
    expectNone(ctx, checkPrbAllocations(messages, configuration.carriers), messages.length);
  },
});

export const eaxcIds = defineCase<Network>({
  ...common,
  id: 'OFH-CU-EAXC-001',
  title: 'CU-plane uses the eAxC ids configured on the M-plane',
  spec: 'O-RAN.WG4.CUS eAxC id (ecpriRtcid / ecpriPcid); O-RAN.WG4.MP o-ran-uplane-conf eaxc-id',
  expectation:
    "The edit-config gives each carrier eAxC ids inside the O-RU's advertised eaxc-id range, unique across carriers; over 800 ms DL C/U-plane flows on the TX carrier's ids, UL C-plane and UL U-plane on the RX carrier's (looped-back IQ on the TX carrier's), and on nothing else.",
  async run(ctx: CaseContext<Network>) {
    const { configuration, messages } = await watched(ctx);
    const all = configuration.carriers.flatMap((c) => c.eaxcIds);
    const range = configuration.eaxcIdRange;
    const outside = range ? all.filter((id) => id < range.min || id > range.max) : [];
    const repeated = all.filter((id, i) => all.indexOf(id) !== i);
    ctx.expect(outside.length === 0 && repeated.length === 0 && all.length > 0, {
      message: 'the configured eAxC ids are not usable on this O-RU',
      expected: `unique eAxC ids within ${range ? `${range.min}..${range.max}` : 'the O-RU range'}`,
      observed: `${configuration.carriers.map((c) => `${c.name}: [${c.eaxcIds.join(', ')}]`).join('; ')}`,
      link: mLink,
      code: 'eaxc-id',
      trace: { at: [configuration.at] },
    });
    expectNone(ctx, checkEaxcIds(messages, configuration.carriers), messages.length);
  },
});

// ---------------------------------------------------------------------------------------------
// IQ loopback, the harness as O-DU (WG4.CONF 3.1.13).

const mp = oran.fronthaul.mplane.v1;
/** Slots of DL IQ sent per width; each should come back. */
const loopSlots = 8;
/** Peak level per I or Q component of the test signal (about -8.7 dBFS, as an O-DU's DL). */
const loopAmplitude = 12_000;
/** The carrier the harness configures for the test: 20 MHz fits every O-RU's band and bandwidth. */
const loopCarrier = { name: 'tx-loopback', bandwidthMhz: 20, centreKhz: 3_500_000 };

type Compression = { readonly method: 'bfp' | 'none'; readonly iqWidth: number };
const compressionName = (c: Compression) =>
  c.method === 'bfp' ? `BFP ${c.iqWidth}-bit` : 'uncompressed 16-bit';

/** What came back at one width. */
interface LoopbackResult {
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
  readonly refused?: { readonly step: string; readonly detail: string; readonly code?: string };
}

/** Measures looped-back U-plane sections against the DL IQ sent for the same slot. */
function measureLoopback(
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
function loopbackProblem(result: LoopbackResult): string | undefined {
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

/** The compressions an O-RU advertises, in its order; BFP at each width, none as 16-bit. */
function offeredCompressions(
  capability: oran.fronthaul.mplane.v1.ModuleCapability.$Properties | null | undefined,
): Compression[] {
  return (capability?.compression?.supportedCompressions ?? []).flatMap((offer): Compression[] => {
    if (offer.compressionMethod === mp.CompressionMethod.COMPRESSION_METHOD_BLOCK_FLOATING_POINT)
      return (offer.iqBitwidths ?? []).map((iqWidth) => ({ method: 'bfp', iqWidth }));
    if (offer.compressionMethod === mp.CompressionMethod.COMPRESSION_METHOD_NONE)
      return [{ method: 'none', iqWidth: 16 }];
    return [];
  });
}

const scsKhzOf: Readonly<Record<number, number>> = {
  [mp.SubcarrierSpacing.SUBCARRIER_SPACING_15_KHZ]: 15,
  [mp.SubcarrierSpacing.SUBCARRIER_SPACING_30_KHZ]: 30,
  [mp.SubcarrierSpacing.SUBCARRIER_SPACING_60_KHZ]: 60,
  [mp.SubcarrierSpacing.SUBCARRIER_SPACING_120_KHZ]: 120,
};

const rpcErrorsOf = (message: unknown) =>
  ((message as { rpcErrors?: oran.fronthaul.mplane.v1.RpcError[] }).rpcErrors ?? []).map((e) => ({
    detail: e.errorMessage || e.errorTag,
    code: e.errorTag,
  }));

/**
 * The body of OFH-CU-IQ-001: as the O-DU, configures a TX carrier at each compression the O-RU
 * offers in turn, loops it back, and grades what came back (measureLoopback, loopbackProblem).
 */
async function iqLoopbackPerWidth(ctx: CaseContext<Network>): Promise<void> {
  const net = ctx.fixture;
  const peer = net.peer('du-1');
  const mplane = await peer.session('ofh-m');
  const cuplane = await peer.session('ofh-cu');
  const capability = (await mplane.request('oran.fronthaul.mplane.v1.GetCapabilitiesRequest', {})).as(
    'oran.fronthaul.mplane.v1.GetCapabilitiesResponse',
  ).moduleCapability;
  const offers = offeredCompressions(capability);
  ctx.expect(offers.length > 0, {
    message: 'the O-RU advertises no compression the CU-plane models',
    expected: 'supported-compressions with BFP widths or none',
    observed: JSON.stringify(capability?.compression ?? {}),
    link: mLink,
  });
  const scsList = capability?.bandCapabilities?.supportedScs ?? [];
  const scsEnum = scsList.includes(mp.SubcarrierSpacing.SUBCARRIER_SPACING_30_KHZ)
    ? mp.SubcarrierSpacing.SUBCARRIER_SPACING_30_KHZ
    : (scsList[0] ?? mp.SubcarrierSpacing.SUBCARRIER_SPACING_30_KHZ);
  const scsKhz = scsKhzOf[scsEnum] ?? 30;
  const prbCount = lookupPrbCount(loopCarrier.bandwidthMhz, scsKhz) ?? 0;
  const eaxcId = capability?.ruCapabilities?.eaxcIdRange?.eaxcIdMin ?? 0;
  const band = capability?.bandCapabilities?.supportedBands?.[0] ?? 78;

  // Activation needs sync LOCKED (WG4.CONF 3.1.7): an O-RU locks shortly after it starts.
  for (let tries = 0; ; tries++) {
    const sync = (await mplane.request('oran.fronthaul.mplane.v1.GetSyncStateRequest', {})).as(
      'oran.fronthaul.mplane.v1.GetSyncStateResponse',
    );
    if (sync.syncState === mp.SyncState.SYNC_STATE_LOCKED) break;
    ctx.expect(tries < 50, {
      message: 'the O-RU never reached sync LOCKED',
      expected: 'SYNC_STATE_LOCKED within 5 s',
      observed: mp.SyncState[sync.syncState] ?? String(sync.syncState),
      link: mLink,
    });
    await ctx.sleep(100);
  }

  const clock = airClock({
    epochUnixMs: net.running.epochUnixMs,
    slotRatePerSecond: net.running.topology.options.slotRatePerSecond,
    scsKhz,
  });
  const sequence = { c: 0, u: 0 };
  const header = (plane: 'c' | 'u') => ({
    ecpriVersion: 1,
    ecpriMessage:
      plane === 'c'
        ? cu.EcpriMessageType.ECPRI_MESSAGE_TYPE_REAL_TIME_CONTROL
        : cu.EcpriMessageType.ECPRI_MESSAGE_TYPE_IQ_DATA,
    eaxcId: { eaxcId, ruPortId: eaxcId & 0xf, ccId: (eaxcId >> 4) & 0xf },
    sequenceId: sequence[plane]++ % 256,
    eBit: true,
  });

  const loopAt = async (compression: Compression): Promise<LoopbackResult> => {
    const refused = (step: string, problem: { detail: string; code?: string }): LoopbackResult => ({
      ...measureLoopback(compression, new Map(), []),
      refused: { step, ...problem },
    });
    const edit = await mplane.request('oran.fronthaul.mplane.v1.EditConfigRequest', {
      operation: mp.EditOperation.EDIT_OPERATION_MERGE,
      txArrayCarriers: [
        {
          name: loopCarrier.name,
          centerOfChannelBandwidthKhz: loopCarrier.centreKhz,
          channelBandwidthKhz: loopCarrier.bandwidthMhz * 1000,
          subcarrierSpacing: scsEnum,
          compression: {
            compressionMethod:
              compression.method === 'bfp'
                ? mp.CompressionMethod.COMPRESSION_METHOD_BLOCK_FLOATING_POINT
                : mp.CompressionMethod.COMPRESSION_METHOD_NONE,
            iqBitwidth: compression.iqWidth,
            compressionType: mp.CompressionType.COMPRESSION_TYPE_STATIC,
          },
          eaxcIds: [eaxcId],
          active: mp.ActiveState.ACTIVE_STATE_INACTIVE,
          bandNumber: band,
          cyclicPrefix: mp.CyclicPrefixType.CYCLIC_PREFIX_TYPE_NORMAL,
        },
      ],
    });
    if (edit.outcome !== 'successful')
      return refused('edit-config', rpcErrorsOf(edit.message)[0] ?? { detail: 'unsuccessful' });
    const activation = await mplane.request('oran.fronthaul.mplane.v1.SetCarrierStateRequest', {
      carrierName: loopCarrier.name,
      desiredState: mp.ActiveState.ACTIVE_STATE_ACTIVE,
    });
    const state = activation.as('oran.fronthaul.mplane.v1.SetCarrierStateResponse');
    if (activation.outcome !== 'successful' || state.state !== mp.CarrierState.CARRIER_STATE_ACTIVE)
      return refused('activation', rpcErrorsOf(state)[0] ?? { detail: state.reason || 'not ACTIVE' });
    const loop = await cuplane.request('oran.fronthaul.cuplane.v1.LoopbackTestRequest', {
      carrierName: loopCarrier.name,
      enable: true,
      durationMs: 0,
    });
    const looping = loop.as('oran.fronthaul.cuplane.v1.LoopbackTestResponse');
    if (loop.outcome !== 'successful' || !looping.loopbackActive)
      return refused('loopback-test', { detail: looping.detail || 'loopback not active' });

    const since = Date.now();
    const sent = new Map<string, Int16Array>();
    const udCompHdr = {
      udCompMeth:
        compression.method === 'bfp'
          ? cu.CompressionMethod.COMPRESSION_METHOD_BLOCK_FLOATING_POINT
          : cu.CompressionMethod.COMPRESSION_METHOD_NONE,
      udIqWidth: compression.iqWidth,
    };
    const first = clock.at(Date.now()).absoluteSlot + 1;
    for (let slot = first; slot < first + loopSlots; slot++) {
      const time = clock.slotTime(slot);
      const samples = testSignal({ prbCount, amplitude: loopAmplitude, seed: slot });
      sent.set(`${time.frameId}.${time.subframe}.${time.slot}`, samples);
      const slotFields = {
        dataDirection: cu.DataDirection.DATA_DIRECTION_DL,
        payloadVersion: 1,
        frameId: time.frameId,
        subframeId: time.subframe,
        slotId: time.slot,
      };
      await cuplane.send('oran.fronthaul.cuplane.v1.CPlaneMessage', {
        ecpriHeader: header('c'),
        ...slotFields,
        startSymbolId: 0,
        numberOfSections: 1,
        sectionType: cu.SectionType.SECTION_TYPE_1,
        udCompHdr,
        sections: [
          {
            sectionId: 1,
            rb: cu.RbIndicator.RB_INDICATOR_EVERY_RB,
            startPrbc: 0,
            numPrbc: prbCount,
            reMask: 0xfff,
            numSymbol: 14,
          },
        ],
      });
      const prbs = Array.from({ length: prbCount }, (_, p) => {
        const iq = samples.subarray(p * samplesPerPrb, (p + 1) * samplesPerPrb);
        if (compression.method === 'none') return { uncompressedIq: encodeUncompressed(iq) };
        const { exponent, mantissas } = compressPrb(iq, compression.iqWidth);
        return { blockFloatingPoint: { exponent, mantissas } };
      });
      await cuplane.send('oran.fronthaul.cuplane.v1.UPlaneMessage', {
        ecpriHeader: header('u'),
        ...slotFields,
        symbolId: 0,
        sections: [
          {
            sectionId: 1,
            rb: cu.RbIndicator.RB_INDICATOR_EVERY_RB,
            startPrbu: 0,
            numPrbu: prbCount,
            udCompHdr,
            prbs,
          },
        ],
      });
      // One slot per air slot, so the O-RU sees each inside its reception window.
      await ctx.sleep(Math.max(0, clock.slotStartUnixMs(slot + 1) - Date.now()));
    }
    const echoes = () =>
      peer
        .received('oran.fronthaul.cuplane.v1.UPlaneMessage', since)
        .map((m) => m.message)
        .filter(
          (m) =>
            m.dataDirection === cu.DataDirection.DATA_DIRECTION_UL &&
            (m.ecpriHeader?.eaxcId?.eaxcId ?? 0) === eaxcId,
        );
    for (let waited = 0; echoes().length < loopSlots && waited < 2000; waited += 50) await ctx.sleep(50);
    await cuplane.request('oran.fronthaul.cuplane.v1.LoopbackTestRequest', {
      carrierName: loopCarrier.name,
      enable: false,
    });
    await mplane.request('oran.fronthaul.mplane.v1.SetCarrierStateRequest', {
      carrierName: loopCarrier.name,
      desiredState: mp.ActiveState.ACTIVE_STATE_INACTIVE,
    });
    return measureLoopback(compression, sent, echoes());
  };

  const results: LoopbackResult[] = [];
  for (const compression of offers) {
    const result = await loopAt(compression);
    results.push(result);
    ctx.measure(
      `evmPercent.${compression.method}${compression.iqWidth}`,
      Number(result.evmPercent.toPrecision(4)),
    );
  }
  await mplane.request('oran.fronthaul.mplane.v1.EditConfigRequest', {
    operation: mp.EditOperation.EDIT_OPERATION_DELETE,
    txArrayCarriers: [{ name: loopCarrier.name }],
  });
  const problems = results.flatMap((r) => loopbackProblem(r) ?? []);
  const firstRefused = results.find((r) => r.refused)?.refused;
  ctx.expect(problems.length === 0, {
    message: `looped-back IQ out of tolerance: ${problems[0]}`,
    expected: results
      .map((r) => `${compressionName(r.compression)}: EVM <= ${r.tolerancePercent} %`)
      .join(', '),
    observed: problems.join('; '),
    link: cuLink,
    code: firstRefused?.code ?? 'evm-out-of-tolerance',
  });
}

export const iqLoopback = defineCase<Network>({
  id: 'OFH-CU-IQ-001',
  suite: 'ofh-cu',
  interface: 'ofh-cu',
  mode: 'conformance',
  roles: ['o-ru'],
  title: 'IQ looped back by the O-RU stays within the EVM tolerance of each BFP width it offers',
  spec: 'O-RAN.WG4.CUS Annex A.1 (block floating point); O-RAN.WG4.CONF 3.1.13 (loopback)',
  expectation:
    "For each compression the O-RU advertises, the harness (as O-DU) configures and activates a TX carrier with it, puts the carrier in loopback, sends 8 slots of DL C-plane then U-plane with a 16QAM test signal at -8.7 dBFS, and gets each U-plane back as UL on the same eAxC; decoded, the IQ that came back is within src/ran's evmTolerancePercent of the width (8: 3.3 %, 9: 1.7 %, 12: 0.21 %, 14: 0.052 %, 16: 0.013 %) of what was sent.",
  topology: ofhCuPeerTopology,
  timeoutMs: 20_000,
  run: iqLoopbackPerWidth,
});

export const ofhCuCases: CaseDefinition<Network>[] = [
  cPlaneFirst,
  sequenceIds,
  compressionHeader,
  prbAllocations,
  eaxcIds,
  iqLoopback,
];
