import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { type ConfigProblem, parseConfigDocument, readConfigText, throwProblems } from '../config/index.js';
import { supervisionSchema } from '../sdk/index.js';
import { type InterfaceName, interfaceSpecs, type RoleName } from '../wire/index.js';
import type { VendorCatalog } from './vendor-manifest.js';

const instanceId = z.string().regex(/^[a-z][a-z0-9-]{0,30}$/, 'must be a lowercase id such as "du-1"');

/**
 * Link security (issue 5): `none`; `attest`, mutual attestation in every link's handshake over
 * ws://; `mtls`, the same over wss:// with client certificates and channel binding.
 */
const securityMode = z.enum(['none', 'attest', 'mtls']);
/** A trust policy file (src/attestation/policy.ts), relative to the topology file. */
const trustPolicyFile = z.string().min(1);

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
      supervision: supervisionSchema.default({ intervalMs: 1500, guardMs: 4500 }),
      /** M-plane supervision watchdog (o-ran-supervision). Default 60 s + 10 s guard. */
      mplaneSupervision: z
        .strictObject({
          notificationIntervalS: z.number().int().positive(),
          guardTimerOverheadS: z.number().int().nonnegative(),
        })
        .default({ notificationIntervalS: 60, guardTimerOverheadS: 10 }),
      /** Link security; may also be given at the top level. Default none. */
      security: securityMode.default('none'),
      /**
       * The trust policy the run's verifiers apply (with the run's own root and CRLs added); may
       * also be given at the top level. Default: one made for the run (orchestrator/security.ts).
       */
      trustPolicy: trustPolicyFile.optional(),
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
  /** As options.security. */
  security: securityMode.optional(),
  /** As options.trustPolicy. */
  trustPolicy: trustPolicyFile.optional(),
  instances: z.record(
    instanceId,
    z.strictObject({
      role: z.enum(['o-ru', 'o-du', 'near-rt-ric', 'smo']),
      vendor: z.string().min(1),
      /** Overrides of the vendor's defaults, handed to it as `settings`. */
      settings: z.record(z.string(), z.unknown()).default({}),
      /**
       * Run the vendor changed, for the negative attestation cases: the orchestrator copies its
       * folder into the run folder and changes the copy before starting it there. `tampered`:
       * one shipped file changed (its measurement differs); `downgraded`: vendor.yaml's version
       * lowered below the one the policy pins; `sbom-missing`: shipped without sbom.cdx.json.
       * The vendor itself is not told: it measures and
       * reports what it runs from.
       */
      modified: z.enum(['tampered', 'downgraded', 'sbom-missing']).optional(),
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
  /** Started from a changed copy of its vendor folder (see the schema). */
  readonly modified?: 'tampered' | 'downgraded' | 'sbom-missing';
}

export type SecurityMode = z.output<typeof securityMode>;

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
  const security = securityOf(data, file, (path, message) => problems.push(doc.problemAt(path, message)));

  for (const [id, instance] of Object.entries(data.instances)) {
    if (instance.vendor === harnessVendor && instance.modified) {
      problems.push(
        doc.problemAt(
          ['instances', id, 'modified'],
          `a harness test peer is not a vendor folder; only a vendor can run ${instance.modified}`,
        ),
      );
    }
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
    options: { ...data.options, ...security },
    instances: new Map(Object.entries(data.instances).map(([id, i]) => [id, { id, ...i }])),
    links,
  };
}

type TopologyData = z.output<typeof topologySchema>;

/**
 * Security and trust policy from the top level or options (not both), the policy resolved
 * against the topology's folder and checked to be a readable file, and only with a mode that
 * attests.
 */
function securityOf(
  data: TopologyData,
  file: string,
  problem: (path: (string | number)[], message: string) => void,
): { security: SecurityMode; trustPolicy?: string } {
  const { options } = data;
  // options.security defaults to none, so only a different mode given in both places clashes.
  if (data.security !== undefined && options.security !== 'none' && data.security !== options.security)
    problem(['security'], `is ${data.security} here but ${options.security} under options; give it once`);
  if (data.trustPolicy !== undefined && options.trustPolicy !== undefined)
    problem(['trustPolicy'], 'is given both here and under options; give it once');
  const security = data.security ?? options.security;
  const given = data.trustPolicy ?? options.trustPolicy;
  if (given === undefined) return { security };
  const at = data.trustPolicy !== undefined ? ['trustPolicy'] : ['options', 'trustPolicy'];
  const trustPolicy = resolve(dirname(resolve(file)), given);
  if (security === 'none') problem(at, 'a trust policy needs security attest or mtls; security is none');
  else if (!existsSync(trustPolicy) || !statSync(trustPolicy).isFile())
    problem(at, `no trust policy file ${trustPolicy}`);
  return { security, trustPolicy };
}
