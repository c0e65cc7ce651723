/**
 * The runner: groups the jobs by vendor combination, starts one fixture (a running topology) per
 * combination, runs its cases in turn, and runs up to `workers` combinations at once. Retries,
 * the known-failing list and interruption (Ctrl-C keeps every finished result) live here.
 */
import { randomUUID } from 'node:crypto';
import { settleWithin } from '../transport/index.js';
import type { VendorLookup } from './case.js';
import { executeCase } from './execute.js';
import { type Combination, combinationKey, type Job } from './matrix.js';
import type { Reporter } from './reporter.js';
import type { CaseResult, Diagnostic, TimelineMark, Verdict } from './results.js';
import { resultsVersion } from './results.js';

/** How a combination's fixture is brought up and down (the process backend, in practice). */
export interface Environment<F> {
  /** Brings up the fixture of a combination, on the topology the cases of the group name. */
  start(combination: Combination, topology: string | undefined, signal: AbortSignal): Promise<F>;
  stop(fixture: F): Promise<void>;
  /**
   * Keeps the trace of one case (its fixture's records from `since` on, so set-up traffic lands
   * in the first case), if the trace mode wants it for this outcome; returns the file.
   */
  saveTrace?(fixture: F, trace: CaseTrace): string | undefined;
}

export interface CaseTrace {
  readonly caseId: string;
  readonly key: string;
  /** Unix ms: the end of the case before it on the same fixture, or the fixture's start. */
  readonly since: number;
  /** The case ended fail, error or non-strict. */
  readonly failed: boolean;
}

export interface RunMatrixOptions<F> {
  readonly jobs: readonly Job<F>[];
  readonly environment: Environment<F>;
  readonly reporter: Reporter;
  /** Combinations run at once. Default 1. */
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
   * Bound on one fixture's stop (Playwright's teardown timeout): past it the run goes on
   * without waiting, and the orchestrator's exit hook kills what is left. Default 60 s.
   */
  readonly teardownTimeoutMs?: number;
}

export const defaultTeardownTimeoutMs = 60_000;

export async function runMatrix<F>(
  options: RunMatrixOptions<F>,
): Promise<{ results: CaseResult[]; interrupted: boolean }> {
  const { jobs, reporter } = options;
  const signal = options.signal ?? new AbortController().signal;
  const results: CaseResult[] = [];
  reporter.onBegin?.({
    type: 'run-begin',
    version: resultsVersion,
    runId: options.runId ?? randomUUID(),
    startedAt: Date.now(),
    total: jobs.length,
    ...(options.shard ? { shard: options.shard } : {}),
  });

  const groups = new Map<string, Job<F>[]>();
  for (const job of jobs) {
    const key = `${combinationKey(job.combination)}\n${job.definition.topology?.(job.combination) ?? ''}`;
    groups.set(key, [...(groups.get(key) ?? []), job]);
  }
  const queue = [...groups.values()];
  const finish = (result: CaseResult) => {
    results.push(result);
    reporter.onCaseEnd?.(result);
  };

  const worker = async () => {
    for (let group = queue.shift(); group && !signal.aborted; group = queue.shift()) {
      await runGroup(group, options, signal, finish);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.workers ?? 1) }, worker));
  const interrupted = signal.aborted;
  await reporter.onEnd?.({ type: 'run-end', endedAt: Date.now(), interrupted }, results);
  return { results, interrupted };
}

async function runGroup<F>(
  group: readonly Job<F>[],
  options: RunMatrixOptions<F>,
  signal: AbortSignal,
  finish: (result: CaseResult) => void,
): Promise<void> {
  const combination = group[0]!.combination;
  const runnable = group.filter((job) => {
    const reason = job.definition.requires?.(combination, options.vendors ?? (() => undefined));
    if (reason === undefined) return true;
    finish(
      resultOf(
        job,
        options,
        { verdict: 'unsupported', diagnostics: [{ message: reason }], measurements: {}, durationMs: 0 },
        0,
        Date.now(),
      ),
    );
    return false;
  });
  if (runnable.length === 0) return;

  const startedAt = Date.now();
  let fixture: F;
  try {
    fixture = await options.environment.start(
      combination,
      group[0]!.definition.topology?.(combination),
      signal,
    );
  } catch (error) {
    // The combination could not be brought up: every case of it says why.
    const e = error as { message?: string; code?: string };
    const verdict: Verdict = e.code === 'incompatible' ? 'incompatible' : 'error';
    const diagnostic: Diagnostic = {
      message: `the topology did not come up: ${e.message ?? String(error)}`,
      ...(e.code ? { code: e.code } : {}),
    };
    for (const job of runnable) {
      finish(
        resultOf(
          job,
          options,
          { verdict, diagnostics: [diagnostic], measurements: {}, durationMs: Date.now() - startedAt },
          0,
          startedAt,
        ),
      );
    }
    return;
  }
  try {
    let since = startedAt;
    for (const job of runnable) {
      if (signal.aborted) break;
      const retries = options.retries ?? 0;
      for (let retry = 0; ; retry += 1) {
        const started = Date.now();
        const execution = await executeCase(job.definition, fixture, combination, signal);
        const failed = execution.verdict === 'fail' || execution.verdict === 'error';
        if (failed && retry < retries && !signal.aborted) continue;
        const traceFile = options.environment.saveTrace?.(fixture, {
          caseId: job.definition.id,
          key: job.key,
          since,
          failed: failed || execution.verdict === 'non-strict',
        });
        since = Date.now();
        finish(resultOf(job, options, execution, retry, started, traceFile));
        break;
      }
    }
  } finally {
    await settleWithin(
      options.environment.stop(fixture),
      options.teardownTimeoutMs ?? defaultTeardownTimeoutMs,
    );
  }
}

function resultOf<F>(
  job: Job<F>,
  options: RunMatrixOptions<F>,
  execution: {
    verdict: Exclude<Verdict, 'known-failing'>;
    diagnostics: Diagnostic[];
    measurements: Record<string, number>;
    marks?: TimelineMark[];
    durationMs: number;
  },
  retry: number,
  startedAt: number,
  traceFile?: string,
): CaseResult {
  const { definition } = job;
  const listed = options.knownFailing?.has(definition.id) || options.knownFailing?.has(job.key);
  let verdict: Verdict = execution.verdict;
  const diagnostics = [...execution.diagnostics];
  if (listed && (verdict === 'fail' || verdict === 'error')) {
    verdict = 'known-failing';
  } else if (listed && verdict === 'pass') {
    // connectrpc conformance: a listed case that passes fails the run, so the list stays true.
    verdict = 'fail';
    diagnostics.unshift({
      message: `${job.key} is on the known-failing list but passed: remove it from the list`,
      code: 'known-failing-passed',
    });
  }
  return {
    key: job.key,
    caseId: definition.id,
    title: definition.title,
    suite: definition.suite,
    interface: definition.interface,
    spec: definition.spec,
    expectation: definition.expectation,
    combination: job.combination,
    verdict,
    diagnostics,
    startedAt,
    durationMs: execution.durationMs,
    retry,
    measurements: execution.measurements,
    ...(traceFile ? { traceFile } : {}),
    ...(execution.marks?.length ? { marks: execution.marks } : {}),
  };
}
