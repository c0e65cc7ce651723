import { execFileSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  swapIncompatibleORu,
  swapODu,
  swapORu,
  swapRic,
  swapUntrustedORu,
} from '../../conformance/swap/cases.js';
import type { CaseResult } from '../../src/conformance/index.js';
import { runCases, type SuiteRun } from '../support/suites.js';

/** Vendor processes still alive: children anywhere below this test process that run a vendor. */
function vendorProcesses(): string[] {
  const rows = execFileSync('ps', ['-eo', 'pid=,ppid=,args='], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .map(([pid, ppid, ...args]) => ({ pid: Number(pid), ppid: Number(ppid), args: args.join(' ') }));
  const mine = new Set([process.pid]);
  for (let grew = true; grew; ) {
    const children = rows.filter((r) => !mine.has(r.pid) && mine.has(r.ppid));
    for (const row of children) mine.add(row.pid);
    grew = children.length > 0;
  }
  return rows
    .filter((r) => mine.has(r.pid) && /vendors\/\w+\/main/.test(r.args))
    .map((r) => `${r.pid} ${r.args}`);
}

/** Vendor processes this test process had before the runs. */
let before: string[];
let fronthaul: SuiteRun;
let e2: SuiteRun;
let untrusted: SuiteRun;

beforeAll(async () => {
  before = vendorProcesses();
  // korimo (<= 40 MHz, BFP 8/9) suits cellwright (40 MHz, BFP 9) and not baseloom (100 MHz,
  // BFP 14/16); ruvello suits both. The O-DU and RIC cases start from the other built-in vendor:
  // cellwright <-> baseloom both ways, sagebrush -> stillwater (the default run of test-command
  // covers stillwater -> sagebrush). One topology at a time: a vendor process starting (tsx
  // compiling it) on a loaded 2-core machine can starve a neighbour past its 2 s supervision.
  fronthaul = await runCases(
    [swapORu, swapIncompatibleORu],
    { 'o-ru': ['korimo', 'ruvello'], 'o-du': ['cellwright', 'baseloom'] },
    { workers: 1 },
  );
  e2 = await runCases([swapODu, swapRic], {
    'o-du': ['cellwright', 'baseloom'],
    'near-rt-ric': ['stillwater'],
  });
  // The default run of test-command covers cellwright refusing the rogue O-RU; here baseloom.
  untrusted = await runCases([swapUntrustedORu], { 'o-ru': ['ruvello'], 'o-du': ['baseloom'] });
}, 720_000);

const result = (key: string): CaseResult =>
  (key.startsWith('SWAP-ODU') || key.startsWith('SWAP-RIC') ? e2 : fronthaul).get(key);

/** The result of `key` (a starved job was run once more by runCases: see starvation there). */
function graded(key: string, run?: SuiteRun): CaseResult {
  return run ? run.get(key) : result(key);
}

/** The result of `key`, which must pass with nothing outside the swapped instance disturbed. */
function passed(key: string): CaseResult {
  const r = graded(key);
  expect(r.diagnostics, key).toEqual([]);
  expect(r.verdict, key).toBe('pass');
  expect(r.measurements.blastRadius, key).toBe(0);
  // The peer noticed the old process go within link supervision (2 s) + 1 s tolerance.
  expect(r.measurements.detectionMs, key).toBeGreaterThanOrEqual(0);
  expect(r.measurements.detectionMs, key).toBeLessThanOrEqual(3000);
  expect(r.measurements.recoveryMs, key).toBeGreaterThan(0);
  expect(r.measurements.swapMs, key).toBeGreaterThan(r.measurements.recoveryMs!);
  return r;
}

describe('the hot-swap suite', () => {
  it('swaps ru-1 from ruvello to korimo under cellwright: capabilities once on the new connection, CU-plane back, ru-2 and E2 untouched', () => {
    const r = passed('SWAP-ORU-001@o-ru=korimo,o-du=cellwright');
    expect(r.measurements.capabilityRetrievals).toBe(1);
    expect(r.measurements.capabilitiesMs).toBeLessThan(r.measurements.carriersActiveMs!);
    expect(r.measurements.carriersActiveMs).toBeLessThanOrEqual(r.measurements.swapMs!);
    expect(r.measurements.e2IndicationsDuringSwap).toBeGreaterThan(0);
    expect((r.marks ?? []).map((m) => m.kind)).toEqual(
      expect.arrayContaining(['swap', 'detected', 'recovered']),
    );
  });

  it.for(['cellwright', 'baseloom'])('swaps ru-1 to a fresh ruvello under %s the same way', (du) => {
    expect(passed(`SWAP-ORU-001@o-ru=ruvello,o-du=${du}`).measurements.capabilityRetrievals).toBe(1);
  });

  it('reports a swap to an O-RU the O-DU cannot use as incompatible, naming both offers, the rest untouched', () => {
    const r = graded('SWAP-INC-001@o-ru=korimo,o-du=baseloom');
    expect(r.verdict).toBe('incompatible');
    const [diagnostic] = r.diagnostics;
    expect(diagnostic?.code).toMatch(/^incompatible: /);
    expect(diagnostic?.link).toBe('du-1>ru-1/ofh-m');
    expect(diagnostic?.expected).toMatch(/BFP 14/);
    expect(diagnostic?.observed).toMatch(/BFP 8\/9/);
    expect(r.measurements.blastRadius).toBe(0);
    expect(r.measurements.cuPlaneFramesAfterSwap).toBe(0);
    expect(r.measurements.detectionMs).toBeLessThanOrEqual(3000);
  });

  it('grades each O-RU swap case unsupported, with the reason, where the other one applies', () => {
    const oru = result('SWAP-ORU-001@o-ru=korimo,o-du=baseloom');
    expect(oru.verdict).toBe('unsupported');
    expect(oru.diagnostics[0]?.message).toMatch(/no common carrier profile .*SWAP-INC-001/);
    for (const key of [
      'SWAP-INC-001@o-ru=korimo,o-du=cellwright',
      'SWAP-INC-001@o-ru=ruvello,o-du=cellwright',
      'SWAP-INC-001@o-ru=ruvello,o-du=baseloom',
    ]) {
      expect(result(key).verdict, key).toBe('unsupported');
    }
  });

  it.for([
    ['cellwright', 'baseloom'],
    ['baseloom', 'cellwright'],
  ])(
    'swaps the O-DU from %s to %s under stillwater: E2 anew, one fresh subscription, old ones dropped, carriers back',
    ([, du]) => {
      const r = passed(`SWAP-ODU-001@o-du=${du},near-rt-ric=stillwater`);
      expect(r.measurements.subscriptionsAfter).toBe(1);
      expect(r.measurements.oldSubscriptionsDropped).toBe(r.measurements.subscriptionsBefore);
      expect(r.measurements['cuPlaneResumedMs ru-1']).toBeGreaterThan(0);
      expect(r.measurements['cuPlaneResumedMs ru-2']).toBeGreaterThan(0);
    },
  );

  it.for(['cellwright', 'baseloom'])(
    'swaps the RIC from sagebrush to stillwater under %s: the node re-attaches, subscribed once, fronthaul untouched',
    (du) => {
      const r = passed(`SWAP-RIC-001@o-du=${du},near-rt-ric=stillwater`);
      expect(r.measurements.subscriptionsAfter).toBe(1);
      // The old RIC deletes its subscription as it stops; whatever it leaves, the O-DU drops.
      expect(r.measurements.oldSubscriptionsDeleted! + r.measurements.oldSubscriptionsDropped!).toBe(
        r.measurements.subscriptionsBefore,
      );
      expect(r.measurements.subscriptionsBefore).toBe(1);
    },
  );

  it('refuses a swap to the untrusted rogue O-RU on certificate-chain, nothing through, the rest untouched', () => {
    const r = graded('SWAP-ATT-001@o-ru=ruvello,o-du=baseloom', untrusted);
    expect(r.diagnostics).toEqual([]);
    expect(r.verdict).toBe('pass');
    expect(r.measurements.blastRadius).toBe(0);
    expect(r.measurements.refusedMs).toBeGreaterThan(0);
    const detected = (r.marks ?? []).filter((m) => m.kind === 'detected').map((m) => m.label);
    expect(detected).toEqual([expect.stringMatching(/^du-1: certificate-chain: unknown root: .*rogue/)]);
  });

  it('leaves no vendor process behind: every process a case saw, swapped out or in, is gone', () => {
    // Every case that got past its swap saw the vendor swapped in start as a new incarnation.
    const swapped = [...fronthaul.results, ...e2.results, ...untrusted.results].filter((r) =>
      ['pass', 'incompatible'].includes(r.verdict),
    );
    expect(swapped.length).toBeGreaterThan(0);
    for (const r of swapped) {
      const incarnations = Object.entries(r.measurements).filter(([name]) => name.startsWith('incarnation '));
      expect(
        incarnations.map(([, n]) => n),
        r.key,
      ).toEqual([2]);
    }
    expect(vendorProcesses()).toEqual(before);
  });
});
