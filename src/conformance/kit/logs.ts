/** Reading a vendor's documented log events after a moment. */
import { type LogRecord, logTimeOf } from '../network/index.js';
import type { NetworkContext } from './suite.js';

/** The first line `instance` logged at or after `since` that matches, waiting up to `timeoutMs`. */
export async function logAfter(
  ctx: NetworkContext,
  instance: string,
  since: number,
  where: (record: LogRecord) => boolean,
  timeoutMs: number,
): Promise<{ record: LogRecord; t: number } | undefined> {
  // Log times are the vendor's clock in whole milliseconds: allow the one it may round down.
  const record = await ctx.fixture
    .instance(instance)
    .logs.next((r) => logTimeOf(r) >= since - 1 && where(r), timeoutMs);
  return record ? { record, t: logTimeOf(record) } : undefined;
}
