/**
 * Link faults (issue 6): a partition between the O-DU and the RIC, and malformed E2 frames. The
 * relay makes the fault; the case measures who noticed, the blast radius and the recovery.
 */
import { defineCase, type Network } from '../../src/conformance/index.js';
import {
  type Ctx,
  common,
  expectContained,
  expectDetected,
  expectRecovered,
  expectSubscriptionsRebuilt,
  links,
  logAfter,
  steady,
  supervisionMs,
  toleranceMs,
} from './support.js';

/** How long the partition lasts: past link supervision, so both sides give the link up. */
const partitionMs = 4000;

export const e2Partition = defineCase<Network>({
  ...common('FC-E2-001'),
  id: 'FC-E2-001',
  title:
    'A partition between O-DU and RIC: both notice by supervision, and after it heals E2 is rebuilt once',
  spec: 'O-RAN.WG3.E2AP 8.3.1; plugfest link supervision and reconnect backoff (ONF ran-simulator)',
  expectation: `The E2 link is blackholed for ${partitionMs} ms (the connection stays open, nothing passes). The O-DU logs its E2 link down and the RIC its node down, each within interval + guard (${supervisionMs} ms, +${toleranceMs} ms); the fronthaul links are undisturbed. When the partition heals, the O-DU reconnects with backoff, KPM resumes within 10 s, and the RIC holds as many subscriptions as before (none duplicated).`,
  async run(ctx: Ctx) {
    const net = ctx.fixture;
    await steady(ctx);
    const before = net.frames({ link: links.e2, type: 'oran.e2.v1.RicSubscriptionResponse' }).length;
    const from = Date.now();
    ctx.mark('fault-start', 'E2 partition (blackhole)', from);
    const partition = net.faults.link(links.e2, [{ type: 'blackhole' }]);
    let healedAt = from;
    try {
      const du = await logAfter(
        ctx,
        'du-1',
        from,
        (r) => r.msg === 'e2 link down',
        supervisionMs + toleranceMs,
      );
      expectDetected(ctx, du, {
        who: 'the O-DU',
        how: 'E2 link down (supervision)',
        from,
        withinMs: supervisionMs + toleranceMs,
        link: links.e2,
      });
      const ric = await logAfter(
        ctx,
        'ric-1',
        from,
        (r) => r.msg === 'e2 node down',
        supervisionMs + toleranceMs,
      );
      ctx.expect(ric !== undefined, {
        message: 'the RIC did not notice the partition',
        expected: `E2 node down within ${supervisionMs + toleranceMs} ms`,
        observed: 'nothing in its log',
        link: links.e2,
        code: 'not-detected',
      });
      ctx.measure('ricDetectionMs', ric.t - from);
      await ctx.sleep(Math.max(0, from + partitionMs - Date.now()));
    } finally {
      partition.remove();
      healedAt = Date.now();
      ctx.mark('fault-end', 'partition healed', healedAt);
    }
    ctx.measure('partitionMs', healedAt - from);
    await expectRecovered(ctx, {
      link: links.e2,
      type: 'oran.e2.v1.RicIndication',
      from: healedAt,
      withinMs: 10_000,
      what: 'KPM after the partition healed',
    });
    await ctx.sleep(1000);
    expectSubscriptionsRebuilt(ctx, before, healedAt, 'the partition');
    expectContained(ctx, { from, to: Date.now(), faulty: [links.e2] });
  },
});

export const e2Malformed = defineCase<Network>({
  ...common('FC-E2-002'),
  id: 'FC-E2-002',
  title:
    'Malformed E2 frames from the node: the RIC answers Error Indication, keeps the link and does not crash',
  spec: 'O-RAN.WG3.E2AP 8.3.3 (Error Indication), 10 (handling of abnormal conditions)',
  expectation:
    'For 2 s every RIC Indication from the O-DU is cut to its first 6 bytes on the way (an undecodable PDU). The RIC answers with at least one Error Indication (E2AP, or the link-level one of oran.common when even the envelope does not decode), the E2 link does not close, the RIC process keeps running, KPM decodes again once the frames are whole, and the fronthaul links are undisturbed.',
  async run(ctx: Ctx) {
    const net = ctx.fixture;
    await steady(ctx);
    const from = Date.now();
    ctx.mark('fault-start', 'RIC Indications truncated', from);
    const fault = net.faults.link(links.e2, [
      { type: 'truncate', bytes: 6, direction: 'upstream', messageType: 'oran.e2.v1.RicIndication' },
    ]);
    await ctx.sleep(2000);
    fault.remove();
    const healedAt = Date.now();
    ctx.mark('fault-end', 'frames whole again', healedAt);
    ctx.measure('malformedSent', fault.acted.upstream);
    const isErrorIndication = (f: { type?: string }) =>
      f.type === 'oran.e2.v1.ErrorIndication' || f.type === 'oran.common.v1.ErrorIndication';
    const answered = await net.waitForFrame(
      { link: links.e2, since: from, dir: 'server-to-client', where: isErrorIndication },
      2000,
    );
    ctx.expect(answered !== undefined, {
      message: 'the RIC did not answer malformed PDUs with an Error Indication',
      expected: 'ErrorIndication from the RIC',
      observed: `${fault.acted.upstream} malformed frames, no Error Indication`,
      link: links.e2,
      code: 'no-error-indication',
    });
    ctx.measure(
      'errorIndications',
      net.frames({ link: links.e2, since: from, where: isErrorIndication }).length,
    );
    const closes = net
      .records()
      .filter((r) => r.kind === 'connection' && r.event === 'close' && r.link === links.e2 && r.t >= from);
    ctx.expect(closes.length === 0 && net.running.instances.get('ric-1')?.running === true, {
      message: 'malformed frames cost the link or the RIC',
      expected: 'the E2 link open and the RIC running',
      observed: closes.length ? `E2 closed at +${closes[0]!.t - from} ms` : 'the RIC exited',
      link: links.e2,
      code: closes.length ? 'link-closed' : 'vendor-exited',
    });
    await expectRecovered(ctx, {
      link: links.e2,
      type: 'oran.e2.v1.RicIndication',
      from: healedAt,
      withinMs: 5000,
      what: 'whole RIC Indications after the fault',
    });
    expectContained(ctx, { from, to: Date.now(), faulty: [links.e2] });
  },
});
