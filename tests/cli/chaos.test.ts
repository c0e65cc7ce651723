import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { ChaosReport } from '../../src/faults/index.js';
import { repoRoot, tempRunDir } from '../support/topologies.js';

const run = promisify(execFile);

async function chaos(...args: string[]) {
  return run(process.execPath, ['--import', 'tsx', 'src/cli/run.ts', 'chaos', ...args], {
    cwd: repoRoot,
    maxBuffer: 16 * 1024 * 1024,
  }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({
      code: e.code,
      stdout: e.stdout,
      stderr: e.stderr,
    }),
  );
}

describe('plugfest chaos', () => {
  it('runs a schedule on the default topology and reports detection, blast radius and recovery', async () => {
    const dir = tempRunDir();
    const result = await chaos('tests/fixtures/faults/corrupt-and-kill.yaml', '--run-dir', dir);
    expect(result.stdout).toMatch(/start corrupt 16B \(UPlaneMessage\) on du-1>ru-2\/ofh-cu for 1500 ms/);
    expect(result.stdout).toMatch(/end kill ru-1 \(restarted after 1000 ms\)/);
    const report = JSON.parse(readFileSync(join(dir, 'chaos.json'), 'utf8')) as ChaosReport;
    const [corrupt, kill] = report.outcomes;
    // The corrupted U-plane is answered by the O-RU it goes to (an Error Indication on its link, a
    // warning in its log) and disturbs no other link.
    expect(corrupt!.blastRadius).toEqual([]);
    expect(corrupt!.detection?.afterMs).toBeGreaterThanOrEqual(0);
    expect(corrupt!.signs.filter((sign) => sign.by === 'ru-2').length).toBeGreaterThan(0);
    // The kill closes ru-1's links at once; ru-2 and E2 carry on; ru-1's traffic is back after the restart.
    expect(kill!.detection?.how).toMatch(/closed du-1>ru-1\/ofh-(m|cu) \(1006/);
    expect(kill!.blastRadius).toEqual([]);
    expect(kill!.recoveryMs).toBeGreaterThan(0);
    expect(result.stdout).toMatch(/2 contained, 0 not contained/);
    expect(result.code).toBe(0);
    expect(readFileSync(join(dir, 'trace.jsonl'), 'utf8')).toContain('corrupt 16B (UPlaneMessage)');
  }, 60_000);

  it('exits 2 naming file, line and field of a bad schedule', async () => {
    const result = await chaos('tests/fixtures/faults/bad.yaml', '--run-dir', tempRunDir());
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/bad\.yaml:3:\d+: faults\[1\]/);
  }, 30_000);
});
