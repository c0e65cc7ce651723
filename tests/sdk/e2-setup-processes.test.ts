import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fixtureVendors, freePort, spawnVendor, type VendorProcess } from '../support/processes.js';

const running: VendorProcess[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((v) => v.stop()));
});

function start(...args: Parameters<typeof spawnVendor>): VendorProcess {
  const vendor = spawnVendor(...args);
  running.push(vendor);
  return vendor;
}

describe('two vendor processes on loopback', () => {
  it('run E2 Setup through the SDK: the RIC echoes the RAN functions the O-DU offers', async () => {
    const port = await freePort();
    const ric = start(join(fixtureVendors, 'mini-ric/main.ts'), {
      instance: 'ric-1',
      vendor: 'miniric',
      role: 'near-rt-ric',
      listen: { e2: { port } },
    });
    const ready = await ric.ready;
    expect(ready).toMatchObject({
      plugfest: 'ready',
      instance: 'ric-1',
      listen: { e2: `ws://127.0.0.1:${port}` },
    });
    expect(ready.pid).toBe(ric.child.pid);

    const du = start(join(fixtureVendors, 'mini-du/main.ts'), {
      instance: 'du-1',
      vendor: 'minidu',
      role: 'o-du',
      peers: [{ interface: 'e2', instance: 'ric-1', url: `ws://127.0.0.1:${port}/e2` }],
    });
    await du.ready;
    const accepted = await du.log((l) => l.msg === 'E2 setup accepted');
    expect(accepted).toMatchObject({
      accepted: [2],
      ric: 7,
      vendor: 'minidu',
      role: 'o-du',
      instance: 'du-1',
    });
    const request = await ric.log((l) => l.msg === 'E2 setup request');
    expect(request).toMatchObject({ functions: 1, peer: 'du-1', node: { plmnId: '00101', nodeId: 42 } });
  });

  it('dials with backoff until the RIC comes up', async () => {
    const port = await freePort();
    const du = start(join(fixtureVendors, 'mini-du/main.ts'), {
      instance: 'du-1',
      vendor: 'minidu',
      role: 'o-du',
      logLevel: 'debug',
      peers: [{ interface: 'e2', instance: 'ric-1', url: `ws://127.0.0.1:${port}/e2` }],
    });
    await du.ready;
    await du.log((l) => l.code === 'connect-failed' && (l.attempt as number) >= 3);
    start(join(fixtureVendors, 'mini-ric/main.ts'), {
      instance: 'ric-1',
      vendor: 'miniric',
      role: 'near-rt-ric',
      listen: { e2: { port } },
    });
    await du.log((l) => l.msg === 'E2 setup accepted', 10_000);
    const delays = du.logs.filter((l) => l.code === 'connect-failed').map((l) => l.nextDelayMs as number);
    expect(delays.slice(0, 4)).toEqual([10, 20, 40, 80]);
  });

  it('exits with status 2 and a file:line:field message on a bad config', async () => {
    const vendor = start(join(fixtureVendors, 'mini-ric/main.ts'), {
      instance: 'ric-1',
      vendor: 'miniric',
      role: 'near-rt-ric',
      listen: { e2: { port: 'many' as unknown as number } },
    });
    const { code } = await vendor.exited;
    expect(code).toBe(2);
    const message = vendor.logs.map((l) => l.msg).join('\n');
    expect(message).toMatch(/config\.json:\d+:\d+: listen\.e2\.port: must be number/);
  });

  it('stops on SIGTERM, closing its links with a cause the peer sees', async () => {
    const port = await freePort();
    const ric = start(join(fixtureVendors, 'mini-ric/main.ts'), {
      instance: 'ric-1',
      vendor: 'miniric',
      role: 'near-rt-ric',
      listen: { e2: { port } },
    });
    await ric.ready;
    const du = start(join(fixtureVendors, 'mini-du/main.ts'), {
      instance: 'du-1',
      vendor: 'minidu',
      role: 'o-du',
      logLevel: 'debug',
      peers: [{ interface: 'e2', instance: 'ric-1', url: `ws://127.0.0.1:${port}/e2` }],
    });
    await du.log((l) => l.msg === 'E2 setup accepted');
    ric.child.kill('SIGTERM');
    expect(await ric.exited).toEqual({ code: 0, signal: null });
    const closed = await du.log((l) => l.msg === 'link closed');
    expect(closed).toMatchObject({ byPeer: true, code: 1001, cause: 'misc: om-intervention' });
  });
});
