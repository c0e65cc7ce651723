/**
 * Fault management case (O-RAN.WG4.CONF 3.1.5): a raised alarm is notified and listed as active,
 * and once cleared it is notified cleared and leaves the active alarm list. The alarm is provoked
 * by letting the supervision watchdog expire.
 */
import { type CaseContext, defineCase, type Network, oran } from '../../src/conformance/index.js';
import { supervisionLateToleranceMs } from './checks.js';
import { common, supervisionTimers, watchdogReset } from './support.js';
import { mLink, ofhMSupervisionTopology, restoreRadio, rpc, subscribeAll, traceOf } from './topology.js';

const mp = oran.fronthaul.mplane.v1;

export const alarmListAgrees = defineCase<Network>({
  ...common,
  id: 'OFH-M-FM-001',
  title: 'A raised alarm is notified and listed as active; its clearing is notified and it leaves the list',
  spec: 'O-RAN.WG4.CONF 3.1.5 (alarm notification, active alarm list); o-ran-fm',
  expectation:
    'An alarm the O-RU raises (here: loss of supervision, with a 1 s + 1 s watchdog left to expire) is sent as alarm-notif and is in active-alarm-list with the same fault-id, fault-source and severity (event-time SHOULD match); when the cause goes (a watchdog reset resumes supervision) the O-RU sends alarm-notif with is-cleared for the same fault-id and the alarm leaves active-alarm-list.',
  topology: ofhMSupervisionTopology,
  async run(ctx: CaseContext<Network>) {
    try {
      const net = ctx.fixture;
      const peer = net.peer('du-1');
      const { notificationIntervalS, guardTimerOverheadS } = supervisionTimers(net);
      const windowMs = (notificationIntervalS + guardTimerOverheadS) * 1000;
      await subscribeAll(ctx);
      const reset = await watchdogReset(ctx, notificationIntervalS, guardTimerOverheadS);
      const raised = await peer.waitFor('oran.fronthaul.mplane.v1.AlarmNotification', {
        since: reset.sentAt,
        where: (n) => n.alarm?.isCleared === false,
        timeoutMs: windowMs + supervisionLateToleranceMs + 2000,
      });
      ctx.expect(raised !== undefined, {
        message: 'no alarm-notif after the watchdog was left to expire',
        expected: `alarm-notif about ${windowMs} ms after the last reset`,
        observed: 'none',
        link: mLink,
        code: 'no-alarm',
        trace: traceOf(net, reset.answer),
      });
      const alarm = raised.message.alarm!;
      const listAnswer = await rpc(ctx, 'get active-alarm-list', (s) =>
        s.request('oran.fronthaul.mplane.v1.GetActiveAlarmsRequest', {}),
      );
      const active = listAnswer.as('oran.fronthaul.mplane.v1.GetActiveAlarmsResponse').activeAlarms;
      const listed = active.find((a) => a.faultId === alarm.faultId && a.faultSource === alarm.faultSource);
      const describe = (a: typeof alarm | undefined) =>
        a
          ? `fault ${a.faultId} from ${a.faultSource}, ${(mp.FaultSeverity[a.faultSeverity ?? 0] ?? '').replace('FAULT_SEVERITY_', '')}${a.isCleared ? ', cleared' : ''}`
          : 'none';
      ctx.expect(listed !== undefined && listed.faultSeverity === alarm.faultSeverity && !listed.isCleared, {
        message: 'the notified alarm is not in the active alarm list as notified',
        expected: describe(alarm),
        observed: active.map(describe).join('; ') || 'an empty active-alarm-list',
        link: mLink,
        code: 'alarm-list-mismatch',
        trace: traceOf(net, listAnswer),
      });
      ctx.should(listed.eventTimeUnixMs === alarm.eventTimeUnixMs, {
        message: 'the listed alarm has another event-time than the notified one',
        expected: String(alarm.eventTimeUnixMs),
        observed: String(listed.eventTimeUnixMs),
        link: mLink,
        code: 'alarm-event-time',
      });
      const resumed = await watchdogReset(ctx, 3600, guardTimerOverheadS);
      const cleared = await peer.waitFor('oran.fronthaul.mplane.v1.AlarmNotification', {
        since: resumed.sentAt,
        where: (n) => n.alarm?.isCleared === true && n.alarm.faultId === alarm.faultId,
        timeoutMs: 2000,
      });
      ctx.expect(cleared !== undefined, {
        message: `supervision resumed but fault ${alarm.faultId} was not notified cleared`,
        expected: `alarm-notif is-cleared for fault ${alarm.faultId} within 2 s of the reset`,
        observed: `${peer.received('oran.fronthaul.mplane.v1.AlarmNotification', resumed.sentAt).length} alarm notifications`,
        link: mLink,
        code: 'alarm-not-cleared',
        trace: traceOf(net, resumed.answer),
      });
      const afterAnswer = await rpc(ctx, 'get active-alarm-list', (s) =>
        s.request('oran.fronthaul.mplane.v1.GetActiveAlarmsRequest', {}),
      );
      const after = afterAnswer.as('oran.fronthaul.mplane.v1.GetActiveAlarmsResponse').activeAlarms;
      ctx.expect(!after.some((a) => a.faultId === alarm.faultId && !a.isCleared), {
        message: `fault ${alarm.faultId}, notified cleared, is still in the active alarm list`,
        expected: `no fault ${alarm.faultId}`,
        observed: after.map(describe).join('; '),
        link: mLink,
        code: 'alarm-list-mismatch',
        trace: traceOf(net, afterAnswer),
      });
      ctx.measure('faultId', alarm.faultId ?? 0);
    } finally {
      await restoreRadio(ctx, { watchdog: true });
    }
  },
});
