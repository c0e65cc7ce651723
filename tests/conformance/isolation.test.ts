/**
 * Network reuse (issue 11): shared jobs of one topology and combination run on one network;
 * a job that mutates its network (fresh, the default) never shares one; and a shared network
 * found unhealthy between jobs is restarted before the next, whose result says so. On real
 * vendor processes.
 */
import { describe, expect, it } from 'vitest';
import {
  type CaseDefinition,
  defineSuite,
  defineTopology,
  expandMatrix,
  type Network,
  networkEnvironment,
  runMatrix,
} from '../../src/conformance/index.js';
import { quietLogger } from '../support/logger.js';
import { builtInVendors } from '../support/suites.js';
import { repoRoot, tempRunDir } from '../support/topologies.js';

const topology = defineTopology({
  name: 'isolation',
  instances: { 'ric-1': { role: 'near-rt-ric', vendor: (c) => c['near-rt-ric'] ?? 'sagebrush' } },
  links: [{ interface: 'a1', from: 'smo', to: 'ric-1' }],
});
const testCase = defineSuite({
  suite: 'isolation',
  interface: 'a1',
  mode: 'conformance',
  roles: ['near-rt-ric'],
  topology,
});
const base = { spec: 'plugfest runner', expectation: 'as the test says' };

/** What each case saw of its network, by case id. */
const seen = new Map<
  string,
  { network: Network; incarnation: number; state: string; faults: number; readyLogged: number }
>();
const look = (id: string, net: Network) =>
  seen.set(id, {
    network: net,
    incarnation: net.instance('ric-1').incarnation,
    state: net.instance('ric-1').state,
    faults: net.processes.events.length,
    readyLogged: net.instance('ric-1').logs.all((r) => r.msg === 'vendor ready').length,
  });

const mutates: CaseDefinition<Network> = testCase({
  ...base,
  id: 'ISO-FRESH-001',
  title: 'kills the RIC and restarts it (a fault: fresh by default)',
  async run(ctx) {
    look('ISO-FRESH-001', ctx.fixture);
    await ctx.fixture.processes.restart('ric-1');
  },
});
const observes = (n: number): CaseDefinition<Network> =>
  testCase({
    ...base,
    id: `ISO-SHARED-00${n}`,
    title: 'only looks',
    isolation: 'shared',
    async run(ctx) {
      // The log is kept from the process's first line: 'vendor ready' is logged at start-up.
      await ctx.fixture.instance('ric-1').logs.next((r) => r.msg === 'vendor ready', 5000);
      look(`ISO-SHARED-00${n}`, ctx.fixture);
      await ctx.fixture.a1('ric-1');
    },
  });
const breaks: CaseDefinition<Network> = testCase({
  ...base,
  id: 'ISO-BREAK-001',
  title: 'says it is shared, yet kills the RIC',
  isolation: 'shared',
  async run(ctx) {
    look('ISO-BREAK-001', ctx.fixture);
    await ctx.fixture.processes.kill('ric-1');
  },
});

async function run(cases: CaseDefinition<Network>[]) {
  const catalog = builtInVendors();
  seen.clear();
  return runMatrix({
    jobs: expandMatrix(cases, { 'near-rt-ric': ['sagebrush'] }),
    environment: networkEnvironment({
      catalog,
      root: repoRoot,
      outputDir: tempRunDir(),
      logger: quietLogger(),
    }),
    reporter: {},
    vendors: (id) => catalog.get(id),
  });
}

describe('network reuse', () => {
  it('never shares a network with a fresh case: the shared case after it sees a clean one', async () => {
    const { results } = await run([mutates, observes(1), observes(2)]);
    expect(results.map((r) => `${r.caseId} ${r.verdict} ${r.network?.isolation}`)).toEqual([
      'ISO-FRESH-001 pass fresh',
      'ISO-SHARED-001 pass shared',
      'ISO-SHARED-002 pass shared',
    ]);
    const fresh = seen.get('ISO-FRESH-001')!;
    const first = seen.get('ISO-SHARED-001')!;
    const second = seen.get('ISO-SHARED-002')!;
    // The fresh case restarted its RIC; the shared ones are on another network, untouched.
    expect(fresh.network.processes.events.map((e) => e.action)).toEqual(['restart', 'started']);
    expect(first.network).not.toBe(fresh.network);
    expect(first).toMatchObject({ incarnation: 1, state: 'running', faults: 0, readyLogged: 1 });
    // The two shared jobs ran on one network, brought up once.
    expect(second.network).toBe(first.network);
    expect(results[1]!.setupMs).toBeGreaterThan(0);
    expect(results[2]!.setupMs).toBe(0);
    expect(results[1]!.teardownMs).toBe(0);
    expect(results[2]!.teardownMs).toBeGreaterThan(0);
  }, 60_000);

  it('restarts a shared network found unhealthy before the next job, and the job says why', async () => {
    const { results } = await run([breaks, observes(3)]);
    expect(results.map((r) => `${r.caseId} ${r.verdict}`)).toEqual([
      'ISO-BREAK-001 pass',
      'ISO-SHARED-003 pass',
    ]);
    const broken = seen.get('ISO-BREAK-001')!;
    const after = seen.get('ISO-SHARED-003')!;
    expect(after.network).not.toBe(broken.network);
    expect(after).toMatchObject({ incarnation: 1, state: 'running' });
    expect(results[1]!.network).toEqual({ isolation: 'shared', restarted: 'ric-1 (sagebrush) exited' });
    expect(results[1]!.setupMs).toBeGreaterThan(0);
    expect(results[0]!.network).toEqual({ isolation: 'shared' });
  }, 60_000);
});
