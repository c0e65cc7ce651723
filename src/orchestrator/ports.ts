/**
 * Loopback ports for the instances of a topology: all held open at once while they are chosen,
 * so that no two are the same, then released for the vendors to bind.
 *
 * They are picked below the kernel's ephemeral range: a port taken with `listen(0)` comes from
 * that range, and between its release and the vendor's bind any outgoing connection (a relay
 * dialling, another run's client) may be given it; below the range only another explicit bind
 * can take it. Two runs (two test files, two `plugfest` commands) could still pick the same free
 * port in the window between one's release and its vendor's bind, and one vendor would then fail
 * with EADDRINUSE: so each pick is also reserved for a while in a folder every plugfest process on
 * the machine shares, and a port reserved by another process is not picked.
 */
import { mkdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Where picks are reserved: one file per port, holding the pid that picked it. */
export const reservationDir = join(tmpdir(), 'plugfest-ports');
/** How long a pick stays reserved: long enough for the slowest vendor start on a loaded machine. */
export const reservationMs = 120_000;

/**
 * Reserves `port` for this process unless another process reserved it less than
 * `reservationMs` ago. Returns whether this process may use it.
 */
export function reservePort(port: number, dir = reservationDir): boolean {
  const file = join(dir, String(port));
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, String(process.pid), { flag: 'wx' });
    return true;
  } catch {
    try {
      if (Date.now() - statSync(file).mtimeMs < reservationMs) return false;
      writeFileSync(file, String(process.pid));
      const now = new Date();
      utimesSync(file, now, now);
      return true;
    } catch {
      // The folder cannot be written (read-only tmp): the pick is as good as it was without it.
      return true;
    }
  }
}

/** Linux's ip_local_port_range, or the IANA dynamic range elsewhere. */
function ephemeralRange(): [number, number] {
  try {
    const [low, high] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/);
    if (Number(low) > 0 && Number(high) > Number(low)) return [Number(low), Number(high)];
  } catch {
    // Not Linux: fall through.
  }
  return [49152, 65535];
}

/** Ports to pick from: 10000 up to the ephemeral range (or above it when the range starts low). */
function pickRange(): [number, number] {
  const [low, high] = ephemeralRange();
  if (low - 10_000 >= 2000) return [10_000, low - 1];
  return [high + 1, 65535];
}

function listenOn(server: Server, port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    server.once('error', () => resolve(false));
    server.listen(port, host, () => resolve(true));
  });
}

export async function allocatePorts(count: number, host = '127.0.0.1'): Promise<number[]> {
  const [from, to] = pickRange();
  const servers: Server[] = [];
  try {
    for (let attempts = 0; servers.length < count; attempts += 1) {
      // After many busy picks (a crowded range), fall back to a port the kernel chooses.
      const port = attempts < count * 20 ? from + Math.floor(Math.random() * (to - from + 1)) : 0;
      if (port !== 0 && !reservePort(port)) continue;
      const server = createServer();
      if (await listenOn(server, port, host)) servers.push(server);
    }
    return servers.map((s) => (s.address() as { port: number }).port);
  } finally {
    await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  }
}
