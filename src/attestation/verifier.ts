/**
 * The verifier (IETF RATS, RFC 9334, background-check model): the relying party of a link issues
 * a challenge, and appraises the evidence that comes back against its trust policy. The checks
 * run in the fixed order of types.ts `verifierChecks` and stop at the first that fails, which the
 * result names (issue 5, item 3), so a token wrong in two ways always names the same check.
 *
 * Trust tiers (AR4SI): a failed check is `contraindicated`. A `suspended` vendor is `warning`
 * (failedCheck `vendor-status`) when every other check passes: the operator has concerns but has
 * not revoked it, and the relying party weighs that; enforcement admits a link only on
 * `affirming` (issue 5, item 5), so a suspended vendor gets no new link, while its links already
 * up are not torn down (`isRevoked` is false for it). A `revoked` vendor, one on the deny list or
 * off the allow list is `contraindicated`, and `isRevoked` is true for it.
 */
import 'reflect-metadata';
import {
  BasicConstraintsExtension,
  KeyUsageFlags,
  KeyUsagesExtension,
  type X509Certificate,
} from '@peculiar/x509';
import { compactVerify, decodeProtectedHeader, importX509, type ProtectedHeaderParameters } from 'jose';
import { z } from 'zod';
import { PlugfestError, type RoleName } from '../wire/index.js';
import { ntiaMissing } from './evidence.js';
import { algorithmOf, certificatesFromPem, certificatesFromX5c, crlFromPem } from './pki.js';
import { compareVersions, type TrustPolicy, type VendorTrust } from './policy.js';
import {
  type AppraisalResult,
  type EvidenceClaims,
  eatProfile,
  type SigningAlgorithm,
  type VerifierCheck,
  verifierChecks,
} from './types.js';

/** Limits and hooks of a verifier; every one has a default. */
export interface VerifierOptions {
  /** Milliseconds since the epoch. Default `Date.now`. */
  readonly clock?: () => number;
  /** Bytes of a challenge nonce. Default 16 (the attestation proto allows 8 to 64). */
  readonly nonceBytes?: number;
  /** Challenges outstanding at once; beyond, the oldest is forgotten. Default 1024. */
  readonly maxOutstandingNonces?: number;
  /** Longest token appraised, in bytes. Default 64 KiB. */
  readonly maxTokenBytes?: number;
  /** Longest x5c chain, leaf included. Default 4 (leaf, vendor CA, and room for one more). */
  readonly maxChainLength?: number;
}

const defaults = { nonceBytes: 16, maxOutstandingNonces: 1024, maxTokenBytes: 65_536, maxChainLength: 4 };
/** RFC 9711 section 4.1: eat_nonce is 8 to 64 bytes. */
const minNonceBytes = 8;
const maxNonceBytes = 64;

export interface Challenge {
  /** Random, single use; the attester returns it base64url in eat_nonce. */
  readonly nonce: Uint8Array;
  readonly issuedAtUnixMs: number;
  readonly acceptedAlgorithms: readonly SigningAlgorithm[];
  readonly channelBindingRequested: boolean;
}

export interface AppraisalContext {
  /** The role the peer plays on this link, checked against the vendor's allowed roles. */
  readonly expectedRole?: RoleName;
  /** base64url of this link's TLS exporter value (evidence.ts channelBindingOf), when it is mTLS. */
  readonly channelBinding?: string;
  /** Milliseconds since the epoch. Default the verifier's clock. */
  readonly now?: number;
}

/** Who a peer is, as an appraisal found it: what `isRevoked` is asked about while its link is up. */
export interface PeerIdentity {
  readonly vendor?: string;
  readonly ueid?: string;
  /** The attestation leaf's CN: the instance id. */
  readonly instance?: string;
  /** The software version its evidence claimed: a version the policy later revokes drops its links. */
  readonly swversion?: string;
  /** Serial numbers (hex) of the chain's certificates, with the issuer DN of each (any issuer when absent). */
  readonly certificates?: readonly { readonly serial: string; readonly issuer?: string }[];
}

/** An AppraisalResult, and the identity of the peer when the chain could be read. */
export interface Appraisal extends AppraisalResult {
  readonly peer?: PeerIdentity;
}

