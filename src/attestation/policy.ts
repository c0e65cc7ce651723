/**
 * The trust policy: what a relying party's verifier accepts (issue 5, item 4). A YAML file,
 * validated with zod; errors are `config-invalid` naming file:line:column: field, as the
 * topology loader's are. Paths in it are relative to the policy file.
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
 * Lists and criteria both work (the issue's two ways of applying trust): a vendor that is not
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
import { isNode, LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { PlugfestError, type RoleName } from '../wire/index.js';
import { certificatesFromPem, crlFromPem } from './pki.js';
import type { SigningAlgorithm } from './types.js';

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'must be a sha-256 digest, 64 lowercase hex digits');
const vendorId = z.string().regex(/^[a-z][a-z0-9-]{1,30}$/, 'must be a vendor id such as "ruvello"');
const swVersion = z
  .string({ error: 'must be a quoted version such as "4.1.0"' })
  .regex(/^\d+(\.\d+)*([-+][0-9A-Za-z.-]+)?$/, 'must be a version such as "4.1.0"');
const paths = z.array(z.string().min(1)).default([]);

/** One `vendors:` entry. */
export const vendorEntrySchema = z.strictObject({
  id: vendorId,
  status: z.enum(['trusted', 'suspended', 'revoked']),
  roots: paths,
  roles: z.array(z.enum(['o-ru', 'o-du', 'near-rt-ric', 'smo'])).optional(),
  hwmodels: z.array(z.string().min(1)).optional(),
  minSwVersion: swVersion.optional(),
  revokedSwVersions: z.array(swVersion).default([]),
  measurements: z.record(z.string().min(1), sha256Hex).optional(),
  sbomDigest: sha256Hex.optional(),
  sbom: z.string().min(1).optional(),
});

/** A vendors: entry as written in a policy file (before defaults). */
export type VendorEntry = z.input<typeof vendorEntrySchema>;

export const trustPolicySchema = z.strictObject({
  algorithms: z
    .array(z.enum(['ES256', 'EdDSA']))
    .min(1)
    .default(['ES256', 'EdDSA']),
  freshness: z
    .strictObject({
      iatWindowS: z.number().int().positive().default(300),
      maxClockSkewS: z.number().int().nonnegative().default(30),
      nonceLifetimeS: z.number().int().positive().default(60),
    })
    .prefault({}),
  reattestation: z.strictObject({ epochS: z.number().int().positive().default(3600) }).prefault({}),
  roots: paths,
  crls: paths,
  criteria: z
    .strictObject({
      requireSbom: z.boolean().default(true),
      requireDebugDisabled: z.boolean().default(true),
      requireChannelBinding: z.boolean().default(false),
      minSwVersion: swVersion.optional(),
    })
    .prefault({}),
  allow: z.array(vendorId).optional(),
  deny: z.array(vendorId).default([]),
  revokedInstances: z.array(z.string().min(1)).default([]),
  vendors: z.array(vendorEntrySchema).default([]),
});

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
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new PlugfestError(
      'config-invalid',
      `${file}: cannot read: ${(error as Error).message}`,
      { file },
      error,
    );
  }
  return parseTrustPolicy(text, file);
}

