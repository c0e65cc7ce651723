import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { initPki, loadCa, revoke } from '../../src/attestation/pki.js';
import type { PkiLayout } from '../../src/attestation/types.js';
import {
  defineCase,
  expandMatrix,
  type Network,
  networkEnvironment,
  runMatrix,
} from '../../src/conformance/index.js';
import {
  type AttesterFacts,
  createLinkSecurity,
  type LinkSecurity,
  type SecurityConfig,
} from '../../src/sdk/index.js';
import {
  type Link,
  type LinkCloseEvent,
  type LinkServer,
  listenLinks,
  openLink,
} from '../../src/transport/index.js';
import { interfaceSpecs, PlugfestError } from '../../src/wire/index.js';
import { identity, until } from '../support/links.js';
import { memoryLogger, quietLogger } from '../support/logger.js';
import {
  builtInCatalog,
  isInterfaceFrame,
  type SecuredNetwork,
  securedDefault,
  startSecured,
} from '../support/secured.js';
import { repoRoot, tempRunDir } from '../support/topologies.js';

/**
 * The time docs/vendor-contract.md states from a policy or CRL change to the links it revokes
 * closed (measured 0.2 to 0.5 s here, with the vendors busy on CU-plane traffic).
 */
const revocationBoundMs = 2000;

const catalog = builtInCatalog();
const running: SecuredNetwork[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((n) => n.running.stop()));
});

async function start(yaml: string, runDir?: string): Promise<SecuredNetwork> {
  const network = await startSecured(yaml, { catalog, ...(runDir ? { runDir } : {}) });
  running.push(network);
  return network;
}

const carriersActive = (network: SecuredNetwork, ru: string) =>
  network.logs('du-1').filter((l) => l.msg === 'carrier active' && JSON.stringify(l).includes(ru)).length;

