/**
 * The dev PKI (`plugfest pki init`): an operator root CA, a CA per vendor (the endorser, RFC 9334
 * section 3.2), and per instance a TLS leaf and an attestation-key leaf, each CA with a CRL. The
 * building blocks (createCa, issueLeaf, selfSigned, revoke) are exported so the negative
 * attestation cases can make an expired, not-yet-valid, self-signed, revoked or foreign chain.
 *
 * Keys are CryptoKeys (WebCrypto) and PKCS#8 PEM; a handle keeps them non-enumerable so a log
 * line or JSON.stringify of a handle never carries them, and key files are written with mode 0600.
 */
// @peculiar/x509 resolves its services through tsyringe, which needs the Reflect metadata API
// loaded before the library is. Any module that imports @peculiar/x509 does the same.
import 'reflect-metadata';
import { createPrivateKey, type KeyObject, type webcrypto } from 'node:crypto';
import { chmod, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import * as x509 from '@peculiar/x509';
import { PlugfestError } from '../wire/index.js';
import type { PkiLayout, SigningAlgorithm } from './types.js';

type CryptoKey = webcrypto.CryptoKey;
type CryptoKeyPair = webcrypto.CryptoKeyPair;

/** A CA that can sign: its certificate and its private key (the key is non-enumerable). */
export interface CaHandle {
  readonly cert: x509.X509Certificate;
  readonly certPem: string;
  readonly algorithm: SigningAlgorithm;
  readonly privateKey: CryptoKey;
  readonly keyPem: string;
}

/** A leaf certificate and its private key (the key is non-enumerable). */
export interface LeafHandle {
  readonly cert: x509.X509Certificate;
  readonly certPem: string;
  readonly algorithm: SigningAlgorithm;
  /** Hexadecimal, as X509Certificate.serialNumber and X509CrlEntry.serialNumber give it: what revoke() takes. */
  readonly serialNumber: string;
  readonly privateKey: CryptoKey;
  readonly keyPem: string;
}

/** `tls`: serverAuth + clientAuth with a SAN; `attest`: digitalSignature only (the EAT signing key). */
export type LeafUsage = 'tls' | 'attest';

/** Subject alternative names of a TLS leaf. */
export interface SubjectAltNames {
  readonly dns?: readonly string[];
  readonly ip?: readonly string[];
}

export interface Validity {
  /** Default: one minute ago, so a peer whose clock lags a little accepts the certificate at once. */
  readonly notBefore?: Date;
  /** Default: notBefore + 365 days. */
  readonly notAfter?: Date;
}

const defaultValidDays = 365;
const defaultCrlValidDays = 7;
const dayMs = 86_400_000;

const keyGenParams: Record<SigningAlgorithm, webcrypto.EcKeyGenParams | webcrypto.Algorithm> = {
  ES256: { name: 'ECDSA', namedCurve: 'P-256' },
  EdDSA: { name: 'Ed25519' },
};
const signingParams: Record<SigningAlgorithm, webcrypto.EcdsaParams | webcrypto.Algorithm> = {
  ES256: { name: 'ECDSA', hash: 'SHA-256' },
  EdDSA: { name: 'Ed25519' },
};

function validity(options: Validity): { notBefore: Date; notAfter: Date } {
  const notBefore = options.notBefore ?? new Date(Date.now() - 60_000);
  return {
    notBefore,
    notAfter: options.notAfter ?? new Date(notBefore.getTime() + defaultValidDays * dayMs),
  };
}

/** 16 random bytes, the top bit clear (a positive DER INTEGER) and the next set (no leading zero to strip). */
function serialNumber(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[0] = ((bytes[0] ?? 0) & 0x7f) | 0x40;
  return Buffer.from(bytes).toString('hex');
}

async function generateKeys(algorithm: SigningAlgorithm): Promise<CryptoKeyPair> {
  return (await crypto.subtle.generateKey(keyGenParams[algorithm], true, [
    'sign',
    'verify',
  ])) as CryptoKeyPair;
}

async function pkcs8Pem(key: CryptoKey): Promise<string> {
  return x509.PemConverter.encode(await crypto.subtle.exportKey('pkcs8', key), 'PRIVATE KEY');
}

/** Builds a handle whose private key is left out of JSON, util.inspect and pino. */
function withSecret<T extends object>(
  visible: T,
  privateKey: CryptoKey,
  keyPem: string,
): T & { privateKey: CryptoKey; keyPem: string } {
  return Object.defineProperties(visible, {
    privateKey: { value: privateKey, enumerable: false },
    keyPem: { value: keyPem, enumerable: false },
  }) as T & { privateKey: CryptoKey; keyPem: string };
}

export interface CreateCaOptions extends Validity {
  /** The CA's common name. */
  readonly name: string;
  /** Subject O: for a vendor CA, the vendor id (the oemid its evidence must carry). Default: `name`. */
  readonly organization?: string;
  /** Key algorithm. Default: the issuer's, else ES256. */
  readonly algorithm?: SigningAlgorithm;
  /** The CA that signs this one; absent, the CA is a self-signed root. */
  readonly issuer?: CaHandle;
  /** basicConstraints pathLenConstraint. Default: none (unlimited). */
  readonly pathLength?: number;
}

/** A root CA, or an intermediate when `issuer` is given: basicConstraints CA (critical), keyCertSign + cRLSign. */
export async function createCa(options: CreateCaOptions): Promise<CaHandle> {
  const algorithm = options.algorithm ?? options.issuer?.algorithm ?? 'ES256';
  const keys = await generateKeys(algorithm);
  const subject = new x509.Name([{ CN: [options.name] }, { O: [options.organization ?? options.name] }]);
  const extensions: x509.Extension[] = [
    new x509.BasicConstraintsExtension(true, options.pathLength, true),
    new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
    await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
  ];
  const issuer = options.issuer;
  const cert = issuer
    ? await x509.X509CertificateGenerator.create({
        serialNumber: serialNumber(),
        subject,
        issuer: issuer.cert.subjectName,
        ...validity(options),
        publicKey: keys.publicKey,
        signingKey: issuer.privateKey,
        signingAlgorithm: signingParams[issuer.algorithm],
        extensions: [...extensions, await x509.AuthorityKeyIdentifierExtension.create(issuer.cert.publicKey)],
      })
    : await x509.X509CertificateGenerator.createSelfSigned({
        serialNumber: serialNumber(),
        name: subject,
        ...validity(options),
        keys,
        signingAlgorithm: signingParams[algorithm],
        extensions,
      });
  return withSecret(
    { cert, certPem: cert.toString('pem'), algorithm },
    keys.privateKey,
    await pkcs8Pem(keys.privateKey),
  );
}

export interface LeafOptions extends Validity {
  /** Subject CN: the instance id. */
  readonly commonName: string;
  /** Subject O: the vendor id. */
  readonly organization: string;
  readonly usage: LeafUsage;
  /** For `tls`. Default: DNS localhost and `commonName`, IP 127.0.0.1. */
  readonly san?: SubjectAltNames;
}

function leafExtensions(options: LeafOptions): x509.Extension[] {
  const extensions: x509.Extension[] = [
    new x509.BasicConstraintsExtension(false, undefined, true),
    new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
  ];
  if (options.usage === 'tls') {
    const san = options.san ?? { dns: ['localhost', options.commonName], ip: ['127.0.0.1'] };
    extensions.push(
      new x509.ExtendedKeyUsageExtension([
        x509.ExtendedKeyUsage.serverAuth,
        x509.ExtendedKeyUsage.clientAuth,
      ]),
      new x509.SubjectAlternativeNameExtension([
        ...(san.dns ?? []).map((value) => ({ type: 'dns' as const, value })),
        ...(san.ip ?? []).map((value) => ({ type: 'ip' as const, value })),
      ]),
    );
  }
  return extensions;
}

function leafName(options: LeafOptions): x509.Name {
  return new x509.Name([{ CN: [options.commonName] }, { O: [options.organization] }]);
}

/** A leaf signed by `ca`, with a key of the CA's algorithm unless `algorithm` says otherwise. */
export async function issueLeaf(
  options: LeafOptions & { readonly ca: CaHandle; readonly algorithm?: SigningAlgorithm },
): Promise<LeafHandle> {
  const algorithm = options.algorithm ?? options.ca.algorithm;
  const keys = await generateKeys(algorithm);
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: serialNumber(),
    subject: leafName(options),
    issuer: options.ca.cert.subjectName,
    ...validity(options),
    publicKey: keys.publicKey,
    signingKey: options.ca.privateKey,
    signingAlgorithm: signingParams[options.ca.algorithm],
    extensions: [
      ...leafExtensions(options),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(options.ca.cert.publicKey),
    ],
  });
  return leafHandle(cert, algorithm, keys.privateKey);
}

