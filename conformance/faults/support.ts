/**
 * What every fault case shares: a topology with short timers (so detection is measured in
 * seconds, not minutes), the wait for a steady network before the fault, detection read from a
 * vendor's log, recovery read from the trace, and the blast radius graded from the trace.
 */
import {
  type CaseContext,
  type Combination,
  describeDisruptions,
  type LogRecord,
  logTimeOf,
  measureContainment,
  type Network,
} from '../../src/conformance/index.js';

/**
 * Link supervision 500 ms + 1500 ms guard, M-plane supervision 1 s + 1 s, KPM every 300 ms.
 * Two O-RUs of the reference vendor, so one can fail while the other is watched; `extra`
 * instances and links (YAML flow mappings) join them.
 */
export const faultTopology =
  (caseId: string, extra: { instances?: Record<string, string>; links?: string[] } = {}) =>
  (c: Combination): string =>
    `name: faults-${caseId.toLowerCase()}-${c['o-du']}-${c['near-rt-ric']}
options:
  kpmPeriodMs: 300
  supervision: { intervalMs: 500, guardMs: 1500 }
  mplaneSupervision: { notificationIntervalS: 1, guardTimerOverheadS: 1 }
instances:
  ric-1: { role: near-rt-ric, vendor: ${c['near-rt-ric']} }
  du-1: { role: o-du, vendor: ${c['o-du']} }
  ru-1: { role: o-ru, vendor: ruvello }
  ru-2: { role: o-ru, vendor: ruvello }
${Object.entries(extra.instances ?? {})
  .map(([id, spec]) => `  ${id}: ${spec}\n`)
  .join('')}links:
  - { interface: fronthaul, from: du-1, to: ru-1 }
  - { interface: fronthaul, from: du-1, to: ru-2 }
  - { interface: e2, from: du-1, to: ric-1 }
  - { interface: a1, from: smo, to: ric-1 }
${(extra.links ?? []).map((link) => `  - ${link}\n`).join('')}`;

export const links = {
  ru1: ['du-1>ru-1/ofh-m', 'du-1>ru-1/ofh-cu'],
  ru2: ['du-1>ru-2/ofh-m', 'du-1>ru-2/ofh-cu'],
  e2: 'du-1>ric-1/e2',
  a1: 'smo>ric-1/a1',
  ru1Cu: 'du-1>ru-1/ofh-cu',
  ru2Cu: 'du-1>ru-2/ofh-cu',
} as const;

/** Link supervision of the topology: a silent peer is declared lost after interval + guard. */
export const supervisionMs = 500 + 1500;
/** What a loaded 2-core machine adds to a detection or a gap before it counts. */
export const toleranceMs = 1000;

export const common = (id: string) => ({
  suite: 'faults',
  interface: 'e2e' as const,
  mode: 'interop' as const,
  roles: ['o-du', 'near-rt-ric'] as const,
  topology: faultTopology(id),
  timeoutMs: 60_000,
});

export type Ctx = CaseContext<Network>;

/**
 * Waits until KPM flows on E2 and CU-plane on both O-RUs, then 2 s more: the rhythm of
 * each link, against which a gap is judged, comes from those 2 s.
 */
export async function steady(ctx: Ctx): Promise<void> {
  const net = ctx.fixture;
  for (const [link, type] of [
    [links.e2, 'oran.e2.v1.RicIndication'],
    [links.ru1Cu, undefined],
    [links.ru2Cu, undefined],
  ] as const) {
    const frame = await net.waitForFrame({ link, ...(type ? { type } : {}) }, 20_000);
    ctx.expect(frame !== undefined, {
      message: `the network is not up before the fault: nothing on ${link}`,
      expected: type ? `${type} on ${link}` : `CU-plane traffic on ${link}`,
      observed: 'none within 20 s',
      link,
      code: 'not-steady',
    });
  }
  await ctx.sleep(2000);
}

/** The first log line of `instance` at or after `since` that matches, waiting up to `timeoutMs`. */
export async function logAfter(
  ctx: Ctx,
  instance: string,
  since: number,
  where: (r: LogRecord) => boolean,
  timeoutMs: number,
): Promise<{ record: LogRecord; t: number } | undefined> {
  const record = await ctx.fixture.waitForLog(instance, (r) => logTimeOf(r) >= since && where(r), timeoutMs);
  return record ? { record, t: logTimeOf(record) } : undefined;
}

/** Expects the fault noticed by `who` within `withinMs`; records the detection time. */
export function expectDetected(
  ctx: Ctx,
  found: { record: LogRecord; t: number } | undefined,
  o: { who: string; how: string; from: number; withinMs: number; link: string },
): number {
  ctx.expect(found !== undefined, {
    message: `${o.who} did not notice the fault`,
    expected: `${o.how} within ${o.withinMs} ms`,
    observed: 'nothing in its log',
    link: o.link,
    code: 'not-detected',
  });
  const detectionMs = found.t - o.from;
  ctx.measure('detectionMs', detectionMs);
  ctx.mark('detected', `${o.who}: ${o.how}`, found.t);
  ctx.expect(detectionMs <= o.withinMs, {
    message: `${o.who} noticed the fault late`,
    expected: `${o.how} within ${o.withinMs} ms`,
    observed: `after ${detectionMs} ms (${String(found.record.msg)})`,
    link: o.link,
    code: 'detected-late',
    trace: { at: [found.t] },
  });
  return detectionMs;
}

/** Expects frames on `link` again after `from` within `withinMs`; records the recovery time. */
export async function expectRecovered(
  ctx: Ctx,
  o: { link: string; type?: string; from: number; withinMs: number; what: string },
): Promise<number> {
  const frame = await ctx.fixture.waitForFrame(
    { link: o.link, since: o.from, ...(o.type ? { type: o.type } : {}) },
    o.withinMs,
  );
  ctx.expect(frame !== undefined, {
    message: `no recovery: ${o.what}`,
    expected: `${o.type ?? 'traffic'} on ${o.link} within ${o.withinMs} ms`,
    observed: 'none',
    link: o.link,
    code: 'not-recovered',
  });
  const recoveryMs = frame.t - o.from;
  ctx.measure('recoveryMs', recoveryMs);
  ctx.mark('recovered', o.what, frame.t);
  return recoveryMs;
}

/**
 * Expects the fault contained: no link outside `faulty` fell silent for longer than 1.5x its
 * longest silence before the fault (and + 1 s), closed, or carried an undecodable frame between
 * `from` and `to`.
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
    message: 'the fault reached links it is not on',
    expected: `no gap, close or bad frame outside ${o.faulty.join(', ') || 'the faulty part'}`,
    observed: describeDisruptions(outside),
    link: outside[0]?.link ?? '',
    code: 'blast-radius',
    trace: { at: outside.map((d) => d.t) },
  });
}

/**
 * Expects the RIC to hold as many subscriptions after `since` as it made before: rebuilt one for
 * one, none duplicated, none missing. `what` names the event, e.g. "the restart".
 */
export function expectSubscriptionsRebuilt(ctx: Ctx, before: number, since: number, what: string): void {
  const after = ctx.fixture.frames({
    link: links.e2,
    type: 'oran.e2.v1.RicSubscriptionResponse',
    since,
  }).length;
  ctx.measure('subscriptionsBefore', before);
  ctx.measure('subscriptionsAfter', after);
  ctx.expect(after === before, {
    message: `the subscriptions were not rebuilt one for one after ${what}`,
    expected: `${before} subscription(s), as before ${what}`,
    observed: `${after} after ${what}`,
    link: links.e2,
    code: after > before ? 'subscriptions-duplicated' : 'subscriptions-missing',
  });
}
