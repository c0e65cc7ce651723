/**
 * Brings a topology up on the process backend: ports, one relay per link, a config per
 * instance, every instance started at once (a relay holds a client that dials before its server
 * is ready), readiness awaited, logs kept;
 * and takes it down again. An instance can be restarted or replaced by another vendor while
 * the rest runs: the primitive that hot swap builds on.
 */
import { EventEmitter } from 'node:events';
import { join } from 'node:path';
import { type Relay, startRelay } from '../relay/index.js';
import type { LinkSecurity, VendorConfigInput } from '../sdk/index.js';
import {
  harnessSmo,
  harnessVendor,
  type Topology,
  type TopologyInstance,
  type VendorManifest,
} from '../topology/index.js';
import { type Link, type ReconnectingClient, settleWithin, stopDefaults } from '../transport/index.js';
import { createMessageRegistry, PlugfestError } from '../wire/index.js';
import { dialHarnessSmo } from './harness-smo.js';
import { type Endpoint, endpointsOf, instanceConfig, manifestToRun } from './instance-config.js';
import type { HarnessPeerHandle, StartTopologyOptions } from './options.js';
import { type ExitInfo, ProcessInstance } from './process-instance.js';
import { prepareSecurity, type RunSecurity } from './security.js';

export type { HarnessPeerHandle, HarnessPeerOptions, StartTopologyOptions } from './options.js';

interface RunningTopologyEvents {
  /** An instance exited without being asked to: its exit code and last log lines. */
  'instance-exit': [{ instance: string; vendor: string; info: ExitInfo }];
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
    for (const [instance, endpoints] of await endpointsOf(topology)) this.#endpoints.set(instance, endpoints);
    const registry = createMessageRegistry();
    // mTLS runs end to end: the relay forwards TCP, the vendor's server is wss://.
    const scheme = topology.options.security === 'mtls' ? 'wss' : 'ws';
    // Clients start with their servers: a relay holds a client that dials before its server is
    // ready (bounded), instead of the start waiting for every server first.
    const all = [...topology.instances.values()];
    const started = new Map(all.map((i) => [i.id, deferred()]));
    const relays = await Promise.all(
      topology.links.map((link) => {
        const port = this.#endpoints.get(link.server)?.find((e) => e.iface === link.interface)?.port;
        return startRelay({
          link,
          upstreamUrl: `${scheme}://127.0.0.1:${port}/${link.interface}`,
          security: topology.options.security,
          logger: this.#options.logger,
          registry,
          upstreamReady: started.get(link.server)!.promise,
          ...(this.#options.trace ? { trace: this.#options.trace } : {}),
        });
      }),
    );
    for (const relay of relays) this.relays.set(relay.link.id, relay);
    await Promise.all(
      all.map((i) =>
        this.#startMember(i).then(
          () => started.get(i.id)!.resolve(),
          (error: unknown) => {
            started.get(i.id)!.reject(error);
            throw error;
          },
        ),
      ),
    );
    const smo = await dialHarnessSmo({
      topology,
      relayUrl: (link) => this.relays.get(link)!.url,
      security: this.security,
      logger: this.#options.logger,
      registry,
    });
    this.#smoSecurity = smo.security;
    for (const [ric, client] of smo.clients) this.#smo.set(ric, client);
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

  #manifestToRun(spec: TopologyInstance): Promise<VendorManifest> {
    return manifestToRun(spec, {
      topology: this.topology,
      catalog: this.#options.catalog,
      runDir: this.runDir,
      root: this.#options.root,
      logger: this.#options.logger,
    });
  }

  #configOf(spec: TopologyInstance): Promise<VendorConfigInput> {
    return instanceConfig(spec, {
      topology: this.topology,
      endpoints: this.#endpoints.get(spec.id) ?? [],
      relayUrl: (link) => this.relays.get(link)!.url,
      epochUnixMs: this.epochUnixMs,
      security: this.security,
    });
  }
}

export function startTopology(topology: Topology, options: StartTopologyOptions): Promise<RunningTopology> {
  return RunningTopology.start(topology, options);
}

/** A promise settled from outside; its rejection is handled (the start's own failure says it). */
function deferred(): { promise: Promise<void>; resolve(): void; reject(error: unknown): void } {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  promise.catch(() => {});
  return { promise, resolve, reject };
}
