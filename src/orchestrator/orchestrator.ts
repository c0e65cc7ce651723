/**
 * Brings a topology up on the process backend: ports, one relay per link, a config per
 * instance, servers (O-RUs, RICs) started before their clients, readiness awaited, logs kept;
 * and takes it down again. An instance can be restarted or replaced by another vendor while
 * the rest runs: the primitive that hot swap builds on.
 */
import { EventEmitter } from 'node:events';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { type Relay, startRelay, type TraceSink } from '../relay/index.js';
import {
  type AttesterFacts,
  createLinkSecurity,
  type LinkSecurity,
  type VendorConfigInput,
} from '../sdk/index.js';
import {
  harnessSmo,
  harnessVendor,
  type Topology,
  type TopologyInstance,
  type VendorCatalog,
  type VendorManifest,
} from '../topology/index.js';
import {
  dialWithBackoff,
  type Link,
  type ReconnectingClient,
  settleWithin,
  stopDefaults,
} from '../transport/index.js';
import { createMessageRegistry, type InterfaceName, interfaceSpecs, PlugfestError } from '../wire/index.js';
import { modifyVendor } from './modified.js';
import { allocatePorts } from './ports.js';
import { type ExitInfo, ProcessInstance } from './process-instance.js';
import { prepareSecurity, type RunSecurity } from './security.js';

export interface StartTopologyOptions {
  readonly catalog: VendorCatalog;
  /** Folder for configs, logs and the trace of this run. */
  readonly runDir: string;
  readonly logger: Logger;
  readonly trace?: TraceSink;
  /** plugfest's own folder (for `${root}` in vendor commands). */
  readonly root: string;
  /** Grace between SIGTERM and SIGKILL. Default 3000 ms. */
  readonly stopGraceMs?: number;
  /** The air clock epoch shared by every instance. Default: now. */
  readonly epochUnixMs?: number;
  /**
   * Called when a vendor process is spawned for an instance (at start, restart or swap), before
   * its ready line: listen to its `log` here to miss none of its lines.
   */
  readonly onInstanceSpawn?: (instance: string, process: ProcessInstance) => void;
  /**
   * Starts an instance whose vendor is `harness` (a test peer) with the config a process
   * would get. Without it such a topology is refused.
   */
  readonly startHarnessPeer?: (
    config: VendorConfigInput,
    options: HarnessPeerOptions,
  ) => Promise<HarnessPeerHandle>;
}

/** What a test peer needs beyond its config. */
export interface HarnessPeerOptions {
  /** In a secured run: what the harness's evidence claims (runVendor `attesterFacts`). */
  readonly attesterFacts?: AttesterFacts;
}

/** A test peer the harness runs in its own process, in place of a vendor. */
export interface HarnessPeerHandle {
  stop(): Promise<void>;
}

interface RunningTopologyEvents {
  /** An instance exited without being asked to: its exit code and last log lines. */
  'instance-exit': [{ instance: string; vendor: string; info: ExitInfo }];
}

interface Endpoint {
  readonly iface: InterfaceName;
  readonly port: number;
}

