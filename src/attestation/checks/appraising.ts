/**
 * What the verifier's checks share: the trust policy compiled once, the state one appraisal
 * builds up as its checks run, and who the peer is by what the appraisal found.
 */
import type { X509Certificate } from '@peculiar/x509';
import type { ProtectedHeaderParameters } from 'jose';
import { certificatesFromPem, crlFromPem } from '../pki-pem.js';
import type { TrustPolicy, VendorTrust } from '../policy.js';
import type { AppraisalContext, PeerIdentity } from '../verifier.js';

/** The policy with its PEM parsed once. */
export interface CompiledPolicy {
  readonly policy: TrustPolicy;
  readonly globalRoots: readonly X509Certificate[];
  readonly vendorRoots: ReadonlyMap<string, readonly X509Certificate[]>;
  readonly crls: ReturnType<typeof crlFromPem>[];
}

export function compile(policy: TrustPolicy): CompiledPolicy {
  const certs = (files: TrustPolicy['roots']) => files.flatMap((f) => certificatesFromPem(f.pem));
  return {
    policy,
    globalRoots: certs(policy.roots),
    vendorRoots: new Map([...policy.vendors.values()].map((v) => [v.id, certs(v.roots)])),
    crls: policy.crls.map((f) => crlFromPem(f.pem)),
  };
}

/** What one appraisal learns as its checks run. */
export interface Appraising {
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
export type Check = (a: Appraising) => Promise<string | undefined> | string | undefined;

/** A certificate's subject, quoted, for a reason. */
export const dn = (cert: X509Certificate) => `"${cert.subject}"`;

export function identityOf(a: Appraising): PeerIdentity {
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

export function revocationOf(trust: CompiledPolicy, peer: PeerIdentity): string | undefined {
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
