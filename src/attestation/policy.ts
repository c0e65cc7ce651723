/**
 * The trust policy: what a relying party's verifier accepts (issue 5, item 4). A YAML file,
 * validated with zod (policy-schema.ts) and loaded through src/config, so its errors are
 * `config-invalid` naming file:line:column: field, as the topology loader's are. Paths in it are
 * relative to the policy file.
 *
 * ```yaml
 * algorithms: [ES256, EdDSA]      # JWS algorithms accepted (default both); "none" is never accepted
 * freshness:
 *   iatWindowS: 300               # evidence older than this (iat, seconds) is stale (default 300)
 *   maxClockSkewS: 30             # an iat further ahead than this is from the future (default 30)
 *   nonceLifetimeS: 60            # a challenge nonce expires after this (default 60)
 * reattestation:
 *   epochS: 3600                  # an affirming result lapses after this; the peer is challenged again
 * roots: [pki/root/ca.pem]        # roots pinned for every vendor without roots of its own
 * crls: [pki/root/crl.pem, pki/vendors/ruvello/crl.pem]
 * criteria:                       # rules every vendor must meet, listed or not
 *   requireSbom: true             # evidence carries the SBOM digest (default true)
 *   requireDebugDisabled: true    # dbgstat >= 1 (default true)
 *   requireChannelBinding: false  # evidence binds the TLS session; needs mTLS (default false)
 *   minSwVersion: "1.0.0"         # for vendors without a minimum of their own (default none)
 * allow: [ruvello, korimo]        # when present, only these vendors (default: no allow list)
 * deny: [quibble]                 # never these vendors (default none)
 * revokedInstances: [ru-9]        # instance ids (the leaf's CN) or ueids refused (default none)
 * vendors:                        # vendors named with their own rules (default none)
 *   - id: ruvello
 *     status: trusted             # trusted | suspended | revoked
 *     roots: [pki/vendors/ruvello/ca.pem]  # replaces the global roots for this vendor
 *     roles: [o-ru]               # roles it may play (default any)
 *     hwmodels: [ruvello-ru]      # hardware models it may claim (default any)
 *     minSwVersion: "4.1.0"
 *     revokedSwVersions: ["4.0.2"]
 *     measurements: { main.ts: <sha-256 hex> }  # reference values: `plugfest trust ref <dir>`
 *     sbomDigest: <sha-256 hex>   # or sbom: <path of the SBOM>, whose NTIA fields are checked too
 * ```
 *
 * Lists and criteria both work (the two ways of applying trust): a vendor that is not
 * listed is appraised on the criteria alone, so a criteria-only policy (global roots, no vendor
 * listed) admits a new vendor whose chain reaches a pinned root and that meets the criteria. An
 * allow list closes that door.
 *
 * Loading reads every pinned root, CRL and SBOM, so a policy is a snapshot the verifier needs no
 * file for; a reload (a new CRL, a vendor revoked) is loading again and `verifier.updatePolicy`.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { type ConfigProblem, parseConfigDocument, readConfigText, throwProblems } from '../config/index.js';
import { certificatesFromPem, crlFromPem } from './pki.js';
import { trustPolicySchema } from './policy-schema.js';
import type { SigningAlgorithm } from './types.js';

export { referenceEntry, type VendorReferenceInput } from './policy-reference.js';
export { trustPolicySchema, type VendorEntry, vendorEntrySchema } from './policy-schema.js';
export { compareVersions } from './versions.js';

/** One problem in a policy file, located: src/config's ConfigProblem, under its old name. */
export type PolicyProblem = ConfigProblem;

/** A file the policy pins, read at load: a certificate (one per PEM block) or a CRL. */
export interface PinnedFile {
  /** Absolute path. */
  readonly path: string;
  readonly pem: string;
}

export type VendorStatus = 'trusted' | 'suspended' | 'revoked';

/** What the policy says of one named vendor. */
export interface VendorTrust {
  readonly id: string;
  readonly status: VendorStatus;
  /** Pinned roots; empty means the policy's global roots. */
  readonly roots: readonly PinnedFile[];
  readonly roles?: readonly string[];
  readonly hwmodels?: readonly string[];
  readonly minSwVersion?: string;
  readonly revokedSwVersions: readonly string[];
  /** Reference values: path in the vendor folder -> sha-256 hex. */
  readonly measurements?: Readonly<Record<string, string>>;
  readonly sbomDigest?: string;
  /** The SBOM itself when the policy names it (`sbom:`), for the NTIA minimum fields check. */
  readonly sbom?: { readonly path: string; readonly text: string };
}

