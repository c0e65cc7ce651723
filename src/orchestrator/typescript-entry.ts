/**
 * `${ts} <entry>.ts` in a vendor's run command (issue 11): a TypeScript vendor started without
 * transpiling on every spawn. The entry and everything it imports by relative path is bundled
 * once into one ES module by esbuild (packages stay external, resolved as from the entry), and
 * kept under the vendor's `node_modules/.cache/plugfest/`, keyed by the content of every input:
 * the next spawn, in this run or the next, reuses it while no input changed, and a changed
 * input rebuilds it. `node --import tsx` loaded and transpiled some hundred files per spawn.
 * PLUGFEST_TS=tsx runs `node --import tsx <entry>` instead (the baseline `npm run bench` compares).
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { build } from 'esbuild';
import { PlugfestError } from '../wire/index.js';

/** The placeholder that runs a TypeScript entry: `["${ts}", "main.ts", ...args]`. */
// biome-ignore lint/suspicious/noTemplateCurlyInString: a vendor.yaml placeholder, not a template
export const tsPlaceholder = '${ts}';

interface CacheRecord {
  /** Inputs, relative to the entry's folder, with the digest of all their contents. */
  readonly inputs: readonly string[];
  readonly digest: string;
  readonly output: string;
}

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

async function digestOf(base: string, inputs: readonly string[]): Promise<string | undefined> {
  const hash = createHash('sha256');
  for (const input of inputs) {
    try {
      hash
        .update(input)
        .update('\0')
        .update(await readFile(join(base, input)))
        .update('\0');
    } catch {
      return undefined; // an input is gone: rebuild
    }
  }
  return hash.digest('hex');
}

/**
 * The argv that runs a TypeScript `entry` (absolute): `[node, <bundle>]`, building the bundle
 * when no cached one matches its inputs. Throws `vendor-not-ready` with esbuild's errors when
 * the entry does not build.
 */
export async function typescriptCommand(entry: string): Promise<string[]> {
  if (process.env.PLUGFEST_TS === 'tsx') return [process.execPath, '--import', 'tsx', entry];
  const base = dirname(entry);
  const cache = join(base, 'node_modules', '.cache', 'plugfest');
  const recordFile = join(cache, `${sha256(entry).slice(0, 16)}.json`);
  let stale: string | undefined;
  try {
    const record = JSON.parse(await readFile(recordFile, 'utf8')) as CacheRecord;
    if ((await digestOf(base, record.inputs)) === record.digest)
      return [process.execPath, join(cache, record.output)];
    stale = record.output;
  } catch {
    // no record yet, or unreadable: build
  }
  await mkdir(cache, { recursive: true });
  // Written under a unique name and renamed: two workers building at once each end with a whole file.
  const unique = `${sha256(`${entry}${process.pid}${Math.random()}`).slice(0, 12)}`;
  let inputs: string[];
  try {
    const result = await build({
      entryPoints: [entry],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      outfile: join(cache, `${unique}.tmp.mjs`),
      metafile: true,
      sourcemap: 'inline',
      logLevel: 'silent',
    });
    inputs = Object.keys(result.metafile.inputs).map((input) => relative(base, resolve(input)));
  } catch (error) {
    const errors = (error as { errors?: Array<{ text: string; location?: { file: string; line: number } }> })
      .errors;
    const detail = errors?.length
      ? errors
          .map((e) => `${e.location ? `${e.location.file}:${e.location.line}: ` : ''}${e.text}`)
          .join('; ')
      : (error as Error).message;
    throw new PlugfestError('vendor-not-ready', `${entry} does not build: ${detail}`, { entry });
  }
  const digest = (await digestOf(base, inputs)) ?? '';
  const output = `${digest.slice(0, 16)}.mjs`;
  await rename(join(cache, `${unique}.tmp.mjs`), join(cache, output));
  const record: CacheRecord = { inputs, digest, output };
  await writeFile(join(cache, `${unique}.tmp.json`), JSON.stringify(record));
  await rename(join(cache, `${unique}.tmp.json`), recordFile);
  // The bundle this one replaces goes, so that editing a vendor does not pile up bundles.
  if (stale && stale !== output && !stale.includes('/')) await rm(join(cache, stale), { force: true });
  return [process.execPath, join(cache, output)];
}
