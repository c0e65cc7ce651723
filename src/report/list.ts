/**
 * The list reporter, for a terminal or a CI log: a line per case as it ends, a progress line
 * while the matrix runs (redrawn in place on a TTY, printed now and then otherwise), then the
 * results that need attention with their diagnostics, and the closing counts (after
 * Playwright's list reporter).
 */
import {
  type CaseResult,
  formatSummary,
  type Reporter,
  type RunBegin,
  type RunEnd,
  setupShareOf,
  summarize,
  type Verdict,
} from '../conformance/index.js';
import {
  combinationLabel,
  diagnosticDetails,
  formatDuration,
  needingAttention,
  type RunInfo,
  runInfoOf,
  sortResults,
  verdictSymbols,
} from './format.js';

/** Where the list goes: `process.stdout`, or anything with `write` (a test's capture). */
export interface OutputStream {
  write(chunk: string): unknown;
  readonly isTTY?: boolean;
  readonly columns?: number;
}

export interface ListReporterOptions {
  /** Default `process.stdout`. */
  readonly stream?: OutputStream;
  /** Redraw the progress line in place. Default: whether the stream is a TTY. */
  readonly live?: boolean;
  /** ANSI colours. Default: when live and `NO_COLOR` is not set. */
  readonly colors?: boolean;
  /**
   * When not live, a progress line is printed after a case ends if this long has passed since
   * the last one (ms). Default 30 000; 0 prints one after every case.
   */
  readonly progressIntervalMs?: number;
  /** Default `Date.now`. */
  readonly now?: () => number;
}

const colorCodes: Record<Verdict, string> = {
  pass: '32',
  fail: '31',
  'non-strict': '33',
  incompatible: '36',
  unsupported: '90',
  error: '35',
  'known-failing': '90',
};
const wordWidth = Math.max(...Object.keys(colorCodes).map((v) => v.length));

type Paint = (verdict: Verdict, text: string) => string;
const plain: Paint = (_, text) => text;
const ansi: Paint = (verdict, text) => `\x1b[${colorCodes[verdict]}m${text}\x1b[0m`;

/** "  ✗ fail           E2-SETUP-001  E2 Setup succeeds  [o-du=cellwright,near-rt-ric=sagebrush]  (1.2s)". */
export function formatCaseLine(result: CaseResult, paint: Paint = plain): string {
  const label = combinationLabel(result);
  const retry = result.retry > 0 ? `, retry ${result.retry}` : '';
  return [
    `  ${paint(result.verdict, `${verdictSymbols[result.verdict]} ${result.verdict.padEnd(wordWidth)}`)}`,
    result.caseId,
    result.title,
    ...(label ? [`[${label}]`] : []),
    `(${formatDuration(result.durationMs)}${retry})`,
  ].join('  ');
}

/** "[7/40] 6 passed, 1 failed · 12.5s elapsed, ~58s remaining". */
export function formatProgress(results: readonly CaseResult[], total: number, elapsedMs: number): string {
  const done = results.length;
  const remaining =
    done > 0 && total > done ? `, ~${formatDuration((elapsedMs / done) * (total - done))} remaining` : '';
  return `[${done}/${total}] ${formatSummary(summarize(results))} · ${formatDuration(elapsedMs)} elapsed${remaining}`;
}

/** The results that need attention (fail, error, non-strict), numbered, with their diagnostics. */
export function formatAttention(results: readonly CaseResult[], paint: Paint = plain): string {
  const attention = needingAttention(results);
  if (attention.length === 0) return '';
  const blocks = attention.map((result, i) => {
    const label = combinationLabel(result);
    const head = `  ${i + 1}) ${result.caseId} ${result.title}${label ? ` [${label}]` : ''} ── ${paint(result.verdict, result.verdict)}`;
    const lines = [head, `     ${result.spec}: ${result.expectation}`];
    for (const diagnostic of result.diagnostics) {
      lines.push('', `     ${diagnostic.message}`);
      for (const [name, value] of diagnosticDetails(diagnostic))
        lines.push(`       ${`${name}:`.padEnd(10)}${value}`);
    }
    return lines.join('\n');
  });
  return `\n${blocks.join('\n\n')}\n`;
}

