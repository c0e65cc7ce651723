/**
 * Vendors as real child processes, the way the orchestrator will run them: a JSON config named
 * by PLUGFEST_CONFIG, logs on stderr, one ready line on stdout.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { ReadyLine, VendorConfigInput } from '../../src/sdk/index.js';

export const fixtureVendors = join(import.meta.dirname, '../fixtures/vendors');

export interface VendorProcess {
  readonly child: ChildProcess;
  readonly ready: Promise<ReadyLine>;
  readonly logs: Array<Record<string, unknown>>;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves with the first log record that matches. */
  log(
    predicate: (record: Record<string, unknown>) => boolean,
    timeoutMs?: number,
  ): Promise<Record<string, unknown>>;
  stop(): Promise<void>;
}

/** A free loopback port (the kernel picks it; the listener closes before the port is used). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export function spawnVendor(
  entry: string,
  config: VendorConfigInput,
  env: NodeJS.ProcessEnv = {},
): VendorProcess {
  const dir = mkdtempSync(join(tmpdir(), 'plugfest-vendor-'));
  const configPath = join(dir, 'config.json');
  writeFileSync(configPath, JSON.stringify(config, null, 2));
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    env: { ...process.env, PLUGFEST_CONFIG: configPath, PLUGFEST_PARENT_PID: String(process.pid), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Array<Record<string, unknown>> = [];
  const listeners = new Set<() => void>();
  createInterface({ input: child.stderr! }).on('line', (line) => {
    try {
      logs.push(JSON.parse(line) as Record<string, unknown>);
    } catch {
      logs.push({ msg: line, raw: true });
    }
    for (const wake of listeners) wake();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const ready = new Promise<ReadyLine>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', (line) => resolve(JSON.parse(line) as ReadyLine));
    void exited.then(({ code, signal }) =>
      reject(
        new Error(
          `vendor exited (${code ?? signal}) before ready: ${logs
            .slice(-5)
            .map((l) => JSON.stringify(l))
            .join('\n')}`,
        ),
      ),
    );
  });
  ready.catch(() => {});
  return {
    child,
    ready,
    logs,
    exited,
    log(predicate, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = logs.find(predicate);
          if (!found) return;
          listeners.delete(check);
          clearTimeout(timer);
          resolve(found);
        };
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(
            new Error(
              `no matching log line within ${timeoutMs} ms; last: ${logs
                .slice(-5)
                .map((l) => JSON.stringify(l))
                .join('\n')}`,
            ),
          );
        }, timeoutMs);
        listeners.add(check);
        check();
      });
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGCONT');
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(timer);
    },
  };
}
