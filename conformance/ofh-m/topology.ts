/**
 * The topologies the M-plane cases run on: the harness plays the O-DU (the NETCONF client) on
 * one ofh-m link to the O-RU under test, sends each rpc itself and reads the O-RU's
 * notifications from the test peer.
 *
 * Topologies differ only where a case needs the O-RU in another state: sync held in FREERUN,
 * short supervision timers, or a reset that closes the link.
 */
import {
  defineSuite,
  defineTopology,
  extendTopology,
  type oran,
  type VendorLookup,
  vendorFor,
} from '../../src/conformance/index.js';

/** The O-RU under test with the harness as its O-DU; the O-RU locks sync 200 ms after start. */
export const ofhMTopology = defineTopology({
  name: (c) => `ofh-m-${c['o-ru']}`,
  instances: {
    'du-1': { role: 'o-du', vendor: 'harness' },
    'ru-1': { role: 'o-ru', vendor: vendorFor('o-ru') },
  },
  links: [{ interface: 'ofh-m', from: 'du-1', to: 'ru-1' }],
});

/** The link every case drives and observes. */
export const mLink = ofhMTopology.links['du-1>ru-1/ofh-m'];

/**
 * The O-RU held in FREERUN: `syncLockDelayMs` (an O-RU setting, vendors/shared/o-ru
 * settings.ts) of an hour keeps it from locking while the case runs.
 */
export const ofhMFreerunTopology = extendTopology(ofhMTopology, {
  name: (c) => `ofh-m-${c['o-ru']}-freerun`,
  instances: {
    'ru-1': { role: 'o-ru', vendor: vendorFor('o-ru'), settings: { syncLockDelayMs: 3_600_000 } },
  },
});

/**
 * Supervision timers of 1 s + 1 s guard (instead of 60 s + 10 s), so that a loss of supervision
 * shows in about 2 s. The harness's O-DU sends the timers the topology names in its resets.
 */
export const ofhMSupervisionTopology = extendTopology(ofhMTopology, {
  name: (c) => `ofh-m-${c['o-ru']}-supervision`,
  options: { mplaneSupervision: { notificationIntervalS: 1, guardTimerOverheadS: 1 } },
});

/** Its own O-RU for the reset case: a reset drops the link and forgets the configuration. */
export const ofhMResetTopology = extendTopology(ofhMTopology, { name: (c) => `ofh-m-${c['o-ru']}-reset` });

/**
 * An M-plane case: conformance of the O-RU against the harness's O-DU. Fresh by default: most
 * cases subscribe to notifications, arm the watchdog or reset the O-RU, which no case can undo.
 */
export const mCase = defineSuite({
  suite: 'ofh-m',
  interface: 'ofh-m',
  mode: 'conformance',
  roles: ['o-ru'],
  topology: ofhMTopology,
});

/** A supervision case: the O-RU on short supervision timers. */
export const supervisionCase = defineSuite({ ...mCase.defaults, topology: ofhMSupervisionTopology });

/** A case that only reads, or undoes what it did: it shares its O-RU with the others that do. */
export const sharedCase = defineSuite({ ...mCase.defaults, isolation: 'shared' });

export type RpcError = oran.fronthaul.mplane.v1.RpcError.$Properties;
export type Carrier = oran.fronthaul.mplane.v1.TxArrayCarrier.$Properties;
export type ModuleCapability = oran.fronthaul.mplane.v1.ModuleCapability.$Properties;
type Manifest = NonNullable<ReturnType<VendorLookup>>;
/** What an O-RU declares in its vendor.yaml. */
export type ORuDeclaration = Extract<Manifest, { role: 'o-ru' }>['capabilities'];
