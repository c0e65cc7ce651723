/** The fault containment suite's shared fields: whole networks, graded as the O-DU and RIC under test. */
import { defineSuite, type Network, type SuiteCase } from '../../src/conformance/index.js';
import { faultTopology } from './topology.js';

/**
 * Interop over O-DU x RIC, on a network of its own (fresh, the default: every case faults it).
 * 60 s: each takes 10 to 25 s; the rest is headroom for a loaded machine.
 */
const suiteCase = defineSuite({
  suite: 'faults',
  interface: 'e2e',
  mode: 'interop',
  roles: ['o-du', 'near-rt-ric'],
  timeoutMs: 60_000,
});

/** A fault case, on the fault network named after it unless it gives a topology of its own. */
export const faultCase = (definition: SuiteCase<Network>) =>
  suiteCase({ topology: faultTopology(definition.id), ...definition });
