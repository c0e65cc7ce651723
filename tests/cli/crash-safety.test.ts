/**
 * Crash safety of a real `plugfest test` (issue 15 item 6): SIGKILL of the harness mid-run
 * keeps every finished case in results.jsonl and leaves no vendor process behind; SIGINT ends
 * the run with every report written and exit 130; `--resume` runs only what is missing and
 * merges. The A1 cases share one network, so vendors are up whenever the harness is killed.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { readResults } from '../../src/conformance/index.js';
import { repoRoot, tempRunDir } from '../support/topologies.js';

const selection = ['A1-'];
const jobCount = 9;

interface Started {
  readonly child: ChildProcess;
  readonly stdout: () => string;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function plugfestTest(...args: string[]): Started {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/cli/run.ts', 'test', ...selection, '--workers', '1', ...args],
    { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  child.stderr!.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, stdout: () => out, exited };
}

const caseEnds = (path: string): number =>
  existsSync(path)
    ? readFileSync(path, 'utf8')
        .split('\n')
        .filter((l) => l.includes('"case-end"')).length
    : 0;

/** Waits (bounded) until the stream at `path` holds `count` finished cases. */
async function untilFinished(path: string, count: number, run: Started, boundMs = 120_000): Promise<void> {
  const deadline = Date.now() + boundMs;
  while (caseEnds(path) < count) {
    if (Date.now() > deadline || run.child.exitCode !== null)
      throw new Error(`${caseEnds(path)} of ${count} cases finished in ${boundMs} ms:\n${run.stdout()}`);
    await sleep(100);
  }
}

/** Processes whose environment names `harness` as their harness: its vendors and their children. */
function vendorsOf(harness: number): number[] {
  const marker = `PLUGFEST_PARENT_PID=${harness}`;
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').includes(marker);
      } catch {
        return false; // gone meanwhile, or not ours to read
      }
    })
    .map(Number);
}

const exitWithin = async (run: Started, ms: number) => {
  const timer = setTimeout(() => run.child.kill('SIGKILL'), ms);
  const exit = await run.exited;
  clearTimeout(timer);
  return exit;
};

interface Document {
  endedAt: number | null;
  interrupted: boolean;
  results: Array<{ key: string; verdict: string; startedAt: number; diagnostics: Array<{ code?: string }> }>;
}
const documentOf = (dir: string) => JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')) as Document;

describe.skipIf(process.platform !== 'linux')(
  'a real run that is killed or interrupted (reads /proc)',
  () => {
    it('SIGKILL keeps every finished case and leaves no vendor behind; --resume runs the rest and merges', async () => {
      const dir = tempRunDir();
      const stream = join(dir, 'results.jsonl');
      const first = plugfestTest('--output-dir', dir, '--reporter', 'json');
      await untilFinished(stream, 3, first);
      const vendors = vendorsOf(first.child.pid!);
      // The A1 cases share one network: the RIC (and whatever else the topology runs) is up.
      expect(vendors.length, first.stdout()).toBeGreaterThan(0);
      first.child.kill('SIGKILL');
      await first.exited;
      const kept = readResults([stream]);
      expect(kept.unfinished).toEqual([stream]);
      expect(kept.results.length).toBeGreaterThanOrEqual(3);
      expect(kept.results.length).toBeLessThan(jobCount);
      // Each vendor sees its harness gone within its 250 ms watch and stops within 5 s.
      const deadline = Date.now() + 10_000;
      let left = vendors.filter((pid) => existsSync(`/proc/${pid}`));
      while (left.length > 0 && Date.now() < deadline) {
        await sleep(200);
        left = vendors.filter((pid) => existsSync(`/proc/${pid}`));
      }
      expect(left, 'vendor processes alive 10 s after the harness was killed').toEqual([]);

      const resumed = plugfestTest('--output-dir', dir, '--reporter', 'json', '--resume', stream);
      const exit = await exitWithin(resumed, 300_000);
      expect(exit.code, resumed.stdout()).toBe(0);
      expect(resumed.stdout()).toContain(
        `Resuming ${stream}: ${kept.results.length} of ${jobCount} jobs have results, running ${jobCount - kept.results.length}`,
      );
      const merged = documentOf(dir);
      expect(merged.endedAt).not.toBeNull();
      const keys = merged.results.map((r) => r.key);
      expect(new Set(keys).size).toBe(jobCount);
      expect(keys).toHaveLength(jobCount);
      expect(merged.results.every((r) => r.verdict === 'pass')).toBe(true);
      // What finished before the kill was not run again: it keeps its first start time.
      const before = new Map(kept.results.map((r) => [r.key, r.startedAt]));
      for (const result of merged.results.filter((r) => before.has(r.key)))
        expect(result.startedAt).toBe(before.get(result.key));
      // The merged stream holds the whole run again, ended.
      const again = readResults([stream]);
      expect(again.unfinished).toEqual([]);
      expect(again.results).toHaveLength(jobCount);
    }, 600_000);

    it('SIGINT ends the run with every report written and exit 130; --resume finishes it', async () => {
      const dir = tempRunDir();
      const stream = join(dir, 'results.jsonl');
      const first = plugfestTest('--output-dir', dir, '--reporter', 'list,json,junit,html');
      await untilFinished(stream, 2, first);
      first.child.kill('SIGINT');
      // Bound: the case under way stops at once; the network's stop is bounded by its grace.
      const exit = await exitWithin(first, 90_000);
      expect(exit.code, first.stdout()).toBe(130);
      const document = documentOf(dir);
      expect(document.endedAt).not.toBeNull();
      expect(document.interrupted).toBe(true);
      const finished = readResults([stream]);
      expect(finished.unfinished).toEqual([]);
      expect(document.results.map((r) => r.key).sort()).toEqual(finished.results.map((r) => r.key).sort());
      expect(document.results.length).toBeLessThan(jobCount);
      // A case the interruption cut short is an error that says so, never a fail.
      for (const result of document.results.filter((r) => r.verdict !== 'pass')) {
        expect(result.verdict).toBe('error');
        expect(result.diagnostics[0]?.code).toBe('interrupted');
      }
      const junit = readFileSync(join(dir, 'junit.xml'), 'utf8');
      expect(junit.match(/<testcase /g)).toHaveLength(document.results.length);
      expect(readFileSync(join(dir, 'report.html'), 'utf8')).toContain('<html');

      const resumed = plugfestTest('--output-dir', dir, '--reporter', 'json', '--resume', stream);
      expect((await exitWithin(resumed, 300_000)).code, resumed.stdout()).toBe(0);
      const merged = documentOf(dir);
      expect(merged.results.map((r) => r.key).sort()).toHaveLength(jobCount);
      expect(merged.results.filter((r) => r.verdict !== 'pass')).toEqual([]);
    }, 600_000);

    it('--resume of a file that is not there exits 2 with one line', async () => {
      const dir = tempRunDir();
      const run = plugfestTest('--output-dir', dir, '--resume', join(dir, 'nope.jsonl'));
      const exit = await exitWithin(run, 60_000);
      expect(exit.code).toBe(2);
      expect(run.stdout().trim().split('\n')).toEqual([
        `plugfest: --resume: no file ${join(dir, 'nope.jsonl')}`,
      ]);
    }, 90_000);
  },
);
