/**
 * The `plugfest` command: parses, wires, exits. No logic of its own; later issues add verbs.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';

/** plugfest's own package.json, found upwards from this file (src/ in development, dist/src/ built). */
function packageJson(): { version: string; description: string } {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
  return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
    version: string;
    description: string;
  };
}

const pkg = packageJson();

export function createProgram(): Command {
  return new Command('plugfest')
    .description(pkg.description)
    .version(pkg.version, '-v, --version', 'print the plugfest version')
    .helpOption('-h, --help', 'show help')
    .showHelpAfterError()
    .addHelpText(
      'after',
      '\nInterfaces are protobuf models of the O-RAN procedures (E2AP, E2SM-KPM/RC, A1AP, Open Fronthaul\nM-plane and CU-plane) carried over WebSockets; see README.md and docs/vendor-contract.md.',
    );
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
  await program.parseAsync([...argv]);
}
