/**
 * Open Fronthaul CU-plane cases (O-RAN.WG4.CUS): an O-RU and an O-DU interoperating on one
 * fronthaul link, the CU-plane graded message by message against the carrier the O-DU configured
 * over the M-plane; and the O-RU's IQ loopback at each BFP width it offers, driven by the harness.
 *
 * The checks are pure functions over the messages a case tapped (checks.ts); the loopback is
 * driven by the harness as O-DU (loopback.ts). DL messages and UL C-plane are the O-DU's, UL
 * U-plane is the O-RU's: each violation names its sender.
 */
import {
  type CaseContext,
  type CaseDefinition,
  defineCase,
  type Network,
} from '../../src/conformance/index.js';
import {
  checkCompression,
  checkCPlaneFirst,
  checkEaxcIds,
  checkPrbAllocations,
  checkSequenceIds,
  diagnosticOf,
  type Violation,
} from './checks.js';
import { iqLoopbackPerWidth } from './loopback.js';
import { isDl } from './message-fields.js';
import {
  awaitFronthaul,
  type CuMessage,
  cuLink,
  duRuLinks,
  type FronthaulConfiguration,
  mLink,
  ofhCuPeerTopology,
  ofhCuTopology,
  watchCuPlane,
} from './topology.js';

/** How long each interop case watches the CU-plane: 80 slots at plugfest's default 100 slots/s. */
const watchMs = 800;
/** Fewer DL U-plane messages than this in the window is no traffic to grade. */
const minDlMessages = 10;

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
