/** A job's result from its execution and the facts of how it ran (network, retries, trace). */
import type { Isolation } from './case.js';
import type { Job } from './matrix.js';
import type { CaseResult, Diagnostic, TimelineMark, Verdict } from './results.js';
import type { RunMatrixOptions } from './runner.js';

/** The result of a job whose network did not come up: says why. */
export function notUp<F>(
  job: Job<F>,
  options: RunMatrixOptions<F>,
  error: unknown,
  setupMs: number,
): CaseResult {
  const e = error as { message?: string; code?: string };
  const verdict = e.code === 'incompatible' ? 'incompatible' : 'error';
  const diagnostic: Diagnostic = {
    message: `the topology did not come up: ${e.message ?? String(error)}`,
    ...(e.code ? { code: e.code } : {}),
  };
  const execution = { verdict, diagnostics: [diagnostic], measurements: {}, durationMs: 0 } as const;
  return resultOf(job, options, execution, { retry: 0, startedAt: Date.now(), setupMs });
}

export interface ResultFacts {
  readonly retry: number;
  readonly startedAt: number;
  readonly setupMs?: number;
  readonly teardownMs?: number;
  readonly network?: Isolation;
  readonly restarted?: string | undefined;
  readonly traceFile?: string;
}

export function resultOf<F>(
  job: Job<F>,
  options: RunMatrixOptions<F>,
  execution: {
    verdict: Exclude<Verdict, 'known-failing'>;
    diagnostics: readonly Diagnostic[];
    measurements: Record<string, number>;
    marks?: TimelineMark[];
    durationMs: number;
  },
  facts: ResultFacts,
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
    startedAt: facts.startedAt,
    durationMs: execution.durationMs,
    ...(facts.setupMs !== undefined ? { setupMs: facts.setupMs } : {}),
    ...(facts.teardownMs !== undefined ? { teardownMs: facts.teardownMs } : {}),
    ...(facts.network
      ? { network: { isolation: facts.network, ...(facts.restarted ? { restarted: facts.restarted } : {}) } }
      : {}),
    retry: facts.retry,
    measurements: execution.measurements,
    ...(facts.traceFile ? { traceFile: facts.traceFile } : {}),
    ...(execution.marks?.length ? { marks: execution.marks } : {}),
  };
}
