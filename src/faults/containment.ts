/**
 * Containment, measured from the trace: after a fault on one part of the network, which other
 * links saw a disruption (the blast radius), and when the first sign of the fault showed
 * (detection). A link is disrupted when its traffic falls silent well past its longest silence before the fault, when
 * it closes, or when a frame on it does not decode. Pure functions over trace records.
 */
import type { FrameRecord, TraceRecord } from '../relay/index.js';

export interface ContainmentOptions {
  /** When the fault started, Unix ms. */
  readonly from: number;
  /** End of the window looked at, Unix ms. */
  readonly to: number;
  /** Links the fault is on (or that touch the faulty instance): their disruption is expected. */
  readonly faulty: readonly string[];
  /**
   * A gap counts as a disruption over `gapFactor` times the link's longest silence before the
   * fault, and over that silence plus `toleranceMs`. Defaults 1.5 and 500 ms.
   */
  readonly gapFactor?: number;
  readonly toleranceMs?: number;
  /** How far before `from` the link's rhythm is measured. Default 5000 ms. */
  readonly baselineMs?: number;
}

export interface LinkDisruption {
  readonly link: string;
  readonly kind: 'gap' | 'close' | 'undecodable';
  /** Unix ms: the start of the gap, the close, the bad frame. */
  readonly t: number;
  readonly detail: string;
}

export interface LinkActivity {
  readonly link: string;
  /**
   * The link's usual rhythm, ms: its longest silence in either direction during the baseline
   * before the fault; undefined with fewer than 3 frames each way.
   */
  readonly usualIntervalMs: number | undefined;
  /** The longest stretch without a frame inside the window, ms. */
  readonly longestGapMs: number;
  readonly framesInWindow: number;
  readonly disruptions: readonly LinkDisruption[];
}

export interface ContainmentReport {
  readonly links: readonly LinkActivity[];
  /** Links other than the faulty ones that were disrupted: empty when the fault stayed contained. */
  readonly blastRadius: readonly string[];
  readonly disruptions: readonly LinkDisruption[];
}

/** Every link's activity around a fault, and the links outside the fault it reached. */
export function measureContainment(
  records: readonly TraceRecord[],
  options: ContainmentOptions,
): ContainmentReport {
  const gapFactor = options.gapFactor ?? 1.5;
  const toleranceMs = options.toleranceMs ?? 500;
  const baselineMs = options.baselineMs ?? 5000;
  const linkIds = [...new Set(records.map((r) => r.link))].sort();
  const links = linkIds.map((link): LinkActivity => {
    const frames = records.filter((r): r is FrameRecord => r.kind === 'frame' && r.link === link);
    const before = frames.filter((f) => f.t >= options.from - baselineMs && f.t < options.from);
    // The link's own rhythm: its longest silence in either direction before the fault (a
    // heartbeat every 1.5 s, or an indication every 300 ms); a burst of set-up frames does not
    // shorten it, and a request and its answer a millisecond apart do not either.
    const usual = maxDefined(
      longestInterval(before.filter((f) => f.dir === 'client-to-server').map((f) => f.t)),
      longestInterval(before.filter((f) => f.dir === 'server-to-client').map((f) => f.t)),
    );
    const inWindow = frames.filter((f) => f.t >= options.from && f.t <= options.to);
    const disruptions: LinkDisruption[] = [];
    // The gap that runs into the window counts from the last frame before it.
    const lastBefore = before.reduce((latest, f) => Math.max(latest, f.t), Number.NEGATIVE_INFINITY);
    const times = [
      Number.isFinite(lastBefore) ? lastBefore : options.from,
      ...inWindow.map((f) => f.t).sort((a, b) => a - b),
      options.to,
    ];
    let longest = 0;
    let longestAt = options.from;
    for (let i = 1; i < times.length; i++) {
      const gap = times[i]! - times[i - 1]!;
      if (gap > longest) {
        longest = gap;
        longestAt = times[i - 1]!;
      }
    }
    if (usual !== undefined && longest > Math.max(usual * gapFactor, usual + toleranceMs)) {
      disruptions.push({
        link,
        kind: 'gap',
        t: longestAt,
        detail: `no frame for ${Math.round(longest)} ms (longest before the fault ${Math.round(usual)} ms)`,
      });
    }
    for (const r of records) {
      if (r.link !== link || r.t < options.from || r.t > options.to) continue;
      if (r.kind === 'connection' && r.event === 'close') {
        disruptions.push({
          link,
          kind: 'close',
          t: r.t,
          detail: `closed by ${r.by ?? 'a side'} (${r.code ?? '?'}${r.reason ? ` ${r.reason}` : ''})`,
        });
      }
      if (r.kind === 'frame' && r.error) {
        disruptions.push({
          link,
          kind: 'undecodable',
          t: r.t,
          detail: `${r.error.code}: ${r.error.message}`,
        });
      }
    }
    return {
      link,
      usualIntervalMs: usual,
      longestGapMs: longest,
      framesInWindow: inWindow.length,
      disruptions,
    };
  });
  const disruptions = links.flatMap((l) => l.disruptions);
  const blastRadius = links
    .filter((l) => !options.faulty.includes(l.link) && l.disruptions.length > 0)
    .map((l) => l.link);
  return { links, blastRadius, disruptions };
}

/** "du-1>ru-2/ofh-cu: no frame for 2400 ms (usual 10 ms)": the disruptions, for a diagnostic. */
export const describeDisruptions = (disruptions: readonly LinkDisruption[]): string =>
  disruptions.map((d) => `${d.link}: ${d.detail}`).join('; ') || 'none';

/** The first record at or after `from` that `matches`: how and when a fault was noticed. */
export function firstAfter(
  records: readonly TraceRecord[],
  from: number,
  matches: (record: TraceRecord) => boolean,
): TraceRecord | undefined {
  return records.find((r) => r.t >= from && matches(r));
}

function longestInterval(unsorted: readonly number[]): number | undefined {
  if (unsorted.length < 3) return undefined;
  const times = [...unsorted].sort((a, b) => a - b);
  return times.slice(1).reduce((longest, t, i) => Math.max(longest, t - times[i]!), 0);
}

function maxDefined(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Math.max(a, b);
}
