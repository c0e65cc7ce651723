import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initPki } from '../../src/attestation/pki.js';
import { compareVersions, loadTrustPolicy, parseTrustPolicy } from '../../src/attestation/policy.js';
import type { PkiLayout } from '../../src/attestation/types.js';
import { PlugfestError } from '../../src/wire/index.js';

const repo = join(import.meta.dirname, '../..');
const temp = mkdtempSync(join(tmpdir(), 'plugfest-policy-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const builtInVendors = [
  'baseloom',
  'cellwright',
  'harness',
  'korimo',
  'quibble',
  'ruvello',
  'sagebrush',
  'stillwater',
];
let pki: PkiLayout;
beforeAll(async () => {
  // The layout the example policy expects: <checkout>/.plugfest/pki beside <checkout>/topologies.
  pki = await initPki(join(temp, '.plugfest/pki'), {
    vendors: builtInVendors.map((id) => ({ id, instances: [] })),
  });
});

/** A policy written in temp/topologies, so that `../.plugfest/pki/...` paths reach the PKI. */
const policyOf = (yaml: string) => parseTrustPolicy(yaml, join(temp, 'topologies/policy.yaml'));

function problemsOf(yaml: string): string[] {
  try {
    policyOf(yaml);
  } catch (error) {
    expect(error).toBeInstanceOf(PlugfestError);
    expect((error as PlugfestError).code).toBe('config-invalid');
    return (error as PlugfestError).rawMessage.split('\n').map((line) => line.replaceAll(temp, '<tmp>'));
  }
  throw new Error('the policy was accepted');
}

describe('trust policies', () => {
  it('fill in the defaults of a criteria-only policy, with its root read', () => {
    const policy = policyOf('roots: [../.plugfest/pki/root/ca.pem]\n');
    expect(policy.algorithms).toEqual(['ES256', 'EdDSA']);
    expect(policy.freshness).toEqual({ iatWindowS: 300, maxClockSkewS: 30, nonceLifetimeS: 60 });
    expect(policy.reattestation).toEqual({ epochS: 3600 });
    expect(policy.criteria).toEqual({
      requireSbom: true,
      requireDebugDisabled: true,
      requireChannelBinding: false,
    });
    expect(policy.allow).toBeUndefined();
    expect(policy.deny).toEqual([]);
    expect(policy.vendors.size).toBe(0);
    expect(policy.roots).toHaveLength(1);
    expect(policy.roots[0]!.path).toBe(pki.root.cert);
    expect(policy.roots[0]!.pem).toContain('BEGIN CERTIFICATE');
  });

  it('name file, line and field of a value of the wrong type, and say what is allowed', () => {
    const problems = problemsOf(`algorithms: [ES256, none]
freshness:
  iatWindowS: -5
roots: [../.plugfest/pki/root/ca.pem]
vendors:
  - id: ruvello
    status: trusty
    minSwVersion: 4.1
    measurements:
      main.ts: abc
`);
    const at = '<tmp>/topologies/policy.yaml';
    expect(problems).toContain(`${at}:1:21: algorithms[1]: must be one of "ES256", "EdDSA"`);
    expect(problems).toContain(`${at}:3:15: freshness.iatWindowS: Too small: expected number to be >0`);
    expect(problems).toContain(
      `${at}:7:13: vendors[0].status: must be one of "trusted", "suspended", "revoked"`,
    );
    expect(problems).toContain(
      `${at}:8:19: vendors[0].minSwVersion: must be a quoted version such as "4.1.0"`,
    );
    expect(problems).toContain(
      `${at}:10:16: vendors[0].measurements.main.ts: must be a sha-256 digest, 64 lowercase hex digits`,
    );
  });

  it('report a missing field at its parent and an unknown field by name', () => {
    const problems = problemsOf(`roots: [../.plugfest/pki/root/ca.pem]
vendors:
  - id: korimo
    roles: [o-ru]
    colour: blue
`);
    expect(problems).toContain(
      '<tmp>/topologies/policy.yaml:3:5: vendors[0].status: is required (one of "trusted", "suspended", "revoked")',
    );
    expect(problems).toContain('<tmp>/topologies/policy.yaml:3:5: vendors[0]: unknown field colour');
  });

  it('name the line of a pinned file that cannot be read or is not a certificate', () => {
    const problems = problemsOf(`roots: [../.plugfest/pki/root/ca.pem]
crls: [../.plugfest/pki/root/ca.pem]
vendors:
  - id: ruvello
    status: trusted
    roots:
      - ../.plugfest/pki/vendors/ruvello/ca.pem
      - ../.plugfest/pki/vendors/acme/ca.pem
`);
    expect(problems).toEqual([
      '<tmp>/topologies/policy.yaml:2:8: crls[0]: ../.plugfest/pki/root/ca.pem holds no PEM CRL',
      '<tmp>/topologies/policy.yaml:8:9: vendors[0].roots[1]: cannot read <tmp>/.plugfest/pki/vendors/acme/ca.pem: ENOENT',
    ]);
  });

  it('refuse a vendor listed twice, and one no pinned root could admit', () => {
    const problems = problemsOf(`vendors:
  - { id: korimo, status: trusted }
  - { id: korimo, status: suspended, roots: [../.plugfest/pki/vendors/korimo/ca.pem] }
`);
    expect(problems).toEqual([
      '<tmp>/topologies/policy.yaml:2:5: vendors[0]: vendor "korimo" has no roots and the policy pins none',
      '<tmp>/topologies/policy.yaml:3:11: vendors[1].id: vendor "korimo" is listed twice',
    ]);
  });

  it('refuse a policy that could admit no vendor at all', () => {
    expect(problemsOf('deny: [quibble]\n')).toEqual([
      '<tmp>/topologies/policy.yaml:1:1: (document): the policy pins no root and lists no vendor, so it admits no vendor',
    ]);
  });

  it('name the line of a YAML syntax error and of a duplicate key', () => {
    expect(problemsOf('deny: [a\nroots: []\n')[0]).toMatch(
      /^<tmp>\/topologies\/policy.yaml:\d+:\d+: \(document\): /,
    );
    expect(problemsOf('deny: []\ndeny: []\n')[0]).toMatch(
      /^<tmp>\/topologies\/policy.yaml:2:1: \(document\): Map keys must be unique/,
    );
  });

  it('take the SBOM digest of a pinned SBOM file, and refuse a digest that contradicts it', () => {
    const dir = join(temp, 'sbom');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'sbom.cdx.json'), '{"bomFormat":"CycloneDX"}');
    const file = join(dir, 'policy.yaml');
    const policy = parseTrustPolicy(
      `roots: [../.plugfest/pki/root/ca.pem]\nvendors: [{ id: korimo, status: trusted, sbom: sbom.cdx.json }]\n`,
      file,
    );
    expect(policy.vendors.get('korimo')?.sbomDigest).toMatch(/^[0-9a-f]{64}$/);
    expect(policy.vendors.get('korimo')?.sbom?.text).toBe('{"bomFormat":"CycloneDX"}');
    expect(() =>
      parseTrustPolicy(
        `roots: [../.plugfest/pki/root/ca.pem]\nvendors: [{ id: korimo, status: trusted, sbom: sbom.cdx.json, sbomDigest: ${'f'.repeat(64)} }]\n`,
        file,
      ),
    ).toThrow(/vendors\[0\]\.sbomDigest: is f{64} but sbom\.cdx\.json hashes to [0-9a-f]{64}/);
  });

  it('say which file cannot be read', () => {
    expect(() => loadTrustPolicy(join(temp, 'none.yaml'))).toThrow(
      /\[config-invalid\] .*none\.yaml: cannot read/,
    );
  });

  it('the example in topologies/ loads against a fresh dev PKI', () => {
    mkdirSync(join(temp, 'topologies'), { recursive: true });
    cpSync(join(repo, 'topologies/trust-policy.yaml'), join(temp, 'topologies/trust-policy.yaml'));
    const policy = loadTrustPolicy(join(temp, 'topologies/trust-policy.yaml'));
    expect(policy.roots.map((r) => r.path)).toEqual([pki.root.cert]);
    expect(policy.crls).toHaveLength(builtInVendors.length + 1);
    expect(policy.criteria.requireSbom).toBe(true);
    expect(policy.vendors.size).toBe(0);
  });
});

describe('compareVersions', () => {
  it('orders versions numerically, part by part, a pre-release below its release', () => {
    expect(compareVersions('4.10.0', '4.9.1')).toBeGreaterThan(0);
    expect(compareVersions('4.1', '4.1.0')).toBe(0);
    expect(compareVersions('4.0.9', '4.1.0')).toBeLessThan(0);
    expect(compareVersions('4.1.0-rc1', '4.1.0')).toBeLessThan(0);
    expect(compareVersions('4.1.0-rc10', '4.1.0-rc2')).toBeGreaterThan(0);
    expect(compareVersions('4.1.0+build7', '4.1.0')).toBe(0);
  });
});
