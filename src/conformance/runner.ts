/**
 * The runner: turns jobs into work for `workers` at once, each unit on its own network.
 * Jobs of one topology and combination whose cases declare `isolation: 'shared'` run one
 * after another on one network (Playwright's worker-scoped fixture), checked healthy before
 * each and restarted when not; every other job gets a network of its own. Retries, the
 * known-failing list and interruption (Ctrl-C keeps every finished result) live here too.
 */
import { randomUUID } from 'node:crypto';
import { settleWithin } from '../transport/index.js';
import type { Isolation, VendorLookup } from './case.js';
import { executeCase } from './execute.js';
import { type Combination, combinationKey, type Job } from './matrix.js';
import type { Reporter } from './reporter.js';
import { notUp, resultOf } from './result-of.js';
import type { CaseResult } from './results.js';
import { resultsVersion } from './results.js';

/** How a combination's network is brought up (the process backend, in practice). */
export interface Environment<F> {
  /** Brings up the network of a combination, on the topology the cases of the unit name. */
  start(combination: Combination, topology: string | undefined, signal: AbortSignal): Promise<Started<F>>;
}

/** A network that is up: what cases get (`fixture`), and how the runner looks after it. */
export interface Started<F> {
  readonly fixture: F;
  /** Takes it down; bounded by the backend, and by the runner's teardown timeout. */
  stop(): Promise<void>;
  /** Why it cannot take the next shared job (a link not ready, an instance gone), or undefined. */
  health?(): Promise<string | undefined>;
  /** Puts back what a shared case may touch without changing a vendor (test peers' answers). */
  reset?(): void;
  /**
   * Keeps the trace of one case (the network's records from `since` on, so set-up traffic
   * lands in the first case), if the trace mode wants it for this outcome; returns the file.
   */
  saveTrace?(trace: CaseTrace): string | undefined;
}

export interface CaseTrace {
  readonly caseId: string;
  readonly key: string;
  /** Unix ms: the end of the case before it on the same network, or the network's start. */
  readonly since: number;
  /** The case ended fail, error or non-strict. */
  readonly failed: boolean;
}

export interface RunMatrixOptions<F> {
  readonly jobs: readonly Job<F>[];
  readonly environment: Environment<F>;
  readonly reporter: Reporter;
  /** Networks run at once. Default 1. */
  readonly workers?: number;
  /** Extra attempts for a failing case. Default 0. */
  readonly retries?: number;
  /** Case ids or job keys expected to fail: such a failure is `known-failing`; a pass fails the run. */
  readonly knownFailing?: ReadonlySet<string>;
  readonly signal?: AbortSignal;
  readonly shard?: string;
  readonly runId?: string;
  /** What vendors declare, for cases' `requires`. Default: nothing declared. */
  readonly vendors?: VendorLookup;
  /**
   * Bound on one network's stop (Playwright's teardown timeout): past it the run goes on
   * without waiting, and the orchestrator's exit hook kills what is left. Default 60 s.
   */
  readonly teardownTimeoutMs?: number;
  /**
   * Every job on a network of its own, whatever its case declares: the baseline `npm run
   * bench` compares reuse with. Default false.
   */
  readonly noReuse?: boolean;
  /**
   * Results an earlier run already has (`plugfest test --resume`): they are reported first, as
   * they were, and their jobs do not run again, except a job the interruption cut short (its
   * result carries the `interrupted` code).
   */
  readonly resumed?: readonly CaseResult[];
}

export const defaultTeardownTimeoutMs = 60_000;

/** A result the run's interruption cut short: not a verdict, so a resumed run runs its job again. */
export const cutShort = (result: CaseResult): boolean =>
  result.diagnostics.some((d) => d.code === 'interrupted');

/** Jobs that run on one network: one fresh job, or the shared jobs of a topology and combination. */
interface Unit<F> {
  readonly isolation: Isolation;
  readonly jobs: readonly Job<F>[];
}

export async function runMatrix<F>(
  options: RunMatrixOptions<F>,
): Promise<{ results: CaseResult[]; interrupted: boolean }> {
  const { reporter } = options;
  const signal = options.signal ?? new AbortController().signal;
  const results: CaseResult[] = [];
  const workers = Math.max(1, options.workers ?? 1);
  const resumed = (options.resumed ?? []).filter((r) => !cutShort(r));
  const done = new Set(resumed.map((r) => r.key));
  const jobs = options.jobs.filter((job) => !done.has(job.key));
  reporter.onBegin?.({
    type: 'run-begin',
    version: resultsVersion,
    runId: options.runId ?? randomUUID(),
    startedAt: Date.now(),
    total: jobs.length + resumed.length,
    workers,
    ...(options.shard ? { shard: options.shard } : {}),
  });
  const queue = unitsOf(jobs, options.noReuse ?? false);
  const finish = (result: CaseResult) => {
    results.push(result);
    reporter.onCaseEnd?.(result);
  };
  for (const result of resumed) finish(result);
  const worker = async () => {
    for (let unit = queue.shift(); unit && !signal.aborted; unit = queue.shift()) {
      await runUnit(unit, options, signal, finish);
    }
  };
  await Promise.all(Array.from({ length: workers }, worker));
  const interrupted = signal.aborted;
  await reporter.onEnd?.({ type: 'run-end', endedAt: Date.now(), interrupted }, results);
  return { results, interrupted };
}

