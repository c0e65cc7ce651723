/**
 * The process backend for one instance: spawn the vendor's command with its config, wait for
 * its ready line, keep its logs (a file, and the last lines in memory for reports), and stop it
 * with SIGTERM, then SIGKILL after a grace period. Each vendor runs in its own process group so
 * that a wrapper command (`sh -c`, `npm run`) is stopped with everything it started.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { ReadyLine, VendorConfigInput } from '../sdk/index.js';
import type { VendorManifest } from '../topology/index.js';
import { PlugfestError } from '../wire/index.js';
import { tsPlaceholder, typescriptCommand } from './typescript-entry.js';

export interface ExitInfo {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  /** True when the harness asked it to stop. */
  readonly expected: boolean;
  readonly lastLogLines: readonly string[];
}

export interface StartInstanceOptions {
  readonly manifest: VendorManifest;
  readonly config: VendorConfigInput;
  /** Folder for this instance's config and log. */
  readonly dir: string;
  readonly readyTimeoutMs: number;
  /** plugfest's own folder, for `${root}` in commands. */
  readonly root: string;
  /** Lines kept in memory for reports. Default 50. */
  readonly keepLogLines?: number;
}

/** The argv a manifest's run command stands for: placeholders expanded, `${ts}` built (typescript-entry.ts). */
export async function commandOf(manifest: VendorManifest, root: string): Promise<string[]> {
  const [first, entry, ...rest] = manifest.run.command.map((part) => expandPlaceholders(part, root));
  if (first !== tsPlaceholder) return [first!, ...(entry !== undefined ? [entry] : []), ...rest];
  if (!entry)
    throw new PlugfestError(
      'config-invalid',
      `${manifest.file}: run.command: \${ts} needs the entry file after it`,
    );
  return [...(await typescriptCommand(resolve(manifest.dir, entry))), ...rest];
}

interface InstanceEvents {
  exit: [ExitInfo];
  /** Each line the vendor writes to stderr (its structured log), as it comes. */
  log: [string];
}

/** A started vendor process. */
export class ProcessInstance extends EventEmitter<InstanceEvents> {
  readonly id: string;
  readonly manifest: VendorManifest;
  readonly logFile: string;
  readonly configFile: string;
  readonly exited: Promise<ExitInfo>;
  #ready: ReadyLine | undefined;
  #stopping = false;
  readonly #child: ChildProcess;
  readonly #lines: string[] = [];
  readonly #keep: number;

