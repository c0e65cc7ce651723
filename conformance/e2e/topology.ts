/**
 * The topologies end-to-end cases run on: whole networks (O-RUs, O-DUs, a near-RT RIC), with KPM
 * reported often enough that a case sees several periods in a few seconds.
 */
import type { Combination } from '../../src/conformance/index.js';

/** UEs of the loaded O-DU in the load case; the idle one has none. */
export const loadedUes = 8;

/**
 * Two O-DUs of the vendor under test, each with its own O-RU, on one RIC: du-1 has no UEs (no
 * offered load), du-2 has `loadedUes` (each offering its share of about 90 % of the DL PRBs).
 */
export const loadTopology = (
  c: Combination,
): string => `name: e2e-load-${c['o-ru']}-${c['o-du']}-${c['near-rt-ric']}
options: { kpmPeriodMs: 250 }
instances:
  ric-1: { role: near-rt-ric, vendor: ${c['near-rt-ric']} }
  du-1: { role: o-du, vendor: ${c['o-du']}, settings: { ues: 0 } }
  ru-1: { role: o-ru, vendor: ${c['o-ru']} }
  du-2: { role: o-du, vendor: ${c['o-du']}, settings: { ues: ${loadedUes} } }
  ru-2: { role: o-ru, vendor: ${c['o-ru']} }
links:
  - { interface: fronthaul, from: du-1, to: ru-1 }
  - { interface: fronthaul, from: du-2, to: ru-2 }
  - { interface: e2, from: du-1, to: ric-1 }
  - { interface: e2, from: du-2, to: ric-1 }
`;

/** The O-RU vendor beside the one under test, so one O-DU serves cells of two O-RU vendors. */
export const otherORu = (ru: string | undefined): string => (ru === 'korimo' ? 'ruvello' : 'korimo');

/** As topologies/default.yaml: one O-DU with cells on two O-RU vendors, one RIC. */
export const twoVendorCellsTopology = (
  c: Combination,
): string => `name: e2e-loop-${c['o-ru']}-${c['o-du']}-${c['near-rt-ric']}
options: { kpmPeriodMs: 300 }
instances:
  ric-1: { role: near-rt-ric, vendor: ${c['near-rt-ric']} }
  du-1: { role: o-du, vendor: ${c['o-du']} }
  ru-1: { role: o-ru, vendor: ${c['o-ru']} }
  ru-2: { role: o-ru, vendor: ${otherORu(c['o-ru'])} }
links:
  - { interface: fronthaul, from: du-1, to: ru-1 }
  - { interface: fronthaul, from: du-1, to: ru-2 }
  - { interface: e2, from: du-1, to: ric-1 }
`;

/** The fronthaul links of an O-DU to an O-RU, as awaitFronthaul takes them. */
export const fronthaulOf = (du: string, ru: string) =>
  ({ mplane: `${du}>${ru}/ofh-m`, cuplane: `${du}>${ru}/ofh-cu`, du, ru }) as const;

export const e2LinkOf = (du: string): string => `${du}>ric-1/e2`;
