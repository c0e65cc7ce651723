/**
 * `plugfest swap <instance>=<vendor>`: replaces one instance's vendor in a running `plugfest up`
 * (the newest run under .plugfest/runs, or --run-dir): the old process stops, the new one starts
 * on the same ports and links, and its peers reconnect; the trace shows the transition.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { controlSocketOf, requestSwap } from '../../orchestrator/index.js';
import { PlugfestError } from '../../wire/index.js';

export function registerSwap(program: Command): void {
  program
    .command('swap')
    .description("replace an instance's vendor in a running plugfest up (hot swap)")
    .argument('<change>', '<instance>=<vendor>, e.g. ru-1=korimo')
    .option('--run-dir <dir>', 'the run folder of the plugfest up (default: the newest under .plugfest/runs)')
    .action(async (change: string, options: { runDir?: string }) => {
      const match = /^([\w-]+)=([\w-]+)$/.exec(change);
      if (!match)
        throw new PlugfestError('config-invalid', `swap: expected <instance>=<vendor>, got "${change}"`);
      const runDir = options.runDir ? resolve(options.runDir) : newestLiveRun();
      const done = await requestSwap(runDir, match[1]!, match[2]!);
      console.log(
        `swapped ${done.instance}: ${done.from} -> ${done.to} in ${done.ms} ms (trace: ${join(runDir, 'trace.jsonl')})`,
      );
    });
}

function newestLiveRun(): string {
  const runs = resolve('.plugfest', 'runs');
  const live = existsSync(runs)
    ? readdirSync(runs)
        .map((name) => join(runs, name))
        .filter((dir) => existsSync(controlSocketOf(dir)))
        .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)
    : [];
  if (!live[0])
    throw new PlugfestError('config-invalid', `no running plugfest up under ${runs}; give --run-dir`);
  return live[0];
}
