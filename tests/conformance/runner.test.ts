import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import {
  type CaseResult,
  exitCodeOf,
  expandMatrix,
  formatSummary,
  type Reporter,
  readResults,
  resultsStream,
  runMatrix,
  selectShard,
  summarize,
} from '../../src/conformance/index.js';
import { repoRoot, tempRunDir } from '../support/topologies.js';
import { type FakeFixture, fakeCases, fakeEnvironment } from './fake-cases.js';

const vendors = { 'o-du': ['cellwright', 'kpm-only'], 'near-rt-ric': ['sagebrush'] };

async function run(
  cases: (typeof fakeCases)[string][],
  options: Partial<Parameters<typeof runMatrix<FakeFixture>>[0]> = {},
) {
  const ended: CaseResult[] = [];
  const { results } = await runMatrix<FakeFixture>({
    jobs: expandMatrix(cases, vendors),
    environment: fakeEnvironment,
    reporter: { onCaseEnd: (r) => ended.push(r) },
    ...options,
  });
  return { results, ended, byCase: (id: string) => results.filter((r) => r.caseId === id) };
}

describe('runner verdicts', () => {
  it('grades pass, fail, non-strict, incompatible, unsupported and error as the case bodies say, with diagnostics', async () => {
    const { byCase } = await run(
      Object.values(fakeCases).filter((c) => c !== fakeCases.slow && c !== fakeCases.flaky),
    );
    expect(byCase('FAKE-PASS-001').map((r) => r.verdict)).toEqual(['pass', 'pass']);
    const [fail] = byCase('FAKE-FAIL-001');
    expect(fail).toMatchObject({
      verdict: 'fail',
      diagnostics: [
        {
          message: 'E2 Setup Response missing',
          expected: 'E2SetupResponse',
          observed: 'nothing',
          link: 'du-1>ric-1/e2',
        },
      ],
    });
    expect(byCase('FAKE-SHOULD-001')[0]).toMatchObject({
      verdict: 'non-strict',
      measurements: { lateMs: 40 },
    });
    expect(byCase('FAKE-INCOMPAT-001')[0]!.diagnostics[0]!.message).toContain('no common compression');
    const unsupported = byCase('FAKE-UNSUP-001');
    expect(unsupported.find((r) => r.combination['o-du'] === 'kpm-only')).toMatchObject({
      verdict: 'unsupported',
      diagnostics: [{ message: 'kpm-only does not offer E2SM-RC' }],
    });
    expect(unsupported.find((r) => r.combination['o-du'] === 'cellwright')!.verdict).toBe('pass');
    // A body that throws is contained as error, its code quoted.
    expect(byCase('FAKE-THROW-001')[0]).toMatchObject({
      verdict: 'error',
      diagnostics: [{ message: 'the case body threw: socket hang up', code: 'connect-failed' }],
    });
  });

  it('turns a case over its time into an error that says so', async () => {
    const { results } = await run([fakeCases.slow!]);
    expect(results[0]).toMatchObject({
      verdict: 'error',
      diagnostics: [{ message: 'the case did not finish within 100 ms', code: 'case-timeout' }],
    });
  });

  it('expands the matrix: one result per case and combination, keyed by both', async () => {
    const { results } = await run([fakeCases.pass!]);
    expect(results.map((r) => r.key).sort()).toEqual([
      'FAKE-PASS-001@o-du=cellwright,near-rt-ric=sagebrush',
      'FAKE-PASS-001@o-du=kpm-only,near-rt-ric=sagebrush',
    ]);
  });

  it('retries a failing case and keeps the attempt that passed', async () => {
    const { results } = await run([fakeCases.flaky!], { retries: 1 });
    expect(results.map((r) => [r.verdict, r.retry])).toEqual([
      ['pass', 1],
      ['pass', 1],
    ]);
    const once = await run([fakeCases.flaky!]);
    expect(once.results.map((r) => r.verdict)).toEqual(['fail', 'fail']);
  });

  it('marks a listed failure known-failing, and fails a listed case that passes', async () => {
    const { results } = await run([fakeCases.fail!, fakeCases.pass!], {
      knownFailing: new Set(['FAKE-FAIL-001', 'FAKE-PASS-001@o-du=kpm-only,near-rt-ric=sagebrush']),
    });
    expect(results.filter((r) => r.caseId === 'FAKE-FAIL-001').map((r) => r.verdict)).toEqual([
      'known-failing',
      'known-failing',
    ]);
    const listedPass = results.find((r) => r.key === 'FAKE-PASS-001@o-du=kpm-only,near-rt-ric=sagebrush')!;
    expect(listedPass.verdict).toBe('fail');
    expect(listedPass.diagnostics[0]!.code).toBe('known-failing-passed');
    expect(
      results.find((r) => r.key === 'FAKE-PASS-001@o-du=cellwright,near-rt-ric=sagebrush')!.verdict,
    ).toBe('pass');
    expect(exitCodeOf(results)).toBe(1);
    expect(exitCodeOf(results.filter((r) => r !== listedPass))).toBe(0);
  });

  it('reports every case of a combination whose topology does not come up as an error saying why', async () => {
    const { results } = await run([fakeCases.pass!, fakeCases.fail!], {
      environment: {
        start: async () => {
          throw Object.assign(new Error('ric-1 (vendor crashy) exited during start-up (code 3)'), {
            code: 'vendor-exited',
          });
        },
      },
    });
    expect(results).toHaveLength(4);
    for (const r of results) {
      expect(r).toMatchObject({ verdict: 'error', diagnostics: [{ code: 'vendor-exited' }] });
      expect(r.diagnostics[0]!.message).toContain('exited during start-up');
    }
  });

  it('keeps running when a reporter throws', async () => {
    const { multiplexReporters } = await import('../../src/conformance/index.js');
    const warnings: string[] = [];
    const seen: string[] = [];
    const broken: Reporter = {
      onCaseEnd: () => {
        throw new Error('disk full');
      },
    };
    const { results } = await runMatrix<FakeFixture>({
      jobs: expandMatrix([fakeCases.pass!], vendors),
      environment: fakeEnvironment,
      reporter: multiplexReporters([broken, { onCaseEnd: (r) => seen.push(r.key) }], (w) => warnings.push(w)),
    });
    expect(results).toHaveLength(2);
    expect(seen).toHaveLength(2);
    expect(warnings[0]).toBe('reporter 1 failed in onCaseEnd: disk full');
  });

  it('sums verdicts into the closing line', () => {
    const summary = summarize([
      { verdict: 'pass' },
      { verdict: 'pass' },
      { verdict: 'fail' },
      { verdict: 'incompatible' },
    ] as CaseResult[]);
    expect(formatSummary(summary)).toBe('2 passed, 1 failed, 1 incompatible');
  });
});

