import { beforeAll, describe, expect, it } from 'vitest';
import { e2eCases } from '../../conformance/e2e/cases.js';
import type { CaseResult } from '../../src/conformance/index.js';
import { runCases, type SuiteRun } from '../support/suites.js';

let run: SuiteRun;
beforeAll(async () => {
  run = await runCases(
    e2eCases,
    { 'o-ru': ['ruvello'], 'o-du': ['cellwright', 'baseloom'], 'near-rt-ric': ['sagebrush', 'stillwater'] },
    { workers: 2 },
  );
}, 240_000);

/** The result of `id` on `du` x `ric` (a starved job was run once more by runCases). */
function graded(id: string, du: string, ric: string): CaseResult {
  return run.get(key(id, du, ric));
}

const key = (id: string, du: string, ric: string) => `${id}@o-ru=ruvello,o-du=${du},near-rt-ric=${ric}`;
const everyPair = [
  ['cellwright', 'sagebrush'],
  ['cellwright', 'stillwater'],
  ['baseloom', 'sagebrush'],
  ['baseloom', 'stillwater'],
] as const;

describe('the end-to-end suite over one O-RU, two O-DUs and two RICs', () => {
  it('runs both cases on each of the four combinations', () => {
    expect(run.results).toHaveLength(8);
  });

  it.for(everyPair)('shows offered load in the KPM figures with %s and %s', ([du, ric]) => {
    const result = graded('E2E-LOAD-001', du, ric);
    expect(result.diagnostics, JSON.stringify(result.diagnostics)).toEqual([]);
    expect(result.verdict).toBe('pass');
    expect(result.measurements['idle.prbUsedDl']).toBeLessThanOrEqual(1);
    expect(result.measurements['idle.connMean']).toBe(0);
    expect(result.measurements['loaded.prbUsedDl']).toBeGreaterThanOrEqual(20);
    expect(result.measurements['loaded.ueThpDlKbps']).toBeGreaterThan(0);
    expect(result.measurements['loaded.connMean']).toBeCloseTo(8, 0);
  });

  it("shows sagebrush's quota on cellwright in KPM and on the fronthaul of both O-RU vendors", () => {
    const result = graded('E2E-LOOP-002', 'cellwright', 'sagebrush');
    expect(result.diagnostics, JSON.stringify(result.diagnostics)).toEqual([]);
    expect(result.verdict).toBe('pass');
    const quota = result.measurements.quotaPercent!;
    expect(result.measurements.prbUsedDlBefore).toBeGreaterThan(70);
    expect(result.measurements['ru-1.dlPrbSharePercent']).toBeLessThanOrEqual(quota + 5);
    expect(result.measurements['ru-2.dlPrbSharePercent']).toBeLessThanOrEqual(quota + 5);
    expect(result.measurements['ru-2.dlPrbSharePercent']).toBeGreaterThan(0);
    expect(result.measurements.prbUsedDlAfter).toBeLessThanOrEqual(quota + 5);
  });

  it('is unsupported, without running, wherever the O-DU or the RIC lacks E2SM-RC', () => {
    expect(run.get(key('E2E-LOOP-002', 'baseloom', 'sagebrush'))).toMatchObject({
      verdict: 'unsupported',
      diagnostics: [{ message: 'baseloom declares no E2SM-RC' }],
    });
    expect(run.get(key('E2E-LOOP-002', 'baseloom', 'stillwater')).verdict).toBe('unsupported');
    expect(run.get(key('E2E-LOOP-002', 'cellwright', 'stillwater'))).toMatchObject({
      verdict: 'unsupported',
      diagnostics: [{ message: 'stillwater declares no E2SM-RC control' }],
    });
  });
});
