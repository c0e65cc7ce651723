/**
 * Open Fronthaul CU-plane cases (O-RAN.WG4.CUS): an O-RU and an O-DU interoperating on one
 * fronthaul link, the CU-plane graded message by message against the carrier the O-DU configured
 * over the M-plane; and the O-RU's IQ loopback at each BFP width it offers, driven by the harness.
 *
 * The checks are pure functions over the messages a case tapped (checks.ts); the loopback is
 * driven by the harness as O-DU (loopback.ts). DL messages and UL C-plane are the O-DU's, UL
 * U-plane is the O-RU's: each violation names its sender.
 */
import type { CaseDefinition, DiagnosticCode, Network, NetworkContext } from '../../src/conformance/index.js';
import {
  checkCompression,
  checkCPlaneFirst,
  checkEaxcIds,
  checkPrbAllocations,
  checkSequenceIds,
  diagnosticOf,
  type Violation,
} from './checks.js';
import { awaitFronthaul, type FronthaulConfiguration } from './configuration.js';
import { iqLoopbackPerWidth } from './loopback.js';
import { isDl } from './message-fields.js';
import { type CuMessage, watchCuPlane } from './tap.js';
import { conformanceCase, cuLink, duRuLinks, interopCase, mLink } from './topology.js';

/** How many air slots each interop case watches the CU-plane for (800 ms at the default 100 slots/s). */
const watchSlots = 80;
/** Fewer DL U-plane messages than this in the window is no traffic to grade. */
const minDlMessages = 10;
/** Windows more a case watches while it has seen too little (a loaded machine slows the vendors). */
const extraWindows = 2;

/**
 * Waits for the configured fronthaul and watches the CU-plane; too little traffic to grade is
 * the harness's problem (it ran starved), never the vendors' fail.
 */
async function watched(
  ctx: NetworkContext,
): Promise<{ configuration: FronthaulConfiguration; messages: CuMessage[] }> {
  const configuration = await awaitFronthaul(ctx, duRuLinks);
  const windowMs = Math.round((watchSlots * 1000) / ctx.fixture.options.slotRatePerSecond);
  const { messages, watchedMs } = await watchCuPlane(ctx, cuLink, windowMs, {
    extraWindows,
    enough: (tap) =>
      tap.uPlaneCount('client-to-server') >= minDlMessages && tap.uPlaneCount('server-to-client') > 0,
  });
  const dl = messages.filter((m) => m.plane === 'u' && isDl(m)).length;
  const ul = messages.filter((m) => m.plane === 'u' && !isDl(m)).length;
  ctx.measure('dlUPlaneMessages', dl);
  ctx.measure('ulUPlaneMessages', ul);
  ctx.measure('watchedMs', watchedMs);
  if (dl < minDlMessages || ul === 0) {
    ctx.cannotGrade({
      message: 'harness could not observe enough CU-plane traffic to grade',
      expected: `>= ${minDlMessages} DL U-plane messages from the O-DU and UL U-plane from the O-RU in ${watchSlots} slots`,
      observed: `${dl} DL and ${ul} UL U-plane messages in ${watchedMs} ms`,
      link: cuLink,
    });
  }
  return { configuration, messages };
}

function expectNone(ctx: NetworkContext, violations: readonly Violation[], graded: number): void {
  ctx.measure('messagesGraded', graded);
  ctx.measure('violations', violations.length);
  if (violations.length > 0) ctx.expect(false, diagnosticOf(violations, cuLink));
}

/**
 * An interop case grading every watched message with `check`, after `configured` has graded
 * what the O-DU's edit-config set.
 */
function gradedCase(
  definition: Pick<CaseDefinition<Network>, 'id' | 'title' | 'spec' | 'expectation'>,
  check: (messages: readonly CuMessage[], carriers: FronthaulConfiguration['carriers']) => Violation[],
  configured?: (ctx: NetworkContext, configuration: FronthaulConfiguration) => void,
): CaseDefinition<Network> {
  return interopCase({
    ...definition,
    async run(ctx: NetworkContext) {
      const { configuration, messages } = await watched(ctx);
      configured?.(ctx, configuration);
      expectNone(ctx, check(messages, configuration.carriers), messages.length);
    },
  });
}

/** Expects what the O-DU's edit-config set to be usable; otherwise fails on the M-plane link. */
function expectConfigured(
  ctx: NetworkContext,
  configuration: FronthaulConfiguration,
  condition: boolean,
  d: { message: string; expected: string; observed: string; code: DiagnosticCode },
): asserts condition {
  ctx.expect(condition, { ...d, link: mLink, trace: { at: [configuration.at] } });
}

export const cPlaneFirst = gradedCase(
  {
    id: 'OFH-CU-ORDER-001',
    title: 'C-plane precedes U-plane for the same slot, symbols and PRBs',
    spec: 'O-RAN.WG4.CUS C-plane ahead of U-plane, section type 1',
    expectation:
      'Over at least 80 air slots of traffic (800 ms at 100 slots/s), every DL U-plane section the O-DU sends, and every UL U-plane section the O-RU sends (IQ looped back excepted), follows on the link a C-plane message of the same direction, eAxC and frame/subframe/slot whose sections cover its symbol and PRBs.',
  },
  checkCPlaneFirst,
);

