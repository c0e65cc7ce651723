/**
 * SWAP-ORU-001: one O-RU's vendor swapped while the O-DU runs. The O-DU must treat the new
 * process as a new O-RU (capabilities retrieved anew, carriers configured for what it offers and
 * activated) and nothing else may notice: the other O-RU's fronthaul and E2 run on.
 */
import { type NetworkContext, vendorFor } from '../../src/conformance/index.js';
import { expectContainedUnderLoad, expectGone, steady } from '../faults/observe.js';
import { expectFronthaulAnew } from './fronthaul.js';
import { declaredMismatch } from './profiles.js';
import { swapCase, swapInstance } from './support.js';
import { links, referenceORu, referenceRic, ru1Links, swapTopology } from './topology.js';

export const swapORu = swapCase({
  id: 'SWAP-ORU-001',
  title:
    "An O-RU's vendor swapped while the O-DU runs: capabilities and carriers anew, the other O-RU untouched",
  spec: 'O-RAN.WG4.MP 3.1.4 (capability retrieval), 3.1.6 (carrier configuration and activation); O-RAN.WG4.CUS (U-plane on active carriers)',
  roles: ['o-ru', 'o-du'],
  requires: (c, vendors) => {
    const mismatch = declaredMismatch(c['o-ru'] ?? '', c['o-du'] ?? '', vendors);
    return mismatch
      ? `${c['o-ru']} and ${c['o-du']} declare no common carrier profile (${mismatch}): SWAP-INC-001 covers that swap`
      : undefined;
  },
  topology: swapTopology('SWAP-ORU-001', {
    ric: referenceRic,
    du: vendorFor('o-du'),
    ru1: referenceORu,
    ru2: referenceORu,
  }),
  expectation: `ru-1 and ru-2 run ${referenceORu} under the O-DU under test; ru-1 is swapped to the O-RU under test (the same vendor again is a fresh process, a new O-RU to the O-DU). The O-DU notices ru-1 go within link supervision (2 s + 1 s allowance), retrieves the new O-RU's capabilities on the new M-plane connection, configures carriers within them, activates both, and only then sends U-plane, within 15 s; ru-2's links and E2 show no silence past 1.5x their longest before the swap (+1 s), no close and no bad frame, and RIC Indications keep flowing.`,
  async run(ctx: NetworkContext) {
    const net = ctx.fixture;
    const lag = await steady(ctx);
    const { at, readyAt } = await swapInstance(ctx, 'ru-1', vendorFor('o-ru')(ctx.combination));
    await expectGone(ctx, lag, 'ru-1', { since: at, how: "'fronthaul link down' for ru-1" });
    const up = await expectFronthaulAnew(ctx, { ru: 'ru-1', since: readyAt });
    ctx.measure('capabilitiesMs', up.capabilitiesAt - at);
    ctx.measure('carriersActiveMs', up.activeAt - at);
    ctx.measure('swapMs', up.cuPlaneAt - at);
    ctx.measure('recoveryMs', up.cuPlaneAt - readyAt);
    ctx.mark('recovered', "ru-1's U-plane with the new vendor", up.cuPlaneAt);
    const capabilities = {
      link: links.ru1Mplane,
      type: 'oran.fronthaul.mplane.v1.GetCapabilitiesResponse',
    } as const;
    ctx.measure('capabilityRetrievals', net.frames.all({ ...capabilities, since: readyAt }).length);
    await ctx.sleep(1000);
    const indications = net.frames.all({ link: links.e2, type: 'oran.e2.v1.RicIndication', since: at });
    ctx.measure('e2IndicationsDuringSwap', indications.length);
    expectContainedUnderLoad(ctx, lag, { from: at, to: Date.now(), faulty: ru1Links });
  },
});