/** A leaf signed by its own key, chaining to nothing (the "self-signed" negative case). Default ES256. */
export async function selfSigned(
  options: LeafOptions & { readonly algorithm?: SigningAlgorithm },
): Promise<LeafHandle> {
  const algorithm = options.algorithm ?? 'ES256';
  const keys = await generateKeys(algorithm);
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serialNumber(),
    name: leafName(options),
    ...validity(options),
    keys,
    signingAlgorithm: signingParams[algorithm],
    extensions: [...leafExtensions(options), await x509.SubjectKeyIdentifierExtension.create(keys.publicKey)],
  });
  return leafHandle(cert, algorithm, keys.privateKey);
}

async function leafHandle(
  cert: x509.X509Certificate,
  algorithm: SigningAlgorithm,
  privateKey: CryptoKey,
): Promise<LeafHandle> {
  return withSecret(
    { cert, certPem: cert.toString('pem'), algorithm, serialNumber: cert.serialNumber },
    privateKey,
    await pkcs8Pem(privateKey),
  );
}

export interface CrlOptions {
  /** Default: now. */
  readonly thisUpdate?: Date;
  /** Default: thisUpdate + 7 days. A nextUpdate in the past makes a stale CRL. */
  readonly nextUpdate?: Date;
  /** cRLNumber. Default: thisUpdate in milliseconds, so a later CRL of the CA has a larger one. */
  readonly number?: number;
  /** Also write the PEM to this file. */
  readonly file?: string;
}

