import 'reflect-metadata';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect, promisify } from 'node:util';
import * as x509 from '@peculiar/x509';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  algorithmOf,
  type CaHandle,
  certificatesFromPem,
  certificatesFromX5c,
  createCa,
  crlFromPem,
  crlNumberOf,
  initPki,
  issueLeaf,
  loadCa,
  loadPki,
  revoke,
  selfSigned,
  x5cFromPem,
} from '../../src/attestation/pki.js';
import type { PkiLayout } from '../../src/attestation/types.js';

const root = join(import.meta.dirname, '../..');
const dayMs = 86_400_000;
const temp = mkdtempSync(join(tmpdir(), 'plugfest-pki-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const pem = (file: string) => readFileSync(file, 'utf8');
const firstCert = (file: string) => certificatesFromPem(pem(file))[0]!;
const mode = (file: string) => statSync(file).mode & 0o777;

function extensionsOf(cert: x509.X509Certificate) {
  return {
    basic: cert.getExtension(x509.BasicConstraintsExtension),
    keyUsage: cert.getExtension(x509.KeyUsagesExtension)?.usages,
    extendedKeyUsage: cert.getExtension(x509.ExtendedKeyUsageExtension)?.usages,
    san: cert.getExtension(x509.SubjectAlternativeNameExtension)?.names.toJSON(),
  };
}

/** The chain X509ChainBuilder finds from `leaf` among `pool`, as subjects, each checked against its issuer's key. */
async function verifiedChain(leaf: x509.X509Certificate, pool: x509.X509Certificate[]): Promise<string[]> {
  const chain = await new x509.X509ChainBuilder({ certificates: pool }).build(leaf);
  for (const [i, cert] of chain.entries()) {
    const issuer = chain[i + 1] ?? cert;
    expect(await cert.verify({ publicKey: issuer.publicKey })).toBe(true);
  }
  return chain.map((c) => c.subject);
}

describe('initPki writes the dev PKI of types.ts', () => {
  let layout: PkiLayout;
  beforeAll(async () => {
    layout = await initPki(join(temp, 'es256'), {
      vendors: [
        { id: 'korimo', instances: ['ru-1'] },
        { id: 'sagebrush', instances: ['ric-1'] },
        { id: 'baseloom', instances: [] },
      ],
    });
  });

  it('lays out a root, a CA per vendor and both leaves per instance, and loadPki reads it back', async () => {
    expect(layout.algorithm).toBe('ES256');
    expect(Object.keys(layout.vendors).sort()).toEqual(['baseloom', 'korimo', 'sagebrush']);
    expect(layout.instances['ru-1']).toMatchObject({
      vendor: 'korimo',
      attestKey: join(layout.dir, 'instances/ru-1/attest.key.pem'),
    });
    expect(await loadPki(layout.dir)).toEqual(layout);
  });

  it('writes every private key with mode 0600', () => {
    const keys = [
      layout.root.key,
      ...Object.values(layout.vendors).map((v) => v.key),
      ...Object.values(layout.instances).flatMap((i) => [i.tlsKey, i.attestKey]),
    ];
    expect(keys).toHaveLength(1 + 3 + 4);
    for (const key of keys) expect({ key, mode: mode(key) }).toEqual({ key, mode: 0o600 });
    expect(mode(layout.root.cert)).toBe(0o644);
  });

  it('chains each leaf to the root through its vendor CA, each signature verified', async () => {
    const pool = [firstCert(layout.root.cert), firstCert(layout.vendors.korimo!.cert)];
    const ru1 = layout.instances['ru-1']!;
    const expected = [
      'CN=ru-1, O=korimo',
      'CN=korimo vendor CA, O=korimo',
      'CN=plugfest operator root CA, O=plugfest operator',
    ];
    expect(await verifiedChain(firstCert(ru1.attestCert), pool)).toEqual(expected);
    expect(await verifiedChain(firstCert(ru1.tlsCert), pool)).toEqual(expected);
  });

  it('gives the root and the vendor CAs the CA flag, pathLen 1 and 0, keyCertSign and cRLSign', () => {
    const caUsage = x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign;
    const rootCert = firstCert(layout.root.cert);
    expect(extensionsOf(rootCert)).toMatchObject({
      basic: { ca: true, pathLength: 1, critical: true },
      keyUsage: caUsage,
    });
    const vendor = firstCert(layout.vendors.sagebrush!.cert);
    expect(extensionsOf(vendor)).toMatchObject({ basic: { ca: true, pathLength: 0 }, keyUsage: caUsage });
    // The verifier's oemid check reads the vendor from the vendor CA's subject O.
    expect(vendor.subjectName.getField('O')).toEqual(['sagebrush']);
  });

  it('makes the TLS leaf serverAuth + clientAuth for localhost, 127.0.0.1 and the instance, and not a CA', () => {
    const tls = firstCert(layout.instances['ric-1']!.tlsCert);
    expect(extensionsOf(tls)).toMatchObject({
      basic: { ca: false },
      keyUsage: x509.KeyUsageFlags.digitalSignature,
      extendedKeyUsage: [x509.ExtendedKeyUsage.serverAuth, x509.ExtendedKeyUsage.clientAuth],
      san: [
        { type: 'dns', value: 'localhost' },
        { type: 'dns', value: 'ric-1' },
        { type: 'ip', value: '127.0.0.1' },
      ],
    });
    // tls.pem is the chain a TLS endpoint sends: the leaf, then its vendor CA.
    expect(certificatesFromPem(pem(layout.instances['ric-1']!.tlsCert)).map((c) => c.subject)).toEqual([
      'CN=ric-1, O=sagebrush',
      'CN=sagebrush vendor CA, O=sagebrush',
    ]);
  });

  it('makes the attestation leaf digitalSignature only, CN the instance and O the vendor, and chain.pem leaf first', () => {
    const files = layout.instances['ru-1']!;
    const attest = firstCert(files.attestCert);
    expect(attest.subject).toBe('CN=ru-1, O=korimo');
    expect(extensionsOf(attest)).toEqual({
      basic: expect.objectContaining({ ca: false }),
      keyUsage: x509.KeyUsageFlags.digitalSignature,
      extendedKeyUsage: undefined,
      san: undefined,
    });
    const x5c = x5cFromPem(pem(files.chain));
    expect(certificatesFromX5c(x5c).map((c) => c.subject)).toEqual([
      'CN=ru-1, O=korimo',
      'CN=korimo vendor CA, O=korimo',
    ]);
    expect(x5c[0]).toBe(Buffer.from(attest.rawData).toString('base64'));
  });

  it('writes an empty CRL per CA, signed by it, next update 7 days on', async () => {
    for (const ca of [layout.root, layout.vendors.korimo!]) {
      const text = pem(ca.crl);
      expect(text).toMatch(/^-----BEGIN X509 CRL-----/); // the label OpenSSL, so Node's tls, reads
      const crl = crlFromPem(text);
      expect(crl.entries).toEqual([]);
      expect(await crl.verify({ publicKey: firstCert(ca.cert) })).toBe(true);
      expect(crl.nextUpdate!.getTime() - crl.thisUpdate.getTime()).toBe(7 * dayMs);
    }
  });

  it('refuses to overwrite an existing PKI unless forced', async () => {
    const before = pem(layout.root.cert);
    await expect(initPki(layout.dir, { vendors: [] })).rejects.toMatchObject({ code: 'config-invalid' });
    expect(pem(layout.root.cert)).toBe(before);
    const again = await initPki(layout.dir, {
      vendors: [{ id: 'korimo', instances: ['ru-9'] }],
      force: true,
    });
    expect(pem(again.root.cert)).not.toBe(before);
    expect(Object.keys((await loadPki(layout.dir)).instances)).toEqual(['ru-9']);
  });

  it('refuses ids that are not lowercase path-safe names', async () => {
    await expect(
      initPki(join(temp, 'bad'), { vendors: [{ id: '../etc', instances: [] }] }),
    ).rejects.toMatchObject({ code: 'config-invalid' });
  });
});

describe('initPki with Ed25519', () => {
  it('writes an EdDSA PKI whose chains verify', async () => {
    const layout = await initPki(join(temp, 'ed25519'), {
      algorithm: 'EdDSA',
      vendors: [{ id: 'ruvello', instances: ['ru-1'] }],
    });
    expect((await loadPki(layout.dir)).algorithm).toBe('EdDSA');
    const leaf = firstCert(layout.instances['ru-1']!.attestCert);
    expect(algorithmOf(leaf)).toBe('EdDSA');
    const pool = [firstCert(layout.root.cert), firstCert(layout.vendors.ruvello!.cert)];
    expect(await verifiedChain(leaf, pool)).toHaveLength(3);
    const crl = crlFromPem(pem(layout.vendors.ruvello!.crl));
    expect(await crl.verify({ publicKey: pool[1]! })).toBe(true);
  });
});

describe('the building blocks of the negative cases', () => {
  let rootCa: CaHandle;
  let vendorCa: CaHandle;
  beforeAll(async () => {
    rootCa = await createCa({ name: 'test root' });
    vendorCa = await createCa({
      name: 'korimo vendor CA',
      organization: 'korimo',
      issuer: rootCa,
      pathLength: 0,
    });
  });

  it('lists a revoked serial in a CRL signed by the CA', async () => {
    const leaf = await issueLeaf({
      ca: vendorCa,
      commonName: 'ru-1',
      organization: 'korimo',
      usage: 'attest',
    });
    const other = await issueLeaf({
      ca: vendorCa,
      commonName: 'ru-2',
      organization: 'korimo',
      usage: 'attest',
    });
    const file = join(temp, 'revoked.crl.pem');
    const text = await revoke(vendorCa, [leaf.serialNumber], { file });
    expect(pem(file).trim()).toBe(text.trim());
    const crl = crlFromPem(text);
    expect(crl.entries.map((e) => e.serialNumber)).toEqual([leaf.serialNumber]);
    expect(crl.findRevoked(leaf.cert)).not.toBeNull();
    expect(crl.findRevoked(other.cert)).toBeNull();
    expect(await crl.verify({ publicKey: vendorCa.cert })).toBe(true);
  });

  it('numbers CRLs so that the later of two made in the same second is the larger', async () => {
    const thisUpdate = new Date();
    const first = crlFromPem(await revoke(vendorCa, [], { thisUpdate }));
    const second = crlFromPem(
      await revoke(vendorCa, ['4242'], { thisUpdate: new Date(thisUpdate.getTime() + 1) }),
    );
    expect(first.thisUpdate).toEqual(second.thisUpdate);
    expect(crlNumberOf(first)).toBe(BigInt(thisUpdate.getTime()));
    expect(crlNumberOf(second)! > crlNumberOf(first)!).toBe(true);
    expect(crlNumberOf(crlFromPem(await revoke(vendorCa, [], { number: 200 })))).toBe(200n);
  });

  it('makes a stale CRL: next update in the past', async () => {
    const now = Date.now();
    const crl = crlFromPem(
      await revoke(vendorCa, [], {
        thisUpdate: new Date(now - 10 * dayMs),
        nextUpdate: new Date(now - dayMs),
      }),
    );
    expect(crl.nextUpdate!.getTime()).toBeLessThan(now);
  });

  it('makes expired and not-yet-valid certificates with those dates', async () => {
    const now = Date.now();
    const expired = await issueLeaf({
      ca: vendorCa,
      commonName: 'ru-1',
      organization: 'korimo',
      usage: 'attest',
      notBefore: new Date(now - 30 * dayMs),
      notAfter: new Date(now - dayMs),
    });
    const early = await issueLeaf({
      ca: vendorCa,
      commonName: 'ru-1',
      organization: 'korimo',
      usage: 'tls',
      notBefore: new Date(now + dayMs),
    });
    expect(expired.cert.notAfter.getTime()).toBeLessThan(now);
    expect(early.cert.notBefore.getTime()).toBeGreaterThan(now);
    expect(await expired.cert.verify({ publicKey: vendorCa.cert.publicKey, date: new Date() })).toBe(false);
    expect(await expired.cert.verify({ publicKey: vendorCa.cert.publicKey, signatureOnly: true })).toBe(true);
  });

  it('makes a chain to an unknown root that does not reach the operator root', async () => {
    const rogueRoot = await createCa({ name: 'rogue root' });
    const rogueVendor = await createCa({
      name: 'korimo vendor CA',
      organization: 'korimo',
      issuer: rogueRoot,
    });
    const leaf = await issueLeaf({
      ca: rogueVendor,
      commonName: 'ru-1',
      organization: 'korimo',
      usage: 'attest',
    });
    expect(await leaf.cert.verify({ publicKey: vendorCa.cert.publicKey, signatureOnly: true })).toBe(false);
    const chain = await new x509.X509ChainBuilder({ certificates: [rootCa.cert, vendorCa.cert] }).build(
      leaf.cert,
    );
    expect(chain.map((c) => c.subject)).toEqual(['CN=ru-1, O=korimo']);
  });

  it('makes a self-signed leaf that is not a CA', async () => {
    const leaf = await selfSigned({
      commonName: 'ru-1',
      organization: 'korimo',
      usage: 'attest',
      algorithm: 'EdDSA',
    });
    expect(await leaf.cert.isSelfSigned()).toBe(true);
    expect(leaf.cert.getExtension(x509.BasicConstraintsExtension)?.ca).toBe(false);
    expect(algorithmOf(leaf.cert)).toBe('EdDSA');
  });

  it('keeps private keys out of JSON and inspect output, and loadCa signs with a CA from disk', async () => {
    const leaf = await issueLeaf({ ca: vendorCa, commonName: 'ru-1', organization: 'korimo', usage: 'tls' });
    for (const handle of [rootCa, leaf]) {
      expect(handle.keyPem).toContain('PRIVATE KEY');
      expect(JSON.stringify(handle)).not.toContain('PRIVATE KEY');
      expect(inspect(handle, { depth: 5 })).not.toContain('PRIVATE KEY');
    }
    const layout = await initPki(join(temp, 'load-ca'), { vendors: [{ id: 'korimo', instances: [] }] });
    const loaded = await loadCa(layout.vendors.korimo!);
    const issued = await issueLeaf({
      ca: loaded,
      commonName: 'ru-7',
      organization: 'korimo',
      usage: 'attest',
    });
    expect(await issued.cert.verify({ publicKey: firstCert(layout.vendors.korimo!.cert).publicKey })).toBe(
      true,
    );
  });
});

describe('plugfest pki init', () => {
  it('writes the PKI of the default topology with 0600 keys and prints paths, never key material', async () => {
    const dir = join(temp, 'cli');
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'src/cli/run.ts', 'pki', 'init', dir],
      { cwd: root },
    );
    expect(stderr).toBe('');
    const layout = await loadPki(dir);
    // The default topology's instances, and the harness as the SMO on A1.
    expect(Object.keys(layout.instances).sort()).toEqual(['du-1', 'ric-1', 'ru-1', 'ru-2', 'smo']);
    expect(layout.instances['ru-2']!.vendor).toBe('korimo');
    expect(Object.keys(layout.vendors)).toEqual(expect.arrayContaining(['quibble', 'stillwater', 'harness']));
    const keys = [
      layout.root.key,
      ...Object.values(layout.instances).flatMap((i) => [i.tlsKey, i.attestKey]),
    ];
    for (const key of keys) expect(mode(key)).toBe(0o600);
    expect(stdout).toContain('instances/ru-1/attest.key.pem');
    expect(stdout).not.toContain('PRIVATE KEY');
    for (const key of keys) {
      const body = pem(key).split('\n')[1]!;
      expect(stdout).not.toContain(body.slice(0, 24));
    }
  });
});
