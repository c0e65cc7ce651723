/**
 * A secured run (topology `security: attest | mtls`): the run's own dev PKI, its trust policy,
 * the harness's own attestation facts, and each instance's identity files for its config.
 *
 * In <run>/security/:
 *   pki/                  initPki: the operator root, a CA per catalogue vendor and for the
 *                         harness, both leaves for every instance (and the harness's `smo`)
 *   pki/swapped/<i>-<v>/  leaves issued later, when instance i is swapped to vendor v
 *   harness/sbom.cdx.json the harness's SBOM (plugfest and its runtime dependencies)
 *   trust-policy.yaml     what every verifier of the run applies, reloaded when it changes
 *
 * The default policy is criteria (the run's root pinned, debug disabled, SBOM required) plus,
 * for each vendor the topology runs, the reference values of its catalogue folder: its version
 * as the minimum, its measurements and SBOM digest. So a vendor started from a changed copy of
 * its folder (instance `modified`) fails the swversion or measurements check. A given policy
 * (topology `trustPolicy`) is used as written, with the run's root and CRLs added.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { parseDocument, stringify } from 'yaml';
import { createSbom, measureVendor } from '../attestation/evidence.js';
import { initPki, issueLeaf, loadCa } from '../attestation/pki.js';
import { loadTrustPolicy, referenceEntry, type VendorEntry } from '../attestation/policy.js';
import type { PkiLayout } from '../attestation/types.js';
import type { AttesterFacts, SecurityConfig } from '../sdk/index.js';
import { harnessSmo, harnessVendor, type Topology, type VendorCatalog } from '../topology/index.js';
import { PlugfestError } from '../wire/index.js';

/** The hardware model the harness's own evidence claims. */
export const harnessHwmodel = 'plugfest-harness';

export interface RunSecurity {
  readonly mode: 'attest' | 'mtls';
  /** <run>/security. */
  readonly dir: string;
  readonly pki: PkiLayout;
  /** The trust policy every verifier of the run applies. */
  readonly policyFile: string;
  /** What the harness's own attesters (its SMO, its test peers) claim. */
  readonly harnessFacts: AttesterFacts;
  /** The `security` of the config of `instance` played by `vendor` (issuing its leaves if new). */
  configOf(instance: string, vendor: string): Promise<SecurityConfig>;
}

export interface PrepareSecurityOptions {
  readonly topology: Topology;
  readonly catalog: VendorCatalog;
  readonly runDir: string;
  /** plugfest's own folder: its package.json is the harness's measurement. */
  readonly root: string;
}

