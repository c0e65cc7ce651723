import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = join(import.meta.dirname, '../..');
const buf = join(root, 'node_modules/.bin/buf');
const tsx = join(root, 'node_modules/.bin/tsx');
const gen = join(root, 'scripts/gen-interfaces.ts');

function copyOfInterfaces(): string {
  const dir = mkdtempSync(join(tmpdir(), 'plugfest-interfaces-'));
  cpSync(join(root, 'interfaces'), dir, { recursive: true });
  return dir;
}

async function exitOf(promise: Promise<{ stdout: string; stderr: string }>) {
  try {
    const { stdout, stderr } = await promise;
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, output: e.stdout + e.stderr };
  }
}

describe('interfaces', () => {
  it('pass buf lint (STANDARD)', async () => {
    const result = await exitOf(run(buf, ['lint', 'interfaces'], { cwd: root }));
    expect(result.output).toBe('');
    expect(result.code).toBe(0);
  });

  it('fail buf lint when an enum breaks the STANDARD rules', async () => {
    const dir = copyOfInterfaces();
    const file = join(dir, 'oran/common/v1/common.proto');
    writeFileSync(file, `${readFileSync(file, 'utf8')}\nenum badEnum { FIRST = 0; }\n`);
    const result = await exitOf(run(buf, ['lint', dir]));
    expect(result.code).not.toBe(0);
    expect(result.output).toMatch(/badEnum/);
  });

  it('have generated code that `npm run gen` reproduces exactly', async () => {
    const result = await exitOf(run(tsx, [gen, '--check'], { cwd: root }));
    expect(result.output).toContain('generated code is up to date');
    expect(result.code).toBe(0);
  });

  it('fail the generated-code check when a .proto changed and the code was not regenerated', async () => {
    const dir = copyOfInterfaces();
    const file = join(dir, 'oran/common/v1/common.proto');
    writeFileSync(file, `${readFileSync(file, 'utf8')}\nmessage AddedLater { uint32 value = 1; }\n`);
    const result = await exitOf(run(tsx, [gen, '--check', '--interfaces', dir], { cwd: root }));
    expect(result.code).toBe(1);
    expect(result.output).toMatch(/generated code is stale: src\/wire\/generated\/oran\.js/);
  });
});
