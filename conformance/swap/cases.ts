/**
 * The hot-swap suite (issue 6): one instance's vendor replaced in a running network, the peers
 * re-establishing everything (capabilities and carriers, E2 setup and subscriptions), the rest of
 * the network untouched, and a swap to a vendor that cannot work reported incompatible.
 */
import { type CaseDefinition, defineCase, type Network } from '../../src/conformance/index.js';
import { expectContained, expectRecovered, steady } from '../faults/support.js';
import { type Ctx, common, declaredMismatch, links, reference, swap, swapTopology } from './support.js';

const capabilitiesSince = (ctx: Ctx, since: number) =>
  ctx.fixture.frames({ link: links.ru1[0], type: 'oran.fronthaul.mplane.v1.GetCapabilitiesResponse', since });

export const swapORu = defineCase<Network>({
  ...common,
  id: 'SWAP-ORU-001',
  title:
    "An O-RU's vendor swapped while the O-DU runs: capabilities and carriers anew, the other O-RU untouched",
  spec: 'O-RAN.WG4.MP 3.1.4 (capability retrieval), 3.1.6 (carrier configuration); O-RAN.WG4.CUS',
  roles: ['o-ru', 'o-du'],
  requires: (c, vendors) => {
    const mismatch = declaredMismatch(c['o-ru'] ?? '', c['o-du'] ?? '', vendors);
    return mismatch
      ? `${c['o-ru']} and ${c['o-du']} declare no common carrier profile (${mismatch}): SWAP-INC-001 covers it`
      : undefined;
  },
  topology: swapTopology('SWAP-ORU-001', (c) => ({ du: c['o-du'] ?? reference.oDu, ric: reference.ric })),
  expectation: `ru-1 runs ${reference.oRu}; it is swapped to the O-RU under test while the O-DU under test runs. The O-DU retrieves the new O-RU's capabilities on the new M-plane connection, configures and activates carriers for it, and ru-1's CU-plane resumes within 15 s of the swap; ru-2's links and E2 show no silence past 1.5x their longest before the swap (+1 s), no close, no bad frame.`,
  async run(ctx: Ctx) {
    await steady(ctx);
    const { at } = await swap(ctx, 'ru-1', ctx.combination['o-ru']!);
    const capabilities = await ctx.fixture.waitForFrame(
      { link: links.ru1[0], type: 'oran.fronthaul.mplane.v1.GetCapabilitiesResponse', since: at },
      15_000,
    );
    ctx.expect(capabilities !== undefined, {
      message: 'the O-DU did not retrieve the new O-RU capabilities',
      expected: 'GetCapabilities answered on the new M-plane connection',
      observed: 'none within 15 s',
      link: links.ru1[0],
      code: 'capabilities-not-retrieved',
    });
    await expectRecovered(ctx, {
      link: links.ru1Cu,
      from: capabilities.t,
      withinMs: 15_000,
      what: "ru-1's CU-plane with the new vendor",
    });
    ctx.measure('capabilityRetrievals', capabilitiesSince(ctx, at).length);
    expectContained(ctx, { from: at, to: Date.now(), faulty: links.ru1 });
  },
});

export const swapIncompatibleORu = defineCase<Network>({
  ...common,
  id: 'SWAP-INC-001',
  title:
    'A swap to an O-RU the O-DU cannot use is reported incompatible, naming both offers, and the rest is untouched',
  spec: 'O-RAN.WG4.MP 3.1.4, 3.1.6; plugfest verdict incompatible',
  roles: ['o-ru', 'o-du'],
  requires: (c, vendors) =>
    declaredMismatch(c['o-ru'] ?? '', c['o-du'] ?? '', vendors)
      ? undefined
      : `${c['o-ru']} and ${c['o-du']} declare a common carrier profile: not an incompatible swap (SWAP-ORU-001 covers it)`,
  topology: swapTopology('SWAP-INC-001', (c) => ({ du: c['o-du'] ?? reference.oDu, ric: reference.ric })),
  expectation: `ru-1 runs ${reference.oRu}; it is swapped to an O-RU whose declared profile the O-DU cannot use. The O-DU says so (its log names the mismatch and both offers) within 15 s, ru-2's links and E2 stay undisturbed, and the case ends incompatible with both offers, not failed.`,
  async run(ctx: Ctx) {
    await steady(ctx);
    const { at } = await swap(ctx, 'ru-1', ctx.combination['o-ru']!);
    const said = await ctx.fixture.waitForLog(
      'du-1',
      (r) => r.msg === 'fronthaul incompatible' && r.ru === 'ru-1' && Date.parse(String(r.time)) >= at,
      15_000,
    );
    ctx.expect(said !== undefined, {
      message: 'the O-DU did not say why it cannot use the swapped-in O-RU',
      expected: '"fronthaul incompatible" naming both offers, within 15 s',
      observed: 'nothing in its log',
      link: links.ru1[0],
      code: 'incompatibility-not-reported',
    });
    await ctx.sleep(2000);
    expectContained(ctx, { from: at, to: Date.now(), faulty: links.ru1 });
    ctx.incompatible({
      message: `du-1 and ru-1 share no carrier profile after the swap: ${String(said.reason)}`,
      expected: `a carrier the O-DU wants: ${String(said.duOffer)}`,
      observed: `the O-RU offers: ${String(said.ruOffer)}`,
      link: links.ru1[0],
      code: `incompatible: ${String(said.mismatch)}`,
    });
  },
});

