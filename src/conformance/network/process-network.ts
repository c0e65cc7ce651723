/**
 * The process backend of the Network cases see: a topology of real vendor processes brought
 * up by the orchestrator for one combination, the trace in memory (pushed to cases as each
 * record arrives) and on disk for the report, each instance's log as pushed, and the
 * harness's own endpoints (the SMO side of A1, test peers). Everything per network lives on
 * the network: nothing is kept at module level.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import {
  type AppliedLinkFaults,
  applyLinkFaults,
  ProcessFaults,
  parseLinkFault,
} from '../../faults/index.js';
import { type RunningTopology, startTopology } from '../../orchestrator/index.js';
import { memoryTraceSink, type Relay, type TraceRecord } from '../../relay/index.js';
import { harnessVendor, parseTopology, type Topology, type VendorCatalog } from '../../topology/index.js';
import { PlugfestError } from '../../wire/index.js';
import type { RevocationLedger } from '../forge.js';
import type { Combination } from '../matrix.js';
import { TestPeer } from '../peer.js';
import type { CaseTrace, Environment, Started } from '../runner.js';
import { createFrameStream } from './frames.js';
import { Member } from './member.js';
import type { InstanceHandle, LinkHandle, Network, NetworkSecurity } from './network.js';
import { saveCaseTrace, type TraceMode } from './trace-file.js';

export interface NetworkEnvironmentOptions {
  readonly catalog: VendorCatalog;
  readonly root: string;
  /** Run folder; each network gets a folder in it. */
  readonly outputDir: string;
  readonly logger: Logger;
  /**
   * Each case's trace on disk: `on` for every case, `retain-on-failure` only for a case that
   * ended fail, error or non-strict, `off` for none. Default `on`.
   */
  readonly trace?: TraceMode;
  /**
   * How long a shared network may take, after a case, to have every link ready again before
   * it counts as unhealthy and is restarted. Default: the topology's supervision interval +
   * guard (a link that went down comes back within one supervision cycle), at least 2 s.
   */
  readonly healthWaitMs?: number;
}

export function networkEnvironment(options: NetworkEnvironmentOptions): Environment<Network> {
  let sequence = 0;
  return {
    async start(combination: Combination, topologyYaml: string | undefined): Promise<Started<Network>> {
      if (!topologyYaml) throw new PlugfestError('config-invalid', 'a network case must name its topology');
      sequence += 1;
      const name = `${String(sequence).padStart(3, '0')}-${Object.values(combination).join('-')}`;
      const dir = join(options.outputDir, 'topologies', name);
      mkdirSync(dir, { recursive: true });
      const topology = parseTopology(topologyYaml, join(dir, 'topology.yaml'), options.catalog);
      return ProcessNetwork.start(topology, dir, options);
    },
  };
}

class ProcessNetwork implements Network, Started<Network> {
  readonly running: RunningTopology;
  readonly topology: Topology;
  readonly dir: string;
  readonly frames;
  readonly processes: ProcessFaults;
  readonly security: NetworkSecurity | undefined;
  readonly #memory: ReturnType<typeof memoryTraceSink>;
  readonly #members: Map<string, Member>;
  readonly #peers: Map<string, TestPeer>;
  readonly #applied = new Set<AppliedLinkFaults>();
  readonly #links = new Map<string, LinkHandle>();
  readonly #options: NetworkEnvironmentOptions;

  private constructor(
    topology: Topology,
    dir: string,
    options: NetworkEnvironmentOptions,
    running: RunningTopology,
    memory: ReturnType<typeof memoryTraceSink>,
    members: Map<string, Member>,
    peers: Map<string, TestPeer>,
  ) {
    this.topology = topology;
    this.dir = dir;
    this.#options = options;
    this.running = running;
    this.#memory = memory;
    this.#members = members;
    this.#peers = peers;
    this.frames = createFrameStream(memory);
    this.processes = new ProcessFaults(running);
    const security = running.security;
    this.security = security && {
      mode: security.mode,
      policyFile: security.policyFile,
      rootCaPem: readFileSync(security.pki.root.cert, 'utf8'),
    };
  }

  static async start(
    topology: Topology,
    dir: string,
    options: NetworkEnvironmentOptions,
  ): Promise<ProcessNetwork> {
    const memory = memoryTraceSink();
    const peers = new Map<string, TestPeer>();
    const revoked: RevocationLedger = new Map();
    // Members exist before any process starts, so each one's log is kept from its first line.
    let running: RunningTopology | undefined;
    const manifestOf = (id: string) => {
      if (!running) throw new PlugfestError('vendor-not-ready', `${id}: the network is still starting`);
      return running.manifestOf(id);
    };
    const members = new Map<string, Member>(
      [...topology.instances.values()].map((spec) => [
        spec.id,
        new Member(spec.id, spec.role, spec.vendor, manifestOf),
      ]),
    );
    running = await startTopology(topology, {
      catalog: options.catalog,
      runDir: dir,
      logger: options.logger,
      trace: memory,
      root: options.root,
      onInstanceSpawn: (id, process) => members.get(id)?.spawned(process),
      startHarnessPeer: (config, peerOptions) => {
        const peer = new TestPeer(config.instance, config.role, revoked);
        peers.set(config.instance, peer);
        return peer.start(config, dir, options.logger, peerOptions);
      },
    });
    const network = new ProcessNetwork(topology, dir, options, running, memory, members, peers);
    return network;
  }

