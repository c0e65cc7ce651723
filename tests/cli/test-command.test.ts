import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { repoRoot, tempRunDir } from '../support/topologies.js';

const run = promisify(execFile);

async function plugfestTest(...args: string[]) {
  return run(process.execPath, ['--import', 'tsx', 'src/cli/run.ts', 'test', ...args], {
    cwd: repoRoot,
  }).then(
    (r) => ({ code: 0, stdout: r.stdout }),
    (e: { code: number; stdout: string }) => ({ code: e.code, stdout: e.stdout }),
  );
}

describe('plugfest test', () => {
  it('runs the E2 suite on the default topology, green, with a summary and the reports', async () => {
    const out = tempRunDir();
    const result = await plugfestTest('--output-dir', out);
    expect(result.stdout).toMatch(/3 passed, 0 failed/);
    expect(result.code).toBe(0);
    const document = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as {
      results: Array<{ caseId: string; verdict: string }>;
    };
    expect(document.results.map((r) => [r.caseId, r.verdict]).sort()).toEqual([
      ['E2-SETUP-001', 'pass'],
      ['E2-SUB-001', 'pass'],
      ['E2E-LOOP-001', 'pass'],
    ]);
    expect(readFileSync(join(out, 'junit.xml'), 'utf8')).toContain('E2-SETUP-001');
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain('<html');
  });

  it('grades a case a vendor declares no support for as unsupported, with the reason', async () => {
    const out = tempRunDir();
    const result = await plugfestTest(
      'E2E-LOOP',
      '--topology',
      'topologies/all-vendors.yaml',
      '--workers',
      '2',
      '--output-dir',
      out,
      '--reporter',
      'json',
    );
    expect(result.code).toBe(0);
    const { results } = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as {
      results: Array<{ key: string; verdict: string; diagnostics: Array<{ message: string }> }>;
    };
    const byKey = Object.fromEntries(results.map((r) => [r.key, r]));
    expect(byKey['E2E-LOOP-001@o-du=cellwright,near-rt-ric=sagebrush']?.verdict).toBe('pass');
    expect(byKey['E2E-LOOP-001@o-du=baseloom,near-rt-ric=sagebrush']).toMatchObject({
      verdict: 'unsupported',
      diagnostics: [{ message: 'baseloom declares no E2SM-RC' }],
    });
    expect(byKey['E2E-LOOP-001@o-du=cellwright,near-rt-ric=stillwater']?.verdict).toBe('unsupported');
  });

  it('exits 2 with file:line:field on a bad topology', async () => {
    const result = await plugfestTest(
      '--topology',
      'tests/fixtures/vendors/mini-ric/vendor.yaml',
      '--output-dir',
      tempRunDir(),
    );
    expect(result.code).toBe(2);
  });
});
