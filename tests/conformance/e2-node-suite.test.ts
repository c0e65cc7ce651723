/**
 * The E2 node suite (conformance/e2/node-cases.ts) on real processes: each built-in O-DU against
 * the harness playing the near-RT RIC, and the mini-du test fixture (E2 Setup only, no RIC
 * services) to show the cases fail a node that does not serve the RIC.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { e2NodeCases } from '../../conformance/e2/node-cases.js';
import { type CaseResult, isDiagnosticCode } from '../../src/conformance/index.js';
import { loadVendorCatalog } from '../../src/topology/index.js';
import { fixtureVendors } from '../support/processes.js';
import { runCases, type SuiteRun } from '../support/suites.js';
import { repoRoot } from '../support/topologies.js';

const conforming = ['cellwright', 'baseloom'] as const;
const rcCases = ['E2-CTRL-010', 'E2-CTRL-011'];

let built: SuiteRun;
let broken: SuiteRun;
let wallMs = 0;

// The cases that leave the node as they found it share a network per O-DU; the reset, the
// refused setup, the applied control and the version skew each get one of their own.
beforeAll(async () => {
  const started = Date.now();
  const catalog = loadVendorCatalog([join(repoRoot, 'vendors'), fixtureVendors]);
  [built, broken] = await Promise.all([
    runCases(e2NodeCases, { 'o-du': [...conforming] }),
    runCases(e2NodeCases, { 'o-du': ['mini-du'] }, { catalog }),
  ]);
  wallMs = Date.now() - started;
}, 360_000);

const summary = (r: CaseResult) =>
  `${r.key}: ${r.verdict} ${r.diagnostics.map((d) => `${d.message} [${d.code ?? ''}] ${d.observed ?? ''}`).join(' | ')}`;

describe('the E2 node suite against the built-in O-DUs', () => {
  it('runs every case on every O-DU', () => {
    expect(built.results).toHaveLength(e2NodeCases.length * conforming.length);
    console.info(`e2 node suite wall time ${wallMs} ms`);
  });

  for (const du of conforming) {
    for (const definition of e2NodeCases.filter((c) => !rcCases.includes(c.id) || du === 'cellwright')) {
      it(`${definition.id} passes on ${du}`, () => {
        const result = built.get(`${definition.id}@o-du=${du}`);
        expect(result.verdict, summary(result)).toBe('pass');
      });
    }
  }

  it('grades RIC Control unsupported on baseloom, which declares no E2SM-RC', () => {
    for (const id of rcCases) {
      const result = built.get(`${id}@o-du=baseloom`);
      expect(result.verdict, summary(result)).toBe('unsupported');
      expect(result.diagnostics[0]?.message).toMatch(/baseloom declares no E2SM-RC/);
    }
  });

  it('gives every failing diagnostic a code of the closed set', () => {
    const graded = [...built.results, ...broken.results].filter(
      (r) => r.verdict === 'fail' || r.verdict === 'non-strict',
    );
    const codes = graded.flatMap((r) => r.diagnostics.map((d) => d.code ?? ''));
    expect(codes.filter((code) => !isDiagnosticCode(code))).toEqual([]);
  });

  it('measures the KPM reporting period near the subscribed 200 ms', () => {
    for (const du of conforming) {
      const { measurements } = built.get(`E2-SUB-010@o-du=${du}`);
      expect(measurements.meanIntervalMs).toBeGreaterThan(100);
      expect(measurements.meanIntervalMs).toBeLessThan(300);
    }
  });
});

describe('the E2 node suite against a node that only sets up (mini-du)', () => {
  const get = (id: string) => broken.get(`${id}@o-du=mini-du`);

  it('fails E2 Setup acceptance when the set-up node does not answer a subscription', () => {
    const result = get('E2-SETUP-010');
    expect(result.verdict, summary(result)).toBe('fail');
    expect(result.diagnostics[0]).toMatchObject({
      message: 'RIC Subscription after E2 Setup unanswered',
      code: 'request-timeout',
      link: 'du-1>ric-1/e2',
    });
  });

  it('is non-strict on a node that never tries E2 Setup again after a refusal', () => {
    const result = get('E2-SETUP-011');
    expect(result.verdict, summary(result)).toBe('non-strict');
    expect(result.diagnostics[0]?.message).toMatch(/never tried E2 Setup again/);
  });

  for (const id of [
    'E2-SUB-010',
    'E2-SUB-011',
    'E2-SUB-012',
    'E2-SUB-013',
    'E2-SUB-014',
    'E2-SUB-015',
    'E2-RESET-010',
  ]) {
    it(`fails ${id}: the subscription or reset goes unanswered`, () => {
      const result = get(id);
      expect(result.verdict, summary(result)).toBe('fail');
      expect(result.diagnostics[0]?.code).toBe('request-timeout');
    });
  }

  it('fails the malformed-PDU case: the later request on the link goes unanswered', () => {
    const result = get('E2-ERR-010');
    expect(result.verdict, summary(result)).toBe('fail');
    expect(result.diagnostics[0]).toMatchObject({
      message: 'a RIC Subscription Delete after the malformed PDU unanswered',
      code: 'request-timeout',
    });
  });

  it('fails RIC Service Query when no RIC Service Update follows', () => {
    const result = get('E2-SVC-010');
    expect(result.verdict, summary(result)).toBe('fail');
    expect(result.diagnostics[0]?.message).toBe('RIC Service Query not followed by RIC Service Update');
  });

  it('grades RIC Control unsupported (mini-du declares KPM only)', () => {
    for (const id of rcCases) expect(get(id).verdict).toBe('unsupported');
  });

  it('passes the version mismatch: the refusal is the SDK link layer, which mini-du shares', () => {
    const result = get('E2-VER-010');
    expect(result.verdict, summary(result)).toBe('pass');
  });
});
