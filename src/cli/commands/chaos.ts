/**
 * `plugfest chaos [topology] <faults.yaml>`: brings the topology up, runs the fault schedule
 * against it, and prints for each fault what noticed it and when, the links outside it that were
 * disrupted, and when its traffic came back. Writes chaos.json and the trace to the run folder.
 * Exit 0 when every fault stayed contained, 1 when one reached other links, 2 on a config error.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { pino } from 'pino';
import { type ChaosReport, loadFaultSchedule, runChaos } from '../../faults/index.js';
import { startTopology } from '../../orchestrator/index.js';
import { fileTraceSink, memoryTraceSink, type TraceRecord, type TraceSink } from '../../relay/index.js';
import { loadTopology, loadVendorCatalog } from '../../topology/index.js';
import { packageRoot } from '../paths.js';
import { table } from '../table.js';

interface ChaosCliOptions {
  vendors?: string[];
  runDir?: string;
}

export function registerChaos(program: Command): void {
  program
    .command('chaos')
    .description('run a fault schedule against a live topology; print detection, blast radius and recovery')
    .argument('<files...>', '[topology] <faults.yaml> (topology default: topologies/default.yaml)')
    .option('--vendors <dirs...>', 'vendor folders (default: the built-in vendors/)')
    .option('--run-dir <dir>', 'where configs, logs, trace.jsonl and chaos.json go')
    .action(async (files: string[], options: ChaosCliOptions) => {
      const root = packageRoot();
      const [topologyFile, faultsFile] =
        files.length >= 2
          ? [resolve(files[0]!), resolve(files[1]!)]
          : [join(root, 'topologies', 'default.yaml'), resolve(files[0]!)];
      const catalog = loadVendorCatalog(options.vendors ?? [join(root, 'vendors')]);
      const topology = loadTopology(topologyFile, catalog);
      const schedule = loadFaultSchedule(faultsFile, topology);
      const runDir = resolve(
        options.runDir ?? join('.plugfest', 'runs', `chaos-${new Date().toISOString().replaceAll(':', '-')}`),
      );
      mkdirSync(runDir, { recursive: true });
      const logger = pino(
        { level: 'info' },
        pino.destination({ dest: join(runDir, 'harness.log'), sync: true }),
      );
      const memory = memoryTraceSink();
      const file = fileTraceSink(join(runDir, 'trace.jsonl'));
      const trace: TraceSink = {
        write: (record) => {
          memory.write(record);
          file.write(record);
        },
        close: () => file.close(),
      };
      console.log(`plugfest chaos: ${topology.name}, ${schedule.faults.length} faults; run folder ${runDir}`);
      const running = await startTopology(topology, { catalog, runDir, logger, trace, root });
      let report: ChaosReport;
      try {
        report = await runChaos(running, schedule, {
          records: () => memory.records as readonly TraceRecord[],
          onEvent: (e) => console.log(`${new Date(e.t).toISOString()}  ${e.what}`),
        });
      } finally {
        await running.stop();
      }
      writeFileSync(join(runDir, 'chaos.json'), `${JSON.stringify(report, null, 2)}\n`);
      console.log(`\n${render(report)}`);
      const leaked = report.outcomes.filter((o) => o.blastRadius.length > 0);
      for (const o of leaked) {
        console.log(`\n${o.fault} reached: ${o.blastRadius.map((d) => `${d.link}: ${d.detail}`).join('; ')}`);
      }
      console.log(
        `\n${report.outcomes.length - leaked.length} contained, ${leaked.length} not contained; chaos.json in ${runDir}`,
      );
      process.exitCode = leaked.length > 0 ? 1 : 0;
    });
}

function render(report: ChaosReport): string {
  return table(
    ['FAULT', 'DETECTED', 'BY', 'HOW', 'BLAST RADIUS', 'RECOVERED'],
    report.outcomes.map((o) => [
      o.fault,
      o.detection ? `+${o.detection.afterMs} ms` : 'not seen',
      o.detection?.by ?? '-',
      o.detection?.how ?? '-',
      o.blastRadius.length ? [...new Set(o.blastRadius.map((d) => d.link))].join(', ') : 'contained',
      o.recoveryMs === undefined ? (o.endedAt === undefined ? '-' : 'not yet') : `+${o.recoveryMs} ms`,
    ]),
  );
}
