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
  expectSubscriptionsRebuilt,
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

/** Marks the fault's start on the timeline, now; returns the time. */
export function faultStarts(ctx: NetworkContext, label: string): number {
  const at = Date.now();
  ctx.mark('fault-start', label, at);
  return at;
}

/** Marks the fault's end on the timeline, now; returns the time. */
export function faultEnds(ctx: NetworkContext, label: string): number {
  const at = Date.now();
  ctx.mark('fault-end', label, at);
  return at;
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
  // The machine's stalls while the detection was due: the share of a delay that is not the vendor's.
  const stalledMs = lag.maxBetween(o.since, found?.t ?? Date.now());
  ctx.measure('schedulingLagMs', lag.maxMs);
  if (!found) {
    if (stalledMs > schedulingAllowanceMs)
      ctx.cannotGrade({
        message: `harness could not wait out ${o.instance}'s detection: its own timers ran ${stalledMs} ms late`,
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
    observed: `after ${detectionMs} ms (${String(found.record.msg)}); timers ran up to ${stalledMs} ms late`,
    link: o.link,
    trace: { at: [found.t] },
  };
  if (detectionMs > boundMs && detectionMs <= boundMs + stalledMs)
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

/** The log line each side writes when its peer is gone (docs/vendor-contract.md), by what went. */
const goneLines = {
  /** du-1 lost ru-1's fronthaul. */
  'ru-1': { instance: 'du-1', msg: 'fronthaul link down', ru: 'ru-1', link: links.ru1Mplane },
  /** du-1 lost its E2 link to the RIC. */
  'e2-link': { instance: 'du-1', msg: 'e2 link down', ru: undefined, link: links.e2 },
  /** ric-1 lost the E2 node du-1. */
  'e2-node': { instance: 'ric-1', msg: 'e2 node down', ru: undefined, link: links.e2 },
} as const;

/**
 * Expects the side that watches `what` to log it gone within link supervision of `since`
 * (plus `extraMs`, for a peer that takes its time to go); `how` names it in the diagnostic.
 */
export function expectGone(
  ctx: NetworkContext,
  lag: SchedulingLag,
  what: keyof typeof goneLines,
  o: { readonly since: number; readonly how: string; readonly extraMs?: number },
): Promise<Noticed> {
  const line = goneLines[what];
  return expectNoticed(ctx, lag, {
    instance: line.instance,
    how: o.how,
    since: o.since,
    where: (r) => r.msg === line.msg && (line.ru === undefined || r.ru === line.ru),
    timerMs: supervisionMsOf(ctx.fixture) + (o.extraMs ?? 0),
    link: line.link,
  });
}

/**
 * Expects RIC Indications on du-1's E2 link within `withinMs` of `from`; then, if `rebuilt`, a
 * second (a few KPM periods) later, as many subscriptions as before (none duplicated, none missing).
 */
export async function expectE2Rebuilt(
  ctx: NetworkContext,
  lag: SchedulingLag,
  o: {
    readonly from: number;
    readonly withinMs: number;
    readonly what: string;
    /** The subscriptions before the event, and the event's name ("the restart"). */
    readonly rebuilt?: { readonly before: number; readonly after: string };
  },
): Promise<void> {
  const { from, withinMs, what } = o;
  await expectRecovered(ctx, lag, { link: links.e2, type: 'oran.e2.v1.RicIndication', from, withinMs, what });
  if (!o.rebuilt) return;
  await ctx.sleep(1000);
  expectSubscriptionsRebuilt(ctx, {
    link: links.e2,
    before: o.rebuilt.before,
    since: from,
    what: o.rebuilt.after,
  });
}

/** The subscriptions the RIC has made on du-1's E2 link so far. */
export const subscriptionsSoFar = (ctx: NetworkContext): number =>
  ctx.fixture.frames.all({ link: links.e2, type: 'oran.e2.v1.RicSubscriptionResponse' }).length;

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
    const stalledMs = lag.maxBetween(o.from, Date.now());
    if (stalledMs > schedulingAllowanceMs)
      ctx.cannotGrade({
        ...diagnostic,
        message: `harness could not wait for ${o.what}: its timers ran ${stalledMs} ms late`,
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