  private constructor(options: StartInstanceOptions, argv: readonly string[]) {
    super();
    const { manifest, config, dir } = options;
    this.id = config.instance;
    this.manifest = manifest;
    this.#keep = options.keepLogLines ?? 50;
    mkdirSync(dir, { recursive: true });
    this.configFile = join(dir, 'config.json');
    this.logFile = join(dir, 'vendor.log');
    writeFileSync(this.configFile, `${JSON.stringify(config, null, 2)}\n`);
    const [command, ...args] = argv;
    this.#child = spawn(command!, args, {
      cwd: manifest.dir,
      env: { ...process.env, PLUGFEST_CONFIG: this.configFile, PLUGFEST_PARENT_PID: String(process.pid) },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    const log = createWriteStream(this.logFile, { flags: 'a' });
    // A log file that cannot be written (disk full, folder gone) costs the file, not the run.
    log.on('error', (error) => this.#lines.push(`cannot write ${this.logFile}: ${error.message}`));
    const lines = createInterface({ input: this.#child.stderr! });
    lines.on('line', (line) => {
      if (!log.writableEnded) log.write(`${line}\n`);
      this.emit('log', line);
      this.#lines.push(line);
      if (this.#lines.length > this.#keep) this.#lines.shift();
    });
    // The file ends with the stream, not at exit: lines still in the pipe when the process
    // exits come after its 'exit' (writing them to an ended file once killed the harness).
    lines.once('close', () => log.end());
    this.exited = new Promise<ExitInfo>((resolve) => {
      const finish = (code: number | null, signal: NodeJS.Signals | null) => {
        const info = { code, signal, expected: this.#stopping, lastLogLines: [...this.#lines] };
        this.emit('exit', info);
        resolve(info);
      };
      this.#child.once('exit', finish);
      this.#child.once('error', (error) => {
        this.#lines.push(`cannot start ${command}: ${error.message}`);
        finish(null, null);
      });
    });
  }

  /**
   * Spawns the vendor and resolves once it printed its ready line; `onSpawn` sees the instance
   * first (to listen to its log from its first line).
   */
  static async start(
    options: StartInstanceOptions,
    onSpawn?: (instance: ProcessInstance) => void,
  ): Promise<ProcessInstance> {
    const instance = new ProcessInstance(options, await commandOf(options.manifest, options.root));
    onSpawn?.(instance);
    try {
      instance.#ready = await instance.#awaitReady(options.readyTimeoutMs);
      return instance;
    } catch (error) {
      await instance.stop(1000);
      throw error;
    }
  }

  get pid(): number | undefined {
    return this.#child.pid;
  }

  get ready(): ReadyLine {
    if (!this.#ready) throw new PlugfestError('vendor-not-ready', `${this.id} is not ready`);
    return this.#ready;
  }

  get running(): boolean {
    return this.#child.exitCode === null && this.#child.signalCode === null;
  }

  /** The last lines the vendor wrote to stderr. */
  lastLogLines(count = 10): string[] {
    return this.#lines.slice(-count);
  }

  /** Sends a signal to the vendor's process group. */
  signal(signal: NodeJS.Signals): void {
    if (!this.running || this.#child.pid === undefined) return;
    try {
      process.kill(-this.#child.pid, signal);
    } catch {
      this.#child.kill(signal);
    }
  }

  /** SIGTERM, then SIGKILL after `graceMs`. Resolves when the process has exited. */
  async stop(graceMs = 3000): Promise<ExitInfo> {
    this.#stopping = true;
    if (this.running) {
      this.signal('SIGCONT');
      this.signal('SIGTERM');
      const timer = setTimeout(() => this.signal('SIGKILL'), graceMs);
      const info = await this.exited;
      clearTimeout(timer);
      return info;
    }
    return this.exited;
  }

  /** SIGKILL now, synchronously; for the harness's own exit. */
  killNow(): void {
    this.#stopping = true;
    this.signal('SIGKILL');
  }

  async #awaitReady(timeoutMs: number): Promise<ReadyLine> {
    const who = `${this.id} (vendor ${this.manifest.id})`;
    const ready = new Promise<ReadyLine>((resolve) => {
      const stdout = createInterface({ input: this.#child.stdout! });
      stdout.on('line', (line) => {
        if (this.#ready) return;
        try {
          const parsed = JSON.parse(line) as ReadyLine;
          if (parsed.plugfest === 'ready') resolve(parsed);
        } catch {
          this.#lines.push(`(stdout) ${line}`);
        }
      });
    });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new PlugfestError(
              'vendor-not-ready',
              `${who} did not say it was ready within ${timeoutMs} ms${tail(this.#lines)}`,
              {
                instance: this.id,
                vendor: this.manifest.id,
                lastLogLines: this.#lines.slice(-10),
              },
            ),
          ),
        timeoutMs,
      );
    });
    const exited = this.exited.then((info) => {
      throw new PlugfestError(
        'vendor-exited',
        `${who} exited during start-up (${info.signal ?? `code ${info.code}`})${tail(info.lastLogLines)}`,
        {
          instance: this.id,
          vendor: this.manifest.id,
          code: info.code,
          signal: info.signal,
          lastLogLines: info.lastLogLines.slice(-10),
        },
      );
    });
    try {
      return await Promise.race([ready, timeout, exited]);
    } finally {
      clearTimeout(timer);
    }
  }
}

function tail(lines: readonly string[]): string {
  const last = lines.slice(-10);
  return last.length ? `; last log lines:\n  ${last.join('\n  ')}` : '; it wrote no log line';
}

/** `${node}` is the Node.js running the harness, `${root}` plugfest's own folder. */
function expandPlaceholders(part: string, root: string): string {
  // biome-ignore lint/suspicious/noTemplateCurlyInString: these are vendor.yaml placeholders, not templates
  return part.replaceAll('${node}', process.execPath).replaceAll('${root}', root);
}
