/**
 * Process faults: what a failing vendor process does, done to it through the orchestrator. A
 * kill is SIGKILL (no goodbye on any link), a freeze is SIGSTOP (the sockets stay open and
 * nothing answers: only supervision can tell), a thaw is SIGCONT, a restart stops the process and
 * starts it again on the same ports, a crash loop kills it as soon as it is up, a number of times.
 */
import type { ProcessInstance, RunningTopology } from '../orchestrator/index.js';
import { PlugfestError } from '../wire/index.js';

/** One action on a vendor process, and when it happened. */
export interface ProcessFaultEvent {
  readonly instance: string;
  readonly action: 'kill' | 'freeze' | 'thaw' | 'restart' | 'started';
  /** Unix ms. */
  readonly t: number;
}

export interface CrashLoopOptions {
  /** How many times the process is killed once it is up. Default 3. */
  readonly times?: number;
  /** Time it runs each time before the kill, in ms. Default 500. */
  readonly upMs?: number;
}

export class ProcessFaults {
  readonly events: ProcessFaultEvent[] = [];
  readonly #running: RunningTopology;
  readonly #frozen = new Set<string>();

  constructor(running: RunningTopology) {
    this.#running = running;
  }

  /** SIGKILL to the vendor's process group; resolves once it has exited. */
  async kill(instance: string): Promise<void> {
    const process = this.#instance(instance);
    this.#note(instance, 'kill');
    // As the harness's own kill: an exit it caused, not one to report as unexpected.
    process.killNow();
    await process.exited;
    this.#frozen.delete(instance);
  }

  /** SIGSTOP: the process stays, its sockets stay open, and it does nothing. */
  freeze(instance: string): void {
    this.#instance(instance).signal('SIGSTOP');
    this.#frozen.add(instance);
    this.#note(instance, 'freeze');
  }

  /** SIGCONT: a frozen process goes on where it stopped. */
  thaw(instance: string): void {
    this.#instance(instance).signal('SIGCONT');
    this.#frozen.delete(instance);
    this.#note(instance, 'thaw');
  }

  /** Stops the instance (if it still runs) and starts it again on the same ports. */
  async restart(instance: string): Promise<ProcessInstance> {
    this.#note(instance, 'restart');
    const started = await this.#running.restart(instance);
    this.#frozen.delete(instance);
    this.#note(instance, 'started');
    return started;
  }

  /** Starts the instance and kills it once it is up, `times` times; it is left running after. */
  async crashLoop(instance: string, options: CrashLoopOptions = {}): Promise<void> {
    const times = options.times ?? 3;
    const upMs = options.upMs ?? 500;
    for (let i = 0; i < times; i++) {
      await new Promise((resolve) => setTimeout(resolve, upMs));
      await this.kill(instance);
      await this.restart(instance);
    }
  }

  /** Instances frozen and not thawed: the orchestrator's stop continues them before it ends them. */
  get frozen(): readonly string[] {
    return [...this.#frozen];
  }

  #instance(instance: string): ProcessInstance {
    const found = this.#running.instances.get(instance);
    if (!found) {
      throw new PlugfestError(
        'config-invalid',
        `no vendor process ${instance} in topology ${this.#running.topology.name} (a harness test peer has none)`,
      );
    }
    return found;
  }

  #note(instance: string, action: ProcessFaultEvent['action']): void {
    this.events.push({ instance, action, t: Date.now() });
  }
}
