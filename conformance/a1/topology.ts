/**
 * The topology A1 conformance cases run on: the near-RT RIC under test with the harness as its
 * SMO on A1, and a real O-DU (cellwright) with the reference O-RU (ruvello) so the RIC has a
 * loaded E2 node whose RIC Controls show what a policy changes. KPM at 300 ms so the closed
 * loop reacts to a new policy within a second.
 */
import { defineTopology, vendorFor } from '../../src/conformance/index.js';

/** The topology's KPM reporting period: what the behaviour cases' reaction bound is counted in. */
export const a1KpmPeriodMs = 300;

export const a1Topology = defineTopology({
  name: (c) => `a1-${c['near-rt-ric']}`,
  options: { kpmPeriodMs: a1KpmPeriodMs },
  instances: {
    'ric-1': { role: 'near-rt-ric', vendor: vendorFor('near-rt-ric') },
    'du-1': { role: 'o-du', vendor: 'cellwright' },
    'ru-1': { role: 'o-ru', vendor: 'ruvello' },
  },
  links: [
    { interface: 'fronthaul', from: 'du-1', to: 'ru-1' },
    { interface: 'e2', from: 'du-1', to: 'ric-1' },
    { interface: 'a1', from: 'smo', to: 'ric-1' },
  ],
});

/** The instance under test, as the topology names it. */
export const ricInstance = 'ric-1';

/** The harness's A1 link (as the SMO) to the RIC under test, as the trace names it. */
export const a1Link = a1Topology.links['smo>ric-1/a1'];

/** The E2 link of the O-DU to the RIC under test, where the RIC's controls show. */
export const e2Link = a1Topology.links['du-1>ric-1/e2'];

/** The slice PRB quota policy type a RIC with a closed loop owns (sagebrush's, OSC-style id). */
export const slicePrbQuotaType = 21000;