describe('shards and merge', () => {
  it('splits the matrix into shards that cover every job once, and merged shard results equal one run', async () => {
    const cases = [
      fakeCases.pass!,
      fakeCases.fail!,
      fakeCases.nonStrict!,
      fakeCases.unsupported!,
      fakeCases.incompatible!,
    ];
    const jobs = expandMatrix(cases, vendors);
    const shard1 = selectShard(jobs, 1, 2);
    const shard2 = selectShard(jobs, 2, 2);
    expect(shard1.length + shard2.length).toBe(jobs.length);
    expect(new Set([...shard1, ...shard2].map((j) => j.key)).size).toBe(jobs.length);
    expect(Math.abs(shard1.length - shard2.length)).toBeLessThanOrEqual(1);

    const dir = tempRunDir();
    const streams = [join(dir, 'all.jsonl'), join(dir, 's1.jsonl'), join(dir, 's2.jsonl')];
    for (const [path, selected, shard] of [
      [streams[0]!, jobs, undefined],
      [streams[1]!, shard1, '1/2'],
      [streams[2]!, shard2, '2/2'],
    ] as const) {
      await runMatrix<FakeFixture>({
        jobs: selected,
        environment: fakeEnvironment,
        reporter: resultsStream(path),
        ...(shard ? { shard } : {}),
      });
    }
    const verdictsOf = (results: CaseResult[]) =>
      results.map((r) => [r.key, r.verdict, r.diagnostics.map((d) => d.message)]);
    const single = readResults([streams[0]!]);
    const merged = readResults([streams[1]!, streams[2]!]);
    expect(merged.unfinished).toEqual([]);
    expect(verdictsOf(merged.results)).toEqual(verdictsOf(single.results));
  });
});

