/**
 * The topologies end-to-end cases run on: whole networks (O-RUs, O-DUs, a near-RT RIC), with KPM
 * reported often enough that a case sees several periods in a few seconds.
 */
import { type Combination, defineTopology, extendTopology, vendorFor } from '../../src/conformance/index.js';
import { e2Topology } from '../e2/topology.js';

/** UEs of the loaded O-DU in the load case; the idle one has none. */
export const loadedUes = 8;

/**
 * Two O-DUs of the vendor under test, each with its own O-RU, on one RIC: du-1 has no UEs (no
 * offered load), du-2 has `loadedUes` (each offering its share of about 90 % of the DL PRBs).
 */
export const loadTopology = defineTopology({
  name: (c) => `e2e-load-${c['o-ru']}-${c['o-du']}-${c['near-rt-ric']}`,
  options: { kpmPeriodMs: 250 },
  instances: {
    'ric-1': { role: 'near-rt-ric', vendor: vendorFor('near-rt-ric') },
    'du-1': { role: 'o-du', vendor: vendorFor('o-du'), settings: { ues: 0 } },
    'ru-1': { role: 'o-ru', vendor: vendorFor('o-ru') },
    'du-2': { role: 'o-du', vendor: vendorFor('o-du'), settings: { ues: loadedUes } },
    'ru-2': { role: 'o-ru', vendor: vendorFor('o-ru') },
  },
  links: [
    { interface: 'fronthaul', from: 'du-1', to: 'ru-1' },
    { interface: 'fronthaul', from: 'du-2', to: 'ru-2' },
    { interface: 'e2', from: 'du-1', to: 'ric-1' },
    { interface: 'e2', from: 'du-2', to: 'ric-1' },
  ],
});

/** The closed loop's network: the E2 suite's (the O-DU and RIC under test, a ruvello O-RU so the O-DU carries traffic). */
export const closedLoopTopology = e2Topology;

/** The O-RU vendor beside the one under test, so one O-DU serves cells of two O-RU vendors. */
export const otherORu = (c: Combination): string => (c['o-ru'] === 'korimo' ? 'ruvello' : 'korimo');

/** As topologies/default.yaml: one O-DU with cells on two O-RU vendors (the one under test, and another), one RIC. */
export const twoVendorCellsTopology = extendTopology(closedLoopTopology, {
  name: (c) => `e2e-loop-${c['o-ru']}-${c['o-du']}-${c['near-rt-ric']}`,
  options: { kpmPeriodMs: 300 },
  instances: {
    'ru-1': { role: 'o-ru', vendor: vendorFor('o-ru') },
    'ru-2': { role: 'o-ru', vendor: otherORu },
  },
  links: [{ interface: 'fronthaul', from: 'du-1', to: 'ru-2' }],
});

/** The E2 link of each O-DU of the load network. */
export const loadE2Links = {
  'du-1': loadTopology.links['du-1>ric-1/e2'],
  'du-2': loadTopology.links['du-2>ric-1/e2'],
} as const;
