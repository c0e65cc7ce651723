/**
 * The figures and MUSTs of a swap, read from the vendors' logs and the relays' trace: who noticed
 * the old process go and when (detection), the frame that shows a step re-established, and the
 * blast radius (links outside the swapped instance that saw a gap, a close or a bad frame).
 */
import {
  describeDisruptions,
  type FrameFilter,
  type FrameRecord,
  type LogRecord,
  measureContainment,
} from '../../src/conformance/index.js';
import { type Ctx, toleranceMs } from './support.js';

/**
 * Expects the departure of the old process noticed by `who` within `withinMs` of the swap;
 * records `detectionMs` and marks it on the timeline.
 */
export function expectDetected(
  ctx: Ctx,
  found: { record: LogRecord; t: number } | undefined,
  o: { who: string; how: string; from: number; withinMs: number; link: string },
): number {
  ctx.expect(found !== undefined, {
    message: `${o.who} did not notice its peer go`,
    expected: `${o.how} within ${o.withinMs} ms of the swap`,
    observed: 'nothing in its log',
    link: o.link,
    code: 'not-detected',
  });
  const detectionMs = found.t - o.from;
  ctx.measure('detectionMs', detectionMs);
  ctx.mark('detected', `${o.who}: ${o.how}`, found.t);
  ctx.expect(detectionMs <= o.withinMs, {
    message: `${o.who} noticed its peer go late`,
    expected: `${o.how} within ${o.withinMs} ms of the swap`,
    observed: `after ${detectionMs} ms`,
    link: o.link,
    code: 'detected-late',
    trace: { at: [found.t] },
  });
  return detectionMs;
}

/**
 * The first frame matching `filter`, waiting up to `timeoutMs`; the case fails with `code` when
 * none comes, its diagnostic saying what was awaited and, if given, what else was seen instead.
 */
export async function expectFrame(
  ctx: Ctx,
  filter: FrameFilter & { readonly link: string },
  timeoutMs: number,
  o: { message: string; expected: string; code: string; instead?: () => string | undefined },
): Promise<FrameRecord> {
  const frame = await ctx.fixture.waitForFrame(filter, timeoutMs);
  ctx.expect(frame !== undefined, {
    message: o.message,
    expected: o.expected,
    observed: o.instead?.() ?? `none within ${timeoutMs / 1000} s`,
    link: filter.link,
    code: o.code,
  });
  return frame;
}

/**
 * Expects the swap contained: no link outside `faulty` fell silent for longer than 1.5x its
 * longest silence before the swap (and + 1 s), closed, or carried an undecodable frame between
 * `from` and `to`. Records `blastRadius` and each such link's longest gap.
 */
export function expectContained(ctx: Ctx, o: { from: number; to: number; faulty: readonly string[] }): void {
  const report = measureContainment(ctx.fixture.records(), { ...o, toleranceMs });
  const outside = report.disruptions.filter((d) => !o.faulty.includes(d.link));
  ctx.measure('blastRadius', report.blastRadius.length);
  for (const link of report.links) {
    if (!o.faulty.includes(link.link))
      ctx.measure(`longestGapMs ${link.link}`, Math.round(link.longestGapMs));
  }
  ctx.expect(outside.length === 0, {
    message: 'the swap disturbed links it is not on',
    expected: `no gap, close or bad frame outside ${o.faulty.join(', ')}`,
    observed: describeDisruptions(outside),
    link: outside[0]?.link ?? '',
    code: 'blast-radius',
    trace: { at: outside.map((d) => d.t) },
  });
}
