/**
 * The steps the M-plane cases share, as the O-DU, on the way to what they grade: plan a carrier
 * from the O-RU's own capabilities, create and activate it, reset the supervision watchdog. A
 * step the O-RU must pass fails the case with a diagnostic.
 */
import { type Network, type NetworkContext, oran } from '../../src/conformance/index.js';
import {
  type CarrierPlan,
  carrierOf,
  describeCarrier,
  type NamedCarrier,
  planCarrier,
  supervisionAllowance,
} from './checks.js';
import {
  awaitLocked,
  capabilitiesOf,
  carrierStateName,
  describeRpcErrors,
  expectAccepted,
  expectSubscribed,
  rpc,
} from './rpc.js';
import { type Carrier, mLink } from './topology.js';

const mp = oran.fronthaul.mplane.v1;

/** The carrier plan of the O-RU's own capabilities; fails the case if nothing fits them. */
export async function planOf(ctx: NetworkContext): Promise<CarrierPlan> {
  const capability = await capabilitiesOf(ctx);
  const plan = planCarrier(capability);
  ctx.expect(typeof plan !== 'string', {
    message: `no carrier fits the O-RU's own capabilities: ${plan}`,
    expected: 'a band plugfest models, an SCS, a bandwidth of the PRB table, a compression',
    observed: JSON.stringify(capability),
    link: mLink,
    code: 'no-carrier-fits',
  });
  return plan;
}

/** edit-config create of one carrier, which must be accepted. */
export async function createCarrier(ctx: NetworkContext, kind: 'tx' | 'rx', carrier: Carrier): Promise<void> {
  const answer = await rpc(ctx, 'edit-config', (s) =>
    s.request('oran.fronthaul.mplane.v1.EditConfigRequest', {
      operation: mp.EditOperation.EDIT_OPERATION_CREATE,
      [kind === 'tx' ? 'txArrayCarriers' : 'rxArrayCarriers']: [carrier],
    }),
  );
  const response = answer.as('oran.fronthaul.mplane.v1.EditConfigResponse');
  expectAccepted(ctx, answer, response.rpcErrors, {
    message: `a valid ${kind}-array-carrier "${carrier.name}" was refused`,
    expected: `<ok/> for ${describeCarrier(carrier)}`,
    code: 'wrongly-refused',
    also: response.ok,
  });
}

/** SetCarrierState; the answer, for the case to grade. */
export async function setCarrierState(ctx: NetworkContext, name: string, active: boolean) {
  const answer = await rpc(ctx, 'set carrier state', (s) =>
    s.request('oran.fronthaul.mplane.v1.SetCarrierStateRequest', {
      carrierName: name,
      desiredState: active ? mp.ActiveState.ACTIVE_STATE_ACTIVE : mp.ActiveState.ACTIVE_STATE_INACTIVE,
    }),
  );
  return { answer, response: answer.as('oran.fronthaul.mplane.v1.SetCarrierStateResponse') };
}

/** Activates a carrier, which must succeed (sync LOCKED). */
export async function activate(ctx: NetworkContext, name: string): Promise<void> {
  const { answer, response } = await setCarrierState(ctx, name, true);
  expectAccepted(ctx, answer, response.rpcErrors, {
    message: `activation of "${name}" with sync LOCKED did not make it ACTIVE`,
    expected: 'state ACTIVE',
    observed: `${answer.outcome}, state ${carrierStateName(response.state)}${response.reason ? ` (${response.reason})` : ''}; ${describeRpcErrors(response.rpcErrors)}`,
    code: 'carrier-state',
    also: response.state === mp.CarrierState.CARRIER_STATE_ACTIVE,
  });
}

/**
 * One TX carrier planned from the O-RU's capabilities on its first eAxC id, created and
 * activated once sync is LOCKED: where a case about something else starts.
 */
export async function activeTxCarrier(ctx: NetworkContext, name: string): Promise<NamedCarrier> {
  await awaitLocked(ctx);
  const plan = await planOf(ctx);
  const carrier = carrierOf(plan, name, [plan.eaxcIdMin]);
  await createCarrier(ctx, 'tx', carrier);
  await activate(ctx, name);
  return carrier;
}

/** supervision-watchdog-reset with these timers; the send and answer times. */
export async function watchdogReset(ctx: NetworkContext, intervalS: number, guardS: number) {
  const sentAt = Date.now();
  const answer = await rpc(ctx, 'supervision-watchdog-reset', (s) =>
    s.request('oran.fronthaul.mplane.v1.SupervisionWatchdogReset', {
      supervisionNotificationIntervalS: intervalS,
      guardTimerOverheadS: guardS,
    }),
  );
  const response = answer.as('oran.fronthaul.mplane.v1.SupervisionWatchdogResetResponse');
  expectAccepted(ctx, answer, response.rpcErrors, {
    message: 'supervision-watchdog-reset refused',
    expected: 'rpc-reply with next-update-at',
    code: 'wrongly-refused',
  });
  return { sentAt, answeredAt: Date.now(), nextUpdateAt: response.nextUpdateAtUnixMs, answer };
}

/** The supervision timers the topology names (options.mplaneSupervision), and the watchdog they make. */
export function supervisionTimers(net: Network) {
  const { notificationIntervalS, guardTimerOverheadS } = net.options.mplaneSupervision;
  return {
    notificationIntervalS,
    guardTimerOverheadS,
    intervalMs: notificationIntervalS * 1000,
    /** interval + guard: how long the O-RU waits after a reset before it declares supervision lost. */
    watchdogMs: (notificationIntervalS + guardTimerOverheadS) * 1000,
  };
}

/**
 * Where a supervision case starts: subscribed to every notification; the harness's test peer,
 * the topology's timers and the allowance they are graded with.
 */
export async function supervisedStart(ctx: NetworkContext) {
  await expectSubscribed(ctx);
  const timers = supervisionTimers(ctx.fixture);
  return { peer: ctx.fixture.peer('du-1'), timers, allowance: supervisionAllowance(timers.watchdogMs) };
}

/** A CarrierStateChangeNotification taking `name` out of ACTIVE. */
export const leftActive = (name: string) => (n: oran.fronthaul.mplane.v1.CarrierStateChangeNotification) =>
  n.carriers.some((c) => c.carrierName === name && c.state !== mp.CarrierState.CARRIER_STATE_ACTIVE);

/**
 * How late the harness's own timers ran while it watched (the machine's load, seen from the
 * harness): a 50 ms tick, its worst overshoot. A case that sees the O-RU late while the
 * harness was late too cannot tell whose lateness it saw. (The kit has no such probe yet.)
 */
export function watchHarnessLag(): { stop(): number } {
  const tickMs = 50;
  let last = performance.now();
  let worst = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    worst = Math.max(worst, now - last - tickMs);
    last = now;
  }, tickMs);
  return {
    stop() {
      clearInterval(timer);
      worst = Math.max(worst, performance.now() - last - tickMs);
      return Math.round(worst);
    },
  };
}
