/**
 * The machine's own scheduling lag while a case watches (issue 15): how late this process's
 * timers fire. On a loaded 2-core machine a vendor's timers are as late as the harness's, so a
 * detection late by no more than this, or a link fallen silent (or closed by supervision) while
 * the harness itself stalled, is the machine's doing, not the vendor's.
 */
import type { LinkDisruption, NetworkContext } from '../../src/conformance/index.js';

const sampleMs = 100;
/** Lateness below this is ordinary jitter, not kept. */
const keptLateMs = 20;
/**
 * A stall of the harness this long, near a silence or a supervision close, makes the machine the
 * likelier cause: a supervision close needs a peer silent for its guard (1500 ms in the fault
 * topology), and a process that lost the CPU for a third of it shares the machine with one that
 * lost it for all of it.
 */
export const starvedLagMs = 500;

export interface SchedulingLag {
  /** The latest a 100 ms timer fired since the watch began, ms. */
  readonly maxMs: number;
  /** The latest it fired between `from` and `to` (Unix ms). */
  maxBetween(from: number, to: number): number;
}

/** Samples the lag until the case ends (its signal aborts when it is over). */
export function watchLag(ctx: NetworkContext): SchedulingLag {
  const late: { t: number; ms: number }[] = [];
  let maxMs = 0;
  let due = Date.now() + sampleMs;
  const timer = setInterval(() => {
    const now = Date.now();
    const ms = now - due;
    if (ms >= keptLateMs) late.push({ t: now, ms });
    maxMs = Math.max(maxMs, ms);
    due = now + sampleMs;
  }, sampleMs);
  timer.unref();
  ctx.signal.addEventListener('abort', () => clearInterval(timer), { once: true });
  return {
    get maxMs() {
      return maxMs;
    },
    // A sample at t covers the stall that ended at t: it began `ms` before.
    maxBetween: (from, to) =>
      Math.max(0, ...late.filter((s) => s.t >= from && s.t - s.ms <= to).map((s) => s.ms)),
  };
}

/** A supervision close (4003) or a silence: what a starved machine makes on any link. */
const timerShaped = (d: LinkDisruption) =>
  d.kind === 'gap' || (d.kind === 'close' && d.detail.includes('(4003'));

/**
 * The disruptions the harness's own stalls account for: each a silence or a supervision close
 * with a stall of at least starvedLagMs within `windowMs` before it (or, for a silence, after its start).
 */
export function starvedDisruptions(
  lag: SchedulingLag,
  disruptions: readonly LinkDisruption[],
  windowMs: number,
): LinkDisruption[] {
  return disruptions.filter(
    (d) =>
      timerShaped(d) &&
      lag.maxBetween(d.t - windowMs, d.t + (d.kind === 'gap' ? windowMs : 0)) >= starvedLagMs,
  );
}
