/**
 * The topologies E2 node conformance cases run on: the O-DU under test against the harness
 * playing the near-RT RIC, with the reference O-RU (ruvello) so the O-DU carries traffic and
 * its KPM measurements are live.
 */
import type { Combination } from '../../src/conformance/index.js';

/** The E2 link of the O-DU under test to the RIC test peer, as the trace names it. */
export const nodeE2Link = 'du-1>ric-1/e2';

/** The instance the harness plays (near-RT RIC test peer). */
export const ricPeerInstance = 'ric-1';

/** The instance under test. */
export const nodeInstance = 'du-1';

const topology = (name: string, c: Combination, ricSettings: string) => `name: ${name}
options: { kpmPeriodMs: 200 }
instances:
  ric-1: { role: near-rt-ric, vendor: harness, settings: ${ricSettings} }
  du-1: { role: o-du, vendor: ${c['o-du']} }
  ru-1: { role: o-ru, vendor: ruvello }
links:
  - { interface: fronthaul, from: du-1, to: ru-1 }
  - { interface: e2, from: du-1, to: ric-1 }
`;

/** The O-DU under test against a conforming RIC test peer (E2 1.0). Cases share it. */
export const e2NodeTopology = (c: Combination): string => topology(`e2-node-${c['o-du']}`, c, '{}');

/** The same, but the RIC test peer offers only E2 2.0: no common version. */
export const e2NodeVersionSkewTopology = (c: Combination): string =>
  topology(`e2-node-skew-${c['o-du']}`, c, '{ versions: { e2: ["2.0"] } }');
