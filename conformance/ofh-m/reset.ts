/**
 * Reset case (O-RAN.WG4.MP o-ran-operations reset): the O-RU closes its links, comes back with no
 * carrier active, and locks its sync again.
 */
import { causeText, type NetworkContext, oran } from '../../src/conformance/index.js';
import { awaitLocked, carriersOf, expectAccepted, expectSubscribed, mSession, rpc, traceOf } from './rpc.js';
import { activeTxCarrier } from './support.js';
import { mCase, mLink, ofhMResetTopology } from './topology.js';

const mp = oran.fronthaul.mplane.v1;

export const resetRestarts = mCase({
  id: 'OFH-M-RESET-001',
  title: 'After a reset rpc the O-RU closes its links, comes back, and no carrier is active',
  spec: 'O-RAN.WG4.MP o-ran-operations reset; O-RAN.WG4.CONF 3.1.7 (activation after start-up)',
  expectation:
    'With an ACTIVE carrier, a reset rpc is answered <ok/>; the O-RU then closes the M-plane link (SHOULD with LinkClose cause misc om-intervention), accepts the client again within 10 s, holds no ACTIVE carrier (none, or all INACTIVE), and reaches sync LOCKED again within 10 s.',
  topology: ofhMResetTopology,
  timeoutMs: 40_000,
  async run(ctx: NetworkContext) {
    await expectSubscribed(ctx);
    await activeTxCarrier(ctx, 'ofhm-reset-tx');
    const before = await mSession(ctx);
    const resetAt = Date.now();
    const answer = await rpc(ctx, 'reset', (s) => s.request('oran.fronthaul.mplane.v1.ResetRequest', {}));
    const response = answer.as('oran.fronthaul.mplane.v1.ResetResponse');
    expectAccepted(ctx, answer, response.rpcErrors, {
      message: 'the reset rpc was refused',
      expected: '<ok/>',
      code: 'wrongly-refused',
      also: response.ok,
    });
    const deadline = Date.now() + 5000;
    while (before.link.state !== 'closed' && Date.now() < deadline) await ctx.sleep(25);
    ctx.expect(before.link.state === 'closed', {
      message: 'the O-RU kept the M-plane link open after its reset',
      expected: 'the link closed by the O-RU within 5 s of <ok/>',
      observed: `link ${before.link.state}`,
      link: mLink,
      code: 'link-not-closed',
      trace: traceOf(ctx, answer),
    });
    const [close] = ctx.fixture.frames.all({ link: mLink, type: 'oran.common.v1.LinkClose', since: resetAt });
    const cause = causeText(close?.fields.cause);
    ctx.should(close?.dir === 'server-to-client' && cause === 'misc: om-intervention', {
      message: 'the O-RU closed the link without LinkClose cause misc om-intervention',
      expected: 'LinkClose from the O-RU, cause misc: om-intervention',
      observed: close ? `LinkClose ${close.dir} cause ${cause}` : 'no LinkClose',
      link: mLink,
      code: 'link-close-cause',
    });
    let after: Awaited<ReturnType<typeof mSession>> | undefined;
    try {
      after = await ctx.fixture.peer('du-1').session('ofh-m', 10_000);
    } catch {
      after = undefined;
    }
    ctx.expect(after !== undefined && after !== before, {
      message: 'the M-plane link did not come back after the reset',
      expected: 'a ready M-plane link within 10 s',
      observed: 'none',
      link: mLink,
      code: 'link-not-back',
    });
    ctx.measure('linkBackMs', Date.now() - resetAt);
    const carriers = await carriersOf(ctx);
    const active = carriers.filter((c) => c.state === mp.CarrierState.CARRIER_STATE_ACTIVE);
    ctx.expect(active.length === 0, {
      message: 'a carrier is ACTIVE right after the reset',
      expected: 'no carrier, or every carrier INACTIVE',
      observed: active.map((c) => `${c.name} ACTIVE`).join(', '),
      link: mLink,
      code: 'carrier-active-after-reset',
    });
    ctx.measure('carriersAfterReset', carriers.length);
    await awaitLocked(ctx, 10_000);
    ctx.measure('relockMs', Date.now() - resetAt);
  },
});
