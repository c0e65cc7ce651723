/**
 * The network a hot-swap case runs on: the fault suite's (a near-RT RIC, one O-DU, two O-RUs and
 * the harness as the SMO, with timers short enough that a swap is detected and recovered in
 * seconds), each instance's vendor chosen per case. Every case has its own network (fresh): a
 * swap changes the running one.
 */
import { type Combination, extendTopology, type PerCombination } from '../../src/conformance/index.js';
import { twoORuNetwork } from '../faults/topology.js';

export { fronthaulLinks, links, ru1Links } from '../faults/topology.js';

/** The vendors of one swap network, by instance; ru-2 is the O-RU watched for containment. */
export interface SwapNetwork {
  readonly ric: PerCombination<string>;
  readonly du: PerCombination<string>;
  readonly ru1: PerCombination<string>;
  readonly ru2: PerCombination<string>;
}

/** The O-RU a network starts with: it shares a carrier profile with every built-in O-DU. */
export const referenceORu = 'ruvello';
/** The RIC of the O-RU swap networks, where the RIC is not under test. */
export const referenceRic = 'sagebrush';

/**
 * The O-DU a swap starts from: the built-in one that is not under test, so the swap crosses
 * vendors (a third-party O-DU under test starts from cellwright).
 */
export const otherODu = (c: Combination): string => (c['o-du'] === 'cellwright' ? 'baseloom' : 'cellwright');

/** The near-RT RIC a swap starts from: the built-in one that is not under test. */
export const otherRic = (c: Combination): string =>
  c['near-rt-ric'] === 'sagebrush' ? 'stillwater' : 'sagebrush';

const vendorIn = (value: PerCombination<string>, c: Combination): string =>
  typeof value === 'function' ? value(c) : value;

/** The swap network of `caseId` with these vendors; `attest` secures every link (mutual attestation). */
export const swapTopology = (caseId: string, vendors: SwapNetwork, options: { security?: 'attest' } = {}) =>
  extendTopology(twoORuNetwork, {
    name: (c) =>
      `swap-${caseId.toLowerCase()}-${[vendors.du, vendors.ric, vendors.ru1, vendors.ru2].map((v) => vendorIn(v, c)).join('-')}`,
    ...(options.security ? { options: { ...twoORuNetwork.spec.options, security: options.security } } : {}),
    instances: {
      'ric-1': { role: 'near-rt-ric', vendor: vendors.ric },
      'du-1': { role: 'o-du', vendor: vendors.du },
      'ru-1': { role: 'o-ru', vendor: vendors.ru1 },
      'ru-2': { role: 'o-ru', vendor: vendors.ru2 },
    },
  });
