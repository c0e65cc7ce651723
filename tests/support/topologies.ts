import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  loadVendorCatalog,
  parseTopology,
  type Topology,
  type VendorCatalog,
} from '../../src/topology/index.js';
import { fixtureVendors } from './processes.js';

export const fixtureCatalog = (): VendorCatalog => loadVendorCatalog([fixtureVendors]);

export function topologyOf(yaml: string, catalog = fixtureCatalog()): Topology {
  return parseTopology(yaml, 'inline.yaml', catalog);
}

export const tempRunDir = (): string => mkdtempSync(join(tmpdir(), 'plugfest-run-'));

export const repoRoot = join(import.meta.dirname, '../..');
