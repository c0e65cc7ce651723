/**
 * The attester's side (RFC 9334 section 3.1): what a vendor measures about itself at start, and
 * its evidence, an EAT (RFC 9711) as a JWT signed with the instance's attestation key, the
 * certificate chain in x5c. Also the vendor's SBOM (CycloneDX 1.5 JSON) and the NTIA minimum
 * elements check the verifier's `sbom` check applies to it.
 */
import { createHash, randomBytes } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { TLSSocket } from 'node:tls';
import { importPKCS8, SignJWT } from 'jose';
import { PlugfestError } from '../wire/index.js';
import { x5cFromPem } from './pki.js';
import type { EvidenceClaims, SigningAlgorithm } from './types.js';

/** The SBOM's file name in a vendor folder (EvidenceClaims.manifests key). */
export const sbomFile = 'sbom.cdx.json';

const sha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest('hex');
const isFile = (path: string) =>
  stat(path).then(
    (s) => s.isFile(),
    () => false,
  );

export interface VendorMeasurement {
  /** sha-256 (hex) of each shipped file, by path relative to the vendor folder with '/', sorted. */
  readonly measurements: Record<string, string>;
  /** sha-256 (hex) of sbom.cdx.json; absent when the folder has none. */
  readonly sbomDigest?: string;
}

/**
 * Measures a vendor folder as it is on disk now (call it at start, before serving: what runs is
 * what was read). Every regular file counts, recursively, except dotfiles and node_modules;
 * symbolic links to files are measured by their target's content. sbom.cdx.json is measured
 * apart, as the manifest digest: kept out of `measurements`, so a missing or changed SBOM fails
 * the verifier's `sbom` check, not the `measurements` check that runs before it.
 */
export async function measureVendor(vendorDir: string): Promise<VendorMeasurement> {
  const files: string[] = [];
  const walk = async (relative: string): Promise<void> => {
    const entries = await readdir(join(vendorDir, relative), { withFileTypes: true });
    for (const entry of entries) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const path = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile() || (entry.isSymbolicLink() && (await isFile(join(vendorDir, path)))))
        files.push(path);
    }
  };
  await walk('');
  files.sort();
  const measurements: Record<string, string> = {};
  let sbomDigest: string | undefined;
  for (const path of files) {
    const digest = sha256(await readFile(join(vendorDir, path)));
    if (path === sbomFile) sbomDigest = digest;
    else measurements[path] = digest;
  }
  return sbomDigest === undefined ? { measurements } : { measurements, sbomDigest };
}

/** A random-type UEID (RFC 9711 section 4.2.1): 0x01 then 32 random bytes, base64url. */
export function newUeid(): string {
  return Buffer.concat([Buffer.from([0x01]), randomBytes(32)]).toString('base64url');
}

/**
 * The tls-exporter channel binding (RFC 9266): 32 bytes exported with the label
 * "EXPORTER-Channel-Binding" and no context, base64url. Both ends of one TLS session get the same
 * value, and a token relayed into another session carries the wrong one. On TLS 1.2 it is only
 * unique with the extended master secret, which OpenSSL (so Node) negotiates by default.
 */
export function channelBindingOf(socket: Pick<TLSSocket, 'exportKeyingMaterial'>): string {
  // No context, as RFC 9266 says (on TLS 1.2, no context and an empty one differ); Node takes
  // undefined as none although its types ask for a Buffer.
  const noContext = undefined as unknown as Buffer;
  return socket.exportKeyingMaterial(32, 'EXPORTER-Channel-Binding', noContext).toString('base64url');
}

export interface CreateEvidenceOptions {
  /** The claims, signed as given; `iat` defaults to now in whole seconds. */
  readonly claims: Omit<EvidenceClaims, 'iat'> & { readonly iat?: number };
  /** PKCS#8 PEM of the instance's attestation key (PkiLayout.instances[id].attestKey). */
  readonly attestKeyPem: string;
  /** The attestation leaf then its vendor CA (PkiLayout.instances[id].chain): the x5c header. */
  readonly chainPem: string;
  readonly algorithm: SigningAlgorithm;
}

/**
 * The evidence: a compact JWS with header { alg, typ: "eat+jwt", x5c }. typ is the RFC 9782
 * media type application/eat+jwt without "application/", as RFC 7515 section 4.1.9 recommends.
 * It signs what it is given: it does not check that the key matches the chain's leaf, so a
 * negative case can sign with the wrong key.
 */
export async function createEvidence(options: CreateEvidenceOptions): Promise<string> {
  const x5c = x5cFromPem(options.chainPem);
  if (x5c.length === 0) throw new PlugfestError('config-invalid', 'the evidence chain holds no certificate');
  const key = await importPKCS8(options.attestKeyPem, options.algorithm);
  const claims = { ...options.claims, iat: options.claims.iat ?? Math.floor(Date.now() / 1000) };
  return new SignJWT(claims).setProtectedHeader({ alg: options.algorithm, typ: 'eat+jwt', x5c }).sign(key);
}

// ---- SBOM (CycloneDX 1.5 JSON) ----

