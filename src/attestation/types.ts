/**
 * The shared vocabulary of attestation (IETF RATS, RFC 9334, background-check model): the dev
 * PKI's layout on disk, the EAT claims a vendor's evidence carries, the trust policy's shape,
 * and the verifier's checks and result. pki.ts, evidence.ts, policy.ts and verifier.ts implement
 * against these.
 */

/** JWS algorithms plugfest signs with: ECDSA P-256 (the O-RAN security tables) and Ed25519. */
export type SigningAlgorithm = 'ES256' | 'EdDSA';

/** The EAT profile plugfest's evidence follows (RFC 9711 eat_profile, a URI). */
export const eatProfile = 'tag:plugfest.dev,2026:eat-profile:v1';

/** EAT media type (RFC 9782). */
export const eatMediaType = 'application/eat+jwt';

/**
 * The dev PKI on disk (`plugfest pki init <dir>`), all PEM:
 *   <dir>/root/ca.pem, ca.key.pem, crl.pem                    the operator root CA
 *   <dir>/vendors/<vendor>/ca.pem, ca.key.pem, crl.pem        the vendor CA (the endorser), signed by the root
 *   <dir>/instances/<instance>/tls.pem, tls.key.pem           TLS leaf (serverAuth + clientAuth), by the vendor CA
 *   <dir>/instances/<instance>/attest.pem, attest.key.pem     attestation-key leaf (digitalSignature), by the vendor CA
 *   <dir>/instances/<instance>/chain.pem                      attest.pem then the vendor CA (x5c order)
 * Private keys are files with mode 0600 and are never printed or logged.
 */
export interface PkiLayout {
  readonly dir: string;
  readonly algorithm: SigningAlgorithm;
  readonly root: { cert: string; key: string; crl: string };
  readonly vendors: Readonly<Record<string, { cert: string; key: string; crl: string }>>;
  readonly instances: Readonly<
    Record<
      string,
      {
        vendor: string;
        tlsCert: string;
        tlsKey: string;
        attestCert: string;
        attestKey: string;
        chain: string;
      }
    >
  >;
}

/** The claims of plugfest's EAT (RFC 9711 names; `measurements` and `manifests` as EAT defines them loosely: digests). */
export interface EvidenceClaims {
  readonly eat_profile: string;
  /** Seconds since the epoch, an integer. */
  readonly iat: number;
  /** The verifier's challenge nonce, base64url, at least 8 bytes decoded. */
  readonly eat_nonce: string;
  /** The instance's universal entity id (base64url of 0x01 + 32 bytes: a random-type UEID). */
  readonly ueid: string;
  /** The vendor id (plugfest's oemid: the vendor, as the vendor CA names it). */
  readonly oemid: string;
  readonly hwmodel: string;
  readonly swname: string;
  readonly swversion: string;
  /** RFC 9711 dbgstat: 0 enabled, 1 disabled, 2 disabled since boot, 3 disabled permanently, 4 fully and permanently. */
  readonly dbgstat: number;
  /** sha-256 (hex) of each shipped file of the vendor, path relative to the vendor folder: computed at start from what runs. */
  readonly measurements: Readonly<Record<string, string>>;
  /** Digest (sha-256 hex) of the vendor's SBOM (CycloneDX JSON, sbom.cdx.json in its folder); absent without one. */
  readonly manifests?: { readonly 'sbom.cdx.json': string };
  /** base64url of the TLS exporter value (RFC 9266, label "EXPORTER-Channel-Binding", 32 bytes) when the link is mTLS. */
  readonly channel_binding?: string;
}

/**
 * The verifier's checks, in the fixed order it runs them; it stops at the first that fails and
 * names it in the result (AttestationResult.failed_check).
 */
export const verifierChecks = [
  'algorithm',
  'certificate-chain',
  'signature',
  'oemid',
  'vendor-status',
  'nonce',
  'freshness',
  'claims',
  'hwmodel',
  'debug',
  'swversion',
  'measurements',
  'sbom',
  'channel-binding',
] as const;
export type VerifierCheck = (typeof verifierChecks)[number];

/** AR4SI trust tiers. */
export type TrustTierName = 'affirming' | 'warning' | 'contraindicated' | 'none';

export interface AppraisalResult {
  readonly status: TrustTierName;
  /** The first check that failed; undefined when affirming. */
  readonly failedCheck?: VerifierCheck;
  /** A sentence for people: what was expected, what was found. */
  readonly reason: string;
  /** Claims as read from the token (when it could be decoded). */
  readonly claims?: Partial<EvidenceClaims>;
  readonly verifiedAtUnixMs: number;
  readonly expiresAtUnixMs: number;
}
