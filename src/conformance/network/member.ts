/** An instance of a process-backend network, over its incarnations (start, restarts, swaps). */
import type { ProcessInstance } from '../../orchestrator/index.js';
import type { VendorManifest } from '../../topology/index.js';
import { PlugfestError } from '../../wire/index.js';
import { createLogStore, type LogStore } from './logs.js';
import type { InstanceExit, InstanceHandle } from './network.js';

/** One instance's handle over its incarnations. */
export class Member implements InstanceHandle {
  readonly logs: LogStore = createLogStore();
  incarnation = 0;
  #process: ProcessInstance | undefined;
  #exited: Promise<InstanceExit> = new Promise(() => {});

  constructor(
    readonly id: string,
    readonly role: InstanceHandle['role'],
    readonly planned: string,
    /** The manifest the instance now runs (the orchestrator's, once the topology is up). */
    readonly manifestOf: (id: string) => VendorManifest,
  ) {}

  spawned(process: ProcessInstance): void {
    this.#process = process;
    this.incarnation += 1;
    process.on('log', (line) => this.logs.push(line));
    this.#exited = process.exited.then(({ code, signal, expected }) => ({ code, signal, expected }));
  }

  get vendor(): string {
    return this.#process?.manifest.id ?? this.planned;
  }

  get manifest() {
    if (!this.#process)
      throw new PlugfestError('config-invalid', `${this.id} is a test peer: it has no manifest`);
    return this.manifestOf(this.id);
  }

  get state(): InstanceHandle['state'] {
    if (!this.#process) return 'running';
    return this.#process.running ? 'running' : 'exited';
  }

  get exited(): Promise<InstanceExit> {
    return this.#exited;
  }
}
