/**
 * How the E2 cases grade KPM reporting (O-RAN.WG3.E2SM-KPM event trigger format 1): enough
 * RIC Indications, on time, their mean interval the subscribed reporting period. On a loaded
 * machine every process's timers fire late, the vendors' as well as the harness's: a miss
 * observed then is no evidence against the vendor, and the case cannot grade it.
 */
import type { CaseDiagnostic, NetworkContext } from '../../src/conformance/index.js';

/** The harness's probe timer: re-armed every this many ms while a case observes. */
const probeMs = 25;

/**
 * Awaits `during` while a timer of the harness's own fires every 25 ms; returns its value and
 * how late the timer fired at worst: the machine's load over the observation.
 */
export async function withTimerLag<T>(
  during: Promise<T>,
): Promise<{ readonly value: T; readonly lagMs: number }> {
  let lagMs = 0;
  let due = Date.now() + probeMs;
  let timer: NodeJS.Timeout | undefined;
  const arm = () => {
    timer = setTimeout(() => {
      lagMs = Math.max(lagMs, Date.now() - due);
      due = Date.now() + probeMs;
      arm();
    }, probeMs);
  };
  arm();
  try {
    const value = await during;
    return { value, lagMs };
  } finally {
    clearTimeout(timer);
  }
}

/** Indications observed for one subscription: their times, the period, the harness's timer lag meanwhile. */
export interface Reporting {
  readonly times: readonly number[];
  readonly periodMs: number;
  readonly lagMs: number;
  readonly link: string;
}

/**
 * A timing the vendor must (or should) meet. Missed while the harness's timers ran late by more
 * than a fifth of the period (the SHOULD tolerance), the case cannot grade it.
 */
export function expectTimely(
  ctx: NetworkContext,
  r: Reporting,
  ok: boolean,
  diagnostic: CaseDiagnostic,
  level: 'must' | 'should' = 'must',
): void {
  if (ok) return;
  if (r.lagMs > r.periodMs * 0.2) {
    ctx.cannotGrade({
      ...diagnostic,
      message: `harness could not time the indications: its own timers fired up to ${r.lagMs} ms late (${diagnostic.message})`,
    });
  }
  if (level === 'must') ctx.expect(false, diagnostic);
  else ctx.should(false, diagnostic);
}

/**
 * Expects at least 4 indications (`window` says over what time), whose mean interval is the
 * period within 50 % (MUST) and within 20 % (SHOULD); measures reportingPeriodMs,
 * meanIntervalMs and timerLagMs.
 */
export function expectReportingPeriod(ctx: NetworkContext, r: Reporting, window: string): void {
  const { times, periodMs, link } = r;
  ctx.measure('timerLagMs', r.lagMs);
  expectTimely(ctx, r, times.length >= 4, {
    message: 'too few RIC Indications for the subscription',
    expected: `>= 4 ${window}`,
    observed: String(times.length),
    link,
    code: times.length === 0 ? 'no-indication' : 'kpm-period',
  });
  const intervals = times.slice(1).map((t, i) => t - times[i]!);
  const mean = intervals.reduce((a, b) => a + b, 0) / intervals.length;
  ctx.measure('reportingPeriodMs', periodMs);
  ctx.measure('meanIntervalMs', Math.round(mean));
  const off = {
    observed: `${Math.round(mean)} ms mean over ${intervals.length} intervals`,
    link,
    code: 'kpm-period',
    trace: { at: [times[0]!, times.at(-1)!] },
  } as const;
  expectTimely(ctx, r, Math.abs(mean - periodMs) <= periodMs * 0.5, {
    ...off,
    message: 'RIC Indications far off their reporting period',
    expected: `${periodMs} ms +/- 50 %`,
  });
  const near = Math.abs(mean - periodMs) <= periodMs * 0.2;
  expectTimely(
    ctx,
    r,
    near,
    { ...off, message: 'RIC Indications off their reporting period', expected: `${periodMs} ms +/- 20 %` },
    'should',
  );
}
