import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = join(import.meta.dirname, '../..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };

/** Runs the CLI from source, as `plugfest` would run from dist/. */
async function plugfest(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'src/cli/run.ts', ...args], {
      cwd: root,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('plugfest CLI', () => {
  it('prints its version', async () => {
    const result = await plugfest('--version');
    expect(result).toMatchObject({ code: 0, stdout: `${pkg.version}\n` });
  });

  it('prints help that says what plugfest is', async () => {
    const result = await plugfest('--help');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage: plugfest');
    expect(result.stdout).toContain('protobuf models of the O-RAN procedures');
  });

  it('exits 2 on an unknown option, as a usage error', async () => {
    const result = await plugfest('--no-such-option');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("unknown option '--no-such-option'");
  });
});

describe('plugfest test with a filter nothing matches', () => {
  it('exits 2 with one line naming the filter and what ids look like, and starts nothing', async () => {
    const out = join(root, 'test-results', `no-match-${process.pid}`);
    const result = await plugfest('test', 'NOPE-XYZ', '--output-dir', out);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^plugfest: no case matches NOPE-XYZ: .*ids start .*ATT-/),
    ]);
  });
});

describe('plugfest test with a hostile topology file', () => {
  it('exits 2 with one line at file:line:col for a YAML alias bomb, at once', async () => {
    const dir = join(root, 'test-results', `alias-bomb-${process.pid}`);
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'bomb.yaml');
    const levels = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (const name of 'bcdefg') {
      const previous = levels.at(-1)!.slice(4, 5);
      levels.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(',')}]`);
    }
    writeFileSync(file, `${levels.join('\n')}\nname: bomb\n`);
    const result = await plugfest('test', '--topology', file, '--output-dir', join(dir, 'out'));
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(new RegExp(`^plugfest: ${file}:2:\\d+: \\(document\\): aliases expand too far`)),
    ]);
  });
});
