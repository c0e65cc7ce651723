/**
 * `plugfest show-report [dir]`: serves a run's HTML report on loopback, as Playwright's
 * show-report does, until Ctrl-C. Only files inside the folder are served.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve, sep } from 'node:path';
import type { Command } from 'commander';
import { reportFiles } from '../../report/index.js';
import { PlugfestError } from '../../wire/index.js';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json',
  '.jsonl': 'application/x-ndjson',
  '.xml': 'application/xml',
  '.md': 'text/markdown; charset=utf-8',
  '.png': 'image/png',
};

export function registerShowReport(program: Command): void {
  program
    .command('show-report')
    .description('serve the HTML report of a run on loopback and print its address')
    .argument('[dir]', 'the run folder (--output-dir of plugfest test)', 'plugfest-report')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--port <port>', 'port to listen on (0: any free port)', '9323')
    .action(async (dir: string, options: { host: string; port: string }) => {
      const root = resolve(dir);
      const index = join(root, reportFiles.html);
      if (!existsSync(index)) {
        throw new PlugfestError(
          'config-invalid',
          `${index}: no HTML report there; run plugfest test with --reporter html (the default) first`,
        );
      }
      const server = createServer((req, res) => {
        const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
        const file = path === '/' ? index : resolve(root, `.${path}`);
        if (!file.startsWith(root + sep) || !existsSync(file) || !statSync(file).isFile()) {
          res.writeHead(404, { 'content-type': 'text/plain' }).end(`not found: ${path}\n`);
          return;
        }
        res
          .writeHead(200, { 'content-type': contentTypes[extname(file)] ?? 'application/octet-stream' })
          .end(readFileSync(file));
      });
      await new Promise<void>((ok, fail) => {
        server.once('error', (e) =>
          fail(new PlugfestError('config-invalid', `--port ${options.port}: ${(e as Error).message}`)),
        );
        server.listen(Number(options.port), options.host, ok);
      });
      const { port } = server.address() as AddressInfo;
      console.log(`Serving ${index} at http://${options.host}:${port}/ (Ctrl+C to stop)`);
      await new Promise<void>((done) =>
        process.once('SIGINT', () => {
          server.close();
          server.closeAllConnections();
          done();
        }),
      );
    });
}