export const sequenceIds = gradedCase(
  {
    id: 'OFH-CU-SEQ-001',
    title: 'eCPRI sequence ids are continuous per eAxC and plane, in both directions',
    spec: 'O-RAN.WG4.CUS eCPRI header (ecpriSeqid)',
    expectation:
      'Over at least 80 air slots of traffic (800 ms at 100 slots/s), each sender numbers its C-plane and U-plane messages of each eAxC 0..255 in steps of one, wrapping at 255: no gap and no repeat, from the O-DU (DL C/U, UL C) and from the O-RU (UL U).',
  },
  checkSequenceIds,
);

export const compressionHeader = gradedCase(
  {
    id: 'OFH-CU-COMP-001',
    title: "udCompHdr and the IQ payload match the carrier's configured compression",
    spec: 'O-RAN.WG4.CUS udCompHdr, 6.3.3.13 and Annex A.1 (BFP); O-RAN.WG4.MP o-ran-uplane-conf compression',
    expectation:
      "The O-DU's accepted edit-config sets each carrier's compression (method, IQ bit width); over at least 80 air slots every C-plane udCompHdr and every U-plane section udCompHdr of either side names that method and width, and each PRB carries an exponent 0..15 and 3 x iqWidth mantissa bytes (BFP) or 48 bytes (uncompressed).",
  },
  checkCompression,
  (ctx, configuration) => {
    const tx = configuration.carriers.find((c) => c.kind === 'tx');
    expectConfigured(ctx, configuration, tx !== undefined && tx.compression.method !== 'other', {
      message: 'the edit-config sets no compression the CU-plane models',
      expected: 'BFP or none on the TX carrier',
      observed: JSON.stringify(tx?.compression ?? 'no TX carrier'),
      code: 'wrong-field',
    });
    ctx.measure('iqWidth', tx.compression.iqWidth);
  },
);

export const prbAllocations = gradedCase(
  {
    id: 'OFH-CU-PRB-001',
    title: "PRB allocations fit the carrier's PRB grid",
    spec: 'O-RAN.WG4.CUS startPrbc, numPrbc, startPrbu, numPrbu; 3GPP TS 38.101-1 Table 5.3.2-1',
    expectation:
      "Each carrier's N_RB is read from the 38.101-1 table for the bandwidth and SCS the edit-config set (e.g. 106 PRBs at 40 MHz / 30 kHz); over at least 80 air slots every C-plane and U-plane section lies within 0..N_RB-1 and a U-plane section carries as many PRBs as it names.",
  },
  checkPrbAllocations,
  (ctx, configuration) => {
    const unknown = configuration.carriers.find((c) => c.prbCount === undefined);
    expectConfigured(ctx, configuration, unknown === undefined, {
      message: `carrier "${unknown?.name}" has a bandwidth and SCS with no PRB grid`,
      expected: 'a bandwidth the 38.101-1 table has at the SCS',
      observed: `${unknown?.bandwidthMhz} MHz at ${unknown?.scsKhz} kHz`,
      code: 'wrong-field',
    });
    for (const carrier of configuration.carriers)
      ctx.measure(`prbCount.${carrier.kind}`, carrier.prbCount ?? 0);
  },
);

export const eaxcIds = gradedCase(
  {
    id: 'OFH-CU-EAXC-001',
    title: 'CU-plane uses the eAxC ids configured on the M-plane',
    spec: 'O-RAN.WG4.CUS eAxC id (ecpriRtcid / ecpriPcid); O-RAN.WG4.MP o-ran-uplane-conf eaxc-id',
    expectation:
      "The edit-config gives each carrier eAxC ids inside the O-RU's advertised eaxc-id range, unique across carriers; over at least 80 air slots DL C/U-plane flows on the TX carrier's ids, UL C-plane and UL U-plane on the RX carrier's (looped-back IQ on the TX carrier's), and on nothing else.",
  },
  checkEaxcIds,
  (ctx, configuration) => {
    const all = configuration.carriers.flatMap((c) => c.eaxcIds);
    const range = configuration.eaxcIdRange;
    const outside = range ? all.filter((id) => id < range.min || id > range.max) : [];
    const repeated = all.filter((id, i) => all.indexOf(id) !== i);
    expectConfigured(ctx, configuration, outside.length === 0 && repeated.length === 0 && all.length > 0, {
      message: 'the configured eAxC ids are not usable on this O-RU',
      expected: `unique eAxC ids within ${range ? `${range.min}..${range.max}` : 'the O-RU range'}`,
      observed: `${configuration.carriers.map((c) => `${c.name}: [${c.eaxcIds.join(', ')}]`).join('; ')}`,
      code: 'eaxc-id',
    });
  },
);

export const iqLoopback = conformanceCase({
  id: 'OFH-CU-IQ-001',
  title: 'IQ looped back by the O-RU stays within the EVM tolerance of each BFP width it offers',
  spec: 'O-RAN.WG4.CUS Annex A.1 (block floating point); O-RAN.WG4.CONF 3.1.13 (loopback)',
  expectation:
    "For each compression the O-RU advertises, the harness (as O-DU) configures and activates a TX carrier with it, puts the carrier in loopback, sends 8 slots of DL C-plane then U-plane with a 16QAM test signal at -8.7 dBFS, and gets each U-plane back as UL on the same eAxC; decoded, the IQ that came back is within src/ran's evmTolerancePercent of the width (8: 3.3 %, 9: 1.7 %, 12: 0.21 %, 14: 0.052 %, 16: 0.013 %) of what was sent.",
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
