/**
 * M-plane supervision cases (O-RAN.WG4.CONF 3.1.3): watchdog resets every interval keep the
 * carriers active; without them the O-RU deactivates its carriers after interval + guard, within
 * the tolerances of checks.ts, and raises an alarm.
 */
import { type CaseContext, defineCase, type Network, oran } from '../../src/conformance/index.js';
import {
  carrierOf,
  gradeDetection,
  supervisionEarlyToleranceMs,
  supervisionLateToleranceMs,
  supervisionSlowToleranceMs,
} from './checks.js';
import {
  activate,
  common,
  createCarrier,
  leftActive,
  planOf,
  supervisionTimers,
  watchdogReset,
} from './support.js';
import {
  awaitLocked,
  carrierStateName,
  carriersOf,
  mLink,
  ofhMSupervisionTopology,
  restoreRadio,
  subscribeAll,
  traceOf,
} from './topology.js';

const mp = oran.fronthaul.mplane.v1;

export const supervisionKeepsCarriers = defineCase<Network>({
  ...common,
  id: 'OFH-M-SUP-001',
  title: 'Watchdog resets every notification interval keep the carriers active',
  spec: 'O-RAN.WG4.CONF 3.1.3 (M-plane supervision, positive); o-ran-supervision',
  expectation:
    'With an ACTIVE carrier and supervision-watchdog-reset sent every notification interval (topology: 1 s + 1 s guard) for longer than interval + guard, each reset is answered with next-update-at about one interval ahead (+/- 0.5 s), the carrier stays ACTIVE, and no carrier-state-change or alarm is notified; the O-RU SHOULD send supervision-notification every interval to its subscribed client.',
  topology: ofhMSupervisionTopology,
  async run(ctx: CaseContext<Network>) {
    try {
      const net = ctx.fixture;
      const peer = net.peer('du-1');
      const { notificationIntervalS, guardTimerOverheadS } = supervisionTimers(net);
      const intervalMs = notificationIntervalS * 1000;
      const windowMs = (notificationIntervalS + guardTimerOverheadS) * 1000;
      await subscribeAll(ctx);
      await awaitLocked(ctx);
      const plan = await planOf(ctx);
      const carrier = carrierOf(plan, 'ofhm-sup-tx', [plan.eaxcIdMin]);
      await createCarrier(ctx, 'tx', carrier);
      await activate(ctx, carrier.name!);
      const since = Date.now();
      // Resets for one interval past the watchdog: had the O-RU ignored every reset but the
      // first, its watchdog would have expired an interval before the check below.
      const resets = Math.ceil(windowMs / intervalMs) + 2;
      for (let i = 0; i < resets; i++) {
        if (i > 0) await ctx.sleep(intervalMs);
        const reset = await watchdogReset(ctx, notificationIntervalS, guardTimerOverheadS);
        const ahead = reset.nextUpdateAt - reset.sentAt;
        ctx.should(Math.abs(ahead - intervalMs) <= 500, {
          message: 'next-update-at is not one notification interval ahead',
          expected: `${intervalMs} ms +/- 500 ms after the reset`,
          observed: `${Math.round(ahead)} ms`,
          link: mLink,
          code: 'next-update-at',
          trace: traceOf(net, reset.answer),
        });
      }
      ctx.measure('supervisedMs', Date.now() - since);
      const dropped = peer.received('oran.fronthaul.mplane.v1.CarrierStateChangeNotification', since);
      const alarms = peer.received('oran.fronthaul.mplane.v1.AlarmNotification', since);
      const [read] = await carriersOf(ctx, [carrier.name!]);
      ctx.expect(
        read?.state === mp.CarrierState.CARRIER_STATE_ACTIVE &&
          !dropped.some((n) => leftActive(carrier.name!)(n.message)),
        {
          message: `"${carrier.name}" did not stay ACTIVE under supervision`,
          expected: `ACTIVE after ${resets} resets ${intervalMs} ms apart (watchdog ${windowMs} ms)`,
          observed: `state ${carrierStateName(read?.state)}; ${dropped.map((n) => n.message.reason).join(', ') || 'no carrier notification'}`,
          link: mLink,
          code: 'supervision-lost-while-supervised',
        },
      );
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
        expected: `a supervision-notification every ${notificationIntervalS} s (o-ran-supervision)`,
        observed: `none in ${Date.now() - since} ms`,
        link: mLink,
        code: 'supervision-notification-missing',
      });
    } finally {
      await restoreRadio(ctx, { watchdog: true });
    }
  },
});

