/**
 * An O-DU product on the shared core: the centre of the network, M-plane client and CU-plane
 * producer towards each of its O-RUs and E2 node towards its near-RT RIC. A vendor gives its own
 * fronthaul preference and the RAN functions it offers; everything else is this reference stack.
 */
import type { Logger } from 'pino';
import type { DuPreference } from '../../../src/ran/index.js';
import {
  defineODu,
  PlugfestError,
  type VendorContext,
  type VendorDefinition,
} from '../../../src/sdk/index.js';
import { AirLoop } from './air-loop.js';
import { type E2NodeIdentity, e2IdentityOf } from './e2-identity.js';
import { E2Node } from './e2-node.js';
import { Fronthaul } from './fronthaul.js';
import { Radio } from './radio.js';
import type { RanFunction } from './ran-function.js';
import { readDuSettings } from './settings.js';
import { SlotFeed } from './slot-feed.js';

/** What a product's RAN functions are built on. */
export interface ODuParts {
  readonly identity: E2NodeIdentity;
  /** senderName of KPM headers: the instance id. */
  readonly senderName: string;
  /** vendorName of KPM headers. */
  readonly vendorName: string;
  readonly slots: SlotFeed;
  readonly radio: Radio;
  readonly logger: Logger;
}

/** A vendor's O-DU product. */
export interface ODuProduct {
  /** Display name, as in vendor.yaml; KPM headers carry it as vendorName. */
  readonly vendorName: string;
  readonly productVersion: string;
  /** Features announced in Hello, e.g. "e2sm-kpm.v1". */
  readonly features: readonly string[];
  /** The carrier it wants from each O-RU, compression most preferred first. */
  readonly fronthaul: DuPreference;
  /** The RAN functions it offers in E2 Setup, in order. */
  readonly ranFunctions: (parts: ODuParts) => RanFunction[];
}

interface Running {
  readonly e2: E2Node;
  readonly fronthaul: Fronthaul;
  readonly loop: AirLoop;
}

/** The vendor definition of an O-DU product, ready for runVendor. */
export function defineODuProduct(product: ODuProduct): VendorDefinition<'o-du'> {
  let running: Running | undefined;
  const du = (): Running => {
    if (!running) throw new PlugfestError('not-ready', 'the O-DU has not started yet');
    return running;
  };

  return defineODu({
    productVersion: product.productVersion,
    features: product.features,
    start(context) {
      running = startODu(product, context);
    },
    stop() {
      running?.loop.stop();
      running?.fronthaul.stop();
      running?.e2.stop();
    },
    dials: {
      e2: {
        onReady: (session) => du().e2.onReady(session),
        onClose: (session, event) => du().e2.onClose(session, event.code, event.reason),
        handlers: {
          'oran.e2.v1.RicSubscriptionRequest': (m, session) => du().e2.subscribe(m, session),
          'oran.e2.v1.RicSubscriptionDeleteRequest': (m, session) => du().e2.deleteSubscription(m, session),
          'oran.e2.v1.RicControlRequest': (m) => du().e2.control(m),
          'oran.e2.v1.ResetRequest': (m, session) => du().e2.reset(m, session),
          'oran.e2.v1.ErrorIndication': (m, session) => du().e2.errorIndication(m, session),
          'oran.e2.v1.RicServiceQuery': (m, session) => du().e2.serviceQuery(m, session),
        },
      },
      'ofh-m': {
        onReady: (session) => du().fronthaul.onMplaneReady(session),
        onClose: (session, event) => du().fronthaul.onMplaneClose(session, event),
        handlers: {
          'oran.fronthaul.mplane.v1.SyncStateNotification': (m, session) =>
            du().fronthaul.onSyncState(m, session),
          'oran.fronthaul.mplane.v1.CarrierStateChangeNotification': (m, session) =>
            du().fronthaul.onCarrierState(m, session),
          'oran.fronthaul.mplane.v1.AlarmNotification': (m, session) => du().fronthaul.onAlarm(m, session),
          'oran.fronthaul.mplane.v1.SupervisionNotification': () => undefined,
        },
      },
      'ofh-cu': {
        onReady: (session) => du().fronthaul.onCuplaneReady(session),
        onClose: (session, event) => du().fronthaul.onCuplaneClose(session, event),
        handlers: {
          'oran.fronthaul.cuplane.v1.UPlaneMessage': (m, session) => du().fronthaul.onUplink(m, session),
        },
      },
    },
  });
}

function startODu(product: ODuProduct, context: VendorContext): Running {
  const { config, logger } = context;
  let settings: ReturnType<typeof readDuSettings>;
  try {
    settings = readDuSettings(config);
  } catch (error) {
    // docs/vendor-contract.md section 2: a config the vendor cannot use exits with status 2.
    process.stderr.write(`${PlugfestError.from(error).rawMessage}\n`);
    process.exit(2);
  }
  const identity = e2IdentityOf(config.instance);
  const { bandwidthMhz, scsKhz } = product.fronthaul;
  const radio = new Radio({ cellId: identity.cell.nrCellIdentity, ues: settings.ues, bandwidthMhz, scsKhz });
  const slots = new SlotFeed();
  const fronthaul = new Fronthaul({
    preference: product.fronthaul,
    supervision: settings.mplaneSupervision,
    radio,
    logger,
  });
  const functions = product.ranFunctions({
    identity,
    senderName: config.instance,
    vendorName: product.vendorName,
    slots,
    radio,
    logger,
  });
  const e2 = new E2Node(identity, functions, logger);
  const loop = new AirLoop({ clock: settings.clock, scsKhz, radio, fronthaul, slots, logger });
  loop.start();
  logger.info(
    {
      nodeId: identity.globalE2NodeId.nodeId,
      cell: identity.cell.nrCellIdentity,
      ranFunctions: functions.map((f) => `${f.model}:${f.ranFunctionId}`),
      fronthaul: {
        ...product.fronthaul,
        compression: product.fronthaul.compression.map((c) => `${c.method} ${c.iqWidth}`),
      },
      ues: settings.ues,
    },
    'o-du started',
  );
  return { e2, fronthaul, loop };
}