/** One component of an SBOM; its purl is also its bom-ref. */
export interface SbomComponent {
  readonly name: string;
  readonly version: string;
  readonly supplier: string;
  /** Package URL (the NTIA "other unique identifier"). */
  readonly purl: string;
  readonly description?: string;
  /** purls of the components this one depends on directly; absent: unknown (left out of the graph). */
  readonly dependsOn?: readonly string[];
}

export interface CreateSbomOptions {
  /** The vendor's product: metadata.component, type application. */
  readonly product: SbomComponent;
  /** Everything the product ships with or loads, each with its own dependsOn. */
  readonly components: readonly SbomComponent[];
  /** Author of the SBOM data (NTIA), a person or team. */
  readonly author: string;
  /** Default: now. */
  readonly timestamp?: Date;
  /** Default: a random urn:uuid. */
  readonly serialNumber?: string;
}

/**
 * A CycloneDX 1.5 BOM with the NTIA minimum elements (supplier, component name, version, purl,
 * dependency relationships, author, timestamp). Third-party components' own dependencies are not
 * listed, and its composition says so (incomplete_third_party_only).
 */
export function createSbom(options: CreateSbomOptions): Record<string, unknown> {
  const component = (c: SbomComponent, type: 'application' | 'library') => ({
    type,
    'bom-ref': c.purl,
    supplier: { name: c.supplier },
    name: c.name,
    version: c.version,
    ...(c.description ? { description: c.description } : {}),
    purl: c.purl,
  });
  return {
    bomFormat: 'CycloneDX',
    specVersion: '1.5',
    serialNumber: options.serialNumber ?? `urn:uuid:${crypto.randomUUID()}`,
    version: 1,
    metadata: {
      timestamp: (options.timestamp ?? new Date()).toISOString(),
      authors: [{ name: options.author }],
      supplier: { name: options.product.supplier },
      component: component(options.product, 'application'),
    },
    components: options.components.map((c) => component(c, 'library')),
    // CycloneDX: an empty dependsOn says "depends on nothing"; a component left out of the
    // graph has unknown dependencies, as a third-party library here does.
    dependencies: [
      { ref: options.product.purl, dependsOn: [...(options.product.dependsOn ?? [])] },
      ...options.components.flatMap((c) =>
        c.dependsOn ? [{ ref: c.purl, dependsOn: [...c.dependsOn] }] : [],
      ),
    ],
    compositions: [{ aggregate: 'incomplete_third_party_only', assemblies: [options.product.purl] }],
  };
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';

/**
 * The NTIA minimum elements (NTIA, "The Minimum Elements For a Software Bill of Materials", 2021)
 * a CycloneDX JSON SBOM lacks, each as "<element> (<where>)": author, timestamp, and for the
 * product and every component supplier, component name, version and unique identifier (purl,
 * cpe or swid), and the product's dependency relationship. Empty when it has them all. Takes the
 * file's text or its parsed JSON.
 */
export function ntiaMissing(sbomJson: unknown): string[] {
  let bom: unknown = sbomJson;
  if (typeof sbomJson === 'string') {
    try {
      bom = JSON.parse(sbomJson);
    } catch {
      return ['CycloneDX JSON document (not JSON)'];
    }
  }
  if (!isObject(bom) || bom.bomFormat !== 'CycloneDX') return ['CycloneDX JSON document (bomFormat)'];
  const missing: string[] = [];
  const metadata = isObject(bom.metadata) ? bom.metadata : {};
  const authors = Array.isArray(metadata.authors) ? metadata.authors : [];
  if (!authors.some((a) => isObject(a) && (text(a.name) || text(a.email))))
    missing.push('author (metadata.authors)');
  if (!text(metadata.timestamp) || Number.isNaN(Date.parse(metadata.timestamp)))
    missing.push('timestamp (metadata.timestamp)');

  const product = isObject(metadata.component) ? metadata.component : undefined;
  if (!product) missing.push('component name (metadata.component)');
  const components = Array.isArray(bom.components) ? bom.components : [];
  const checked: Array<[string, Json]> = [
    ...(product ? [['metadata.component', product] as [string, Json]] : []),
    ...components.map((c, i): [string, Json] => [`components[${i}]`, isObject(c) ? c : {}]),
  ];
  for (const [where, c] of checked) {
    // The product's supplier may be given once for the whole BOM (metadata.supplier).
    const supplier = isObject(c.supplier) ? c.supplier : c === product ? metadata.supplier : undefined;
    if (!isObject(supplier) || !text(supplier.name)) missing.push(`supplier (${where}.supplier)`);
    if (!text(c.name)) missing.push(`component name (${where}.name)`);
    if (!text(c.version)) missing.push(`version (${where}.version)`);
    if (!text(c.purl) && !text(c.cpe) && !text(c.swid) && !isObject(c.swid))
      missing.push(`unique identifier (${where}.purl)`);
  }
  const dependencies = Array.isArray(bom.dependencies) ? bom.dependencies : [];
  const productRef = product?.['bom-ref'];
  if (!dependencies.some((d) => isObject(d) && text(d.ref) && d.ref === productRef))
    missing.push('dependency relationship (dependencies[ref = metadata.component.bom-ref])');
  return missing;
}
