import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFaultSchedule } from '../../src/faults/schedule.js';
import { parseTopology } from '../../src/topology/index.js';
import { PlugfestError } from '../../src/wire/index.js';
import { builtInVendors } from '../support/suites.js';
import { repoRoot } from '../support/topologies.js';

const topologyFile = join(repoRoot, 'topologies', 'default.yaml');
const topology = parseTopology(readFileSync(topologyFile, 'utf8'), topologyFile, builtInVendors());

function problems(yaml: string): string[] {
  try {
    parseFaultSchedule(yaml, 'faults.yaml', topology);
  } catch (error) {
    return PlugfestError.from(error).rawMessage.split('\n');
  }
  return [];
}

describe('a fault schedule with mistakes', () => {
  it('names the field the entry got wrong, for the kind of entry it is (link or process fault), not "Invalid input"', () => {
    expect(
      problems(`faults:
  - { at: 0, link: du-1>ric-1/e2, fault: { type: blackhol } }
  - { at: 0, link: du-1>ric-1/e2, fault: { type: latency } }
  - { at: 10, instance: ru-1, action: explode }
  - { at: 10, instance: ru-1 }
`),
    ).toEqual([
      'faults.yaml:2:50: faults[0].fault.type: must be one of "latency", "bandwidth", "drop", "duplicate", "reorder", "corrupt", "truncate", "slice", "blackhole", "replay", "reset", "slow-close", "limit-data"',
      'faults.yaml:3:42: faults[1].fault.ms: is required (number)',
      'faults.yaml:4:39: faults[2].action: must be one of "kill", "freeze", "restart", "crash-loop"',
      'faults.yaml:5:5: faults[3].action: is required (one of "kill", "freeze", "restart", "crash-loop")',
    ]);
  });

  it('names links and instances the topology does not have', () => {
    expect(problems('faults:\n  - { at: 0, instance: ru-9, action: kill }\n')).toEqual([
      'faults.yaml:2:24: faults[0].instance: no instance ru-9 in default; instances: ric-1, du-1, ru-1, ru-2',
    ]);
  });
});
