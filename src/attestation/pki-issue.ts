/**
 * Certificate issuance for the dev PKI: CAs (root or intermediate) and leaves (TLS or
 * attestation key), with the validity, serial numbers and extensions RFC 5280 asks for. Keys are
 * CryptoKeys (WebCrypto) and PKCS#8 PEM; a handle keeps them non-enumerable so a log line or
 * JSON.stringify of a handle never carries them.
 */
// @peculiar/x509 resolves its services through tsyringe, which needs the Reflect metadata API
// loaded before the library is. Any module that imports @peculiar/x509 does the same.
import 'reflect-metadata';
import type { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import { keyGenParams, pkcs8Pem } from './pki-pem.js';
import type { SigningAlgorithm } from './types.js';

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

export const defaultValidDays = 365;
export const defaultCrlValidDays = 7;
export const dayMs = 86_400_000;

/** The signature each algorithm's CA signs with. */
export const signingParams: Record<SigningAlgorithm, webcrypto.EcdsaParams | webcrypto.Algorithm> = {
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

/** Builds a handle whose private key is left out of JSON, util.inspect and pino. */
export function withSecret<T extends object>(
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
