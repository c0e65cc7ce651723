/**
 * What every hot-swap case shares: the suite's fields, the wait for a steady network, the swap
 * itself (timed, marked on the timeline, every vendor process id recorded so a test can prove
 * none is left behind), and log lines read after a moment.
 */
import { type CaseContext, type LogRecord, logTimeOf, type Network } from '../../src/conformance/index.js';
import { links } from './topology.js';

export type Ctx = CaseContext<Network>;

/** The fields every swap case has: a whole network observed through its relays. */
export const common = {
  suite: 'swap',
  interface: 'e2e' as const,
  mode: 'interop' as const,
  // Each case takes 10 to 20 s; the rest is headroom for a loaded 2-core CI machine.
  timeoutMs: 60_000,
};

/** What a 2-core machine under load adds to a detection or a gap before it counts. */
export const toleranceMs = 1000;
/** Link supervision of the swap topology (interval + guard): the latest a silent peer is noticed. */
export const supervisionMs = 500 + 1500;
/** How long a re-establishment (capabilities to carriers, E2 setup to indications) may take. */
export const reestablishMs = 15_000;

/**
 * Waits until KPM flows on E2 and CU-plane on both O-RUs, then 2 s more: each link's rhythm,
 * against which a gap after the swap is judged, comes from those seconds.
 */
export async function steady(ctx: Ctx): Promise<void> {
  for (const [link, type] of [
    [links.e2, 'oran.e2.v1.RicIndication'],
    [links.ru1Cuplane, 'oran.fronthaul.cuplane.v1.UPlaneMessage'],
    [links.ru2Cuplane, 'oran.fronthaul.cuplane.v1.UPlaneMessage'],
  ] as const) {
    const frame = await ctx.fixture.waitForFrame({ link, type }, 20_000);
    ctx.expect(frame !== undefined, {
      message: `the network is not up before the swap: nothing on ${link}`,
      expected: `${type} on ${link}`,
      observed: 'none within 20 s',
      link,
      code: 'not-steady',
    });
  }
  await ctx.sleep(2000);
}

/** A swap as it happened. */
export interface SwapMoment {
  /** Unix ms the swap began: the old process is asked to stop. */
  readonly at: number;
  /** Unix ms the new process said it is ready. */
  readonly readyAt: number;
}

/** Whether a process id names a live process (EPERM: alive, not ours to signal). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Replaces `instance`'s vendor with `vendor` and returns when the new process is ready. Records
 * `pid <instance>` for every process before the swap and `pid <instance> after swap` for the new
 * one (a test checks they are all gone after the run), and `newProcessReadyMs` (old stopped and
 * new ready); expects the old process gone once the swap returns.
 */
export async function swapInstance(ctx: Ctx, instance: string, vendor: string): Promise<SwapMoment> {
  const { running } = ctx.fixture;
  for (const [id, member] of running.instances) {
    if (member.pid !== undefined) ctx.measure(`pid ${id}`, member.pid);
  }
  const from = running.manifestOf(instance).id;
  const oldPid = running.instances.get(instance)?.pid;
  const at = Date.now();
  ctx.mark('swap', `${instance}: ${from} swapped to ${vendor}`, at);
  await ctx.fixture.swap(instance, vendor);
  const readyAt = Date.now();
  ctx.mark('note', `${instance}: ${vendor} ready`, readyAt);
  ctx.measure('newProcessReadyMs', readyAt - at);
  const newPid = running.instances.get(instance)?.pid;
  if (newPid !== undefined) ctx.measure(`pid ${instance} after swap`, newPid);
  ctx.expect(oldPid === undefined || !isAlive(oldPid), {
    message: `${instance}'s old process (${from}) outlived the swap`,
    expected: `pid ${oldPid} gone before ${vendor} starts on its ports`,
    observed: `pid ${oldPid} still running`,
    code: 'old-process-alive',
  });
  ctx.expect(running.manifestOf(instance).id === vendor, {
    message: `${instance} does not run ${vendor} after the swap`,
    expected: vendor,
    observed: running.manifestOf(instance).id,
    code: 'not-swapped',
  });
  return { at, readyAt };
}

/** When a log line was written, Unix ms. */
export const timeOf = logTimeOf;

/** The first log line of `instance` at or after `since` that matches, waiting up to `timeoutMs`. */
export async function logAfter(
  ctx: Ctx,
  instance: string,
  since: number,
  where: (r: LogRecord) => boolean,
  timeoutMs: number,
): Promise<{ record: LogRecord; t: number } | undefined> {
  const record = await ctx.fixture.waitForLog(instance, (r) => timeOf(r) >= since && where(r), timeoutMs);
  return record ? { record, t: timeOf(record) } : undefined;
}

/** Log lines of `instance` at or after `since` whose message is one of `messages`. */
export const logsSince = (ctx: Ctx, instance: string, since: number, messages: readonly string[]) =>
  ctx.fixture.logs(instance).filter((r) => timeOf(r) >= since && messages.includes(String(r.msg)));
