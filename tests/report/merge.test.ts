/**
 * Reporters through merge (after Playwright's reporter-junit.spec): two shards stream their
 * results, `readResults` joins them, and every report rendered from the merged results says
 * what a report of one unsharded run says.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  type CaseResult,
  expandMatrix,
  multiplexReporters,
  readResults,
  resultsStream,
  runMatrix,
  selectShard,
} from '../../src/conformance/index.js';
import {
  createReporters,
  htmlReportData,
  type ResultsDocument,
  renderJson,
  renderJunit,
  renderList,
  renderMarkdown,
} from '../../src/report/index.js';
import { type FakeFixture, fakeCases, fakeEnvironment } from '../conformance/fake-cases.js';
import { tempRunDir } from '../support/topologies.js';
import { parseJunit } from './junit-parse.js';

const vendors = { 'o-du': ['cellwright', 'kpm-only'], 'near-rt-ric': ['sagebrush'] };
const cases = [
  fakeCases.pass!,
  fakeCases.fail!,
  fakeCases.nonStrict!,
  fakeCases.incompatible!,
  fakeCases.unsupported!,
  fakeCases.throws!,
];
const jobs = expandMatrix(cases, vendors);

async function runShards() {
  const dir = tempRunDir();
  const out: string[] = [];
  const runs = [
    { name: 'all', jobs },
    { name: 'shard-1', jobs: selectShard(jobs, 1, 2), shard: '1/2' },
    { name: 'shard-2', jobs: selectShard(jobs, 2, 2), shard: '2/2' },
  ];
  for (const run of runs) {
    const reporters = createReporters(
      ['json', 'junit', 'markdown', 'html', ...(run.name === 'all' ? ['list'] : [])],
      {
        outputDir: join(dir, run.name),
        stream: { write: (chunk: string) => out.push(chunk) },
      },
    );
    await runMatrix<FakeFixture>({
      jobs: run.jobs,
      environment: fakeEnvironment,
      reporter: multiplexReporters([resultsStream(join(dir, `${run.name}.jsonl`)), ...reporters]),
      ...(run.shard ? { shard: run.shard } : {}),
    });
  }
  return { dir, listOutput: out.join('') };
}

/** Report text without what differs between two runs of the same jobs: times. */
const timeless = (text: string) =>
  text
    .replace(/\(\d+(\.\d+)?m?s\)/g, '(time)')
    .replace(/started \S+ · took \S+/g, 'started · took')
    .replace(/(time|timestamp)="[^"]*"/g, '$1=""');

