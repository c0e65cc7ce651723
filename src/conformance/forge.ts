/**
 * Forged evidence, for the negative attestation cases (conformance/attestation): a test peer
 * whose topology settings say `forge: <kind>` answers every challenge with evidence wrong in
 * exactly that way, so the vendor under test (the relying party) must refuse it and name the
 * check. Everything else about the peer is honest: its facts, its key, its chain, unless the
 * forgery is about them.
 *
 * What each forgery changes, and the check a conforming verifier names (types.ts
 * verifierChecks, run in order, first failure named):
 *
 *   cert-expired        leaf of the harness CA whose notAfter has passed          certificate-chain
 *   cert-not-yet-valid  leaf whose notBefore is tomorrow                            certificate-chain
 *   cert-self-signed    a self-signed leaf naming the harness as its vendor         certificate-chain
 *   cert-unknown-root   a harness CA under a root nobody pinned                     certificate-chain
 *   cert-revoked        a fresh leaf, listed in the harness CA's new CRL            certificate-chain
 *   crl-stale           the harness CA's CRL reissued with nextUpdate passed        certificate-chain
 *   signature           the honest token with its signature altered                 signature
 *   oemid-other-vendor  the harness's chain, oemid of another vendor                oemid
 *   alg-none            header alg "none", no signature                             algorithm
 *   alg-hs256           HMAC-signed with the leaf's public key as the secret        algorithm
 *   nonce-missing       no eat_nonce                                                nonce
 *   nonce-short         a 4-byte eat_nonce                                          nonce
 *   nonce-replayed      per interface, the first admitted token again               nonce
 *   iat-stale           iat an hour ago                                             freshness
 *   iat-fraction        iat with a fractional part                                  freshness
 *   debug               dbgstat 0 (debug enabled)                                   debug
 *   binding-relayed     channel_binding of another TLS session (mTLS)               channel-binding
 *
 * The CRL forgeries rewrite the harness CA's CRL in the run's PKI before the peer dials, and wait
 * for the verifiers' policy polls to see it (policy-watch.ts polls every 250 ms).
 */
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { decodeJwt, decodeProtectedHeader, SignJWT } from 'jose';
import { type CreateEvidenceOptions, createEvidence } from '../attestation/evidence.js';
import {
  type CaHandle,
  createCa,
  issueLeaf,
  loadCa,
  revoke,
  selfSigned,
  type Validity,
} from '../attestation/pki.js';
import type { EvidenceClaims } from '../attestation/types.js';
import type { SecurityConfig } from '../sdk/config.js';
import type { AttestationKey, Attester, ChallengeIn } from '../sdk/security/attester.js';
import { channelBindingOfLink } from '../sdk/security/attester.js';
import { harnessVendor } from '../topology/index.js';
import type { Link } from '../transport/index.js';
import { PlugfestError } from '../wire/index.js';

export const forgeries = [
  'cert-expired',
  'cert-not-yet-valid',
  'cert-self-signed',
  'cert-unknown-root',
  'cert-revoked',
  'crl-stale',
  'signature',
  'oemid-other-vendor',
  'alg-none',
  'alg-hs256',
  'nonce-missing',
  'nonce-short',
  'nonce-replayed',
  'iat-stale',
  'iat-fraction',
  'debug',
  'binding-relayed',
] as const;
export type Forgery = (typeof forgeries)[number];

export const isForgery = (value: unknown): value is Forgery => forgeries.includes(value as Forgery);

/** The oemid `oemid-other-vendor` claims: a built-in vendor, not the harness. */
export const impersonatedVendor = 'ruvello';

/**
 * Serials revoked by the `cert-revoked` forgeries of one network, by CRL file: a CRL replaces
 * the one before it, so each lists every leaf revoked under that CA. One ledger per network.
 */
export type RevocationLedger = Map<string, string[]>;

/** Four policy polls: how long a CRL forgery waits before the peer dials. */
const crlSettleMs = 1000;
const dayMs = 86_400_000;

