/**
 * The topologies the M-plane cases run on, and how a case speaks the M-plane: the harness plays
 * the O-DU (the NETCONF client) on one ofh-m link to the O-RU under test, sends each rpc itself
 * and reads the O-RU's notifications from the test peer.
 *
 * Topologies differ only where a case needs the O-RU in another state: sync held in FREERUN,
 * short supervision timers, or a reset that closes the link. Cases on the same text share one
 * running O-RU, so every case puts the O-RU back as it found it (`restoreRadio`).
 */
import {
  type CaseContext,
  type Combination,
  type Diagnostic,
  type Network,
  oran,
  type Session,
  type VendorLookup,
} from '../../src/conformance/index.js';

/** The link every case drives and observes. */
export const mLink = 'du-1>ru-1/ofh-m';

const mp = oran.fronthaul.mplane.v1;

const topology =
  (name: string, options = '', ruSettings = '{}') =>
  (c: Combination) =>
    `name: ofh-m-${c['o-ru']}${name}
${options}instances:
  du-1: { role: o-du, vendor: harness }
  ru-1: { role: o-ru, vendor: ${c['o-ru']}, settings: ${ruSettings} }
links:
  - { interface: ofh-m, from: du-1, to: ru-1 }
`;

/** The O-RU under test with the harness as its O-DU; the O-RU locks sync 200 ms after start. */
export const ofhMTopology = topology('');

/**
 * The O-RU held in FREERUN: `syncLockDelayMs` (an O-RU setting, vendors/shared/o-ru
 * settings.ts) of an hour keeps it from locking while the case runs.
 */
export const ofhMFreerunTopology = topology('-freerun', '', '{ syncLockDelayMs: 3600000 }');

/**
 * Supervision timers of 1 s + 1 s guard (instead of 60 s + 10 s), so that a loss of supervision
 * shows in about 2 s. The harness's O-DU sends the timers the topology names in its resets.
 */
export const ofhMSupervisionTopology = topology(
  '-supervision',
  'options: { mplaneSupervision: { notificationIntervalS: 1, guardTimerOverheadS: 1 } }\n',
);

/** Its own O-RU for the reset case: a reset drops the link and forgets the configuration. */
export const ofhMResetTopology = topology('-reset');

export type Answer = Awaited<ReturnType<Session<'ofh-m'>['request']>>;
export type RpcError = oran.fronthaul.mplane.v1.RpcError.$Properties;
export type Carrier = oran.fronthaul.mplane.v1.TxArrayCarrier.$Properties;
export type ModuleCapability = oran.fronthaul.mplane.v1.ModuleCapability.$Properties;
type Manifest = NonNullable<ReturnType<VendorLookup>>;
/** What an O-RU declares in its vendor.yaml. */
export type ORuDeclaration = Extract<Manifest, { role: 'o-ru' }>['capabilities'];

/** The harness O-DU's ready M-plane session. */
export const mSession = (ctx: CaseContext<Network>): Promise<Session<'ofh-m'>> =>
  ctx.fixture.peer('du-1').session('ofh-m');

/** The trace time of the frames of a transaction on the M-plane link, for a diagnostic. */
export function traceOf(net: Network, answer: Answer | undefined): Diagnostic['trace'] {
  if (!answer) return undefined;
  const tx = answer.frame.header.transactionId;
  const at = net.frames({ link: mLink, where: (f) => f.tx === tx && tx !== 0 }).map((f) => f.t);
  return at.length > 0 ? { at: at.slice(-2) } : undefined;
}

/** "operation-failed/data-not-unique at /path: message" of the first rpc-error, or "no rpc-error". */
export function describeRpcErrors(errors: readonly RpcError[] | undefined): string {
  const [first] = errors ?? [];
  if (!first) return 'no rpc-error';
  const tag = `${first.errorTag || '(no error-tag)'}${first.errorAppTag ? `/${first.errorAppTag}` : ''}`;
  return `${tag}${first.errorPath ? ` at ${first.errorPath}` : ''}: ${first.errorMessage || '(no message)'}`;
}

/**
 * Sends one rpc and waits for its reply; a request left unanswered (or a link that closes under
 * it) fails the case naming the rpc, with the transport's code.
 */
export async function rpc(
  ctx: CaseContext<Network>,
  name: string,
  send: (session: Session<'ofh-m'>) => Promise<Answer>,
): Promise<Answer> {
  const session = await mSession(ctx);
  try {
    return await send(session);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    ctx.expect(false, {
      message: `${name} got no answer from the O-RU`,
      expected: `the rpc-reply to ${name}`,
      observed: error instanceof Error ? error.message : String(error),
      link: mLink,
      code: typeof code === 'string' ? code : 'no-answer',
    });
  }
}

/** create-subscription to every notification of the NETCONF stream (what a case starts with). */
export async function subscribeAll(ctx: CaseContext<Network>): Promise<void> {
  const answer = await rpc(ctx, 'create-subscription', (s) =>
    s.request('oran.fronthaul.mplane.v1.SubscribeNotificationsRequest', {}),
  );
  ctx.expect(answer.outcome === 'successful', {
    message: 'create-subscription to the NETCONF stream refused',
    expected: '<ok/>',
    observed: describeRpcErrors(
      answer.as('oran.fronthaul.mplane.v1.SubscribeNotificationsResponse').rpcErrors,
    ),
    link: mLink,
    trace: traceOf(ctx.fixture, answer),
  });
}

