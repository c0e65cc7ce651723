import { resolve } from 'node:path';
import { z } from 'zod';
import { type ConfigProblem, parseConfigDocument, readConfigText, throwProblems } from '../sdk/index.js';
import { type InterfaceName, interfaceSpecs, type RoleName } from '../wire/index.js';
import type { VendorCatalog } from './vendor-manifest.js';

const instanceId = z.string().regex(/^[a-z][a-z0-9-]{0,30}$/, 'must be a lowercase id such as "du-1"');

export const topologySchema = z.strictObject({
  name: z.string().min(1),
  description: z.string().default(''),
  options: z
    .strictObject({
      /** Slots per second of real time for the simulated air clock. Default 100. */
      slotRatePerSecond: z.number().positive().max(16_000).default(100),
      /** KPM reporting period the RICs subscribe with. Default 1000 ms. */
      kpmPeriodMs: z.number().int().min(1).max(60_000).default(1000),
      /** Link supervision. Default 1500 ms + 4500 ms guard (OSC e2mgr keep-alive). */
      supervision: z
        .strictObject({ intervalMs: z.number().int().positive(), guardMs: z.number().int().nonnegative() })
        .default({ intervalMs: 1500, guardMs: 4500 }),
      /** M-plane supervision watchdog (o-ran-supervision). Default 60 s + 10 s guard. */
      mplaneSupervision: z
        .strictObject({
          notificationIntervalS: z.number().int().positive(),
          guardTimerOverheadS: z.number().int().nonnegative(),
        })
        .default({ notificationIntervalS: 60, guardTimerOverheadS: 10 }),
      security: z.enum(['none', 'mtls']).default('none'),
      /** Seconds a vendor has to say it is ready. Default 15. */
      readyTimeoutS: z.number().positive().default(15),
    })
    .default({
      slotRatePerSecond: 100,
      kpmPeriodMs: 1000,
      supervision: { intervalMs: 1500, guardMs: 4500 },
      mplaneSupervision: { notificationIntervalS: 60, guardTimerOverheadS: 10 },
      security: 'none',
      readyTimeoutS: 15,
    }),
  instances: z.record(
    instanceId,
    z.strictObject({
      role: z.enum(['o-ru', 'o-du', 'near-rt-ric', 'smo']),
      vendor: z.string().min(1),
      /** Overrides of the vendor's defaults, handed to it as `settings`. */
      settings: z.record(z.string(), z.unknown()).default({}),
    }),
  ),
  links: z
    .array(
      z.strictObject({
        /** `fronthaul` is both Open Fronthaul links, M-plane and CU-plane. */
        interface: z.enum(['fronthaul', 'ofh-m', 'ofh-cu', 'e2', 'a1']),
        /** The dialling instance (O-DU, or `smo` for the harness acting as SMO). */
        from: instanceId,
        /** The serving instance (O-RU or near-RT RIC). */
        to: instanceId,
      }),
    )
    .default([]),
});

export interface TopologyInstance {
  readonly id: string;
  readonly role: RoleName;
  readonly vendor: string;
  readonly settings: Readonly<Record<string, unknown>>;
}

export interface TopologyLink {
  /** `du-1>ru-1/ofh-m`: stable, used in traces and reports. */
  readonly id: string;
  readonly interface: InterfaceName;
  readonly client: string;
  readonly server: string;
}

export type TopologyOptions = z.output<typeof topologySchema>['options'];

export interface Topology {
  readonly name: string;
  readonly description: string;
  readonly file: string;
  readonly options: TopologyOptions;
  readonly instances: ReadonlyMap<string, TopologyInstance>;
  readonly links: readonly TopologyLink[];
}

/** The harness itself, as the SMO side of A1, when no instance of role smo is named. */
export const harnessSmo = 'smo';

/**
 * The vendor id of a test peer: an instance played by the harness itself (conformance mode),
 * in any role, so that a case can drive the vendor under test with what a real vendor never sends.
 */
export const harnessVendor = 'harness';

const roleNames: Record<RoleName, string> = {
  'o-ru': 'an O-RU',
  'o-du': 'an O-DU',
  'near-rt-ric': 'a near-RT RIC',
  smo: 'an SMO',
};

export function loadTopology(file: string, catalog: VendorCatalog): Topology {
  return parseTopology(readConfigText(file), file, catalog);
}

export function parseTopology(text: string, file: string, catalog: VendorCatalog): Topology {
  const doc = parseConfigDocument(text, file, topologySchema);
  const { data } = doc;
  const problems: ConfigProblem[] = [];

  for (const [id, instance] of Object.entries(data.instances)) {
    if (instance.vendor === harnessVendor) continue;
    const vendor = catalog.get(instance.vendor);
    if (!vendor) {
      const known = [...catalog.values()].filter((v) => v.role === instance.role).map((v) => v.id);
      problems.push(
        doc.problemAt(
          ['instances', id, 'vendor'],
          `unknown vendor "${instance.vendor}"; ${instance.role} vendors: ${known.join(', ') || 'none'}`,
        ),
      );
    } else if (vendor.role !== instance.role) {
      problems.push(
        doc.problemAt(
          ['instances', id, 'vendor'],
          `vendor "${vendor.id}" is ${roleNames[vendor.role]}, not ${roleNames[instance.role]}`,
        ),
      );
    }
  }

  const links: TopologyLink[] = [];
  data.links.forEach((link, i) => {
    const ifaces: InterfaceName[] = link.interface === 'fronthaul' ? ['ofh-m', 'ofh-cu'] : [link.interface];
    for (const iface of ifaces) {
      const spec = interfaceSpecs[iface];
      const fromRole =
        link.from === harnessSmo && !data.instances[harnessSmo] ? 'smo' : data.instances[link.from]?.role;
      const toRole = data.instances[link.to]?.role;
      if (!fromRole) {
        problems.push(
          doc.problemAt(
            ['links', i, 'from'],
            `no instance "${link.from}"; instances: ${Object.keys(data.instances).join(', ')}`,
          ),
        );
      } else if (!spec.clientRoles.includes(fromRole)) {
        problems.push(
          doc.problemAt(
            ['links', i, 'from'],
            `${link.from} is ${roleNames[fromRole]}; ${iface} is dialled by ${spec.clientRoles.map((r) => roleNames[r]).join(' or ')}`,
          ),
        );
      }
      if (!toRole) {
        problems.push(
          doc.problemAt(
            ['links', i, 'to'],
            `no instance "${link.to}"; instances: ${Object.keys(data.instances).join(', ')}`,
          ),
        );
      } else if (toRole !== spec.serverRole) {
        problems.push(
          doc.problemAt(
            ['links', i, 'to'],
            `${link.to} is ${roleNames[toRole]}; ${iface} is served by ${roleNames[spec.serverRole]}`,
          ),
        );
      }
      const id = `${link.from}>${link.to}/${iface}`;
      if (links.some((l) => l.id === id)) problems.push(doc.problemAt(['links', i], `duplicate link ${id}`));
      links.push({ id, interface: iface, client: link.from, server: link.to });
    }
  });
  throwProblems(problems);

  return {
    name: data.name,
    description: data.description,
    file: resolve(file),
    options: data.options,
    instances: new Map(Object.entries(data.instances).map(([id, i]) => [id, { id, ...i }])),
    links,
  };
}
