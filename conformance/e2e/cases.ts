/**
 * End-to-end cases: the whole chain O-RU - O-DU - near-RT RIC, graded on what every interface
 * shows at once. Load offered to the O-DU must show in its KPM reports; a RIC's control must show
 * both in later KPM reports and on the fronthaul of every O-RU the O-DU serves, whoever made it.
 */
import {
  type CaseContext,
  type CaseDefinition,
  defineCase,
  type FrameRecord,
  type Network,
  oran,
  type VendorLookup,
} from '../../src/conformance/index.js';
import { awaitFronthaul, type CuMessage, fronthaulConfiguration, watchCuPlane } from '../ofh-cu/topology.js';
import { e2LinkOf, fronthaulOf, loadedUes, loadTopology, twoVendorCellsTopology } from './topology.js';

interface KpmFields {
  ricIndicationMessageDecoded?: {
    format1?: {
      measInfoList?: Array<{ measName: string }>;
      measData?: Array<{ measRecord?: Array<{ integer?: number; real?: number }> }>;
    };
  };
}

/** The KPM values of a traced RicIndication, by measurement name. */
export function kpmOf(frame: FrameRecord): Record<string, number> {
  const format1 = (frame.fields as KpmFields | undefined)?.ricIndicationMessageDecoded?.format1;
  const records = format1?.measData?.[0]?.measRecord ?? [];
  return Object.fromEntries(
    (format1?.measInfoList ?? []).map((m, i) => [
      m.measName,
      records[i]?.real ?? records[i]?.integer ?? Number.NaN,
    ]),
  );
}

const indication = 'oran.e2.v1.RicIndication';

/** KPM reports of a node while a carrier is in service (RRU.PrbAvailDl > 0), oldest first. */
const inService = (net: Network, du: string, since = 0) =>
  net
    .frames({ link: e2LinkOf(du), type: indication, since })
    .map((f) => ({ t: f.t, kpm: kpmOf(f) }))
    .filter((r) => (r.kpm['RRU.PrbAvailDl'] ?? 0) > 0);

const mean = (values: readonly number[]): number =>
  values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
const fixed = (value: number): string => (Number.isFinite(value) ? value.toFixed(1) : String(value));

/** Ends the case `incompatible` if an O-DU found no carrier profile with its O-RU. */
function incompatibleFronthaul(ctx: CaseContext<Network>, dus: readonly string[]): void {
  for (const du of dus) {
    const record = ctx.fixture.logs(du).find((l) => l.msg === 'fronthaul incompatible');
    if (record) {
      ctx.incompatible({
        message: `${du} and ${String(record.ru)} share no carrier profile: ${String(record.reason)}`,
        expected: `a carrier the O-DU wants: ${String(record.duOffer)}`,
        observed: `the O-RU offers: ${String(record.ruOffer)}`,
        link: `${du}>${String(record.ru)}/ofh-m`,
        code: `incompatible: ${String(record.mismatch)}`,
      });
    }
  }
}

const rcRequired = (
  c: Readonly<Partial<Record<string, string>>>,
  vendors: VendorLookup,
): string | undefined => {
  const du = vendors(c['o-du'] ?? '');
  const ric = vendors(c['near-rt-ric'] ?? '');
  if (du?.role === 'o-du' && !du.capabilities.serviceModels.includes('rc'))
    return `${du.id} declares no E2SM-RC`;
  if (ric?.role === 'near-rt-ric' && !ric.capabilities.serviceModels.includes('rc'))
    return `${ric.id} declares no E2SM-RC control`;
  return undefined;
};

const reportsNeeded = 3;