describe('attestation enforced on the links of real vendor processes', () => {
  it('refuses the rogue O-RU on certificate-chain: its links carry no interface message, the others keep working', async () => {
    const network = await start(securedDefault().replace('vendor: ruvello', 'vendor: rogue'));
    const refused = () => network.refusals('du-1').filter((l) => l.peer === 'ru-1');
    await until(() => refused().length >= 4, 20_000, 'the rogue refused, retried and refused again');
    for (const line of refused()) {
      expect(line).toMatchObject({
        failedCheck: 'certificate-chain',
        status: 'contraindicated',
        side: 'client',
      });
      expect(String(line.reason)).toMatch(
        /^unknown root: "CN=rogue vendor CA, O=rogue" was issued by "CN=rogue own root CA/,
      );
    }
    // The trace shows the refusal: the O-DU's contraindicated result, then its LinkClose.
    await until(
      () =>
        network
          .frames('du-1>ru-1/ofh-m', 'oran.common.v1.LinkClose')
          .some((f) => f.dir === 'client-to-server'),
      5000,
      "the O-DU's LinkClose",
    );
    const mplane = network.frames('du-1>ru-1/ofh-m');
    const result = mplane.find(
      (f) => f.type === 'oran.attestation.v1.AttestationResult' && f.dir === 'client-to-server',
    );
    expect(result?.fields).toMatchObject({
      status: 'TRUST_TIER_CONTRAINDICATED',
      failedCheck: 'certificate-chain',
    });
    const close = mplane.find((f) => f.type === 'oran.common.v1.LinkClose' && f.dir === 'client-to-server');
    expect(String(close?.fields?.detail)).toMatch(/^certificate-chain: unknown root/);
    expect(mplane.some((f) => f.type === 'oran.common.v1.HelloAck')).toBe(false);
    // The rest of the network runs: the other O-RU's carriers and CU-plane, E2 KPM, A1.
    await until(() => carriersActive(network, 'ru-2') > 0, 20_000, "ru-2's carriers");
    await until(
      () => network.frames('du-1>ric-1/e2', 'oran.e2.v1.RicIndication').length >= 2,
      20_000,
      'KPM indications',
    );
    await network.running.a1('ric-1');
    await until(
      () => network.frames('du-1>ru-2/ofh-cu', 'oran.fronthaul.cuplane.v1.UPlaneMessage').length > 0,
      10_000,
      "ru-2's U-plane",
    );
    for (const link of ['du-1>ru-1/ofh-m', 'du-1>ru-1/ofh-cu'])
      expect({ link, interfaceMessages: network.interfaceFrames(link).length }).toEqual({
        link,
        interfaceMessages: 0,
      });
    for (const link of ['du-1>ru-2/ofh-m', 'du-1>ru-2/ofh-cu', 'du-1>ric-1/e2', 'smo>ric-1/a1'])
      expect({ link, closes: network.closes(link) }).toEqual({ link, closes: [] });
  }, 60_000);

  it(`drops the links of a vendor revoked in the policy while up, within ${revocationBoundMs} ms, and only those`, async () => {
    const network = await start(securedDefault());
    await until(
      () => carriersActive(network, 'ru-1') > 0 && carriersActive(network, 'ru-2') > 0,
      20_000,
      'carriers',
    );
    await network.running.a1('ric-1');
    const policyFile = network.running.security!.policyFile;
    const policy = parse(readFileSync(policyFile, 'utf8')) as {
      vendors: Array<{ id: string; status: string }>;
    };
    policy.vendors.find((v) => v.id === 'korimo')!.status = 'revoked';
    const revokedAt = Date.now();
    writeFileSync(policyFile, stringify(policy));

    const revokedLinks = ['du-1>ru-2/ofh-m', 'du-1>ru-2/ofh-cu'];
    await until(
      () => revokedLinks.every((l) => network.closes(l).length > 0),
      5000,
      'the revoked links closed',
    );
    for (const link of revokedLinks) {
      const [close] = network.closes(link);
      expect({ link, code: close!.code }).toEqual({ link, code: 4004 });
      expect(close!.t - revokedAt).toBeLessThan(revocationBoundMs);
    }
    const [line] = network.refusals('du-1').filter((l) => l.peer === 'ru-2');
    expect(line).toMatchObject({
      failedCheck: 'vendor-status',
      reason: 'revoked: vendor korimo is revoked by the trust policy',
    });
    const close = network
      .frames('du-1>ru-2/ofh-m', 'oran.common.v1.LinkClose')
      .find((f) => f.dir === 'client-to-server' && f.t >= revokedAt);
    expect(close?.fields?.detail).toBe(
      'vendor-status: revoked: vendor korimo is revoked by the trust policy',
    );
    // Dialled again, korimo is refused before HelloAck; the other links never closed.
    await until(
      () =>
        network
          .refusals('du-1')
          .some((l) => l.peer === 'ru-2' && String(l.reason).startsWith('vendor korimo')),
      10_000,
      'korimo refused on redial',
    );
    const since = Date.now();
    await until(
      () => network.frames('du-1>ric-1/e2', 'oran.e2.v1.RicIndication').some((f) => f.t > since),
      10_000,
      'KPM after the revocation',
    );
    for (const link of ['du-1>ru-1/ofh-m', 'du-1>ru-1/ofh-cu', 'du-1>ric-1/e2', 'smo>ric-1/a1'])
      expect({ link, closes: network.closes(link) }).toEqual({ link, closes: [] });
    expect(
      network.interfaceFrames('du-1>ru-2/ofh-m').filter((f) => f.t > revokedAt + revocationBoundMs),
    ).toEqual([]);
  }, 60_000);

  it('attests each link again every re-attestation epoch of a given policy, the links staying up', async () => {
    const runDir = tempRunDir();
    writeFileSync(join(runDir, 'epoch.yaml'), 'reattestation: { epochS: 2 }\n');
    const network = await start(
      `name: epoch
security: attest
trustPolicy: epoch.yaml
instances:
  ric-1: { role: near-rt-ric, vendor: sagebrush }
  du-1: { role: o-du, vendor: cellwright }
links:
  - { interface: e2, from: du-1, to: ric-1 }
  - { interface: a1, from: smo, to: ric-1 }
`,
      runDir,
    );
    const results = (link: string) => network.frames(link, 'oran.attestation.v1.AttestationResult');
    // Both ends of both links re-appraise their peer: two results more per link and epoch.
    await until(
      () => results('du-1>ric-1/e2').length >= 4 && results('smo>ric-1/a1').length >= 4,
      10_000,
      'a second epoch',
    );
    for (const link of ['du-1>ric-1/e2', 'smo>ric-1/a1']) {
      const frames = network.frames(link);
      const ack = frames.findIndex((f) => f.type === 'oran.common.v1.HelloAck');
      const again = frames.slice(ack).filter((f) => f.type === 'oran.attestation.v1.AttestationResult');
      expect(new Set(again.map((r) => r.dir))).toEqual(new Set(['client-to-server', 'server-to-client']));
      expect(again.every((r) => r.fields?.status === 'TRUST_TIER_AFFIRMING')).toBe(true);
      expect(network.closes(link)).toEqual([]);
    }
    expect(network.frames('du-1>ric-1/e2').some(isInterfaceFrame)).toBe(true);
  }, 60_000);

  it("lets the conformance fixture's test peers and SMO attest in a secured topology", async () => {
    const outputDir = tempRunDir();
    let observed: { setup: boolean; results: string[] } | undefined;
    const probe = defineCase<Network>({
      id: 'ATT-FIXTURE-001',
      title: 'a test peer attests',
      suite: 'attestation-fixture',
      spec: 'issue 5 item 5',
      expectation: 'the O-DU and the harness RIC attest each other, then E2 Setup reaches the test peer',
      interface: 'e2',
      mode: 'conformance',
      roles: ['o-du'],
      timeoutMs: 30_000,
      topology: (c) => `name: fixture
security: attest
instances:
  ric-1: { role: near-rt-ric, vendor: harness }
  du-1: { role: o-du, vendor: ${c['o-du']} }
links:
  - { interface: e2, from: du-1, to: ric-1 }
`,
      async run(ctx) {
        const network = ctx.fixture;
        const setup = await network.peer('ric-1').waitFor('oran.e2.v1.E2SetupRequest', { timeoutMs: 20_000 });
        observed = {
          setup: setup !== undefined,
          results: network.frames
            .all({ link: 'du-1>ric-1/e2', type: 'oran.attestation.v1.AttestationResult' })
            .map((f) => String(f.fields.status)),
        };
      },
    });
    const { results } = await runMatrix({
      jobs: expandMatrix([probe], { 'o-du': ['cellwright'] }),
      environment: networkEnvironment({ catalog, root: repoRoot, outputDir, logger: quietLogger() }),
      reporter: {},
      workers: 1,
      vendors: (id) => catalog.get(id),
    });
    expect(results[0]?.verdict).toBe('pass');
    expect(observed).toEqual({ setup: true, results: ['TRUST_TIER_AFFIRMING', 'TRUST_TIER_AFFIRMING'] });
  }, 60_000);
});

