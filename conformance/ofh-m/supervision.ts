/**
 * M-plane supervision cases (O-RAN.WG4.CONF 3.1.3): watchdog resets every interval keep the
 * carriers active; without them the O-RU deactivates its carriers after interval + guard, within
 * the allowance of checks.ts, and raises an alarm. Every bound comes from the topology's
 * supervision timers (options.mplaneSupervision); where the harness itself ran late (a loaded
 * machine), a case that cannot tell whose lateness it saw ends `error`, never `fail`.
 */
import { type NetworkContext, oran } from '../../src/conformance/index.js';
import { gradeDetection } from './checks.js';
import { carrierStateName, carriersOf, traceOf } from './rpc.js';
import { activeTxCarrier, leftActive, supervisedStart, watchdogReset, watchHarnessLag } from './support.js';
import { mLink, supervisionCase } from './topology.js';

const mp = oran.fronthaul.mplane.v1;
/** How far next-update-at may be from one interval after the O-RU took the reset. */
const nextUpdateToleranceMs = 500;

export const supervisionKeepsCarriers = supervisionCase({
  id: 'OFH-M-SUP-001',
  title: 'Watchdog resets every notification interval keep the carriers active',
  spec: 'O-RAN.WG4.CONF 3.1.3 (M-plane supervision, positive); o-ran-supervision',
  expectation:
    'With an ACTIVE carrier and supervision-watchdog-reset sent every notification interval (topology: 1 s + 1 s guard) for longer than interval + guard, each reset is answered with next-update-at about one interval after the O-RU took it (+/- 0.5 s), the carrier stays ACTIVE, and no carrier-state-change or alarm is notified; the O-RU SHOULD send supervision-notification every interval to its subscribed client. A harness whose resets came too far apart for the watchdog cannot grade.',
  async run(ctx: NetworkContext) {
    const { peer, timers, allowance } = await supervisedStart(ctx);
    const { intervalMs, watchdogMs } = timers;
    const carrier = await activeTxCarrier(ctx, 'ofhm-sup-tx');
    const since = Date.now();
    // Resets for one interval past the watchdog: had the O-RU ignored every reset but the
    // first, its watchdog would have expired an interval before the check below.
    const resets = Math.ceil(watchdogMs / intervalMs) + 2;
    let previousSentAt: number | undefined;
    let longestGapMs = 0;
    for (let i = 0; i < resets; i++) {
      if (i > 0) await ctx.sleep(intervalMs);
      const reset = await watchdogReset(ctx, timers.notificationIntervalS, timers.guardTimerOverheadS);
      // The O-RU took each reset somewhere in its round trip: the longest it can have waited.
      if (previousSentAt !== undefined)
        longestGapMs = Math.max(longestGapMs, reset.answeredAt - previousSentAt);
      previousSentAt = reset.sentAt;
      const ahead = reset.nextUpdateAt - reset.sentAt;
      const roundTripMs = reset.answeredAt - reset.sentAt;
      ctx.should(
        ahead >= intervalMs - nextUpdateToleranceMs &&
          ahead - roundTripMs <= intervalMs + nextUpdateToleranceMs,
        {
          message: 'next-update-at is not one notification interval ahead',
          expected: `${intervalMs} ms +/- ${nextUpdateToleranceMs} ms after the reset (round trip ${roundTripMs} ms)`,
          observed: `${Math.round(ahead)} ms after it was sent`,
          link: mLink,
          code: 'next-update-at',
          trace: traceOf(ctx, reset.answer),
        },
      );
    }
    ctx.measure('supervisedMs', Date.now() - since);
    ctx.measure('longestResetGapMs', longestGapMs);
    const dropped = peer.received('oran.fronthaul.mplane.v1.CarrierStateChangeNotification', since);
    const alarms = peer.received('oran.fronthaul.mplane.v1.AlarmNotification', since);
    const [read] = await carriersOf(ctx, [carrier.name]);
    const kept =
      read?.state === mp.CarrierState.CARRIER_STATE_ACTIVE &&
      !dropped.some((n) => leftActive(carrier.name)(n.message));
    if ((!kept || alarms.length > 0) && longestGapMs > watchdogMs - allowance.earlyMs) {
      ctx.cannotGrade({
        message: 'harness could not keep supervision: its resets came too far apart for the watchdog',
        expected: `resets at most ${watchdogMs} ms apart (interval + guard)`,
        observed: `up to ${longestGapMs} ms between two resets`,
        link: mLink,
      });
    }
    ctx.expect(kept, {
      message: `"${carrier.name}" did not stay ACTIVE under supervision`,
      expected: `ACTIVE after ${resets} resets ${intervalMs} ms apart (watchdog ${watchdogMs} ms)`,
      observed: `state ${carrierStateName(read?.state)}; ${dropped.map((n) => n.message.reason).join(', ') || 'no carrier notification'}`,
      link: mLink,
      code: 'supervision-lost-while-supervised',
    });
    ctx.expect(alarms.length === 0, {
      message: 'an alarm was notified while supervision was kept',
      expected: 'no alarm-notif',
      observed: alarms
        .map((a) => `fault ${a.message.alarm?.faultId} ${a.message.alarm?.faultText}`)
        .join(', '),
      link: mLink,
      code: 'alarm-while-supervised',
    });
    const notifications = peer.received('oran.fronthaul.mplane.v1.SupervisionNotification', since);
    ctx.measure('supervisionNotifications', notifications.length);
    ctx.should(notifications.length > 0, {
      message: 'the O-RU sent no supervision-notification to its subscribed client',
      expected: `a supervision-notification every ${timers.notificationIntervalS} s (o-ran-supervision)`,
      observed: `none in ${Date.now() - since} ms`,
      link: mLink,
      code: 'supervision-notification-missing',
    });
  },
});