/** Undefined for `security: none`. */
export async function prepareSecurity(options: PrepareSecurityOptions): Promise<RunSecurity | undefined> {
  const { topology, catalog } = options;
  const mode = topology.options.security;
  if (mode === 'none') return undefined;
  const dir = join(options.runDir, 'security');
  await mkdir(dir, { recursive: true });

  // A CA for every catalogue vendor, so that any vendor can be swapped into an instance.
  const instances = new Map<string, string[]>([...catalog.keys()].map((id) => [id, []]));
  instances.set(harnessVendor, []);
  for (const instance of topology.instances.values())
    instances.set(instance.vendor, [...(instances.get(instance.vendor) ?? []), instance.id]);
  if (topology.links.some((l) => l.client === harnessSmo) && !topology.instances.has(harnessSmo))
    instances.get(harnessVendor)?.push(harnessSmo);
  const pki = await initPki(join(dir, 'pki'), {
    vendors: [...instances].map(([id, ids]) => ({ id, instances: ids })),
  });

  const harnessFacts = await writeHarnessSbom(join(dir, 'harness'), options.root);
  const policyFile = join(dir, 'trust-policy.yaml');
  const crls = [pki.root.crl, ...Object.values(pki.vendors).map((v) => v.crl)];
  const policy = topology.options.trustPolicy
    ? await givenPolicy(topology.options.trustPolicy, pki.root.cert, crls)
    : await defaultPolicy(options, mode, pki.root.cert, crls, harnessFacts);
  await writeFile(policyFile, policy);
  try {
    loadTrustPolicy(policyFile);
  } catch (error) {
    const source = topology.options.trustPolicy ?? 'the default policy';
    throw new PlugfestError(
      'config-invalid',
      `trust policy ${source} (as the run writes it): ${PlugfestError.from(error).rawMessage}`,
      { file: policyFile },
      error,
    );
  }

  const issued = new Map<string, PkiLayout['instances'][string]>();
  const identityOf = async (instance: string, vendor: string) => {
    const planned = pki.instances[instance];
    if (planned?.vendor === vendor) return planned;
    const key = `${instance}-${vendor}`;
    const known = issued.get(key);
    if (known) return known;
    const caFiles = pki.vendors[vendor];
    if (!caFiles) throw new PlugfestError('config-invalid', `the run's PKI has no CA for vendor ${vendor}`);
    const made = await issueIdentity(join(pki.dir, 'swapped', key), caFiles, instance, vendor);
    issued.set(key, made);
    return made;
  };

  return {
    mode,
    dir,
    pki,
    policyFile,
    harnessFacts,
    async configOf(instance, vendor) {
      const identity = await identityOf(instance, vendor);
      return {
        mode,
        attestKey: identity.attestKey,
        attestChain: identity.chain,
        tlsCert: identity.tlsCert,
        tlsKey: identity.tlsKey,
        caBundle: pki.root.cert,
        crls,
        trustPolicy: policyFile,
        debug: false,
      };
    },
  };
}

/** Both leaves of `instance` under the vendor CA, written to `dir`. */
async function issueIdentity(
  dir: string,
  caFiles: PkiLayout['vendors'][string],
  instance: string,
  vendor: string,
): Promise<PkiLayout['instances'][string]> {
  await mkdir(dir, { recursive: true });
  const ca = await loadCa(caFiles);
  const common = { ca, commonName: instance, organization: vendor };
  const tls = await issueLeaf({ ...common, usage: 'tls' });
  const attest = await issueLeaf({ ...common, usage: 'attest' });
  const files = {
    vendor,
    tlsCert: join(dir, 'tls.pem'),
    tlsKey: join(dir, 'tls.key.pem'),
    attestCert: join(dir, 'attest.pem'),
    attestKey: join(dir, 'attest.key.pem'),
    chain: join(dir, 'chain.pem'),
  };
  await writeFile(files.tlsCert, `${tls.certPem}\n${ca.certPem}\n`);
  await writeFile(files.tlsKey, `${tls.keyPem}\n`, { mode: 0o600 });
  await writeFile(files.attestCert, `${attest.certPem}\n`);
  await writeFile(files.attestKey, `${attest.keyPem}\n`, { mode: 0o600 });
  await writeFile(files.chain, `${attest.certPem}\n${ca.certPem}\n`);
  return files;
}

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

/**
 * The harness's SBOM (plugfest, and the runtime dependencies it loads at their installed
 * versions), and the facts its evidence claims: plugfest's package.json measured.
 */