describe('the link guard, in one process', () => {
  const dir = tempRunDir();
  let pki: PkiLayout;
  let policyFile: string;
  const securities: LinkSecurity[] = [];
  const servers: LinkServer[] = [];
  const links: Link[] = [];
  const sha = (text: string) => createHash('sha256').update(text).digest('hex');
  const facts = (vendor: string): AttesterFacts => ({
    vendor,
    hwmodel: `${vendor}-hw`,
    swname: vendor,
    swversion: '1.0.0',
    measurements: { 'main.ts': sha(vendor) },
    sbomDigest: sha(`${vendor} sbom`),
  });
  const configOf = (instance: string): SecurityConfig => {
    const files = pki.instances[instance]!;
    return {
      mode: 'attest',
      attestKey: files.attestKey,
      attestChain: files.chain,
      tlsCert: files.tlsCert,
      tlsKey: files.tlsKey,
      caBundle: pki.root.cert,
      crls: [],
      trustPolicy: policyFile,
      debug: false,
    };
  };
  const secure = async (instance: string, vendor: string) => {
    const security = await createLinkSecurity({
      config: configOf(instance),
      facts: facts(vendor),
      logger: quietLogger(),
      policyPollMs: 50,
      stepTimeoutMs: 500,
    });
    securities.push(security);
    return security;
  };
  const serve = async (admit?: LinkSecurity['admit']) => {
    const server = await listenLinks({
      spec: interfaceSpecs['ofh-m'],
      identity: identity('ru-1', 'o-ru', 'ruvello'),
      logger: quietLogger(),
      port: 0,
      ...(admit ? { admit } : {}),
    });
    servers.push(server);
    return server;
  };
  const dial = (server: LinkServer, security?: LinkSecurity) => {
    const link = openLink({
      spec: interfaceSpecs['ofh-m'],
      url: server.url,
      identity: identity('du-1', 'o-du', 'cellwright'),
      logger: quietLogger(),
    });
    security?.dial(link, 'ru-1');
    links.push(link);
    return link;
  };

  beforeAll(async () => {
    pki = await initPki(join(dir, 'pki'), {
      vendors: [
        { id: 'ruvello', instances: ['ru-1'] },
        { id: 'cellwright', instances: ['du-1'] },
      ],
    });
    policyFile = join(dir, 'policy.yaml');
    writeFileSync(
      policyFile,
      stringify({
        roots: [pki.root.cert],
        crls: [pki.root.crl, pki.vendors.ruvello!.crl, pki.vendors.cellwright!.crl],
      }),
    );
  });
  afterEach(async () => {
    await Promise.all(links.splice(0).map((l) => l.close()));
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });
  afterAll(() => {
    for (const security of securities) security.close();
  });

  it('admits a mutually attested link, each side holding the affirming appraisal of the other', async () => {
    const server = await serve((await secure('ru-1', 'ruvello')).admit);
    const client = await secure('du-1', 'cellwright');
    const link = dial(server, client);
    await link.ready;
    expect(client.guard.verdictOf(link)).toMatchObject({
      status: 'affirming',
      peer: { vendor: 'ruvello', instance: 'ru-1' },
    });
    const [accepted] = [...server.links];
    expect(securities[0]!.guard.verdictOf(accepted!)).toMatchObject({
      status: 'affirming',
      peer: { vendor: 'cellwright', instance: 'du-1' },
    });
  });

  it('refuses a client that sends no evidence, naming the tier none', async () => {
    const server = await serve((await secure('ru-1', 'ruvello')).admit);
    const error = await dial(server).ready.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlugfestError);
    expect((error as PlugfestError).code).toBe('attestation-failed');
    expect((error as PlugfestError).rawMessage).toMatch(
      /^peer refused the link: none: no AttestationEvidence/,
    );
  });

  it('closes a link whose server sends HelloAck without attesting', async () => {
    const { logger, records } = memoryLogger();
    const client = await createLinkSecurity({ config: configOf('du-1'), facts: facts('cellwright'), logger });
    securities.push(client);
    const server = await serve();
    const link = dial(server, client);
    const closed = new Promise<LinkCloseEvent>((resolve) => link.once('close', resolve));
    await link.ready;
    // Closed in the same turn as HelloAck, before a session or a message of the vendor's.
    expect(link.state).toBe('closing');
    expect((await closed).error?.code).toBe('attestation-failed');
    expect(records.find((r) => r.event === 'attestation-failed')).toMatchObject({
      failedCheck: 'none',
      reason: 'ru-1 sent HelloAck without attesting (attestation_required false)',
    });
  });

  it(`closes a link within ${revocationBoundMs} ms of a new CRL revoking its peer's attestation certificate`, async () => {
    const serverSecurity = await secure('ru-1', 'ruvello');
    const server = await serve(serverSecurity.admit);
    const link = dial(server, await secure('du-1', 'cellwright'));
    await link.ready;
    const closed = new Promise<{ at: number; detail?: string }>((resolve) =>
      link.once('close', (event) =>
        resolve({ at: Date.now(), ...(event.detail ? { detail: event.detail } : {}) }),
      ),
    );
    const serial = serverSecurity.guard.verdictOf([...server.links][0]!)!.peer!.certificates![0]!.serial;
    const ca = await loadCa(pki.vendors.cellwright!);
    const at = Date.now();
    await revoke(ca, [serial], { file: pki.vendors.cellwright!.crl });
    const event = await closed;
    expect(event.at - at).toBeLessThan(revocationBoundMs);
    expect(event.detail).toMatch(
      new RegExp(
        `^certificate-chain: revoked: certificate serial ${serial} is revoked by the CRL of "CN=cellwright vendor CA`,
      ),
    );
  });
});
