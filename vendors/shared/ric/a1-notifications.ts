/**
 * Policy status notifications (A1AP notify policy status). A1AP POSTs them to the policy's
 * notificationDestination; plugfest has no callback channel, so the RIC sends them as an
 * initiating message over the A1 links of its consumers, and only for policies created with a
 * destination, when the status changes.
 */
import { PlugfestError } from '../../../src/sdk/index.js';
import type { PolicyChange } from './a1-policy-store.js';
import type { Ric } from './ric-state.js';

/** Time a consumer has to acknowledge a notification. */
const notificationAckTimeoutMs = 2000;

export function notifyStatusChange(ric: Ric, change: PolicyChange): void {
  const { policy } = change;
  const destination = policy.notificationDestination;
  if (!destination) return;
  if (change.kind === 'vanished') return;
  const before = change.kind === 'created' ? undefined : change.previous?.status;
  const after = policy.status;
  if (
    before &&
    before.enforceStatus === after.enforceStatus &&
    before.enforceReason === after.enforceReason &&
    before.hasBeenDeleted === after.hasBeenDeleted
  ) {
    return;
  }
  for (const session of ric.context.sessions('a1')) {
    session
      .request(
        'oran.a1.v1.PolicyStatusNotification',
        {
          policyTypeId: policy.policyTypeId,
          policyId: policy.policyId,
          notificationDestination: destination,
          status: after,
        },
        { timeoutMs: notificationAckTimeoutMs },
      )
      .then((answer) => {
        answer.as('oran.a1.v1.PolicyStatusNotificationAck');
        ric.logger.debug(
          { interface: 'a1', policyId: policy.policyId, destination, peer: session.peer.instanceId },
          'a1 policy status notified',
        );
      })
      .catch((error: unknown) => {
        const e = PlugfestError.from(error);
        ric.logger.debug(
          { interface: 'a1', policyId: policy.policyId, destination, code: e.code, detail: e.rawMessage },
          'a1 policy status notification unanswered',
        );
      });
  }
}
