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

/**
 * Why a result could not be graded: it ended `error` because the harness could not observe
 * enough (issue 15: `harness-starved`, or the network not steady before a fault). Such a job is
 * run once more, on a network of its own, before a test reads it; a second starvation stays in
 * the result, and the test that expects `pass` fails on it with the reason, never skips.
 */
export const starvation = (r: CaseResult): string | undefined =>
  r.verdict === 'error'
    ? r.diagnostics.find((d) => d.code === 'harness-starved' || d.code === 'not-steady')?.message
    : undefined;

export async function runCases(
  cases: readonly CaseDefinition<Network>[],
  vendorsByRole: Partial<Record<RoleName, string[]>>,
  options: { workers?: number; catalog?: VendorCatalog } = {},
): Promise<SuiteRun> {
  const catalog = options.catalog ?? builtInVendors();
  const outputDir = tempRunDir();
  const jobs = expandMatrix(cases, vendorsByRole);
  const run = (selected: typeof jobs) =>
    runMatrix({
      jobs: selected,
      environment: networkEnvironment({ catalog, root: repoRoot, outputDir, logger: quietLogger() }),
      reporter: {},
      workers: options.workers ?? 1,
      vendors: (id) => catalog.get(id),
    });
  const { results } = await run(jobs);
  const starved = new Set(results.filter((r) => starvation(r) !== undefined).map((r) => r.key));
  if (starved.size > 0) {
    const again = await run(jobs.filter((j) => starved.has(j.key)));
    for (const result of again.results) results[results.findIndex((r) => r.key === result.key)] = result;
  }
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
