/**
 * The topologies near-RT RIC conformance cases run on: the RIC under test against the
 * harness's O-DU test peer on one E2 link (no O-RU: the peer carries no traffic). The peer
 * does not send E2 Setup by itself; the RAN functions it offers are in e2sm.ts.
 */
import { defineTopology, vendorFor } from '../../src/conformance/index.js';

const ricTopology = (name: string, nodeSettings: Record<string, unknown>) =>
  defineTopology({
    name: (c) => `${name}-${c['near-rt-ric']}`,
    options: { kpmPeriodMs: 200 },
    instances: {
      'du-1': { role: 'o-du', vendor: 'harness', settings: nodeSettings },
      'ric-1': { role: 'near-rt-ric', vendor: vendorFor('near-rt-ric') },
    },
    links: [{ interface: 'e2', from: 'du-1', to: 'ric-1' }],
  });

/** The RIC under test against a conforming E2 node test peer (E2 1.0). */
export const e2RicTopology = ricTopology('e2-ric', {});

/** The same, but the node test peer offers only E2 2.0: no common version. */
export const e2RicVersionSkewTopology = ricTopology('e2-ric-skew', { versions: { e2: ['2.0'] } });

/** The E2 link of the node test peer to the RIC under test, as the trace names it. */
export const ricE2Link = e2RicTopology.links['du-1>ric-1/e2'];

/** The instance the harness plays (O-DU, E2 node test peer). */
export const nodePeerInstance = 'du-1';

// conformance/faults/flood.ts offers the peer's E2SM-KPM function from here.
export { kpmFunction } from './e2sm.js';
