import { mkdtempSync, readFileSync, utimesSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allocatePorts } from '../../src/orchestrator/index.js';
import { reservationDir, reservationMs, reservePort } from '../../src/orchestrator/ports.js';

describe('allocatePorts', () => {
  it('gives distinct ports outside the ephemeral range, free to bind once released', async () => {
    const ports = await allocatePorts(20);
    expect(new Set(ports).size).toBe(20);
    const [low, high] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8')
      .trim()
      .split(/\s+/)
      .map(Number);
    // No outgoing connection is ever given one of them by the kernel.
    for (const port of ports) expect(port < low! || port > high!).toBe(true);
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(ports[0], '127.0.0.1', resolve);
    });
    await new Promise((resolve) => server.close(resolve));
  });
});

describe('port reservations shared by every plugfest process', () => {
  it('refuse a port another pick reserved until the reservation lapses', () => {
    const dir = mkdtempSync(join(tmpdir(), 'plugfest-ports-test-'));
    expect(reservePort(20_001, dir)).toBe(true);
    // A second pick (another run on this machine) within the reservation does not get it.
    expect(reservePort(20_001, dir)).toBe(false);
    expect(reservePort(20_002, dir)).toBe(true);
    // Once the reservation is older than reservationMs, the port may be picked again.
    const old = new Date(Date.now() - reservationMs - 1000);
    utimesSync(join(dir, '20001'), old, old);
    expect(reservePort(20_001, dir)).toBe(true);
    expect(reservePort(20_001, dir)).toBe(false);
  });

  it('are taken for every port allocatePorts gives', async () => {
    const ports = await allocatePorts(5);
    for (const port of ports) expect(reservePort(port, reservationDir), String(port)).toBe(false);
  });
});
