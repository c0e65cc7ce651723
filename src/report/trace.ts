/**
 * A case's trace as the HTML report shows it. A topology's trace file is shared by the cases run
 * on it one after another, so each case gets the records from the end of the case before it on
 * the same file to its own end: set-up traffic (an E2 Setup at start-up) lands in the first case.
 */
import { readFileSync } from 'node:fs';
import type { CaseResult } from '../conformance/index.js';

/**
 * A trace record as the report reads it: the relay's frame and connection records
 * (src/relay/trace.ts), taken structurally, so the report depends on the results model only.
 */
export interface TraceRecordLike {
  readonly kind?: 'frame' | 'connection';
  /** Unix ms. */
  readonly t: number;
  /** "du-1>ric-1/e2": client > server / interface. */
  readonly link?: string;
  readonly dir?: string;
  readonly from?: string;
  readonly to?: string;
  /** Full message type, e.g. "oran.e2.v1.E2SetupRequest". */
  readonly type?: string;
  readonly pdu?: string;
  readonly tx?: number;
  readonly sent?: number;
  readonly size?: number;
  readonly fields?: Record<string, unknown>;
  readonly error?: { readonly code: string; readonly message: string };
  readonly raw?: string;
  readonly fault?: string;
  /** Connection records: open, refused, close. */
  readonly event?: string;
  readonly code?: number;
  readonly reason?: string;
  readonly by?: string;
}

/** Every record of a result's trace; the report cuts out the case's part. */
export type ReadTrace = (result: CaseResult) => readonly TraceRecordLike[];

/**
 * Reads `result.traceFile` (JSON lines; a torn line of a crashed run is skipped). Each file is
 * read once per reader: make one reader per report.
 */
export function traceFileReader(): ReadTrace {
  const files = new Map<string, TraceRecordLike[]>();
  return (result) => {
    const path = result.traceFile;
    if (!path) return [];
    let records = files.get(path);
    if (!records) {
      records = readFileSync(path, 'utf8')
        .split('\n')
        .filter(Boolean)
        .flatMap((line) => {
          try {
            const record = JSON.parse(line) as TraceRecordLike;
            return typeof record?.t === 'number' ? [record] : [];
          } catch {
            return [];
          }
        });
      files.set(path, records);
    }
    return records;
  };
}

export interface TraceLimits {
  /** Records kept per case, besides failing and referenced frames. Default 600. */
  readonly maxRecords?: number;
  /** Characters of a frame's base64 `raw` kept. Default 4096. */
  readonly maxRawChars?: number;
}

/** Each link's traffic over a case with timeline marks, bucketed: what the timeline draws. */
export interface CaseActivity {
  /** Unix ms of the first bucket's start, and each bucket's length. */
  readonly from: number;
  readonly bucketMs: number;
  readonly links: readonly {
    readonly link: string;
    /** Frames per bucket, and how many of them a fault acted on or did not decode. */
    readonly frames: readonly number[];
    readonly failing: readonly number[];
    /** Unix ms of each connection close on the link. */
    readonly closes: readonly number[];
  }[];
}

export interface CaseTrace {
  readonly records: readonly TraceRecordLike[];
  /** For a result with timeline marks: every link's traffic over the case, from the whole trace. */
  readonly activity?: CaseActivity;
  /** Records left out by `maxRecords`. */
  readonly omitted: number;
  /** Why there is no trace (a file that could not be read). */
  readonly note?: string;
}

const failing = (record: TraceRecordLike) => record.error !== undefined || record.fault !== undefined;

/** Each result's part of its trace, by result key. */
export function caseTraces(
  results: readonly CaseResult[],
  readTrace: ReadTrace,
  limits: TraceLimits = {},
): Map<string, CaseTrace> {
  const windows = caseWindows(results);
  const traces = new Map<string, CaseTrace>();
  for (const result of results) {
    let all: readonly TraceRecordLike[];
    try {
      all = readTrace(result);
    } catch (error) {
      traces.set(result.key, {
        records: [],
        omitted: 0,
        note: `trace not read: ${(error as Error).message}`,
      });
      continue;
    }
    const window = windows.get(result.key);
    const inWindow = window ? all.filter((r) => r.t > window.after && r.t <= window.until) : all;
    if (inWindow.length > 0) traces.set(result.key, trim(result, inWindow, limits));
  }
  return traces;
}

/** For results on a shared trace file: (end of the previous case on the file, own end]. */
function caseWindows(results: readonly CaseResult[]): Map<string, { after: number; until: number }> {
  const byFile = new Map<string, CaseResult[]>();
  for (const result of results) {
    if (result.traceFile) byFile.set(result.traceFile, [...(byFile.get(result.traceFile) ?? []), result]);
  }
  const windows = new Map<string, { after: number; until: number }>();
  for (const group of byFile.values()) {
    let after = Number.NEGATIVE_INFINITY;
    for (const result of [...group].sort((a, b) => a.startedAt - b.startedAt)) {
      const until = result.startedAt + result.durationMs;
      windows.set(result.key, { after, until });
      after = Math.max(after, until);
    }
  }
  return windows;
}

function trim(result: CaseResult, records: readonly TraceRecordLike[], limits: TraceLimits): CaseTrace {
  const maxRecords = limits.maxRecords ?? 600;
  const maxRaw = limits.maxRawChars ?? 4096;
  const referenced = new Set(result.diagnostics.flatMap((d) => d.trace?.at ?? []));
  const sorted = [...records].sort((a, b) => a.t - b.t);
  const kept = sorted.filter((r, i) => i < maxRecords || failing(r) || referenced.has(r.t));
  const activity = activityOf(result, sorted);
  return {
    ...(activity ? { activity } : {}),
    records: kept.map((r) =>
      r.raw && r.raw.length > maxRaw
        ? { ...r, raw: `${r.raw.slice(0, maxRaw)}… (${r.raw.length} chars)` }
        : r,
    ),
    omitted: sorted.length - kept.length,
  };
}

/** Timeline buckets across a case with marks: 120 of them, from a second before the first mark. */
function activityOf(result: CaseResult, sorted: readonly TraceRecordLike[]): CaseActivity | undefined {
  const marks = result.marks ?? [];
  if (marks.length === 0 || sorted.length === 0) return undefined;
  const buckets = 120;
  const from = Math.min(sorted[0]!.t, marks[0]!.t - 1000);
  const until = Math.max(sorted.at(-1)!.t, marks.at(-1)!.t + 1000);
  const bucketMs = Math.max(1, Math.ceil((until - from + 1) / buckets));
  const rows = new Map<string, { frames: number[]; failing: number[]; closes: number[] }>();
  for (const r of sorted) {
    if (!r.link) continue;
    let row = rows.get(r.link);
    if (!row) {
      row = { frames: new Array(buckets).fill(0), failing: new Array(buckets).fill(0), closes: [] };
      rows.set(r.link, row);
    }
    if (r.kind === 'connection') {
      if ((r as { event?: string }).event === 'close') row.closes.push(r.t);
      continue;
    }
    const i = Math.min(buckets - 1, Math.floor((r.t - from) / bucketMs));
    row.frames[i]! += 1;
    if (failing(r)) row.failing[i]! += 1;
  }
  return {
    from,
    bucketMs,
    links: [...rows.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([link, row]) => ({ link, ...row })),
  };
}
