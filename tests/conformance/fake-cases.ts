/** Fake cases with known verdicts, for the runner's own tests. */
import {
  type CaseContext,
  type CaseDefinition,
  defineCase,
  type Environment,
} from '../../src/conformance/index.js';

export interface FakeFixture {
  readonly combination: string;
  /** How many times each case ran on this fixture (for retries). */
  readonly runs: Map<string, number>;
}

const base = {
  suite: 'fake',
  spec: 'plugfest runner tests',
  expectation: 'the runner grades the case as its body says',
  interface: 'e2' as const,
  mode: 'conformance' as const,
  roles: ['o-du', 'near-rt-ric'] as const,
};

export const fakeCases: Record<string, CaseDefinition<FakeFixture>> = {
  pass: defineCase<FakeFixture>({
    ...base,
    id: 'FAKE-PASS-001',
    title: 'passes',
    run: async (ctx) => ctx.expect(true, { message: 'true is true', code: 'wrong-answer' }),
  }),
  fail: defineCase<FakeFixture>({
    ...base,
    id: 'FAKE-FAIL-001',
    title: 'violates a MUST',
    run: async (ctx) =>
      ctx.expect(false, {
        message: 'E2 Setup Response missing',
        expected: 'E2SetupResponse',
        observed: 'nothing',
        link: 'du-1>ric-1/e2',
        code: 'missing-frame',
      }),
  }),
  nonStrict: defineCase<FakeFixture>({
    ...base,
    id: 'FAKE-SHOULD-001',
    title: 'violates a SHOULD',
    run: async (ctx) => {
      ctx.should(false, {
        message: 'indication 40 ms late',
        expected: '<= 10 ms',
        observed: '40 ms',
        code: 'too-late',
      });
      ctx.measure('lateMs', 40);
    },
  }),
  incompatible: defineCase<FakeFixture>({
    ...base,
    id: 'FAKE-INCOMPAT-001',
    title: 'shares no profile',
    run: async (ctx) =>
      ctx.incompatible({ message: 'no common compression: O-RU offers BFP 8/9, O-DU wants BFP 14' }),
  }),
  unsupported: defineCase<FakeFixture>({
    ...base,
    id: 'FAKE-UNSUP-001',
    title: 'needs RC',
    requires: (c) => (c['o-du'] === 'kpm-only' ? 'kpm-only does not offer E2SM-RC' : undefined),
    run: async () => {},
  }),
  throws: defineCase<FakeFixture>({
    ...base,
    id: 'FAKE-THROW-001',
    title: 'throws',
    run: async () => {
      throw Object.assign(new Error('socket hang up'), { code: 'connect-failed' });
    },
  }),
  slow: defineCase<FakeFixture>({
    ...base,
    id: 'FAKE-SLOW-001',
    title: 'never ends',
    timeoutMs: 100,
    run: (ctx) => ctx.sleep(60_000),
  }),
  flaky: defineCase<FakeFixture>({
    ...base,
    id: 'FAKE-FLAKY-001',
    title: 'fails once, then passes',
    run: async (ctx: CaseContext<FakeFixture>) => {
      const runs = (ctx.fixture.runs.get('flaky') ?? 0) + 1;
      ctx.fixture.runs.set('flaky', runs);
      ctx.expect(runs > 1, { message: `attempt ${runs} fails`, code: 'wrong-answer' });
    },
  }),
};

export const fakeEnvironment: Environment<FakeFixture> = {
  async start(combination) {
    const fixture = { combination: Object.values(combination).join('+'), runs: new Map<string, number>() };
    return { fixture, stop: async () => {} };
  },
};
