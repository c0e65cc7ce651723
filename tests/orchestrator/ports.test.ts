import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { allocatePorts } from '../../src/orchestrator/index.js';

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