export interface Verifier {
  readonly policy: TrustPolicy;
  /** A fresh challenge; `channelBinding` says the link is mTLS (default: the policy's requireChannelBinding). */
  challenge(options?: { channelBinding?: boolean }): Challenge;
  appraise(token: string, context?: AppraisalContext): Promise<Appraisal>;
  /** A policy reload: later appraisals and `isRevoked` use it; outstanding challenges stay valid. */
  updatePolicy(policy: TrustPolicy): void;
  /** Why the policy now refuses this peer (vendor revoked, denied or off the allow list, instance or certificate revoked), or undefined. */
  revocationOf(peer: PeerIdentity): string | undefined;
  /** Whether the policy now refuses this peer: a link up with it should be torn down. */
  isRevoked(peer: PeerIdentity): boolean;
}

/** The policy with its PEM parsed once. */
interface CompiledPolicy {
  readonly policy: TrustPolicy;
  readonly globalRoots: readonly X509Certificate[];
  readonly vendorRoots: ReadonlyMap<string, readonly X509Certificate[]>;
  readonly crls: ReturnType<typeof crlFromPem>[];
}

function compile(policy: TrustPolicy): CompiledPolicy {
  const certs = (files: TrustPolicy['roots']) => files.flatMap((f) => certificatesFromPem(f.pem));
  return {
    policy,
    globalRoots: certs(policy.roots),
    vendorRoots: new Map([...policy.vendors.values()].map((v) => [v.id, certs(v.roots)])),
    crls: policy.crls.map((f) => crlFromPem(f.pem)),
  };
}

/** What one appraisal learns as its checks run. */
interface Appraising {
  readonly token: string;
  readonly context: AppraisalContext;
  readonly now: number;
  readonly trust: CompiledPolicy;
  header?: ProtectedHeaderParameters;
  /** Leaf first, the pinned anchor last. */
  path?: X509Certificate[];
  chainVendor?: string;
  claims?: Record<string, unknown>;
  vendor?: VendorTrust;
  warning?: string;
}

/** A check: a reason when it fails, nothing when it passes. */
type Check = (a: Appraising) => Promise<string | undefined> | string | undefined;

