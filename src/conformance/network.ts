/**
 * The fixture cases run against: a topology of real vendor processes brought up by the
 * orchestrator for one combination, its trace (in memory to await messages, and on disk for the
 * report), the vendors' logs, and the harness's own endpoints (the SMO side of A1).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Logger } from 'pino';
import {
  type AppliedLinkFaults,
  applyLinkFaults,
  type LinkFaultInput,
  type LinkFaultOptions,
  ProcessFaults,
  parseLinkFault,
} from '../faults/index.js';
import { type RunningTopology, startTopology } from '../orchestrator/index.js';
import {
  type FrameRecord,
  memoryTraceSink,
  type TappedFrame,
  type TraceRecord,
  type TraceSink,
} from '../relay/index.js';
import { parseTopology, type VendorCatalog } from '../topology/index.js';
import type { Link } from '../transport/index.js';
import type { RoleName } from '../wire/index.js';
import type { Combination } from './matrix.js';
import { TestPeer } from './peer.js';
import type { Environment } from './runner.js';

export interface FrameFilter {
  readonly link?: string;
  readonly type?: string;
  readonly dir?: FrameRecord['dir'];
  /** Only frames at or after this time (unix ms). */
  readonly since?: number;
  readonly where?: (frame: FrameRecord) => boolean;
}

export type TraceMode = 'on' | 'off' | 'retain-on-failure';
export const traceModes: readonly TraceMode[] = ['on', 'off', 'retain-on-failure'];

export type LogRecord = Record<string, unknown> & { msg?: string };

/** When a vendor wrote a log line, Unix ms (pino writes `time` as ISO text or as a number). */
export const logTimeOf = (record: LogRecord): number =>
  typeof record.time === 'string' ? Date.parse(record.time) : Number(record.time);

export interface Network {
  readonly running: RunningTopology;
  /** The folder of this topology: configs, logs, traces. */
  readonly dir: string;
  /** Every trace record so far (frames and connection events), in order. */
  records(): readonly TraceRecord[];
  /** The instance that plays `role` (the first, in topology order). */
  instance(role: RoleName): string;
  frames(filter?: FrameFilter): FrameRecord[];
  /** The first frame matching, waiting up to `timeoutMs`; undefined if none came. */
  waitForFrame(filter: FrameFilter, timeoutMs: number): Promise<FrameRecord | undefined>;
  /** The JSON log lines an instance wrote so far. */
  logs(instance: string): LogRecord[];
  waitForLog(
    instance: string,
    where: (record: LogRecord) => boolean,
    timeoutMs: number,
  ): Promise<LogRecord | undefined>;
  /** The harness's A1 link to a near-RT RIC, as the SMO. */
  a1(ric: string): Promise<Link>;
  /**
   * Every raw frame crossing `link` (both directions) until the returned function is called:
   * for what the trace keeps only headers of, such as CU-plane IQ.
   */
  tap(link: string, listener: (frame: TappedFrame) => void): () => void;
  /** The test peer the harness plays for an instance of vendor `harness` (conformance mode). */
  peer(instance: string): TestPeer;
  /** Faults on this network: link faults through the relays, process faults through the orchestrator. */
  readonly faults: NetworkFaults;
  /**
   * Hot swap: stops the instance's vendor and starts `vendorId` in its place on the same ports
   * and links; its peers reconnect. Resolves once the new process is ready.
   */
  swap(instance: string, vendorId: string): Promise<void>;
}

export interface NetworkFaults {
  /** Puts faults on a link (replacing any there); the handle removes them. Removed at stop too. */
  link(link: string, faults: readonly LinkFaultInput[], options?: LinkFaultOptions): AppliedLinkFaults;
  /** Kill, freeze, thaw, restart, crash loop of vendor processes, with the time of each. */
  readonly process: ProcessFaults;
}

export interface NetworkEnvironmentOptions {
  readonly catalog: VendorCatalog;
  readonly root: string;
  /** Run folder; each topology gets a folder in it. */
  readonly outputDir: string;
  readonly logger: Logger;
  /**
   * Each case's trace on disk: `on` for every case, `retain-on-failure` only for a case that
   * ended fail, error or non-strict, `off` for none. Default `on`.
   */
  readonly trace?: TraceMode;
}

const matches = (frame: FrameRecord, filter: FrameFilter) =>
  (!filter.link || frame.link === filter.link) &&
  (!filter.type || frame.type === filter.type) &&
  (!filter.dir || frame.dir === filter.dir) &&
  (filter.since === undefined || frame.t >= filter.since) &&
  (!filter.where || filter.where(frame));

