/**
 * End-to-end cases: the whole chain O-RU - O-DU - near-RT RIC, graded on what every interface
 * shows at once. Load offered to the O-DU must show in its KPM reports; a RIC's control must show
 * both in later KPM reports and on the fronthaul of every O-RU the O-DU serves, whoever made it.
 */
import type { CaseDefinition, Network, NetworkContext } from '../../src/conformance/index.js';
import { awaitCell, cellOf, endIfIncompatible, txPrbCount, watchDlPrbShare } from './fronthaul.js';
import {
  expectQuotaControl,
  expectQuotaInKpm,
  fixed,
  inService,
  mean,
  rcRequired,
  reportsNeeded,
} from './kpm.js';
import { e2eCase } from './suite.js';
import { loadE2Links, loadedUes, loadTopology, twoVendorCellsTopology } from './topology.js';

/** How long the nodes have to come up and report `reportsNeeded` times in service. */
const reportingMs = 20_000;

/** The graded figures of a node: the mean of its last in-service reports. */
function figuresOf(net: Network, link: string) {
  const last = inService(net, link).slice(-reportsNeeded);
  const of = (name: string) => mean(last.map((r) => r.kpm[name] ?? Number.NaN));
  return {
    prbUsedDl: of('RRU.PrbUsedDl'),
    ueThpDl: of('DRB.UEThpDl'),
    connMean: of('RRC.ConnMean'),
    at: last.map((r) => r.t),
  };
}
type Figures = ReturnType<typeof figuresOf>;
const text = (f: Figures) =>
  `RRU.PrbUsedDl ${fixed(f.prbUsedDl)} %, DRB.UEThpDl ${fixed(f.ueThpDl)} kbit/s, RRC.ConnMean ${fixed(f.connMean)}`;

/**
 * Shared: the case only reads KPM (what the RIC's own loop does to the loaded node is the
 * network's behaviour, not the case's), and no other case runs on its topology.
 */
export const loadShowsInKpm = e2eCase({
  id: 'E2E-LOAD-001',
  title: 'Offered load shows in the KPM figures: DL PRB usage and UE throughput rise with it',
  spec: 'O-RAN.WG3.E2SM-KPM report style 1; 3GPP TS 28.552 (RRU.PrbUsedDl, DRB.UEThpDl, RRC.ConnMean)',
  expectation: `Two O-DUs of the vendor under test, each with an O-RU in service, report KPM to one RIC every 250 ms: du-1 with no UE, du-2 with ${loadedUes} UEs offering about 90 % of the DL PRBs. Over their last ${reportsNeeded} in-service reports the idle node shows RRU.PrbUsedDl <= 1 % and DRB.UEThpDl 0, the loaded one RRU.PrbUsedDl at least 20 points higher (a RIC quota of 50 % still leaves that) and DRB.UEThpDl above the idle node's, and RRC.ConnMean within 0.5 of its UEs on both. A node that reports, but not ${reportsNeeded} times in service within 20 s, cannot be graded.`,
  topology: loadTopology,
  isolation: 'shared',
  timeoutMs: 30_000,
  async run(ctx: NetworkContext) {
    const net = ctx.fixture;
    const nodes = [
      { du: 'du-1', ues: 0, link: loadE2Links['du-1'] },
      { du: 'du-2', ues: loadedUes, link: loadE2Links['du-2'] },
    ] as const;
    const deadline = Date.now() + reportingMs;
    while (nodes.some((n) => inService(net, n.link).length < reportsNeeded) && Date.now() < deadline) {
      for (const { du } of nodes) endIfIncompatible(ctx, du);
      await ctx.sleep(100);
    }
    for (const { du, link } of nodes) {
      endIfIncompatible(ctx, du);
      const reported = net.frames.all({ link, type: 'oran.e2.v1.RicIndication' }).length;
      const served = inService(net, link).length;
      if (served >= reportsNeeded) continue;
      const subscribed = net.frames.all({ link, type: 'oran.e2.v1.RicSubscriptionResponse' }).length;
      const diagnostic = {
        expected: `>= ${reportsNeeded} RIC Indications with RRU.PrbAvailDl > 0 within ${reportingMs / 1000} s`,
        observed: `${reported} indication(s), ${served} in service; ${subscribed} subscription(s) admitted`,
        link,
      };
      // Reporting, but too slowly to fill the window: the machine's pace, not a wrong figure.
      if (reported > 0 || subscribed > 0)
        ctx.cannotGrade({
          ...diagnostic,
          message: `harness could not collect enough in-service KPM reports from ${du}`,
        });
      ctx.expect(false, { ...diagnostic, message: `no KPM reports from ${du}`, code: 'no-indication' });
    }
    const idle = figuresOf(net, loadE2Links['du-1']);
    const loaded = figuresOf(net, loadE2Links['du-2']);
    for (const [name, f] of [
      ['idle', idle],
      ['loaded', loaded],
    ] as const) {
      ctx.measure(`${name}.prbUsedDl`, Number(f.prbUsedDl.toFixed(2)));
      ctx.measure(`${name}.ueThpDlKbps`, Math.round(f.ueThpDl));
      ctx.measure(`${name}.connMean`, Number(f.connMean.toFixed(2)));
    }
    ctx.expect(idle.prbUsedDl <= 1 && idle.ueThpDl === 0, {
      message: 'a node with no UE reports DL load',
      expected: 'RRU.PrbUsedDl <= 1 % and DRB.UEThpDl 0',
      observed: text(idle),
      link: loadE2Links['du-1'],
      code: 'kpm-measurement',
      trace: { at: idle.at },
    });
    ctx.expect(loaded.prbUsedDl - idle.prbUsedDl >= 20 && loaded.ueThpDl > idle.ueThpDl, {
      message: 'the offered load does not show in the KPM figures',
      expected: `the loaded node's RRU.PrbUsedDl >= ${fixed(idle.prbUsedDl + 20)} % and DRB.UEThpDl above the idle node's (${text(idle)})`,
      observed: text(loaded),
      link: loadE2Links['du-2'],
      code: 'kpm-measurement',
      trace: { at: loaded.at },
    });
    for (const [f, node] of [
      [idle, nodes[0]],
      [loaded, nodes[1]],
    ] as const) {
      ctx.expect(Math.abs(f.connMean - node.ues) <= 0.5, {
        message: `RRC.ConnMean of ${node.du} does not follow its connected UEs`,
        expected: `${node.ues} +/- 0.5`,
        observed: fixed(f.connMean),
        link: node.link,
        code: 'kpm-measurement',
        trace: { at: f.at },
      });
    }
  },
});