describe('resuming', () => {
  it('reports the results it is given first and runs only the jobs they lack, and those cut short', async () => {
    const cases = [fakeCases.pass!, fakeCases.fail!];
    const earlier = (await run(cases)).results;
    const pass = earlier.filter((r) => r.caseId === 'FAKE-PASS-001');
    const cut = earlier.find((r) => r.caseId === 'FAKE-FAIL-001')!;
    const interrupted: CaseResult = {
      ...cut,
      verdict: 'error',
      diagnostics: [{ message: 'the run was interrupted while the case ran', code: 'interrupted' }],
    };
    let total = 0;
    const ended: CaseResult[] = [];
    const { results } = await runMatrix<FakeFixture>({
      jobs: expandMatrix(cases, vendors),
      environment: fakeEnvironment,
      reporter: { onBegin: (e) => (total = e.total), onCaseEnd: (r) => ended.push(r) },
      resumed: [...pass, interrupted],
    });
    expect(total).toBe(earlier.length);
    // The resumed results come first, as they were (same start times).
    expect(ended.slice(0, pass.length)).toEqual(pass);
    const ran = ended.slice(pass.length);
    expect(ran.map((r) => r.caseId).sort()).toEqual(['FAKE-FAIL-001', 'FAKE-FAIL-001']);
    expect(ran.find((r) => r.key === cut.key)!.verdict).toBe('fail');
    expect(results.map((r) => r.key).sort()).toEqual(earlier.map((r) => r.key).sort());
  });

  it('grades a case the run interrupted as error "interrupted", whatever its body made of the abort', async () => {
    const abort = new AbortController();
    setTimeout(() => abort.abort(), 50);
    const { results } = await run([fakeCases.slow!], { signal: abort.signal });
    expect(results[0]).toMatchObject({
      verdict: 'error',
      diagnostics: [{ message: 'the run was interrupted while the case ran', code: 'interrupted' }],
    });
  });
});

describe('interruption', () => {
  it('keeps every finished result on SIGINT, and every flushed one on SIGKILL', async () => {
    const dir = tempRunDir();
    const start = (name: string) => {
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', join(repoRoot, 'tests/fixtures/interruptible-run.ts'), join(dir, name)],
        {
          cwd: repoRoot,
          stdio: ['ignore', 'pipe', 'inherit'],
        },
      );
      const lines: string[] = [];
      createInterface({ input: child.stdout! }).on('line', (l) => lines.push(l));
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      return { child, lines, exited };
    };
    const waitFor = async (lines: string[], count: number) => {
      while (lines.filter((l) => l.startsWith('ended ')).length < count)
        await new Promise((r) => setTimeout(r, 20));
    };

    const interrupted = start('sigint.jsonl');
    await waitFor(interrupted.lines, 3);
    interrupted.child.kill('SIGINT');
    expect(await interrupted.exited).toBe(130);
    const afterSigint = readResults([join(dir, 'sigint.jsonl')]);
    const ended = interrupted.lines.filter((l) => l.startsWith('ended ')).map((l) => l.slice(6));
    expect(afterSigint.results.map((r) => r.key).sort()).toEqual(ended.sort());
    expect(afterSigint.results.length).toBeGreaterThanOrEqual(3);
    expect(afterSigint.results.length).toBeLessThan(20);
    expect(afterSigint.unfinished).toEqual([]);

    const crashed = start('sigkill.jsonl');
    await waitFor(crashed.lines, 2);
    crashed.child.kill('SIGKILL');
    await crashed.exited;
    const afterCrash = readResults([join(dir, 'sigkill.jsonl')]);
    expect(afterCrash.results.length).toBeGreaterThanOrEqual(2);
    expect(afterCrash.unfinished).toEqual([join(dir, 'sigkill.jsonl')]);
  });
});