/** Creates a verifier for `policy`. Options default as VerifierOptions says. */
export function createVerifier(policy: TrustPolicy, options: VerifierOptions = {}): Verifier {
  const limits = { ...defaults, ...options };
  const clock = options.clock ?? Date.now;
  let trust = compile(policy);
  const nonces = createNonceStore(
    () => trust.policy.freshness.nonceLifetimeS * 1000,
    limits.maxOutstandingNonces,
  );

  const checks: Record<VerifierCheck, Check> = {
    algorithm: (a) => checkAlgorithm(a, limits.maxTokenBytes),
    'certificate-chain': (a) => checkChain(a, limits.maxChainLength),
    signature: checkSignature,
    oemid: ({ claims, chainVendor }) => {
      if (claims?.oemid === chainVendor) return undefined;
      return claims?.oemid === undefined
        ? `no oemid claim; the chain's vendor CA is ${chainVendor}'s`
        : `oemid ${JSON.stringify(claims.oemid)} but the chain's vendor CA is ${chainVendor}'s`;
    },
    'vendor-status': checkVendorStatus,
    nonce: (a) => {
      const nonce = a.claims?.eat_nonce;
      if (typeof nonce !== 'string' || nonce === '') return 'no eat_nonce claim';
      const bytes = Buffer.from(nonce, 'base64url');
      if (bytes.length < minNonceBytes)
        return `eat_nonce is ${bytes.length} bytes; at least ${minNonceBytes}`;
      if (bytes.length > maxNonceBytes) return `eat_nonce is ${bytes.length} bytes; at most ${maxNonceBytes}`;
      return nonces.redeem(bytes.toString('base64url'), a.now);
    },
    freshness: checkFreshness,
    claims: checkClaims,
    hwmodel: (a) => {
      const allowed = a.vendor?.hwmodels;
      const hwmodel = a.claims?.hwmodel as string;
      return !allowed || allowed.includes(hwmodel)
        ? undefined
        : `hwmodel "${hwmodel}" is not one of ${allowed.join(', ')}`;
    },
    debug: (a) =>
      a.trust.policy.criteria.requireDebugDisabled && a.claims?.dbgstat === 0
        ? 'dbgstat 0: debug is enabled; the policy requires it disabled (dbgstat 1 to 4)'
        : undefined,
    swversion: (a) => {
      const version = a.claims?.swversion as string;
      const minimum = a.vendor?.minSwVersion ?? a.trust.policy.criteria.minSwVersion;
      if (minimum !== undefined && compareVersions(version, minimum) < 0)
        return `swversion ${version} is below the minimum ${minimum}`;
      if (a.vendor?.revokedSwVersions.includes(version)) return `swversion ${version} is revoked`;
      return undefined;
    },
    measurements: checkMeasurements,
    sbom: checkSbom,
    'channel-binding': (a) => {
      const found = a.claims?.channel_binding;
      if (a.context.channelBinding !== undefined) {
        if (found === a.context.channelBinding) return undefined;
        return found === undefined
          ? `no channel_binding claim; this TLS session's is ${a.context.channelBinding}`
          : `channel_binding ${String(found)} is not this TLS session's (${a.context.channelBinding}): evidence from another session`;
      }
      return a.trust.policy.criteria.requireChannelBinding
        ? 'the policy requires channel binding but the link has no TLS session to bind'
        : undefined;
    },
  };

  return {
    get policy() {
      return trust.policy;
    },
    challenge(request = {}) {
      const now = clock();
      const nonce = crypto.getRandomValues(new Uint8Array(limits.nonceBytes));
      nonces.issue(Buffer.from(nonce).toString('base64url'), now);
      return {
        nonce,
        issuedAtUnixMs: now,
        acceptedAlgorithms: [...trust.policy.algorithms],
        channelBindingRequested: request.channelBinding ?? trust.policy.criteria.requireChannelBinding,
      };
    },
    async appraise(token, context = {}) {
      const now = context.now ?? clock();
      const a: Appraising = { token, context, now, trust };
      const result = (fields: Partial<Appraisal> & Pick<Appraisal, 'status' | 'reason'>): Appraisal => ({
        verifiedAtUnixMs: now,
        expiresAtUnixMs: now,
        ...(a.claims ? { claims: a.claims as Partial<EvidenceClaims> } : {}),
        ...(a.path ? { peer: identityOf(a) } : {}),
        ...fields,
      });
      for (const name of verifierChecks) {
        let reason: string | undefined;
        try {
          reason = await checks[name](a);
        } catch (error) {
          reason = PlugfestError.from(error).rawMessage;
        }
        if (reason !== undefined) return result({ status: 'contraindicated', failedCheck: name, reason });
      }
      const expiresAtUnixMs = now + trust.policy.reattestation.epochS * 1000;
      return a.warning
        ? result({ status: 'warning', failedCheck: 'vendor-status', reason: a.warning, expiresAtUnixMs })
        : result({ status: 'affirming', reason: 'every check passed', expiresAtUnixMs });
    },
    updatePolicy(next) {
      trust = compile(next);
    },
    revocationOf: (peer) => revocationOf(trust, peer),
    isRevoked: (peer) => revocationOf(trust, peer) !== undefined,
  };
}

/**
 * Issued nonces, each redeemable once within its lifetime. Spent and expired ones are kept for
 * one more lifetime, so that a late answer is told "expired" and a replay "replayed" rather than
 * "not issued"; beyond `max` outstanding, the oldest is forgotten.
 */
function createNonceStore(lifetimeMs: () => number, max: number) {
  const issued = new Map<string, number>();
  const used = new Map<string, number>();
  const prune = (now: number) => {
    for (const map of [issued, used])
      for (const [nonce, at] of map) if (now - at > 2 * lifetimeMs()) map.delete(nonce);
  };
  return {
    issue(nonce: string, now: number): void {
      prune(now);
      issued.set(nonce, now);
      for (const oldest of issued.keys()) {
        if (issued.size <= max) break;
        issued.delete(oldest);
      }
    },
    /** Why the nonce is refused, or undefined; either way it cannot be redeemed again. */
    redeem(nonce: string, now: number): string | undefined {
      if (used.has(nonce)) return `eat_nonce ${nonce} was already used (replayed evidence)`;
      const at = issued.get(nonce);
      if (at === undefined) return `eat_nonce ${nonce} was not issued by this verifier (or has expired)`;
      issued.delete(nonce);
      used.set(nonce, at);
      const age = now - at;
      return age > lifetimeMs()
        ? `eat_nonce expired: issued ${age} ms ago, lifetime ${lifetimeMs()} ms`
        : undefined;
    },
  };
}

