/** What starting a topology takes, and what a harness test peer is to the orchestrator. */
import type { Logger } from 'pino';
import type { TraceSink } from '../relay/index.js';
import type { AttesterFacts, VendorConfigInput } from '../sdk/index.js';
import type { VendorCatalog } from '../topology/index.js';
import type { ProcessInstance } from './process-instance.js';

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