export const supervisionLossDeactivates = supervisionCase({
  id: 'OFH-M-SUP-002',
  title:
    'Without watchdog resets the O-RU deactivates its carriers after interval + guard and raises an alarm',
  spec: 'O-RAN.WG4.CONF 3.1.3 (M-plane supervision, negative); o-ran-supervision; o-ran-fm',
  expectation:
    "After one supervision-watchdog-reset (topology: 1 s interval + 1 s guard) and none after it, the O-RU takes its ACTIVE carrier out of ACTIVE (as its notification's event-time says) no sooner than interval + guard - 0.25 s after the reset was sent and no later than interval + guard + a tenth of it (at least 1 s, for a loaded 2-core machine; later than + 0.5 s is non-strict) after it was answered, raises an alarm (alarm-notif, not cleared) within 1 s of it (+ the same allowance), SHOULD name the carrier among its affected objects, and the carrier reads back not ACTIVE. Lateness seen while the harness's own timers ran late cannot be graded.",
  async run(ctx: NetworkContext) {
    const { peer, timers, allowance } = await supervisedStart(ctx);
    const { notificationIntervalS, guardTimerOverheadS, watchdogMs } = timers;
    const carrier = await activeTxCarrier(ctx, 'ofhm-loss-tx');
    const lag = watchHarnessLag();
    const reset = await watchdogReset(ctx, notificationIntervalS, guardTimerOverheadS);
    const lost = await peer.waitFor('oran.fronthaul.mplane.v1.CarrierStateChangeNotification', {
      since: reset.sentAt,
      where: leftActive(carrier.name),
      timeoutMs: watchdogMs + allowance.lateMs + 2000,
    });
    const harnessLagMs = lag.stop();
    ctx.measure('harnessLagMs', harnessLagMs);
    ctx.expect(lost !== undefined, {
      message: `no loss of supervision detected: "${carrier.name}" still notified ACTIVE ${Date.now() - reset.sentAt} ms after the last reset`,
      expected: `a carrier-state-change out of ACTIVE about ${watchdogMs} ms after the last reset`,
      observed: 'none',
      link: mLink,
      code: 'supervision-loss-not-detected',
      trace: traceOf(ctx, reset.answer),
    });
    const detectionMs = lost.at - reset.sentAt;
    ctx.measure('detectionMs', detectionMs);
    ctx.measure('watchdogMs', watchdogMs);
    // When the O-RU's watchdog fired: its own event-time, where it is one (between the reset and
    // the notification's arrival); a loaded harness may read the notification late.
    const stamped = lost.message.eventTimeUnixMs;
    const firedAt = stamped >= reset.sentAt && stamped <= lost.at ? stamped : lost.at;
    const roundTripMs = reset.answeredAt - reset.sentAt;
    const grade = gradeDetection(firedAt - reset.sentAt, watchdogMs, roundTripMs);
    const starved = harnessLagMs > allowance.slowMs;
    const timing = {
      expected: `${watchdogMs} ms (interval ${notificationIntervalS} s + guard ${guardTimerOverheadS} s), -${allowance.earlyMs}/+${allowance.lateMs} ms, after the reset (round trip ${roundTripMs} ms)`,
      observed: `fired ${Math.round(firedAt - reset.sentAt)} ms after the reset was sent, notified after ${detectionMs} ms (reason "${lost.message.reason}")`,
      link: mLink,
      trace: { at: [reset.sentAt, lost.at] },
    };
    if (grade === 'late' && starved) {
      ctx.cannotGrade({
        ...timing,
        message: `harness could not time the loss of supervision: its own timers ran up to ${harnessLagMs} ms late meanwhile`,
      });
    }
    ctx.expect(grade !== 'early', {
      ...timing,
      message: 'the O-RU declared supervision lost before its watchdog ran out',
      code: 'supervision-early',
    });
    ctx.expect(grade !== 'late', {
      ...timing,
      message: 'the O-RU detected the loss of supervision late',
      code: 'supervision-late',
    });
    // A slowness the harness's own lateness explains is not the O-RU's.
    ctx.should(grade === 'ok' || starved, {
      ...timing,
      expected: `${watchdogMs} ms + at most ${allowance.slowMs} ms`,
      message: 'the O-RU detected the loss of supervision slowly',
      code: 'supervision-slow',
    });
    const alarm = await peer.waitFor('oran.fronthaul.mplane.v1.AlarmNotification', {
      since: reset.sentAt,
      where: (n) => n.alarm?.isCleared === false,
      timeoutMs: Math.max(0, lost.at + 1000 + allowance.lateMs - Date.now()),
    });
    ctx.expect(alarm !== undefined, {
      message: 'loss of supervision raised no alarm',
      expected: `alarm-notif (not cleared) within ${1000 + allowance.lateMs} ms of the deactivation`,
      observed: `${peer.received('oran.fronthaul.mplane.v1.AlarmNotification', reset.sentAt).length} alarm notifications`,
      link: mLink,
      code: 'no-alarm',
    });
    const affected = alarm.message.alarm?.affectedObjects ?? [];
    ctx.measure('faultId', alarm.message.alarm?.faultId ?? 0);
    ctx.should(affected.includes(carrier.name), {
      message: 'the supervision alarm does not name the carrier it took down',
      expected: `affected-objects with "${carrier.name}"`,
      observed: `affected-objects [${affected.join(', ')}]`,
      link: mLink,
      code: 'alarm-affected-objects',
    });
    const [read] = await carriersOf(ctx, [carrier.name]);
    ctx.expect(read !== undefined && read.state !== mp.CarrierState.CARRIER_STATE_ACTIVE, {
      message: `"${carrier.name}" reads back ${carrierStateName(read?.state)} after the loss of supervision`,
      expected: 'INACTIVE or DISABLED',
      observed: `state ${carrierStateName(read?.state)}`,
      link: mLink,
      code: 'carrier-still-active',
    });
  },
});
