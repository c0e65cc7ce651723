/**
 * Process faults (issue 6): an O-RU killed or frozen, the O-DU killed, an O-RU in a crash loop, a
 * RIC restarted. Each case measures detection (who noticed, how, when), the blast radius (the
 * links outside the fault stay undisturbed), and recovery (when the traffic is back).
 */
import { defineCase, type Network } from '../../src/conformance/index.js';
import {
  type Ctx,
  common,
  expectContained,
  expectDetected,
  expectRecovered,
  expectSubscriptionsRebuilt,
  links,
  logAfter,
  steady,
  supervisionMs,
  toleranceMs,
} from './support.js';

const linkDown = (ru: string) => (r: Record<string, unknown>) =>
  r.msg === 'fronthaul link down' && r.ru === ru;

export const oRuKilled = defineCase<Network>({
  ...common('FC-ORU-001'),
  id: 'FC-ORU-001',
  title: 'An O-RU killed: the O-DU notices at once, the other O-RU and E2 carry on, and it comes back',
  spec: 'O-RAN.WG4.MP 3.1.3 (supervision), 9 (fault management); O-RAN.WG3.E2AP 8.3 (link down)',
  expectation: `With both O-RUs carrying CU-plane and KPM flowing, ru-1 is killed (SIGKILL: its sockets close). The O-DU logs its fronthaul link down within link supervision interval + guard (${supervisionMs} ms, + ${toleranceMs} ms tolerance); until ru-1 is back, ru-2's M-plane and CU-plane and the E2 link have no silence longer than 1.5x their longest before the fault (and + ${toleranceMs} ms), no close, no bad frame. ru-1 restarted, the O-DU sets it up again and its CU-plane resumes within 15 s.`,
  async run(ctx: Ctx) {
    const net = ctx.fixture;
    await steady(ctx);
    const from = Date.now();
    ctx.mark('fault-start', 'kill ru-1', from);
    await net.faults.process.kill('ru-1');
    const found = await logAfter(ctx, 'du-1', from, linkDown('ru-1'), supervisionMs + toleranceMs);
    expectDetected(ctx, found, {
      who: 'the O-DU',
      how: 'fronthaul link down for ru-1',
      from,
      withinMs: supervisionMs + toleranceMs,
      link: links.ru1[0],
    });
    await ctx.sleep(2000);
    const restartAt = Date.now();
    ctx.mark('fault-end', 'restart ru-1', restartAt);
    await net.faults.process.restart('ru-1');
    await expectRecovered(ctx, {
      link: links.ru1Cu,
      from: restartAt,
      withinMs: 15_000,
      what: "ru-1's CU-plane after its restart",
    });
    expectContained(ctx, { from, to: Date.now(), faulty: links.ru1 });
  },
});

export const oRuFrozen = defineCase<Network>({
  ...common('FC-ORU-002'),
  id: 'FC-ORU-002',
  title: 'An O-RU frozen (sockets open, nothing answers) is detected by supervision, not by TCP',
  spec: 'O-RAN.WG4.MP 3.1.3 (supervision); plugfest link supervision (heartbeat + guard)',
  expectation: `ru-1 is frozen (SIGSTOP: its connections stay open). No link of ru-1 closes in the first 500 ms (TCP cannot tell); the O-DU logs its fronthaul link down after the supervision guard and within interval + guard (${supervisionMs} ms, + ${toleranceMs} ms tolerance); ru-2 and E2 stay undisturbed. Thawed, ru-1 is set up again and its CU-plane resumes within 15 s.`,
  async run(ctx: Ctx) {
    const net = ctx.fixture;
    await steady(ctx);
    const from = Date.now();
    ctx.mark('fault-start', 'freeze ru-1', from);
    net.faults.process.freeze('ru-1');
    try {
      await ctx.sleep(500);
      const early = net
        .records()
        .filter(
          (r) =>
            r.kind === 'connection' &&
            r.event === 'close' &&
            r.t >= from &&
            links.ru1.includes(r.link as never),
        );
      ctx.expect(early.length === 0, {
        message: 'a link of the frozen O-RU closed at once: that is not supervision',
        expected: 'no close within 500 ms of the freeze',
        observed: early.map((r) => `${r.link} at +${r.t - from} ms`).join(', '),
        link: links.ru1[0],
      });
      const found = await logAfter(ctx, 'du-1', from, linkDown('ru-1'), supervisionMs + toleranceMs);
      const detectionMs = expectDetected(ctx, found, {
        who: 'the O-DU',
        how: 'fronthaul link down for ru-1 (supervision)',
        from,
        withinMs: supervisionMs + toleranceMs,
        link: links.ru1[0],
      });
      ctx.should(detectionMs >= 1500 - 250, {
        message: 'the frozen O-RU was declared lost before the supervision guard ran out',
        expected: 'detection no sooner than the 1500 ms guard (- 250 ms)',
        observed: `${detectionMs} ms`,
        link: links.ru1[0],
      });
    } finally {
      net.faults.process.thaw('ru-1');
    }
    const thawedAt = Date.now();
    ctx.mark('fault-end', 'thaw ru-1', thawedAt);
    await expectRecovered(ctx, {
      link: links.ru1Cu,
      from: thawedAt,
      withinMs: 15_000,
      what: "ru-1's CU-plane after the thaw",
    });
    expectContained(ctx, { from, to: Date.now(), faulty: links.ru1 });
  },
});

