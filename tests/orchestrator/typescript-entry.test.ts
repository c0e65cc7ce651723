/**
 * `${ts}` entries (issue 11): built once, reused while no input changes, rebuilt when one does,
 * and a build error names the file and line.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { typescriptCommand } from '../../src/orchestrator/typescript-entry.js';
import { tempRunDir } from '../support/topologies.js';

const saved = process.env.PLUGFEST_TS;
afterEach(() => {
  if (saved === undefined) delete process.env.PLUGFEST_TS;
  else process.env.PLUGFEST_TS = saved;
});

function vendorFolder(): string {
  const dir = join(tempRunDir(), 'vendor');
  mkdirSync(join(dir, 'lib'), { recursive: true });
  writeFileSync(
    join(dir, 'lib', 'greeting.ts'),
    "export const greeting = (who: string): string => 'hello ' + who;\n",
  );
  writeFileSync(
    join(dir, 'main.ts'),
    "import { greeting } from './lib/greeting.js';\nconsole.log(greeting('o-ru'));\n",
  );
  return dir;
}

const run = (argv: string[]) => execFileSync(argv[0]!, argv.slice(1), { encoding: 'utf8' }).trim();

describe('a TypeScript entry run as $ts', () => {
  it('is bundled once, reused while its inputs are unchanged, and rebuilt when one changes', async () => {
    const dir = vendorFolder();
    const first = await typescriptCommand(join(dir, 'main.ts'));
    expect(first[0]).toBe(process.execPath);
    expect(first[1]).toContain(join(dir, 'node_modules', '.cache', 'plugfest'));
    expect(run(first)).toBe('hello o-ru');
    const built = statSync(first[1]!).mtimeMs;
    const again = await typescriptCommand(join(dir, 'main.ts'));
    expect(again).toEqual(first);
    expect(statSync(again[1]!).mtimeMs).toBe(built);
    // An imported file changes: a new bundle, with the change in it.
    writeFileSync(
      join(dir, 'lib', 'greeting.ts'),
      "export const greeting = (who: string): string => 'hi ' + who;\n",
    );
    const changed = await typescriptCommand(join(dir, 'main.ts'));
    expect(changed[1]).not.toBe(first[1]);
    expect(run(changed)).toBe('hi o-ru');
    // The bundle it replaced is gone: editing a vendor leaves one bundle, not one per edit.
    const cache = join(dir, 'node_modules', '.cache', 'plugfest');
    expect(readdirSync(cache).filter((f) => f.endsWith('.mjs'))).toEqual([basename(changed[1]!)]);
  });

  it('names the file and line of a build error, as vendor-not-ready', async () => {
    const dir = vendorFolder();
    writeFileSync(join(dir, 'lib', 'greeting.ts'), 'export const greeting = (who: string =>\n');
    await expect(typescriptCommand(join(dir, 'main.ts'))).rejects.toMatchObject({
      code: 'vendor-not-ready',
      message: expect.stringMatching(/does not build: .*greeting\.ts:1: /),
    });
  });

  it('runs through tsx when PLUGFEST_TS=tsx', async () => {
    process.env.PLUGFEST_TS = 'tsx';
    const dir = vendorFolder();
    expect(await typescriptCommand(join(dir, 'main.ts'))).toEqual([
      process.execPath,
      '--import',
      'tsx',
      join(dir, 'main.ts'),
    ]);
  });
});