function checkAlgorithm(a: Appraising, maxTokenBytes: number): string | undefined {
  if (Buffer.byteLength(a.token) > maxTokenBytes) return `the token is over ${maxTokenBytes} bytes`;
  try {
    a.header = decodeProtectedHeader(a.token);
  } catch {
    return 'not a compact JWS: its protected header cannot be read';
  }
  if (a.token.split('.').length !== 3) return 'not a compact JWS: it must have three parts';
  const alg = a.header.alg;
  if (alg === undefined || alg.toLowerCase() === 'none') return `alg ${alg ?? '(absent)'} is never accepted`;
  const accepted = a.trust.policy.algorithms;
  return (accepted as readonly string[]).includes(alg)
    ? undefined
    : `alg ${alg} is not allowed; the policy accepts ${accepted.join(', ')}`;
}

const dn = (cert: X509Certificate) => `"${cert.subject}"`;
const sameCert = (x: X509Certificate, y: X509Certificate) =>
  Buffer.from(x.rawData).equals(Buffer.from(y.rawData));

/**
 * The path from the leaf to a root the policy pins for the vendor the chain names (the subject O
 * of the leaf's issuer: its vendor CA, endorsed by the root above it), then, along that path:
 * validity dates, CA basicConstraints and key usage, each signature, and each issuer's CRL.
 */
async function checkChain(a: Appraising, maxChainLength: number): Promise<string | undefined> {
  const x5c = a.header?.x5c;
  if (!Array.isArray(x5c) || x5c.length === 0) return 'no x5c certificate chain in the header';
  if (x5c.length > maxChainLength) return `x5c holds ${x5c.length} certificates; at most ${maxChainLength}`;
  const chain = certificatesFromX5c(x5c);
  const leaf = chain[0]!;
  const vendor = leaf.issuerName.getField('O')[0];
  if (!vendor) return `the leaf's issuer ${leaf.issuer} names no vendor (subject O)`;
  a.chainVendor = vendor;
  const vendorRoots = a.trust.vendorRoots.get(vendor);
  const pins = vendorRoots && vendorRoots.length > 0 ? vendorRoots : a.trust.globalRoots;
  if (pins.length === 0) return `the policy pins no root for vendor ${vendor}`;

  const path = [leaf];
  for (let current = leaf; !pins.some((pin) => sameCert(pin, current)); ) {
    const issuerPin = pins.find((pin) => pin.subject === current.issuer);
    if (issuerPin) {
      path.push(issuerPin);
      break;
    }
    const next = chain.find((c) => c.subject === current.issuer && !path.includes(c));
    if (!next) {
      return current.subject === current.issuer
        ? `self-signed certificate ${dn(current)} is not a root pinned for ${vendor}`
        : `unknown root: ${dn(current)} was issued by "${current.issuer}", not a root pinned for ${vendor}`;
    }
    path.push(next);
    current = next;
  }
  a.path = path;

  const at = new Date(a.now);
  for (const [i, cert] of path.entries()) {
    if (at < cert.notBefore)
      return `certificate ${dn(cert)} is not valid before ${cert.notBefore.toISOString()}`;
    if (at > cert.notAfter) return `certificate ${dn(cert)} expired at ${cert.notAfter.toISOString()}`;
    const constraints = cert.getExtension(BasicConstraintsExtension);
    const usage = cert.getExtension(KeyUsagesExtension);
    if (i === 0) {
      if (constraints?.ca) return `leaf ${dn(cert)} is a CA certificate, not an attestation key`;
      if (usage && !(usage.usages & KeyUsageFlags.digitalSignature))
        return `leaf ${dn(cert)} has no digitalSignature key usage`;
      continue;
    }
    if (!constraints?.ca) return `issuer ${dn(cert)} is not a CA (basicConstraints)`;
    if (usage && !(usage.usages & KeyUsageFlags.keyCertSign))
      return `issuer ${dn(cert)} may not sign certificates`;
    if (constraints.pathLength !== undefined && i - 1 > constraints.pathLength)
      return `issuer ${dn(cert)} allows ${constraints.pathLength} intermediates below it, the chain has ${i - 1}`;
  }
  for (let i = 0; i + 1 < path.length; i += 1) {
    const cert = path[i]!;
    const issuer = path[i + 1]!;
    if (!(await cert.verify({ publicKey: issuer, signatureOnly: true })))
      return `the signature of ${dn(cert)} does not verify with ${dn(issuer)}'s key`;
    const revoked = await crlVerdict(a, cert, issuer);
    if (revoked) return revoked;
  }
  return undefined;
}