/** Link faults put on each running topology, removed when it stops. */
const appliedOf = new WeakMap<RunningTopology, Set<AppliedLinkFaults>>();

export function networkEnvironment(options: NetworkEnvironmentOptions): Environment<Network> {
  let sequence = 0;
  return {
    async start(combination: Combination, topologyYaml: string | undefined) {
      if (!topologyYaml) throw new Error('a network case must name its topology');
      sequence += 1;
      const dir = join(
        options.outputDir,
        'topologies',
        `${String(sequence).padStart(3, '0')}-${Object.values(combination).join('-')}`,
      );
      mkdirSync(dir, { recursive: true });
      const memory = memoryTraceSink();
      const sink: TraceSink = memory;
      const topology = parseTopology(topologyYaml, join(dir, 'topology.yaml'), options.catalog);
      const peers = new Map<string, TestPeer>();
      const running = await startTopology(topology, {
        catalog: options.catalog,
        runDir: dir,
        logger: options.logger,
        trace: sink,
        root: options.root,
        startHarnessPeer: (config, peerOptions) => {
          const peer = new TestPeer(config.instance, config.role);
          peers.set(config.instance, peer);
          return peer.start(config, dir, options.logger, peerOptions);
        },
      });
      const frames = () => memory.records.filter((r): r is FrameRecord => r.kind === 'frame');
      const logs = (instance: string): LogRecord[] => {
        const file = running.instances.get(instance)?.logFile;
        if (!file) return [];
        return readFileSync(file, 'utf8')
          .split('\n')
          .flatMap((line) => {
            try {
              return line ? [JSON.parse(line) as LogRecord] : [];
            } catch {
              return [];
            }
          });
      };
      const poll = async <T>(find: () => T | undefined, timeoutMs: number): Promise<T | undefined> => {
        const deadline = Date.now() + timeoutMs;
        for (;;) {
          const found = find();
          if (found !== undefined || Date.now() >= deadline) return found;
          await new Promise((r) => setTimeout(r, 25));
        }
      };
      const applied = new Set<AppliedLinkFaults>();
      const processFaults = new ProcessFaults(running);
      appliedOf.set(running, applied);
      return {
        running,
        dir,
        records: () => memory.records,
        faults: {
          link(link, faults, faultOptions) {
            const relay = running.relays.get(link);
            if (!relay) throw new Error(`topology ${topology.name} has no link ${link}`);
            const handle = applyLinkFaults(relay, faults.map(parseLinkFault), faultOptions);
            applied.add(handle);
            return handle;
          },
          process: processFaults,
        },
        async swap(instance, vendorId) {
          await running.replace(instance, vendorId);
        },
        instance(role) {
          const found = [...topology.instances.values()].find((i) => i.role === role);
          if (!found) throw new Error(`topology ${topology.name} has no ${role}`);
          return found.id;
        },
        frames: (filter = {}) => frames().filter((f) => matches(f, filter)),
        waitForFrame: (filter, timeoutMs) => poll(() => frames().find((f) => matches(f, filter)), timeoutMs),
        logs,
        waitForLog: (instance, where, timeoutMs) => poll(() => logs(instance).find(where), timeoutMs),
        a1: (ric) => running.a1(ric),
        tap(link, listener) {
          const relay = running.relays.get(link);
          if (!relay) throw new Error(`topology ${topology.name} has no link ${link}`);
          return relay.tap(listener);
        },
        peer(instance) {
          const peer = peers.get(instance);
          if (!peer) throw new Error(`${instance} is not a test peer (vendor: harness) of ${topology.name}`);
          return peer;
        },
      };
    },
    stop: (network) => {
      for (const handle of appliedOf.get(network.running) ?? []) handle.remove();
      return network.running.stop();
    },
    saveTrace(network, trace) {
      const mode = options.trace ?? 'on';
      if (mode === 'off' || (mode === 'retain-on-failure' && !trace.failed)) return undefined;
      const file = join(network.dir, 'traces', `${trace.caseId}.jsonl`);
      mkdirSync(dirname(file), { recursive: true });
      const lines = network
        .records()
        .filter((r) => r.t >= trace.since)
        .map((r) => JSON.stringify(r));
      writeFileSync(file, lines.length ? `${lines.join('\n')}\n` : '');
      return file;
    },
  };
}
