import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { repoRoot, tempRunDir } from '../support/topologies.js';

function showReport(...args: string[]) {
  return spawn(process.execPath, ['--import', 'tsx', 'src/cli/run.ts', 'show-report', ...args], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

const exitOf = (child: ReturnType<typeof spawn>) =>
  new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

describe('plugfest show-report', () => {
  it('serves the report on loopback, only files inside the folder, and stops on Ctrl-C', async () => {
    const dir = tempRunDir();
    writeFileSync(join(dir, 'report.html'), '<!doctype html><html><body>plugfest report</body></html>');
    mkdirSync(join(dir, 'traces'));
    writeFileSync(join(dir, 'traces', 'E2-SUB-001.jsonl'), '{"t":1}\n');
    const child = showReport(dir, '--port', '0');
    const exited = exitOf(child);
    const line = await new Promise<string>((resolve) =>
      createInterface({ input: child.stdout! }).once('line', resolve),
    );
    const url = /(http:\/\/127\.0\.0\.1:\d+\/)/.exec(line)?.[1];
    expect(url).toBeDefined();
    const page = await fetch(url!);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('plugfest report');
    expect((await fetch(`${url}traces/E2-SUB-001.jsonl`)).status).toBe(200);
    expect((await fetch(`${url}..%2F..%2Fetc%2Fpasswd`)).status).toBe(404);
    child.kill('SIGINT');
    expect(await exited).toBe(0);
  });

  it('exits 2 naming the file when the folder has no report', async () => {
    const child = showReport(tempRunDir(), '--port', '0');
    let stderr = '';
    child.stderr!.on('data', (d) => {
      stderr += d;
    });
    expect(await exitOf(child)).toBe(2);
    expect(stderr).toMatch(/report\.html: no HTML report there/);
  });
});
