/**
 * Fault management case (O-RAN.WG4.CONF 3.1.5): a raised alarm is notified and listed as active,
 * and once cleared it is notified cleared and leaves the active alarm list. The alarm is provoked
 * by letting the supervision watchdog expire.
 */
import { type NetworkContext, oran } from '../../src/conformance/index.js';
import { rpc, traceOf } from './rpc.js';
import { supervisedStart, watchdogReset } from './support.js';
import { mLink, supervisionCase } from './topology.js';

const mp = oran.fronthaul.mplane.v1;
type Alarm = oran.fronthaul.mplane.v1.Alarm.$Properties;

/** get active-alarm-list: the answer, and the alarms it lists. */
async function activeAlarms(ctx: NetworkContext) {
  const answer = await rpc(ctx, 'get active-alarm-list', (s) =>
    s.request('oran.fronthaul.mplane.v1.GetActiveAlarmsRequest', {}),
  );
  return { answer, active: answer.as('oran.fronthaul.mplane.v1.GetActiveAlarmsResponse').activeAlarms };
}

const describe = (a: Alarm | undefined) =>
  a
    ? `fault ${a.faultId} from ${a.faultSource}, ${(mp.FaultSeverity[a.faultSeverity ?? 0] ?? '').replace('FAULT_SEVERITY_', '')}${a.isCleared ? ', cleared' : ''}`
    : 'none';

export const alarmListAgrees = supervisionCase({
  id: 'OFH-M-FM-001',
  title: 'A raised alarm is notified and listed as active; its clearing is notified and it leaves the list',
  spec: 'O-RAN.WG4.CONF 3.1.5 (alarm notification, active alarm list); o-ran-fm',
  expectation:
    'An alarm the O-RU raises (here: loss of supervision, with a 1 s + 1 s watchdog left to expire) is sent as alarm-notif and is in active-alarm-list with the same fault-id, fault-source and severity (event-time SHOULD match); when the cause goes (a watchdog reset resumes supervision) the O-RU sends alarm-notif with is-cleared for the same fault-id and the alarm leaves active-alarm-list.',
  async run(ctx: NetworkContext) {
    const { peer, timers, allowance } = await supervisedStart(ctx);
    const { notificationIntervalS, guardTimerOverheadS, watchdogMs } = timers;
    const reset = await watchdogReset(ctx, notificationIntervalS, guardTimerOverheadS);
    const raised = await peer.waitFor('oran.fronthaul.mplane.v1.AlarmNotification', {
      since: reset.sentAt,
      where: (n) => n.alarm?.isCleared === false,
      timeoutMs: watchdogMs + allowance.lateMs + 2000,
    });
    ctx.expect(raised !== undefined, {
      message: 'no alarm-notif after the watchdog was left to expire',
      expected: `alarm-notif about ${watchdogMs} ms after the last reset`,
      observed: 'none',
      link: mLink,
      code: 'no-alarm',
      trace: traceOf(ctx, reset.answer),
    });
    const alarm = raised.message.alarm!;
    const { answer: listAnswer, active } = await activeAlarms(ctx);
    const listed = active.find((a) => a.faultId === alarm.faultId && a.faultSource === alarm.faultSource);
    ctx.expect(listed !== undefined && listed.faultSeverity === alarm.faultSeverity && !listed.isCleared, {
      message: 'the notified alarm is not in the active alarm list as notified',
      expected: describe(alarm),
      observed: active.map(describe).join('; ') || 'an empty active-alarm-list',
      link: mLink,
      code: 'alarm-list-mismatch',
      trace: traceOf(ctx, listAnswer),
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
      trace: traceOf(ctx, resumed.answer),
    });
    const { answer: afterAnswer, active: after } = await activeAlarms(ctx);
    ctx.expect(!after.some((a) => a.faultId === alarm.faultId && !a.isCleared), {
      message: `fault ${alarm.faultId}, notified cleared, is still in the active alarm list`,
      expected: `no fault ${alarm.faultId}`,
      observed: after.map(describe).join('; '),
      link: mLink,
      code: 'alarm-list-mismatch',
      trace: traceOf(ctx, afterAnswer),
    });
    ctx.measure('faultId', alarm.faultId ?? 0);
  },
});
