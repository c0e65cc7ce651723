/**
 * The network a case runs against, as plugfest's own types (issue 11): the same whichever
 * backend runs the vendors (processes, containers, remote). A case reaches an instance or a
 * link by id and never sees a process, a container or a relay object.
 */
import type {
  AppliedLinkFaults,
  CrashLoopOptions,
  LinkFaultInput,
  LinkFaultOptions,
  ProcessFaultEvent,
} from '../../faults/index.js';
import type { TappedFrame, TraceRecord } from '../../relay/index.js';
import type { TopologyOptions, VendorManifest } from '../../topology/index.js';
import type { Link } from '../../transport/index.js';
import type { InterfaceName, RoleName } from '../../wire/index.js';
import type { TestPeer } from '../peer.js';
import type { FrameStream } from './frames.js';
import type { LogStream } from './logs.js';

/** How an instance's current incarnation ended. */
export interface InstanceExit {
  readonly code: number | null;
  readonly signal: string | null;
  /** True when the harness stopped it (a stop, a kill fault, a restart or swap). */
  readonly expected: boolean;
}

/** One instance of the topology: a vendor the backend runs, or a test peer the harness plays. */
export interface InstanceHandle {
  readonly id: string;
  readonly role: RoleName;
  /** The vendor now playing it (after a swap, the new one); `harness` for a test peer. */
  readonly vendor: string;
  /** The running vendor's manifest. Throws for a test peer, which has none. */
  readonly manifest: VendorManifest;
  /** `running` until the current incarnation exits; a test peer is always `running`. */
  readonly state: 'running' | 'exited';
  /** 1 for the first start, one more at each restart or swap. */
  readonly incarnation: number;
  /** Resolves when the current incarnation exits (never, for a test peer). */
  readonly exited: Promise<InstanceExit>;
  /** Its structured log, every incarnation's, as pushed (empty for a test peer). */
  readonly logs: LogStream;
}

/** One link of the topology, through the harness's relay. */
export interface LinkHandle {
  /** `<client>><server>/<interface>`, as the topology names it. */
  readonly id: string;
  readonly interface: InterfaceName;
  readonly client: string;
  readonly server: string;
  /** This link's frames. */
  readonly frames: FrameStream;
  /**
   * Every raw frame crossing the link (both directions) until the returned function is called:
   * for what the trace keeps only headers of, such as CU-plane IQ.
   */
  tap(listener: (frame: TappedFrame) => void): () => void;
  /** Puts faults on the link (replacing any there); the handle removes them. Removed at stop too. */
  faults(faults: readonly LinkFaultInput[], options?: LinkFaultOptions): AppliedLinkFaults;
  /** Resets every connection of the link (a TCP RST each way); the client redials. */
  reset(): void;
  /** What the client dials (the relay's address): for a case that dials the link itself. */
  readonly url: string;
}

/** Faults on the vendors' processes (whatever runs them), each with its time in `events`. */
export interface NetworkProcesses {
  readonly events: readonly ProcessFaultEvent[];
  /** Instances frozen and not thawed. */
  readonly frozen: readonly string[];
  /** Kills the instance at once (SIGKILL); resolves once it has exited. */
  kill(instance: string): Promise<void>;
  /** Freezes it (SIGSTOP): its sockets stay open and it does nothing. */
  freeze(instance: string): void;
  thaw(instance: string): void;
  /** Stops it (if it still runs) and starts it again on the same ports. */
  restart(instance: string): Promise<unknown>;
  /** Starts it and kills it once up, `times` times; it is left running after. */
  crashLoop(instance: string, options?: CrashLoopOptions): Promise<void>;
}

/** A secured run's trust material, for the attestation cases. */
export interface NetworkSecurity {
  readonly mode: 'attest' | 'mtls';
  /** The trust policy every verifier applies; the verifiers reload it when it changes. */
  readonly policyFile: string;
  /** The run's root CA certificate, PEM: what a client verifies a vendor's certificate against. */
  readonly rootCaPem: string;
}

export interface Network {
  /** The topology's name. */
  readonly name: string;
  /** The folder of this network: configs, logs, traces. */
  readonly dir: string;
  /** The topology's options (timers, clock, KPM period) as the vendors were given them. */
  readonly options: TopologyOptions;
  /** The air clock's epoch shared by every instance, Unix ms. */
  readonly epochUnixMs: number;
  /** Undefined unless the topology is secured (`security: attest | mtls`). */
  readonly security: NetworkSecurity | undefined;
  /** Every link's frames. */
  readonly frames: FrameStream;
  /** Every trace record so far (frames and connection events), in order. */
  records(): readonly TraceRecord[];
  /** The instance with this id; throws naming the ids there are. */
  instance(id: string): InstanceHandle;
  /** The id of the instance that plays `role` (the first, in topology order). */
  instanceOf(role: RoleName): string;
  /** The link with this id; throws naming the ids there are. */
  link(id: string): LinkHandle;
  /** The harness's A1 link to a near-RT RIC, as the SMO. */
  a1(ric: string): Promise<Link>;
  /** The test peer the harness plays for an instance of vendor `harness` (conformance mode). */
  peer(instance: string): TestPeer;
  /** Process faults: kill, freeze, thaw, restart, crash loop, with the time of each. */
  readonly processes: NetworkProcesses;
  /** Stops an instance and starts its vendor again on the same ports; its peers reconnect. */
  restart(instance: string): Promise<void>;
  /**
   * Hot swap: stops the instance's vendor and starts `vendorId` in its place on the same ports
   * and links; its peers reconnect. Resolves once the new process is ready.
   */
  swap(instance: string, vendorId: string): Promise<void>;
}
