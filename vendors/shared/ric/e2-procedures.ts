/**
 * The E2 procedures the RIC starts on its own: KPM subscription after a setup, a reset or a
 * service update; Reset to clear state a node kept; Error Indication for reports of a
 * subscription it never made; and marking a node down when its link goes.
 */
import { describeCause, oran, PlugfestError, type Session } from '../../../src/sdk/index.js';
import { type E2Node, nodeFields } from './e2-nodes.js';
import type { Ric } from './ric-state.js';
import { requestIdText } from './subscriptions.js';

const { CauseRicRequest } = oran.common.v1;

/** At most one error indication per node per this many ms for indications nobody subscribed. */
const unknownIndicationNoticeMs = 1000;

/**
 * RIC-initiated Reset: both ends drop the node's subscriptions, then the RIC subscribes again.
 * The RIC drops first, so indications still in flight are ignored rather than reported.
 */
export async function resetNode(
  ric: Ric,
  node: E2Node,
  cause: oran.common.v1.Cause.$Properties,
): Promise<void> {
  const dropped = ric.subscriptions.dropAll(node);
  const fields = {
    ...nodeFields(node),
    initiatedBy: 'ric',
    cause: describeCause(cause),
    dropped: dropped.length,
  };
  try {
    const answer = await node.session.request('oran.e2.v1.ResetRequest', { cause });
    answer.as('oran.e2.v1.ResetResponse');
  } catch (error) {
    const e = PlugfestError.from(error);
    ric.logger.warn({ ...fields, code: e.code, detail: e.rawMessage }, 'e2 reset failed');
    return;
  }
  ric.logger.info(fields, 'e2 reset');
  ric.hooks.onNodeChange?.(node, 'reset', ric);
  await subscribe(ric, node, { recoveryReset: false });
}

/** The link is gone: the node is down and its subscriptions are forgotten. */
export function nodeDown(ric: Ric, node: E2Node, reason: string, extra: Record<string, unknown> = {}): void {
  node.state = 'down';
  const dropped = ric.subscriptions.dropAll(node);
  ric.logger.warn({ ...nodeFields(node), reason, ...extra, dropped: dropped.length }, 'e2 node down');
  ric.hooks.onNodeChange?.(node, 'down', ric);
}

/**
 * Subscribes once the handler's answer is on the wire: the SDK writes the answer in the
 * microtasks after the handler returns, and setImmediate runs after them, so a node never sees
 * a subscription before its E2 Setup Response or Reset Response.
 */
export function subscribeAfterAnswer(ric: Ric, node: E2Node): void {
  setImmediate(() => void subscribe(ric, node, { recoveryReset: true }));
}

/**
 * A node that refuses a fresh request id as a duplicate still holds subscriptions the RIC has
 * forgotten (it missed a reset or a link loss): one Reset clears both ends, then the RIC
 * subscribes again.
 */
async function subscribe(ric: Ric, node: E2Node, options: { recoveryReset: boolean }): Promise<void> {
  const outcome = await ric.subscriptions.subscribeKpm(node);
  if (
    options.recoveryReset &&
    outcome.result === 'refused' &&
    outcome.cause?.ricRequest === CauseRicRequest.CAUSE_RIC_REQUEST_DUPLICATE_RIC_REQUEST_ID &&
    node.state === 'up'
  ) {
    await resetNode(ric, node, { ricRequest: CauseRicRequest.CAUSE_RIC_REQUEST_DUPLICATE_RIC_REQUEST_ID });
  }
}

/** E2AP Error Indication for an indication of a subscription the RIC never made. */
export function noticeUnknownIndication(
  ric: Ric,
  node: E2Node,
  session: Session<'e2'>,
  indication: oran.e2.v1.RicIndication,
  lastNotice: WeakMap<E2Node, number>,
): void {
  const now = Date.now();
  if (now - (lastNotice.get(node) ?? 0) < unknownIndicationNoticeMs) return;
  lastNotice.set(node, now);
  const cause = { ricRequest: CauseRicRequest.CAUSE_RIC_REQUEST_REQUEST_ID_UNKNOWN };
  ric.logger.warn(
    {
      ...nodeFields(node),
      ricRequestId: indication.ricRequestId ? requestIdText(indication.ricRequestId) : undefined,
      ranFunctionId: indication.ranFunctionId,
      cause: describeCause(cause),
    },
    'indication for unknown subscription',
  );
  session
    .send('oran.e2.v1.ErrorIndication', {
      ...(indication.ricRequestId ? { ricRequestId: indication.ricRequestId } : {}),
      ranFunctionId: indication.ranFunctionId,
      cause,
    })
    .catch(() => {});
}