export const loadShowsInKpm = defineCase<Network>({
  id: 'E2E-LOAD-001',
  suite: 'e2e',
  interface: 'e2e',
  mode: 'interop',
  roles: ['o-ru', 'o-du', 'near-rt-ric'],
  title: 'Offered load shows in the KPM figures: DL PRB usage and UE throughput rise with it',
  spec: 'O-RAN.WG3.E2SM-KPM report style 1; 3GPP TS 28.552 (RRU.PrbUsedDl, DRB.UEThpDl, RRC.ConnMean)',
  expectation: `Two O-DUs of the vendor under test, each with an O-RU in service, report KPM to one RIC every 250 ms: du-1 with no UE, du-2 with ${loadedUes} UEs offering about 90 % of the DL PRBs. Over their last ${reportsNeeded} in-service reports the idle node shows RRU.PrbUsedDl <= 1 % and DRB.UEThpDl 0, the loaded one RRU.PrbUsedDl at least 20 points higher (a RIC quota of 50 % still leaves that) and DRB.UEThpDl above the idle node's, and RRC.ConnMean within 0.5 of its UEs on both.`,
  topology: loadTopology,
  timeoutMs: 30_000,
  async run(ctx: CaseContext<Network>) {
    const net = ctx.fixture;
    const nodes = [
      { du: 'du-1', ues: 0 },
      { du: 'du-2', ues: loadedUes },
    ];
    const deadline = Date.now() + 20_000;
    while (nodes.some((n) => inService(net, n.du).length < reportsNeeded) && Date.now() < deadline) {
      incompatibleFronthaul(
        ctx,
        nodes.map((n) => n.du),
      );
      await ctx.sleep(100);
    }
    incompatibleFronthaul(
      ctx,
      nodes.map((n) => n.du),
    );
    for (const { du } of nodes) {
      const all = net.frames({ link: e2LinkOf(du), type: indication });
      ctx.expect(inService(net, du).length >= reportsNeeded, {
        message: `too few KPM reports from ${du} with its carrier in service`,
        expected: `>= ${reportsNeeded} RIC Indications with RRU.PrbAvailDl > 0 within 20 s`,
        observed: `${all.length} indication(s), ${inService(net, du).length} in service; ${net.frames({ link: e2LinkOf(du), type: 'oran.e2.v1.RicSubscriptionResponse' }).length} subscription(s) admitted`,
        link: e2LinkOf(du),
      });
    }
    const figures = (du: string) => {
      const last = inService(net, du).slice(-reportsNeeded);
      const of = (name: string) => mean(last.map((r) => r.kpm[name] ?? Number.NaN));
      return {
        prbUsedDl: of('RRU.PrbUsedDl'),
        ueThpDl: of('DRB.UEThpDl'),
        connMean: of('RRC.ConnMean'),
        at: last.map((r) => r.t),
      };
    };
    const idle = figures('du-1');
    const loaded = figures('du-2');
    for (const [name, f] of [
      ['idle', idle],
      ['loaded', loaded],
    ] as const) {
      ctx.measure(`${name}.prbUsedDl`, Number(f.prbUsedDl.toFixed(2)));
      ctx.measure(`${name}.ueThpDlKbps`, Math.round(f.ueThpDl));
      ctx.measure(`${name}.connMean`, Number(f.connMean.toFixed(2)));
    }
    const text = (f: typeof idle) =>
      `RRU.PrbUsedDl ${fixed(f.prbUsedDl)} %, DRB.UEThpDl ${fixed(f.ueThpDl)} kbit/s, RRC.ConnMean ${fixed(f.connMean)}`;
    ctx.expect(idle.prbUsedDl <= 1 && idle.ueThpDl === 0, {
      message: 'a node with no UE reports DL load',
      expected: 'RRU.PrbUsedDl <= 1 % and DRB.UEThpDl 0',
      observed: text(idle),
      link: e2LinkOf('du-1'),
      trace: { at: idle.at },
    });
    ctx.expect(loaded.prbUsedDl - idle.prbUsedDl >= 20 && loaded.ueThpDl > idle.ueThpDl, {
      message: 'the offered load does not show in the KPM figures',
      expected: `the loaded node's RRU.PrbUsedDl >= ${fixed(idle.prbUsedDl + 20)} % and DRB.UEThpDl above the idle node's (${text(idle)})`,
      observed: text(loaded),
      link: e2LinkOf('du-2'),
      trace: { at: loaded.at },
    });
    for (const [f, node] of [
      [idle, nodes[0]!],
      [loaded, nodes[1]!],
    ] as const) {
      ctx.expect(Math.abs(f.connMean - node.ues) <= 0.5, {
        message: `RRC.ConnMean of ${node.du} does not follow its connected UEs`,
        expected: `${node.ues} +/- 0.5`,
        observed: fixed(f.connMean),
        link: e2LinkOf(node.du),
        trace: { at: f.at },
      });
    }
  },
});

/** Mean and peak share of the carrier's PRBs the O-DU's DL C-plane asks for, per slot. */
function dlPrbShare(
  messages: readonly CuMessage[],
  prbCount: number,
): { mean: number; peak: number; slots: number } {
  const shares = messages
    .filter(
      (m) =>
        m.plane === 'c' &&
        m.dir === 'client-to-server' &&
        m.message.dataDirection === oran.fronthaul.cuplane.v1.DataDirection.DATA_DIRECTION_DL,
    )
    .map((m) =>
      m.plane === 'c'
        ? (100 *
            m.message.sections.reduce((sum, s) => sum + (s.numPrbc || prbCount - (s.startPrbc ?? 0)), 0)) /
          prbCount
        : 0,
    );
  return { mean: mean(shares), peak: Math.max(0, ...shares), slots: shares.length };
}

interface ControlFields {
  ricControlMessageDecoded?: {
    slicePrbQuota?: { rrmPolicyRatioList?: Array<{ maxPrbPolicyRatio?: number }> };
  };
}

