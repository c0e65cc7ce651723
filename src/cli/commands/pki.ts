/**
 * `plugfest pki init <dir>`: the dev PKI for attestation and mTLS. A vendor CA for every vendor of
 * the catalogue (so any vendor can be swapped into an instance), a TLS and an attestation leaf for
 * every instance of the topology under its vendor's CA, and for the harness itself when it plays
 * the SMO on A1. Prints the files it wrote, never a key.
 */
import { join, relative, resolve } from 'node:path';
import { type Command, Option } from 'commander';
import { initPki } from '../../attestation/pki.js';
import type { PkiLayout, SigningAlgorithm } from '../../attestation/types.js';
import { harnessSmo, harnessVendor, loadTopology, loadVendorCatalog } from '../../topology/index.js';
import { PlugfestError } from '../../wire/index.js';
import { packageRoot } from '../paths.js';
import { table } from '../table.js';

interface PkiInitOptions {
  algorithm: SigningAlgorithm;
  topology?: string;
  vendors?: string[];
  validDays: string;
  force?: boolean;
}

export function registerPki(program: Command): void {
  const pki = program
    .command('pki')
    .description('the dev PKI: operator root CA, vendor CAs, instance certificates');
  pki
    .command('init')
    .description(
      'write a dev PKI: root CA, a CA per vendor, TLS and attestation certificates per instance, CRLs',
    )
    .argument('<dir>', 'folder to write it to')
    .addOption(
      new Option('--algorithm <alg>', 'ES256 (ECDSA P-256) or EdDSA (Ed25519)')
        .choices(['ES256', 'EdDSA'])
        .default('ES256'),
    )
    .option(
      '--topology <file>',
      'topology whose instances get certificates (default: topologies/default.yaml)',
    )
    .option('--vendors <dirs...>', 'vendor folders (default: the built-in vendors/)')
    .option('--valid-days <n>', 'validity of every certificate, in days', '365')
    .option('--force', 'replace a PKI already in <dir>')
    .action(async (dir: string, options: PkiInitOptions) => {
      const root = packageRoot();
      const validDays = Number(options.validDays);
      if (!Number.isInteger(validDays) || validDays < 1)
        throw new PlugfestError(
          'config-invalid',
          `--valid-days must be an integer >= 1, got "${options.validDays}"`,
        );
      const catalog = loadVendorCatalog(options.vendors ?? [join(root, 'vendors')]);
      const topologyFile = options.topology
        ? resolveTopology(options.topology, root)
        : join(root, 'topologies', 'default.yaml');
      const topology = loadTopology(topologyFile, catalog);
      const instances = new Map<string, string[]>([...catalog.keys()].map((id) => [id, []]));
      for (const instance of topology.instances.values()) {
        const list = instances.get(instance.vendor) ?? [];
        instances.set(instance.vendor, [...list, instance.id]);
      }
      // The harness dials A1 as the SMO when the topology names no SMO instance: it needs a client certificate.
      if (topology.links.some((l) => l.client === harnessSmo) && !topology.instances.has(harnessSmo))
        instances.set(harnessVendor, [...(instances.get(harnessVendor) ?? []), harnessSmo]);
      const layout = await initPki(dir, {
        algorithm: options.algorithm,
        validDays,
        vendors: [...instances].map(([id, ids]) => ({ id, instances: ids })),
        ...(options.force ? { force: true } : {}),
      });
      console.log(render(layout, topology.name));
    });
}

function resolveTopology(name: string, root: string): string {
  if (name.endsWith('.yaml') || name.endsWith('.yml') || name.includes('/')) return resolve(name);
  return join(root, 'topologies', `${name}.yaml`);
}

function render(layout: PkiLayout, topologyName: string): string {
  const at = (file: string) => relative(layout.dir, file);
  const rows: string[][] = [['root CA', '', at(layout.root.cert), at(layout.root.key), at(layout.root.crl)]];
  for (const [vendor, files] of Object.entries(layout.vendors))
    rows.push(['vendor CA', vendor, at(files.cert), at(files.key), at(files.crl)]);
  for (const [instance, files] of Object.entries(layout.instances)) {
    rows.push([`${instance} TLS`, files.vendor, at(files.tlsCert), at(files.tlsKey), '']);
    rows.push([
      `${instance} attestation`,
      files.vendor,
      at(files.attestCert),
      at(files.attestKey),
      at(files.chain),
    ]);
  }
  return [
    `dev PKI (${layout.algorithm}) for topology ${topologyName} in ${layout.dir}`,
    table(['WHAT', 'VENDOR', 'CERTIFICATE', 'KEY (mode 0600)', 'CRL / CHAIN'], rows),
  ].join('\n');
}