async function writeHarnessSbom(dir: string, root: string): Promise<AttesterFacts> {
  const packageText = await readFile(join(root, 'package.json'), 'utf8');
  const pkg = JSON.parse(packageText) as {
    name: string;
    version: string;
    dependencies?: Record<string, string>;
  };
  const installed = (name: string, range: string) => {
    const file = join(root, 'node_modules', name, 'package.json');
    if (!existsSync(file)) return range.replace(/^[\^~]/, '');
    return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
  };
  const components = Object.entries(pkg.dependencies ?? {}).map(([name, range]) => {
    const version = installed(name, range);
    return {
      name,
      version,
      supplier: name.startsWith('@') ? name.slice(1).split('/')[0]! : name,
      purl: `pkg:npm/${name.replace('@', '%40')}@${version}`,
    };
  });
  const sbom = createSbom({
    product: {
      name: pkg.name,
      version: pkg.version,
      supplier: 'plugfest',
      purl: `pkg:npm/${pkg.name}@${pkg.version}`,
      description: 'plugfest harness: the SMO on A1 and the test peers',
      dependsOn: components.map((c) => c.purl),
    },
    components,
    author: 'plugfest harness',
  });
  await mkdir(dir, { recursive: true });
  const text = `${JSON.stringify(sbom, null, 2)}\n`;
  await writeFile(join(dir, 'sbom.cdx.json'), text);
  return {
    vendor: harnessVendor,
    hwmodel: harnessHwmodel,
    swname: pkg.name,
    swversion: pkg.version,
    measurements: { 'package.json': sha256(packageText) },
    sbomDigest: sha256(text),
  };
}

async function defaultPolicy(
  options: PrepareSecurityOptions,
  mode: 'attest' | 'mtls',
  root: string,
  crls: readonly string[],
  harness: AttesterFacts,
): Promise<string> {
  const vendors: VendorEntry[] = [];
  const ids = new Set([...options.topology.instances.values()].map((i) => i.vendor));
  for (const id of [...ids].sort()) {
    const manifest = options.catalog.get(id);
    if (!manifest) continue; // the harness, below
    const measured = await measureVendor(manifest.dir);
    vendors.push(
      referenceEntry({
        id,
        role: manifest.role,
        swversion: manifest.version,
        hwmodel: manifest.attestation?.hwmodel ?? id,
        ...measured,
      }),
    );
  }
  vendors.push({
    id: harnessVendor,
    status: 'trusted',
    hwmodels: [harness.hwmodel],
    minSwVersion: harness.swversion,
    measurements: { ...harness.measurements },
    ...(harness.sbomDigest ? { sbomDigest: harness.sbomDigest } : {}),
  });
  const policy = {
    algorithms: ['ES256', 'EdDSA'],
    reattestation: { epochS: 3600 },
    roots: [root],
    crls: [...crls],
    criteria: { requireSbom: true, requireDebugDisabled: true, requireChannelBinding: mode === 'mtls' },
    vendors,
  };
  return `# The trust policy of this run, made by the orchestrator (src/orchestrator/security.ts): the
# run's root pinned, debug disabled and an SBOM required of every vendor, and each vendor of the
# topology pinned to the reference values of its catalogue folder. Edit it while the run is up:
# every verifier reloads it within a second and drops the links of a vendor it now revokes.
${stringify(policy, { lineWidth: 0 })}`;
}

/** The given policy, its relative paths made absolute, with the run's root and CRLs added. */
async function givenPolicy(file: string, root: string, crls: readonly string[]): Promise<string> {
  const doc = parseDocument(await readFile(file, 'utf8'));
  if (doc.errors.length > 0) {
    throw new PlugfestError('config-invalid', `${file}: ${doc.errors[0]!.message.split('\n')[0]}`, { file });
  }
  const base = dirname(resolve(file));
  const absolute = (path: unknown) =>
    typeof path === 'string' && !isAbsolute(path) ? resolve(base, path) : path;
  const policy = (doc.toJS() ?? {}) as Record<string, unknown>;
  const list = (value: unknown) => (Array.isArray(value) ? value.map(absolute) : []);
  policy.roots = [...list(policy.roots), root];
  policy.crls = [...list(policy.crls), ...crls];
  if (Array.isArray(policy.vendors)) {
    for (const vendor of policy.vendors as Record<string, unknown>[]) {
      if (vendor.roots !== undefined) vendor.roots = list(vendor.roots);
      if (vendor.sbom !== undefined) vendor.sbom = absolute(vendor.sbom);
    }
  }
  return `# ${file}, as this run applies it: its paths made absolute, the run's root and CRLs added.
${stringify(policy, { lineWidth: 0 })}`;
}
