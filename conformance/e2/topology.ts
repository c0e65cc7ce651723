/**
 * The interop topologies of the E2 suite: the O-DU and near-RT RIC under test, and the
 * reference O-RU (ruvello) so the O-DU carries traffic and its KPM measurements are live.
 */
import { defineTopology, extendTopology, vendorFor } from '../../src/conformance/index.js';

/** The topology E2 interop cases run on; cases that only observe share it. */
export const e2Topology = defineTopology({
  name: (c) => `e2-${c['o-du']}-${c['near-rt-ric']}`,
  options: { kpmPeriodMs: 500 },
  instances: {
    'ric-1': { role: 'near-rt-ric', vendor: vendorFor('near-rt-ric') },
    'du-1': { role: 'o-du', vendor: vendorFor('o-du') },
    'ru-1': { role: 'o-ru', vendor: 'ruvello' },
  },
  links: [
    { interface: 'fronthaul', from: 'du-1', to: 'ru-1' },
    { interface: 'e2', from: 'du-1', to: 'ric-1' },
  ],
});

/** The E2 link of the O-DU to the RIC, as the trace names it. */
export const e2Link = e2Topology.links['du-1>ric-1/e2'];

/**
 * The same vendors for the node-restart case alone (a restart must not disturb the cases of
 * e2Topology), KPM at 200 ms so the first report comes soon.
 */
export const e2RestartTopology = extendTopology(e2Topology, {
  name: (c) => `e2-restart-${c['o-du']}-${c['near-rt-ric']}`,
  options: { kpmPeriodMs: 200 },
});
