/**
 * How a case speaks the M-plane as the O-DU: one rpc and its reply, the reply graded with its
 * rpc-errors named, and the reads every case makes (capabilities, carriers, sync state).
 */
import {
  type CaseDiagnostic,
  type DiagnosticCode,
  isDiagnosticCode,
  type NetworkContext,
  oran,
  type Session,
} from '../../src/conformance/index.js';
import { type Carrier, type ModuleCapability, mLink, type RpcError } from './topology.js';

const mp = oran.fronthaul.mplane.v1;

export type Answer = Awaited<ReturnType<Session<'ofh-m'>['request']>>;

/** The harness O-DU's ready M-plane session. */
export const mSession = (ctx: NetworkContext): Promise<Session<'ofh-m'>> =>
  ctx.fixture.peer('du-1').session('ofh-m');

/** The trace time of the frames of a transaction on the M-plane link, for a diagnostic. */
export function traceOf(ctx: NetworkContext, answer: Answer | undefined): CaseDiagnostic['trace'] {
  const tx = answer?.frame.header.transactionId;
  if (!tx) return undefined;
  const at = ctx.fixture.frames.all({ link: mLink, tx }).map((f) => f.t);
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
  ctx: NetworkContext,
  name: string,
  send: (session: Session<'ofh-m'>) => Promise<Answer>,
): Promise<Answer> {
  const session = await mSession(ctx);
  try {
    return await send(session);
  } catch (error) {
    const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
    ctx.expect(false, {
      message: `${name} got no answer from the O-RU`,
      expected: `the rpc-reply to ${name}`,
      observed: error instanceof Error ? error.message : String(error),
      link: mLink,
      code: typeof code === 'string' && isDiagnosticCode(code) ? code : 'no-answer',
    });
  }
}

/**
 * Expects the rpc accepted (and `also`, when given); otherwise fails with `code`, observing the
 * reply's rpc-errors unless `observed` says otherwise.
 */
export function expectAccepted(
  ctx: NetworkContext,
  answer: Answer,
  errors: readonly RpcError[] | undefined,
  d: { message: string; expected: string; code: DiagnosticCode; observed?: string; also?: boolean },
): void {
  ctx.expect(answer.outcome === 'successful' && (d.also ?? true), {
    message: d.message,
    expected: d.expected,
    observed: d.observed ?? describeRpcErrors(errors),
    link: mLink,
    code: d.code,
    trace: traceOf(ctx, answer),
  });
}

/** create-subscription, to every notification of the NETCONF stream unless `names` filter them. */
export async function subscribe(
  ctx: NetworkContext,
  stream = '',
  notificationNames: string[] = [],
): Promise<Answer> {
  return rpc(ctx, 'create-subscription', (s) =>
    s.request('oran.fronthaul.mplane.v1.SubscribeNotificationsRequest', { stream, notificationNames }),
  );
}

/** create-subscription, which must be accepted: to everything unless `names` filter it. */
export async function expectSubscribed(
  ctx: NetworkContext,
  names: string[] = [],
  stream = '',
): Promise<void> {
  const answer = await subscribe(ctx, stream, names);
  const what = names.length > 0 ? `filtered to ${names.join(', ')}` : 'to the NETCONF stream';
  expectAccepted(
    ctx,
    answer,
    answer.as('oran.fronthaul.mplane.v1.SubscribeNotificationsResponse').rpcErrors,
    {
      message: `create-subscription ${what} refused`,
      expected: '<ok/>',
      code: 'subscription-refused',
    },
  );
}

/** The O-RU's capabilities, unfiltered; fails the case if it will not say. */
export async function capabilitiesOf(ctx: NetworkContext): Promise<ModuleCapability> {
  const answer = await rpc(ctx, 'get module-capability', (s) =>
    s.request('oran.fronthaul.mplane.v1.GetCapabilitiesRequest', {}),
  );
  const response = answer.as('oran.fronthaul.mplane.v1.GetCapabilitiesResponse');
  expectAccepted(ctx, answer, response.rpcErrors, {
    message: 'the O-RU did not return its module capability',
    expected: 'GetCapabilitiesResponse with module_capability',
    observed: `${answer.outcome} ${describeRpcErrors(response.rpcErrors)}`,
    code: answer.outcome === 'successful' ? 'section-missing' : 'wrongly-refused',
    also: !!response.moduleCapability,
  });
  return response.moduleCapability!;
}

/** The carriers the O-RU holds, TX and RX, with their state. */
export async function carriersOf(ctx: NetworkContext, names: string[] = []): Promise<Carrier[]> {
  const answer = await rpc(ctx, 'get array-carriers', (s) =>
    s.request('oran.fronthaul.mplane.v1.GetCarriersRequest', { carrierNames: names }),
  );
  const response = answer.as('oran.fronthaul.mplane.v1.GetCarriersResponse');
  expectAccepted(ctx, answer, response.rpcErrors, {
    message: 'the O-RU refused to return its array carriers',
    expected: 'GetCarriersResponse',
    code: 'wrongly-refused',
  });
  return [...response.txArrayCarriers, ...response.rxArrayCarriers];
}

export const syncName = (state: number): string =>
  (mp.SyncState[state] ?? String(state)).replace('SYNC_STATE_', '');
export const carrierStateName = (state: number | null | undefined): string =>
  (mp.CarrierState[state ?? 0] ?? String(state)).replace('CARRIER_STATE_', '');

/** Waits (polling get sync-status) until the O-RU is LOCKED; fails the case after `timeoutMs`. */
export async function awaitLocked(ctx: NetworkContext, timeoutMs = 5000): Promise<void> {
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
      code: 'sync-not-locked',
      trace: traceOf(ctx, answer),
    });
    await ctx.sleep(100);
  }
}

/**
 * Puts the carriers back as a shared case found them: none. Every carrier is deactivated and
 * deleted; best effort, since it runs after a failed case too (the runner's health check and
 * the next case's diagnostic show an O-RU left unusable).
 */
export async function removeCarriers(ctx: NetworkContext): Promise<void> {
  try {
    const session = await mSession(ctx);
    const got = (await session.request('oran.fronthaul.mplane.v1.GetCarriersRequest', {})).as(
      'oran.fronthaul.mplane.v1.GetCarriersResponse',
    );
    const carriers = [...got.txArrayCarriers, ...got.rxArrayCarriers];
    for (const carrier of carriers.filter((c) => c.state === mp.CarrierState.CARRIER_STATE_ACTIVE)) {
      await session.request('oran.fronthaul.mplane.v1.SetCarrierStateRequest', {
        carrierName: carrier.name,
        desiredState: mp.ActiveState.ACTIVE_STATE_INACTIVE,
      });
    }
    if (carriers.length === 0) return;
    await session.request('oran.fronthaul.mplane.v1.EditConfigRequest', {
      operation: mp.EditOperation.EDIT_OPERATION_DELETE,
      txArrayCarriers: got.txArrayCarriers.map((c) => ({ name: c.name })),
      rxArrayCarriers: got.rxArrayCarriers.map((c) => ({ name: c.name })),
    });
  } catch {
    // The verdict is the case's.
  }
}