/** "  12 passed, 1 failed, 2 incompatible (3.2s)", and a line saying so if the run was cut short. */
export function formatClosing(results: readonly CaseResult[], info: RunInfo, total?: number): string {
  const { startedAt, endedAt, interrupted } = runInfoOf(results, { info });
  const lines = [`  ${formatSummary(summarize(results))} (${formatDuration(endedAt - startedAt)})`];
  if (info.workers !== undefined && results.some((r) => r.setupMs !== undefined)) {
    const { share, setupMs, teardownMs } = setupShareOf(results, endedAt - startedAt, info.workers);
    lines.push(
      `  ${Math.round(share * 100)} % of ${info.workers} ${info.workers === 1 ? "worker's" : "workers'"} time outside the cases ` +
        `(networks up ${formatDuration(setupMs)}, down ${formatDuration(teardownMs)})`,
    );
  }
  if (interrupted) {
    lines.push(
      `  interrupted: ${results.length}${total !== undefined ? ` of ${total}` : ''} cases ran; the rest did not`,
    );
  }
  return `\n${lines.join('\n')}\n`;
}

/** The whole list of finished results as text: what `plugfest merge` prints for merged shards. */
export function renderList(results: readonly CaseResult[], info: RunInfo = {}): string {
  const sorted = sortResults(results);
  return `${sorted.map((r) => `${formatCaseLine(r)}\n`).join('')}${formatAttention(sorted)}${formatClosing(sorted, info)}`;
}

/**
 * The list reporter: writes to `process.stdout` by default; live (redrawn) progress when the
 * stream is a TTY, a plain progress line at most every 30 s otherwise.
 */
export function listReporter(options: ListReporterOptions = {}): Reporter {
  const stream = options.stream ?? process.stdout;
  const live = options.live ?? stream.isTTY === true;
  const paint = (options.colors ?? (live && !process.env.NO_COLOR)) ? ansi : plain;
  const now = options.now ?? Date.now;
  const interval = options.progressIntervalMs ?? 30_000;
  const results: CaseResult[] = [];
  let begin: RunBegin | undefined;
  let lastProgress = 0;
  let shown = false;
  let timer: ReturnType<typeof setInterval> | undefined;

  const progress = () =>
    formatProgress(results, begin?.total ?? results.length, now() - (begin?.startedAt ?? now()));
  const clip = (line: string) => (stream.columns ? line.slice(0, Math.max(1, stream.columns - 1)) : line);
  // A live line is redrawn with CR + erase-line; it never ends in a newline, so case lines
  // first erase it and then draw it again below themselves.
  const erase = () => {
    if (shown) stream.write('\r\x1b[2K');
    shown = false;
  };
  const draw = () => {
    erase();
    stream.write(clip(progress()));
    shown = true;
  };

  return {
    onBegin(event) {
      begin = event;
      lastProgress = now();
      const shard = event.shard ? ` (shard ${event.shard})` : '';
      stream.write(`Running ${event.total} case${event.total === 1 ? '' : 's'}${shard}\n\n`);
      if (live) {
        draw();
        timer = setInterval(draw, 1000);
        timer.unref?.();
      }
    },
    onCaseEnd(result) {
      results.push(result);
      if (live) {
        erase();
        stream.write(`${formatCaseLine(result, paint)}\n`);
        draw();
        return;
      }
      stream.write(`${formatCaseLine(result, paint)}\n`);
      const total = begin?.total ?? results.length;
      if (results.length < total && now() - lastProgress >= interval) {
        lastProgress = now();
        stream.write(`${progress()}\n`);
      }
    },
    onEnd(event: RunEnd) {
      if (timer) clearInterval(timer);
      erase();
      const info = {
        ...runInfoOf(results, { ...(begin ? { begin } : {}), end: event }),
        ...(begin?.workers !== undefined ? { workers: begin.workers } : {}),
      };
      stream.write(formatAttention(results, paint));
      stream.write(formatClosing(results, info, begin?.total));
    },
  };
}
