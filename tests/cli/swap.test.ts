import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import type { TraceRecord } from '../../src/relay/index.js';
import { until } from '../support/links.js';
import { repoRoot, tempRunDir } from '../support/topologies.js';

const run = promisify(execFile);
let up: ChildProcess | undefined;
afterEach(async () => {
  if (up && up.exitCode === null) {
    up.kill('SIGINT');
    await new Promise((resolve) => up?.once('exit', resolve));
  }
});

describe('plugfest swap against a running plugfest up', () => {
  it('replaces an O-RU vendor live: the peers reconnect and the trace shows the transition', async () => {
    const runDir = tempRunDir();
    let out = '';
    up = spawn(
      process.execPath,
      ['--import', 'tsx', 'src/cli/run.ts', 'up', '--run-dir', runDir, '--duration', '60'],
      {
        cwd: repoRoot,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    up.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
    });
    const tracePath = join(runDir, 'trace.jsonl');
    // The trace is being written while it is read: only lines already ended with a newline are whole.
    const records = (): TraceRecord[] => {
      if (!existsSync(tracePath)) return [];
      const text = readFileSync(tracePath, 'utf8');
      return text
        .slice(0, text.lastIndexOf('\n') + 1)
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as TraceRecord);
    };
    await until(
      () => records().some((r) => r.kind === 'frame' && r.link === 'du-1>ru-2/ofh-cu'),
      30_000,
      'ru-2 CU-plane',
    );

    const swapAt = Date.now();
    const { stdout } = await run(
      process.execPath,
      ['--import', 'tsx', 'src/cli/run.ts', 'swap', 'ru-2=ruvello', '--run-dir', runDir],
      { cwd: repoRoot },
    );
    expect(stdout).toMatch(/swapped ru-2: korimo -> ruvello in \d+ ms/);
    // The old connections close, the O-DU dials the new O-RU through the same relays, retrieves
    // its capabilities anew, and its CU-plane flows again.
    const reopened = (link: string) =>
      records().find(
        (r) => r.kind === 'connection' && r.event === 'open' && r.link === link && r.t >= swapAt,
      );
    const framesSinceReopen = (link: string, type?: string) => {
      const open = reopened(link);
      return records().filter(
        (r) =>
          open !== undefined &&
          r.kind === 'frame' &&
          r.link === link &&
          r.t > open.t &&
          (!type || r.type === type),
      );
    };
    await until(
      () =>
        framesSinceReopen('du-1>ru-2/ofh-m', 'oran.fronthaul.mplane.v1.GetCapabilitiesResponse').length > 0,
      20_000,
      'capabilities retrieved from the new O-RU',
    );
    const capabilities = framesSinceReopen(
      'du-1>ru-2/ofh-m',
      'oran.fronthaul.mplane.v1.GetCapabilitiesResponse',
    );
    expect(capabilities).toHaveLength(1);
    expect(JSON.stringify(capabilities[0])).toContain('RV-');
    // Carriers configured for the new O-RU: its CU-plane flows after the capability exchange.
    await until(
      () => framesSinceReopen('du-1>ru-2/ofh-cu').some((r) => r.t > capabilities[0]!.t),
      20_000,
      'ru-2 CU-plane after the swap',
    );
    const closes = records().filter(
      (r) =>
        r.kind === 'connection' && r.event === 'close' && r.t >= swapAt && r.link.startsWith('du-1>ru-2/'),
    );
    expect(closes.map((r) => r.link).sort()).toEqual(['du-1>ru-2/ofh-cu', 'du-1>ru-2/ofh-m']);
    await until(() => out.includes('swapped ru-2: korimo -> ruvello'), 5000, "up's swap line");
  }, 90_000);

  it('refuses a vendor of another role, and names the instances it does not know', async () => {
    const runDir = tempRunDir();
    up = spawn(
      process.execPath,
      ['--import', 'tsx', 'src/cli/run.ts', 'up', '--run-dir', runDir, '--duration', '60'],
      {
        cwd: repoRoot,
        stdio: 'ignore',
      },
    );
    await until(() => existsSync(join(runDir, 'control.sock')), 30_000, 'the control socket');
    const swap = (change: string) =>
      run(process.execPath, ['--import', 'tsx', 'src/cli/run.ts', 'swap', change, '--run-dir', runDir], {
        cwd: repoRoot,
      }).then(
        () => ({ code: 0, stderr: '' }),
        (e: { code: number; stderr: string }) => ({ code: e.code, stderr: e.stderr }),
      );
    const wrongRole = await swap('ru-1=sagebrush');
    expect(wrongRole.code).toBe(2);
    expect(wrongRole.stderr).toMatch(/vendor sagebrush plays near-rt-ric; ru-1 is an o-ru instance/);
    const unknown = await swap('ru-9=korimo');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/no instance ru-9/);
  }, 60_000);
});
