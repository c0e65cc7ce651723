import { afterEach, describe, expect, it } from 'vitest';
import { until } from '../support/links.js';
import { builtInCatalog, type Network, startNetwork } from './network.js';

/**
 * Every built-in O-RU x O-DU x near-RT RIC combination, one small network each: it comes up
 * (carriers active and E2 set up), or the O-DU names the incompatibility with both offers.
 */
const catalog = builtInCatalog();
// The matrix's vendors: negative ones (the rogue O-RU) are there to be refused by attestation.
const byRole = (role: string) =>
  [...catalog.values()].filter((v) => v.role === role && !v.negative).map((v) => v.id);
const combinations = byRole('o-ru').flatMap((ru) =>
  byRole('o-du').flatMap((du) => byRole('near-rt-ric').map((ric) => ({ ru, du, ric }))),
);

const running: Network[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((n) => n.running.stop()));
});

describe('every built-in vendor combination', () => {
  it('covers three O-RUs, two O-DUs and two RICs', () => {
    expect(combinations).toHaveLength(12);
  });

  it.each(combinations)('$ru x $du x $ric comes up or names its incompatibility', async ({ ru, du, ric }) => {
    const network = await startNetwork(
      `name: ${ru}-${du}-${ric}
options: { kpmPeriodMs: 300 }
instances:
  ric-1: { role: near-rt-ric, vendor: ${ric} }
  du-1: { role: o-du, vendor: ${du} }
  ru-1: { role: o-ru, vendor: ${ru} }
links:
  - { interface: fronthaul, from: du-1, to: ru-1 }
  - { interface: e2, from: du-1, to: ric-1 }
`,
      catalog,
    );
    running.push(network);
    await until(() => network.frames('oran.e2.v1.RicIndication').length > 0, 15_000, 'KPM indications on E2');
    const outcome = () => {
      const logs = network.logs('du-1');
      if (logs.some((l) => l.msg === 'fronthaul incompatible')) return 'incompatible';
      if (logs.filter((l) => l.msg === 'carrier active').length >= 2) return 'active';
      return undefined;
    };
    await until(
      () => outcome() !== undefined,
      15_000,
      `carriers active or an incompatibility for ${ru} x ${du}`,
    );
    if (outcome() === 'incompatible') {
      const [record] = network.logs('du-1').filter((l) => l.msg === 'fronthaul incompatible');
      // Both offers are named: what the O-RU offers and what the O-DU wants.
      expect(String(record!.reason)).toMatch(/O-RU offers .+ O-DU wants/);
      expect(`${ru} x ${du}`).toBe('korimo x baseloom');
    } else {
      expect(
        network
          .frames('oran.fronthaul.mplane.v1.SetCarrierStateResponse')
          .every((f) => f.pdu === 'successful'),
      ).toBe(true);
      expect(`${ru} x ${du}`).not.toBe('korimo x baseloom');
    }
  });
});
