import { beforeAll, describe, expect, it } from 'vitest';
import { e2RicCases } from '../../conformance/e2/ric-cases.js';
import type { CaseResult } from '../../src/conformance/index.js';
import { runCases } from '../support/suites.js';

const rics = ['sagebrush', 'stillwater'] as const;
const conformanceIds = [
  'E2-SETUP-030',
  'E2-SETUP-031',
  'E2-SETUP-032',
  'E2-SUB-030',
  'E2-SUB-031',
  'E2-SVC-030',
  'E2-ERR-030',
  'E2-RESET-030',
  'E2-VER-030',
];

/**
 * The orchestrator picks free ports, releases them, then the vendors bind them: another process
 * on the machine can take one in between (EADDRINUSE, `vendor-exited`). Such a job is run once
 * more, alone, so that the verdicts below are the vendors' and not the machine's.
 */
const portCollision = (r: CaseResult) =>
  r.verdict === 'error' && r.diagnostics.some((d) => /EADDRINUSE/.test(d.message));

const results = new Map<string, CaseResult>();
const result = (key: string): CaseResult => {
  const found = results.get(key);
  if (!found) throw new Error(`no result ${key}; have ${[...results.keys()].join(', ')}`);
  return found;
};

// Every case gets a network of its own: each leaves the RIC holding an E2 Setup and its subscriptions.
beforeAll(async () => {
  const first = await runCases(
    e2RicCases,
    { 'near-rt-ric': [...rics], 'o-du': ['cellwright'] },
    { workers: 2 },
  );
  for (const r of first.results) results.set(r.key, r);
  for (const r of first.results.filter(portCollision)) {
    const definition = e2RicCases.find((c) => c.id === r.caseId)!;
    const vendors = Object.fromEntries(Object.entries(r.combination).map(([role, id]) => [role, [id]]));
    const again = await runCases([definition], vendors);
    for (const retried of again.results) results.set(retried.key, retried);
  }
}, 360_000);

describe('the E2 suite, near-RT RIC side, in conformance mode', () => {
  it('runs every case over both RICs, and the restart case over cellwright with each', () => {
    expect([...results.keys()].sort()).toEqual(
      [
        ...conformanceIds.flatMap((id) => rics.map((ric) => `${id}@near-rt-ric=${ric}`)),
        ...rics.map((ric) => `E2-RESTART-030@o-du=cellwright,near-rt-ric=${ric}`),
      ].sort(),
    );
  });

  describe.each(rics)('against %s', (ric) => {
    const key = (id: string) => `${id}@near-rt-ric=${ric}`;

    it.each(conformanceIds)('passes %s', (id) => {
      const r = result(key(id));
      expect(r.diagnostics).toEqual([]);
      expect(r.verdict).toBe('pass');
    });

    it('answers a 512-function E2 Setup of 100+ KiB, every function accepted or rejected', () => {
      const { measurements } = result(key('E2-SETUP-032'));
      expect(measurements.requestBytes).toBeGreaterThan(100 * 1024);
      expect(measurements.accepted! + measurements.rejected!).toBe(512);
      // KPM and RC are known service models, the third in turn is not.
      expect(measurements.rejected).toBe(170);
    });

    it('subscribes with the reporting period the topology sets (200 ms)', () => {
      expect(result(key('E2-SUB-030')).measurements.reportingPeriodMs).toBe(200);
    });

    it('deletes the subscription the node names in RIC Subscription Delete Required, and subscribes again after a reset', () => {
      expect(result(key('E2-SUB-031')).measurements.deleteRequiredToDeleteMs).toBeLessThan(3000);
      expect(result(key('E2-RESET-030')).measurements.resetToSubscriptionMs).toBeLessThan(5000);
    });

    it('refuses a node offering only E2 2.0 in the handshake, again on its retry', () => {
      expect(result(key('E2-VER-030')).measurements.helloFailures).toBeGreaterThanOrEqual(1);
    });
  });

  it('a node without KPM: sagebrush accepts it, stillwater refuses it with a cause and v60s', () => {
    expect(result('E2-SETUP-031@near-rt-ric=sagebrush').measurements.timeToWait).toBeUndefined();
    // oran.e2.v1.TimeToWait.TIME_TO_WAIT_V60S, as OSC's e2mgr answers.
    expect(result('E2-SETUP-031@near-rt-ric=stillwater').measurements.timeToWait).toBe(6);
  });
});

describe('the E2 suite, interop: an O-DU restart', () => {
  it.each(rics)('rebuilds the E2 Setup, the subscription and the indications with %s', (ric) => {
    const r = result(`E2-RESTART-030@o-du=cellwright,near-rt-ric=${ric}`);
    expect(r.diagnostics).toEqual([]);
    expect(r.verdict).toBe('pass');
    const m = r.measurements;
    expect(m.restartToSetupMs).toBeLessThanOrEqual(m.restartToSubscriptionMs!);
    expect(m.restartToSubscriptionMs).toBeLessThanOrEqual(m.restartToFirstIndicationMs!);
  });
});
