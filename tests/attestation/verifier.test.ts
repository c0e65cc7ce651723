import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { createEvidence, createSbom, newUeid } from '../../src/attestation/evidence.js';
import {
  type CaHandle,
  createCa,
  initPki,
  issueLeaf,
  type LeafHandle,
  loadCa,
  revoke,
  selfSigned,
} from '../../src/attestation/pki.js';
import { loadTrustPolicy, type TrustPolicy } from '../../src/attestation/policy.js';
import {
  type EvidenceClaims,
  eatProfile,
  type PkiLayout,
  type SigningAlgorithm,
  type VerifierCheck,
  verifierChecks,
} from '../../src/attestation/types.js';
import { type AppraisalContext, createVerifier, type Verifier } from '../../src/attestation/verifier.js';

const repo = join(import.meta.dirname, '../..');
const temp = mkdtempSync(join(tmpdir(), 'plugfest-verifier-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const dayMs = 86_400_000;
const reference = { 'main.ts': sha256('main'), 'vendor.yaml': sha256('manifest') };
const sbomDigest = sha256('sbom');

/** The trust policy of these tests: the dev root for all; Ruvello listed with reference values, Korimo not. */
const basePolicy = {
  roots: ['pki/root/ca.pem'],
  crls: ['pki/root/crl.pem', 'pki/vendors/ruvello/crl.pem', 'pki/vendors/korimo/crl.pem'],
  vendors: [
    {
      id: 'ruvello',
      status: 'trusted',
      roles: ['o-ru'],
      hwmodels: ['ruvello-ru-4t4r'],
      minSwVersion: '4.1.0',
      revokedSwVersions: ['4.1.3'],
      measurements: reference,
      sbomDigest,
    },
  ],
};

let policyFiles = 0;
/** Writes a policy (the base one, changed by `edit`) beside the PKI and loads it. */
function policyWith(edit: (p: typeof basePolicy & Record<string, unknown>) => void = () => {}): TrustPolicy {
  const policy = structuredClone(basePolicy) as typeof basePolicy & Record<string, unknown>;
  edit(policy);
  policyFiles += 1;
  const file = join(temp, `policy-${policyFiles}.yaml`);
  writeFileSync(file, stringify(policy));
  return loadTrustPolicy(file);
}

interface Attester {
  readonly keyPem: string;
  readonly chainPem: string;
  readonly algorithm: SigningAlgorithm;
}

let pki: PkiLayout;
let ruvelloCa: CaHandle;
let ruvello: Attester;
let korimo: Attester;
let policy: TrustPolicy;

const attesterOf = (instance: string): Attester => {
  const files = pki.instances[instance]!;
  return {
    keyPem: readFileSync(files.attestKey, 'utf8'),
    chainPem: readFileSync(files.chain, 'utf8'),
    algorithm: 'ES256',
  };
};
const leafAttester = (leaf: LeafHandle, ...issuers: { certPem: string }[]): Attester => ({
  keyPem: leaf.keyPem,
  chainPem: [leaf.certPem, ...issuers.map((c) => c.certPem)].join('\n'),
  algorithm: leaf.algorithm,
});

beforeAll(async () => {
  pki = await initPki(join(temp, 'pki'), {
    vendors: [
      { id: 'ruvello', instances: ['ru-1'] },
      { id: 'korimo', instances: ['ru-2'] },
    ],
  });
  ruvelloCa = await loadCa(pki.vendors.ruvello!);
  ruvello = attesterOf('ru-1');
  korimo = attesterOf('ru-2');
  policy = policyWith();
});

const ueid = newUeid();
const goodClaims = (nonce: Uint8Array, oemid = 'ruvello'): EvidenceClaims => ({
  eat_profile: eatProfile,
  iat: Math.floor(Date.now() / 1000),
  eat_nonce: Buffer.from(nonce).toString('base64url'),
  ueid,
  oemid,
  hwmodel: oemid === 'ruvello' ? 'ruvello-ru-4t4r' : 'korimo-ru',
  swname: oemid,
  swversion: '4.1.0',
  dbgstat: 2,
  measurements: reference,
  manifests: { 'sbom.cdx.json': sbomDigest },
});

/** Claims as given, changed by `edit` (which may delete one), signed by evidence.ts. */
async function evidence(
  verifier: Verifier,
  edit: (claims: Record<string, unknown>) => void = () => {},
  attester = ruvello,
  oemid = 'ruvello',
): Promise<string> {
  const claims: Record<string, unknown> = { ...goodClaims(verifier.challenge().nonce, oemid) };
  edit(claims);
  return createEvidence({
    claims: claims as unknown as EvidenceClaims,
    attestKeyPem: attester.keyPem,
    chainPem: attester.chainPem,
    algorithm: attester.algorithm,
  });
}

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const x5cOf = (chainPem: string) =>
  [...chainPem.matchAll(/-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g)].map((m) =>
    m[1]!.replace(/\s/g, ''),
  );

interface Case {
  readonly title: string;
  readonly check: VerifierCheck;
  /** A fragment of the reason. */
  readonly reason: RegExp;
  readonly token: (v: Verifier) => Promise<string>;
  readonly policy?: () => TrustPolicy;
  readonly context?: AppraisalContext;
}

const cases: Case[] = [
  {
    title: 'something that is not a JWS',
    check: 'algorithm',
    reason: /not a compact JWS/,
    token: async () => 'eyJub3QiOiJqd3MifQ',
  },
  {
    title: 'alg none',
    check: 'algorithm',
    reason: /alg none is never accepted/,
    token: async (v) => {
      const signed = await evidence(v);
      const [, payload] = signed.split('.');
      return `${b64url({ alg: 'none', x5c: x5cOf(ruvello.chainPem) })}.${payload}.`;
    },
  },
  {
    title: 'an algorithm plugfest does not sign with (HS256)',
    check: 'algorithm',
    reason: /alg HS256 is not allowed; the policy accepts ES256, EdDSA/,
    token: (v) =>
      new SignJWT({ ...goodClaims(v.challenge().nonce) })
        .setProtectedHeader({ alg: 'HS256', x5c: x5cOf(ruvello.chainPem) })
        .sign(new TextEncoder().encode('a shared secret of thirty-two bytes')),
  },
  {
    title: 'EdDSA under a policy that accepts ES256 only',
    check: 'algorithm',
    reason: /alg EdDSA is not allowed; the policy accepts ES256$/,
    policy: () => policyWith((p) => Object.assign(p, { algorithms: ['ES256'] })),
    token: async (v) => {
      const leaf = await issueLeaf({
        ca: ruvelloCa,
        commonName: 'ru-1',
        organization: 'ruvello',
        usage: 'attest',
        algorithm: 'EdDSA',
      });
      return evidence(v, undefined, leafAttester(leaf, ruvelloCa));
    },
  },
  {
    title: 'an x5c entry that is not a certificate',
    check: 'certificate-chain',
    reason: /x5c\[1\] is not a DER certificate/,
    token: async (v) => {
      const [, payload, signature] = (await evidence(v)).split('.');
      const header = b64url({ alg: 'ES256', x5c: [x5cOf(ruvello.chainPem)[0], 'bm90IGEgY2VydGlmaWNhdGU='] });
      return `${header}.${payload}.${signature}`;
    },
  },
  {
    title: 'a chain to a root nobody pinned',
    check: 'certificate-chain',
    reason:
      /unknown root: "CN=ruvello vendor CA, O=ruvello" was issued by "CN=rogue root.*not a root pinned for ruvello/,
    token: async (v) => {
      const rogueRoot = await createCa({ name: 'rogue root' });
      const rogueCa = await createCa({
        name: 'ruvello vendor CA',
        organization: 'ruvello',
        issuer: rogueRoot,
      });
      const leaf = await issueLeaf({
        ca: rogueCa,
        commonName: 'ru-1',
        organization: 'ruvello',
        usage: 'attest',
      });
      return evidence(v, undefined, leafAttester(leaf, rogueCa));
    },
  },
  {
    title: 'a self-signed leaf',
    check: 'certificate-chain',
    reason: /self-signed certificate "CN=ru-1, O=ruvello" is not a root pinned for ruvello/,
    token: async (v) =>
      evidence(
        v,
        undefined,
        leafAttester(await selfSigned({ commonName: 'ru-1', organization: 'ruvello', usage: 'attest' })),
      ),
  },
  {
    title: 'an expired leaf',
    check: 'certificate-chain',
    reason: /certificate "CN=ru-1, O=ruvello" expired at/,
    token: async (v) => {
      const notBefore = new Date(Date.now() - 30 * dayMs);
      const leaf = await issueLeaf({
        ca: ruvelloCa,
        commonName: 'ru-1',
        organization: 'ruvello',
        usage: 'attest',
        notBefore,
        notAfter: new Date(notBefore.getTime() + dayMs),
      });
      return evidence(v, undefined, leafAttester(leaf, ruvelloCa));
    },
  },
  {
    title: 'a leaf not valid yet',
    check: 'certificate-chain',
    reason: /certificate "CN=ru-1, O=ruvello" is not valid before/,
    token: async (v) => {
      const leaf = await issueLeaf({
        ca: ruvelloCa,
        commonName: 'ru-1',
        organization: 'ruvello',
        usage: 'attest',
        notBefore: new Date(Date.now() + dayMs),
      });
      return evidence(v, undefined, leafAttester(leaf, ruvelloCa));
    },
  },
  {
    title: 'a leaf issued by a leaf (not a CA)',
    check: 'certificate-chain',
    reason: /issuer "CN=ru-1, O=ruvello" is not a CA/,
    token: async (v) => {
      const first = await issueLeaf({
        ca: ruvelloCa,
        commonName: 'ru-1',
        organization: 'ruvello',
        usage: 'attest',
      });
      const asCa = {
        cert: first.cert,
        certPem: first.certPem,
        algorithm: first.algorithm,
        privateKey: first.privateKey,
        keyPem: first.keyPem,
      };
      const second = await issueLeaf({
        ca: asCa,
        commonName: 'ru-x',
        organization: 'ruvello',
        usage: 'attest',
      });
      return evidence(v, undefined, leafAttester(second, first, ruvelloCa));
    },
  },
  {
    title: 'a leaf the vendor CA revoked',
    check: 'certificate-chain',
    reason:
      /certificate "CN=ru-1, O=ruvello" serial [0-9a-f]+ is revoked by "CN=ruvello vendor CA, O=ruvello"'s CRL/,
    token: async () => revokedToken.token,
    policy: () => revokedToken.policy,
  },
  {
    title: 'a stale CRL of the vendor CA',
    check: 'certificate-chain',
    reason: /stale CRL of "CN=ruvello vendor CA, O=ruvello": its nextUpdate .* has passed/,
    policy: () => {
      const file = join(temp, 'stale-crl.pem');
      return policyWith((p) => {
        p.crls = ['pki/root/crl.pem', file];
      });
    },
    token: (v) => evidence(v),
  },
  {
    title: 'a tampered signature',
    check: 'signature',
    reason: /the token's signature does not verify with the key of "CN=ru-1, O=ruvello"/,
    token: async (v) => {
      const [header, payload, signature] = (await evidence(v)).split('.');
      const bytes = Buffer.from(signature!, 'base64url');
      bytes[10]! ^= 0x01;
      return `${header}.${payload}.${bytes.toString('base64url')}`;
    },
  },
  {
    title: "Korimo's chain claiming Ruvello's oemid",
    check: 'oemid',
    reason: /oemid "ruvello" but the chain's vendor CA is korimo's/,
    token: (v) => evidence(v, undefined, korimo, 'ruvello'),
  },
  {
    title: 'a vendor on the deny list',
    check: 'vendor-status',
    reason: /vendor korimo is on the deny list/,
    policy: () => policyWith((p) => Object.assign(p, { deny: ['korimo'] })),
    token: (v) => evidence(v, undefined, korimo, 'korimo'),
  },
  {
    title: 'a vendor not on the allow list',
    check: 'vendor-status',
    reason: /vendor korimo is not on the allow list \(ruvello\)/,
    policy: () => policyWith((p) => Object.assign(p, { allow: ['ruvello'] })),
    token: (v) => evidence(v, undefined, korimo, 'korimo'),
  },
  {
    title: 'a revoked vendor',
    check: 'vendor-status',
    reason: /vendor ruvello is revoked by the trust policy/,
    policy: () => policyWith((p) => Object.assign(p.vendors[0]!, { status: 'revoked' })),
    token: (v) => evidence(v),
  },
  {
    title: 'a revoked instance',
    check: 'vendor-status',
    reason: /instance ru-1 is revoked/,
    policy: () => policyWith((p) => Object.assign(p, { revokedInstances: ['ru-1'] })),
    token: (v) => evidence(v),
  },
  {
    title: 'a vendor in a role the policy does not allow it',
    check: 'vendor-status',
    reason: /vendor ruvello may play o-ru, not o-du/,
    context: { expectedRole: 'o-du' },
    token: (v) => evidence(v),
  },
  {
    title: 'a missing nonce',
    check: 'nonce',
    reason: /no eat_nonce claim/,
    token: (v) => evidence(v, (c) => delete c.eat_nonce),
  },
  {
    title: 'a short nonce',
    check: 'nonce',
    reason: /eat_nonce is 4 bytes; at least 8/,
    token: (v) => evidence(v, (c) => Object.assign(c, { eat_nonce: 'AAECAw' })),
  },
  {
    title: 'a nonce this verifier never issued',
    check: 'nonce',
    reason: /was not issued by this verifier/,
    token: (v) =>
      evidence(v, (c) => Object.assign(c, { eat_nonce: Buffer.alloc(16, 7).toString('base64url') })),
  },
  {
    title: 'a stale iat',
    check: 'freshness',
    reason: /iat is 4\d\d s old; the window is 300 s/,
    token: (v) => evidence(v, (c) => Object.assign(c, { iat: Math.floor(Date.now() / 1000) - 400 })),
  },
  {
    title: 'an iat from the future',
    check: 'freshness',
    reason: /iat is 3\d\d\d s in the future/,
    token: (v) => evidence(v, (c) => Object.assign(c, { iat: Math.floor(Date.now() / 1000) + 3600 })),
  },
  {
    title: 'a non-integer iat',
    check: 'freshness',
    reason: /iat \d+\.5 is not an integer number of seconds/,
    token: (v) => evidence(v, (c) => Object.assign(c, { iat: Math.floor(Date.now() / 1000) + 0.5 })),
  },
  {
    title: 'a missing claim',
    check: 'claims',
    reason: /the hwmodel claim is missing/,
    token: (v) => evidence(v, (c) => delete c.hwmodel),
  },
  {
    title: 'another EAT profile',
    check: 'claims',
    reason: /eat_profile "tag:example" is not tag:plugfest/,
    token: (v) => evidence(v, (c) => Object.assign(c, { eat_profile: 'tag:example' })),
  },
  {
    title: 'a hardware model not allowed',
    check: 'hwmodel',
    reason: /hwmodel "ruvello-ru-64t64r" is not one of ruvello-ru-4t4r/,
    token: (v) => evidence(v, (c) => Object.assign(c, { hwmodel: 'ruvello-ru-64t64r' })),
  },
  {
    title: 'debug enabled',
    check: 'debug',
    reason: /dbgstat 0: debug is enabled/,
    token: (v) => evidence(v, (c) => Object.assign(c, { dbgstat: 0 })),
  },
  {
    title: 'a downgraded software version',
    check: 'swversion',
    reason: /swversion 4\.0\.9 is below the minimum 4\.1\.0/,
    token: (v) => evidence(v, (c) => Object.assign(c, { swversion: '4.0.9' })),
  },
  {
    title: 'a revoked software version',
    check: 'swversion',
    reason: /swversion 4\.1\.3 is revoked/,
    token: (v) => evidence(v, (c) => Object.assign(c, { swversion: '4.1.3' })),
  },
  {
    title: 'a changed file',
    check: 'measurements',
    reason: new RegExp(`main\\.ts measures ${sha256('tampered')}; its reference value is ${sha256('main')}`),
    token: (v) =>
      evidence(v, (c) => Object.assign(c, { measurements: { ...reference, 'main.ts': sha256('tampered') } })),
  },
  {
    title: 'a file added',
    check: 'measurements',
    reason: /backdoor\.ts is measured but has no reference value/,
    token: (v) =>
      evidence(v, (c) => Object.assign(c, { measurements: { ...reference, 'backdoor.ts': sha256('x') } })),
  },
  {
    title: 'a missing SBOM',
    check: 'sbom',
    reason: /the evidence names no SBOM/,
    token: (v) => evidence(v, (c) => delete c.manifests),
  },
  {
    title: 'another SBOM',
    check: 'sbom',
    reason: new RegExp(`the SBOM digest is ${sha256('other')}; the reference is ${sbomDigest}`),
    token: (v) => evidence(v, (c) => Object.assign(c, { manifests: { 'sbom.cdx.json': sha256('other') } })),
  },
  {
    title: 'an SBOM without the NTIA minimum fields',
    check: 'sbom',
    reason: /lacks the NTIA minimum fields: author \(metadata\.authors\)/,
    policy: () => {
      const text = '{"bomFormat":"CycloneDX","metadata":{}}';
      writeFileSync(join(temp, 'thin.cdx.json'), text);
      return policyWith((p) => {
        p.vendors[0]!.sbomDigest = sha256(text);
        Object.assign(p.vendors[0]!, { sbom: 'thin.cdx.json' });
      });
    },
    token: (v) =>
      evidence(v, (c) =>
        Object.assign(c, {
          manifests: { 'sbom.cdx.json': sha256('{"bomFormat":"CycloneDX","metadata":{}}') },
        }),
      ),
  },
  {
    title: 'evidence bound to another TLS session',
    check: 'channel-binding',
    reason: /channel_binding b3RoZXI is not this TLS session's \(dGhpcw\)/,
    context: { channelBinding: 'dGhpcw' },
    token: (v) => evidence(v, (c) => Object.assign(c, { channel_binding: 'b3RoZXI' })),
  },
  {
    title: 'no TLS session when the policy requires channel binding',
    check: 'channel-binding',
    reason: /the policy requires channel binding but the link has no TLS session/,
    policy: () => policyWith((p) => Object.assign(p, { criteria: { requireChannelBinding: true } })),
    token: (v) => evidence(v),
  },
];

/** A leaf the vendor CA then revoked, and a policy with that CRL. */
let revokedToken: { token: string; policy: TrustPolicy };

beforeAll(async () => {
  const leaf = await issueLeaf({
    ca: ruvelloCa,
    commonName: 'ru-1',
    organization: 'ruvello',
    usage: 'attest',
  });
  await revoke(ruvelloCa, [leaf.serialNumber], { file: join(temp, 'revoking-crl.pem') });
  const revokingPolicy = policyWith((p) => {
    p.crls = ['pki/root/crl.pem', 'revoking-crl.pem'];
  });
  const verifier = createVerifier(revokingPolicy);
  revokedToken = {
    token: await evidence(verifier, undefined, leafAttester(leaf, ruvelloCa)),
    policy: revokingPolicy,
  };
  const thisUpdate = new Date(Date.now() - 10 * dayMs);
  await revoke(ruvelloCa, [], {
    thisUpdate,
    nextUpdate: new Date(thisUpdate.getTime() + dayMs),
    file: join(temp, 'stale-crl.pem'),
  });
});

describe('the verifier', () => {
  it('affirms good evidence, with the claims, the peer and when it lapses', async () => {
    const verifier = createVerifier(policy);
    const result = await verifier.appraise(await evidence(verifier), { expectedRole: 'o-ru' });
    expect(result).toMatchObject({ status: 'affirming', reason: 'every check passed' });
    expect(result.failedCheck).toBeUndefined();
    expect(result.claims).toMatchObject({ oemid: 'ruvello', swversion: '4.1.0' });
    expect(result.expiresAtUnixMs - result.verifiedAtUnixMs).toBe(3_600_000);
    expect(result.peer).toMatchObject({ vendor: 'ruvello', instance: 'ru-1', ueid });
    expect(result.peer?.certificates).toHaveLength(2);
  });

  it('affirms an Ed25519 leaf, and a vendor pinned by its own CA', async () => {
    const pinned = policyWith((p) => Object.assign(p.vendors[0]!, { roots: ['pki/vendors/ruvello/ca.pem'] }));
    const verifier = createVerifier(pinned);
    const leaf = await issueLeaf({
      ca: ruvelloCa,
      commonName: 'ru-1',
      organization: 'ruvello',
      usage: 'attest',
      algorithm: 'EdDSA',
    });
    const result = await verifier.appraise(
      await evidence(verifier, undefined, leafAttester(leaf, ruvelloCa)),
    );
    expect(result.status).toBe('affirming');
    expect(result.peer?.certificates).toHaveLength(1);
  });

  it('admits a vendor the policy does not list when it meets the criteria (criteria-only trust)', async () => {
    const verifier = createVerifier(policy);
    const result = await verifier.appraise(
      await evidence(
        verifier,
        (c) => Object.assign(c, { measurements: { 'main.ts': sha256('korimo') } }),
        korimo,
        'korimo',
      ),
    );
    expect(result).toMatchObject({ status: 'affirming', peer: { vendor: 'korimo', instance: 'ru-2' } });
  });

  it.each(cases)('names $check for $title', async ({ check, reason, token, policy: custom, context }) => {
    const verifier = createVerifier(custom ? custom() : policy);
    const result = await verifier.appraise(await token(verifier), context);
    expect({ failedCheck: result.failedCheck, status: result.status }).toEqual({
      failedCheck: check,
      status: 'contraindicated',
    });
    expect(result.reason).toMatch(reason);
    expect(result.expiresAtUnixMs).toBe(result.verifiedAtUnixMs);
  });

  it('has a failing case for every check', () => {
    expect(new Set(cases.map((c) => c.check))).toEqual(new Set(verifierChecks));
  });

  it('refuses replayed evidence: a nonce is used once', async () => {
    const verifier = createVerifier(policy);
    const token = await evidence(verifier);
    expect((await verifier.appraise(token)).status).toBe('affirming');
    expect(await verifier.appraise(token)).toMatchObject({
      status: 'contraindicated',
      failedCheck: 'nonce',
      reason: expect.stringMatching(/was already used \(replayed evidence\)/),
    });
  });

  it('refuses a nonce answered after its lifetime', async () => {
    let now = Date.now();
    const verifier = createVerifier(policy, { clock: () => now });
    const token = await evidence(verifier);
    now += 61_000;
    expect(await verifier.appraise(token)).toMatchObject({
      failedCheck: 'nonce',
      reason: expect.stringMatching(/eat_nonce expired: issued 61000 ms ago, lifetime 60000 ms/),
    });
  });

  it('forgets the oldest challenge beyond the limit of outstanding ones', async () => {
    const verifier = createVerifier(policy, { maxOutstandingNonces: 1 });
    const first = await evidence(verifier);
    verifier.challenge();
    expect(await verifier.appraise(first)).toMatchObject({
      failedCheck: 'nonce',
      reason: expect.stringMatching(/was not issued by this verifier/),
    });
  });

  it('names the earlier check of a token wrong in two ways', async () => {
    const verifier = createVerifier(policy);
    // A stale iat and debug enabled: freshness comes first.
    const stale = await evidence(verifier, (c) => Object.assign(c, { iat: 1, dbgstat: 0 }));
    expect((await verifier.appraise(stale)).failedCheck).toBe('freshness');
    // Korimo's chain claiming Ruvello, with a nonce never issued: oemid comes before nonce.
    const foreign = await evidence(
      verifier,
      (c) => Object.assign(c, { eat_nonce: 'AAAAAAAAAAAAAAAAAAAAAA' }),
      korimo,
    );
    expect((await verifier.appraise(foreign)).failedCheck).toBe('oemid');
    // A tampered signature over a downgraded version: signature comes first.
    const [h, p, s] = (await evidence(verifier, (c) => Object.assign(c, { swversion: '1.0.0' }))).split('.');
    expect((await verifier.appraise(`${h}.${p}.${s!.slice(0, -4)}AAAA`)).failedCheck).toBe('signature');
  });

  it('warns about a suspended vendor that passes every other check, and refuses one that does not', async () => {
    const verifier = createVerifier(policyWith((p) => Object.assign(p.vendors[0]!, { status: 'suspended' })));
    expect(await verifier.appraise(await evidence(verifier))).toMatchObject({
      status: 'warning',
      failedCheck: 'vendor-status',
      reason: 'vendor ruvello is suspended by the trust policy',
    });
    expect(
      await verifier.appraise(await evidence(verifier, (c) => Object.assign(c, { dbgstat: 0 }))),
    ).toMatchObject({
      status: 'contraindicated',
      failedCheck: 'debug',
    });
  });

  it('challenges with 16 random bytes, the accepted algorithms, and channel binding when asked', () => {
    const verifier = createVerifier(policyWith((p) => Object.assign(p, { algorithms: ['EdDSA'] })));
    const first = verifier.challenge();
    expect(first.nonce).toHaveLength(16);
    expect(first.acceptedAlgorithms).toEqual(['EdDSA']);
    expect(first.channelBindingRequested).toBe(false);
    const second = verifier.challenge({ channelBinding: true });
    expect(second.channelBindingRequested).toBe(true);
    expect(Buffer.from(second.nonce).equals(Buffer.from(first.nonce))).toBe(false);
  });

  it('says a peer is revoked once a reloaded policy revokes its certificate or its vendor, and only that peer', async () => {
    const verifier = createVerifier(policy);
    const leaf = await issueLeaf({
      ca: ruvelloCa,
      commonName: 'ru-1',
      organization: 'ruvello',
      usage: 'attest',
    });
    const up = await verifier.appraise(await evidence(verifier, undefined, leafAttester(leaf, ruvelloCa)));
    const other = await verifier.appraise(
      await evidence(verifier, (c) => Object.assign(c, { measurements: {} }), korimo, 'korimo'),
    );
    expect([up.status, other.status]).toEqual(['affirming', 'affirming']);
    expect(verifier.isRevoked(up.peer!)).toBe(false);

    // A new CRL from Ruvello's CA lists the leaf.
    await revoke(ruvelloCa, [leaf.serialNumber], { file: join(temp, 'reload-crl.pem') });
    verifier.updatePolicy(policyWith((p) => p.crls.push('reload-crl.pem')));
    expect(verifier.revocationOf(up.peer!)).toMatch(
      new RegExp(`certificate serial ${leaf.serialNumber} is revoked`),
    );
    expect(verifier.isRevoked(other.peer!)).toBe(false);

    // The operator revokes Korimo.
    verifier.updatePolicy(
      policyWith((p) => p.vendors.push({ ...p.vendors[0]!, id: 'korimo', status: 'revoked' } as never)),
    );
    expect(verifier.revocationOf(other.peer!)).toBe('vendor korimo is revoked by the trust policy');
    expect(verifier.isRevoked({ ueid: 'someone-else' })).toBe(false);
  });
});

describe('plugfest trust ref', () => {
  it("prints a vendor's reference values as a policy entry that loads", async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'src/cli/run.ts', 'trust', 'ref', 'vendors/ruvello'],
      { cwd: repo },
    );
    const [entry] = parse(stdout) as Array<Record<string, unknown>>;
    expect(entry).toMatchObject({ id: 'ruvello', status: 'trusted', roles: ['o-ru'], minSwVersion: '4.1.0' });
    expect(stdout).toContain('minSwVersion: "4.1.0"');
    const measurements = entry!.measurements as Record<string, string>;
    expect(measurements['main.ts']).toBe(sha256(readFileSync(join(repo, 'vendors/ruvello/main.ts'), 'utf8')));
    expect(measurements['vendor.yaml']).toMatch(/^[0-9a-f]{64}$/);

    const file = join(temp, 'from-ref.yaml');
    writeFileSync(file, `roots: [pki/root/ca.pem]\nvendors:\n${stdout.replace(/^/gm, '  ')}`);
    expect(loadTrustPolicy(file).vendors.get('ruvello')?.measurements).toEqual(measurements);
  });
});

// createSbom is evidence.ts's; a vendor whose SBOM has every NTIA field passes the sbom check.
describe('the sbom check with a complete SBOM', () => {
  it('affirms', async () => {
    const sbom = JSON.stringify(
      createSbom({
        author: 'Ruvello Radio',
        product: {
          name: 'ruvello',
          version: '4.1.0',
          supplier: 'Ruvello Radio',
          purl: 'pkg:generic/ruvello@4.1.0',
          dependsOn: [],
        },
        components: [],
      }),
    );
    writeFileSync(join(temp, 'full.cdx.json'), sbom);
    const verifier = createVerifier(
      policyWith((p) => {
        p.vendors[0]!.sbomDigest = sha256(sbom);
        Object.assign(p.vendors[0]!, { sbom: 'full.cdx.json' });
      }),
    );
    const token = await evidence(verifier, (c) =>
      Object.assign(c, { manifests: { 'sbom.cdx.json': sha256(sbom) } }),
    );
    expect((await verifier.appraise(token)).status).toBe('affirming');
  });
});
