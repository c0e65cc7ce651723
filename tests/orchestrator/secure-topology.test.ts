import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { certificatesFromPem } from '../../src/attestation/pki.js';
import { loadTrustPolicy } from '../../src/attestation/policy.js';
import { downgradeVersion, prepareSecurity } from '../../src/orchestrator/index.js';
import { vendorConfigSchema } from '../../src/sdk/index.js';
import { parseTopology } from '../../src/topology/index.js';
import { PlugfestError } from '../../src/wire/index.js';
import { until } from '../support/links.js';
import {
  builtInCatalog,
  isInterfaceFrame,
  type SecuredNetwork,
  securedDefault,
  startSecured,
} from '../support/secured.js';
import { repoRoot, tempRunDir } from '../support/topologies.js';

const catalog = builtInCatalog();
const running: SecuredNetwork[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((n) => n.running.stop()));
});

async function start(yaml: string): Promise<SecuredNetwork> {
  const network = await startSecured(yaml, { catalog });
  running.push(network);
  return network;
}

const carriersActive = (network: SecuredNetwork, ru: string) =>
  network.logs('du-1').filter((l) => l.msg === 'carrier active' && JSON.stringify(l).includes(ru)).length;

function problemsOf(yaml: string, file = join(tempRunDir(), 'topology.yaml')): string[] {
  try {
    parseTopology(yaml, file, catalog);
  } catch (error) {
    expect(error).toBeInstanceOf(PlugfestError);
    expect((error as PlugfestError).code).toBe('config-invalid');
    return (error as PlugfestError).rawMessage.split('\n');
  }
  throw new Error('the topology was accepted');
}

describe('topology security fields', () => {
  const base = `name: t
instances:
  ric-1: { role: near-rt-ric, vendor: sagebrush }
  du-1: { role: o-du, vendor: cellwright }
`;

  it('take security and trustPolicy at the top level or under options, resolving the policy against the topology', () => {
    const dir = tempRunDir();
    writeFileSync(join(dir, 'policy.yaml'), 'roots: []\n');
    const top = parseTopology(
      `${base}security: attest\ntrustPolicy: policy.yaml\n`,
      join(dir, 't.yaml'),
      catalog,
    );
    expect(top.options).toMatchObject({ security: 'attest', trustPolicy: join(dir, 'policy.yaml') });
    const nested = parseTopology(
      `${base}options: { security: mtls, trustPolicy: ./policy.yaml }\n`,
      join(dir, 't.yaml'),
      catalog,
    );
    expect(nested.options).toMatchObject({ security: 'mtls', trustPolicy: join(dir, 'policy.yaml') });
    expect(parseTopology(base, join(dir, 't.yaml'), catalog).options.security).toBe('none');
  });

  it('name file, line and field of a policy that is missing, given twice, or given without security', () => {
    const dir = tempRunDir();
    const file = join(dir, 't.yaml');
    expect(problemsOf(`${base}security: attest\ntrustPolicy: nowhere.yaml\n`, file)).toEqual([
      `${file}:6:14: trustPolicy: no trust policy file ${join(dir, 'nowhere.yaml')}`,
    ]);
    writeFileSync(join(dir, 'p.yaml'), 'roots: []\n');
    expect(problemsOf(`${base}trustPolicy: p.yaml\n`, file)).toEqual([
      `${file}:5:14: trustPolicy: a trust policy needs security attest or mtls; security is none`,
    ]);
    expect(
      problemsOf(`${base}security: attest\ntrustPolicy: p.yaml\noptions: { trustPolicy: p.yaml }\n`, file),
    ).toContain(`${file}:6:14: trustPolicy: is given both here and under options; give it once`);
    expect(problemsOf(`${base}security: attest\noptions: { security: mtls }\n`, file)).toEqual([
      `${file}:5:11: security: is attest here but mtls under options; give it once`,
    ]);
    expect(problemsOf(`${base}security: tls\n`, file)).toEqual([
      `${file}:5:11: security: must be one of "none", "attest", "mtls"`,
    ]);
  });

  it('take `modified: tampered | downgraded | sbom-missing` on a vendor instance, never on a test peer', () => {
    const file = join(tempRunDir(), 't.yaml');
    const topology = parseTopology(
      `name: t
instances:
  ru-1: { role: o-ru, vendor: ruvello, modified: tampered }
  ru-2: { role: o-ru, vendor: korimo, modified: downgraded }
  ru-3: { role: o-ru, vendor: korimo, modified: sbom-missing }
`,
      file,
      catalog,
    );
    expect(topology.instances.get('ru-1')?.modified).toBe('tampered');
    expect(topology.instances.get('ru-2')?.modified).toBe('downgraded');
    expect(topology.instances.get('ru-3')?.modified).toBe('sbom-missing');
    expect(
      problemsOf(
        `name: t
instances:
  ru-1: { role: o-ru, vendor: harness, modified: tampered }
  ru-2: { role: o-ru, vendor: korimo, modified: patched }
`,
        file,
      ),
    ).toEqual([
      `${file}:4:49: instances.ru-2.modified: must be one of "tampered", "downgraded", "sbom-missing"`,
    ]);
    expect(
      problemsOf(`name: t\ninstances:\n  ru-1: { role: o-ru, vendor: harness, modified: tampered }\n`, file),
    ).toEqual([
      `${file}:3:50: instances.ru-1.modified: a harness test peer is not a vendor folder; only a vendor can run tampered`,
    ]);
  });

  it('downgrade a version to one strictly below it', () => {
    expect(downgradeVersion('4.1.0')).toBe('3.0.0');
    expect(downgradeVersion('0.9.7')).toBe('0.8.0');
    expect(downgradeVersion('0.0.3')).toBe('0.0.2');
    expect(downgradeVersion('2.0.3-rc1')).toBe('1.0.0');
    expect(() => downgradeVersion('0.0.0')).toThrow(/no version below it/);
  });
});

