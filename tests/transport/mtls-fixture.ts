/**
 * A dev PKI for the mTLS tests (transport and relay), made by src/attestation/pki.ts: only tests
 * may import it, as attestation sits below transport in the layer order.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type CaHandle,
  certificatesFromPem,
  createCa,
  initPki,
  issueLeaf,
  loadCa,
  revoke,
  selfSigned,
  type Validity,
} from '../../src/attestation/pki.js';
import type { PkiLayout } from '../../src/attestation/types.js';

/** What either end of a link needs (ServerTlsOptions and ClientTlsOptions): its chain and key, the root it trusts, the CRLs. */
export interface EndTls {
  readonly cert: string;
  readonly key: string;
  readonly ca: string;
  readonly crl: string[];
  /** Of the leaf, lowercase hex: what revoke() takes. */
  readonly serialNumber: string;
}

export interface DevPki extends AsyncDisposable {
  readonly layout: PkiLayout;
  /** The TLS of an instance of the PKI, as initPki wrote it (vendor CRLs and the root's: all empty). */
  end(instance: string): Promise<EndTls>;
  /** A vendor's CA, to issue or revoke with. */
  vendorCa(vendor: string): Promise<CaHandle>;
  /** A TLS leaf of `vendor` for `instance` issued now, with the validity given. */
  leaf(vendor: string, instance: string, validity?: Validity): Promise<EndTls>;
  /** A TLS leaf under a root the PKI does not know (its chain: leaf, rogue vendor CA). */
  foreignLeaf(instance: string): Promise<EndTls>;
  /** A self-signed TLS leaf. */
  selfSignedLeaf(instance: string): Promise<EndTls>;
  /** The CRLs of the PKI with `vendor`'s replaced by one listing `serials`. */
  crlsRevoking(vendor: string, serials: readonly string[]): Promise<string[]>;
}

/** Two vendors: ricco (ric-1, a near-RT RIC) and duco (du-1, du-2, O-DUs). */
export async function devPki(): Promise<DevPki> {
  const dir = await mkdtemp(join(tmpdir(), 'plugfest-mtls-'));
  const layout = await initPki(dir, {
    vendors: [
      { id: 'ricco', instances: ['ric-1'] },
      { id: 'duco', instances: ['du-1', 'du-2'] },
    ],
  });
  const read = (file: string) => readFile(file, 'utf8');
  const rootPem = await read(layout.root.cert);
  const crlOf = async (vendor: string) => read(layout.vendors[vendor]!.crl);
  const allCrls = async () => [
    await read(layout.root.crl),
    ...(await Promise.all(Object.keys(layout.vendors).map(crlOf))),
  ];
  const cas = new Map<string, Promise<CaHandle>>();
  const vendorCa = (vendor: string) => {
    let ca = cas.get(vendor);
    if (!ca) {
      ca = loadCa(layout.vendors[vendor]!);
      cas.set(vendor, ca);
    }
    return ca;
  };
  const serialOf = (pem: string) => certificatesFromPem(pem)[0]!.serialNumber;
  return {
    layout,
    vendorCa,
    async end(instance) {
      const files = layout.instances[instance]!;
      const cert = await read(files.tlsCert);
      return {
        cert,
        key: await read(files.tlsKey),
        ca: rootPem,
        crl: await allCrls(),
        serialNumber: serialOf(cert),
      };
    },
    async leaf(vendor, instance, validity = {}) {
      const ca = await vendorCa(vendor);
      const leaf = await issueLeaf({
        ca,
        commonName: instance,
        organization: vendor,
        usage: 'tls',
        ...validity,
      });
      return {
        cert: `${leaf.certPem}\n${ca.certPem}`,
        key: leaf.keyPem,
        ca: rootPem,
        crl: await allCrls(),
        serialNumber: leaf.serialNumber,
      };
    },
    async foreignLeaf(instance) {
      const rogueRoot = await createCa({ name: 'rogue root CA', organization: 'rogue' });
      const rogueCa = await createCa({ name: 'rogue vendor CA', organization: 'rogue', issuer: rogueRoot });
      const leaf = await issueLeaf({
        ca: rogueCa,
        commonName: instance,
        organization: 'rogue',
        usage: 'tls',
      });
      return {
        cert: `${leaf.certPem}\n${rogueCa.certPem}`,
        key: leaf.keyPem,
        ca: rogueRoot.certPem,
        crl: [],
        serialNumber: leaf.serialNumber,
      };
    },
    async selfSignedLeaf(instance) {
      const leaf = await selfSigned({ commonName: instance, organization: 'rogue', usage: 'tls' });
      return {
        cert: leaf.certPem,
        key: leaf.keyPem,
        ca: leaf.certPem,
        crl: [],
        serialNumber: leaf.serialNumber,
      };
    },
    async crlsRevoking(vendor, serials) {
      const revoked = await revoke(await vendorCa(vendor), serials);
      const others = Object.keys(layout.vendors).filter((v) => v !== vendor);
      return [await read(layout.root.crl), revoked, ...(await Promise.all(others.map(crlOf)))];
    },
    [Symbol.asyncDispose]: () => rm(dir, { recursive: true, force: true }),
  };
}
