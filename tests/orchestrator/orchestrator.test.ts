import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { type RunningTopology, startTopology } from '../../src/orchestrator/index.js';
import { type FrameRecord, memoryTraceSink } from '../../src/relay/index.js';
import { PlugfestError } from '../../src/wire/index.js';
import { until } from '../support/links.js';
import { memoryLogger } from '../support/logger.js';
import { fixtureCatalog, repoRoot, tempRunDir, topologyOf } from '../support/topologies.js';

const e2Pair = `
name: e2-pair
options: { readyTimeoutS: 20 }
instances:
  ric-1: { role: near-rt-ric, vendor: mini-ric }
  du-1: { role: o-du, vendor: mini-du }
links:
  - { interface: e2, from: du-1, to: ric-1 }
`;

const running: RunningTopology[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((r) => r.stop()));
});

function alive(pid: number | undefined): boolean {
  if (pid === undefined) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function start(yaml: string) {
  const trace = memoryTraceSink();
  const { logger } = memoryLogger();
  const topology = await startTopology(topologyOf(yaml), {
    catalog: fixtureCatalog(),
    runDir: tempRunDir(),
    logger,
    trace,
    root: repoRoot,
  });
  running.push(topology);
  return { topology, trace };
}

const frames = (records: readonly unknown[], type: string) =>
  (records as FrameRecord[]).filter((r) => r.kind === 'frame' && r.type === type);

describe('process orchestrator', () => {
  it('brings an O-DU and a RIC up through a relay that traces their E2 Setup decoded', async () => {
    const { topology, trace } = await start(e2Pair);
    const relay = topology.relays.get('du-1>ric-1/e2')!;
    await until(
      () => frames(trace.records, 'oran.e2.v1.E2SetupResponse').length > 0,
      10_000,
      'E2 Setup response in the trace',
    );
    const [request] = frames(trace.records, 'oran.e2.v1.E2SetupRequest');
    expect(request).toMatchObject({
      link: 'du-1>ric-1/e2',
      dir: 'client-to-server',
      from: 'du-1',
      to: 'ric-1',
      pdu: 'initiating',
      fields: { globalE2NodeId: { plmnId: '00101', nodeType: 'E2_NODE_TYPE_GNB_DU', nodeId: 42 } },
    });
    const [response] = frames(trace.records, 'oran.e2.v1.E2SetupResponse');
    expect(response).toMatchObject({ dir: 'server-to-client', pdu: 'successful', tx: request!.tx });
    expect(relay.state).toBe('ready');
    expect(relay.stats['client-to-server'].frames).toBeGreaterThanOrEqual(2);
    expect(relay.stats['server-to-client'].bytes).toBeGreaterThan(0);
    expect(relay.stats['client-to-server'].undecodable).toBe(0);
  });

  it('stops every vendor on stop, leaving no process behind', async () => {
    const { topology } = await start(e2Pair);
    const pids = [...topology.instances.values()].map((i) => i.pid);
    expect(pids.every(alive)).toBe(true);
    await topology.stop();
    expect(pids.some(alive)).toBe(false);
  });

  it('reports a vendor that exits during start-up with its last log lines', async () => {
    const error = await start(`
name: crash
instances:
  ric-1: { role: near-rt-ric, vendor: crashy }
  du-1: { role: o-du, vendor: mini-du }
links:
  - { interface: e2, from: du-1, to: ric-1 }
`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlugfestError);
    expect((error as PlugfestError).code).toBe('vendor-exited');
    expect((error as PlugfestError).message).toContain(
      'ric-1 (vendor crashy) exited during start-up (code 3)',
    );
    expect((error as PlugfestError).message).toContain('calibration table /etc/crashy/cal.bin missing');
  });

  it('restarts one instance while the rest runs; its peer reconnects and sets E2 up again', async () => {
    const { topology, trace } = await start(e2Pair);
    await until(
      () => frames(trace.records, 'oran.e2.v1.E2SetupResponse').length === 1,
      10_000,
      'first E2 Setup',
    );
    const duPid = topology.instances.get('du-1')!.pid;
    const oldRic = topology.instances.get('ric-1')!.pid;
    await topology.restart('ric-1');
    expect(topology.instances.get('ric-1')!.pid).not.toBe(oldRic);
    expect(alive(oldRic)).toBe(false);
    await until(
      () => frames(trace.records, 'oran.e2.v1.E2SetupResponse').length === 2,
      15_000,
      'E2 Setup after restart',
    );
    expect(topology.instances.get('du-1')!.pid).toBe(duPid);
  });

  it('leaves no orphan when the harness itself is killed', async () => {
    const harness = spawn(
      process.execPath,
      ['--import', 'tsx', join(repoRoot, 'tests/fixtures/harness.ts')],
      {
        cwd: repoRoot,
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    const line = await new Promise<string>((resolve) =>
      createInterface({ input: harness.stdout! }).once('line', resolve),
    );
    const pids = JSON.parse(line) as number[];
    expect(pids).toHaveLength(2);
    expect(pids.every(alive)).toBe(true);
    harness.kill('SIGKILL');
    await until(() => !pids.some(alive), 5000, 'vendors to exit after the harness died');
  });
});