/**
 * A complete CRL signed by `ca` that lists exactly `serialNumbers` (hex, as LeafHandle.serialNumber):
 * a CRL replaces the one before it, so pass every serial still revoked. `revoke(ca, [])` is an
 * empty CRL. Returns the PEM.
 */
export async function revoke(
  ca: CaHandle,
  serialNumbers: readonly string[],
  options: CrlOptions = {},
): Promise<string> {
  const thisUpdate = options.thisUpdate ?? new Date();
  const crl = await x509.X509CrlGenerator.create({
    issuer: ca.cert.subjectName,
    thisUpdate,
    nextUpdate: options.nextUpdate ?? new Date(thisUpdate.getTime() + defaultCrlValidDays * dayMs),
    signingAlgorithm: signingParams[ca.algorithm],
    signingKey: ca.privateKey,
    entries: serialNumbers.map((serial) => ({ serialNumber: serial, revocationDate: thisUpdate })),
    extensions: [
      await x509.AuthorityKeyIdentifierExtension.create(ca.cert.publicKey),
      crlNumber(options.number ?? thisUpdate.getTime()),
    ],
  });
  // "X509 CRL" is the label OpenSSL (so Node's tls `crl` option) reads; the library writes "CRL".
  const pem = x509.PemConverter.encode(crl.rawData, 'X509 CRL');
  if (options.file) await writeFile(options.file, `${pem}\n`);
  return pem;
}

const crlNumberOid = '2.5.29.20';

/**
 * The cRLNumber extension RFC 5280 section 5.2.3 requires: a number that grows with each CRL the
 * CA issues. thisUpdate has whole seconds only (UTCTime), so of two CRLs of one CA made in the
 * same second, the number tells which is newer.
 */
function crlNumber(value: number): x509.Extension {
  let hex = Math.trunc(value).toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  if (Number.parseInt(hex.slice(0, 2), 16) & 0x80) hex = `00${hex}`; // DER INTEGER stays positive
  const content = Buffer.from(hex, 'hex');
  return new x509.Extension(
    crlNumberOid,
    false,
    Buffer.concat([Buffer.from([0x02, content.length]), content]),
  );
}

