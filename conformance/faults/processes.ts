/**
 * Process faults (issue 6): an O-RU killed or frozen, the O-DU killed, an O-RU in a crash loop, a
 * RIC restarted. Each case measures detection (who noticed, how, when), the blast radius (the
 * links outside the fault stay undisturbed), and recovery (when the traffic is back).
 */
import type { NetworkContext } from '../../src/conformance/index.js';
import {
  expectContainedUnderLoad,
  expectE2Rebuilt,
  expectGone,
  expectRecovered,
  faultEnds,
  faultStarts,
  type SchedulingLag,
  schedulingAllowanceMs,
  steady,
  subscriptionsSoFar,
} from './observe.js';
import { faultCase } from './suite.js';
import { links, ru1Links, ru2Links } from './topology.js';

/** Orchestrator stopGraceMs: a restart asks the vendor to stop and waits this long before SIGKILL. */
const stopGraceMs = 3000;
/** How long a restarted vendor's peers have to carry traffic with it again. */
const recoveryMs = 15_000;

/**
 * Kills `instance`, expects its peer to log it `gone` within link supervision, leaves it down
 * `downMs` more, then restarts it; returns when the fault began and when the restart did.
 */
async function killNoticeRestart(
  ctx: NetworkContext,
  lag: SchedulingLag,
  o: {
    readonly instance: string;
    readonly gone: Parameters<typeof expectGone>[2];
    readonly how: string;
    readonly downMs: number;
  },
): Promise<{ from: number; restartAt: number }> {
  const from = faultStarts(ctx, `kill ${o.instance}`);
  await ctx.fixture.processes.kill(o.instance);
  await expectGone(ctx, lag, o.gone, { since: from, how: o.how });
  await ctx.sleep(o.downMs);
  const restartAt = faultEnds(ctx, `restart ${o.instance}`);
  await ctx.fixture.processes.restart(o.instance);
  return { from, restartAt };
}

/** ru-1's CU-plane back within 15 s of `endedAt`, and the fault, since `from`, kept to ru-1's links. */
async function expectRu1Back(
  ctx: NetworkContext,
  lag: SchedulingLag,
  o: { readonly from: number; readonly endedAt: number; readonly what: string },
): Promise<void> {
  await expectRecovered(ctx, lag, {
    link: links.ru1Cuplane,
    from: o.endedAt,
    withinMs: recoveryMs,
    what: o.what,
  });
  expectContainedUnderLoad(ctx, lag, { from: o.from, to: Date.now(), faulty: ru1Links });
}

export const oRuKilled = faultCase({
  id: 'FC-ORU-001',
  title: 'An O-RU killed: the O-DU notices at once, the other O-RU and E2 carry on, and it comes back',
  spec: 'O-RAN.WG4.MP 3.1.3 (supervision), 9 (fault management); O-RAN.WG3.E2AP 8.3 (link down)',
  expectation: `With both O-RUs carrying CU-plane and KPM flowing, ru-1 is killed (SIGKILL: its sockets close). The O-DU logs its fronthaul link down within link supervision interval + guard (2000 ms, + ${schedulingAllowanceMs} ms); until ru-1 is back, ru-2's M-plane and CU-plane and the E2 link have no silence longer than 1.5x their longest before the fault (+1 s), no close, no bad frame. ru-1 restarted, the O-DU sets it up again and its CU-plane resumes within 15 s.`,
  async run(ctx: NetworkContext) {
    const lag = await steady(ctx);
    const how = 'fronthaul link down for ru-1';
    const { from, restartAt } = await killNoticeRestart(ctx, lag, {
      instance: 'ru-1',
      gone: 'ru-1',
      how,
      downMs: 2000,
    });
    await expectRu1Back(ctx, lag, { from, endedAt: restartAt, what: "ru-1's CU-plane after its restart" });
  },
});

export const oRuFrozen = faultCase({
  id: 'FC-ORU-002',
  title: 'An O-RU frozen (sockets open, nothing answers) is detected by supervision, not by TCP',
  spec: 'O-RAN.WG4.MP 3.1.3 (supervision); plugfest link supervision (heartbeat + guard)',
  expectation: `ru-1 is frozen (SIGSTOP: its connections stay open). No link of ru-1 closes in the first 500 ms (TCP cannot tell); the O-DU logs its fronthaul link down after the supervision guard (1500 ms, - 250 ms) and within interval + guard (2000 ms, + ${schedulingAllowanceMs} ms); ru-2 and E2 stay undisturbed. Thawed, ru-1 is set up again and its CU-plane resumes within 15 s.`,
  async run(ctx: NetworkContext) {
    const net = ctx.fixture;
    const lag = await steady(ctx);
    const from = faultStarts(ctx, 'freeze ru-1');
    net.processes.freeze('ru-1');
    try {
      await ctx.sleep(500);
      const early = net
        .records()
        .filter(
          (r) => r.kind === 'connection' && r.event === 'close' && r.t >= from && ru1Links.includes(r.link),
        );
      ctx.expect(early.length === 0, {
        message: 'a link of the frozen O-RU closed at once: that is not supervision',
        expected: 'no close within 500 ms of the freeze',
        observed: early.map((r) => `${r.link} at +${r.t - from} ms`).join(', '),
        link: links.ru1Mplane,
        code: 'detected-early',
      });
      const how = 'fronthaul link down for ru-1 (supervision)';
      const { detectionMs } = await expectGone(ctx, lag, 'ru-1', { since: from, how });
      const { guardMs } = net.options.supervision;
      ctx.should(detectionMs >= guardMs - 250, {
        message: 'the frozen O-RU was declared lost before the supervision guard ran out',
        expected: `detection no sooner than the ${guardMs} ms guard (- 250 ms)`,
        observed: `${detectionMs} ms`,
        link: links.ru1Mplane,
        code: 'detected-early',
      });
    } finally {
      net.processes.thaw('ru-1');
    }
    const thawedAt = faultEnds(ctx, 'thaw ru-1');
    await expectRu1Back(ctx, lag, { from, endedAt: thawedAt, what: "ru-1's CU-plane after the thaw" });
  },
});