/** The DL C-plane is watched this long, from a second after the acknowledge. */
const watchMs = 800;

/** Fresh (the default): the RIC's control leaves a PRB quota on the O-DU, which the case does not restore. */
export const loopAcrossORuVendors = e2eCase({
  id: 'E2E-LOOP-002',
  title: "The closed loop's slice PRB quota shows in KPM and on the fronthaul of both O-RU vendors",
  spec: 'O-RAN.WG3.E2SM-RC control style 2 action 6 (slice-level PRB quota); O-RAN.WG3.E2SM-KPM; O-RAN.WG4.CUS section type 1',
  expectation: `One O-DU serves cells on two O-RU vendors (as topologies/default.yaml), loaded past the xApp's threshold; after the RIC's acknowledged RIC Control with a slice max PRB ratio q, the DL C-plane to each O-RU asks on average for at most q + 5 % of its carrier's PRBs (${watchMs} ms watched on both links from 1 s after the acknowledge), and KPM reports from 1.5 s after it show RRU.PrbUsedDl <= q + 5 %.`,
  topology: twoVendorCellsTopology,
  requires: rcRequired,
  timeoutMs: 40_000,
  async run(ctx: NetworkContext) {
    const net = ctx.fixture;
    const e2Link = twoVendorCellsTopology.links['du-1>ric-1/e2'];
    const cells = [cellOf('du-1', 'ru-1'), cellOf('du-1', 'ru-2')];
    for (const cell of cells) await awaitCell(ctx, cell, 15_000);
    const { ack, quota } = await expectQuotaControl(ctx, e2Link, 25_000);
    await ctx.sleep(Math.max(0, ack.t + 1000 - Date.now()));
    const watched = await Promise.all(
      cells.map((cell) => {
        const prbCount = txPrbCount(net, cell.mplane) ?? 0;
        return watchDlPrbShare(ctx, cell.cuplane, prbCount, watchMs).then((share) => ({
          cell,
          prbCount,
          share,
        }));
      }),
    );
    for (const { cell, prbCount, share } of watched) {
      const vendor = net.instance(cell.ru).vendor;
      ctx.measure(`${cell.ru}.dlPrbSharePercent`, Number(share.mean.toFixed(2)));
      ctx.measure(`${cell.ru}.dlPrbSharePeakPercent`, Number(share.peak.toFixed(2)));
      const diagnostic = {
        expected: `DL C-plane asking on average for <= ${quota + 5} % of ${prbCount} PRBs per slot`,
        link: cell.cuplane,
        trace: { at: [ack.t] },
      };
      ctx.expect(prbCount > 0, {
        ...diagnostic,
        message: `no carrier of a known size configured on ${cell.ru} (${vendor})`,
        observed: 'no accepted TX carrier with a PRB count in 3GPP TS 38.101-1',
        code: 'carriers-not-configured',
      });
      if (share.slots === 0)
        ctx.cannotGrade({
          ...diagnostic,
          message: `harness could not catch DL C-plane to ${cell.ru} in ${watchMs} ms`,
          observed: 'none',
        });
      ctx.expect(share.mean <= quota + 5, {
        ...diagnostic,
        message: `the quota does not show on the fronthaul of ${cell.ru} (${vendor})`,
        observed: `${share.mean.toFixed(1)} % on average, ${share.peak.toFixed(1)} % at most, over ${share.slots} slots`,
        code: 'control-not-applied',
      });
    }
    await expectQuotaInKpm(ctx, { link: e2Link, ackAt: ack.t, quota, quietMs: 1500 });
  },
});

/** The suite's cases but E2E-LOOP-001 (closed-loop.ts), which conformance/index.ts lists by itself. */
export const e2eCases: CaseDefinition<Network>[] = [loadShowsInKpm, loopAcrossORuVendors];
