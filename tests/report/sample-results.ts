/**
 * A small plugfest in results: every verdict, three interfaces (E2 O-DU x RIC, M-plane O-RU x
 * O-DU, A1 against the harness), and the trace of the failing E2 Setup.
 */
import type { CaseResult, Diagnostic, Verdict } from '../../src/conformance/index.js';
import type { TraceRecordLike } from '../../src/report/index.js';

export const t0 = Date.UTC(2025, 5, 2, 9, 30, 0);

interface Sample {
  caseId: string;
  title: string;
  suite: string;
  interface: CaseResult['interface'];
  combination: CaseResult['combination'];
  verdict: Verdict;
  diagnostics?: Diagnostic[];
  durationMs?: number;
  retry?: number;
  measurements?: Record<string, number>;
  traceFile?: string;
}

let clock = t0;

export function result(sample: Sample): CaseResult {
  const combination = Object.entries(sample.combination)
    .map(([role, vendor]) => `${role}=${vendor}`)
    .join(',');
  const durationMs = sample.durationMs ?? 120;
  const startedAt = clock;
  clock += durationMs + 5;
  return {
    key: `${sample.caseId}@${combination}`,
    caseId: sample.caseId,
    title: sample.title,
    suite: sample.suite,
    interface: sample.interface,
    spec: sample.interface === 'e2' ? 'O-RAN.WG3.E2AP 8.3.1' : 'O-RAN.WG4.MP 6.2',
    expectation: 'the procedure completes as the specification says',
    combination: sample.combination,
    verdict: sample.verdict,
    diagnostics: sample.diagnostics ?? [],
    startedAt,
    durationMs,
    retry: sample.retry ?? 0,
    measurements: sample.measurements ?? {},
    ...(sample.traceFile ? { traceFile: sample.traceFile } : {}),
  };
}

const e2 = (du: string, ric: string) => ({ 'o-du': du, 'near-rt-ric': ric });
const setup = { caseId: 'E2-SETUP-001', title: 'E2 Setup succeeds', suite: 'e2', interface: 'e2' as const };
const subscription = {
  caseId: 'E2-SUB-002',
  title: 'RIC Subscription for a KPM REPORT',
  suite: 'e2',
  interface: 'e2' as const,
};
const supervision = {
  caseId: 'OFH-M-SUP-002',
  title: 'Supervision notifications keep the M-plane up',
  suite: 'fronthaul',
  interface: 'ofh-m' as const,
};
const policy = {
  caseId: 'A1-POL-001',
  title: 'Policy | create & query',
  suite: 'a1',
  interface: 'a1' as const,
};

/** A hostile message: markup, a script end tag, XML specials, a control character, a pipe. */
export const hostileMessage = 'policy "qos<5>" & </script><script>window.__xss=1</script> | \u0007bell';

