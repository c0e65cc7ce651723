/**
 * Runs conformance cases on real vendor processes, the way `plugfest test` does, for the suite
 * tests: every case over the combinations given, results keyed `<case id>@<combination key>`.
 */
import { join } from 'node:path';
import {
  type CaseDefinition,
  type CaseResult,
  expandMatrix,
  type Network,
  networkEnvironment,
  runMatrix,
} from '../../src/conformance/index.js';
import { loadVendorCatalog, type VendorCatalog } from '../../src/topology/index.js';
import type { RoleName } from '../../src/wire/index.js';
import { quietLogger } from './logger.js';
import { repoRoot, tempRunDir } from './topologies.js';

export const builtInVendors = (): VendorCatalog => loadVendorCatalog([join(repoRoot, 'vendors')]);

export interface SuiteRun {
  readonly results: CaseResult[];
  /** The result of `<case id>@<combination key>`; throws if the run has none. */
  get(key: string): CaseResult;
  readonly outputDir: string;
}

export async function runCases(
  cases: readonly CaseDefinition<Network>[],
  vendorsByRole: Partial<Record<RoleName, string[]>>,
  options: { workers?: number; catalog?: VendorCatalog } = {},
): Promise<SuiteRun> {
  const catalog = options.catalog ?? builtInVendors();
  const outputDir = tempRunDir();
  const { results } = await runMatrix({
    jobs: expandMatrix(cases, vendorsByRole),
    environment: networkEnvironment({ catalog, root: repoRoot, outputDir, logger: quietLogger() }),
    reporter: {},
    workers: options.workers ?? 1,
    vendors: (id) => catalog.get(id),
  });
  return {
    results,
    outputDir,
    get(key) {
      const found = results.find((r) => r.key === key);
      if (!found) throw new Error(`no result ${key}; have ${results.map((r) => r.key).join(', ')}`);
      return found;
    },
  };
}
