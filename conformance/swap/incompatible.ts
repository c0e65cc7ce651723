/**
 * SWAP-INC-001: an O-RU swapped to a vendor the O-DU shares no carrier profile with. Both conform,
 * so the outcome is `incompatible`, naming both offers as the O-DU found them on the wire; the
 * O-DU must leave that O-RU unconfigured and the rest of the network must not notice.
 */
import { type CaseDefinition, defineCase, type Network } from '../../src/conformance/index.js';
import { expectContained, expectDetected, expectFrame } from './measures.js';
import { declaredMismatch } from './profiles.js';
import {
  type Ctx,
  common,
  logAfter,
  reestablishMs,
  steady,
  supervisionMs,
  swapInstance,
  toleranceMs,
} from './support.js';
import { links, referenceORu, ru1Links, swapTopology } from './topology.js';

const referenceRic = 'sagebrush';
/** M-plane requests that configure or activate a carrier: none may follow an incompatible O-RU's capabilities. */
const configuring = [
  'oran.fronthaul.mplane.v1.EditConfigRequest',
  'oran.fronthaul.mplane.v1.SetCarrierStateRequest',
];

export const swapIncompatibleORu: CaseDefinition<Network> = defineCase<Network>({
  ...common,
  id: 'SWAP-INC-001',
  title:
    'A swap to an O-RU the O-DU cannot use is reported incompatible, naming both offers, and the rest is untouched',
  spec: 'O-RAN.WG4.MP 3.1.4 (capability retrieval), 3.1.6 (carrier configuration); plugfest verdict incompatible',
  roles: ['o-ru', 'o-du'],
  requires: (c, vendors) =>
    declaredMismatch(c['o-ru'] ?? '', c['o-du'] ?? '', vendors)
      ? undefined
      : `${c['o-ru']} and ${c['o-du']} declare a common carrier profile: not an incompatible swap (SWAP-ORU-001 covers it)`,
  topology: (c) =>
    swapTopology('SWAP-INC-001', {
      ric: referenceRic,
      du: c['o-du']!,
      ru1: referenceORu,
      ru2: referenceORu,
    }),
  expectation: `ru-1 and ru-2 run ${referenceORu} under the O-DU under test; ru-1 is swapped to an O-RU under test whose declared profile the O-DU cannot use. The O-DU notices ru-1 go, retrieves the new O-RU's capabilities within 15 s, says it shares no carrier profile with it (its log names the mismatch and both offers), and neither configures nor activates a carrier on it nor sends it CU-plane; ru-2's links and E2 stay undisturbed; the case ends incompatible with both offers, not failed.`,
  async run(ctx: Ctx) {
    const net = ctx.fixture;
    await steady(ctx);
    const { at, readyAt } = await swapInstance(ctx, 'ru-1', ctx.combination['o-ru']!);
    expectDetected(
      ctx,
      await logAfter(ctx, 'du-1', at, (r) => r.msg === 'fronthaul link down' && r.ru === 'ru-1', 5000),
      {
        who: 'du-1',
        how: "'fronthaul link down' for ru-1",
        from: at,
        withinMs: supervisionMs + toleranceMs,
        link: links.ru1Mplane,
      },
    );
    const capabilities = await expectFrame(
      ctx,
      {
        link: links.ru1Mplane,
        type: 'oran.fronthaul.mplane.v1.GetCapabilitiesResponse',
        since: readyAt,
      },
      reestablishMs,
      {
        message: "du-1 did not retrieve the new O-RU's capabilities",
        expected: 'GetCapabilities answered on the new M-plane connection',
        code: 'capabilities-not-retrieved',
      },
    );
    ctx.measure('capabilitiesMs', capabilities.t - at);
    const said = await logAfter(
      ctx,
      'du-1',
      readyAt,
      (r) => r.msg === 'fronthaul incompatible' && r.ru === 'ru-1',
      5000,
    );
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
    await ctx.sleep(2000);
    const configured = net
      .frames({ link: links.ru1Mplane, since: capabilities.t })
      .filter((f) => configuring.includes(f.type ?? ''));
    ctx.expect(configured.length === 0, {
      message: 'du-1 went on configuring an O-RU it found incompatible',
      expected: 'no EditConfig or SetCarrierState after the capabilities',
      observed: configured.map((f) => f.type).join(', '),
      link: links.ru1Mplane,
      code: 'incompatible-o-ru-configured',
      trace: { at: configured.map((f) => f.t) },
    });
    const cuPlane = net
      .frames({ link: links.ru1Cuplane, since: readyAt })
      .filter((f) => f.type?.startsWith('oran.fronthaul.cuplane.v1.') && f.type.endsWith('PlaneMessage'));
    ctx.measure('cuPlaneFramesAfterSwap', cuPlane.length);
    ctx.expect(cuPlane.length === 0, {
      message: 'du-1 sent CU-plane to an O-RU it has no carrier on',
      expected: `no C-plane or U-plane on ${links.ru1Cuplane} after the swap`,
      observed: `${cuPlane.length} frames`,
      link: links.ru1Cuplane,
      code: 'cu-plane-without-carrier',
      trace: { at: cuPlane.slice(0, 5).map((f) => f.t) },
    });
    expectContained(ctx, { from: at, to: Date.now(), faulty: ru1Links });
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
