import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { saveCaseTrace, type TraceMode } from '../../src/conformance/index.js';
import type { TraceRecord } from '../../src/relay/index.js';
import { tempRunDir } from '../support/topologies.js';

const records = [
  { kind: 'connection', t: 1000, link: 'du-1>ric-1/e2', event: 'open' },
  { kind: 'frame', t: 1500, link: 'du-1>ric-1/e2', type: 'oran.e2.v1.E2SetupRequest' },
  { kind: 'frame', t: 2500, link: 'du-1>ric-1/e2', type: 'oran.e2.v1.RicSubscriptionRequest' },
];

function save(mode: TraceMode, failed: boolean, since = 0) {
  return saveCaseTrace(mode, tempRunDir(), records as TraceRecord[], {
    caseId: 'E2-SUB-001',
    key: 'E2-SUB-001@x',
    since,
    failed,
  });
}

const lines = (file: string) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { t: number });

describe('trace modes', () => {
  it('on: every case keeps its part of the trace, from the end of the case before it', () => {
    const file = save('on', false, 1200);
    expect(file).toMatch(/traces\/E2-SUB-001\.jsonl$/);
    expect(lines(file!).map((r) => r.t)).toEqual([1500, 2500]);
  });

  it('retain-on-failure: a passing case keeps none, a failing one keeps its trace', () => {
    expect(save('retain-on-failure', false)).toBeUndefined();
    const file = save('retain-on-failure', true);
    expect(existsSync(file!)).toBe(true);
    expect(lines(file!)).toHaveLength(3);
  });

  it('off: no case keeps a trace, not even a failing one', () => {
    expect(save('off', true)).toBeUndefined();
  });
});