/** As `loadTrustPolicy`, from text; paths resolve against the folder of `fileName`. */
export function parseTrustPolicy(text: string, fileName: string): TrustPolicy {
  const doc = locatedDocument(text, fileName);
  const result = trustPolicySchema.safeParse(doc.value);
  if (!result.success) {
    throw configError(
      result.error.issues.map((issue) =>
        doc.problemAt(
          issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
          describeIssue(issue, valueAt(doc.value, issue.path)),
        ),
      ),
    );
  }
  const data = result.data;
  const base = dirname(resolve(fileName));
  const problems: PolicyProblem[] = [];
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
  if (problems.length > 0) throw configError(problems);

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

/**
 * Compares two versions as semver does for its numeric part ("4.10.0" > "4.9.1"; missing parts
 * are 0), and a pre-release ("4.1.0-rc1") below its release. Negative, zero or positive.
 */
export function compareVersions(a: string, b: string): number {
  const split = (v: string) => {
    const [main = '', pre] = v.split('+')[0]!.split(/-(.*)/s);
    return { parts: main.split('.').map((n) => Number.parseInt(n, 10) || 0), pre };
  };
  const x = split(a);
  const y = split(b);
  for (let i = 0; i < Math.max(x.parts.length, y.parts.length); i += 1) {
    const d = (x.parts[i] ?? 0) - (y.parts[i] ?? 0);
    if (d !== 0) return d;
  }
  if (x.pre === y.pre) return 0;
  if (x.pre === undefined) return 1;
  if (y.pre === undefined) return -1;
  return x.pre.localeCompare(y.pre, 'en', { numeric: true });
}

function attempt<T>(make: () => T): T | undefined {
  try {
    return make();
  } catch {
    return undefined;
  }
}

// The topology loader's locator lives in src/sdk/config-file.ts, a layer below attestation may
// import (ARCHITECTURE.md); this is the same rule in a few lines, with the same message format.
function locatedDocument(text: string, file: string) {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const position = (offset: number) => lineCounter.linePos(offset);
  if (doc.errors.length > 0) {
    throw configError(
      doc.errors.map((e) => {
        const { line, col } = position(e.pos[0]);
        return { file, line, column: col, field: '', message: e.message.split('\n')[0] ?? e.message };
      }),
    );
  }
  /** The problem at a field, or at its nearest ancestor present in the file. */
  const problemAt = (path: readonly (string | number)[], message: string): PolicyProblem => {
    let node: unknown;
    for (let depth = path.length; depth >= 0 && !isNode(node); depth -= 1) {
      node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth), true);
    }
    const { line, col } = position(isNode(node) && node.range ? node.range[0] : 0);
    const field = path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
    return { file, line, column: col, field, message };
  };
  return { value: doc.toJS() as unknown, problemAt };
}

/** One problem in a policy file, located (the shape of the SDK's ConfigProblem). */
export interface PolicyProblem {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** Dotted path of the field, `vendors[0].roots[1]`; empty for the document itself. */
  readonly field: string;
  readonly message: string;
}

function configError(problems: PolicyProblem[]): PlugfestError {
  const text = problems.map(
    (p) => `${p.file}:${p.line}:${p.column}: ${p.field || '(document)'}: ${p.message}`,
  );
  return new PlugfestError('config-invalid', text.join('\n'), { problems });
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  return path.reduce<unknown>(
    (v, key) => (typeof v === 'object' && v !== null ? (v as Record<PropertyKey, unknown>)[key] : undefined),
    value,
  );
}

function describeIssue(issue: z.core.$ZodIssue, input: unknown): string {
  switch (issue.code) {
    case 'invalid_value': {
      const allowed = issue.values.map((v) => JSON.stringify(v)).join(', ');
      return input === undefined ? `is required (one of ${allowed})` : `must be one of ${allowed}`;
    }
    case 'unrecognized_keys':
      return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}`;
    case 'invalid_type': {
      const received = /received (\w+)/.exec(issue.message)?.[1];
      if (received === 'undefined') return `is required (${issue.expected})`;
      return issue.message.startsWith('must')
        ? issue.message
        : `must be ${issue.expected}, not ${received ?? 'this'}`;
    }
    default:
      return issue.message;
  }
}

/** What `plugfest trust ref` reads of a vendor folder: its manifest's facts and its measurement. */
export interface VendorReferenceInput {
  readonly id: string;
  readonly role: RoleName;
  /** vendor.yaml `version`: the swversion its evidence carries. */
  readonly swversion: string;
  readonly hwmodel?: string;
  readonly measurements: Readonly<Record<string, string>>;
  readonly sbomDigest?: string;
}

/**
 * A policy `vendors:` entry pinning a vendor folder as it is now: trusted, in its role, at least
 * this version, with these measurements and SBOM digest. Roots are left to the policy's global
 * ones (add `roots:` to pin the vendor's own CA).
 */
export function referenceEntry(input: VendorReferenceInput): VendorEntry {
  return {
    id: input.id,
    status: 'trusted',
    roles: [input.role],
    ...(input.hwmodel ? { hwmodels: [input.hwmodel] } : {}),
    minSwVersion: input.swversion,
    measurements: { ...input.measurements },
    ...(input.sbomDigest ? { sbomDigest: input.sbomDigest } : {}),
  };
}
