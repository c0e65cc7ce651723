/**
 * SWAP-RIC-001: the near-RT RIC swapped to another vendor. The old RIC's subscriptions end with
 * it (it deletes them as it stops, or the O-DU drops them when the link goes); the O-DU notices
 * the link go, sets E2 up with the new RIC and reports for the new RIC's subscription only; the
 * fronthaul never notices.
 */
import { type NetworkContext, vendorFor } from '../../src/conformance/index.js';
import { expectContainedUnderLoad, expectGone, steady } from '../faults/observe.js';
import { expectE2Setup, expectFreshSubscription, subscriptionsCounted, subscriptionsHeld } from './e2.js';
import { swapCase, swapInstance } from './support.js';
import { links, otherRic, referenceORu, swapTopology } from './topology.js';

export const swapRic = swapCase({
  id: 'SWAP-RIC-001',
  title: 'The RIC swapped: the node re-attaches, subscriptions are made anew, fronthaul untouched',
  spec: 'O-RAN.WG3.E2AP 8.3.1 (E2 setup), 8.2.1 (subscription), 8.2.3 (indication)',
  roles: ['o-du', 'near-rt-ric'],
  topology: swapTopology('SWAP-RIC-001', {
    ric: otherRic,
    du: vendorFor('o-du'),
    ru1: referenceORu,
    ru2: referenceORu,
  }),
  expectation: `ric-1 runs the other built-in RIC (sagebrush, or stillwater when sagebrush is under test) with the O-DU under test and two ${referenceORu} O-RUs; it is swapped to the RIC under test. The old RIC's subscriptions end with it (deleted before it goes, or dropped by the O-DU, which notices its E2 link go within link supervision, 2 s + 1 s allowance); it sends E2 Setup to the new RIC, which accepts it and subscribes once per RAN function; RIC Indications flow for that subscription only, within 15 s of the swap; both O-RUs' M-plane and CU-plane links show no silence past 1.5x their longest before the swap (+1 s), no close and no bad frame.`,
  async run(ctx: NetworkContext) {
    const lag = await steady(ctx);
    ctx.measure('subscriptionsBefore', subscriptionsHeld(ctx));
    const { at, readyAt } = await swapInstance(ctx, 'ric-1', vendorFor('near-rt-ric')(ctx.combination));
    // A RIC stopping cleanly deletes its subscriptions first; what it leaves, the O-DU drops at link loss.
    ctx.measure('oldSubscriptionsDeleted', subscriptionsCounted(ctx, { from: at, until: readyAt }).deleted);
    const down = await expectGone(ctx, lag, 'e2-link', { since: at, how: "'e2 link down'" });
    if (typeof down.record.subscriptionsDropped === 'number')
      ctx.measure('oldSubscriptionsDropped', down.record.subscriptionsDropped);
    const setup = await expectE2Setup(ctx, { since: readyAt });
    ctx.measure('e2SetupMs', setup.t - at);
    const { indicationAt } = await expectFreshSubscription(ctx, { since: readyAt, setupAt: setup.t });
    ctx.measure('swapMs', indicationAt - at);
    ctx.measure('recoveryMs', indicationAt - readyAt);
    ctx.mark('recovered', 'KPM to the new RIC', indicationAt);
    expectContainedUnderLoad(ctx, lag, { from: at, to: Date.now(), faulty: [links.e2, links.a1] });
  },
});
