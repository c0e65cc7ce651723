import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/topologies.js';

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
