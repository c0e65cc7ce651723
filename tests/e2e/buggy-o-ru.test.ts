import { afterEach, describe, expect, it } from 'vitest';
import { until } from '../support/links.js';
import { type Network, startNetwork } from './network.js';

const running: Network[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((n) => n.running.stop()));
});

describe("the buggy O-RU's interop bug", () => {
  it('shows in the data as EVM out of tolerance, while every procedure succeeds and nothing times out', async () => {
    const network = await startNetwork(`name: buggy
instances:
  ric-1: { role: near-rt-ric, vendor: stillwater }
  du-1: { role: o-du, vendor: cellwright }
  ru-1: { role: o-ru, vendor: ruvello }
  ru-2: { role: o-ru, vendor: quibble }
links:
  - { interface: fronthaul, from: du-1, to: ru-1 }
  - { interface: fronthaul, from: du-1, to: ru-2 }
  - { interface: e2, from: du-1, to: ric-1 }
`);
    running.push(network);
    const evm = (ru: string) => network.logs('du-1').filter((l) => l.msg === 'uplink evm' && l.ru === ru);
    await until(() => evm('ru-1').length > 0 && evm('ru-2').length > 0, 20_000, 'uplink EVM of both O-RUs');
    const [good] = evm('ru-1');
    const [bad] = evm('ru-2');
    expect(good).toMatchObject({ ok: true });
    expect(good!.evmPercent as number).toBeLessThan(good!.tolerancePercent as number);
    expect(bad).toMatchObject({ ok: false });
    expect(bad!.evmPercent as number).toBeGreaterThan(10 * (bad!.tolerancePercent as number));
    expect(network.logs('du-1').some((l) => l.msg === 'uplink evm out of tolerance' && l.ru === 'ru-2')).toBe(
      true,
    );
    // Every M-plane procedure with the buggy O-RU succeeded: the bug is in the data only.
    const mplane = network.trace.filter(
      (r) =>
        r.kind === 'frame' && r.link === 'du-1>ru-2/ofh-m' && (r as { pdu?: string }).pdu !== 'initiating',
    ) as Array<{ pdu?: string; type?: string }>;
    expect(mplane.length).toBeGreaterThan(3);
    expect(mplane.filter((f) => f.pdu === 'unsuccessful')).toEqual([]);
    expect(
      network.logs('du-1').some((l) => /timeout/i.test(String(l.msg)) || l.code === 'request-timeout'),
    ).toBe(false);
  });
});
