/**
 * The control channel of a running `plugfest up`: an HTTP endpoint on a Unix socket in the run
 * folder, through which `plugfest swap` replaces one instance's vendor in the live topology.
 * Local only: the socket file is the run folder's, readable by its owner.
 */
import { existsSync, rmSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import { join } from 'node:path';
import { PlugfestError } from '../wire/index.js';
import type { RunningTopology } from './orchestrator.js';

/** The socket of a run folder's control channel. */
export const controlSocketOf = (runDir: string): string => join(runDir, 'control.sock');

export interface SwapDone {
  readonly instance: string;
  readonly from: string;
  readonly to: string;
  /** From the request to the new process being ready, ms. */
  readonly ms: number;
}

/** Serves swap requests for `running` on the run folder's socket; close the server to stop. */
export async function serveControl(
  running: RunningTopology,
  onSwap?: (done: SwapDone) => void,
): Promise<Server> {
  const socket = controlSocketOf(running.runDir);
  if (existsSync(socket)) rmSync(socket);
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const answer = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      };
      if (req.method !== 'POST' || req.url !== '/swap') return answer(404, { error: 'POST /swap only' });
      try {
        const { instance, vendor } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
          instance: string;
          vendor: string;
        };
        const at = performance.now();
        const from = running.manifestOf(instance).id;
        await running.replace(instance, vendor);
        const done = { instance, from, to: vendor, ms: Math.round(performance.now() - at) };
        onSwap?.(done);
        answer(200, done);
      } catch (error) {
        const e = PlugfestError.from(error);
        answer(400, { code: e.code, error: e.rawMessage });
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socket, () => resolve());
  });
  return server;
}

/** Asks the `plugfest up` of `runDir` to swap `instance` to `vendor`; resolves when it is done. */
export function requestSwap(runDir: string, instance: string, vendor: string): Promise<SwapDone> {
  const socketPath = controlSocketOf(runDir);
  if (!existsSync(socketPath)) {
    return Promise.reject(
      new PlugfestError('config-invalid', `no running plugfest up in ${runDir} (no ${socketPath})`),
    );
  }
  return new Promise((resolve, reject) => {
    const req = request({ socketPath, path: '/swap', method: 'POST' }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as SwapDone & {
          code?: string;
          error?: string;
        };
        if (res.statusCode === 200) resolve(body);
        else
          reject(new PlugfestError((body.code as never) ?? 'config-invalid', body.error ?? 'swap refused'));
      });
    });
    req.on('error', (error) =>
      reject(new PlugfestError('connect-failed', `${socketPath}: ${error.message}`)),
    );
    req.end(JSON.stringify({ instance, vendor }));
  });
}
