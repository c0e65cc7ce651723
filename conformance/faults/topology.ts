/**
 * The network the fault cases run on, and the hot-swap cases too (conformance/swap builds its
 * topologies from it): a near-RT RIC, one O-DU, two O-RUs and the harness as the SMO, with
 * timers short enough that a fault is detected and recovered in seconds, not minutes. Two O-RUs,
 * so one can fail while the other is watched.
 */
import {
  type Combination,
  defineTopology,
  extendTopology,
  type Network,
  vendorFor,
} from '../../src/conformance/index.js';

/**
 * Link supervision 500 ms + 1500 ms guard, M-plane supervision 1 s + 1 s guard, KPM every 300 ms:
 * a silent peer is noticed within 2 s and every link has a rhythm a gap is judged against.
 */
export const twoORuNetwork = defineTopology({
  name: (c: Combination) => `faults-${c['o-du']}-${c['near-rt-ric']}`,
  options: {
    kpmPeriodMs: 300,
    supervision: { intervalMs: 500, guardMs: 1500 },
    mplaneSupervision: { notificationIntervalS: 1, guardTimerOverheadS: 1 },
  },
  instances: {
    'ric-1': { role: 'near-rt-ric', vendor: vendorFor('near-rt-ric') },
    'du-1': { role: 'o-du', vendor: vendorFor('o-du') },
    'ru-1': { role: 'o-ru', vendor: 'ruvello' },
    'ru-2': { role: 'o-ru', vendor: 'ruvello' },
  },
  links: [
    { interface: 'fronthaul', from: 'du-1', to: 'ru-1' },
    { interface: 'fronthaul', from: 'du-1', to: 'ru-2' },
    { interface: 'e2', from: 'du-1', to: 'ric-1' },
    { interface: 'a1', from: 'smo', to: 'ric-1' },
  ],
});

/** The network of one fault case: its own name, so each case's folder and logs say which it is. */
export const faultTopology = (caseId: string) =>
  extendTopology(twoORuNetwork, {
    name: (c) => `faults-${caseId.toLowerCase()}-${c['o-du']}-${c['near-rt-ric']}`,
  });

const l = twoORuNetwork.links;
export const links = {
  ru1Mplane: l['du-1>ru-1/ofh-m'],
  ru1Cuplane: l['du-1>ru-1/ofh-cu'],
  ru2Mplane: l['du-1>ru-2/ofh-m'],
  ru2Cuplane: l['du-1>ru-2/ofh-cu'],
  e2: l['du-1>ric-1/e2'],
  a1: l['smo>ric-1/a1'],
} as const;

export const ru1Links: readonly string[] = [links.ru1Mplane, links.ru1Cuplane];
export const ru2Links: readonly string[] = [links.ru2Mplane, links.ru2Cuplane];
export const fronthaulLinks: readonly string[] = [...ru1Links, ...ru2Links];

/** Link supervision of the running topology: a silent peer is declared lost after interval + guard. */
export const supervisionMsOf = (net: Network): number =>
  net.options.supervision.intervalMs + net.options.supervision.guardMs;
