/**
 * The results model: one versioned, serialisable event stream. The runner writes it as JSON
 * lines as each case ends (so a crash or Ctrl-C loses nothing already run); reporters and
 * `plugfest merge` read only this model (after Playwright's teleReceiver / merge).
 */
import type { InterfaceName, RoleName } from '../wire/index.js';

export const resultsVersion = 1;

/** ARCHITECTURE.md "Verdicts". */
export const verdicts = [
  'pass',
  'fail',
  'non-strict',
  'incompatible',
  'unsupported',
  'error',
  'known-failing',
] as const;
export type Verdict = (typeof verdicts)[number];

/** Verdicts that do not fail a run. */
export const acceptableVerdicts: ReadonlySet<Verdict> = new Set([
  'pass',
  'non-strict',
  'incompatible',
  'unsupported',
  'known-failing',
]);

/** Why a verdict is not pass: what was expected, what was observed, where, with the trace reference. */
export interface Diagnostic {
  readonly message: string;
  readonly expected?: string;
  readonly observed?: string;
  /** Link id, e.g. "du-1>ric-1/e2". */
  readonly link?: string;
  /** plugfest error code or O-RAN cause quoted, so tests and reports can tell failures apart. */
  readonly code?: string;
  /** Trace records this diagnostic points at: the trace file and the times of the frames. */
  readonly trace?: { readonly file?: string; readonly at?: readonly number[] };
}

export interface CaseResult {
  /** `<case id>@<combination key>`: unique in a run, stable across runs and shards. */
  readonly key: string;
  readonly caseId: string;
  readonly title: string;
  readonly suite: string;
  readonly interface: InterfaceName | 'e2e';
  readonly spec: string;
  readonly expectation: string;
  /** Vendor per role under test, e.g. { "o-du": "cellwright", "near-rt-ric": "sagebrush" }. */
  readonly combination: Readonly<Partial<Record<RoleName, string>>>;
  readonly verdict: Verdict;
  readonly diagnostics: readonly Diagnostic[];
  readonly startedAt: number;
  /** The case body's time. */
  readonly durationMs: number;
  /** Time this job waited for its network to come up (0 on a network already up), ms. */
  readonly setupMs?: number;
  /** Time its network took to stop after it (0 when the network went on to the next job), ms. */
  readonly teardownMs?: number;
  /** How the job got its network: `fresh` (its own), `shared` (one the jobs before it used too). */
  readonly network?: {
    readonly isolation: 'shared' | 'fresh';
    /** Set when the shared network was found unhealthy before this job and restarted: why. */
    readonly restarted?: string;
  };
  /** 0 for the first attempt. */
  readonly retry: number;
  /** Figures a case measured (detection times, EVM, ...), by name. */
  readonly measurements: Readonly<Record<string, number>>;
  /** Path of the case's trace (JSON lines), when kept. */
  readonly traceFile?: string;
  /**
   * Moments a case marked (a fault's start and end, its detection, the recovery), in time order:
   * the HTML report draws them as a timeline over each link's traffic.
   */
  readonly marks?: readonly TimelineMark[];
}

/** One moment on a case's timeline. */
export interface TimelineMark {
  /** Unix ms. */
  readonly t: number;
  readonly label: string;
  readonly kind: 'fault-start' | 'fault-end' | 'detected' | 'recovered' | 'swap' | 'note';
}

export interface RunBegin {
  readonly type: 'run-begin';
  readonly version: typeof resultsVersion;
  readonly runId: string;
  readonly startedAt: number;
  /** Shard "i/n" this stream covers, if sharded. */
  readonly shard?: string;
  readonly total: number;
  /** Networks brought up at once. */
  readonly workers?: number;
}

export interface CaseEnd {
  readonly type: 'case-end';
  readonly result: CaseResult;
}

export interface RunEnd {
  readonly type: 'run-end';
  readonly endedAt: number;
  readonly interrupted: boolean;
}

export type ResultEvent = RunBegin | CaseEnd | RunEnd;

export type Summary = Record<Verdict, number> & { total: number };

export function summarize(results: readonly CaseResult[]): Summary {
  const summary = Object.fromEntries(verdicts.map((v) => [v, 0])) as Summary;
  for (const result of results) summary[result.verdict] += 1;
  summary.total = results.length;
  return summary;
}

/**
 * The share of the workers' time that went to bringing networks up and down rather than into
 * the cases: (wall x workers - sum of case bodies) / (wall x workers), with what is known of
 * set-up and tear-down beside it.
 */
export function setupShareOf(
  results: readonly CaseResult[],
  wallMs: number,
  workers: number,
): { share: number; setupMs: number; teardownMs: number; bodiesMs: number } {
  const sum = (pick: (r: CaseResult) => number | undefined) =>
    results.reduce((n, r) => n + (pick(r) ?? 0), 0);
  const bodiesMs = sum((r) => r.durationMs);
  const capacity = Math.max(1, wallMs * Math.max(1, workers));
  return {
    share: Math.max(0, Math.min(1, (capacity - bodiesMs) / capacity)),
    setupMs: sum((r) => r.setupMs),
    teardownMs: sum((r) => r.teardownMs),
    bodiesMs,
  };
}

/** Exit code of a run: 0 when every verdict is acceptable, 1 otherwise. */
export function exitCodeOf(results: readonly CaseResult[]): 0 | 1 {
  return results.every((r) => acceptableVerdicts.has(r.verdict)) ? 0 : 1;
}

/** "12 passed, 1 failed, 2 incompatible": counts that are not zero, in verdict order. */
export function formatSummary(summary: Summary): string {
  const words: Record<Verdict, string> = {
    pass: 'passed',
    fail: 'failed',
    'non-strict': 'non-strict',
    incompatible: 'incompatible',
    unsupported: 'unsupported',
    error: 'errors',
    'known-failing': 'known-failing',
  };
  const parts = [`${summary.pass} passed`, `${summary.fail} failed`];
  for (const verdict of verdicts.slice(2))
    if (summary[verdict] > 0) parts.push(`${summary[verdict]} ${words[verdict]}`);
  return parts.join(', ');
}