export const supervisionLossDeactivates = defineCase<Network>({
  ...common,
  id: 'OFH-M-SUP-002',
  title:
    'Without watchdog resets the O-RU deactivates its carriers after interval + guard and raises an alarm',
  spec: 'O-RAN.WG4.CONF 3.1.3 (M-plane supervision, negative); o-ran-supervision; o-ran-fm',
  expectation:
    'After one supervision-watchdog-reset (topology: 1 s interval + 1 s guard) and none after it, the O-RU notifies its ACTIVE carrier out of ACTIVE no sooner than interval + guard - 0.25 s and no later than interval + guard + 1 s (the tolerance of a loaded 2-core machine; later than + 0.5 s is non-strict), raises an alarm (alarm-notif, not cleared) within 1 s of it, SHOULD name the carrier among its affected objects, and the carrier reads back not ACTIVE.',
  topology: ofhMSupervisionTopology,
  async run(ctx: CaseContext<Network>) {
    try {
      const net = ctx.fixture;
      const peer = net.peer('du-1');
      const { notificationIntervalS, guardTimerOverheadS } = supervisionTimers(net);
      const windowMs = (notificationIntervalS + guardTimerOverheadS) * 1000;
      await subscribeAll(ctx);
      await awaitLocked(ctx);
      const plan = await planOf(ctx);
      const carrier = carrierOf(plan, 'ofhm-loss-tx', [plan.eaxcIdMin]);
      await createCarrier(ctx, 'tx', carrier);
      await activate(ctx, carrier.name!);
      const reset = await watchdogReset(ctx, notificationIntervalS, guardTimerOverheadS);
      const lost = await peer.waitFor('oran.fronthaul.mplane.v1.CarrierStateChangeNotification', {
        since: reset.sentAt,
        where: leftActive(carrier.name!),
        timeoutMs: windowMs + supervisionLateToleranceMs + 2000,
      });
      ctx.expect(lost !== undefined, {
        message: `no loss of supervision detected: "${carrier.name}" still notified ACTIVE ${Date.now() - reset.sentAt} ms after the last reset`,
        expected: `a carrier-state-change out of ACTIVE about ${windowMs} ms after the last reset`,
        observed: 'none',
        link: mLink,
        code: 'supervision-loss-not-detected',
        trace: traceOf(net, reset.answer),
      });
      const detectionMs = lost.at - reset.sentAt;
      ctx.measure('detectionMs', detectionMs);
      ctx.measure('watchdogMs', windowMs);
      const grade = gradeDetection(detectionMs, windowMs);
      const timing = {
        expected: `${windowMs} ms (interval ${notificationIntervalS} s + guard ${guardTimerOverheadS} s), -${supervisionEarlyToleranceMs}/+${supervisionLateToleranceMs} ms`,
        observed: `${detectionMs} ms (reason "${lost.message.reason}")`,
        link: mLink,
        trace: { at: [reset.sentAt, lost.at] },
      };
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
      ctx.should(grade === 'ok', {
        ...timing,
        expected: `${windowMs} ms + at most ${supervisionSlowToleranceMs} ms`,
        message: 'the O-RU detected the loss of supervision slowly',
        code: 'supervision-slow',
      });
      const alarm = await peer.waitFor('oran.fronthaul.mplane.v1.AlarmNotification', {
        since: reset.sentAt,
        where: (n) => n.alarm?.isCleared === false,
        timeoutMs: Math.max(0, lost.at + 1000 - Date.now()),
      });
      ctx.expect(alarm !== undefined, {
        message: 'loss of supervision raised no alarm',
        expected: 'alarm-notif (not cleared) within 1 s of the deactivation',
        observed: `${peer.received('oran.fronthaul.mplane.v1.AlarmNotification', reset.sentAt).length} alarm notifications`,
        link: mLink,
        code: 'no-alarm',
      });
      ctx.measure('faultId', alarm.message.alarm?.faultId ?? 0);
      ctx.should((alarm.message.alarm?.affectedObjects ?? []).includes(carrier.name!), {
        message: 'the supervision alarm does not name the carrier it took down',
        expected: `affected-objects with "${carrier.name}"`,
        observed: `affected-objects [${(alarm.message.alarm?.affectedObjects ?? []).join(', ')}]`,
        link: mLink,
        code: 'alarm-affected-objects',
      });
      const [read] = await carriersOf(ctx, [carrier.name!]);
      ctx.expect(read !== undefined && read.state !== mp.CarrierState.CARRIER_STATE_ACTIVE, {
        message: `"${carrier.name}" reads back ${carrierStateName(read?.state)} after the loss of supervision`,
        expected: 'INACTIVE or DISABLED',
        observed: `state ${carrierStateName(read?.state)}`,
        link: mLink,
        code: 'carrier-still-active',
      });
    } finally {
      await restoreRadio(ctx, { watchdog: true });
    }
  },
});
