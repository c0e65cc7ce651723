/**
 * What the fault and the hot-swap cases grade with beyond the kit: the wait for a steady
 * network, detection read from a vendor's log against the topology's timers, recovery read
 * from the trace, and the machine's own scheduling lag, so that a loaded machine ends a case
 * `error` (the harness could not grade) rather than `fail` (issue 15). conformance/swap imports
 * this file; it is a candidate for the kit.
 */
import {
  containmentToleranceMs,
  describeDisruptions,
  expectContained,
  type FrameFilter,
  type LogRecord,
  logAfter,
  measureContainment,
  type NetworkContext,
} from '../../src/conformance/index.js';
import { type SchedulingLag, starvedDisruptions, watchLag } from './lag.js';
import { links, supervisionMsOf } from './topology.js';

export type { SchedulingLag } from './lag.js';

/** What scheduling may add to a timer on a loaded 2-core machine before a late detection counts. */
export const schedulingAllowanceMs = 1000;

/**
 * Waits until KPM flows on E2 and U-plane on both O-RUs, then 2 s more: each link's rhythm,
 * against which a gap after the fault is judged, comes from those seconds. A network that does
 * not come up ends the case `error` (nothing to grade). Returns the lag watch of the case.
 */
export async function steady(ctx: NetworkContext): Promise<SchedulingLag> {
  for (const [link, type] of [
    [links.e2, 'oran.e2.v1.RicIndication'],
    [links.ru1Cuplane, 'oran.fronthaul.cuplane.v1.UPlaneMessage'],
    [links.ru2Cuplane, 'oran.fronthaul.cuplane.v1.UPlaneMessage'],
  ] as const) {
    const frame = await ctx.fixture.frames.next({ link, type }, 20_000);
    if (!frame) {
      ctx.cannotGrade({
        message: `harness could not start the case: the network is not up, nothing on ${link}`,
        expected: `${type} on ${link}`,
        observed: 'none within 20 s',
        link,
        code: 'not-steady',
      });
    }
  }
  const lag = watchLag(ctx);
  await ctx.sleep(2000);
  return lag;
}

export interface Noticed {
  readonly record: LogRecord;
  readonly t: number;
  readonly detectionMs: number;
}

/**
 * Expects `instance` to log the fault (`where`) within its timer (`timerMs`, from the topology)
 * plus schedulingAllowanceMs of `since`; records `detectionMs` and marks it. Later than that by
 * no more than the machine's measured lag, or nothing while the machine lagged, ends the case
 * `error`: the harness cannot tell the vendor's delay from the machine's.
 */
export async function expectNoticed(
  ctx: NetworkContext,
  lag: SchedulingLag,
  o: {
    readonly instance: string;
    readonly how: string;
    readonly since: number;
    readonly where: (record: LogRecord) => boolean;
    readonly timerMs: number;
    readonly link: string;
  },
): Promise<Noticed> {
  const boundMs = o.timerMs + schedulingAllowanceMs;
  const expected = `${o.how} within ${o.timerMs} ms (+${schedulingAllowanceMs} ms)`;
  const found = await logAfter(ctx, o.instance, o.since, o.where, 2 * boundMs);
  ctx.measure('schedulingLagMs', lag.maxMs);
  if (!found) {
    if (lag.maxMs > schedulingAllowanceMs)
      ctx.cannotGrade({
        message: `harness could not wait out ${o.instance}'s detection: its own timers ran ${lag.maxMs} ms late`,
        expected,
        observed: `nothing in its log within ${2 * boundMs} ms`,
        link: o.link,
      });
    ctx.expect(false, {
      message: `${o.instance} did not notice the fault`,
      expected,
      observed: `nothing in its log within ${2 * boundMs} ms`,
      link: o.link,
      code: 'not-detected',
    });
  }
  const detectionMs = found.t - o.since;
  ctx.measure('detectionMs', detectionMs);
  ctx.mark('detected', `${o.instance}: ${o.how}`, found.t);
  const late = {
    expected,
    observed: `after ${detectionMs} ms (${String(found.record.msg)}); timers ran up to ${lag.maxMs} ms late`,
    link: o.link,
    trace: { at: [found.t] },
  };
  if (detectionMs > boundMs && detectionMs <= boundMs + lag.maxMs)
    ctx.cannotGrade({
      ...late,
      message: `harness could not time ${o.instance}'s detection on a loaded machine`,
    });
  ctx.expect(detectionMs <= boundMs, {
    ...late,
    message: `${o.instance} noticed the fault late`,
    code: 'detected-late',
  });
  return { ...found, detectionMs };
}

