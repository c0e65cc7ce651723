import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { expandMatrix, resultsStream, runMatrix, selectShard } from '../../src/conformance/index.js';
import { type FakeFixture, fakeCases, fakeEnvironment } from '../conformance/fake-cases.js';
import { repoRoot, tempRunDir } from '../support/topologies.js';

const run = promisify(execFile);

describe('plugfest merge', () => {
  it('joins shard streams into the reports of one run, and exits 1 when a case failed', async () => {
    const dir = tempRunDir();
    const jobs = expandMatrix([fakeCases.pass!, fakeCases.fail!, fakeCases.incompatible!], {
      'o-du': ['cellwright', 'baseloom'],
      'near-rt-ric': ['sagebrush'],
    });
    for (const shard of [1, 2]) {
      await runMatrix<FakeFixture>({
        jobs: selectShard(jobs, shard, 2),
        environment: fakeEnvironment,
        reporter: resultsStream(join(dir, `shard-${shard}.jsonl`)),
        shard: `${shard}/2`,
      });
    }
    const out = join(dir, 'report');
    const result = await run(
      process.execPath,
      [
        '--import',
        'tsx',
        'src/cli/run.ts',
        'merge',
        join(dir, 'shard-1.jsonl'),
        join(dir, 'shard-2.jsonl'),
        '--reporter',
        'json,junit',
        '--output-dir',
        out,
      ],
      { cwd: repoRoot },
    ).then(
      (r) => ({ code: 0, stdout: r.stdout }),
      (e: { code: number; stdout: string }) => ({ code: e.code, stdout: e.stdout }),
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('2 passed, 2 failed, 2 incompatible');
    const document = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as {
      results: Array<{ key: string; verdict: string }>;
    };
    expect(document.results.map((r) => r.key).sort()).toEqual(jobs.map((j) => j.key).sort());
    expect(existsSync(join(out, 'junit.xml'))).toBe(true);
    expect(readFileSync(join(out, 'junit.xml'), 'utf8')).toContain('FAKE-FAIL-001');
  });
});
