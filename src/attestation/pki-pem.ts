/**
 * PEM in and out for the dev PKI and the verifier: certificates, chains (and the x5c header made
 * of them), CRLs and PKCS#8 private keys, and the signing algorithm of a key.
 */
// @peculiar/x509 resolves its services through tsyringe, which needs the Reflect metadata API
// loaded before the library is. Any module that imports @peculiar/x509 does the same.
import 'reflect-metadata';
import { createPrivateKey, type KeyObject, type webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import { PlugfestError } from '../wire/index.js';
import type { SigningAlgorithm } from './types.js';

type CryptoKey = webcrypto.CryptoKey;

/** The key of each signing algorithm: what a key is generated and imported as. */
export const keyGenParams: Record<SigningAlgorithm, webcrypto.EcKeyGenParams | webcrypto.Algorithm> = {
  ES256: { name: 'ECDSA', namedCurve: 'P-256' },
  EdDSA: { name: 'Ed25519' },
};

/** A private key as PKCS#8 PEM. */
export async function pkcs8Pem(key: CryptoKey): Promise<string> {
  return x509.PemConverter.encode(await crypto.subtle.exportKey('pkcs8', key), 'PRIVATE KEY');
}

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