/** Units in the order their first job comes; the shared jobs of a key join one unit. */
function unitsOf<F>(jobs: readonly Job<F>[], noReuse: boolean): Unit<F>[] {
  const units: Unit<F>[] = [];
  const shared = new Map<string, Job<F>[]>();
  for (const job of jobs) {
    if (noReuse || (job.definition.isolation ?? 'fresh') === 'fresh') {
      units.push({ isolation: 'fresh', jobs: [job] });
      continue;
    }
    const key = `${combinationKey(job.combination)}\n${job.definition.topology?.(job.combination) ?? ''}`;
    const group = shared.get(key);
    if (group) group.push(job);
    else {
      const created = [job];
      shared.set(key, created);
      units.push({ isolation: 'shared', jobs: created });
    }
  }
  return units;
}

async function runUnit<F>(
  unit: Unit<F>,
  options: RunMatrixOptions<F>,
  signal: AbortSignal,
  finish: (result: CaseResult) => void,
): Promise<void> {
  const combination = unit.jobs[0]!.combination;
  const runnable = unit.jobs.filter((job) => {
    const reason = job.definition.requires?.(combination, options.vendors ?? (() => undefined));
    if (reason === undefined) return true;
    const execution = {
      verdict: 'unsupported' as const,
      diagnostics: [{ message: reason }],
      measurements: {},
    };
    finish(resultOf(job, options, { ...execution, durationMs: 0 }, { retry: 0, startedAt: Date.now() }));
    return false;
  });
  if (runnable.length === 0) return;
  const topology = runnable[0]!.definition.topology?.(combination);
  const bringUp = async (): Promise<
    { started: Started<F>; setupMs: number } | { error: unknown; setupMs: number }
  > => {
    const began = performance.now();
    try {
      const started = await options.environment.start(combination, topology, signal);
      return { started, setupMs: Math.round(performance.now() - began) };
    } catch (error) {
      return { error, setupMs: Math.round(performance.now() - began) };
    }
  };
  const bringDown = async (started: Started<F>): Promise<number> => {
    const began = performance.now();
    await settleWithin(started.stop(), options.teardownTimeoutMs ?? defaultTeardownTimeoutMs);
    return Math.round(performance.now() - began);
  };

  let up = await bringUp();
  let since = Date.now();
  let restarted: string | undefined;
  for (const [index, job] of runnable.entries()) {
    if (signal.aborted) break;
    if ('error' in up) {
      finish(notUp(job, options, up.error, up.setupMs));
      up = { ...up, setupMs: 0 };
      continue;
    }
    const network = up.started;
    const last = index === runnable.length - 1;
    const setupMs = up.setupMs;
    up = { started: network, setupMs: 0 };
    network.reset?.();
    const { execution, retry, startedAt } = await runWithRetries(
      job,
      network.fixture,
      combination,
      options,
      signal,
    );
    const failed = execution.verdict === 'fail' || execution.verdict === 'error';
    const traceFile = network.saveTrace?.({
      caseId: job.definition.id,
      key: job.key,
      since,
      failed: failed || execution.verdict === 'non-strict',
    });
    since = Date.now();
    const facts = {
      retry,
      startedAt,
      setupMs,
      network: unit.isolation,
      restarted,
      ...(traceFile ? { traceFile } : {}),
    };
    restarted = undefined;
    if (last || signal.aborted) {
      // The network's last job carries its tear-down time: its result waits for the stop (bounded).
      const teardownMs = await bringDown(network);
      finish(resultOf(job, options, execution, { ...facts, teardownMs }));
      return;
    }
    finish(resultOf(job, options, execution, { ...facts, teardownMs: 0 }));
    // Shared: the next job takes this network only if it is still healthy.
    const unhealthy = await network.health?.();
    if (unhealthy === undefined) continue;
    // The restart is the next job's set-up: the stop of the broken network and the new start.
    restarted = unhealthy;
    const downMs = await bringDown(network);
    up = await bringUp();
    up = { ...up, setupMs: up.setupMs + downMs };
    since = Date.now();
  }
  if (!('error' in up)) await bringDown(up.started);
}

async function runWithRetries<F>(
  job: Job<F>,
  fixture: F,
  combination: Combination,
  options: RunMatrixOptions<F>,
  signal: AbortSignal,
) {
  for (let retry = 0; ; retry += 1) {
    const startedAt = Date.now();
    const execution = await executeCase(job.definition, fixture, combination, signal);
    const failed = execution.verdict === 'fail' || execution.verdict === 'error';
    if (failed && retry < (options.retries ?? 0) && !signal.aborted) continue;
    return { execution, retry, startedAt };
  }
}