export const swapODu = defineCase<Network>({
  ...common,
  id: 'SWAP-ODU-001',
  title: 'The O-DU swapped: E2 set up anew, the RIC drops the old node cleanly, carriers active again',
  spec: 'O-RAN.WG3.E2AP 8.3.1 (E2 setup), 8.2.1 (subscription); O-RAN.WG4.MP 3.1.6',
  roles: ['o-du', 'near-rt-ric'],
  topology: swapTopology('SWAP-ODU-001', (c) => ({
    du: reference.oDu,
    ric: c['near-rt-ric'] ?? reference.ric,
  })),
  expectation: `du-1 runs ${reference.oDu} with the RIC under test; it is swapped to the O-DU under test (the same vendor again is a fresh process and a fresh node). The RIC logs the old node down, having dropped its subscriptions; the new O-DU sends E2 Setup, the RIC subscribes as many times as it did before (none carried over, none duplicated), RIC Indications resume within 15 s, and both O-RUs carry CU-plane again within 15 s.`,
  async run(ctx: Ctx) {
    const net = ctx.fixture;
    await steady(ctx);
    const before = net.frames({ link: links.e2, type: 'oran.e2.v1.RicSubscriptionResponse' }).length;
    const { at } = await swap(ctx, 'du-1', ctx.combination['o-du']!);
    const down = await net.waitForLog(
      'ric-1',
      (r) => r.msg === 'e2 node down' && Date.parse(String(r.time)) >= at,
      10_000,
    );
    ctx.expect(down !== undefined, {
      message: 'the RIC did not mark the old node down',
      expected: '"e2 node down" for the old O-DU',
      observed: 'nothing in its log',
      link: links.e2,
      code: 'old-node-kept',
    });
    ctx.measure('oldSubscriptionsDropped', Number(down.dropped ?? Number.NaN));
    const setup = await net.waitForFrame(
      { link: links.e2, type: 'oran.e2.v1.E2SetupRequest', since: at },
      15_000,
    );
    ctx.expect(setup !== undefined, {
      message: 'the new O-DU did not set E2 up',
      expected: 'E2SetupRequest from the new process',
      observed: 'none within 15 s',
      link: links.e2,
      code: 'no-e2-setup',
    });
    await expectRecovered(ctx, {
      link: links.e2,
      type: 'oran.e2.v1.RicIndication',
      from: setup.t,
      withinMs: 15_000,
      what: 'KPM from the new O-DU',
    });
    for (const cu of [links.ru1Cu, links.ru2Cu]) {
      const frame = await net.waitForFrame({ link: cu, since: setup.t }, 15_000);
      ctx.expect(frame !== undefined, {
        message: 'an O-RU carries no CU-plane after the O-DU swap',
        expected: `CU-plane on ${cu}`,
        observed: 'none within 15 s',
        link: cu,
        code: 'carriers-not-reactivated',
      });
    }
    await ctx.sleep(1000);
    const after = net.frames({
      link: links.e2,
      type: 'oran.e2.v1.RicSubscriptionResponse',
      since: at,
    }).length;
    ctx.measure('subscriptionsBefore', before);
    ctx.measure('subscriptionsAfter', after);
    ctx.expect(after === before, {
      message: 'the subscriptions after the swap are not one for one',
      expected: `${before}, as before the swap`,
      observed: `${after}`,
      link: links.e2,
      code: after > before ? 'subscriptions-duplicated' : 'subscriptions-missing',
    });
    expectContained(ctx, { from: at, to: Date.now(), faulty: [links.e2, ...links.ru1, ...links.ru2] });
  },
});

export const swapRic = defineCase<Network>({
  ...common,
  id: 'SWAP-RIC-001',
  title: 'The RIC swapped: the node re-attaches, subscriptions are made anew, fronthaul untouched',
  spec: 'O-RAN.WG3.E2AP 8.3.1 (E2 setup), 8.2.1 (subscription)',
  roles: ['o-du', 'near-rt-ric'],
  topology: swapTopology('SWAP-RIC-001', (c) => ({ du: c['o-du'] ?? reference.oDu, ric: reference.ric })),
  expectation: `ric-1 runs ${reference.ric} with the O-DU under test; it is swapped to the RIC under test. The O-DU re-attaches: E2 Setup to the new RIC, which subscribes, and RIC Indications resume within 15 s of the swap; both O-RUs' links stay undisturbed throughout.`,
  async run(ctx: Ctx) {
    const net = ctx.fixture;
    await steady(ctx);
    const { at } = await swap(ctx, 'ric-1', ctx.combination['near-rt-ric']!);
    const setup = await net.waitForFrame(
      { link: links.e2, type: 'oran.e2.v1.E2SetupRequest', since: at },
      15_000,
    );
    ctx.expect(setup !== undefined, {
      message: 'the O-DU did not set E2 up with the new RIC',
      expected: 'E2SetupRequest after the swap',
      observed: 'none within 15 s',
      link: links.e2,
      code: 'no-e2-setup',
    });
    const subscribed = await net.waitForFrame(
      { link: links.e2, type: 'oran.e2.v1.RicSubscriptionRequest', since: setup.t },
      10_000,
    );
    ctx.expect(subscribed !== undefined, {
      message: 'the new RIC did not subscribe',
      expected: 'RicSubscriptionRequest after E2 Setup',
      observed: 'none within 10 s',
      link: links.e2,
      code: 'no-subscription',
    });
    await expectRecovered(ctx, {
      link: links.e2,
      type: 'oran.e2.v1.RicIndication',
      from: at,
      withinMs: 15_000,
      what: 'KPM to the new RIC',
    });
    expectContained(ctx, { from: at, to: Date.now(), faulty: [links.e2, links.a1] });
  },
});

export const swapCases: CaseDefinition<Network>[] = [swapORu, swapIncompatibleORu, swapODu, swapRic];