/** A validated trust policy with every file it names read. Defaults as in the header. */
export interface TrustPolicy {
  readonly file: string;
  readonly algorithms: readonly SigningAlgorithm[];
  readonly freshness: {
    readonly iatWindowS: number;
    readonly maxClockSkewS: number;
    readonly nonceLifetimeS: number;
  };
  readonly reattestation: { readonly epochS: number };
  readonly roots: readonly PinnedFile[];
  readonly crls: readonly PinnedFile[];
  readonly criteria: {
    readonly requireSbom: boolean;
    readonly requireDebugDisabled: boolean;
    readonly requireChannelBinding: boolean;
    readonly minSwVersion?: string;
  };
  /** Undefined: no allow list (every vendor may be appraised). */
  readonly allow?: readonly string[];
  readonly deny: readonly string[];
  readonly revokedInstances: readonly string[];
  readonly vendors: ReadonlyMap<string, VendorTrust>;
}

/** Reads, validates and resolves a trust policy file. Throws `config-invalid` naming file:line:field. */
export function loadTrustPolicy(file: string): TrustPolicy {
  return parseTrustPolicy(readConfigText(file), file);
}

/** As `loadTrustPolicy`, from text; paths resolve against the folder of `fileName`. */
export function parseTrustPolicy(text: string, fileName: string): TrustPolicy {
  const doc = parseConfigDocument(text, fileName, trustPolicySchema);
  const data = doc.data;
  const base = dirname(resolve(fileName));
  const problems: ConfigProblem[] = [];
  const readBytes = (path: string, at: (string | number)[]): Buffer | undefined => {
    try {
      return readFileSync(resolve(base, path));
    } catch (error) {
      problems.push(
        doc.problemAt(
          at,
          `cannot read ${resolve(base, path)}: ${(error as NodeJS.ErrnoException).code ?? error}`,
        ),
      );
      return undefined;
    }
  };
  const read = (path: string, at: (string | number)[]) => readBytes(path, at)?.toString('utf8');
  const certificates = (list: readonly string[], at: (string | number)[]): PinnedFile[] =>
    list.flatMap((path, i) => {
      const text = read(path, [...at, i]);
      if (text === undefined) return [];
      const certs = attempt(() => certificatesFromPem(text)) ?? [];
      if (certs.length === 0) problems.push(doc.problemAt([...at, i], `${path} holds no PEM certificate`));
      return certs.map((cert) => ({ path: resolve(base, path), pem: cert.toString('pem') }));
    });

  const roots = certificates(data.roots, ['roots']);
  const crls = data.crls.flatMap((path, i): PinnedFile[] => {
    const text = read(path, ['crls', i]);
    if (text === undefined) return [];
    if (attempt(() => crlFromPem(text)) === undefined) {
      problems.push(doc.problemAt(['crls', i], `${path} holds no PEM CRL`));
      return [];
    }
    return [{ path: resolve(base, path), pem: text }];
  });

  if (data.roots.length === 0 && data.vendors.length === 0)
    problems.push(doc.problemAt([], 'the policy pins no root and lists no vendor, so it admits no vendor'));
  const vendors = new Map<string, VendorTrust>();
  data.vendors.forEach((v, i) => {
    if (vendors.has(v.id))
      problems.push(doc.problemAt(['vendors', i, 'id'], `vendor "${v.id}" is listed twice`));
    const vendorRoots = certificates(v.roots, ['vendors', i, 'roots']);
    let sbom: VendorTrust['sbom'];
    let sbomDigest = v.sbomDigest;
    if (v.sbom !== undefined) {
      const bytes = readBytes(v.sbom, ['vendors', i, 'sbom']);
      if (bytes !== undefined) {
        sbom = { path: resolve(base, v.sbom), text: bytes.toString('utf8') };
        const digest = createHash('sha256').update(bytes).digest('hex');
        if (sbomDigest !== undefined && sbomDigest !== digest) {
          problems.push(
            doc.problemAt(['vendors', i, 'sbomDigest'], `is ${sbomDigest} but ${v.sbom} hashes to ${digest}`),
          );
        }
        sbomDigest = digest;
      }
    }
    if (data.roots.length === 0 && v.roots.length === 0 && v.status !== 'revoked') {
      problems.push(doc.problemAt(['vendors', i], `vendor "${v.id}" has no roots and the policy pins none`));
    }
    vendors.set(v.id, {
      id: v.id,
      status: v.status,
      roots: vendorRoots,
      ...(v.roles ? { roles: v.roles } : {}),
      ...(v.hwmodels ? { hwmodels: v.hwmodels } : {}),
      ...(v.minSwVersion ? { minSwVersion: v.minSwVersion } : {}),
      revokedSwVersions: v.revokedSwVersions,
      ...(v.measurements ? { measurements: v.measurements } : {}),
      ...(sbomDigest ? { sbomDigest } : {}),
      ...(sbom ? { sbom } : {}),
    });
  });
  throwProblems(problems);

  return {
    file: resolve(fileName),
    algorithms: data.algorithms,
    freshness: data.freshness,
    reattestation: data.reattestation,
    roots,
    crls,
    criteria: data.criteria,
    ...(data.allow ? { allow: data.allow } : {}),
    deny: data.deny,
    revokedInstances: data.revokedInstances,
    vendors,
  };
}

function attempt<T>(make: () => T): T | undefined {
  try {
    return make();
  } catch {
    return undefined;
  }
}
