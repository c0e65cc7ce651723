import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expandMatrix, multiplexReporters, resultsVersion, runMatrix } from '../../src/conformance/index.js';
import { jsonReporter, type ResultsDocument, renderJson } from '../../src/report/index.js';
import { type FakeFixture, fakeCases, fakeEnvironment } from '../conformance/fake-cases.js';
import { tempRunDir } from '../support/topologies.js';
import { sampleResults, t0 } from './sample-results.js';

const read = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as ResultsDocument;

describe('json reporter', () => {
  it('writes results.json after the first case, before the run ends, and after every case', async () => {
    const file = join(tempRunDir(), 'report', 'results.json');
    const seen: { keys: string[]; endedAt: number | null }[] = [];
    await runMatrix<FakeFixture>({
      jobs: expandMatrix([fakeCases.pass!, fakeCases.fail!], {
        'o-du': ['cellwright'],
        'near-rt-ric': ['sagebrush'],
      }),
      environment: fakeEnvironment,
      runId: 'run-42',
      // The spy runs after the json reporter, so it sees the file as a crash right now would leave it.
      reporter: multiplexReporters([
        jsonReporter({ outputFile: file }),
        {
          onCaseEnd: () => {
            const document = read(file);
            seen.push({ keys: document.results.map((r) => r.key), endedAt: document.endedAt });
          },
        },
      ]),
    });
    expect(seen).toEqual([
      { keys: ['FAKE-PASS-001@o-du=cellwright,near-rt-ric=sagebrush'], endedAt: null },
      {
        keys: [
          'FAKE-FAIL-001@o-du=cellwright,near-rt-ric=sagebrush',
          'FAKE-PASS-001@o-du=cellwright,near-rt-ric=sagebrush',
        ],
        endedAt: null,
      },
    ]);
    const final = read(file);
    expect(final).toMatchObject({
      version: resultsVersion,
      runId: 'run-42',
      interrupted: false,
      summary: { total: 2, pass: 1, fail: 1 },
    });
    expect(final.endedAt).toBeGreaterThanOrEqual(final.startedAt);
    expect(final.results[0]).toMatchObject({
      caseId: 'FAKE-FAIL-001',
      verdict: 'fail',
      diagnostics: [{ message: 'E2 Setup Response missing', link: 'du-1>ric-1/e2' }],
    });
    // The temporary file of each atomic write was renamed away.
    expect(readdirSync(join(file, '..'))).toEqual(['results.json']);
  });

  it('leaves a valid document with every finished case when the run never ends (a crash)', () => {
    const file = join(tempRunDir(), 'results.json');
    const reporter = jsonReporter({ outputFile: file });
    const [a, b] = sampleResults();
    reporter.onBegin!({ type: 'run-begin', version: resultsVersion, runId: 'r', startedAt: t0, total: 13 });
    expect(read(file)).toMatchObject({ runId: 'r', startedAt: t0, endedAt: null, results: [] });
    reporter.onCaseEnd!(a!);
    reporter.onCaseEnd!(b!);
    expect(existsSync(file)).toBe(true);
    expect(read(file)).toMatchObject({
      endedAt: null,
      interrupted: false,
      summary: { total: 2, pass: 1, fail: 1 },
      results: [{ key: a!.key }, { key: b!.key }],
    });
  });

  it('records an interrupted run', async () => {
    const file = join(tempRunDir(), 'results.json');
    const reporter = jsonReporter({ outputFile: file });
    const [a] = sampleResults();
    reporter.onBegin!({ type: 'run-begin', version: resultsVersion, runId: 'r', startedAt: t0, total: 13 });
    reporter.onCaseEnd!(a!);
    await reporter.onEnd!({ type: 'run-end', endedAt: t0 + 900, interrupted: true }, [a!]);
    expect(read(file)).toMatchObject({ startedAt: t0, endedAt: t0 + 900, interrupted: true });
  });

  it('renders merged results as one document, sorted by key, its times taken from the results', () => {
    const results = sampleResults().reverse();
    const document = JSON.parse(renderJson(results)) as ResultsDocument;
    expect(Object.keys(document)).toEqual([
      'version',
      'runId',
      'startedAt',
      'endedAt',
      'interrupted',
      'summary',
      'results',
    ]);
    expect(document.runId).toBeNull();
    expect(document.startedAt).toBe(t0);
    const last = results[0]!;
    expect(document.endedAt).toBe(last.startedAt + last.durationMs);
    expect(document.summary).toEqual({
      pass: 6,
      fail: 2,
      'non-strict': 1,
      incompatible: 1,
      unsupported: 1,
      error: 1,
      'known-failing': 1,
      total: 13,
    });
    expect(document.results.map((r) => r.key)).toEqual([...results].map((r) => r.key).sort());
  });
});
