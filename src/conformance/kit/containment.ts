/**
 * Containment from the trace (faults/containment.ts): the links outside a fault or a refusal
 * must keep their rhythm, stay open and carry only frames that decode.
 */
import { describeDisruptions, measureContainment } from '../../faults/index.js';
import type { NetworkContext } from './suite.js';

/** A gap counts when longer than 1.5x the link's longest before the fault, plus this. */
export const containmentToleranceMs = 1000;

/**
 * Expects nothing outside `faulty` disrupted between `from` and `to`: no link fell silent for
 * longer than 1.5x its longest silence before (+ containmentToleranceMs), closed, or carried an
 * undecodable frame. Records the blast radius and each healthy link's longest gap.
 */
export function expectContained(
  ctx: NetworkContext,
  o: { readonly from: number; readonly to: number; readonly faulty: readonly string[] },
): void {
  const report = measureContainment(ctx.fixture.records(), { ...o, toleranceMs: containmentToleranceMs });
  const outside = report.disruptions.filter((d) => !o.faulty.includes(d.link));
  ctx.measure('blastRadius', report.blastRadius.length);
  for (const link of report.links) {
    if (!o.faulty.includes(link.link))
      ctx.measure(`longestGapMs ${link.link}`, Math.round(link.longestGapMs));
  }
  ctx.expect(outside.length === 0, {
    message: 'the fault reached links it is not on',
    expected: `no gap, close or bad frame outside ${o.faulty.join(', ') || 'the faulty part'}`,
    observed: describeDisruptions(outside),
    link: outside[0]?.link ?? '',
    code: 'blast-radius',
    trace: { at: outside.map((d) => d.t) },
  });
}

/**
 * Expects the RIC to hold as many subscriptions on `link` after `since` as it made before:
 * rebuilt one for one, none duplicated, none missing. `what` names the event ("the restart").
 */
export function expectSubscriptionsRebuilt(
  ctx: NetworkContext,
  o: { readonly link: string; readonly before: number; readonly since: number; readonly what: string },
): void {
  const after = ctx.fixture.frames.all({
    link: o.link,
    type: 'oran.e2.v1.RicSubscriptionResponse',
    since: o.since,
  }).length;
  ctx.measure('subscriptionsBefore', o.before);
  ctx.measure('subscriptionsAfter', after);
  ctx.expect(after === o.before, {
    message: `the subscriptions were not rebuilt one for one after ${o.what}`,
    expected: `${o.before} subscription(s), as before ${o.what}`,
    observed: `${after} after ${o.what}`,
    link: o.link,
    code: after > o.before ? 'subscriptions-duplicated' : 'subscriptions-missing',
  });
}
