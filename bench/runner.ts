/**
 * The runner's figures (issue 11): how much of a run goes into the cases, with and without
 * network reuse and the fast spawn, a vendor's spawn-to-ready time each way, and what more
 * workers than cores buy. Each runs `plugfest` as a user does, on real vendor processes.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { type CaseResult, setupShareOf } from '../src/conformance/index.js';
import { typescriptCommand } from '../src/orchestrator/typescript-entry.js';

const root = fileURLToPath(new URL('..', import.meta.url));

export interface RunFigures {
  readonly wallMs: number;
  readonly workers: number;
  readonly results: readonly CaseResult[];
  readonly share: number;
}

/** One `plugfest test` run of `args`, its wall time and its results. */
export async function runPlugfest(
  args: readonly string[],
  workers: number,
  env: NodeJS.ProcessEnv = {},
): Promise<RunFigures> {
  const out = mkdtempSync(join(tmpdir(), 'plugfest-bench-'));
  const started = performance.now();
  let stderr = '';
  try {
    await promisify(execFile)(
      process.execPath,
      [
        '--import',
        'tsx',
        'src/cli/run.ts',
        'test',
        ...args,
        '--workers',
        String(workers),
        '--reporter',
        'json',
        '--output-dir',
        out,
      ],
      { cwd: root, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, ...env } },
    ).catch((error: { code?: number; stderr?: string }) => {
      // Exit 1 is a failing verdict, not a broken run; the figure stands either way. A crash
      // exits 1 too: the run's end below tells them apart.
      if (error.code !== 1) throw error;
      stderr = error.stderr ?? '';
    });
    const wallMs = performance.now() - started;
    const { results, endedAt } = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as {
      results: CaseResult[];
      endedAt: number | null;
    };
    // results.json is rewritten after every case: one without an end is a run that died.
    if (endedAt === null)
      throw new Error(
        `plugfest test ${args.join(' ')} died after ${results.length} jobs:\n${stderr.slice(-4000)}`,
      );
    return { wallMs, workers, results, share: setupShareOf(results, wallMs, workers).share };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** Keys whose verdict differs between two runs, as "key: a -> b". */
export function verdictChanges(a: readonly CaseResult[], b: readonly CaseResult[]): string[] {
  const of = new Map(b.map((r) => [r.key, r]));
  // A verdict that changed says why, from whichever side did not pass.
  const why = (r: CaseResult | undefined) =>
    r && r.verdict !== 'pass' && r.diagnostics[0] ? ` (${r.verdict}: ${r.diagnostics[0].message})` : '';
  return a.flatMap((r) => {
    const other = of.get(r.key);
    if (other?.verdict === r.verdict) return [];
    return [`${r.key}: ${r.verdict} -> ${other?.verdict ?? 'missing'}${why(r)}${why(other)}`];
  });
}

/** Spawn-to-ready times of a built-in vendor, `count` in turn, ms sorted. */
export async function spawnToReady(
  vendor: string,
  count: number,
  env: NodeJS.ProcessEnv = {},
): Promise<number[]> {
  const dir = join(root, 'vendors', vendor);
  const config = join(mkdtempSync(join(tmpdir(), 'plugfest-bench-')), 'config.json');
  writeFileSync(
    config,
    JSON.stringify({
      instance: 'ru-1',
      vendor,
      role: 'o-ru',
      listen: { 'ofh-m': { port: 0 }, 'ofh-cu': { port: 0 } },
    }),
  );
  const saved = process.env.PLUGFEST_TS;
  const times: number[] = [];
  try {
    if (env.PLUGFEST_TS) process.env.PLUGFEST_TS = env.PLUGFEST_TS;
    else delete process.env.PLUGFEST_TS;
    for (let i = 0; i < count; i += 1) {
      const started = performance.now();
      // What the orchestrator does at each spawn: look the bundle up (or build it), then start it.
      const [command, ...args] = await typescriptCommand(join(dir, 'main.ts'));
      const child: ChildProcess = spawn(command!, args, {
        cwd: dir,
        env: { ...process.env, PLUGFEST_CONFIG: config },
        stdio: ['ignore', 'pipe', 'ignore'],
      });
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${vendor} not ready within 30 s`)), 30_000);
        child.stdout!.once('data', () => {
          clearTimeout(timer);
          resolve();
        });
      });
      times.push(performance.now() - started);
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));
    }
  } finally {
    if (saved === undefined) delete process.env.PLUGFEST_TS;
    else process.env.PLUGFEST_TS = saved;
  }
  return times.sort((x, y) => x - y);
}

export const percentile = (sorted: readonly number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? Number.NaN;
