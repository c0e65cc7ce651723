/**
 * SWAP-ODU-001: the O-DU swapped to another vendor. To the RIC the new process is a node set up
 * again (E2AP 8.3.1: what either end held is erased), so the old node's subscriptions go with its
 * link and exactly one fresh subscription per RAN function replaces them; to the O-RUs it is a
 * new O-DU that brings their carriers up again for its own profile.
 */
import { type CaseDefinition, defineCase, type Network } from '../../src/conformance/index.js';
import { expectE2Setup, expectFreshSubscription, subscriptionsHeld } from './e2.js';
import { expectFronthaulAnew } from './fronthaul.js';
import { expectContained, expectDetected } from './measures.js';
import { type Ctx, common, logAfter, steady, supervisionMs, swapInstance, toleranceMs } from './support.js';
import { fronthaulLinks, links, otherODu, referenceORu, swapTopology } from './topology.js';

export const swapODu: CaseDefinition<Network> = defineCase<Network>({
  ...common,
  id: 'SWAP-ODU-001',
  title:
    'The O-DU swapped: E2 set up anew, the old node dropped with its subscriptions, carriers active again',
  spec: 'O-RAN.WG3.E2AP 8.3.1 (E2 Setup erases the previous state), 8.2.1 (subscription), 8.2.3 (indication); O-RAN.WG4.MP 3.1.4, 3.1.6',
  roles: ['o-du', 'near-rt-ric'],
  topology: (c) =>
    swapTopology('SWAP-ODU-001', {
      ric: c['near-rt-ric']!,
      du: otherODu(c['o-du']),
      ru1: referenceORu,
      ru2: referenceORu,
    }),
  expectation: `du-1 runs the other built-in O-DU (baseloom, or cellwright when baseloom is under test) with the RIC under test and two ${referenceORu} O-RUs; it is swapped to the O-DU under test. The RIC marks the old node down within link supervision (2 s + 1 s tolerance), dropping its subscriptions; the new O-DU sends E2 Setup and the RIC accepts it and subscribes once per RAN function; RIC Indications flow for that subscription only, within 15 s; both O-RUs have their capabilities retrieved, carriers configured within them and activated, and U-plane again within 15 s; the A1 link is undisturbed.`,
  async run(ctx: Ctx) {
    await steady(ctx);
    ctx.measure('subscriptionsBefore', subscriptionsHeld(ctx));
    const { at, readyAt } = await swapInstance(ctx, 'du-1', ctx.combination['o-du']!);
    const down = await logAfter(ctx, 'ric-1', at, (r) => r.msg === 'e2 node down', 5000);
    expectDetected(ctx, down, {
      who: 'ric-1',
      how: "'e2 node down' for the old O-DU",
      from: at,
      withinMs: supervisionMs + toleranceMs,
      link: links.e2,
    });
    if (typeof down?.record.dropped === 'number') ctx.measure('oldSubscriptionsDropped', down.record.dropped);
    const setup = await expectE2Setup(ctx, { since: readyAt });
    ctx.measure('e2SetupMs', setup.t - at);
    const { indicationAt } = await expectFreshSubscription(ctx, { since: readyAt, setupAt: setup.t });
    ctx.measure('indicationsResumedMs', indicationAt - at);
    ctx.mark('recovered', 'KPM from the new O-DU', indicationAt);
    let last = indicationAt;
    for (const ru of ['ru-1', 'ru-2']) {
      const up = await expectFronthaulAnew(ctx, { ru, since: readyAt });
      ctx.measure(`cuPlaneResumedMs ${ru}`, up.cuPlaneAt - at);
      last = Math.max(last, up.cuPlaneAt);
    }
    ctx.measure('swapMs', last - at);
    ctx.measure('recoveryMs', last - readyAt);
    ctx.mark('recovered', 'E2 and both O-RUs with the new O-DU', last);
    expectContained(ctx, { from: at, to: Date.now(), faulty: [links.e2, ...fronthaulLinks] });
  },
});
