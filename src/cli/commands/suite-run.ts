/**
 * What `plugfest test` and `plugfest matrix` share: the run options (Playwright / vitest
 * conventions) and the wiring of a run: cases, matrix, shard, runner, results stream, reporters.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { type Command, Option } from 'commander';
import { pino } from 'pino';
import { suites } from '../../../conformance/index.js';
import {
  type CaseResult,
  cutShort,
  exitCodeOf,
  expandMatrix,
  multiplexReporters,
  networkEnvironment,
  parseShard,
  readKnownFailing,
  readResults,
  resultsStream,
  runMatrix,
  selectCases,
  selectShard,
  type TraceMode,
  traceModes,
} from '../../conformance/index.js';
import { createReporters, reporterNames } from '../../report/index.js';
import { loadVendorCatalog, type VendorCatalog } from '../../topology/index.js';
import { PlugfestError, type RoleName } from '../../wire/index.js';
import { packageRoot } from '../paths.js';

export interface RunOptions {
  suite?: string;
  grep?: string;
  reporter: string;
  outputDir: string;
  workers: string;
  shard?: string;
  retries: string;
  knownFailing?: string;
  trace: TraceMode;
  vendors?: string[];
  /** `--no-reuse` (a bench flag, hidden): every job on a network of its own. */
  reuse?: boolean;
  /** A results.jsonl of an earlier run: only its missing jobs run, and the results merge. */
  resume?: string;
}

/**
 * Combinations run at once by default: one a core, at most 4. A case spends most of its time
 * waiting on protocol timers (reporting periods, supervision windows), not on the CPU, so the
 * cores are the limit that matters, not half of them as for a browser runner.
 */
export const defaultWorkers = Math.min(4, availableParallelism());

export function addRunOptions(command: Command, defaultReporters: string): Command {
  return command
    .argument('[filter...]', 'case ids or id prefixes to run (e.g. E2-SETUP)')
    .option('--suite <names>', `comma-separated suites (${Object.keys(suites).join(', ')})`)
    .option('--grep <regexp>', 'only cases whose id or title matches')
    .option('--reporter <names>', `comma-separated: ${reporterNames.join(', ')}`, defaultReporters)
    .option('--output-dir <dir>', 'where results.jsonl, reports and traces go', 'plugfest-report')
    .option('--workers <n>', 'vendor combinations run at once', String(defaultWorkers))
    .option('--shard <i/n>', 'run shard i of n of the matrix (merge the shards with plugfest merge)')
    .option('--retries <n>', 'extra attempts for a failing case', '0')
    .option('--known-failing <file>', 'case ids or keys expected to fail, one a line (# comments)')
    .addOption(
      new Option('--trace <mode>', "keep each case's message trace").choices(traceModes).default('on'),
    )
    .option('--vendors <dirs...>', 'vendor folders (default: the built-in vendors/)')
    .option(
      '--resume <results.jsonl>',
      'run only the jobs this earlier (crashed or interrupted) run has no result for, and merge',
    )
    .addOption(
      new Option('--no-reuse', 'every job on a network of its own (npm run bench compares)').hideHelp(),
    );
}

/** The vendor catalogue a run uses: the built-in vendors, or the folders given. */
export function catalogOf(options: Pick<RunOptions, 'vendors'>): VendorCatalog {
  return loadVendorCatalog(options.vendors ?? [join(packageRoot(), 'vendors')]);
}

const count = (text: string, flag: string, min: number): number => {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min)
    throw new PlugfestError('config-invalid', `${flag} must be an integer >= ${min}, got "${text}"`);
  return n;
};

/** Runs the selected cases over `vendorsByRole`; sets the exit code (0, 1, or 130 when interrupted). */
export async function runSuites(
  filters: string[],
  options: RunOptions,
  catalog: VendorCatalog,
  vendorsByRole: Partial<Record<RoleName, string[]>>,
): Promise<{ results: CaseResult[]; interrupted: boolean }> {
  const workers = count(options.workers, '--workers', 1);
  const retries = count(options.retries, '--retries', 0);
  const grep = options.grep ? new RegExp(options.grep) : undefined;
  const cases = selectCases(suites, {
    ...(options.suite ? { suites: options.suite.split(',').map((s) => s.trim()) } : {}),
    filters,
    ...(grep ? { grep } : {}),
  });
  const knownIds = new Set(Object.values(suites).flatMap((list) => list.map((c) => c.id)));
  if (cases.length === 0) {
    const asked = [...filters, ...(options.grep ? [`--grep ${options.grep}`] : [])].join(' ');
    throw new PlugfestError(
      'config-invalid',
      `no case matches ${asked || `--suite ${options.suite}`}: filters are case ids or id prefixes, and the ${knownIds.size} ids start ${[...new Set([...knownIds].map((id) => id.split('-')[0]))].map((p) => `${p}-`).join(', ')}`,
    );
  }
  const knownFailing = options.knownFailing
    ? readKnownFailing(options.knownFailing, knownIds)
    : new Set<string>();
  let jobs = expandMatrix(cases, vendorsByRole);
  const shard = options.shard ? parseShard(options.shard) : undefined;
  if (shard) jobs = selectShard(jobs, shard.index, shard.total);
  const outputDir = resolve(options.outputDir);
  // Read before the new stream (often the same file) starts over.
  const resumed = options.resume ? resumedResults(options.resume, jobs) : undefined;
  const logger = pino(
    { level: 'info' },
    pino.destination({ dest: join(outputDir, 'harness.log'), sync: true, mkdir: true }),
  );
  const abort = new AbortController();
  // Ctrl-C: the case running stops, every finished result is already in results.jsonl, and the
  // reports are written from what finished.
  process.once('SIGINT', () => abort.abort());
  const names = options.reporter
    .split(',')
    .map((n) => n.trim())
    .filter(Boolean);
  const run = await runMatrix({
    jobs,
    environment: networkEnvironment({
      catalog,
      root: packageRoot(),
      outputDir,
      logger,
      trace: options.trace,
    }),
    reporter: multiplexReporters([
      resultsStream(join(outputDir, 'results.jsonl')),
      ...createReporters(names, { outputDir }),
    ]),
    workers,
    retries,
    knownFailing,
    signal: abort.signal,
    noReuse: options.reuse === false,
    ...(resumed ? { resumed } : {}),
    vendors: (id) => catalog.get(id),
    ...(options.shard ? { shard: options.shard } : {}),
  });
  process.exitCode = run.interrupted ? 130 : exitCodeOf(run.results);
  return run;
}

/**
 * The results `--resume` keeps: every result of the stream at `path` but those the interruption
 * cut short (the runner runs those again), with one line on what the run will do.
 */
function resumedResults(path: string, jobs: readonly { readonly key: string }[]): CaseResult[] {
  if (!existsSync(path)) throw new PlugfestError('config-invalid', `--resume: no file ${path}`);
  const { results } = readResults([path]);
  const kept = results.filter((r) => !cutShort(r));
  const keys = new Set(kept.map((r) => r.key));
  const missing = jobs.filter((job) => !keys.has(job.key)).length;
  const selected = new Set(jobs.map((job) => job.key));
  const outside = kept.filter((r) => !selected.has(r.key)).length;
  process.stdout.write(
    `Resuming ${path}: ${jobs.length - missing} of ${jobs.length} jobs have results, running ${missing}` +
      `${outside ? ` (${outside} more results outside this selection are kept)` : ''}\n`,
  );
  return kept;
}