export const loopAcrossORuVendors = defineCase<Network>({
  id: 'E2E-LOOP-002',
  suite: 'e2e',
  interface: 'e2e',
  mode: 'interop',
  roles: ['o-ru', 'o-du', 'near-rt-ric'],
  title: "The closed loop's slice PRB quota shows in KPM and on the fronthaul of both O-RU vendors",
  spec: 'O-RAN.WG3.E2SM-RC control style 2 action 6 (slice-level PRB quota); O-RAN.WG3.E2SM-KPM; O-RAN.WG4.CUS section type 1',
  expectation:
    "One O-DU serves cells on two O-RU vendors (as topologies/default.yaml), loaded past the xApp's threshold; after the RIC's acknowledged RIC Control with a slice max PRB ratio q, the DL C-plane to each O-RU asks on average for at most q + 5 % of its carrier's PRBs (800 ms watched on both links from 1 s after the acknowledge), and KPM reports from 1.5 s after it show RRU.PrbUsedDl <= q + 5 %.",
  topology: twoVendorCellsTopology,
  requires: rcRequired,
  timeoutMs: 40_000,
  async run(ctx: CaseContext<Network>) {
    const net = ctx.fixture;
    const e2Link = e2LinkOf('du-1');
    const cells = ['ru-1', 'ru-2'].map((ru) => fronthaulOf('du-1', ru));
    for (const cell of cells) await awaitFronthaul(ctx, cell, 15_000);
    const ack = await net.waitForFrame({ link: e2Link, type: 'oran.e2.v1.RicControlAcknowledge' }, 25_000);
    ctx.expect(ack !== undefined, {
      message: 'no acknowledged RIC Control within 25 s of load',
      expected: 'RicControlRequest then RicControlAcknowledge',
      observed: `${net.frames({ link: e2Link, type: 'oran.e2.v1.RicControlRequest' }).length} control request(s), ${net.frames({ link: e2Link, type: 'oran.e2.v1.RicControlFailure' }).length} failure(s)`,
      link: e2Link,
    });
    const control = net
      .frames({ link: e2Link, type: 'oran.e2.v1.RicControlRequest' })
      .find((f) => f.tx === ack.tx);
    const quota = (control?.fields as ControlFields | undefined)?.ricControlMessageDecoded?.slicePrbQuota
      ?.rrmPolicyRatioList?.[0]?.maxPrbPolicyRatio;
    ctx.expect(quota !== undefined, {
      message: 'the acknowledged control carries no slice PRB quota',
      link: e2Link,
      trace: { at: [ack.t] },
    });
    ctx.measure('quotaPercent', quota);
    const before = inService(net, 'du-1').filter((r) => r.t < (control?.t ?? ack.t));
    ctx.measure(
      'prbUsedDlBefore',
      Number(Math.max(0, ...before.map((r) => r.kpm['RRU.PrbUsedDl'] ?? 0)).toFixed(2)),
    );

    await ctx.sleep(Math.max(0, ack.t + 1000 - Date.now()));
    const watched = await Promise.all(cells.map((cell) => watchCuPlane(ctx, cell.cuplane, 800)));
    cells.forEach((cell, i) => {
      const prbCount =
        fronthaulConfiguration(net, cell.mplane)?.carriers.find((c) => c.kind === 'tx')?.prbCount ?? 0;
      const share = dlPrbShare(watched[i]!, prbCount);
      const vendor = net.running.manifestOf(cell.ru).id;
      ctx.measure(`${cell.ru}.dlPrbSharePercent`, Number(share.mean.toFixed(2)));
      ctx.measure(`${cell.ru}.dlPrbSharePeakPercent`, Number(share.peak.toFixed(2)));
      ctx.expect(share.slots > 0 && prbCount > 0 && share.mean <= quota + 5, {
        message: `the quota does not show on the fronthaul of ${cell.ru} (${vendor})`,
        expected: `DL C-plane asking on average for <= ${quota + 5} % of ${prbCount} PRBs per slot`,
        observed:
          share.slots === 0
            ? 'no DL C-plane in 800 ms'
            : `${share.mean.toFixed(1)} % on average, ${share.peak.toFixed(1)} % at most, over ${share.slots} slots`,
        link: cell.cuplane,
        trace: { at: [ack.t] },
      });
    });

    await net.waitForFrame({ link: e2Link, type: indication, since: ack.t + 1500 }, 10_000);
    const after = inService(net, 'du-1', ack.t + 1500).map((r) => r.kpm['RRU.PrbUsedDl'] ?? Number.NaN);
    ctx.measure('prbUsedDlAfter', Number(Math.max(...after).toFixed(2)));
    ctx.expect(after.length > 0 && Math.max(...after) <= quota + 5, {
      message: 'the quota does not show in later KPM reports',
      expected: `RRU.PrbUsedDl <= ${quota + 5} %`,
      observed: after.length === 0 ? 'no in-service KPM report' : `${after.map(fixed).join(', ')} %`,
      link: e2Link,
    });
  },
});

export const e2eCases: CaseDefinition<Network>[] = [loadShowsInKpm, loopAcrossORuVendors];
