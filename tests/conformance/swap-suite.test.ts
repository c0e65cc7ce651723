import { beforeAll, describe, expect, it } from 'vitest';
import { swapCases } from '../../conformance/swap/cases.js';
import { runCases, type SuiteRun } from '../support/suites.js';

let run: SuiteRun;

beforeAll(async () => {
  // korimo (<= 40 MHz, BFP 8/9) suits cellwright and not baseloom (100 MHz, BFP 14/16).
  run = await runCases(
    swapCases,
    { 'o-ru': ['korimo'], 'o-du': ['cellwright', 'baseloom'], 'near-rt-ric': ['stillwater'] },
    { workers: 2 },
  );
}, 400_000);

const pass = (key: string) => {
  const r = run.get(key);
  expect(r.diagnostics, key).toEqual([]);
  expect(r.verdict).toBe('pass');
  expect(r.measurements.blastRadius).toBe(0);
  return r;
};

describe('the hot-swap suite', () => {
  it('swaps an O-RU to a vendor the O-DU can use: capabilities retrieved once, CU-plane back, ru-2 untouched', () => {
    const r = pass('SWAP-ORU-001@o-ru=korimo,o-du=cellwright');
    expect(r.measurements.capabilityRetrievals).toBe(1);
    expect(r.measurements.recoveryMs).toBeGreaterThan(0);
  });

  it('reports a swap to an O-RU the O-DU cannot use as incompatible, naming both offers, the rest untouched', () => {
    const r = run.get('SWAP-INC-001@o-ru=korimo,o-du=baseloom');
    expect(r.verdict).toBe('incompatible');
    expect(r.measurements.blastRadius).toBe(0);
    expect(r.diagnostics[0]?.expected).toMatch(/BFP 14/);
    expect(r.diagnostics[0]?.observed).toMatch(/BFP 8\/9/);
  });

  it('grades each O-RU swap case unsupported where the other one applies', () => {
    expect(run.get('SWAP-ORU-001@o-ru=korimo,o-du=baseloom').verdict).toBe('unsupported');
    expect(run.get('SWAP-INC-001@o-ru=korimo,o-du=cellwright').verdict).toBe('unsupported');
  });

  it.each(['cellwright', 'baseloom'])(
    'swaps the O-DU to %s: E2 anew, subscriptions one for one, carriers back',
    (du) => {
      const r = pass(`SWAP-ODU-001@o-du=${du},near-rt-ric=stillwater`);
      expect(r.measurements.subscriptionsAfter).toBe(r.measurements.subscriptionsBefore);
      expect(r.measurements.oldSubscriptionsDropped).toBe(r.measurements.subscriptionsBefore);
    },
  );

  it.each(['cellwright', 'baseloom'])(
    'swaps the RIC to stillwater under %s: the node re-attaches, fronthaul untouched',
    (du) => {
      pass(`SWAP-RIC-001@o-du=${du},near-rt-ric=stillwater`);
    },
  );
});
