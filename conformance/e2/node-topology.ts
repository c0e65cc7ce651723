/**
 * The topologies E2 node conformance cases run on: the interop topology (the O-DU under test
 * and the reference O-RU, so the O-DU carries traffic and its KPM measurements are live) with
 * the harness playing the near-RT RIC, and KPM at 200 ms.
 */
import { extendTopology } from '../../src/conformance/index.js';
import { e2Topology } from './topology.js';

const withRicPeer = (name: string, settings: Record<string, unknown>) =>
  extendTopology(e2Topology, {
    name: (c) => `${name}-${c['o-du']}`,
    options: { kpmPeriodMs: 200 },
    instances: { 'ric-1': { role: 'near-rt-ric', vendor: 'harness', settings } },
  });

/** The O-DU under test against a conforming RIC test peer (E2 1.0). */
export const e2NodeTopology = withRicPeer('e2-node', {});

/** The same, but the RIC test peer offers only E2 2.0: no common version. */
export const e2NodeVersionSkewTopology = withRicPeer('e2-node-skew', { versions: { e2: ['2.0'] } });

/** The E2 link of the O-DU under test to the RIC test peer, as the trace names it. */
export const nodeE2Link = e2NodeTopology.links['du-1>ric-1/e2'];

/** The instance the harness plays (near-RT RIC test peer). */
export const ricPeerInstance = 'ric-1';

/** The instance under test. */
export const nodeInstance = 'du-1';