describe('a secured run folder', () => {
  it('holds a PKI, a default policy pinning the run root and each vendor reference values, and identities for the harness', async () => {
    const runDir = tempRunDir();
    const topology = parseTopology(securedDefault(), join(runDir, 'topology.yaml'), catalog);
    const security = (await prepareSecurity({ topology, catalog, runDir, root: repoRoot }))!;
    expect(security.mode).toBe('attest');
    const policy = loadTrustPolicy(security.policyFile);
    expect(policy.roots.map((r) => r.path)).toEqual([security.pki.root.cert]);
    expect(policy.crls.map((c) => c.path)).toContain(security.pki.vendors.korimo!.crl);
    expect(policy.criteria).toMatchObject({ requireSbom: true, requireDebugDisabled: true });
    expect([...policy.vendors.keys()].sort()).toEqual([
      'cellwright',
      'harness',
      'korimo',
      'ruvello',
      'sagebrush',
    ]);
    expect(policy.vendors.get('ruvello')).toMatchObject({
      status: 'trusted',
      roles: ['o-ru'],
      hwmodels: ['RV-4478'],
      minSwVersion: '4.1.0',
      measurements: { 'main.ts': expect.stringMatching(/^[0-9a-f]{64}$/), 'vendor.yaml': expect.any(String) },
      sbomDigest: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    // Each instance's identity under its vendor's CA; the harness's SMO under the harness CA.
    const du = vendorConfigSchema.shape.security.parse(await security.configOf('du-1', 'cellwright'))!;
    expect(certificatesFromPem(readFileSync(du.attestChain, 'utf8')).map((c) => c.subject)).toEqual([
      'CN=du-1, O=cellwright',
      'CN=cellwright vendor CA, O=cellwright',
    ]);
    expect(statSync(du.attestKey).mode & 0o777).toBe(0o600);
    expect(du).toMatchObject({
      mode: 'attest',
      trustPolicy: security.policyFile,
      caBundle: security.pki.root.cert,
    });
    const smo = await security.configOf('smo', 'harness');
    expect(readFileSync(smo.attestChain, 'utf8')).toContain('-----BEGIN CERTIFICATE-----');
    expect(security.harnessFacts).toMatchObject({ vendor: 'harness', swname: 'plugfest' });
    // A swap to another vendor gets leaves under that vendor's CA, issued then.
    const swapped = await security.configOf('ru-1', 'quibble');
    expect(swapped.attestChain).toContain(join('swapped', 'ru-1-quibble'));
    expect(certificatesFromPem(readFileSync(swapped.attestChain, 'utf8'))[0]!.subject).toBe(
      'CN=ru-1, O=quibble',
    );
  });

  it('applies a given policy with its paths made absolute and the run root and CRLs added', async () => {
    const runDir = tempRunDir();
    writeFileSync(
      join(runDir, 'strict.yaml'),
      'reattestation: { epochS: 60 }\ncriteria: { minSwVersion: "1.0.0" }\ndeny: [quibble]\n',
    );
    const topology = parseTopology(
      `${securedDefault({ top: 'trustPolicy: strict.yaml' })}`,
      join(runDir, 'topology.yaml'),
      catalog,
    );
    const security = (await prepareSecurity({ topology, catalog, runDir, root: repoRoot }))!;
    const written = parse(readFileSync(security.policyFile, 'utf8')) as Record<string, unknown>;
    expect(written).toMatchObject({
      reattestation: { epochS: 60 },
      deny: ['quibble'],
      roots: [security.pki.root.cert],
    });
    expect(loadTrustPolicy(security.policyFile).criteria.minSwVersion).toBe('1.0.0');
  });
});

describe('a secured topology of real vendor processes', () => {
  it('comes up with every link mutually attested before any interface message, and traffic flowing', async () => {
    const network = await start(securedDefault());
    const { topology } = network.running;
    await until(() => network.frames('du-1>ric-1/e2', 'oran.e2.v1.RicIndication').length > 0, 20_000, 'KPM');
    await until(
      () => carriersActive(network, 'ru-1') > 0 && carriersActive(network, 'ru-2') > 0,
      20_000,
      'carriers',
    );
    const a1 = await network.running.a1('ric-1');
    const answer = await a1.request('oran.a1.v1.ListPolicyTypesRequest', {});
    expect(answer.type).toBe('oran.a1.v1.ListPolicyTypesResponse');
    for (const link of topology.links) {
      const frames = network.frames(link.id);
      const first = frames.findIndex(isInterfaceFrame);
      expect({ link: link.id, firstInterfaceMessage: first > 0 }).toEqual({
        link: link.id,
        firstInterfaceMessage: true,
      });
      const slot = frames.slice(0, first);
      const results = slot.filter((f) => f.type === 'oran.attestation.v1.AttestationResult');
      // One result each way (mutual), then HelloAck, then the interface.
      expect(results.map((r) => r.dir)).toEqual(['server-to-client', 'client-to-server']);
      const ack = slot.findIndex((f) => f.type === 'oran.common.v1.HelloAck');
      expect(ack).toBeGreaterThan(slot.indexOf(results[1]!));
      // Link frames keep their fields even on CU-plane, whose trace is headers only.
      expect(results.map((r) => r.fields?.status)).toEqual(['TRUST_TIER_AFFIRMING', 'TRUST_TIER_AFFIRMING']);
      expect(network.closes(link.id)).toEqual([]);
    }
    // Each serving vendor says whom it attested, on every link, CU-plane included.
    for (const link of topology.links) {
      const attested = network
        .logs(link.server)
        .filter((l) => l.msg === 'peer attested' && l.interface === link.interface && l.peer === link.client);
      expect({ link: link.id, attested: attested.length }).toEqual({ link: link.id, attested: 1 });
    }
    // The run folder: each vendor was handed its identity files and the run's policy.
    const config = JSON.parse(
      readFileSync(join(network.runDir, 'instances', 'ru-1', 'config.json'), 'utf8'),
    ) as { security: Record<string, unknown> };
    expect(config.security).toMatchObject({
      mode: 'attest',
      trustPolicy: join(network.runDir, 'security', 'trust-policy.yaml'),
      attestKey: join(network.runDir, 'security', 'pki', 'instances', 'ru-1', 'attest.key.pem'),
    });
  }, 60_000);

  it('comes up over mTLS end to end: relays forward only encrypted chunks, each link attested with channel binding, A1 answered over wss', async () => {
    const network = await start(securedDefault().replace('security: attest', 'security: mtls'));
    const { topology } = network.running;
    await until(
      () => carriersActive(network, 'ru-1') > 0 && carriersActive(network, 'ru-2') > 0,
      20_000,
      'carriers over mTLS',
    );
    const a1 = await network.running.a1('ric-1');
    const answer = await a1.request('oran.a1.v1.ListPolicyTypesRequest', {});
    expect(answer.type).toBe('oran.a1.v1.ListPolicyTypesResponse');
    expect(a1.tls?.peerCertificate?.subject.commonName).toBe('ric-1');
    const policy = parse(readFileSync(network.running.security!.policyFile, 'utf8')) as {
      criteria: { requireChannelBinding: boolean };
    };
    // The default policy of an mTLS run requires the evidence to bind each link's TLS session.
    expect(policy.criteria.requireChannelBinding).toBe(true);
    for (const link of topology.links) {
      const frames = network.frames(link.id);
      expect({ link: link.id, some: frames.length > 0 }).toEqual({ link: link.id, some: true });
      // The relay cannot read TLS: it traces chunks, never a message type.
      expect(frames.filter((f) => !f.encrypted || f.type !== undefined)).toEqual([]);
      const attested = network
        .logs(link.server)
        .filter((l) => l.msg === 'peer attested' && l.interface === link.interface && l.peer === link.client);
      expect({ link: link.id, attested: attested.length }).toEqual({ link: link.id, attested: 1 });
      expect(network.closes(link.id)).toEqual([]);
    }
  }, 60_000);

  it('refuses a tampered vendor on measurements and a downgraded one on swversion; E2 and A1 keep working', async () => {
    const network = await start(`name: modified
security: attest
options: { kpmPeriodMs: 500, slotRatePerSecond: 20 }
instances:
  ric-1: { role: near-rt-ric, vendor: sagebrush }
  du-1: { role: o-du, vendor: cellwright }
  ru-1: { role: o-ru, vendor: ruvello, modified: downgraded }
  ru-2: { role: o-ru, vendor: korimo, modified: tampered }
links:
  - { interface: fronthaul, from: du-1, to: ru-1 }
  - { interface: fronthaul, from: du-1, to: ru-2 }
  - { interface: e2, from: du-1, to: ric-1 }
  - { interface: a1, from: smo, to: ric-1 }
`);
    const refusedFor = (peer: string) => network.refusals('du-1').filter((l) => l.peer === peer);
    await until(
      () => refusedFor('ru-1').length >= 2 && refusedFor('ru-2').length >= 2,
      20_000,
      'both refusals',
    );
    expect(refusedFor('ru-1')[0]).toMatchObject({
      failedCheck: 'swversion',
      reason: 'swversion 3.0.0 is below the minimum 4.1.0',
      peerVendor: 'ruvello',
    });
    expect(refusedFor('ru-2')[0]).toMatchObject({
      failedCheck: 'measurements',
      reason: expect.stringMatching(/^main\.ts measures [0-9a-f]{64}; its reference value is [0-9a-f]{64}$/),
      peerVendor: 'korimo',
    });
    // In the trace: the O-DU's result names the check, its LinkClose says why, code 4004. (The
    // O-DU logs before it sends: wait for the frames to cross the relay.)
    const sentByDu = (link: string, type: string) =>
      network.frames(link, type).filter((f) => f.dir === 'client-to-server');
    await until(
      () =>
        ['du-1>ru-1/ofh-m', 'du-1>ru-2/ofh-m'].every(
          (l) => sentByDu(l, 'oran.common.v1.LinkClose').length > 0,
        ) && network.logs('ru-1').some((l) => l.msg === "the peer refused this end's evidence"),
      5000,
      "the O-DU's closes",
    );
    const [result] = network
      .frames('du-1>ru-2/ofh-m', 'oran.attestation.v1.AttestationResult')
      .filter((f) => f.dir === 'client-to-server');
    expect(result?.fields).toMatchObject({
      status: 'TRUST_TIER_CONTRAINDICATED',
      failedCheck: 'measurements',
    });
    const closes = network.frames('du-1>ru-1/ofh-m', 'oran.common.v1.LinkClose');
    expect(closes.find((f) => f.dir === 'client-to-server')?.fields?.detail).toBe(
      'swversion: swversion 3.0.0 is below the minimum 4.1.0',
    );
    // The O-RU is told why by the result, and logs it.
    expect(network.logs('ru-1').find((l) => l.msg === "the peer refused this end's evidence")).toMatchObject({
      peer: 'du-1',
      failedCheck: 'swversion',
    });
    // Both ends close with 4004 (attestation failed); the relay records whichever came first.
    await until(() => network.closes('du-1>ru-1/ofh-m').length > 0, 5000, 'the close');
    expect(network.closes('du-1>ru-1/ofh-m')[0]).toMatchObject({ code: 4004 });
    // What ran was the changed copy in the run folder; the catalogue's folder is untouched.
    const copy = join(network.runDir, 'modified', 'ru-2', 'vendors', 'korimo', 'main.ts');
    expect(readFileSync(copy, 'utf8')).toContain('plugfest: tampered copy');
    expect(readFileSync(join(repoRoot, 'vendors', 'korimo', 'main.ts'), 'utf8')).not.toContain('tampered');
    expect(network.running.instances.get('ru-1')?.manifest.version).toBe('3.0.0');
    // The refused links carried nothing of the interface; E2 and A1 did.
    await until(() => network.frames('du-1>ric-1/e2', 'oran.e2.v1.RicIndication').length > 0, 20_000, 'KPM');
    await network.running.a1('ric-1');
    for (const link of ['du-1>ru-1/ofh-m', 'du-1>ru-1/ofh-cu', 'du-1>ru-2/ofh-m', 'du-1>ru-2/ofh-cu'])
      expect({ link, interfaceMessages: network.interfaceFrames(link).length }).toEqual({
        link,
        interfaceMessages: 0,
      });
  }, 60_000);
});
