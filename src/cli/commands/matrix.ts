/**
 * `plugfest matrix [filter...]`: every case over every combination of the catalogue's vendors the
 * case's roles allow (pairwise per interface, as plugfests report), then the matrix per interface.
 * `--list` prints the combinations without running them. Exit codes as `plugfest test`.
 */
import type { Command } from 'commander';
import { suites } from '../../../conformance/index.js';
import { combinationKey, expandMatrix, selectCases, vendorsOfCatalog } from '../../conformance/index.js';
import { renderMatrixText } from '../../report/index.js';
import { addRunOptions, catalogOf, type RunOptions, runSuites } from './suite-run.js';

export function registerMatrix(program: Command): void {
  addRunOptions(
    program
      .command('matrix')
      .description('run the suites over every combination of the vendors and print the matrix per interface')
      .option('--list', 'list the cases and vendor combinations without running them'),
    'list,json,junit,html',
  ).action(async (filters: string[], options: RunOptions & { list?: boolean }) => {
    const catalog = catalogOf(options);
    const vendorsByRole = vendorsOfCatalog(catalog);
    if (options.list) {
      const grep = options.grep ? new RegExp(options.grep) : undefined;
      const cases = selectCases(suites, {
        ...(options.suite ? { suites: options.suite.split(',').map((s) => s.trim()) } : {}),
        filters,
        ...(grep ? { grep } : {}),
      });
      const jobs = expandMatrix(cases, vendorsByRole);
      for (const definition of cases) {
        const mine = jobs.filter((j) => j.definition === definition);
        console.log(`${definition.id}  ${definition.title}  (${mine.length})`);
        for (const job of mine) console.log(`    ${combinationKey(job.combination) || 'no vendor role'}`);
      }
      console.log(`\n${jobs.length} jobs: ${cases.length} cases over the vendors' combinations`);
      return;
    }
    const { results } = await runSuites(filters, options, catalog, vendorsByRole);
    console.log(`\n${renderMatrixText(results)}`);
  });
}