  get fixture(): Network {
    return this;
  }

  get name(): string {
    return this.topology.name;
  }

  get options() {
    return this.topology.options;
  }

  get epochUnixMs(): number {
    return this.running.epochUnixMs;
  }

  records(): readonly TraceRecord[] {
    return this.#memory.records;
  }

  instance(id: string): InstanceHandle {
    const member = this.#members.get(id);
    if (!member)
      throw new PlugfestError(
        'config-invalid',
        `topology ${this.name} has no instance ${id} (it has ${[...this.#members.keys()].join(', ')})`,
      );
    return member;
  }

  instanceOf(role: InstanceHandle['role']): string {
    const found = [...this.topology.instances.values()].find((i) => i.role === role);
    if (!found) throw new PlugfestError('config-invalid', `topology ${this.name} has no ${role}`);
    return found.id;
  }

  link(id: string): LinkHandle {
    const known = this.#links.get(id);
    if (known) return known;
    const relay = this.#relay(id);
    const applied = this.#applied;
    const handle: LinkHandle = {
      id,
      interface: relay.link.interface,
      client: relay.link.client,
      server: relay.link.server,
      frames: createFrameStream(this.#memory, { link: id }),
      tap: (listener) => relay.tap(listener),
      faults(faults, faultOptions) {
        const applied_ = applyLinkFaults(relay, faults.map(parseLinkFault), faultOptions);
        applied.add(applied_);
        return applied_;
      },
      reset: () => relay.resetConnections(),
      get url() {
        return relay.url;
      },
    };
    this.#links.set(id, handle);
    return handle;
  }

  a1(ric: string) {
    return this.running.a1(ric);
  }

  peer(instance: string): TestPeer {
    const peer = this.#peers.get(instance);
    if (!peer)
      throw new PlugfestError(
        'config-invalid',
        `${instance} is not a test peer (vendor: harness) of ${this.name}`,
      );
    return peer;
  }

  async restart(instance: string): Promise<void> {
    await this.running.restart(instance);
  }

  async swap(instance: string, vendorId: string): Promise<void> {
    await this.running.replace(instance, vendorId);
  }

  // What the runner does with the network (Started<Network>).

  async stop(): Promise<void> {
    for (const handle of this.#applied) handle.remove();
    this.#applied.clear();
    await this.running.stop();
  }

  reset(): void {
    for (const peer of this.#peers.values()) peer.reset();
  }

  /** Healthy: every vendor process running and every link back to ready within the wait. */
  async health(): Promise<string | undefined> {
    for (const [id, member] of this.#members) {
      if (member.vendor !== harnessVendor && member.state !== 'running')
        return `${id} (${member.vendor}) exited`;
    }
    const { intervalMs, guardMs } = this.options.supervision;
    const waitMs = this.#options.healthWaitMs ?? Math.max(2000, intervalMs + guardMs);
    const settled = this.topology.options.security === 'mtls' ? ['open'] : ['ready'];
    const notReady = await Promise.all(
      this.topology.links.map(async (link) => {
        const relay = this.#relay(link.id);
        const ok = await new Promise<boolean>((resolve) => {
          if (settled.includes(relay.state)) return resolve(true);
          const timer = setTimeout(() => {
            relay.off('state', onState);
            resolve(false);
          }, waitMs);
          const onState = (state: string) => {
            if (!settled.includes(state)) return;
            clearTimeout(timer);
            relay.off('state', onState);
            resolve(true);
          };
          relay.on('state', onState);
        });
        return ok ? undefined : `${link.id} ${relay.state}`;
      }),
    );
    const links = notReady.filter((l): l is string => l !== undefined);
    return links.length ? `not ready ${waitMs} ms after the case: ${links.join(', ')}` : undefined;
  }

  saveTrace(trace: CaseTrace): string | undefined {
    return saveCaseTrace(this.#options.trace ?? 'on', this.dir, this.#memory.records, trace);
  }

  #relay(id: string): Relay {
    const relay = this.running.relays.get(id);
    if (!relay)
      throw new PlugfestError(
        'config-invalid',
        `topology ${this.name} has no link ${id} (it has ${[...this.running.relays.keys()].join(', ')})`,
      );
    return relay;
  }
}
