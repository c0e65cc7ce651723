/**
 * Fronthaul link faults (issue 6): latency on one O-RU's CU-plane, and corrupted U-plane to one
 * O-RU. Each must show at that O-RU (its reception window, its receiver checks) and only there.
 */
import { defineCase, type LogRecord, logTimeOf, type Network } from '../../src/conformance/index.js';
import { type Ctx, common, expectContained, expectDetected, links, logAfter, steady } from './support.js';

/** Receiver check failures an O-RU logged in [from, to], counting the ones its log suppressed. */
function checkFailures(
  ctx: Ctx,
  ru: string,
  from: number,
  to: number,
  where: (r: LogRecord) => boolean,
): number {
  return ctx.fixture
    .logs(ru)
    .filter((r) => where(r) && logTimeOf(r) >= from && logTimeOf(r) <= to)
    .reduce((n, r) => n + 1 + Number(r.suppressed ?? 0), 0);
}
const lateCheck = (r: LogRecord) => r.msg === 'cu-plane check failed' && r.check === 'timing-window';
/** A bad frame as an O-RU sees it: refused at the envelope, or failing a receiver check other than timing. */
const badFrame = (r: LogRecord) =>
  r.msg === 'frame refused' || (r.msg === 'cu-plane check failed' && r.check !== 'timing-window');

export const fronthaulLatency = defineCase<Network>({
  ...common('FC-OFH-001'),
  id: 'FC-OFH-001',
  title: "Latency on one O-RU's CU-plane shows in that O-RU's reception window only",
  spec: 'O-RAN.WG4.CUS 4.4 (reception window, Ta4), o-ran-performance-management rx-window counters',
  expectation:
    "200 ms of latency is put on du-1>ru-2/ofh-cu towards the O-RU for 2 s (far past any reception window at 100 slots/s). ru-2 logs late C/U-plane (timing-window) within 1.5 s; ru-1 logs fewer late messages over the same time than ru-2 (the fault is ru-2's alone; a loaded machine may make a few of ru-1's late); no link outside ru-2's CU-plane shows silence past 1.5x its longest before the fault (+1 s), a close or a bad frame; within 3 s of the fault's end ru-2's CU-plane flows again.",
  async run(ctx: Ctx) {
    const net = ctx.fixture;
    await steady(ctx);
    const from = Date.now();
    ctx.mark('fault-start', 'latency 200 ms on du-1>ru-2/ofh-cu', from);
    const fault = net.faults.link(links.ru2Cu, [{ type: 'latency', ms: 200, direction: 'upstream' }]);
    const found = await logAfter(ctx, 'ru-2', from, lateCheck, 1500);
    expectDetected(ctx, found, {
      who: 'ru-2',
      how: 'late CU-plane in its reception window',
      from,
      withinMs: 1500,
      link: links.ru2Cu,
    });
    await ctx.sleep(Math.max(0, from + 2000 - Date.now()));
    fault.remove();
    const to = Date.now();
    ctx.mark('fault-end', 'latency removed', to);
    await ctx.sleep(500);
    const late2 = checkFailures(ctx, 'ru-2', from, to + 500, lateCheck);
    const late1 = checkFailures(ctx, 'ru-1', from, to + 500, lateCheck);
    ctx.measure('lateAtFaultyORu', late2);
    ctx.measure('lateAtOtherORu', late1);
    ctx.expect(late1 < late2, {
      message: 'the latency showed at the other O-RU as much as at the faulty one',
      expected: `fewer late messages at ru-1 than at ru-2 (${late2})`,
      observed: `${late1} at ru-1`,
      link: 'du-1>ru-1/ofh-cu',
      code: 'blast-radius',
    });
    const back = await net.waitForFrame({ link: links.ru2Cu, since: to }, 3000);
    ctx.expect(back !== undefined, {
      message: "ru-2's CU-plane did not flow again after the latency",
      link: links.ru2Cu,
      code: 'not-recovered',
    });
    ctx.measure('recoveryMs', back.t - to);
    ctx.mark('recovered', "ru-2's CU-plane flows again", back.t);
    expectContained(ctx, { from, to: Date.now(), faulty: [links.ru2Cu] });
  },
});

export const corruptedUPlane = defineCase<Network>({
  ...common('FC-CU-001'),
  id: 'FC-CU-001',
  title: 'Corrupted U-plane to one O-RU is caught by that O-RU, and nowhere else',
  spec: 'O-RAN.WG4.CUS 5 (U-plane), 7 (receiver checks); plugfest malformed frame handling',
  expectation:
    "For 2 s every U-plane message to ru-2 has 16 bytes flipped on the way. ru-2 notices within 1.5 s (a refused frame or a failed receiver check other than timing) and keeps its link; ru-1 logs no such failure at all; the O-DU, ru-2 and E2 keep running; within 3 s of the fault's end ru-2's CU-plane flows again.",
  async run(ctx: Ctx) {
    const net = ctx.fixture;
    await steady(ctx);
    const from = Date.now();
    ctx.mark('fault-start', 'U-plane to ru-2 corrupted', from);
    const fault = net.faults.link(links.ru2Cu, [
      {
        type: 'corrupt',
        bytes: 16,
        direction: 'upstream',
        messageType: 'oran.fronthaul.cuplane.v1.UPlaneMessage',
      },
    ]);
    const found = await logAfter(ctx, 'ru-2', from, badFrame, 1500);
    expectDetected(ctx, found, {
      who: 'ru-2',
      how: 'a refused or failing U-plane message',
      from,
      withinMs: 1500,
      link: links.ru2Cu,
    });
    await ctx.sleep(Math.max(0, from + 2000 - Date.now()));
    fault.remove();
    const to = Date.now();
    ctx.mark('fault-end', 'corruption removed', to);
    ctx.measure('corrupted', fault.acted.upstream);
    await ctx.sleep(500);
    const elsewhere = checkFailures(ctx, 'ru-1', from, to + 500, badFrame);
    ctx.measure('badFramesAtOtherORu', elsewhere);
    ctx.expect(elsewhere === 0, {
      message: 'the other O-RU saw bad frames too',
      expected: 'no refused frame or failed check at ru-1',
      observed: `${elsewhere} at ru-1`,
      link: 'du-1>ru-1/ofh-cu',
      code: 'blast-radius',
    });
    const running = ['du-1', 'ru-2', 'ric-1'].filter((i) => net.running.instances.get(i)?.running !== true);
    ctx.expect(running.length === 0, {
      message: 'corrupted U-plane cost a process',
      expected: 'du-1, ru-2 and ric-1 running',
      observed: `${running.join(', ')} exited`,
      link: links.ru2Cu,
      code: 'vendor-exited',
    });
    const back = await net.waitForFrame({ link: links.ru2Cu, since: to }, 3000);
    ctx.expect(back !== undefined, {
      message: "ru-2's CU-plane did not flow again",
      link: links.ru2Cu,
      code: 'not-recovered',
    });
    ctx.measure('recoveryMs', back.t - to);
    ctx.mark('recovered', "ru-2's CU-plane flows again", back.t);
    // The corrupted frames are the fault's own; judge the rest of the network.
    expectContained(ctx, { from, to: Date.now(), faulty: [links.ru2Cu] });
  },
});
