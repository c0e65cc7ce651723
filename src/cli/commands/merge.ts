/**
 * `plugfest merge <results...>`: joins the results streams of a run's shards (or of several runs)
 * and renders every report from them, as one run would have.
 */
import { resolve } from 'node:path';
import type { Command } from 'commander';
import {
  exitCodeOf,
  formatSummary,
  multiplexReporters,
  readResults,
  replayResults,
  summarize,
} from '../../conformance/index.js';
import { createReporters, reporterNames } from '../../report/index.js';

interface MergeOptions {
  reporter: string;
  outputDir: string;
}

export function registerMerge(program: Command): void {
  program
    .command('merge')
    .description('join results streams (results.jsonl of shards or runs) and write the reports')
    .argument('<results...>', 'results.jsonl files')
    .option('--reporter <names>', `comma-separated: ${reporterNames.join(', ')}`, 'list,json,junit,html')
    .option('--output-dir <dir>', 'where the reports go', 'plugfest-report')
    .action(async (files: string[], options: MergeOptions) => {
      const read = readResults(files.map((f) => resolve(f)));
      const names = options.reporter
        .split(',')
        .map((n) => n.trim())
        .filter(Boolean);
      const reporters = createReporters(names, { outputDir: resolve(options.outputDir) });
      await replayResults(read, multiplexReporters(reporters));
      for (const file of read.unfinished)
        console.error(`warning: ${file} has no run-end: that run crashed or was interrupted`);
      if (!names.includes('list')) console.log(formatSummary(summarize(read.results)));
      process.exitCode = exitCodeOf(read.results);
    });
}