describe('reports of merged shards', () => {
  it('say what the reports of one unsharded run say', async () => {
    const { dir } = await runShards();
    const merged = readResults([join(dir, 'shard-1.jsonl'), join(dir, 'shard-2.jsonl')]);
    const single = readResults([join(dir, 'all.jsonl')]);
    expect(merged.unfinished).toEqual([]);
    expect(merged.results).toHaveLength(jobs.length);

    for (const render of [renderList, renderJunit, renderMarkdown] as ((r: CaseResult[]) => string)[]) {
      expect(timeless(render(merged.results))).toBe(timeless(render(single.results)));
    }
    const document = JSON.parse(renderJson(merged.results)) as ResultsDocument;
    expect(document.results.map((r) => r.key)).toEqual(jobs.map((j) => j.key).sort());
    expect(document.summary).toEqual(JSON.parse(renderJson(single.results)).summary);
  });

  it('count every verdict of both shards in junit.xml, mapped as gRPC interop maps them', async () => {
    const { dir } = await runShards();
    const merged = readResults([join(dir, 'shard-1.jsonl'), join(dir, 'shard-2.jsonl')]);
    const junit = parseJunit(renderJunit(merged.results));
    expect(junit.attributes).toMatchObject({ tests: '12', failures: '2', errors: '2', skipped: '3' });
    expect(junit.suites.map((s) => s.attributes.name)).toEqual(['e2']);
    const outcomes = Object.fromEntries(
      junit.suites[0]!.cases.map((c) => [c.attributes.name, c.outcome?.tag ?? 'pass']),
    );
    expect(outcomes).toEqual({
      'FAKE-FAIL-001 [o-du=cellwright,near-rt-ric=sagebrush]': 'failure',
      'FAKE-FAIL-001 [o-du=kpm-only,near-rt-ric=sagebrush]': 'failure',
      'FAKE-INCOMPAT-001 [o-du=cellwright,near-rt-ric=sagebrush]': 'skipped',
      'FAKE-INCOMPAT-001 [o-du=kpm-only,near-rt-ric=sagebrush]': 'skipped',
      'FAKE-PASS-001 [o-du=cellwright,near-rt-ric=sagebrush]': 'pass',
      'FAKE-PASS-001 [o-du=kpm-only,near-rt-ric=sagebrush]': 'pass',
      'FAKE-SHOULD-001 [o-du=cellwright,near-rt-ric=sagebrush]': 'system-out',
      'FAKE-SHOULD-001 [o-du=kpm-only,near-rt-ric=sagebrush]': 'system-out',
      'FAKE-THROW-001 [o-du=cellwright,near-rt-ric=sagebrush]': 'error',
      'FAKE-THROW-001 [o-du=kpm-only,near-rt-ric=sagebrush]': 'error',
      'FAKE-UNSUP-001 [o-du=cellwright,near-rt-ric=sagebrush]': 'pass',
      'FAKE-UNSUP-001 [o-du=kpm-only,near-rt-ric=sagebrush]': 'skipped',
    });
    const thrown = junit.suites[0]!.cases.find((c) => c.attributes.name!.startsWith('FAKE-THROW-001'))!;
    expect(thrown.outcome!.attributes).toEqual({
      message: 'the case body threw: socket hang up',
      type: 'connect-failed',
    });
  });

  it('draw both shards’ vendors into one matrix and one Markdown table', async () => {
    const { dir } = await runShards();
    const { results } = readResults([join(dir, 'shard-1.jsonl'), join(dir, 'shard-2.jsonl')]);
    const [grid] = htmlReportData(results).grids;
    expect([grid!.rows, grid!.columns]).toEqual([['cellwright', 'kpm-only'], ['sagebrush']]);
    expect(grid!.cells.map((row) => row.map((cell) => cell.length))).toEqual([[6], [6]]);
    const markdown = renderMarkdown(results);
    expect(markdown).toContain('| case | cellwright × sagebrush | kpm-only × sagebrush |');
    expect(markdown).toContain('| FAKE-UNSUP-001 needs RC | ✓ pass | ∅ unsupported |');
    expect(markdown).toContain('### Needs attention (6)');
  });
});

describe('createReporters', () => {
  it('writes every named report into the output folder, each shard its own part', async () => {
    const { dir, listOutput } = await runShards();
    for (const run of ['all', 'shard-1', 'shard-2']) {
      expect(readdirSync(join(dir, run)).sort()).toEqual([
        'junit.xml',
        'report.html',
        'results.json',
        'summary.md',
      ]);
    }
    const shard = JSON.parse(readFileSync(join(dir, 'shard-1/results.json'), 'utf8')) as ResultsDocument;
    expect(shard).toMatchObject({ shard: '1/2', interrupted: false, summary: { total: 6 } });
    expect(parseJunit(readFileSync(join(dir, 'shard-2/junit.xml'), 'utf8')).attributes.tests).toBe('6');
    expect(readFileSync(join(dir, 'all/summary.md'), 'utf8')).toContain(
      '**Result: failed.** 4 of 12 results fail the run.',
    );
    expect(readFileSync(join(dir, 'all/report.html'), 'utf8')).toContain('id="plugfest-data"');
    // The list reporter wrote to the stream it was given.
    expect(listOutput.startsWith('Running 12 cases\n\n')).toBe(true);
    expect(listOutput).toContain(
      '  3 passed, 2 failed, 2 non-strict, 2 incompatible, 1 unsupported, 2 errors (',
    );
  });

  it('refuses an unknown reporter, naming the ones it has', () => {
    expect(() => createReporters(['list', 'tap'], { outputDir: tempRunDir() })).toThrow(
      new RangeError('unknown reporter "tap": plugfest has list, json, junit, html, markdown'),
    );
    expect(existsSync(join(tempRunDir(), 'results.json'))).toBe(false);
  });
});
