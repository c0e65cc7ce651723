import { execFileSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { faultCases } from '../../conformance/faults/cases.js';
import type { CaseResult } from '../../src/conformance/index.js';
import { runCases, type SuiteRun } from '../support/suites.js';

const combination = '@o-du=cellwright,near-rt-ric=sagebrush';
let run: SuiteRun;
/** Vendor processes this test process had before the run (its own children, by command line). */
let before: string[];

/** Vendor processes still alive: children anywhere below this test process that run a vendor. */
function vendorProcesses(): string[] {
  const out = execFileSync('ps', ['-eo', 'pid=,ppid=,args='], { encoding: 'utf8' });
  const rows = out
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .map(([pid, ppid, ...args]) => ({ pid: Number(pid), ppid: Number(ppid), args: args.join(' ') }));
  const mine = new Set([process.pid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const row of rows) {
      if (!mine.has(row.pid) && mine.has(row.ppid)) {
        mine.add(row.pid);
        grew = true;
      }
    }
  }
  return rows
    .filter((r) => mine.has(r.pid) && /vendors\/\w+\/main/.test(r.args))
    .map((r) => `${r.pid} ${r.args}`);
}

/** The result of `id` (a starved job was run once more by runCases: see starvation there). */
function graded(id: string): CaseResult {
  return run.get(`${id}${combination}`);
}

beforeAll(async () => {
  before = vendorProcesses();
  run = await runCases(faultCases, { 'o-du': ['cellwright'], 'near-rt-ric': ['sagebrush'] }, { workers: 2 });
}, 300_000);

describe('the fault containment suite on cellwright x sagebrush', () => {
  it.for(faultCases.map((c) => c.id))('passes %s, with its detection and recovery measured', (id) => {
    const r = graded(id);
    expect(r.diagnostics).toEqual([]);
    expect(r.verdict).toBe('pass');
    expect(r.measurements.blastRadius).toBe(0);
    // A flood ends when the node stops sending: there is nothing to recover from.
    // CU-plane flows every few ms: the first frame after a fault's end can be in the same ms.
    if (id !== 'FC-E2-003') expect(r.measurements.recoveryMs).toBeGreaterThanOrEqual(0);
  });

  it("keeps the healthy node's round trip through the RIC while another node floods it", () => {
    const { measurements } = graded('FC-E2-003');
    expect(measurements.floodSent).toBeGreaterThan(600);
    expect(measurements.heartbeatRttP90DuringMs).toBeLessThanOrEqual(
      measurements.heartbeatRttP90BeforeMs! + 1000,
    );
  });

  it.for(['FC-ORU-001', 'FC-ORU-002', 'FC-ODU-001', 'FC-E2-001', 'FC-RIC-001'])(
    'measures detection of %s, a fault the suite expects noticed',
    (id) => {
      expect(graded(id).measurements.detectionMs, id).toBeGreaterThanOrEqual(0);
    },
  );

  it('sees the frozen O-RU through supervision: not before the guard', () => {
    expect(graded('FC-ORU-002').measurements.detectionMs).toBeGreaterThanOrEqual(1000);
  });

  it('gets Error Indications for the malformed frames', () => {
    const { measurements } = graded('FC-E2-002');
    expect(measurements.malformedSent).toBeGreaterThan(0);
    expect(measurements.errorIndications).toBeGreaterThan(0);
  });

  it('leaves no vendor process behind, kills and freezes included', () => {
    expect(vendorProcesses()).toEqual(before);
  });
});
