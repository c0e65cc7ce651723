/**
 * The steps the M-plane cases share, as the O-DU, on the way to what they grade: plan a carrier
 * from the O-RU's own capabilities, create and activate it, reset the supervision watchdog. A
 * step the O-RU must pass fails the case with a diagnostic. Also what every case has in common.
 */
import { type CaseContext, type Network, oran } from '../../src/conformance/index.js';
import { type CarrierPlan, describeCarrier, planCarrier } from './checks.js';
import {
  type Carrier,
  capabilitiesOf,
  carrierStateName,
  describeRpcErrors,
  mLink,
  rpc,
  traceOf,
} from './topology.js';

const mp = oran.fronthaul.mplane.v1;

/** What every M-plane case has in common: conformance of the O-RU. */
export const common = {
  suite: 'ofh-m',
  interface: 'ofh-m' as const,
  mode: 'conformance' as const,
  roles: ['o-ru'] as const,
};

/** The carrier plan of the O-RU's own capabilities; fails the case if nothing fits them. */
export async function planOf(ctx: CaseContext<Network>): Promise<CarrierPlan> {
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
export async function createCarrier(ctx: CaseContext<Network>, kind: 'tx' | 'rx', carrier: Carrier) {
  const answer = await rpc(ctx, 'edit-config', (s) =>
    s.request('oran.fronthaul.mplane.v1.EditConfigRequest', {
      operation: mp.EditOperation.EDIT_OPERATION_CREATE,
      [kind === 'tx' ? 'txArrayCarriers' : 'rxArrayCarriers']: [carrier],
    }),
  );
  const response = answer.as('oran.fronthaul.mplane.v1.EditConfigResponse');
  ctx.expect(answer.outcome === 'successful' && response.ok, {
    message: `a valid ${kind}-array-carrier "${carrier.name}" was refused`,
    expected: `<ok/> for ${describeCarrier(carrier)}`,
    observed: describeRpcErrors(response.rpcErrors),
    link: mLink,
    code: response.rpcErrors[0]?.errorTag || 'refused',
    trace: traceOf(ctx.fixture, answer),
  });
}

/** SetCarrierState; the answer, for the case to grade. */
export async function setCarrierState(ctx: CaseContext<Network>, name: string, active: boolean) {
  const answer = await rpc(ctx, 'set carrier state', (s) =>
    s.request('oran.fronthaul.mplane.v1.SetCarrierStateRequest', {
      carrierName: name,
      desiredState: active ? mp.ActiveState.ACTIVE_STATE_ACTIVE : mp.ActiveState.ACTIVE_STATE_INACTIVE,
    }),
  );
  return { answer, response: answer.as('oran.fronthaul.mplane.v1.SetCarrierStateResponse') };
}

/** Activates a carrier, which must succeed (sync LOCKED). */
export async function activate(ctx: CaseContext<Network>, name: string) {
  const { answer, response } = await setCarrierState(ctx, name, true);
  ctx.expect(answer.outcome === 'successful' && response.state === mp.CarrierState.CARRIER_STATE_ACTIVE, {
    message: `activation of "${name}" with sync LOCKED did not make it ACTIVE`,
    expected: 'state ACTIVE',
    observed: `${answer.outcome}, state ${carrierStateName(response.state)}${response.reason ? ` (${response.reason})` : ''}; ${describeRpcErrors(response.rpcErrors)}`,
    link: mLink,
    code: response.rpcErrors[0]?.errorTag || 'not-active',
    trace: traceOf(ctx.fixture, answer),
  });
}

/** supervision-watchdog-reset with the timers the topology names; the send and answer times. */
export async function watchdogReset(ctx: CaseContext<Network>, intervalS: number, guardS: number) {
  const sentAt = Date.now();
  const answer = await rpc(ctx, 'supervision-watchdog-reset', (s) =>
    s.request('oran.fronthaul.mplane.v1.SupervisionWatchdogReset', {
      supervisionNotificationIntervalS: intervalS,
      guardTimerOverheadS: guardS,
    }),
  );
  const response = answer.as('oran.fronthaul.mplane.v1.SupervisionWatchdogResetResponse');
  ctx.expect(answer.outcome === 'successful', {
    message: 'supervision-watchdog-reset refused',
    expected: 'rpc-reply with next-update-at',
    observed: describeRpcErrors(response.rpcErrors),
    link: mLink,
    code: response.rpcErrors[0]?.errorTag || 'refused',
    trace: traceOf(ctx.fixture, answer),
  });
  return { sentAt, answeredAt: Date.now(), nextUpdateAt: response.nextUpdateAtUnixMs, answer };
}

/** The supervision timers the topology names (options.mplaneSupervision), in seconds. */
export const supervisionTimers = (net: Network) => net.running.topology.options.mplaneSupervision;

/** A CarrierStateChangeNotification taking `name` out of ACTIVE. */
export const leftActive = (name: string) => (n: oran.fronthaul.mplane.v1.CarrierStateChangeNotification) =>
  n.carriers.some((c) => c.carrierName === name && c.state !== mp.CarrierState.CARRIER_STATE_ACTIVE);