export class RunningTopology extends EventEmitter<RunningTopologyEvents> implements AsyncDisposable {
  readonly topology: Topology;
  readonly runDir: string;
  readonly instances = new Map<string, ProcessInstance>();
  readonly relays = new Map<string, Relay>();
  /** Instances the harness plays itself (vendor `harness`), by id. */
  readonly peers = new Map<string, HarnessPeerHandle>();
  readonly epochUnixMs: number;
  #security: RunSecurity | undefined;
  /** The harness's own link security, as the SMO. */
  #smoSecurity: LinkSecurity | undefined;
  readonly #options: StartTopologyOptions;
  readonly #endpoints = new Map<string, Endpoint[]>();
  /** The harness's own A1 links, as the SMO, per near-RT RIC. */
  readonly #smo = new Map<string, ReconnectingClient>();
  readonly #killOnExit = () => {
    for (const instance of this.instances.values()) instance.killNow();
  };
  #stopped: Promise<void> | undefined;

  private constructor(topology: Topology, options: StartTopologyOptions) {
    super();
    this.topology = topology;
    this.runDir = options.runDir;
    this.#options = options;
    this.epochUnixMs = options.epochUnixMs ?? Date.now();
  }

  static async start(topology: Topology, options: StartTopologyOptions): Promise<RunningTopology> {
    const running = new RunningTopology(topology, options);
    // No orphans: if the harness exits, however it exits, its vendors go with it.
    process.once('exit', running.#killOnExit);
    try {
      await running.#start();
      return running;
    } catch (error) {
      await running.stop();
      throw error;
    }
  }

  /** The run's PKI and trust policy when the topology is secured (`security: attest | mtls`). */
  get security(): RunSecurity | undefined {
    return this.#security;
  }

  /** The vendor manifest of an instance, as now running. */
  manifestOf(id: string): VendorManifest {
    const instance = this.instances.get(id);
    const manifest =
      instance?.manifest ?? this.#options.catalog.get(this.topology.instances.get(id)?.vendor ?? '');
    if (!manifest)
      throw new PlugfestError('config-invalid', `no instance ${id} in topology ${this.topology.name}`);
    return manifest;
  }

  /** Stops one instance and starts it again on the same ports; its peers reconnect. */
  async restart(id: string): Promise<ProcessInstance> {
    return this.replace(id, this.manifestOf(id).id);
  }

  /** Stops one instance and starts another vendor in its place, on the same ports and links. */
  async replace(id: string, vendorId: string): Promise<ProcessInstance> {
    const spec = this.topology.instances.get(id);
    const manifest = this.#options.catalog.get(vendorId);
    if (!spec)
      throw new PlugfestError('config-invalid', `no instance ${id} in topology ${this.topology.name}`);
    if (spec.vendor === harnessVendor || vendorId === harnessVendor)
      throw new PlugfestError('config-invalid', `${id}: a harness test peer is not restarted or replaced`);
    if (!manifest) throw new PlugfestError('config-invalid', `no vendor ${vendorId} in the catalogue`);
    if (manifest.role !== spec.role) {
      throw new PlugfestError(
        'config-invalid',
        `vendor ${vendorId} plays ${manifest.role}; ${id} is an ${spec.role} instance`,
      );
    }
    await this.instances.get(id)?.stop(this.#options.stopGraceMs ?? 3000);
    this.instances.delete(id);
    return this.#startInstance({ ...spec, vendor: vendorId });
  }

  /** The harness's A1 link to a near-RT RIC (as the SMO), once ready. */
  async a1(ric: string, timeoutMs = 10_000): Promise<Link> {
    const client = this.#smo.get(ric);
    if (!client)
      throw new PlugfestError('config-invalid', `the topology has no A1 link from ${harnessSmo} to ${ric}`);
    const deadline = Date.now() + timeoutMs;
    while (client.current?.state !== 'ready') {
      if (Date.now() > deadline)
        throw new PlugfestError('connect-failed', `A1 link to ${ric} not ready within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 20));
    }
    return client.current;
  }

  /**
   * Stops every instance (clients first), then the relays and the trace. Every step has a
   * bound (issue 15: a run waited for ever on a topology whose stop never finished): a step
   * that has not finished in its bound is logged, its processes are killed, and the stop goes
   * on, so it always ends, within about 2 x stopGraceMs + 4 s.
   */
  stop(): Promise<void> {
    this.#stopped ??= (async () => {
      const grace = this.#options.stopGraceMs ?? 3000;
      const bounded = async (step: string, work: Promise<unknown>, ms: number) => {
        const outcome = await settleWithin(work, ms);
        if (outcome.timedOut)
          this.#options.logger.warn(
            { topology: this.topology.name, step, boundMs: ms },
            'stop step timed out',
          );
      };
      const linkBound = stopDefaults.graceMs * 3;
      await bounded('harness smo', Promise.all([...this.#smo.values()].map((c) => c.stop())), linkBound);
      this.#smoSecurity?.close();
      await bounded('test peers', Promise.all([...this.peers.values()].map((p) => p.stop())), linkBound);
      const clients = [...this.instances.values()].filter(
        (i) => i.manifest.role === 'o-du' || i.manifest.role === 'smo',
      );
      const servers = [...this.instances.values()].filter((i) => !clients.includes(i));
      // SIGKILL follows SIGTERM after the grace; the extra second is for the exit to be reported.
      await bounded('clients', Promise.all(clients.map((i) => i.stop(grace))), grace + 1000);
      await bounded('servers', Promise.all(servers.map((i) => i.stop(grace))), grace + 1000);
      this.#killOnExit();
      await bounded('relays', Promise.all([...this.relays.values()].map((r) => r.close())), linkBound);
      await bounded('trace', this.#options.trace?.close() ?? Promise.resolve(), linkBound);
      process.off('exit', this.#killOnExit);
    })();
    return this.#stopped;
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.stop();
  }

  async #start(): Promise<void> {
    const { topology } = this;
    this.#security = await prepareSecurity({
      topology,
      catalog: this.#options.catalog,
      runDir: this.runDir,
      root: this.#options.root,
    });
    // Ports for every interface each server instance serves.
    const served = topology.links.map((l) => ({ instance: l.server, iface: l.interface }));
    const unique = served.filter(
      (s, i) => served.findIndex((o) => o.instance === s.instance && o.iface === s.iface) === i,
    );
    const ports = await allocatePorts(unique.length);
    unique.forEach((s, i) => {
      const list = this.#endpoints.get(s.instance) ?? [];
      list.push({ iface: s.iface, port: ports[i]! });
      this.#endpoints.set(s.instance, list);
    });
    const registry = createMessageRegistry();
    // mTLS runs end to end: the relay forwards TCP, the vendor's server is wss://.
    const scheme = topology.options.security === 'mtls' ? 'wss' : 'ws';
    for (const link of topology.links) {
      const port = this.#endpoints.get(link.server)?.find((e) => e.iface === link.interface)?.port;
      const relay = await startRelay({
        link,
        upstreamUrl: `${scheme}://127.0.0.1:${port}/${link.interface}`,
        security: topology.options.security,
        logger: this.#options.logger,
        registry,
        ...(this.#options.trace ? { trace: this.#options.trace } : {}),
      });
      this.relays.set(link.id, relay);
    }
    const all = [...topology.instances.values()];
    const isServer = (i: TopologyInstance) => i.role === 'o-ru' || i.role === 'near-rt-ric';
    await Promise.all(all.filter(isServer).map((i) => this.#startMember(i)));
    await Promise.all(all.filter((i) => !isServer(i)).map((i) => this.#startMember(i)));
    // The harness is the SMO of A1 links from `smo` when no instance has that name.
    const smoLinks = topology.links.filter(
      (l) => l.client === harnessSmo && !topology.instances.has(harnessSmo),
    );
    const security = smoLinks.length > 0 ? await this.#harnessSmoSecurity() : undefined;
    this.#smoSecurity = security;
    for (const link of smoLinks) {
      this.#smo.set(
        link.server,
        dialWithBackoff({
          spec: interfaceSpecs.a1,
          url: this.relays.get(link.id)!.url,
          identity: { instanceId: harnessSmo, vendorId: 'plugfest', role: 'smo', productVersion: 'harness' },
          logger: this.#options.logger,
          registry,
          ...(security ? { onOpen: (l: Link) => security.dial(l, link.server) } : {}),
          ...(security?.tls ? { tls: security.tls.client } : {}),
          onLink: () => {},
        }),
      );
    }
  }

  /** In a secured run, the harness attests as the SMO (vendor `harness`) and verifies the RICs. */
  async #harnessSmoSecurity(): Promise<LinkSecurity | undefined> {
    if (!this.security) return undefined;
    return createLinkSecurity({
      config: await this.security.configOf(harnessSmo, harnessVendor),
      facts: this.security.harnessFacts,
      logger: this.#options.logger.child({ instance: harnessSmo, vendor: harnessVendor, role: 'smo' }),
    });
  }

  /** A vendor's process, or the harness's test peer for vendor `harness`. */
  async #startMember(spec: TopologyInstance): Promise<void> {
    if (spec.vendor !== harnessVendor) {
      await this.#startInstance(spec);
      return;
    }
    if (!this.#options.startHarnessPeer)
      throw new PlugfestError('config-invalid', `${spec.id}: this run has no harness test peers`);
    const attesterFacts = this.security?.harnessFacts;
    this.peers.set(
      spec.id,
      await this.#options.startHarnessPeer(
        await this.#configOf(spec),
        attesterFacts ? { attesterFacts } : {},
      ),
    );
  }

  async #startInstance(spec: TopologyInstance): Promise<ProcessInstance> {
    const manifest = await this.#manifestToRun(spec);
    const instance = await ProcessInstance.start(
      {
        manifest,
        config: await this.#configOf(spec),
        dir: join(this.runDir, 'instances', spec.id),
        readyTimeoutMs: this.topology.options.readyTimeoutS * 1000,
        root: this.#options.root,
      },
      (process) => this.#options.onInstanceSpawn?.(spec.id, process),
    );
    this.instances.set(spec.id, instance);
    this.#options.logger.info(
      { instance: spec.id, vendor: manifest.id, pid: instance.pid },
      'instance ready',
    );
    instance.once('exit', (info) => {
      if (info.expected) return;
      this.#options.logger.error(
        {
          instance: spec.id,
          vendor: manifest.id,
          code: info.code,
          signal: info.signal,
          lastLogLines: info.lastLogLines.slice(-10),
        },
        'instance exited unexpectedly',
      );
      this.emit('instance-exit', { instance: spec.id, vendor: manifest.id, info });
    });
    return instance;
  }

  /**
   * The catalogue's manifest, or for an instance the topology runs `modified` (and not swapped
   * to another vendor), the manifest of a changed copy of its folder in the run folder.
   */
  async #manifestToRun(spec: TopologyInstance): Promise<VendorManifest> {
    const manifest = this.#options.catalog.get(spec.vendor);
    if (!manifest) throw new PlugfestError('config-invalid', `no vendor ${spec.vendor} in the catalogue`);
    const planned = this.topology.instances.get(spec.id);
    const modification = planned?.vendor === spec.vendor ? planned.modified : undefined;
    if (!modification) return manifest;
    const modified = await modifyVendor({
      manifest,
      modification,
      instance: spec.id,
      runDir: this.runDir,
      root: this.#options.root,
    });
    this.#options.logger.warn(
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

  async #configOf(spec: TopologyInstance): Promise<VendorConfigInput> {
    const { options } = this.topology;
    const listen = Object.fromEntries(
      (this.#endpoints.get(spec.id) ?? []).map((e) => [e.iface, { host: '127.0.0.1', port: e.port }]),
    );
    const peers = this.topology.links
      .filter((l) => l.client === spec.id)
      .map((l) => ({ interface: l.interface, instance: l.server, url: this.relays.get(l.id)!.url }));
    return {
      instance: spec.id,
      vendor: spec.vendor,
      role: spec.role,
      listen,
      peers,
      logLevel: 'info',
      supervision: options.supervision,
      settings: {
        clock: { epochUnixMs: this.epochUnixMs, slotRatePerSecond: options.slotRatePerSecond },
        kpmPeriodMs: options.kpmPeriodMs,
        mplaneSupervision: options.mplaneSupervision,
        ...spec.settings,
      },
      ...(this.security ? { security: await this.security.configOf(spec.id, spec.vendor) } : {}),
    };
  }
}

export function startTopology(topology: Topology, options: StartTopologyOptions): Promise<RunningTopology> {
  return RunningTopology.start(topology, options);
}