/** The newest CRL signed by `issuer`: stale, or listing `cert`, is a failure; no CRL, none. */
async function crlVerdict(a: Appraising, cert: X509Certificate, issuer: X509Certificate) {
  const candidates = a.trust.crls.filter((crl) => crl.issuer === issuer.subject);
  const signed = [];
  for (const crl of candidates) if (await crl.verify({ publicKey: issuer })) signed.push(crl);
  const crl = signed.sort((x, y) => y.thisUpdate.getTime() - x.thisUpdate.getTime())[0];
  if (!crl) return undefined;
  if (crl.nextUpdate && crl.nextUpdate.getTime() < a.now)
    return `stale CRL of ${dn(issuer)}: its nextUpdate ${crl.nextUpdate.toISOString()} has passed`;
  if (crl.findRevoked(cert))
    return `certificate ${dn(cert)} serial ${cert.serialNumber} is revoked by ${dn(issuer)}'s CRL`;
  return undefined;
}

async function checkSignature(a: Appraising): Promise<string | undefined> {
  const leaf = a.path![0]!;
  const alg = a.header!.alg as SigningAlgorithm;
  const keyAlg = algorithmOf(leaf);
  if (keyAlg !== alg) return `alg ${alg} but the leaf's key is for ${keyAlg ?? 'another algorithm'}`;
  const key = await importX509(leaf.toString('pem'), alg);
  let payload: Uint8Array;
  try {
    ({ payload } = await compactVerify(a.token, key, { algorithms: [alg] }));
  } catch {
    return `the token's signature does not verify with the key of ${dn(leaf)}`;
  }
  try {
    const claims: unknown = JSON.parse(new TextDecoder().decode(payload));
    if (typeof claims !== 'object' || claims === null || Array.isArray(claims)) throw new Error();
    a.claims = claims as Record<string, unknown>;
  } catch {
    return 'the signed payload is not a JSON object of claims';
  }
  return undefined;
}

function checkVendorStatus(a: Appraising): string | undefined {
  const vendorId = a.chainVendor!;
  const policy = a.trust.policy;
  // The software version is the swversion check's to judge, later in the order.
  const { swversion: _, ...identity } = identityOf(a);
  const refused = revocationOf(a.trust, identity);
  if (refused) return refused;
  const vendor = policy.vendors.get(vendorId);
  if (vendor) a.vendor = vendor;
  const role = a.context.expectedRole;
  if (vendor?.roles && role && !vendor.roles.includes(role))
    return `vendor ${vendorId} may play ${vendor.roles.join(', ')}, not ${role}`;
  if (vendor?.status === 'suspended') a.warning = `vendor ${vendorId} is suspended by the trust policy`;
  return undefined;
}

function checkFreshness(a: Appraising): string | undefined {
  const iat = a.claims?.iat;
  const { iatWindowS, maxClockSkewS } = a.trust.policy.freshness;
  if (iat === undefined) return 'no iat claim';
  if (typeof iat !== 'number' || !Number.isInteger(iat))
    return `iat ${JSON.stringify(iat)} is not an integer number of seconds`;
  const age = Math.floor(a.now / 1000) - iat;
  if (age > iatWindowS) return `iat is ${age} s old; the window is ${iatWindowS} s (stale evidence)`;
  if (-age > maxClockSkewS) return `iat is ${-age} s in the future; at most ${maxClockSkewS} s of clock skew`;
  return undefined;
}

const digest = z.string().regex(/^[0-9a-f]{64}$/, 'a sha-256 hex digest');
const requiredClaims = z.object({
  eat_profile: z.literal(eatProfile),
  ueid: z.string().min(1),
  hwmodel: z.string().min(1),
  swname: z.string().min(1),
  swversion: z.string().min(1),
  dbgstat: z.number().int().min(0).max(4),
  measurements: z.record(z.string(), digest),
  manifests: z.object({ 'sbom.cdx.json': digest }).optional(),
  channel_binding: z.string().optional(),
});

