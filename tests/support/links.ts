import type { Logger } from 'pino';
import type { LinkIdentity } from '../../src/transport/index.js';
import type { RoleName } from '../../src/wire/index.js';

export function identity(instanceId: string, role: RoleName, vendorId = 'testco'): LinkIdentity {
  return { instanceId, vendorId, role, productVersion: '0.0.1' };
}

/**
 * Resolves when `predicate` holds, polling every 5 ms; rejects after `timeoutMs`. `what` names
 * the condition; a function is called at the timeout, so it can show the state as it was then.
 */
export async function until(
  predicate: () => boolean,
  timeoutMs = 5000,
  what: string | (() => string) = 'condition',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) {
      const named = typeof what === 'function' ? what() : what;
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${named}`);
    }
    await new Promise((r) => setTimeout(r, 5));
  }
}

export type { Logger };