type Claims = Record<string, unknown> & Partial<EvidenceClaims>;

/**
 * The attester a peer with `forge: kind` uses: `honest` for the claims it would make, the run's
 * PKI (found from `config`) for the certificate forgeries.
 */
export async function forgedAttester(
  kind: Forgery,
  honest: Attester,
  config: SecurityConfig,
  revoked: RevocationLedger,
): Promise<Attester> {
  const honestKey: AttestationKey = {
    keyPem: await readFile(config.attestKey, 'utf8'),
    chainPem: await readFile(config.attestChain, 'utf8'),
  };
  const resign = (claims: Claims, key: AttestationKey = honestKey) =>
    createEvidence({
      algorithm: honest.algorithm,
      attestKeyPem: key.keyPem,
      chainPem: key.chainPem,
      claims: claims as CreateEvidenceOptions['claims'],
    });
  const honestClaims = async (challenge: ChallengeIn, link: Link) =>
    decodeJwt(await honest.evidence(challenge, link)) as Claims;
  const withClaims = (change: (claims: Claims) => Claims, key?: AttestationKey): Attester => ({
    ...honest,
    evidence: async (challenge, link) => resign(change(await honestClaims(challenge, link)), key),
  });
  const withKey = (key: AttestationKey) => withClaims((claims) => claims, key);

  switch (kind) {
    case 'cert-expired':
      return withKey(
        (await harnessLeaf(config, 'forged', { notBefore: ago(10 * dayMs), notAfter: ago(dayMs) })).key,
      );
    case 'cert-not-yet-valid':
      return withKey(
        (await harnessLeaf(config, 'forged', { notBefore: ago(-dayMs), notAfter: ago(-30 * dayMs) })).key,
      );
    case 'cert-self-signed': {
      const leaf = await selfSigned({ commonName: 'self', organization: harnessVendor, usage: 'attest' });
      return withKey({ keyPem: leaf.keyPem, chainPem: leaf.certPem });
    }
    case 'cert-unknown-root': {
      const root = await createCa({ name: 'unpinned root CA', organization: 'nobody' });
      const ca = await createCa({ name: 'harness vendor CA', organization: harnessVendor, issuer: root });
      const leaf = await issueLeaf({
        ca,
        commonName: 'forged',
        organization: harnessVendor,
        usage: 'attest',
      });
      return withKey({ keyPem: leaf.keyPem, chainPem: `${leaf.certPem}\n${ca.certPem}\n` });
    }
    case 'cert-revoked': {
      const { ca, leaf, key } = await harnessLeaf(config, 'revoked');
      // A CRL replaces the one before it: list every leaf this process revoked under that CA.
      const file = harnessCaFiles(config).crl;
      const serials = [...(revoked.get(file) ?? []), leaf.serialNumber];
      revoked.set(file, serials);
      await revoke(ca, serials, { file });
      await sleep(crlSettleMs);
      return withKey(key);
    }
    case 'crl-stale': {
      const ca = await harnessCa(config);
      await revoke(ca, [], {
        thisUpdate: ago(8 * dayMs),
        nextUpdate: ago(dayMs),
        file: harnessCaFiles(config).crl,
      });
      await sleep(crlSettleMs);
      return honest;
    }
    case 'signature':
      return {
        ...honest,
        evidence: async (challenge, link) => alterSignature(await honest.evidence(challenge, link)),
      };
    case 'oemid-other-vendor':
      return withClaims((claims) => ({ ...claims, oemid: impersonatedVendor }));
    case 'alg-none':
      return {
        ...honest,
        evidence: async (challenge, link) => {
          const token = await honest.evidence(challenge, link);
          const { x5c } = decodeProtectedHeader(token);
          const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'eat+jwt', x5c })).toString(
            'base64url',
          );
          return `${header}.${token.split('.')[1]}.`;
        },
      };
    case 'alg-hs256':
      return {
        ...honest,
        evidence: async (challenge, link) => {
          const token = await honest.evidence(challenge, link);
          const { x5c } = decodeProtectedHeader(token);
          // The classic key confusion: the verifier's own copy of the public key as an HMAC secret.
          const secret = Buffer.from(x5c?.[0] ?? '', 'base64');
          return new SignJWT(decodeJwt(token))
            .setProtectedHeader({ alg: 'HS256', typ: 'eat+jwt', ...(x5c ? { x5c } : {}) })
            .sign(secret);
        },
      };
    case 'nonce-missing':
      return withClaims(({ eat_nonce: _, ...claims }) => claims);
    case 'nonce-short':
      return withClaims((claims) => ({
        ...claims,
        eat_nonce: Buffer.from([1, 2, 3, 4]).toString('base64url'),
      }));
    case 'nonce-replayed': {
      // The token of the first connection that was admitted. One that failed before it was (a
      // dial given up under load) does not count: the next connection is still honest, and
      // only a connection after an admitted one replays.
      const admitted = new Map<string, string>();
      return {
        ...honest,
        async evidence(challenge, link) {
          const known = admitted.get(link.spec.name);
          if (known) return known;
          const token = await honest.evidence(challenge, link);
          link.ready.then(
            () => {
              if (!admitted.has(link.spec.name)) admitted.set(link.spec.name, token);
            },
            () => {},
          );
          return token;
        },
      };
    }
    case 'iat-stale':
      return withClaims((claims) => ({ ...claims, iat: Math.floor(Date.now() / 1000) - 3600 }));
    case 'iat-fraction':
      return withClaims((claims) => ({ ...claims, iat: Math.floor(Date.now() / 1000) + 0.5 }));
    case 'debug':
      return withClaims((claims) => ({ ...claims, dbgstat: 0 }));
    case 'binding-relayed': {
      // Evidence bound to the session before this one (another link of this peer), or, for the
      // very first, to no session of this peer at all.
      let previous: string | undefined;
      return {
        ...honest,
        async evidence(challenge, link) {
          const own = channelBindingOfLink(link);
          const relayed = previous ?? crypto.getRandomValues(Buffer.alloc(32)).toString('base64url');
          if (own) previous = own;
          return resign({ ...(await honestClaims(challenge, link)), channel_binding: relayed });
        },
      };
    }
  }
}