function checkClaims(a: Appraising): string | undefined {
  const result = requiredClaims.safeParse(a.claims);
  if (result.success) return undefined;
  const issue = result.error.issues[0]!;
  const name = issue.path.map(String).join('.');
  if (issue.path.length === 1 && a.claims?.[name] === undefined) return `the ${name} claim is missing`;
  if (name === 'eat_profile')
    return `eat_profile ${JSON.stringify(a.claims?.eat_profile)} is not ${eatProfile}`;
  return `the ${name} claim is not valid: ${issue.message}`;
}

function checkMeasurements(a: Appraising): string | undefined {
  const reference = a.vendor?.measurements;
  if (!reference) return undefined;
  const measured = a.claims?.measurements as Record<string, string>;
  for (const path of Object.keys(reference).sort()) {
    const found = measured[path];
    if (found === undefined) return `${path} is not measured; its reference value is ${reference[path]}`;
    if (found !== reference[path])
      return `${path} measures ${found}; its reference value is ${reference[path]}`;
  }
  const extra = Object.keys(measured)
    .sort()
    .find((path) => reference[path] === undefined);
  return extra === undefined ? undefined : `${extra} is measured but has no reference value`;
}

function checkSbom(a: Appraising): string | undefined {
  const found = (a.claims?.manifests as EvidenceClaims['manifests'])?.['sbom.cdx.json'];
  const expected = a.vendor?.sbomDigest;
  if (found === undefined) {
    return a.trust.policy.criteria.requireSbom || expected
      ? 'the evidence names no SBOM (manifests["sbom.cdx.json"]); the policy requires one'
      : undefined;
  }
  if (expected !== undefined && found !== expected)
    return `the SBOM digest is ${found}; the reference is ${expected}`;
  const sbom = a.vendor?.sbom;
  const missing = sbom ? ntiaMissing(sbom.text) : [];
  return missing.length > 0
    ? `the SBOM ${sbom?.path} lacks the NTIA minimum fields: ${missing.join(', ')}`
    : undefined;
}

function identityOf(a: Appraising): PeerIdentity {
  const ueid = a.claims?.ueid;
  const swversion = a.claims?.swversion;
  const leaf = a.path?.[0];
  return {
    ...(a.chainVendor ? { vendor: a.chainVendor } : {}),
    ...(typeof ueid === 'string' ? { ueid } : {}),
    ...(typeof swversion === 'string' ? { swversion } : {}),
    ...(leaf ? { instance: leaf.subjectName.getField('CN')[0] } : {}),
    ...(a.path
      ? { certificates: a.path.slice(0, -1).map((c) => ({ serial: c.serialNumber, issuer: c.issuer })) }
      : {}),
  };
}

function revocationOf(trust: CompiledPolicy, peer: PeerIdentity): string | undefined {
  const { policy } = trust;
  const vendor = peer.vendor;
  if (vendor !== undefined) {
    if (policy.deny.includes(vendor)) return `vendor ${vendor} is on the deny list`;
    if (policy.allow && !policy.allow.includes(vendor))
      return `vendor ${vendor} is not on the allow list (${policy.allow.join(', ') || 'empty'})`;
    if (policy.vendors.get(vendor)?.status === 'revoked')
      return `vendor ${vendor} is revoked by the trust policy`;
    if (
      peer.swversion !== undefined &&
      policy.vendors.get(vendor)?.revokedSwVersions.includes(peer.swversion)
    )
      return `swversion ${peer.swversion} of ${vendor} is revoked by the trust policy`;
  }
  for (const id of [peer.instance, peer.ueid]) {
    if (id !== undefined && policy.revokedInstances.includes(id)) return `instance ${id} is revoked`;
  }
  for (const { serial, issuer } of peer.certificates ?? []) {
    const crl = trust.crls.find(
      (c) => (issuer === undefined || c.issuer === issuer) && c.findRevoked(serial),
    );
    if (crl) return `certificate serial ${serial} is revoked by the CRL of "${crl.issuer}"`;
  }
  return undefined;
}
