/**
 * Link faults (issue 6): a partition between the O-DU and the RIC, and malformed E2 frames. The
 * relay makes the fault; the case measures who noticed, the blast radius and the recovery.
 */
import { expectFrame, type FrameRecord, type NetworkContext } from '../../src/conformance/index.js';
import { starvedLagMs } from './lag.js';
import {
  expectContainedUnderLoad,
  expectE2Rebuilt,
  expectGone,
  faultEnds,
  faultStarts,
  schedulingAllowanceMs,
  steady,
  subscriptionsSoFar,
} from './observe.js';
import { faultCase } from './suite.js';
import { links, supervisionMsOf } from './topology.js';

/** How long the partition lasts: past link supervision, so both sides give the link up. */
const partitionMs = 4000;
/** The close code of a link its peer stopped answering (src/wire: supervision-lost). */
const supervisionLost = 4003;

export const e2Partition = faultCase({
  id: 'FC-E2-001',
  title:
    'A partition between O-DU and RIC: both notice by supervision, and after it heals E2 is rebuilt once',
  spec: 'O-RAN.WG3.E2AP 8.3.1; plugfest link supervision and reconnect backoff (ONF ran-simulator)',
  expectation: `The E2 link is blackholed for ${partitionMs} ms (the connection stays open, nothing passes). The O-DU logs its E2 link down and the RIC its node down, each within interval + guard (2000 ms, +${schedulingAllowanceMs} ms); the fronthaul links are undisturbed. When the partition heals, the O-DU reconnects with backoff, KPM resumes within 10 s, and the RIC holds as many subscriptions as before (none duplicated).`,
  async run(ctx: NetworkContext) {
    const net = ctx.fixture;
    const lag = await steady(ctx);
    const before = subscriptionsSoFar(ctx);
    const from = faultStarts(ctx, 'E2 partition (blackhole)');
    const partition = net.link(links.e2).faults([{ type: 'blackhole' }]);
    let healedAt = from;
    try {
      const du = await expectGone(ctx, lag, 'e2-link', { since: from, how: 'E2 link down (supervision)' });
      const ric = await expectGone(ctx, lag, 'e2-node', { since: from, how: 'E2 node down (supervision)' });
      // The O-DU's time is the case's detection; the RIC's is a figure of its own.
      ctx.measure('detectionMs', du.detectionMs);
      ctx.measure('ricDetectionMs', ric.detectionMs);
      await ctx.sleep(Math.max(0, from + partitionMs - Date.now()));
    } finally {
      partition.remove();
      healedAt = faultEnds(ctx, 'partition healed');
    }
    ctx.measure('partitionMs', healedAt - from);
    const rebuilt = { before, after: 'the partition' };
    await expectE2Rebuilt(ctx, lag, {
      from: healedAt,
      withinMs: 10_000,
      what: 'KPM after the partition healed',
      rebuilt,
    });
    expectContainedUnderLoad(ctx, lag, { from, to: Date.now(), faulty: [links.e2] });
  },
});

const isErrorIndication = (f: FrameRecord) =>
  f.type === 'oran.e2.v1.ErrorIndication' || f.type === 'oran.common.v1.ErrorIndication';

export const e2Malformed = faultCase({
  id: 'FC-E2-002',
  title:
    'Malformed E2 frames from the node: the RIC answers Error Indication, keeps the link and does not crash',
  spec: 'O-RAN.WG3.E2AP 8.3.3 (Error Indication), 10 (handling of abnormal conditions)',
  expectation:
    'For 2 s every RIC Indication from the O-DU is cut to its first 6 bytes on the way (an undecodable PDU). The RIC answers with at least one Error Indication (E2AP, or the link-level one of oran.common when even the envelope does not decode), the E2 link does not close, the RIC process keeps running, KPM decodes again once the frames are whole, and the fronthaul links are undisturbed.',
  async run(ctx: NetworkContext) {
    const net = ctx.fixture;
    const lag = await steady(ctx);
    const from = faultStarts(ctx, 'RIC Indications truncated');
    const fault = net
      .link(links.e2)
      .faults([
        { type: 'truncate', bytes: 6, direction: 'upstream', messageType: 'oran.e2.v1.RicIndication' },
      ]);
    await ctx.sleep(2000);
    fault.remove();
    const healedAt = faultEnds(ctx, 'frames whole again');
    ctx.measure('malformedSent', fault.acted.upstream);
    const filter = { link: links.e2, since: from, where: isErrorIndication } as const;
    await expectFrame(ctx, { ...filter, dir: 'server-to-client' }, 2000, {
      message: 'the RIC did not answer malformed PDUs with an Error Indication',
      expected: 'ErrorIndication from the RIC',
      observed: `${fault.acted.upstream} malformed frames, no Error Indication`,
      code: 'no-error-indication',
    });
    ctx.measure('errorIndications', net.frames.all(filter).length);
    const closes = net
      .records()
      .flatMap((r) =>
        r.kind === 'connection' && r.event === 'close' && r.link === links.e2 && r.t >= from ? [r] : [],
      );
    const [closed] = closes;
    const diagnostic = {
      expected: 'the E2 link open and the RIC running',
      observed: closed
        ? `E2 closed at +${closed.t - from} ms (${closed.code ?? '?'} ${closed.reason ?? ''})`
        : 'the RIC exited',
      link: links.e2,
    };
    // A supervision close while the harness itself stalled is the loaded machine's (issue 15).
    if (
      closed?.code === supervisionLost &&
      lag.maxBetween(closed.t - supervisionMsOf(net), closed.t) >= starvedLagMs
    )
      ctx.cannotGrade({
        ...diagnostic,
        message: 'harness could not keep the E2 link supervised: the machine stalled',
      });
    ctx.expect(!closed && net.instance('ric-1').state === 'running', {
      ...diagnostic,
      message: 'malformed frames cost the link or the RIC',
      code: closed ? 'link-closed' : 'vendor-exited',
    });
    await expectE2Rebuilt(ctx, lag, {
      from: healedAt,
      withinMs: 5000,
      what: 'whole RIC Indications after the fault',
    });
    expectContainedUnderLoad(ctx, lag, { from, to: Date.now(), faulty: [links.e2] });
  },
});
