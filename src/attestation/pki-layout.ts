/**
 * The dev PKI on disk (`plugfest pki init`, types.ts PkiLayout): an operator root CA, a CA per
 * vendor (the endorser, RFC 9334 section 3.2), and per instance a TLS leaf and an
 * attestation-key leaf, each CA with a CRL; key files are written with mode 0600. Also reads a
 * CA, or the whole layout, back from its files.
 */
import { chmod, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { PlugfestError } from '../wire/index.js';
import { type CrlOptions, revoke } from './pki-crl.js';
import {
  type CaHandle,
  createCa,
  dayMs,
  defaultCrlValidDays,
  defaultValidDays,
  issueLeaf,
  withSecret,
} from './pki-issue.js';
import { algorithmOf, certificatesFromPem, importPrivateKey } from './pki-pem.js';
import type { PkiLayout, SigningAlgorithm } from './types.js';

/** A CA from its certificate and key files (as PkiLayout.root or PkiLayout.vendors[id] names them). */
export async function loadCa(files: { readonly cert: string; readonly key: string }): Promise<CaHandle> {
  const [certPem, keyPem] = await Promise.all([readFile(files.cert, 'utf8'), readFile(files.key, 'utf8')]);
  const [cert] = certificatesFromPem(certPem);
  const algorithm = cert && algorithmOf(cert);
  if (!cert || !algorithm)
    throw new PlugfestError('config-invalid', `${files.cert}: no P-256 or Ed25519 certificate`);
  return withSecret(
    { cert, certPem: cert.toString('pem'), algorithm },
    await importPrivateKey(keyPem),
    keyPem,
  );
}

export interface InitPkiOptions {
  /** Default ES256 (ECDSA P-256, as the O-RAN WG11 tables list); EdDSA is Ed25519. */
  readonly algorithm?: SigningAlgorithm;
  /** A vendor CA for each, and both leaves for each of its instances. */
  readonly vendors: ReadonlyArray<{ readonly id: string; readonly instances: readonly string[] }>;
  /** Validity of every certificate, from one minute ago. Default 365. */
  readonly validDays?: number;
  /** Days from each CRL's thisUpdate to its nextUpdate. Default 7. */
  readonly crlValidDays?: number;
  /** Replace a PKI already in `dir` (its root/, vendors/ and instances/ folders). Default false. */
  readonly force?: boolean;
}

const idPattern = /^[a-z][a-z0-9-]{0,30}$/;

/** The paths of the layout of types.ts PkiLayout under `dir`, whether or not they exist. */
export function pkiPaths(
  dir: string,
  algorithm: SigningAlgorithm,
  instancesByVendor: Readonly<Record<string, readonly string[]>>,
): PkiLayout {
  const root = resolve(dir);
  const ca = (folder: string) => ({
    cert: join(folder, 'ca.pem'),
    key: join(folder, 'ca.key.pem'),
    crl: join(folder, 'crl.pem'),
  });
  const vendors: Record<string, PkiLayout['vendors'][string]> = {};
  const instances: Record<string, PkiLayout['instances'][string]> = {};
  for (const [vendor, ids] of Object.entries(instancesByVendor)) {
    vendors[vendor] = ca(join(root, 'vendors', vendor));
    for (const id of ids) {
      const folder = join(root, 'instances', id);
      instances[id] = {
        vendor,
        tlsCert: join(folder, 'tls.pem'),
        tlsKey: join(folder, 'tls.key.pem'),
        attestCert: join(folder, 'attest.pem'),
        attestKey: join(folder, 'attest.key.pem'),
        chain: join(folder, 'chain.pem'),
      };
    }
  }
  return { dir: root, algorithm, root: ca(join(root, 'root')), vendors, instances };
}

function checkIds(vendors: InitPkiOptions['vendors']): Record<string, string[]> {
  const byVendor: Record<string, string[]> = {};
  const owner = new Map<string, string>();
  for (const vendor of vendors) {
    if (!idPattern.test(vendor.id))
      throw new PlugfestError('config-invalid', `vendor id "${vendor.id}" must match ${idPattern}`);
    byVendor[vendor.id] = [...(byVendor[vendor.id] ?? [])];
    for (const id of vendor.instances) {
      if (!idPattern.test(id))
        throw new PlugfestError('config-invalid', `instance id "${id}" must match ${idPattern}`);
      const other = owner.get(id);
      if (other && other !== vendor.id)
        throw new PlugfestError(
          'config-invalid',
          `instance "${id}" is given to both ${other} and ${vendor.id}`,
        );
      if (!other) byVendor[vendor.id]?.push(id);
      owner.set(id, vendor.id);
    }
  }
  return byVendor;
}

const exists = (file: string) =>
  stat(file).then(
    () => true,
    () => false,
  );

async function writeCert(file: string, pem: string): Promise<void> {
  await writeFile(file, pem.endsWith('\n') ? pem : `${pem}\n`, { mode: 0o644 });
}

async function writeKey(file: string, pem: string): Promise<void> {
  await writeFile(file, pem.endsWith('\n') ? pem : `${pem}\n`, { mode: 0o600 });
  await chmod(file, 0o600); // the mode of writeFile applies only to a file it creates
}

/**
 * Writes the dev PKI of types.ts PkiLayout into `dir`: the root CA (pathLen 1), a vendor CA per
 * vendor (subject O = the vendor id, pathLen 0), and per instance a TLS leaf (tls.pem holds the
 * leaf then its vendor CA: the chain a TLS endpoint sends), an attestation leaf and chain.pem,
 * and an empty CRL per CA. Refuses a `dir` that already holds a PKI unless `force`.
 */
export async function initPki(dir: string, options: InitPkiOptions): Promise<PkiLayout> {
  const algorithm = options.algorithm ?? 'ES256';
  const byVendor = checkIds(options.vendors);
  const layout = pkiPaths(dir, algorithm, byVendor);
  if (await exists(layout.root.cert)) {
    if (!options.force)
      throw new PlugfestError(
        'config-invalid',
        `${layout.dir} already holds a PKI (${layout.root.cert}); replace it with force (plugfest pki init --force)`,
      );
    for (const folder of ['root', 'vendors', 'instances'])
      await rm(join(layout.dir, folder), { recursive: true, force: true });
  }
  const validDays = options.validDays ?? defaultValidDays;
  const notBefore = new Date(Date.now() - 60_000);
  const dates = { notBefore, notAfter: new Date(notBefore.getTime() + validDays * dayMs) };
  const crlDates = (thisUpdate: Date) => ({
    thisUpdate,
    nextUpdate: new Date(thisUpdate.getTime() + (options.crlValidDays ?? defaultCrlValidDays) * dayMs),
  });

  const root = await createCa({
    name: 'plugfest operator root CA',
    organization: 'plugfest operator',
    algorithm,
    pathLength: 1,
    ...dates,
  });
  await writeCa(layout.root, root, crlDates(new Date()));

  for (const [vendor, instances] of Object.entries(byVendor)) {
    const files = layout.vendors[vendor]!;
    const ca = await createCa({
      name: `${vendor} vendor CA`,
      organization: vendor,
      issuer: root,
      pathLength: 0,
      ...dates,
    });
    await writeCa(files, ca, crlDates(new Date()));
    for (const id of instances) {
      const out = layout.instances[id]!;
      await mkdir(join(layout.dir, 'instances', id), { recursive: true });
      const common = { ca, commonName: id, organization: vendor, ...dates };
      const tls = await issueLeaf({ ...common, usage: 'tls' });
      const attest = await issueLeaf({ ...common, usage: 'attest' });
      await writeCert(out.tlsCert, `${tls.certPem}\n${ca.certPem}`);
      await writeKey(out.tlsKey, tls.keyPem);
      await writeCert(out.attestCert, attest.certPem);
      await writeKey(out.attestKey, attest.keyPem);
      await writeCert(out.chain, `${attest.certPem}\n${ca.certPem}`);
    }
  }
  return layout;
}

async function writeCa(files: PkiLayout['root'], ca: CaHandle, crl: CrlOptions): Promise<void> {
  await mkdir(join(files.cert, '..'), { recursive: true });
  await writeCert(files.cert, ca.certPem);
  await writeKey(files.key, ca.keyPem);
  await revoke(ca, [], { ...crl, file: files.crl });
}

/**
 * The layout of a PKI written by initPki: vendors from vendors/*, instances from instances/*
 * (each one's vendor read from its attestation certificate's subject O), the algorithm from the
 * root. Checks that every file of the layout exists.
 */
export async function loadPki(dir: string): Promise<PkiLayout> {
  const base = resolve(dir);
  const rootPem = await readFile(join(base, 'root', 'ca.pem'), 'utf8').catch(() => {
    throw new PlugfestError('config-invalid', `${base} holds no PKI (no root/ca.pem); run plugfest pki init`);
  });
  const [rootCert] = certificatesFromPem(rootPem);
  const algorithm = rootCert && algorithmOf(rootCert);
  if (!algorithm) throw new PlugfestError('config-invalid', `${base}/root/ca.pem: no P-256 or Ed25519 root`);
  const list = (folder: string) =>
    readdir(join(base, folder), { withFileTypes: true }).then(
      (entries) =>
        entries
          .filter((e) => e.isDirectory())
          .map((e) => e.name)
          .sort(),
      () => [] as string[],
    );
  const byVendor: Record<string, string[]> = {};
  for (const vendor of await list('vendors')) byVendor[vendor] = [];
  for (const id of await list('instances')) {
    const attestPem = await readFile(join(base, 'instances', id, 'attest.pem'), 'utf8').catch(() => '');
    const vendor = certificatesFromPem(attestPem)[0]?.subjectName.getField('O')[0];
    if (!vendor || !byVendor[vendor])
      throw new PlugfestError(
        'config-invalid',
        `${base}/instances/${id}/attest.pem names no vendor of vendors/`,
      );
    byVendor[vendor].push(id);
  }
  const layout = pkiPaths(base, algorithm, byVendor);
  const files = [
    ...Object.values(layout.root),
    ...Object.values(layout.vendors).flatMap((v) => Object.values(v)),
    ...Object.values(layout.instances).flatMap(({ vendor: _, ...paths }) => Object.values(paths)),
  ];
  const missing = [];
  for (const file of files) if (!(await exists(file))) missing.push(file);
  if (missing.length > 0)
    throw new PlugfestError('config-invalid', `${base}: incomplete PKI, missing ${missing.join(', ')}`);
  return layout;
}
