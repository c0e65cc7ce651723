/**
 * A vendor run changed (topology instance `modified`), for the negative attestation cases: its
 * folder copied into the run folder and the copy changed before the vendor starts there. The
 * vendor is not told; it measures the folder it runs from and reports its own vendor.yaml, so
 * its evidence differs from the reference values because what runs differs.
 *
 * The copy sits in a mirror of the folders above it (plugfest's root when the vendor is inside
 * it, else its parent folder) whose other entries are symbolic links to the originals, so the
 * vendor's relative imports (../shared, ../../src/sdk) and node_modules resolve as before.
 */
import { cp, mkdir, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative, sep } from 'node:path';
import { parseDocument } from 'yaml';
import { sbomFile } from '../attestation/evidence.js';
import type { TopologyInstance, VendorManifest } from '../topology/index.js';
import { PlugfestError } from '../wire/index.js';

export type Modification = NonNullable<TopologyInstance['modified']>;

/** What was changed, for the log. */
export interface ModifiedVendor {
  readonly manifest: VendorManifest;
  readonly modification: Modification;
  /** The file changed, relative to the vendor folder. */
  readonly file: string;
  /** For `downgraded`: the version before and after. */
  readonly from?: string;
  readonly to?: string;
}

/**
 * Copies `manifest.dir` to <runDir>/modified/<instance>/... and changes the copy: `tampered`
 * appends a comment to its entry file (main.ts, or the first shipped source file); `downgraded`
 * lowers vendor.yaml's version (downgradeVersion); `sbom-missing` ships it without its SBOM
 * (sbom.cdx.json). Returns the manifest to start it from.
 */
export async function modifyVendor(options: {
  readonly manifest: VendorManifest;
  readonly modification: Modification;
  readonly instance: string;
  readonly runDir: string;
  /** plugfest's own folder. */
  readonly root: string;
}): Promise<ModifiedVendor> {
  const { manifest } = options;
  const inside = !relative(options.root, manifest.dir).startsWith('..');
  const base = inside ? options.root : dirname(manifest.dir);
  const mirror = join(options.runDir, 'modified', options.instance);
  await rm(mirror, { recursive: true, force: true });
  const copy = join(mirror, relative(base, manifest.dir));
  await mirrorAbove(base, mirror, relative(base, manifest.dir).split(sep));
  await cp(manifest.dir, copy, {
    recursive: true,
    filter: (source) => basename(source) !== 'node_modules',
  });
  const modules = join(manifest.dir, 'node_modules');
  if ((await readdir(manifest.dir)).includes('node_modules'))
    await symlink(modules, join(copy, 'node_modules'));

  if (options.modification === 'tampered') {
    const file = await entryFileOf(copy, manifest);
    const text = await readFile(join(copy, file), 'utf8');
    await writeFile(join(copy, file), `${text}${tamperMark(file)}`);
    return {
      manifest: { ...manifest, dir: copy, file: join(copy, 'vendor.yaml') },
      modification: 'tampered',
      file,
    };
  }
  if (options.modification === 'sbom-missing') {
    await rm(join(copy, sbomFile), { force: true });
    return {
      manifest: { ...manifest, dir: copy, file: join(copy, 'vendor.yaml') },
      modification: 'sbom-missing',
      file: sbomFile,
    };
  }
  const yamlFile = join(copy, 'vendor.yaml');
  const doc = parseDocument(await readFile(yamlFile, 'utf8'));
  const to = downgradeVersion(manifest.version);
  doc.set('version', to);
  doc.commentBefore = `plugfest: downgraded copy (was ${manifest.version}) for the negative attestation cases`;
  await writeFile(yamlFile, doc.toString());
  return {
    manifest: { ...manifest, dir: copy, file: yamlFile, version: to },
    modification: 'downgraded',
    file: 'vendor.yaml',
    from: manifest.version,
    to,
  };
}

/**
 * A version below `version`: its first non-zero number lowered by one and the rest zeroed
 * (4.1.0 -> 3.0.0, 0.9.7 -> 0.8.0, 0.0.3 -> 0.0.2; a pre-release or build suffix is dropped).
 * A version of zeros has none below it: `config-invalid`.
 */
export function downgradeVersion(version: string): string {
  const main = version.split(/[-+]/)[0] ?? '';
  const parts = main.split('.').map((n) => Number.parseInt(n, 10) || 0);
  const first = parts.findIndex((n) => n > 0);
  if (first < 0)
    throw new PlugfestError('config-invalid', `version ${version} has no version below it to downgrade to`);
  return parts.map((n, i) => (i < first ? n : i === first ? n - 1 : 0)).join('.');
}

/** Creates `mirror` with a link to every entry of `base` but the next folder on `path`, down to the vendor's parent. */
async function mirrorAbove(base: string, mirror: string, path: readonly string[]): Promise<void> {
  await mkdir(mirror, { recursive: true });
  const [next = '', ...rest] = path;
  for (const entry of await readdir(base)) {
    if (entry !== next) await symlink(join(base, entry), join(mirror, entry));
  }
  if (rest.length > 0) await mirrorAbove(join(base, next), join(mirror, next), rest);
}

const sourceFile = /\.(ts|mts|js|mjs|cjs|py|sh)$/;

/** The file `tampered` changes: the one the command runs (main.ts for the built-in vendors), else the first source file. */
async function entryFileOf(dir: string, manifest: VendorManifest): Promise<string> {
  const files = await readdir(dir);
  const named = manifest.run.command.find((part) => files.includes(part) && sourceFile.test(part));
  const entry = named ?? files.sort().find((f) => sourceFile.test(f));
  if (!entry)
    throw new PlugfestError(
      'config-invalid',
      `${manifest.id}: no source file in ${manifest.dir} to tamper with`,
    );
  return entry;
}

function tamperMark(file: string): string {
  const note = 'plugfest: tampered copy: this line changes the measurement of this file';
  return /\.(py|sh)$/.test(file) ? `\n# ${note}\n` : `\n// ${note}\n`;
}
