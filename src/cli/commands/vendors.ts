/** `plugfest vendors`: a table of the vendors in the catalogue. */
import type { Command } from 'commander';
import { loadVendorCatalog, type VendorManifest } from '../../topology/index.js';
import { packageRoot } from '../paths.js';
import { table } from '../table.js';

export function capabilitySummary(manifest: VendorManifest): string {
  switch (manifest.role) {
    case 'o-ru': {
      const c = manifest.capabilities;
      const compression = c.compression
        .map((m) => (m.method === 'none' ? 'none' : `BFP ${m.iqWidths.join('/')}`))
        .join(' + ');
      return `${compression}; SCS ${c.scsKhz.join('/')} kHz; <=${c.maxBandwidthMhz} MHz; ${c.txArrays}T${c.rxArrays}R`;
    }
    case 'o-du': {
      const c = manifest.capabilities;
      const pref = c.compressionPreference
        .map((p) => (p.method === 'none' ? 'none' : `BFP ${p.iqWidth}`))
        .join(' > ');
      return `E2SM ${c.serviceModels.join('+').toUpperCase()}; ${c.bandwidthMhz} MHz @ ${c.scsKhz} kHz; prefers ${pref}`;
    }
    case 'near-rt-ric': {
      const c = manifest.capabilities;
      return `E2SM ${c.serviceModels.join('+').toUpperCase()}; xApps: ${c.xapps.join(', ') || 'none'}`;
    }
    case 'smo':
      return '';
  }
}

export function registerVendors(program: Command): void {
  program
    .command('vendors')
    .description('list the vendors plugfest knows: roles, versions, interfaces, capabilities')
    .option('--vendors <dirs...>', 'vendor folders to read (each holds one folder per vendor)')
    .option('--json', 'print JSON instead of a table')
    .action((options: { vendors?: string[]; json?: boolean }) => {
      const catalog = loadVendorCatalog(options.vendors ?? [`${packageRoot()}/vendors`]);
      const manifests = [...catalog.values()];
      if (options.json) {
        console.log(JSON.stringify(manifests, null, 2));
        return;
      }
      const order = ['o-ru', 'o-du', 'near-rt-ric', 'smo'];
      manifests.sort((a, b) => order.indexOf(a.role) - order.indexOf(b.role) || a.id.localeCompare(b.id));
      console.log(
        table(
          ['VENDOR', 'NAME', 'ROLE', 'VERSION', 'INTERFACES', 'CAPABILITIES'],
          manifests.map((m) => [
            m.id,
            m.name,
            m.role,
            m.version,
            Object.entries(m.interfaces)
              .filter(([, v]) => v)
              .map(([i, v]) => `${i} ${(v as string[]).join(',')}`)
              .join('; '),
            capabilitySummary(m),
          ]),
        ),
      );
    });
}
