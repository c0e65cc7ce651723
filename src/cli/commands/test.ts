/**
 * `plugfest test [filter...]`: runs the suites over the vendors of a topology (by default
 * topologies/default.yaml), streams results.jsonl, writes the reports, and exits 0 when every
 * verdict is acceptable, 1 on a fail or error, 2 on a usage or configuration error.
 */
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { vendorsOfTopology } from '../../conformance/index.js';
import { harnessVendor, loadTopology } from '../../topology/index.js';
import { addRunOptions, catalogOf, type RunOptions, runSuites } from './suite-run.js';

export function registerTest(program: Command): void {
  addRunOptions(
    program
      .command('test')
      .description('run the conformance suites over the vendors of a topology and write the reports')
      .option(
        '--topology <file>',
        'the vendors under test are those of this topology',
        'topologies/default.yaml',
      ),
    'list,json,junit,html',
  ).action(async (filters: string[], options: RunOptions & { topology: string }) => {
    const catalog = catalogOf(options);
    const topology = loadTopology(resolve(options.topology), catalog);
    await runSuites(filters, options, catalog, vendorsOfTopology(topology, new Set([harnessVendor])));
  });
}
