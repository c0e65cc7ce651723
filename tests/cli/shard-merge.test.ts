import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { repoRoot, tempRunDir } from '../support/topologies.js';

const run = promisify(execFile);

async function plugfest(...args: string[]): Promise<{ code: number; stdout: string }> {
  return run(process.execPath, ['--import', 'tsx', 'src/cli/run.ts', ...args], { cwd: repoRoot }).then(
    (r) => ({ code: 0, stdout: r.stdout }),
    (e: { code: number; stdout: string }) => ({ code: e.code, stdout: e.stdout }),
  );
}

const verdictsIn = (dir: string): Record<string, string> =>
  Object.fromEntries(
    (
      JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')) as {
        results: Array<{ key: string; verdict: string }>;
      }
    ).results.map((r) => [r.key, r.verdict]),
  );

describe('plugfest test --shard on real vendors', () => {
  it('gives, once the shards are merged, the verdicts of one run', { timeout: 240_000 }, async () => {
    const selection = ['E2-SETUP-001', 'E2E-LOOP-001', '--topology', 'topologies/all-vendors.yaml'];
    const whole = tempRunDir();
    const one = await plugfest('test', ...selection, '--reporter', 'json', '--output-dir', whole);
    const shards = [tempRunDir(), tempRunDir()];
    for (const [i, dir] of shards.entries()) {
      await plugfest(
        'test',
        ...selection,
        '--shard',
        `${i + 1}/2`,
        '--reporter',
        'json',
        '--output-dir',
        dir,
      );
    }
    const merged = tempRunDir();
    const merge = await plugfest(
      'merge',
      ...shards.map((d) => join(d, 'results.jsonl')),
      '--reporter',
      'json',
      '--output-dir',
      merged,
    );
    const expected = verdictsIn(whole);
    // Two O-DUs x two RICs for each case; the closed loop runs only where both declare RC.
    expect(Object.keys(expected)).toHaveLength(8);
    expect(Object.values(expected).filter((v) => v === 'unsupported')).toHaveLength(3);
    // Each shard ran part of the matrix, none ran it all.
    for (const dir of shards) expect(Object.keys(verdictsIn(dir)).length).toBeLessThan(8);
    expect(verdictsIn(merged)).toEqual(expected);
    expect(merge.code).toBe(one.code);
  });
});