/** The cRLNumber of a CRL (undefined without one): of two CRLs of one CA, the larger is the newer. */
export function crlNumberOf(crl: x509.X509Crl): bigint | undefined {
  const extension = crl.getExtension(crlNumberOid);
  if (!extension) return undefined;
  const der = new Uint8Array(extension.value);
  // DER INTEGER: tag 0x02, a short length (a CRL number is at most 20 octets), the content.
  if (der[0] !== 0x02 || der[1] === undefined || der[1] > 20) return undefined;
  return BigInt(`0x${Buffer.from(der.subarray(2, 2 + der[1])).toString('hex') || '0'}`);
}

// ---- PEM ----

/** The DER of every PEM block labelled `label` (CERTIFICATE, X509 CRL, PRIVATE KEY), in order. */
export function pemBlocks(text: string, label: string): ArrayBuffer[] {
  return x509.PemConverter.decodeWithHeaders(text)
    .filter((block) => block.type === label)
    .map((block) => block.rawData);
}

/** Every certificate in a PEM text, in order (a chain file gives the leaf first). */
export function certificatesFromPem(text: string): x509.X509Certificate[] {
  return pemBlocks(text, 'CERTIFICATE').map((der) => new x509.X509Certificate(der));
}

/** A chain PEM as a JWS x5c header (RFC 7515 section 4.1.6): base64 (not base64url) DER, leaf first. */
export function x5cFromPem(chainPem: string): string[] {
  return pemBlocks(chainPem, 'CERTIFICATE').map((der) => Buffer.from(der).toString('base64'));
}

/** The certificates of an x5c header; an entry that is not a DER certificate throws `attestation-failed`. */
export function certificatesFromX5c(x5c: readonly string[]): x509.X509Certificate[] {
  return x5c.map((entry, i) => {
    try {
      return new x509.X509Certificate(Buffer.from(entry, 'base64'));
    } catch (error) {
      throw new PlugfestError(
        'attestation-failed',
        `x5c[${i}] is not a DER certificate`,
        { index: i },
        error,
      );
    }
  });
}

/** The first CRL of a PEM text. */
export function crlFromPem(text: string): x509.X509Crl {
  const [der] = [...pemBlocks(text, 'X509 CRL'), ...pemBlocks(text, 'CRL')];
  if (!der) throw new PlugfestError('config-invalid', 'no X509 CRL block in the PEM text');
  return new x509.X509Crl(der);
}

/** ES256 for a P-256 key, EdDSA for Ed25519, undefined for anything else (RSA, P-384, ...). */
export function algorithmOf(key: CryptoKey | x509.X509Certificate): SigningAlgorithm | undefined {
  const algorithm = (key instanceof x509.X509Certificate ? key.publicKey.algorithm : key.algorithm) as
    | webcrypto.EcKeyAlgorithm
    | webcrypto.KeyAlgorithm;
  if (algorithm.name === 'Ed25519') return 'EdDSA';
  if (algorithm.name === 'ECDSA' && 'namedCurve' in algorithm && algorithm.namedCurve === 'P-256')
    return 'ES256';
  return undefined;
}

/** A PKCS#8 PEM private key (P-256 or Ed25519) as a non-extractable signing CryptoKey. */
export async function importPrivateKey(pem: string): Promise<CryptoKey> {
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch (error) {
    // Node's message names the format, never the key's bytes.
    throw new PlugfestError('config-invalid', 'not a PEM private key', {}, error);
  }
  const curve = key.asymmetricKeyDetails?.namedCurve;
  const algorithm: SigningAlgorithm | undefined =
    key.asymmetricKeyType === 'ed25519'
      ? 'EdDSA'
      : key.asymmetricKeyType === 'ec' && curve === 'prime256v1'
        ? 'ES256'
        : undefined;
  if (!algorithm)
    throw new PlugfestError(
      'config-invalid',
      `unsupported private key (${key.asymmetricKeyType} ${curve ?? ''})`,
    );
  const der = key.export({ type: 'pkcs8', format: 'der' });
  return crypto.subtle.importKey('pkcs8', der, keyGenParams[algorithm], false, ['sign']);
}

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

// ---- the layout on disk ----

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
