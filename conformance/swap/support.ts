/**
 * What every hot-swap case shares: the suite's fields and the swap itself (timed, marked on the
 * timeline, the old incarnation proven gone and the new vendor proven in its place).
 */
import { defineSuite, type LogRecord, logTimeOf, type NetworkContext } from '../../src/conformance/index.js';

/**
 * A swap case: a whole network observed through its relays, on a network of its own (fresh,
 * the default: a swap changes it). Each takes 10 to 20 s; the rest is headroom for a loaded
 * 2-core machine.
 */
export const swapCase = defineSuite({
  suite: 'swap',
  interface: 'e2e',
  mode: 'interop',
  roles: ['o-du'],
  timeoutMs: 60_000,
});

/** How long a re-establishment (capabilities to carriers, E2 setup to indications) may take. */
export const reestablishMs = 15_000;

/** A swap as it happened. */
export interface SwapMoment {
  /** Unix ms the swap began: the old process is asked to stop. */
  readonly at: number;
  /** Unix ms the new process said it is ready. */
  readonly readyAt: number;
}

/**
 * Replaces `instance`'s vendor with `vendor` and returns when the new process is ready; records
 * `newProcessReadyMs` (old stopped and new ready) and the new `incarnation`. Expects the old
 * incarnation to have exited by then and the new vendor to play the instance.
 */
export async function swapInstance(
  ctx: NetworkContext,
  instance: string,
  vendor: string,
): Promise<SwapMoment> {
  const handle = ctx.fixture.instance(instance);
  const from = handle.vendor;
  const incarnation = handle.incarnation;
  let oldExited = false;
  void handle.exited.then(() => {
    oldExited = true;
  });
  const at = Date.now();
  ctx.mark('swap', `${instance}: ${from} swapped to ${vendor}`, at);
  await ctx.fixture.swap(instance, vendor);
  const readyAt = Date.now();
  ctx.mark('note', `${instance}: ${vendor} ready`, readyAt);
  ctx.measure('newProcessReadyMs', readyAt - at);
  ctx.measure(`incarnation ${instance}`, handle.incarnation);
  ctx.expect(oldExited, {
    message: `${instance}'s old process (${from}) outlived the swap`,
    expected: `incarnation ${incarnation} gone before ${vendor} starts on its ports`,
    observed: `incarnation ${incarnation} still running`,
    code: 'old-process-alive',
  });
  ctx.expect(handle.vendor === vendor && handle.incarnation > incarnation && handle.state === 'running', {
    message: `${instance} does not run ${vendor} after the swap`,
    expected: `${vendor}, incarnation ${incarnation + 1}, running`,
    observed: `${handle.vendor}, incarnation ${handle.incarnation}, ${handle.state}`,
    code: 'not-swapped',
  });
  return { at, readyAt };
}

/** Log lines of `instance` at or after `since` whose message is one of `messages`. */
export const logsSince = (
  ctx: NetworkContext,
  instance: string,
  since: number,
  messages: readonly string[],
) =>
  ctx.fixture
    .instance(instance)
    .logs.all((r: LogRecord) => logTimeOf(r) >= since && messages.includes(String(r.msg)));
