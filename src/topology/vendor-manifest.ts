/**
 * vendor.yaml: what a vendor declares about itself (docs/vendor-contract.md section 1). The
 * harness reads it to list vendors, to start them, and to expand the matrix; how a vendor
 * behaves is in its code, found over the interfaces, never in flags read from here.
 */
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { loadConfigFile } from '../config/index.js';

const versionList = z
  .array(z.string().regex(/^\d+\.\d+$/, 'must be "major.minor", for example "1.0"'))
  .min(1);
const compression = z.strictObject({
  method: z.enum(['bfp', 'none']),
  /** IQ bit widths; "none" is 16-bit uncompressed. */
  iqWidths: z.array(z.number().int().min(1).max(16)).min(1),
});

const oRuCapabilities = z.strictObject({
  bands: z.array(z.number().int().positive()).min(1),
  maxBandwidthMhz: z.number().positive(),
  scsKhz: z.array(z.union([z.literal(15), z.literal(30), z.literal(60), z.literal(120)])).min(1),
  compression: z.array(compression).min(1),
  txArrays: z.number().int().positive(),
  rxArrays: z.number().int().positive(),
  eaxcIds: z.strictObject({ min: z.number().int().nonnegative(), max: z.number().int().nonnegative() }),
});

const oDuCapabilities = z.strictObject({
  serviceModels: z.array(z.enum(['kpm', 'rc'])).min(1),
  bandwidthMhz: z.number().positive(),
  scsKhz: z.union([z.literal(15), z.literal(30), z.literal(60), z.literal(120)]),
  /** Compression in order of preference. */
  compressionPreference: z
    .array(z.strictObject({ method: z.enum(['bfp', 'none']), iqWidth: z.number().int() }))
    .min(1),
  arrays: z.number().int().positive(),
});

const ricCapabilities = z.strictObject({
  serviceModels: z.array(z.enum(['kpm', 'rc'])).min(1),
  xapps: z.array(z.string()).default([]),
  a1PolicyTypes: z.array(z.number().int().nonnegative()).default([]),
});

const smoCapabilities = z.strictObject({}).default({});

const run = z.strictObject({
  /**
   * argv, run in the vendor's folder. `${node}` is replaced by the Node.js running the harness,
   * `${root}` by plugfest's own folder; `["${ts}", "<entry>.ts", ...]` runs a TypeScript entry,
   * built once by esbuild and cached by content (orchestrator/typescript-entry.ts).
   */
  command: z.array(z.string().min(1)).min(1),
  /** Container image for the container backend. */
  image: z.string().optional(),
  dockerfile: z.string().optional(),
});

/** What the vendor's attestation evidence says of its product (EAT hwmodel, swname). */
const attestation = z.strictObject({
  /** The hardware model its evidence claims. Default: the vendor id. */
  hwmodel: z.string().min(1).optional(),
  /** The software name its evidence claims. Default: `<id>-<role>`, as the SBOM's product. */
  swname: z.string().min(1).optional(),
});

const common = {
  id: z.string().regex(/^[a-z][a-z0-9-]{1,30}$/, 'must be a short lowercase id, for example "ruvello"'),
  name: z.string().min(1),
  version: z.string().min(1),
  description: z.string().default(''),
  run,
  attestation: attestation.optional(),
  /**
   * A vendor made for the negative cases (a rogue that attests with a CA of its own): a topology
   * may name it, the matrix leaves it out. Default false.
   */
  negative: z.boolean().default(false),
};

export const vendorManifestSchema = z.discriminatedUnion('role', [
  z.strictObject({
    ...common,
    role: z.literal('o-ru'),
    interfaces: z.strictObject({ 'ofh-m': versionList, 'ofh-cu': versionList }),
    capabilities: oRuCapabilities,
  }),
  z.strictObject({
    ...common,
    role: z.literal('o-du'),
    interfaces: z.strictObject({ 'ofh-m': versionList, 'ofh-cu': versionList, e2: versionList }),
    capabilities: oDuCapabilities,
  }),
  z.strictObject({
    ...common,
    role: z.literal('near-rt-ric'),
    interfaces: z.strictObject({ e2: versionList, a1: versionList.optional() }),
    capabilities: ricCapabilities,
  }),
  z.strictObject({
    ...common,
    role: z.literal('smo'),
    interfaces: z.strictObject({ a1: versionList }),
    capabilities: smoCapabilities,
  }),
]);

export type VendorManifest = z.output<typeof vendorManifestSchema> & {
  readonly dir: string;
  readonly file: string;
};

/** Every vendor.yaml under the given folders (each folder holds one folder per vendor). */
export type VendorCatalog = ReadonlyMap<string, VendorManifest>;

export function loadVendorManifest(dir: string): VendorManifest {
  const file = join(dir, 'vendor.yaml');
  return { ...loadConfigFile(file, vendorManifestSchema), dir: resolve(dir), file };
}

export function loadVendorCatalog(roots: readonly string[]): VendorCatalog {
  const catalog = new Map<string, VendorManifest>();
  for (const root of roots) {
    for (const name of readdirSync(root).sort()) {
      const dir = join(root, name);
      if (!statSync(dir).isDirectory()) continue;
      try {
        statSync(join(dir, 'vendor.yaml'));
      } catch {
        continue;
      }
      const manifest = loadVendorManifest(dir);
      catalog.set(manifest.id, manifest);
    }
  }
  return catalog;
}