export const oDuKilled = faultCase({
  id: 'FC-ODU-001',
  title: 'The O-DU killed: the RIC marks its node down, A1 carries on, and E2 is rebuilt when it returns',
  spec: 'O-RAN.WG3.E2AP 8.3.1 (E2 setup), 8.2.1 (subscription); O-RAN.WG2.A1AP',
  expectation: `du-1 is killed. The RIC logs the E2 node down within link supervision (2000 ms, + ${schedulingAllowanceMs} ms); the A1 link is undisturbed. du-1 restarted, it sets E2 up again, the RIC subscribes again and RIC Indications resume within 15 s, with as many subscriptions as before the fault (none duplicated).`,
  async run(ctx: NetworkContext) {
    const lag = await steady(ctx);
    const before = subscriptionsSoFar(ctx);
    const gone = 'e2-node';
    const { from, restartAt } = await killNoticeRestart(ctx, lag, {
      instance: 'du-1',
      gone,
      how: 'E2 node down',
      downMs: 1000,
    });
    const rebuilt = { before, after: 'the restart' };
    await expectE2Rebuilt(ctx, lag, {
      from: restartAt,
      withinMs: recoveryMs,
      what: 'KPM from the restarted O-DU',
      rebuilt,
    });
    expectContainedUnderLoad(ctx, lag, {
      from,
      to: Date.now(),
      faulty: [links.e2, ...ru1Links, ...ru2Links],
    });
  },
});

export const oRuCrashLoop = faultCase({
  id: 'FC-CRASH-001',
  title: 'An O-RU in a crash loop does not starve the other O-RU or E2',
  spec: 'O-RAN.WG4.MP 3.1.3; O-RAN.WG3.E2AP (indications)',
  expectation:
    "ru-1 is killed 3 times, each time 500 ms after it is started again. The O-DU keeps running; ru-2's links and E2 have no silence longer than 1.5x their longest before the fault (+1 s), no close and no bad frame throughout; after the loop ru-1's CU-plane resumes within 15 s.",
  async run(ctx: NetworkContext) {
    const net = ctx.fixture;
    const lag = await steady(ctx);
    const from = faultStarts(ctx, 'crash loop of ru-1');
    await net.processes.crashLoop('ru-1', { times: 3, upMs: 500 });
    const loopEnd = faultEnds(ctx, 'crash loop over');
    ctx.measure('loopMs', loopEnd - from);
    ctx.expect(net.instance('du-1').state === 'running', {
      message: 'the O-DU did not survive the crash loop of an O-RU',
      expected: 'du-1 running',
      observed: 'du-1 exited',
      link: links.ru1Mplane,
      code: 'vendor-exited',
    });
    await expectRu1Back(ctx, lag, { from, endedAt: loopEnd, what: 'ru-1 after the loop' });
  },
});

export const ricRestart = faultCase({
  id: 'FC-RIC-001',
  title: 'A RIC restart: the node reconnects with backoff, subscriptions come back, fronthaul untouched',
  spec: 'O-RAN.WG3.E2AP 8.3.1 (E2 setup after a restart); plugfest reconnect backoff',
  expectation: `ric-1 is restarted. The O-DU logs its E2 link down within the restart's stop grace (${stopGraceMs} ms) plus link supervision (2000 ms, + ${schedulingAllowanceMs} ms), reconnects, sets E2 up again; the RIC subscribes again and RIC Indications resume within 15 s of the restart, with as many subscriptions as before; both O-RUs' links are undisturbed throughout.`,
  async run(ctx: NetworkContext) {
    const net = ctx.fixture;
    const lag = await steady(ctx);
    const before = subscriptionsSoFar(ctx);
    const from = faultStarts(ctx, 'restart ric-1');
    const restarting = net.processes.restart('ric-1');
    // The restart stops the RIC gracefully (up to the stop grace) before the link goes.
    const noticed = expectGone(ctx, lag, 'e2-link', {
      since: from,
      how: 'E2 link down',
      extraMs: stopGraceMs,
    });
    await Promise.all([noticed, restarting]);
    const restartedAt = faultEnds(ctx, 'ric-1 ready again');
    const rebuilt = { before, after: 'the RIC restart' };
    await expectE2Rebuilt(ctx, lag, {
      from: restartedAt,
      withinMs: recoveryMs,
      what: 'KPM to the restarted RIC',
      rebuilt,
    });
    expectContainedUnderLoad(ctx, lag, { from, to: Date.now(), faulty: [links.e2, links.a1] });
  },
});
