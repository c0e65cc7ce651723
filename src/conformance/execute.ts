/**
 * Runs one case body against one fixture: the context's assertions, the timeout, and the
 * containment of whatever the body throws.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { RoleName } from '../wire/index.js';
import { type CaseContext, type CaseDefinition, CaseVerdict } from './case.js';
import type { Diagnostic, TimelineMark, Verdict } from './results.js';

export interface Execution {
  readonly verdict: Exclude<Verdict, 'known-failing'>;
  readonly diagnostics: Diagnostic[];
  readonly measurements: Record<string, number>;
  readonly marks: TimelineMark[];
  readonly durationMs: number;
}

export const defaultCaseTimeoutMs = 30_000;

export async function executeCase<F>(
  definition: CaseDefinition<F>,
  fixture: F,
  combination: Readonly<Partial<Record<RoleName, string>>>,
  interrupt: AbortSignal,
): Promise<Execution> {
  const started = performance.now();
  const diagnostics: Diagnostic[] = [];
  const measurements: Record<string, number> = {};
  const marks: TimelineMark[] = [];
  let nonStrict = false;
  const abort = new AbortController();
  const onInterrupt = () => abort.abort(new Error('run interrupted'));
  interrupt.addEventListener('abort', onInterrupt, { once: true });
  const context: CaseContext<F> = {
    fixture,
    combination,
    signal: abort.signal,
    expect(condition, diagnostic) {
      if (!condition) throw new CaseVerdict('fail', diagnostic);
    },
    should(condition, diagnostic) {
      if (condition) return;
      nonStrict = true;
      diagnostics.push(diagnostic);
    },
    cannotGrade(diagnostic) {
      throw new CaseVerdict('error', { ...diagnostic, code: diagnostic.code ?? 'harness-starved' });
    },
    incompatible(diagnostic) {
      throw new CaseVerdict('incompatible', diagnostic);
    },
    unsupported(diagnostic) {
      throw new CaseVerdict('unsupported', diagnostic);
    },
    measure(name, value) {
      measurements[name] = value;
    },
    mark(kind, label, t = Date.now()) {
      marks.push({ t, label, kind });
    },
    sleep: (ms) => sleep(ms, undefined, { signal: abort.signal }),
  };
  const timeoutMs = definition.timeoutMs ?? defaultCaseTimeoutMs;
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  let verdict: Execution['verdict'];
  try {
    const outcome = await Promise.race([definition.run(context).then(() => 'done' as const), timedOut]);
    if (outcome === 'timeout') {
      abort.abort(new Error('case timed out'));
      verdict = 'error';
      diagnostics.push({ message: `the case did not finish within ${timeoutMs} ms`, code: 'case-timeout' });
    } else {
      verdict = nonStrict ? 'non-strict' : 'pass';
    }
  } catch (error) {
    if (error instanceof CaseVerdict) {
      verdict = error.verdict;
      diagnostics.unshift(error.diagnostic);
    } else {
      // A body that throws is the harness's or a vendor's failure to run the case: `error`.
      verdict = 'error';
      const e = error as { message?: string; code?: string; stack?: string };
      diagnostics.unshift({
        message: `the case body threw: ${e?.message ?? String(error)}`,
        ...(typeof e?.code === 'string' ? { code: e.code } : {}),
      });
    }
  } finally {
    clearTimeout(timer);
    interrupt.removeEventListener('abort', onInterrupt);
    if (!abort.signal.aborted) abort.abort(new Error('case over'));
  }
  if (interrupt.aborted && verdict !== 'pass') {
    // Whatever the body made of the abort (a throw, a failed expect) is not a verdict on the
    // vendors: the case did not finish, and `plugfest test --resume` runs it again.
    verdict = 'error';
    diagnostics.splice(0, diagnostics.length, {
      message: 'the run was interrupted while the case ran',
      code: 'interrupted',
    });
  }
  marks.sort((a, b) => a.t - b.t);
  return { verdict, diagnostics, measurements, marks, durationMs: Math.round(performance.now() - started) };
}