export function sampleResults(): CaseResult[] {
  clock = t0;
  return [
    result({ ...setup, combination: e2('cellwright', 'sagebrush'), verdict: 'pass' }),
    result({
      ...setup,
      combination: e2('cellwright', 'stillwater'),
      verdict: 'fail',
      durationMs: 1500,
      diagnostics: [
        {
          message: 'E2 Setup Response missing',
          expected: 'E2SetupResponse within 1000 ms',
          observed: 'E2SetupFailure (ricService: ran-function-id-invalid)',
          link: 'du-1>ric-1/e2',
          code: 'ran-function-id-invalid',
          trace: { file: 'runs/a/trace.jsonl', at: [t0 + 200, t0 + 230] },
        },
      ],
    }),
    result({ ...setup, combination: e2('baseloom', 'sagebrush'), verdict: 'pass' }),
    result({ ...setup, combination: e2('baseloom', 'stillwater'), verdict: 'pass' }),
    result({
      ...subscription,
      combination: e2('cellwright', 'sagebrush'),
      verdict: 'non-strict',
      measurements: { lateMs: 40 },
      diagnostics: [{ message: 'indication 40 ms late', expected: '<= 10 ms', observed: '40 ms' }],
    }),
    result({ ...subscription, combination: e2('cellwright', 'stillwater'), verdict: 'pass', retry: 1 }),
    result({
      ...subscription,
      combination: e2('baseloom', 'sagebrush'),
      verdict: 'unsupported',
      durationMs: 0,
      diagnostics: [{ message: 'baseloom does not offer E2SM-KPM' }],
    }),
    result({
      ...subscription,
      combination: e2('baseloom', 'stillwater'),
      verdict: 'known-failing',
      diagnostics: [{ message: 'subscription refused: excessive-actions', code: 'excessive-actions' }],
    }),
    result({ ...supervision, combination: { 'o-ru': 'korimo', 'o-du': 'cellwright' }, verdict: 'pass' }),
    result({
      ...supervision,
      combination: { 'o-ru': 'quibble', 'o-du': 'cellwright' },
      verdict: 'incompatible',
      diagnostics: [{ message: 'no common compression: O-RU offers BFP 8/9, O-DU wants BFP 14' }],
    }),
    result({
      ...supervision,
      combination: { 'o-ru': 'korimo', 'o-du': 'baseloom' },
      verdict: 'error',
      diagnostics: [
        {
          message: 'the topology did not come up: du-1 (vendor baseloom) exited during start-up (code 3)',
          code: 'vendor-exited',
        },
      ],
    }),
    result({ ...policy, combination: { 'near-rt-ric': 'sagebrush' }, verdict: 'pass' }),
    result({
      ...policy,
      combination: { 'near-rt-ric': 'stillwater' },
      verdict: 'fail',
      diagnostics: [{ message: hostileMessage, expected: 'a <PolicyStatus>', code: 'a1-policy-invalid' }],
    }),
  ];
}

/** The trace of E2-SETUP-001 on cellwright x stillwater, by result key. */
export function sampleTraces(results: readonly CaseResult[]): Map<string, TraceRecordLike[]> {
  const failing = results.find((r) => r.key === 'E2-SETUP-001@o-du=cellwright,near-rt-ric=stillwater')!;
  const at = failing.startedAt;
  const link = 'du-1>ric-1/e2';
  const c2s = { kind: 'frame' as const, link, dir: 'client-to-server', from: 'du-1', to: 'ric-1' };
  const s2c = { kind: 'frame' as const, link, dir: 'server-to-client', from: 'ric-1', to: 'du-1' };
  return new Map([
    [
      failing.key,
      [
        { kind: 'connection', t: at + 2, link, event: 'open' },
        {
          ...c2s,
          t: at + 10,
          type: 'oran.e2.v1.E2SetupRequest',
          pdu: 'initiating',
          tx: 1,
          size: 212,
          fields: {
            globalE2NodeId: { plmnId: '00101', gnbId: 411 },
            ranFunctionsAdded: [{ ranFunctionId: 2, ranFunctionOid: '1.3.6.1.4.1.53148.1.2.2.2' }],
          },
        },
        {
          ...s2c,
          t: at + 31,
          type: 'oran.e2.v1.E2SetupFailure',
          pdu: 'unsuccessful',
          tx: 1,
          size: 64,
          fields: { cause: { ricService: 'ran-function-id-invalid' }, timeToWait: 'v10s' },
        },
        {
          ...c2s,
          t: at + 40,
          size: 17,
          error: { code: 'frame-undecodable', message: 'envelope: invalid wire type 7 at offset 3' },
          raw: 'CAESBAgBEAEaBw==',
        },
        {
          ...c2s,
          t: at + 55,
          type: 'oran.e2.v1.E2SetupRequest',
          pdu: 'initiating',
          tx: 2,
          size: 212,
          fault: 'drop',
          fields: { globalE2NodeId: { plmnId: '00101', gnbId: 411 } },
        },
        {
          kind: 'connection',
          t: at + 1400,
          link,
          event: 'close',
          code: 1000,
          reason: 'case over',
          by: 'client',
        },
      ],
    ],
  ]);
}
