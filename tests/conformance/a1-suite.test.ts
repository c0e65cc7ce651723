import { beforeAll, describe, expect, it } from 'vitest';
import { a1PolicyChangesBehaviour } from '../../conformance/a1/behaviour.js';
import { a1Cases } from '../../conformance/a1/cases.js';
import { a1SchemaInvalidPolicy } from '../../conformance/a1/policies.js';
import { type CaseResult, executeCase, type Network, oran } from '../../src/conformance/index.js';
import { runCases } from '../support/suites.js';

const rics = ['sagebrush', 'stillwater'] as const;
/** Cases every near-RT RIC takes: types, policies, the status of a policy no xApp knows. */
const everyRic = ['A1-TYPE-001', 'A1-TYPE-002', 'A1-POL-001', 'A1-POL-002', 'A1-POL-003', 'A1-STAT-002'];
/** Cases on the slice PRB quota type (21000), which only a RIC with a closed loop declares. */
const quotaType = ['A1-STAT-001', 'A1-BEH-001', 'A1-BEH-002'];

const results = new Map<string, CaseResult>();
const result = (id: string, ric: string): CaseResult => {
  const found = results.get(`${id}@near-rt-ric=${ric}`);
  if (!found) throw new Error(`no result ${id}@${ric}; have ${[...results.keys()].join(', ')}`);
  return found;
};

beforeAll(async () => {
  const run = await runCases(a1Cases, { 'near-rt-ric': [...rics] }, { workers: 2 });
  for (const r of run.results) results.set(r.key, r);
}, 240_000);

describe('the A1 suite, the harness as SMO', () => {
  it('runs every case on both built-in RICs', () => {
    expect([...results.keys()].sort()).toEqual(
      a1Cases.flatMap((c) => rics.map((ric) => `${c.id}@near-rt-ric=${ric}`)).sort(),
    );
  });

  describe.each(rics)('against %s', (ric) => {
    it.each(everyRic)('passes %s', (id) => {
      const r = result(id, ric);
      expect(r.diagnostics).toEqual([]);
      expect(r.verdict).toBe('pass');
    });

    it('notifies the status of a policy created with a notification destination', () => {
      expect(result('A1-STAT-002', ric).measurements.notifications).toBeGreaterThanOrEqual(1);
    });

    it('lets a deleted policy vanish within the 5 s the case allows', () => {
      expect(result('A1-POL-003', ric).measurements.goneAfterMs).toBeLessThan(5000);
    });
  });

  it.each(['A1-STAT-001', 'A1-BEH-001'])('passes %s on sagebrush, which owns policy type 21000', (id) => {
    const r = result(id, 'sagebrush');
    expect(r.diagnostics).toEqual([]);
    expect(r.verdict).toBe('pass');
  });

  it('sees the policy in the RIC control and the KPM figures on sagebrush', () => {
    const { measurements } = result('A1-BEH-001', 'sagebrush');
    expect(measurements.policyToControlMs).toBeLessThan(10_000);
    expect(measurements.prbUsedDlAfter).toBeLessThanOrEqual(30);
  });

  it("withdraws a deleted policy's quota on sagebrush: a control with the quota now in force comes at once", () => {
    const r = result('A1-BEH-002', 'sagebrush');
    expect(r.diagnostics).toEqual([]);
    expect(r.verdict).toBe('pass');
  });

  it.each(quotaType)('grades %s unsupported on stillwater, which declares no policy type 21000', (id) => {
    expect(result(id, 'stillwater')).toMatchObject({
      verdict: 'unsupported',
      diagnostics: [{ message: 'stillwater declares no A1 policy type 21000' }],
    });
  });

  it('fails the behaviour case, naming the refusal, when a RIC without the type is made to take it', async () => {
    const forced = { ...a1PolicyChangesBehaviour, requires: undefined };
    const run = await runCases([forced], { 'near-rt-ric': ['stillwater'] });
    const [r] = run.results;
    expect(r?.verdict).toBe('fail');
    expect(r?.diagnostics[0]).toMatchObject({
      message: 'creating the quota policy refused',
      observed: expect.stringContaining('POLICY_TYPE_NOT_FOUND'),
      code: 'wrongly-refused',
      link: 'smo>ric-1/a1',
    });
  }, 60_000);

  it('fails the schema case against a RIC that stores any policy object, quoting what it answered', async () => {
    const execution = await executeCase(
      a1SchemaInvalidPolicy,
      acceptingRic(),
      { 'near-rt-ric': 'accepts-anything' },
      new AbortController().signal,
    );
    expect(execution.verdict).toBe('fail');
    expect(execution.diagnostics).toEqual([
      {
        message: 'policy {"target":140} was not refused with POLICY_OBJECT_INVALID',
        expected: 'A1Failure POLICY_OBJECT_INVALID (400)',
        observed: 'CreatePolicyResponse',
        link: 'smo>ric-1/a1',
        code: 'not-refused',
        trace: { at: [expect.any(Number)] },
      },
    ]);
  });
});

/**
 * A near-RT RIC's A1 as the case sees it (`net.a1(ric)`), answering every operation with success
 * and storing nothing: no schema validation at all. Only `a1` is there; the schema case needs no more.
 * Its answers are the generated message classes, as a real link decodes them.
 */
function acceptingRic(): Network {
  const {
    A1Failure,
    CreatePolicyResponse,
    CreatePolicyTypeResponse,
    DeletePolicyTypeResponse,
    ListPoliciesResponse,
  } = oran.a1.v1;
  const answers: Record<string, { type: string; message: object }> = {
    'oran.a1.v1.ListPoliciesRequest': {
      type: 'oran.a1.v1.ListPoliciesResponse',
      message: ListPoliciesResponse.create({ policyIds: [] }),
    },
    'oran.a1.v1.DeletePolicyTypeRequest': {
      type: 'oran.a1.v1.DeletePolicyTypeResponse',
      message: DeletePolicyTypeResponse.create(),
    },
    'oran.a1.v1.CreatePolicyTypeRequest': {
      type: 'oran.a1.v1.CreatePolicyTypeResponse',
      message: CreatePolicyTypeResponse.create({ result: 1 }),
    },
    'oran.a1.v1.CreatePolicyRequest': {
      type: 'oran.a1.v1.CreatePolicyResponse',
      message: CreatePolicyResponse.create({ result: 1 }),
    },
  };
  const link = {
    request: async (type: string) =>
      answers[type] ?? { type: 'oran.a1.v1.A1Failure', message: A1Failure.create() },
  };
  return { a1: async () => link } as unknown as Network;
}
