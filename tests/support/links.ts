import type { Logger } from 'pino';
import type { LinkIdentity } from '../../src/transport/index.js';
import type { RoleName } from '../../src/wire/index.js';

export function identity(instanceId: string, role: RoleName, vendorId = 'testco'): LinkIdentity {
  return { instanceId, vendorId, role, productVersion: '0.0.1' };
}

/** Resolves when `predicate` holds, polling every 5 ms; rejects after `timeoutMs`. */
export async function until(predicate: () => boolean, timeoutMs = 5000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

export type { Logger };