/** Milliseconds ago as a Date (negative: in the future). */
const ago = (ms: number) => new Date(Date.now() - ms);

/** The run's PKI folder: config.caBundle is <pki>/root/ca.pem (orchestrator/security.ts). */
function harnessCaFiles(config: SecurityConfig) {
  const folder = join(dirname(dirname(config.caBundle)), 'vendors', harnessVendor);
  return { cert: join(folder, 'ca.pem'), key: join(folder, 'ca.key.pem'), crl: join(folder, 'crl.pem') };
}

async function harnessCa(config: SecurityConfig): Promise<CaHandle> {
  try {
    return await loadCa(harnessCaFiles(config));
  } catch (error) {
    throw new PlugfestError(
      'config-invalid',
      `a certificate forgery needs the harness CA of the run's PKI (${harnessCaFiles(config).cert})`,
      {},
      error,
    );
  }
}

/** A leaf of the harness CA (validity as given, else the default), and the key to sign with it. */
async function harnessLeaf(config: SecurityConfig, commonName: string, validity: Validity = {}) {
  const ca = await harnessCa(config);
  const leaf = await issueLeaf({ ca, commonName, organization: harnessVendor, usage: 'attest', ...validity });
  const key: AttestationKey = { keyPem: leaf.keyPem, chainPem: `${leaf.certPem}\n${ca.certPem}\n` };
  return { ca, leaf, key };
}

/** The token with one byte of its signature changed (the middle one: no base64url padding bits). */
function alterSignature(token: string): string {
  const [header, payload, signature = ''] = token.split('.');
  const bytes = Buffer.from(signature, 'base64url');
  const middle = Math.floor(bytes.length / 2);
  bytes[middle] = (bytes[middle] ?? 0) ^ 0xff;
  return `${header}.${payload}.${bytes.toString('base64url')}`;
}
