/**
 * `npx tsx bench/link-setup.ts [count]`: what attestation costs a link's set-up, as a ratio
 * (`npm run bench` runs it too, through measureLinkSetup).
 * One process, loopback, an M-plane server and a client dialling it `count` times in turn (default
 * 40, after 5 for warm-up): from the dial to `ready`, without attestation and with mutual
 * attestation (security `attest`: two challenges, two EAT signatures, two appraisals). Both ends
 * share this process's CPU, so the figure is the protocol's whole cost, not one side's.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { pino } from 'pino';
import { stringify } from 'yaml';
import { initPki } from '../src/attestation/pki.js';
import { type AttesterFacts, createLinkSecurity, type LinkSecurity } from '../src/sdk/index.js';
import { listenLinks, openLink } from '../src/transport/index.js';
import { interfaceSpecs } from '../src/wire/index.js';

const logger = pino({ level: 'silent' });
const spec = interfaceSpecs['ofh-m'];

export interface LinkSetupFigures {
  readonly count: number;
  /** Milliseconds from dial to ready, sorted. */
  readonly plain: number[];
  readonly attested: number[];
}

/** `count` set-ups in turn (after 5 for warm-up) without and then with mutual attestation. */
export async function measureLinkSetup(count = 40): Promise<LinkSetupFigures> {
  const warmUp = 5;
  const sha = (text: string) => createHash('sha256').update(text).digest('hex');

  const dir = mkdtempSync(join(tmpdir(), 'plugfest-bench-'));
  const pki = await initPki(join(dir, 'pki'), {
    vendors: [
      { id: 'ruvello', instances: ['ru-1'] },
      { id: 'cellwright', instances: ['du-1'] },
    ],
  });
  const policyFile = join(dir, 'policy.yaml');
  writeFileSync(
    policyFile,
    stringify({
      roots: [pki.root.cert],
      crls: [pki.root.crl, ...Object.values(pki.vendors).map((v) => v.crl)],
    }),
  );
  const facts = (vendor: string): AttesterFacts => ({
    vendor,
    hwmodel: vendor,
    swname: vendor,
    swversion: '1.0.0',
    measurements: { 'main.ts': sha(vendor), 'vendor.yaml': sha(`${vendor}.yaml`) },
    sbomDigest: sha(`${vendor} sbom`),
  });
  const security = (instance: string, vendor: string) => {
    const files = pki.instances[instance]!;
    return createLinkSecurity({
      config: {
        mode: 'attest',
        attestKey: files.attestKey,
        attestChain: files.chain,
        tlsCert: files.tlsCert,
        tlsKey: files.tlsKey,
        caBundle: pki.root.cert,
        crls: [],
        trustPolicy: policyFile,
        debug: false,
      },
      facts: facts(vendor),
      logger,
    });
  };

  /** Milliseconds from dial to ready, `count` set-ups in turn, sorted. */
  async function setUps(server?: LinkSecurity, client?: LinkSecurity): Promise<number[]> {
    const listener = await listenLinks({
      spec,
      identity: { instanceId: 'ru-1', vendorId: 'ruvello', role: 'o-ru', productVersion: '1' },
      logger,
      port: 0,
      // The clients below ask for no supervision: set-up is measured, not heartbeats.
      acceptUnsupervised: true,
      ...(server ? { admit: server.admit } : {}),
    });
    const times: number[] = [];
    for (let i = 0; i < warmUp + count; i += 1) {
      const started = performance.now();
      const link = openLink({
        spec,
        url: listener.url,
        identity: { instanceId: 'du-1', vendorId: 'cellwright', role: 'o-du', productVersion: '1' },
        logger,
        supervision: false,
      });
      client?.dial(link, 'ru-1');
      await link.ready;
      if (i >= warmUp) times.push(performance.now() - started);
      await link.close();
    }
    await listener.close();
    return times.sort((a, b) => a - b);
  }

  const plain = await setUps();
  const [server, client] = await Promise.all([security('ru-1', 'ruvello'), security('du-1', 'cellwright')]);
  const attested = await setUps(server, client);
  server.close();
  client.close();
  rmSync(dir, { recursive: true, force: true });
  return { count, plain, attested };
}

export const median = (sorted: number[]) => sorted[Math.floor(sorted.length / 2)]!;
export const p90 = (sorted: number[]) => sorted[Math.floor(sorted.length * 0.9)]!;

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { count, plain, attested } = await measureLinkSetup(Number(process.argv[2] ?? 40));
  const row = (name: string, t: number[]) =>
    `${name.padEnd(22)} median ${median(t).toFixed(2).padStart(7)} ms   p90 ${p90(t).toFixed(2).padStart(7)} ms`;
  console.log(`link set-up, dial to ready, ${count} in turn on loopback (one process, both ends)`);
  console.log(row('without attestation', plain));
  console.log(row('mutual attestation', attested));
  console.log(`ratio (median): ${(median(attested) / median(plain)).toFixed(1)}x`);
}
