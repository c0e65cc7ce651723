/**
 * SWAP-INC-001: an O-RU swapped to a vendor the O-DU shares no carrier profile with. Both conform,
 * so the outcome is `incompatible`, naming both offers as the O-DU found them on the wire; the
 * O-DU must leave that O-RU unconfigured and the rest of the network must not notice.
 */
import { expectFrame, logAfter, type NetworkContext, vendorFor } from '../../src/conformance/index.js';
import { expectContainedUnderLoad, expectGone, steady } from '../faults/observe.js';
import { declaredMismatch } from './profiles.js';
import { reestablishMs, swapCase, swapInstance } from './support.js';
import { links, referenceORu, referenceRic, ru1Links, swapTopology } from './topology.js';

/** M-plane requests that configure or activate a carrier: none may follow an incompatible O-RU's capabilities. */
const configuring: readonly (string | undefined)[] = [
  'oran.fronthaul.mplane.v1.EditConfigRequest',
  'oran.fronthaul.mplane.v1.SetCarrierStateRequest',
];
const cuPlane: readonly (string | undefined)[] = [
  'oran.fronthaul.cuplane.v1.CPlaneMessage',
  'oran.fronthaul.cuplane.v1.UPlaneMessage',
];

export const swapIncompatibleORu = swapCase({
  id: 'SWAP-INC-001',
  title:
    'A swap to an O-RU the O-DU cannot use is reported incompatible, naming both offers, and the rest is untouched',
  spec: 'O-RAN.WG4.MP 3.1.4 (capability retrieval), 3.1.6 (carrier configuration); plugfest verdict incompatible',
  roles: ['o-ru', 'o-du'],
  requires: (c, vendors) =>
    declaredMismatch(c['o-ru'] ?? '', c['o-du'] ?? '', vendors)
      ? undefined
      : `${c['o-ru']} and ${c['o-du']} declare a common carrier profile: not an incompatible swap (SWAP-ORU-001 covers it)`,
  topology: swapTopology('SWAP-INC-001', {
    ric: referenceRic,
    du: vendorFor('o-du'),
    ru1: referenceORu,
    ru2: referenceORu,
  }),
  expectation: `ru-1 and ru-2 run ${referenceORu} under the O-DU under test; ru-1 is swapped to an O-RU under test whose declared profile the O-DU cannot use. The O-DU notices ru-1 go, retrieves the new O-RU's capabilities within 15 s, says it shares no carrier profile with it (its log names the mismatch and both offers), and neither configures nor activates a carrier on it nor sends it CU-plane; ru-2's links and E2 stay undisturbed; the case ends incompatible with both offers, not failed.`,
  async run(ctx: NetworkContext) {
    const net = ctx.fixture;
    const lag = await steady(ctx);
    const { at, readyAt } = await swapInstance(ctx, 'ru-1', vendorFor('o-ru')(ctx.combination));
    await expectGone(ctx, lag, 'ru-1', { since: at, how: "'fronthaul link down' for ru-1" });
    const filter = {
      link: links.ru1Mplane,
      type: 'oran.fronthaul.mplane.v1.GetCapabilitiesResponse',
      since: readyAt,
    } as const;
    const capabilities = await expectFrame(ctx, filter, reestablishMs, {
      message: "du-1 did not retrieve the new O-RU's capabilities",
      expected: 'GetCapabilities answered on the new M-plane connection',
      code: 'capabilities-not-retrieved',
    });
    ctx.measure('capabilitiesMs', capabilities.t - at);
    const incompatible = (r: { msg?: string; ru?: unknown }) =>
      r.msg === 'fronthaul incompatible' && r.ru === 'ru-1';
    const said = await logAfter(ctx, 'du-1', readyAt, incompatible, 5000);
    ctx.expect(said !== undefined, {
      message: 'du-1 did not say why it leaves the swapped-in O-RU unused',
      expected: "'fronthaul incompatible' for ru-1 naming the mismatch and both offers",
      observed: 'nothing in its log',
      link: links.ru1Mplane,
      code: 'incompatibility-not-reported',
      trace: { at: [capabilities.t] },
    });
    ctx.measure('incompatibilityReportedMs', said.t - at);
    ctx.mark('detected', `du-1: fronthaul incompatible with ru-1 (${String(said.record.mismatch)})`, said.t);
    // Two M-plane supervision intervals: time enough for a carrier edit or CU-plane to show.
    await ctx.sleep(2 * 1000 * net.options.mplaneSupervision.notificationIntervalS);
    const configured = net.frames.all({
      link: links.ru1Mplane,
      since: capabilities.t,
      where: (f) => configuring.includes(f.type),
    });
    ctx.expect(configured.length === 0, {
      message: 'du-1 went on configuring an O-RU it found incompatible',
      expected: 'no EditConfig or SetCarrierState after the capabilities',
      observed: configured.map((f) => f.type).join(', '),
      link: links.ru1Mplane,
      code: 'incompatible-o-ru-configured',
      trace: { at: configured.map((f) => f.t) },
    });
    const sent = net.frames.all({
      link: links.ru1Cuplane,
      since: readyAt,
      where: (f) => cuPlane.includes(f.type),
    });
    ctx.measure('cuPlaneFramesAfterSwap', sent.length);
    ctx.expect(sent.length === 0, {
      message: 'du-1 sent CU-plane to an O-RU it has no carrier on',
      expected: `no C-plane or U-plane on ${links.ru1Cuplane} after the swap`,
      observed: `${sent.length} frames`,
      link: links.ru1Cuplane,
      code: 'cu-plane-without-carrier',
      trace: { at: sent.slice(0, 5).map((f) => f.t) },
    });
    expectContainedUnderLoad(ctx, lag, { from: at, to: Date.now(), faulty: ru1Links });
    const { record } = said;
    ctx.incompatible({
      message: `du-1 and ru-1 (${ctx.combination['o-ru']}) share no carrier profile after the swap: ${String(record.reason)}`,
      expected: `a carrier the O-DU wants: ${String(record.duOffer)}`,
      observed: `the O-RU offers: ${String(record.ruOffer)}`,
      link: links.ru1Mplane,
      code: `incompatible: ${String(record.mismatch)}`,
      trace: { at: [capabilities.t, said.t] },
    });
  },
});
