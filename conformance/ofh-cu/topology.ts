/**
 * The topologies the CU-plane cases run on: an O-RU and an O-DU interoperating on one fronthaul
 * link, or the O-RU under test with the harness as its O-DU (the IQ loopback).
 */
import { defineSuite, defineTopology, extendTopology, vendorFor } from '../../src/conformance/index.js';

/** An O-RU and an O-DU on one fronthaul link; the O-DU runs without a RIC (E2 is not needed here). */
export const ofhCuTopology = defineTopology({
  name: (c) => `ofh-cu-${c['o-ru']}-${c['o-du']}`,
  instances: {
    'du-1': { role: 'o-du', vendor: vendorFor('o-du') },
    'ru-1': { role: 'o-ru', vendor: vendorFor('o-ru') },
  },
  links: [{ interface: 'fronthaul', from: 'du-1', to: 'ru-1' }],
});

/** The links the cases observe. */
export const cuLink = ofhCuTopology.links['du-1>ru-1/ofh-cu'];
export const mLink = ofhCuTopology.links['du-1>ru-1/ofh-m'];

/** The interop fixture's two links and the instances at their ends, for awaitFronthaul. */
export const duRuLinks = { mplane: mLink, cuplane: cuLink, du: 'du-1', ru: 'ru-1' } as const;

/** The O-RU under test with the harness as its O-DU: the case drives the M-plane and CU-plane. */
export const ofhCuPeerTopology = extendTopology(ofhCuTopology, {
  name: (c) => `ofh-cu-${c['o-ru']}-harness`,
  instances: { 'du-1': { role: 'o-du', vendor: 'harness' } },
});

/**
 * An interop case: the O-RU and the O-DU graded on the traffic they exchange. Shared: a case
 * only taps the link while it watches, and removes the tap.
 */
export const interopCase = defineSuite({
  suite: 'ofh-cu',
  interface: 'ofh-cu',
  mode: 'interop',
  roles: ['o-ru', 'o-du'],
  topology: ofhCuTopology,
  timeoutMs: 20_000,
  isolation: 'shared',
});

/** A conformance case: the O-RU against the harness as its O-DU. Fresh: it configures carriers. */
export const conformanceCase = defineSuite({
  suite: 'ofh-cu',
  interface: 'ofh-cu',
  mode: 'conformance',
  roles: ['o-ru'],
  topology: ofhCuPeerTopology,
  timeoutMs: 20_000,
});
