/**
 * The attester (RFC 9334 section 3.1): answers a challenge with evidence, an EAT signed with the
 * instance's attestation key, carrying the challenge's nonce, the facts measured at start, a
 * UEID per instance and, on a link over TLS, the session's channel binding (RFC 9266).
 */
import { createEvidence, newUeid } from '../../attestation/evidence.js';
import { algorithmOf, certificatesFromPem } from '../../attestation/pki.js';
import { eatProfile, type SigningAlgorithm } from '../../attestation/types.js';
import type { Link } from '../../transport/index.js';
import { PlugfestError } from '../../wire/index.js';
import type { AttesterFacts } from './facts.js';

/** The key evidence is signed with, and its chain (leaf, then the vendor CA). */
export interface AttestationKey {
  /** PKCS#8 PEM. */
  readonly keyPem: string;
  /** PEM: the attestation leaf, then its vendor CA. */
  readonly chainPem: string;
}

/** The challenge, as AttestationChallenge carries it. */
export interface ChallengeIn {
  readonly nonce: Uint8Array;
}

export interface Attester {
  readonly facts: AttesterFacts;
  /** This instance's UEID (random type, made at start). */
  readonly ueid: string;
  readonly algorithm: SigningAlgorithm;
  /** The token answering `challenge` on `link`. */
  evidence(challenge: ChallengeIn, link: Link): Promise<string>;
}

/** RFC 9711 dbgstat: 0 enabled, 1 disabled. */
const dbgstat = { enabled: 0, disabled: 1 } as const;

/** RFC 9266 tls-exporter: this label, no context, 32 bytes. */
const channelBindingLabel = 'EXPORTER-Channel-Binding';

/** The channel binding of a link over TLS (base64url), or undefined on ws://. */
export function channelBindingOfLink(link: Link): string | undefined {
  return link.tls?.exportKeyingMaterial(32, channelBindingLabel).toString('base64url');
}

export function createAttester(options: {
  readonly key: AttestationKey;
  readonly facts: AttesterFacts;
  /** Debug enabled: dbgstat 0. Default false. */
  readonly debug?: boolean;
}): Attester {
  const [leaf] = certificatesFromPem(options.key.chainPem);
  const algorithm = leaf && algorithmOf(leaf);
  if (!algorithm)
    throw new PlugfestError('config-invalid', 'the attestation chain has no P-256 or Ed25519 leaf');
  const ueid = newUeid();
  const { facts } = options;
  return {
    facts,
    ueid,
    algorithm,
    evidence(challenge, link) {
      const channelBinding = channelBindingOfLink(link);
      return createEvidence({
        algorithm,
        attestKeyPem: options.key.keyPem,
        chainPem: options.key.chainPem,
        claims: {
          eat_profile: eatProfile,
          eat_nonce: Buffer.from(challenge.nonce).toString('base64url'),
          ueid,
          oemid: facts.vendor,
          hwmodel: facts.hwmodel,
          swname: facts.swname,
          swversion: facts.swversion,
          dbgstat: options.debug ? dbgstat.enabled : dbgstat.disabled,
          measurements: facts.measurements,
          ...(facts.sbomDigest ? { manifests: { 'sbom.cdx.json': facts.sbomDigest } } : {}),
          ...(channelBinding ? { channel_binding: channelBinding } : {}),
        },
      });
    },
  };
}
