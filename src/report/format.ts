/**
 * What every reporter says the same way: a verdict's word and symbol, how bad it is, a
 * combination's label, a duration, a diagnostic's lines, which results need attention, and the
 * run a set of results came from (a live run's events, or merged streams that have none).
 */
import {
  type CaseResult,
  combinationKey,
  type Diagnostic,
  type RunBegin,
  type RunEnd,
  type Verdict,
} from '../conformance/index.js';

/** Plain symbols, no emoji: they render alike in a terminal, a CI log and a GitHub table. */
export const verdictSymbols: Readonly<Record<Verdict, string>> = {
  pass: '✓',
  fail: '✗',
  'non-strict': '~',
  incompatible: '≠',
  unsupported: '∅',
  error: '!',
  'known-failing': 'x',
};

/** Worst first: a matrix cell takes the colour of its worst verdict. */
export const verdictsBySeverity: readonly Verdict[] = [
  'fail',
  'error',
  'non-strict',
  'known-failing',
  'incompatible',
  'unsupported',
  'pass',
];

/** The worst of some verdicts by `verdictsBySeverity`; undefined for none. */
export function worstVerdict(list: Iterable<Verdict>): Verdict | undefined {
  let worst: number | undefined;
  for (const verdict of list) {
    const rank = verdictsBySeverity.indexOf(verdict);
    if (worst === undefined || rank < worst) worst = rank;
  }
  return worst === undefined ? undefined : verdictsBySeverity[worst];
}

/**
 * Results a reader must look at: what fails the run (fail, error) and what breaks a SHOULD
 * (non-strict). Incompatible, unsupported and known-failing are outcomes, shown in the counts.
 */
export const attentionVerdicts: ReadonlySet<Verdict> = new Set(['fail', 'error', 'non-strict']);

/** Fail first, then error, then non-strict; by key within a verdict. */
export function needingAttention(results: readonly CaseResult[]): CaseResult[] {
  const rank = (r: CaseResult) => verdictsBySeverity.indexOf(r.verdict);
  return sortResults(results.filter((r) => attentionVerdicts.has(r.verdict))).sort(
    (a, b) => rank(a) - rank(b),
  );
}

/** The order of interfaces in every report: fronthaul, E2, A1, then end-to-end and the rest. */
const interfaceOrder = ['ofh-m', 'ofh-cu', 'e2', 'a1', 'e2e'];

const interfaceTitles: Readonly<Record<string, string>> = {
  'ofh-m': 'Open Fronthaul M-plane',
  'ofh-cu': 'Open Fronthaul CU-plane',
  e2: 'E2',
  a1: 'A1',
  e2e: 'End to end',
};

/** "Open Fronthaul M-plane (ofh-m)". */
export const interfaceTitle = (name: string): string =>
  interfaceTitles[name] ? `${interfaceTitles[name]} (${name})` : name;

/** Results grouped by interface, in report order, each group sorted by key. */
export function byInterface(results: readonly CaseResult[]): Map<string, CaseResult[]> {
  const groups = new Map<string, CaseResult[]>();
  for (const result of sortResults(results)) {
    groups.set(result.interface, [...(groups.get(result.interface) ?? []), result]);
  }
  const rank = (name: string) => {
    const i = interfaceOrder.indexOf(name);
    return i < 0 ? interfaceOrder.length : i;
  };
  return new Map([...groups].sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b)));
}

/** By case id, then combination: the order of `readResults`, whatever order a live run ended in. */
export function sortResults(results: readonly CaseResult[]): CaseResult[] {
  return [...results].sort((a, b) => a.key.localeCompare(b.key));
}

/** "o-du=cellwright,near-rt-ric=sagebrush", the combination part of a result's key. */
export const combinationLabel = (result: Pick<CaseResult, 'combination'>): string =>
  combinationKey(result.combination);

/** "E2-SETUP-001 [o-du=cellwright,near-rt-ric=sagebrush]": a result's name in every report. */
export const resultName = (result: CaseResult): string => {
  const label = combinationLabel(result);
  return label ? `${result.caseId} [${label}]` : result.caseId;
};

/** 850ms, 1.2s, 2m 05s, 1h 02m. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
  const seconds = Math.round(ms / 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m ${pad(seconds % 60)}s`;
  return `${Math.floor(seconds / 3600)}h ${pad(Math.floor(seconds / 60) % 60)}m`;
}

/** A diagnostic's details as `[label, value]` pairs, in the order every report shows them. */
export function diagnosticDetails(diagnostic: Diagnostic): [string, string][] {
  const details: [string, string][] = [];
  if (diagnostic.expected !== undefined) details.push(['expected', diagnostic.expected]);
  if (diagnostic.observed !== undefined) details.push(['observed', diagnostic.observed]);
  if (diagnostic.link !== undefined) details.push(['link', diagnostic.link]);
  if (diagnostic.code !== undefined) details.push(['code', diagnostic.code]);
  const trace = traceReference(diagnostic);
  if (trace) details.push(['trace', trace]);
  return details;
}

/** "runs/x/trace.jsonl at t=1700000000123, 1700000000140": enough to find the frames. */
export function traceReference(diagnostic: Diagnostic): string | undefined {
  const { trace } = diagnostic;
  if (!trace || (trace.file === undefined && !trace.at?.length)) return undefined;
  const at = trace.at?.length ? `t=${trace.at.join(', ')}` : '';
  return [trace.file, at ? (trace.file ? `at ${at}` : at) : ''].filter(Boolean).join(' ');
}

/** The run a set of results came from, as far as it is known. */
export interface RunInfo {
  readonly runId?: string;
  /** Unix ms. Default: the earliest result's start. */
  readonly startedAt?: number;
  /** Unix ms. Default: the latest result's end. */
  readonly endedAt?: number;
  /** True when the run was interrupted or a merged stream has no end. Default false. */
  readonly interrupted?: boolean;
  /** "i/n" of a shard. */
  readonly shard?: string;
  /** Networks the run brought up at once (its workers), when known. */
  readonly workers?: number;
}

/** RunInfo from a live run's events, or, for merged results, from the results themselves. */
export function runInfoOf(
  results: readonly CaseResult[],
  events: { begin?: RunBegin; end?: RunEnd; info?: RunInfo } = {},
): Required<Pick<RunInfo, 'startedAt' | 'endedAt' | 'interrupted'>> & RunInfo {
  const { begin, end, info } = events;
  const startedAt =
    info?.startedAt ?? begin?.startedAt ?? Math.min(...results.map((r) => r.startedAt), Date.now());
  const endedAt =
    info?.endedAt ?? end?.endedAt ?? Math.max(startedAt, ...results.map((r) => r.startedAt + r.durationMs));
  const runId = info?.runId ?? begin?.runId;
  const shard = info?.shard ?? begin?.shard;
  return {
    startedAt,
    endedAt,
    interrupted: info?.interrupted ?? end?.interrupted ?? false,
    ...(runId !== undefined ? { runId } : {}),
    ...(shard !== undefined ? { shard } : {}),
  };
}
