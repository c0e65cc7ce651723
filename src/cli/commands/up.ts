/**
 * `plugfest up [topology]`: brings the network up, shows each link's state live, writes the
 * trace, and shuts everything down cleanly on Ctrl-C (or after --duration).
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { pino } from 'pino';
import { linkStatuses, type RunningTopology, serveControl, startTopology } from '../../orchestrator/index.js';
import { fileTraceSink } from '../../relay/index.js';
import { loadTopology, loadVendorCatalog } from '../../topology/index.js';
import { packageRoot } from '../paths.js';
import { table } from '../table.js';

interface UpOptions {
  vendors?: string[];
  runDir?: string;
  duration?: string;
}

export function registerUp(program: Command): void {
  program
    .command('up')
    .description('bring a topology up, show its links live, write the trace; Ctrl-C stops it')
    .argument('[topology]', 'topology file', 'topologies/default.yaml')
    .option('--vendors <dirs...>', 'vendor folders (default: the built-in vendors/)')
    .option('--run-dir <dir>', 'where configs, logs and trace.jsonl go (default .plugfest/runs/<time>)')
    .option('--duration <seconds>', 'stop by itself after this many seconds')
    .action(async (topologyFile: string, options: UpOptions) => {
      const root = packageRoot();
      const file = resolveTopology(topologyFile, root);
      const catalog = loadVendorCatalog(options.vendors ?? [join(root, 'vendors')]);
      const topology = loadTopology(file, catalog);
      const runDir = resolve(
        options.runDir ?? join('.plugfest', 'runs', new Date().toISOString().replaceAll(':', '-')),
      );
      mkdirSync(runDir, { recursive: true });
      const logger = pino(
        { level: 'info' },
        pino.destination({ dest: join(runDir, 'harness.log'), sync: true }),
      );
      const tracePath = join(runDir, 'trace.jsonl');
      console.log(
        `plugfest up: ${topology.name} (${topology.instances.size} instances, ${topology.links.length} links)`,
      );
      const running = await startTopology(topology, {
        catalog,
        runDir,
        logger,
        trace: fileTraceSink(tracePath),
        root,
      });
      running.on('instance-exit', ({ instance, vendor, info }) => {
        console.error(
          `\n${instance} (${vendor}) exited unexpectedly (${info.signal ?? `code ${info.code}`}); last log lines:`,
        );
        for (const line of info.lastLogLines.slice(-10)) console.error(`  ${line}`);
      });
      const control = await serveControl(running, (done) =>
        console.log(
          `${new Date().toISOString()} swapped ${done.instance}: ${done.from} -> ${done.to} (${done.ms} ms)`,
        ),
      );
      console.log(
        `run folder: ${runDir}\ntrace: ${tracePath}\nswap a vendor live: plugfest swap <instance>=<vendor>`,
      );
      if (running.security) {
        console.log(
          `security: ${running.security.mode}; trust policy: ${running.security.policyFile} (edit it to revoke a vendor live)`,
        );
      }
      await watch(running, options.duration ? Number(options.duration) * 1000 : undefined);
      control.close();
      console.log('\nstopping...');
      await running.stop();
      console.log(render(running));
      console.log(`stopped cleanly; trace in ${tracePath}`);
    });
}

function resolveTopology(name: string, root: string): string {
  if (name.endsWith('.yaml') || name.endsWith('.yml') || name.includes('/')) return resolve(name);
  return join(root, 'topologies', `${name}.yaml`);
}

function render(running: RunningTopology): string {
  return table(
    ['LINK', 'STATE', 'FRAMES UP', 'FRAMES DOWN', 'BYTES', 'UNDECODABLE'],
    linkStatuses(running).map((s) => [
      s.link,
      s.state,
      String(s.framesUp),
      String(s.framesDown),
      String(s.bytes),
      String(s.undecodable),
    ]),
  );
}

/** Redraws the link table on a terminal; prints state changes as lines otherwise (CI logs). */
async function watch(running: RunningTopology, durationMs: number | undefined): Promise<void> {
  const tty = process.stdout.isTTY;
  let drawn = 0;
  const draw = () => {
    const text = render(running);
    if (drawn > 0) process.stdout.write(`\x1b[${drawn}A\x1b[0J`);
    process.stdout.write(`${text}\n`);
    drawn = text.split('\n').length;
  };
  if (!tty) {
    // Links come up while the start is still under way: each link's state as it is now first,
    // then its changes, so a link that was ready before this point still shows as ready.
    const line = (link: string, state: string) => console.log(`${new Date().toISOString()} ${link} ${state}`);
    for (const relay of running.relays.values()) {
      line(relay.link.id, relay.state);
      relay.on('state', (state) => line(relay.link.id, state));
    }
  }
  const timer = tty ? setInterval(draw, 500) : undefined;
  if (tty) draw();
  await new Promise<void>((resolveStop) => {
    const stop = () => resolveStop();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    if (durationMs !== undefined) setTimeout(stop, durationMs).unref();
  });
  clearInterval(timer);
}