export const oDuKilled = defineCase<Network>({
  ...common('FC-ODU-001'),
  id: 'FC-ODU-001',
  title: 'The O-DU killed: the RIC marks its node down, A1 carries on, and E2 is rebuilt when it returns',
  spec: 'O-RAN.WG3.E2AP 8.3.1 (E2 setup), 8.2.1 (subscription); O-RAN.WG2.A1AP',
  expectation: `du-1 is killed. The RIC logs the E2 node down within ${supervisionMs} ms (+${toleranceMs} ms); the A1 link is undisturbed. du-1 restarted, it sets E2 up again, the RIC subscribes again and RIC Indications resume within 15 s, with as many subscriptions as before the fault (none duplicated).`,
  async run(ctx: Ctx) {
    const net = ctx.fixture;
    await steady(ctx);
    const before = net.frames({ link: links.e2, type: 'oran.e2.v1.RicSubscriptionResponse' }).length;
    const from = Date.now();
    ctx.mark('fault-start', 'kill du-1', from);
    await net.faults.process.kill('du-1');
    const found = await logAfter(
      ctx,
      'ric-1',
      from,
      (r) => r.msg === 'e2 node down',
      supervisionMs + toleranceMs,
    );
    expectDetected(ctx, found, {
      who: 'the RIC',
      how: 'E2 node down',
      from,
      withinMs: supervisionMs + toleranceMs,
      link: links.e2,
    });
    await ctx.sleep(1000);
    const restartAt = Date.now();
    ctx.mark('fault-end', 'restart du-1', restartAt);
    await net.faults.process.restart('du-1');
    await expectRecovered(ctx, {
      link: links.e2,
      type: 'oran.e2.v1.RicIndication',
      from: restartAt,
      withinMs: 15_000,
      what: 'KPM from the restarted O-DU',
    });
    await ctx.sleep(1000);
    expectSubscriptionsRebuilt(ctx, before, restartAt, 'the restart');
    expectContained(ctx, { from, to: Date.now(), faulty: [links.e2, ...links.ru1, ...links.ru2] });
  },
});

export const oRuCrashLoop = defineCase<Network>({
  ...common('FC-CRASH-001'),
  id: 'FC-CRASH-001',
  title: 'An O-RU in a crash loop does not starve the other O-RU or E2',
  spec: 'O-RAN.WG4.MP 3.1.3; O-RAN.WG3.E2AP (indications)',
  expectation: `ru-1 is killed 3 times, each time 500 ms after it is started again. The O-DU keeps running; ru-2's links and E2 have no silence longer than 1.5x their longest before the fault (and + ${toleranceMs} ms), no close and no bad frame throughout; after the loop ru-1's CU-plane resumes within 15 s.`,
  async run(ctx: Ctx) {
    const net = ctx.fixture;
    await steady(ctx);
    const from = Date.now();
    ctx.mark('fault-start', 'crash loop of ru-1', from);
    await net.faults.process.crashLoop('ru-1', { times: 3, upMs: 500 });
    const loopEnd = Date.now();
    ctx.mark('fault-end', 'crash loop over', loopEnd);
    ctx.measure('loopMs', loopEnd - from);
    const du = net.running.instances.get('du-1');
    ctx.expect(du?.running === true, {
      message: 'the O-DU did not survive the crash loop of an O-RU',
      expected: 'du-1 running',
      observed: 'du-1 exited',
      link: links.ru1[0],
      code: 'vendor-exited',
    });
    await expectRecovered(ctx, {
      link: links.ru1Cu,
      from: loopEnd,
      withinMs: 15_000,
      what: 'ru-1 after the loop',
    });
    expectContained(ctx, { from, to: Date.now(), faulty: links.ru1 });
  },
});

export const ricRestart = defineCase<Network>({
  ...common('FC-RIC-001'),
  id: 'FC-RIC-001',
  title: 'A RIC restart: the node reconnects with backoff, subscriptions come back, fronthaul untouched',
  spec: 'O-RAN.WG3.E2AP 8.3.1 (E2 setup after a restart); plugfest reconnect backoff',
  expectation: `ric-1 is restarted. The O-DU logs its E2 link down within ${supervisionMs} ms (+${toleranceMs} ms), reconnects, sets E2 up again; the RIC subscribes again and RIC Indications resume within 15 s of the restart, with as many subscriptions as before; both O-RUs' links are undisturbed throughout.`,
  async run(ctx: Ctx) {
    const net = ctx.fixture;
    await steady(ctx);
    const before = net.frames({ link: links.e2, type: 'oran.e2.v1.RicSubscriptionResponse' }).length;
    const from = Date.now();
    ctx.mark('fault-start', 'restart ric-1', from);
    const restarting = net.faults.process.restart('ric-1');
    const found = await logAfter(
      ctx,
      'du-1',
      from,
      (r) => r.msg === 'e2 link down',
      supervisionMs + 3000 + toleranceMs,
    );
    await restarting;
    expectDetected(ctx, found, {
      who: 'the O-DU',
      how: 'E2 link down',
      from,
      // The restart stops the RIC gracefully (up to 3 s) before the link goes.
      withinMs: supervisionMs + 3000 + toleranceMs,
      link: links.e2,
    });
    const restartedAt = Date.now();
    ctx.mark('fault-end', 'ric-1 ready again', restartedAt);
    await expectRecovered(ctx, {
      link: links.e2,
      type: 'oran.e2.v1.RicIndication',
      from: restartedAt,
      withinMs: 15_000,
      what: 'KPM to the restarted RIC',
    });
    await ctx.sleep(1000);
    expectSubscriptionsRebuilt(ctx, before, restartedAt, 'the RIC restart');
    expectContained(ctx, { from, to: Date.now(), faulty: [links.e2, links.a1] });
  },
});