/** Expects du-1 to log ru-1's fronthaul link down within link supervision of `since`. */
export const expectRu1Down = (
  ctx: NetworkContext,
  lag: SchedulingLag,
  since: number,
  how = 'fronthaul link down for ru-1',
) =>
  expectNoticed(ctx, lag, {
    instance: 'du-1',
    how,
    since,
    where: (r) => r.msg === 'fronthaul link down' && r.ru === 'ru-1',
    timerMs: supervisionMsOf(ctx.fixture),
    link: links.ru1Mplane,
  });

/** Expects frames (of `type`) on `link` again after `from` within `withinMs`; records `recoveryMs` and marks it. */
export async function expectRecovered(
  ctx: NetworkContext,
  lag: SchedulingLag,
  o: {
    readonly link: string;
    readonly type?: FrameFilter['type'];
    readonly from: number;
    readonly withinMs: number;
    readonly what: string;
  },
): Promise<number> {
  const filter = { link: o.link, since: o.from, ...(o.type ? { type: o.type } : {}) };
  const frame = await ctx.fixture.frames.next(filter, o.withinMs);
  if (!frame) {
    const diagnostic = {
      expected: `${o.type ?? 'traffic'} on ${o.link} within ${o.withinMs} ms`,
      observed: 'none',
      link: o.link,
    };
    if (lag.maxMs > schedulingAllowanceMs)
      ctx.cannotGrade({
        ...diagnostic,
        message: `harness could not wait for ${o.what}: its timers ran ${lag.maxMs} ms late`,
      });
    ctx.expect(false, { ...diagnostic, message: `no recovery: ${o.what}`, code: 'not-recovered' });
  }
  const recoveryMs = frame.t - o.from;
  ctx.measure('recoveryMs', recoveryMs);
  ctx.mark('recovered', o.what, frame.t);
  return recoveryMs;
}

/**
 * The kit's expectContained, except that when every disruption outside `faulty` is a silence or
 * a supervision close that the harness's own stalls account for, the case ends `error`: a
 * starved machine falls silent everywhere. A refused or undecodable frame, or a close the
 * machine does not explain, is the vendor's, however loaded the machine. Records the lag.
 */
export function expectContainedUnderLoad(
  ctx: NetworkContext,
  lag: SchedulingLag,
  o: { readonly from: number; readonly to: number; readonly faulty: readonly string[] },
): void {
  const report = measureContainment(ctx.fixture.records(), { ...o, toleranceMs: containmentToleranceMs });
  const outside = report.disruptions.filter((d) => !o.faulty.includes(d.link));
  ctx.measure('schedulingLagMs', lag.maxMs);
  const windowMs = supervisionMsOf(ctx.fixture) + schedulingAllowanceMs;
  const starved = starvedDisruptions(lag, outside, windowMs);
  if (outside.length > 0 && starved.length === outside.length)
    ctx.cannotGrade({
      message: `harness could not judge the blast radius: the machine stalled (its own timers up to ${lag.maxMs} ms late) as the links outside the fault fell silent`,
      expected: `no gap or close outside ${o.faulty.join(', ')}`,
      observed: describeDisruptions(outside),
      link: outside[0]?.link ?? '',
      trace: { at: outside.map((d) => d.t) },
    });
  expectContained(ctx, o);
}
