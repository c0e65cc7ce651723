/**
 * What an instance is started with: the vendor folder it runs (the catalogue's, or a changed copy
 * for a `modified` instance) and the config file the process contract gives it.
 */
import type { Logger } from 'pino';
import type { VendorConfigInput } from '../sdk/index.js';
import type { Topology, TopologyInstance, VendorCatalog, VendorManifest } from '../topology/index.js';
import { type InterfaceName, PlugfestError } from '../wire/index.js';
import { modifyVendor } from './modified.js';
import { allocatePorts } from './ports.js';
import type { RunSecurity } from './security.js';

/** A port an instance serves an interface on. */
export interface Endpoint {
  readonly iface: InterfaceName;
  readonly port: number;
}

/**
 * The catalogue's manifest, or for an instance the topology runs `modified` (and not swapped
 * to another vendor), the manifest of a changed copy of its folder in the run folder.
 */
export async function manifestToRun(
  spec: TopologyInstance,
  context: {
    readonly topology: Topology;
    readonly catalog: VendorCatalog;
    readonly runDir: string;
    readonly root: string;
    readonly logger: Logger;
  },
): Promise<VendorManifest> {
  const manifest = context.catalog.get(spec.vendor);
  if (!manifest) throw new PlugfestError('config-invalid', `no vendor ${spec.vendor} in the catalogue`);
  const planned = context.topology.instances.get(spec.id);
  const modification = planned?.vendor === spec.vendor ? planned.modified : undefined;
  if (!modification) return manifest;
  const modified = await modifyVendor({
    manifest,
    modification,
    instance: spec.id,
    runDir: context.runDir,
    root: context.root,
  });
  context.logger.warn(
    {
      instance: spec.id,
      vendor: manifest.id,
      modification,
      file: modified.file,
      dir: modified.manifest.dir,
      ...(modified.from ? { from: modified.from, to: modified.to } : {}),
    },
    `vendor runs ${modification}`,
  );
  return modified.manifest;
}

/** The ports of every interface each server instance serves, picked and reserved (ports.ts). */
export async function endpointsOf(topology: Topology): Promise<Map<string, Endpoint[]>> {
  const served = topology.links.map((l) => ({ instance: l.server, iface: l.interface }));
  const unique = served.filter(
    (s, i) => served.findIndex((o) => o.instance === s.instance && o.iface === s.iface) === i,
  );
  const ports = await allocatePorts(unique.length);
  const endpoints = new Map<string, Endpoint[]>();
  unique.forEach((s, i) => {
    endpoints.set(s.instance, [...(endpoints.get(s.instance) ?? []), { iface: s.iface, port: ports[i]! }]);
  });
  return endpoints;
}

/** The config file of an instance (docs/vendor-contract.md section 2). */
export async function instanceConfig(
  spec: TopologyInstance,
  context: {
    readonly topology: Topology;
    readonly endpoints: readonly Endpoint[];
    /** The relay's URL of a link: what the instance dials. */
    readonly relayUrl: (link: string) => string;
    readonly epochUnixMs: number;
    readonly security: RunSecurity | undefined;
  },
): Promise<VendorConfigInput> {
  const { options } = context.topology;
  const listen = Object.fromEntries(
    context.endpoints.map((e) => [e.iface, { host: '127.0.0.1', port: e.port }]),
  );
  const peers = context.topology.links
    .filter((l) => l.client === spec.id)
    .map((l) => ({ interface: l.interface, instance: l.server, url: context.relayUrl(l.id) }));
  return {
    instance: spec.id,
    vendor: spec.vendor,
    role: spec.role,
    listen,
    peers,
    logLevel: 'info',
    supervision: options.supervision,
    settings: {
      clock: { epochUnixMs: context.epochUnixMs, slotRatePerSecond: options.slotRatePerSecond },
      kpmPeriodMs: options.kpmPeriodMs,
      mplaneSupervision: options.mplaneSupervision,
      ...spec.settings,
    },
    ...(context.security ? { security: await context.security.configOf(spec.id, spec.vendor) } : {}),
  };
}
