import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { repoRoot, tempRunDir } from '../support/topologies.js';

const run = promisify(execFile);

describe('plugfest matrix --list', () => {
  it('expands each case over every combination of the built-in vendors its roles allow', async () => {
    const { stdout } = await run(
      process.execPath,
      ['--import', 'tsx', 'src/cli/run.ts', 'matrix', 'E2-SETUP-001', '--list'],
      { cwd: repoRoot },
    );
    // Two O-DUs x two RICs, pairwise on E2.
    expect(stdout).toContain('E2-SETUP-001');
    expect(stdout.match(/^ {4}o-du=\w+,near-rt-ric=\w+$/gm)?.sort()).toEqual([
      '    o-du=baseloom,near-rt-ric=sagebrush',
      '    o-du=baseloom,near-rt-ric=stillwater',
      '    o-du=cellwright,near-rt-ric=sagebrush',
      '    o-du=cellwright,near-rt-ric=stillwater',
    ]);
    expect(stdout).toMatch(/4 jobs: 1 cases/);
  });
});

describe('plugfest matrix over all built-in vendors', () => {
  it('shows the passes, the incompatible pair with both offers, and the buggy O-RU failing', async () => {
    const out = tempRunDir();
    const result = await run(
      process.execPath,
      [
        '--import',
        'tsx',
        'src/cli/run.ts',
        'matrix',
        'OFH-CU-IQ-001',
        'OFH-CU-ORDER-001',
        'E2-SETUP-001',
        '--workers',
        '2',
        '--output-dir',
        out,
      ],
      { cwd: repoRoot, maxBuffer: 64 * 1024 * 1024 },
    ).then(
      (r) => ({ code: 0, stdout: r.stdout }),
      (e: { code: number; stdout: string }) => ({ code: e.code, stdout: e.stdout }),
    );
    // Quibble fails: exit 1.
    expect(result.code).toBe(1);
    const { results } = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as {
      results: Array<{
        key: string;
        verdict: string;
        diagnostics: Array<{ message: string; code?: string }>;
      }>;
    };
    const verdicts = Object.fromEntries(results.map((r) => [r.key, r.verdict]));
    // 3 O-RUs alone, 3 O-RUs x 2 O-DUs, 2 O-DUs x 2 RICs.
    expect(results).toHaveLength(3 + 6 + 4);
    expect(verdicts).toMatchObject({
      'OFH-CU-IQ-001@o-ru=ruvello': 'pass',
      'OFH-CU-IQ-001@o-ru=korimo': 'pass',
      'OFH-CU-IQ-001@o-ru=quibble': 'fail',
      'OFH-CU-ORDER-001@o-ru=ruvello,o-du=baseloom': 'pass',
      'OFH-CU-ORDER-001@o-ru=korimo,o-du=cellwright': 'pass',
      'OFH-CU-ORDER-001@o-ru=korimo,o-du=baseloom': 'incompatible',
      'E2-SETUP-001@o-du=baseloom,near-rt-ric=stillwater': 'pass',
    });
    expect(results.filter((r) => r.verdict === 'pass')).toHaveLength(11);
    const incompatible = results.find((r) => r.verdict === 'incompatible')!;
    // Both offers, in the words of each side.
    expect(incompatible.diagnostics[0]!.message).toMatch(
      /O-RU offers BFP 8\/9 \+ none, O-DU wants BFP 14\/16/,
    );
    expect(incompatible.diagnostics[0]!.message).toMatch(/O-RU offers up to 40 MHz, O-DU wants 100 MHz/);
    const failure = results.find((r) => r.verdict === 'fail')!;
    expect(failure.diagnostics[0]).toMatchObject({ code: 'evm-out-of-tolerance' });
    // The matrix as text, per interface: the quibble row of the conformance table fails, the
    // korimo x baseloom cell is incompatible.
    expect(result.stdout).toMatch(/Open Fronthaul CU-plane \(ofh-cu\): o-ru × o-du/);
    expect(result.stdout).toMatch(/^ {2}quibble +1✗/m);
    expect(result.stdout).toMatch(/^ {2}korimo +1≠ +1✓/m);
    expect(result.stdout).toMatch(/^ {2}cellwright +1✓ +1✓/m);
    expect(result.stdout).toMatch(/11 passed, 1 failed, 1 incompatible/);
  }, 180_000);
});
