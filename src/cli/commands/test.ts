/**
 * `plugfest test [filter...]`: runs the suites over the vendor combinations of a topology (by
 * default topologies/default.yaml), streams results.jsonl, writes the reports, and exits 0 when
 * every verdict is acceptable, 1 on a fail or error, 2 on a usage or configuration error.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { pino } from 'pino';
import { suites } from '../../../conformance/index.js';
import {
  exitCodeOf,
  expandMatrix,
  multiplexReporters,
  networkEnvironment,
  parseShard,
  resultsStream,
  runMatrix,
  selectShard,
} from '../../conformance/index.js';
import { createReporters } from '../../report/index.js';
import { loadTopology, loadVendorCatalog } from '../../topology/index.js';
import { PlugfestError, type RoleName } from '../../wire/index.js';
import { packageRoot } from '../paths.js';

interface TestOptions {
  topology: string;
  suite?: string;
  grep?: string;
  reporter: string;
  outputDir: string;
  workers: string;
  shard?: string;
  retries: string;
  knownFailing?: string;
  trace: 'on' | 'off';
  vendors?: string[];
}

export function registerTest(program: Command): void {
  program
    .command('test')
    .description('run the conformance suites over the vendors of a topology and write the reports')
    .argument('[filter...]', 'case ids or id prefixes to run (e.g. E2-SETUP)')
    .option(
      '--topology <file>',
      'the vendors under test are those of this topology',
      'topologies/default.yaml',
    )
    .option('--suite <names>', `comma-separated suites (${Object.keys(suites).join(', ')})`)
    .option('--grep <regexp>', 'only cases whose id or title matches')
    .option('--reporter <names>', 'list, json, junit, html, markdown', 'list,json,junit,html')
    .option('--output-dir <dir>', 'where results.jsonl, reports and traces go', 'plugfest-report')
    .option('--workers <n>', 'vendor combinations run at once', '1')
    .option('--shard <i/n>', 'run shard i of n of the matrix (merge the shards with plugfest merge)')
    .option('--retries <n>', 'extra attempts for a failing case', '0')
    .option('--known-failing <file>', 'case ids or keys expected to fail, one a line (# comments)')
    .option('--trace <mode>', "keep each topology's trace: on or off", 'on')
    .option('--vendors <dirs...>', 'vendor folders (default: the built-in vendors/)')
    .action(async (filters: string[], options: TestOptions) => {
      const root = packageRoot();
      const catalog = loadVendorCatalog(options.vendors ?? [join(root, 'vendors')]);
      const topology = loadTopology(resolve(options.topology), catalog);
      const vendorsByRole: Partial<Record<RoleName, string[]>> = {};
      for (const instance of topology.instances.values()) {
        const list = vendorsByRole[instance.role] ?? [];
        if (!list.includes(instance.vendor)) vendorsByRole[instance.role] = [...list, instance.vendor];
      }
      const wanted = options.suite?.split(',').map((s) => s.trim()) ?? Object.keys(suites);
      for (const name of wanted) {
        if (!suites[name])
          throw new PlugfestError(
            'config-invalid',
            `--suite: no suite "${name}"; suites: ${Object.keys(suites).join(', ')}`,
          );
      }
      const grep = options.grep ? new RegExp(options.grep) : undefined;
      const cases = wanted
        .flatMap((name) => suites[name]!)
        .filter((c) => filters.length === 0 || filters.some((f) => c.id.startsWith(f)))
        .filter((c) => !grep || grep.test(c.id) || grep.test(c.title));
      let jobs = expandMatrix(cases, vendorsByRole);
      if (options.shard) {
        const { index, total } = parseShard(options.shard);
        jobs = selectShard(jobs, index, total);
      }
      const knownFailing = new Set(
        options.knownFailing
          ? readFileSync(options.knownFailing, 'utf8')
              .split('\n')
              .map((l) => l.replace(/#.*/, '').trim())
              .filter(Boolean)
          : [],
      );
      const outputDir = resolve(options.outputDir);
      const logger = pino(
        { level: 'info' },
        pino.destination({ dest: join(outputDir, 'harness.log'), sync: true, mkdir: true }),
      );
      const abort = new AbortController();
      process.once('SIGINT', () => abort.abort());
      const names = options.reporter
        .split(',')
        .map((n) => n.trim())
        .filter(Boolean);
      const { results, interrupted } = await runMatrix({
        jobs,
        environment: networkEnvironment({ catalog, root, outputDir, logger, trace: options.trace }),
        reporter: multiplexReporters([
          resultsStream(join(outputDir, 'results.jsonl')),
          ...createReporters(names, { outputDir }),
        ]),
        workers: Number(options.workers),
        retries: Number(options.retries),
        knownFailing,
        signal: abort.signal,
        vendors: (id) => catalog.get(id),
        ...(options.shard ? { shard: options.shard } : {}),
      });
      process.exitCode = interrupted ? 130 : exitCodeOf(results);
    });
}
