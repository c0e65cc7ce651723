/**
 * SWAP-ODU-001: the O-DU swapped to another vendor. To the RIC the new process is a node set up
 * again (E2AP 8.3.1: what either end held is erased), so the old node's subscriptions go with its
 * link and exactly one fresh subscription per RAN function replaces them; to the O-RUs it is a
 * new O-DU that brings their carriers up again for its own profile.
 */
import { type NetworkContext, vendorFor } from '../../src/conformance/index.js';
import { expectContainedUnderLoad, expectGone, steady } from '../faults/observe.js';
import { expectE2Setup, expectFreshSubscription, subscriptionsHeld } from './e2.js';
import { expectFronthaulAnew } from './fronthaul.js';
import { swapCase, swapInstance } from './support.js';
import { fronthaulLinks, links, otherODu, referenceORu, swapTopology } from './topology.js';

export const swapODu = swapCase({
  id: 'SWAP-ODU-001',
  title:
    'The O-DU swapped: E2 set up anew, the old node dropped with its subscriptions, carriers active again',
  spec: 'O-RAN.WG3.E2AP 8.3.1 (E2 Setup erases the previous state), 8.2.1 (subscription), 8.2.3 (indication); O-RAN.WG4.MP 3.1.4, 3.1.6',
  roles: ['o-du', 'near-rt-ric'],
  topology: swapTopology('SWAP-ODU-001', {
    ric: vendorFor('near-rt-ric'),
    du: otherODu,
    ru1: referenceORu,
    ru2: referenceORu,
  }),
  expectation: `du-1 runs the other built-in O-DU (baseloom, or cellwright when baseloom is under test) with the RIC under test and two ${referenceORu} O-RUs; it is swapped to the O-DU under test. The RIC marks the old node down within link supervision (2 s + 1 s allowance), dropping its subscriptions; the new O-DU sends E2 Setup and the RIC accepts it and subscribes once per RAN function; RIC Indications flow for that subscription only, within 15 s; both O-RUs have their capabilities retrieved, carriers configured within them and activated, and U-plane again within 15 s; the A1 link is undisturbed.`,
  async run(ctx: NetworkContext) {
    const lag = await steady(ctx);
    ctx.measure('subscriptionsBefore', subscriptionsHeld(ctx));
    const { at, readyAt } = await swapInstance(ctx, 'du-1', vendorFor('o-du')(ctx.combination));
    const down = await expectGone(ctx, lag, 'e2-node', { since: at, how: "'e2 node down' for the old O-DU" });
    if (typeof down.record.dropped === 'number') ctx.measure('oldSubscriptionsDropped', down.record.dropped);
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
    expectContainedUnderLoad(ctx, lag, { from: at, to: Date.now(), faulty: [links.e2, ...fronthaulLinks] });
  },
});
