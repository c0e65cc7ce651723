/**
 * Configuration fuzzing (issue 15): mutated topologies, vendor.yaml files, trust policies and
 * fault schedules, YAML alias bombs and 10 MB strings among them. Each input is either accepted
 * or refused as `config-invalid` with every problem at `file:line:col`; never another error (a
 * stack trace for the user), never a hang. Fixed seed, 500 inputs.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseTrustPolicy } from '../../src/attestation/policy.js';
import { parseConfigText } from '../../src/config/index.js';
import { parseFaultSchedule } from '../../src/faults/index.js';
import { parseTopology, vendorManifestSchema } from '../../src/topology/index.js';
import { PlugfestError } from '../../src/wire/index.js';
import { builtInVendors } from '../support/suites.js';
import { repoRoot } from '../support/topologies.js';

const catalog = builtInVendors();
const read = (path: string) => readFileSync(join(repoRoot, path), 'utf8');
const defaultTopology = parseTopology(read('topologies/default.yaml'), 'default.yaml', catalog);

/** Each kind of config: its parser and a real file of its kind to mutate. */
const kinds = [
  {
    kind: 'topology',
    file: 'topology.yaml',
    base: read('topologies/default.yaml'),
    parse: (text: string) => parseTopology(text, 'topology.yaml', catalog),
  },
  {
    kind: 'vendor.yaml',
    file: 'vendor.yaml',
    base: read('vendors/sagebrush/vendor.yaml'),
    parse: (text: string) => parseConfigText(text, 'vendor.yaml', vendorManifestSchema),
  },
  {
    kind: 'trust policy',
    file: 'trust-policy.yaml',
    base: read('topologies/trust-policy.yaml'),
    parse: (text: string) => parseTrustPolicy(text, 'trust-policy.yaml'),
  },
  {
    kind: 'fault schedule',
    file: 'faults.yaml',
    base: read('tests/fixtures/faults/corrupt-and-kill.yaml'),
    parse: (text: string) => parseFaultSchedule(text, 'faults.yaml', defaultTopology),
  },
] as const;

const aliasBomb = [
  'a: &a ["x","x","x","x","x","x","x","x","x"]',
  'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
  'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
  'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
  'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
  'f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
  'g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]',
  '',
].join('\n');

/** One change to a config's lines. */
const mutation = fc.oneof(
  { weight: 5, arbitrary: fc.record({ op: fc.constant('delete' as const), at: fc.nat() }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('duplicate' as const), at: fc.nat() }) },
  {
    weight: 8,
    arbitrary: fc.record({
      op: fc.constant('value' as const),
      at: fc.nat(),
      value: fc.oneof(
        fc.string({ maxLength: 12 }),
        fc.integer().map(String),
        fc.constantFrom('-1', '0', '1e309', 'null', '~', '[]', '{}', '""', 'true', '.nan', '0x10'),
      ),
    }),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('indent' as const), at: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }) },
  {
    weight: 2,
    arbitrary: fc.record({ op: fc.constant('garbage' as const), at: fc.nat(), text: fc.string() }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('alias-bomb' as const) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('huge-string' as const), at: fc.nat() }) },
);

type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never;

function mutate(text: string, changes: readonly Mutation[]): string {
  let lines = text.split('\n');
  for (const change of changes) {
    const at = 'at' in change ? change.at % Math.max(1, lines.length) : 0;
    switch (change.op) {
      case 'delete':
        lines.splice(at, 1);
        break;
      case 'duplicate':
        lines.splice(at, 0, lines[at] ?? '');
        break;
      case 'value': {
        const line = lines[at] ?? '';
        lines[at] = line.includes(':')
          ? `${line.slice(0, line.indexOf(':') + 1)} ${change.value}`
          : change.value;
        break;
      }
      case 'indent':
        lines[at] = `   ${lines[at] ?? ''}`;
        break;
      case 'truncate':
        lines = lines.slice(0, at);
        break;
      case 'garbage':
        lines.splice(at, 0, change.text);
        break;
      case 'alias-bomb':
        lines = [...aliasBomb.split('\n'), ...lines];
        break;
      case 'huge-string': {
        const line = lines[at] ?? '';
        const key = line.includes(':') ? line.slice(0, line.indexOf(':') + 1) : 'name:';
        lines[at] = `${key} "${'x'.repeat(10 * 1024 * 1024)}"`;
        break;
      }
    }
  }
  return lines.join('\n');
}

describe('configuration fuzzing', () => {
  it('accepts a mutated config or refuses it with file:line:col, never another error, never a hang', () => {
    let refused = 0;
    let accepted = 0;
    fc.assert(
      fc.property(
        fc.constantFrom(...kinds),
        fc.array(mutation, { minLength: 1, maxLength: 4 }),
        (kind, changes) => {
          const text = mutate(kind.base, changes);
          const began = performance.now();
          try {
            kind.parse(text);
            accepted += 1;
          } catch (error) {
            // Anything but config-invalid would reach the user as a stack trace or "[internal]".
            if (!(error instanceof PlugfestError) || error.code !== 'config-invalid') throw error;
            refused += 1;
            for (const line of error.rawMessage.split('\n'))
              expect(line).toMatch(new RegExp(`^${kind.file.replace('.', '\\.')}(:\\d+:\\d+)?: `));
          }
          // A bound, not a benchmark: a 10 MB string parses in well under a second; a hang would not end.
          expect(performance.now() - began).toBeLessThan(15_000);
        },
      ),
      { seed: 15, numRuns: 500 },
    );
    // The fuzzing reached both outcomes: it is not only testing the YAML parser's refusals.
    expect(refused).toBeGreaterThan(50);
    expect(accepted).toBeGreaterThan(0);
  }, 300_000);

  it.each(kinds.map((k) => [k.kind, k] as const))(
    'refuses a YAML alias bomb in a %s as config-invalid, naming the file',
    (_, kind) => {
      const began = performance.now();
      let caught: unknown;
      try {
        kind.parse(`${aliasBomb}${kind.base}`);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(PlugfestError);
      expect((caught as PlugfestError).code).toBe('config-invalid');
      expect((caught as PlugfestError).rawMessage).toMatch(
        new RegExp(`^${kind.file.replace('.', '\\.')}:\\d+:\\d+: `),
      );
      expect(performance.now() - began).toBeLessThan(15_000);
    },
  );

  it.each(kinds.map((k) => [k.kind, k] as const))(
    'refuses a %s with a 10 MB string at once, saying the size',
    (_, kind) => {
      const text = `${kind.base}\nnote: "${'x'.repeat(10 * 1024 * 1024)}"\n`;
      expect(() => kind.parse(text)).toThrow(
        new RegExp(
          `^\\[config-invalid\\] ${kind.file.replace('.', '\\.')}:1:1: .*10\\.0 MiB; a config may be at most 1 MiB$`,
        ),
      );
    },
  );
});
