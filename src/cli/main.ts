/**
 * The `plugfest` command: parses, wires, exits. No logic of its own.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { PlugfestError } from '../wire/index.js';
import { registerChaos } from './commands/chaos.js';
import { registerMatrix } from './commands/matrix.js';
import { registerMerge } from './commands/merge.js';
import { registerPki } from './commands/pki.js';
import { registerShowReport } from './commands/show-report.js';
import { registerSwap } from './commands/swap.js';
import { registerTest } from './commands/test.js';
import { registerTrust } from './commands/trust.js';
import { registerUp } from './commands/up.js';
import { registerVendors } from './commands/vendors.js';
import { packageRoot } from './paths.js';

const pkg = JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as {
  version: string;
  description: string;
};

export function createProgram(): Command {
  const program = new Command('plugfest')
    .description(pkg.description)
    .version(pkg.version, '-v, --version', 'print the plugfest version')
    .helpOption('-h, --help', 'show help')
    .showHelpAfterError()
    .addHelpText(
      'after',
      '\nInterfaces are protobuf models of the O-RAN procedures (E2AP, E2SM-KPM/RC, A1AP, Open Fronthaul\nM-plane and CU-plane) carried over WebSockets; see README.md and docs/vendor-contract.md.',
    );
  registerVendors(program);
  registerUp(program);
  registerMerge(program);
  registerTest(program);
  registerMatrix(program);
  registerChaos(program);
  registerSwap(program);
  registerShowReport(program);
  registerPki(program);
  registerTrust(program);
  return program;
}

export async function main(argv: readonly string[]): Promise<void> {
  const program = createProgram();
  program.exitOverride((error) => {
    // commander exits 0 for --help and --version; usage errors are exit code 2, as for vitest.
    process.exit(error.exitCode === 0 ? 0 : 2);
  });
  if (argv.length <= 2) {
    program.outputHelp();
    return;
  }
  try {
    await program.parseAsync([...argv]);
  } catch (error) {
    // A configuration error is exit 2 with its file:line:field message; anything else is 1.
    const failure = PlugfestError.from(error);
    console.error(`plugfest: ${failure.code === 'config-invalid' ? failure.rawMessage : failure.message}`);
    process.exit(failure.code === 'config-invalid' ? 2 : 1);
  }
}