/** The O-RU's capabilities, unfiltered; fails the case if it will not say. */
export async function capabilitiesOf(ctx: CaseContext<Network>): Promise<ModuleCapability> {
  const answer = await rpc(ctx, 'get module-capability', (s) =>
    s.request('oran.fronthaul.mplane.v1.GetCapabilitiesRequest', {}),
  );
  const response = answer.as('oran.fronthaul.mplane.v1.GetCapabilitiesResponse');
  ctx.expect(answer.outcome === 'successful' && !!response.moduleCapability, {
    message: 'the O-RU did not return its module capability',
    expected: 'GetCapabilitiesResponse with module_capability',
    observed: `${answer.outcome} ${describeRpcErrors(response.rpcErrors)}`,
    link: mLink,
    trace: traceOf(ctx.fixture, answer),
  });
  return response.moduleCapability!;
}

/** The carriers the O-RU holds, TX and RX, with their state. */
export async function carriersOf(ctx: CaseContext<Network>, names: string[] = []): Promise<Carrier[]> {
  const answer = await rpc(ctx, 'get array-carriers', (s) =>
    s.request('oran.fronthaul.mplane.v1.GetCarriersRequest', { carrierNames: names }),
  );
  const response = answer.as('oran.fronthaul.mplane.v1.GetCarriersResponse');
  ctx.expect(answer.outcome === 'successful', {
    message: 'the O-RU refused to return its array carriers',
    expected: 'GetCarriersResponse',
    observed: describeRpcErrors(response.rpcErrors),
    link: mLink,
    trace: traceOf(ctx.fixture, answer),
  });
  return [...response.txArrayCarriers, ...response.rxArrayCarriers];
}

/** Waits (polling get sync-status) until the O-RU is LOCKED; fails the case after `timeoutMs`. */
export async function awaitLocked(ctx: CaseContext<Network>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const answer = await rpc(ctx, 'get sync-status', (s) =>
      s.request('oran.fronthaul.mplane.v1.GetSyncStateRequest', {}),
    );
    const state = answer.as('oran.fronthaul.mplane.v1.GetSyncStateResponse').syncState;
    if (state === mp.SyncState.SYNC_STATE_LOCKED) return;
    ctx.expect(Date.now() < deadline, {
      message: `the O-RU did not reach sync-state LOCKED within ${timeoutMs} ms`,
      expected: 'sync-state LOCKED (activation requires it)',
      observed: `sync-state ${syncName(state)}`,
      link: mLink,
      trace: traceOf(ctx.fixture, answer),
    });
    await ctx.sleep(100);
  }
}

export const syncName = (state: number): string =>
  (mp.SyncState[state] ?? String(state)).replace('SYNC_STATE_', '');
export const carrierStateName = (state: number | null | undefined): string =>
  (mp.CarrierState[state ?? 0] ?? String(state)).replace('CARRIER_STATE_', '');

/**
 * Puts the O-RU back as a case found it: every carrier deactivated and deleted, supervision
 * quiet (a watchdog reset of an hour, so short timers a case armed never expire under the next
 * case), and a subscription to everything. Best effort: it runs after a failed case too.
 */
export async function restoreRadio(ctx: CaseContext<Network>, options: { watchdog?: boolean } = {}) {
  try {
    const session = await mSession(ctx);
    if (options.watchdog) {
      await session.request('oran.fronthaul.mplane.v1.SupervisionWatchdogReset', {
        supervisionNotificationIntervalS: 3600,
        guardTimerOverheadS: 10,
      });
    }
    const got = (await session.request('oran.fronthaul.mplane.v1.GetCarriersRequest', {})).as(
      'oran.fronthaul.mplane.v1.GetCarriersResponse',
    );
    const carriers = [...got.txArrayCarriers, ...got.rxArrayCarriers];
    for (const carrier of carriers) {
      if (carrier.state !== mp.CarrierState.CARRIER_STATE_ACTIVE) continue;
      await session.request('oran.fronthaul.mplane.v1.SetCarrierStateRequest', {
        carrierName: carrier.name,
        desiredState: mp.ActiveState.ACTIVE_STATE_INACTIVE,
      });
    }
    if (carriers.length > 0) {
      await session.request('oran.fronthaul.mplane.v1.EditConfigRequest', {
        operation: mp.EditOperation.EDIT_OPERATION_DELETE,
        txArrayCarriers: got.txArrayCarriers.map((c) => ({ name: c.name })),
        rxArrayCarriers: got.rxArrayCarriers.map((c) => ({ name: c.name })),
      });
    }
    await session.request('oran.fronthaul.mplane.v1.SubscribeNotificationsRequest', {});
  } catch {
    // The verdict is the case's; a topology left unusable shows in the next case's diagnostic.
  }
}
