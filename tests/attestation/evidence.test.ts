import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, createServer, type TLSSocket } from 'node:tls';
import { decodeProtectedHeader, importX509, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  channelBindingOf,
  createEvidence,
  measureVendor,
  newUeid,
  ntiaMissing,
  sbomFile,
} from '../../src/attestation/evidence.js';
import { certificatesFromPem, initPki } from '../../src/attestation/pki.js';
import { type EvidenceClaims, eatProfile, type PkiLayout } from '../../src/attestation/types.js';
import { loadVendorCatalog } from '../../src/topology/index.js';

const vendorsDir = join(import.meta.dirname, '../../vendors');
const temp = mkdtempSync(join(tmpdir(), 'plugfest-evidence-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const read = (file: string) => readFileSync(file, 'utf8');

describe('measureVendor', () => {
  const dir = join(temp, 'vendor');
  beforeAll(() => {
    mkdirSync(join(dir, 'lib'), { recursive: true });
    mkdirSync(join(dir, 'node_modules/dep'), { recursive: true });
    writeFileSync(join(dir, 'main.ts'), 'export const main = 1;\n');
    writeFileSync(join(dir, 'vendor.yaml'), 'id: acme\n');
    writeFileSync(join(dir, 'lib/radio.ts'), 'export const radio = 2;\n');
    writeFileSync(join(dir, '.env'), 'SECRET=1\n');
    writeFileSync(join(dir, 'node_modules/dep/index.js'), 'module.exports = 3;\n');
    writeFileSync(join(dir, sbomFile), '{"bomFormat":"CycloneDX"}\n');
  });

  it('hashes every shipped file by its relative path, sorted, without dotfiles, node_modules or the SBOM', async () => {
    const { measurements, sbomDigest } = await measureVendor(dir);
    expect(Object.keys(measurements)).toEqual(['lib/radio.ts', 'main.ts', 'vendor.yaml']);
    expect(measurements['main.ts']).toBe(sha256('export const main = 1;\n'));
    expect(sbomDigest).toBe(sha256('{"bomFormat":"CycloneDX"}\n'));
  });

  it('changes the measurement of exactly the file that changed', async () => {
    const before = await measureVendor(dir);
    writeFileSync(join(dir, 'lib/radio.ts'), 'export const radio = 3;\n');
    const after = await measureVendor(dir);
    expect(after.measurements['lib/radio.ts']).not.toBe(before.measurements['lib/radio.ts']);
    expect({ ...after.measurements, 'lib/radio.ts': '' }).toEqual({
      ...before.measurements,
      'lib/radio.ts': '',
    });
  });

  it('has no SBOM digest for a folder without sbom.cdx.json', async () => {
    const bare = join(temp, 'bare');
    mkdirSync(bare);
    writeFileSync(join(bare, 'main.ts'), '');
    expect(await measureVendor(bare)).toEqual({ measurements: { 'main.ts': sha256('') } });
  });

  it('measures a built-in vendor and its SBOM', async () => {
    const { measurements, sbomDigest } = await measureVendor(join(vendorsDir, 'quibble'));
    expect(Object.keys(measurements)).toEqual(['bfp.ts', 'main.ts', 'vendor.yaml']);
    expect(sbomDigest).toBe(sha256(read(join(vendorsDir, 'quibble', sbomFile))));
  });
});

describe('createEvidence', () => {
  let es256: PkiLayout;
  let ed25519: PkiLayout;
  beforeAll(async () => {
    const vendors = [{ id: 'korimo', instances: ['ru-1'] }];
    es256 = await initPki(join(temp, 'pki-es256'), { vendors });
    ed25519 = await initPki(join(temp, 'pki-ed25519'), { vendors, algorithm: 'EdDSA' });
  });

  const claims = (): Omit<EvidenceClaims, 'iat'> => ({
    eat_profile: eatProfile,
    eat_nonce: Buffer.from('a verifier nonce').toString('base64url'),
    ueid: newUeid(),
    oemid: 'korimo',
    hwmodel: 'korimo-o-ru',
    swname: 'korimo-o-ru',
    swversion: '2.0.3',
    dbgstat: 3,
    measurements: { 'main.ts': sha256('x') },
    manifests: { 'sbom.cdx.json': sha256('y') },
  });

  for (const [name, layout] of [
    ['ES256', () => es256],
    ['EdDSA', () => ed25519],
  ] as const) {
    it(`signs an EAT (${name}) that jose verifies against the attestation leaf's key, with the claims and x5c`, async () => {
      const pki = layout();
      const files = pki.instances['ru-1']!;
      const before = Math.floor(Date.now() / 1000);
      const signed = claims();
      const token = await createEvidence({
        claims: signed,
        attestKeyPem: read(files.attestKey),
        chainPem: read(files.chain),
        algorithm: pki.algorithm,
      });
      const key = await importX509(read(files.attestCert), pki.algorithm);
      const { payload, protectedHeader } = await jwtVerify(token, key, {
        algorithms: [pki.algorithm],
        typ: 'eat+jwt',
      });
      expect(payload).toMatchObject(signed as unknown as Record<string, unknown>);
      expect(Number.isInteger(payload.iat)).toBe(true);
      expect(payload.iat).toBeGreaterThanOrEqual(before);
      const der = certificatesFromPem(read(files.chain)).map((c) =>
        Buffer.from(c.rawData).toString('base64'),
      );
      expect(protectedHeader).toEqual({ alg: pki.algorithm, typ: 'eat+jwt', x5c: der });
    });
  }

  it('signs the iat it is given, so a negative case can send a stale or non-integer one', async () => {
    const files = es256.instances['ru-1']!;
    const token = await createEvidence({
      claims: { ...claims(), iat: 1000.5 },
      attestKeyPem: read(files.attestKey),
      chainPem: read(files.chain),
      algorithm: 'ES256',
    });
    expect(JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()).iat).toBe(1000.5);
    expect(decodeProtectedHeader(token).x5c).toHaveLength(2);
  });

  it('refuses a chain with no certificate', async () => {
    await expect(
      createEvidence({
        claims: claims(),
        attestKeyPem: read(es256.instances['ru-1']!.attestKey),
        chainPem: '',
        algorithm: 'ES256',
      }),
    ).rejects.toMatchObject({ code: 'config-invalid' });
  });
});

describe('newUeid', () => {
  it('is a random-type UEID: 0x01 then 32 random bytes', () => {
    const ueid = Buffer.from(newUeid(), 'base64url');
    expect(ueid).toHaveLength(33);
    expect(ueid[0]).toBe(0x01);
    expect(newUeid()).not.toBe(newUeid());
  });
});

describe('channelBindingOf', () => {
  it('gives both ends of one mTLS session the same 32 bytes, and another session other bytes', async () => {
    const pki = await initPki(join(temp, 'pki-tls'), {
      vendors: [
        { id: 'sagebrush', instances: ['ric-1'] },
        { id: 'cellwright', instances: ['du-1'] },
      ],
    });
    const ric = pki.instances['ric-1']!;
    const du = pki.instances['du-1']!;
    const ca = read(pki.root.cert);
    const server = createServer({
      key: read(ric.tlsKey),
      cert: read(ric.tlsCert),
      ca,
      requestCert: true,
      rejectUnauthorized: true,
      minVersion: 'TLSv1.2',
    });
    const accepted: TLSSocket[] = [];
    server.on('secureConnection', (socket) => accepted.push(socket));
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const port = (server.address() as { port: number }).port;
    const dial = async () => {
      const socket = connect({
        port,
        host: '127.0.0.1',
        servername: 'localhost',
        key: read(du.tlsKey),
        cert: read(du.tlsCert),
        ca,
      });
      await once(socket, 'secureConnect');
      return socket;
    };
    try {
      const first = await dial();
      const second = await dial();
      await expect.poll(() => accepted.length).toBe(2);
      expect(first.authorized).toBe(true);
      expect(accepted[0]!.authorized).toBe(true);
      const binding = channelBindingOf(first);
      expect(Buffer.from(binding, 'base64url')).toHaveLength(32);
      expect(channelBindingOf(accepted[0]!)).toBe(binding);
      expect(channelBindingOf(second)).not.toBe(binding);
      for (const socket of [first, second, ...accepted]) socket.destroy();
    } finally {
      server.close();
    }
  });
});

describe('the built-in vendors SBOMs', () => {
  const catalog = loadVendorCatalog([vendorsDir]);

  it('every built-in vendor ships a CycloneDX 1.5 SBOM of its own version with the NTIA minimum elements', () => {
    expect([...catalog.keys()].sort()).toEqual([
      'baseloom',
      'cellwright',
      'korimo',
      'quibble',
      'rogue',
      'ruvello',
      'sagebrush',
      'stillwater',
    ]);
    for (const manifest of catalog.values()) {
      const text = read(join(manifest.dir, sbomFile));
      const bom = JSON.parse(text);
      expect(bom).toMatchObject({
        bomFormat: 'CycloneDX',
        specVersion: '1.5',
        metadata: { component: { version: manifest.version, supplier: { name: manifest.name } } },
      });
      expect({ vendor: manifest.id, missing: ntiaMissing(text) }).toEqual({
        vendor: manifest.id,
        missing: [],
      });
    }
  });

  it('ntiaMissing names a missing supplier, author, timestamp and dependency relationship', () => {
    const bom = JSON.parse(read(join(vendorsDir, 'korimo', sbomFile)));
    delete bom.metadata.component.supplier;
    delete bom.metadata.supplier;
    expect(ntiaMissing(bom)).toEqual(['supplier (metadata.component.supplier)']);
    delete bom.components[0].purl;
    delete bom.metadata.authors;
    delete bom.metadata.timestamp;
    bom.dependencies = [];
    expect(ntiaMissing(bom)).toEqual([
      'author (metadata.authors)',
      'timestamp (metadata.timestamp)',
      'supplier (metadata.component.supplier)',
      'unique identifier (components[0].purl)',
      'dependency relationship (dependencies[ref = metadata.component.bom-ref])',
    ]);
    expect(ntiaMissing('not json')).toEqual(['CycloneDX JSON document (not JSON)']);
  });
});
