/**
 * Policy status cases (O-RAN.WG2.A1AP 5.4, A1TD PolicyStatusObject): a policy the RIC's xApps
 * can apply reads ENFORCED, one they cannot reads NOT_ENFORCED with its reason, and a consumer
 * that gave a notification destination hears of the status.
 */
import { type NetworkContext, oran } from '../../src/conformance/index.js';
import { expectStatus, type StatusRead, statusOf, statusText } from './policy-status.js';
import { type A1Frame, a1Case, ask, createPolicy, onA1, requiresPolicyType, withPolicy } from './support.js';
import { a1Link, ricInstance, slicePrbQuotaType } from './topology.js';

const { EnforceStatus, EnforceReason, InstanceStatus, PolicyStatusNotification } = oran.a1.v1;

export const a1StatusEnforced = a1Case({
  id: 'A1-STAT-001',
  title:
    'A policy the RIC can apply reads ENFORCED; one whose scope is not in its RAN reads NOT_ENFORCED with the reason',
  spec: 'O-RAN.WG2.A1AP-v03 5.4 (policy status); O-RAN.WG2.A1TD PolicyStatusObject (enforceStatus, enforceReason)',
  expectation:
    "Under the RIC's own slice PRB quota type (21000), a policy for the configured slice (SST 1, SD 000001; threshold 95 %, so it changes nothing under test load) reads ENFORCED and IN_EFFECT within 2 s; a policy for a slice the RAN does not have (SD abcdef) reads NOT_ENFORCED with a reason that is not UNSPECIFIED (SCOPE_NOT_APPLICABLE expected) and NOT_IN_EFFECT.",
  requires: requiresPolicyType(slicePrbQuotaType),
  // Its own policies, deleted again. The enforced one's 95 % threshold is above the O-DU's load
  // under the loop's default cap, so no RIC Control follows it; a control it did cause (the load
  // above 95 % before any cap) is withdrawn on the delete to the quota the RIC's rules give
  // anyway (A1-BEH-002 checks that): the RIC and the O-DU are left as the loop would have them.
  isolation: 'shared',
  async run(ctx: NetworkContext) {
    const cases = [
      { policyId: 'stat-enforced', sd: '000001', enforced: true },
      { policyId: 'stat-not-applicable', sd: 'abcdef', enforced: false },
    ];
    try {
      for (const { policyId, sd, enforced } of cases) {
        const policyObject = JSON.stringify({ threshold: 95, maxPrbRatio: 90, sst: 1, sd });
        await createPolicy(ctx, { policyTypeId: slicePrbQuotaType, policyId, policyObject });
        const isEnforced = (s: StatusRead['status']) =>
          s?.enforceStatus === EnforceStatus.ENFORCE_STATUS_ENFORCED;
        const deadline = Date.now() + 2000;
        let read = await statusOf(ctx, slicePrbQuotaType, policyId);
        while (enforced && !isEnforced(read.status) && Date.now() < deadline) {
          await ctx.sleep(100);
          read = await statusOf(ctx, slicePrbQuotaType, policyId);
        }
        if (enforced) {
          expectStatus(
            ctx,
            read,
            (s) => isEnforced(s) && s.instanceStatus === InstanceStatus.INSTANCE_STATUS_IN_EFFECT,
            {
              message: 'a policy for the configured slice is not enforced',
              expected: 'ENFORCED, IN_EFFECT within 2 s',
            },
          );
          continue;
        }
        expectStatus(ctx, read, notEnforcedWithReason, {
          message: 'a policy for a slice the RAN lacks does not read NOT_ENFORCED with a reason',
          expected: 'NOT_ENFORCED / SCOPE_NOT_APPLICABLE',
        });
        expectStatus(
          ctx,
          read,
          (s) => s.enforceReason === EnforceReason.ENFORCE_REASON_SCOPE_NOT_APPLICABLE,
          {
            message: 'the reason is not the scope',
            expected: 'SCOPE_NOT_APPLICABLE (the slice is the policy scope)',
            level: 'should',
          },
        );
      }
    } finally {
      for (const { policyId } of cases) {
        await ask(ctx, 'oran.a1.v1.DeletePolicyRequest', { policyTypeId: slicePrbQuotaType, policyId }).catch(
          () => undefined,
        );
      }
    }
  },
});

const notEnforcedWithReason = (s: NonNullable<StatusRead['status']>): boolean =>
  s.enforceStatus === EnforceStatus.ENFORCE_STATUS_NOT_ENFORCED &&
  s.enforceReason !== EnforceReason.ENFORCE_REASON_UNSPECIFIED;

export const a1StatusNotEnforced = a1Case({
  id: 'A1-STAT-002',
  title: 'A policy no xApp can apply reads NOT_ENFORCED with a reason, and its status is notified',
  spec: 'O-RAN.WG2.A1AP-v03 5.4 (policy status, notify policy status); O-RAN.WG2.A1TD PolicyStatusObject',
  expectation:
    'Under a type the harness creates (30021, which no xApp of the RIC knows), a policy created with a notification destination reads NOT_ENFORCED with a reason that is not UNSPECIFIED, and NOT_IN_EFFECT; the RIC SHOULD send a PolicyStatusNotification for it to the destination given (within 2 s), which the harness acknowledges.',
  // Its own type and policy, deleted again, and its listener removed: the RIC is left as found.
  isolation: 'shared',
  async run(ctx: NetworkContext) {
    const id = 30021;
    const policyId = 'p-30021';
    const destination = 'plugfest://smo/a1-status';
    const link = await ctx.fixture.a1(ricInstance);
    const notified: oran.a1.v1.PolicyStatusNotification[] = [];
    const onMessage = (frame: A1Frame) => {
      const n = frame.message;
      if (!(n instanceof PolicyStatusNotification)) return;
      notified.push(n);
      const ack = { policyTypeId: n.policyTypeId, policyId: n.policyId };
      void link.reply(frame, 'oran.a1.v1.PolicyStatusNotificationAck', ack).catch(() => undefined);
    };
    link.on('message', onMessage);
    try {
      const policy = { policyTypeId: id, policyId, policyObject: JSON.stringify({ target: 20 }) };
      await withPolicy(ctx, { ...policy, notificationDestination: destination }, async (put) => {
        const read = await statusOf(ctx, id, policyId);
        expectStatus(
          ctx,
          read,
          (s) =>
            notEnforcedWithReason(s) && s.instanceStatus === InstanceStatus.INSTANCE_STATUS_NOT_IN_EFFECT,
          {
            message: 'a policy no xApp can apply does not read NOT_ENFORCED with a reason',
            expected: 'NOT_ENFORCED / a reason, NOT_IN_EFFECT',
          },
        );
        const deadline = Date.now() + 2000;
        const mine = () => notified.find((n) => n.policyId === policyId);
        while (!mine() && Date.now() < deadline) await ctx.sleep(50);
        const notice = mine();
        ctx.should(notice !== undefined, {
          message: 'no PolicyStatusNotification for a policy created with a notification destination',
          expected: `PolicyStatusNotification for ${policyId} to ${destination} within 2 s`,
          observed: `${notified.length} notification(s), none for ${policyId}`,
          code: 'status-notification-missing',
          ...onA1(put.at),
        });
        if (notice) {
          const noticed = ctx.fixture.frames.all({
            link: a1Link,
            type: 'oran.a1.v1.PolicyStatusNotification',
            since: put.at,
          });
          ctx.should(
            notice.notificationDestination === destination &&
              notice.status?.enforceStatus === read.status?.enforceStatus,
            {
              message: 'the notification does not match the policy',
              expected: `destination ${destination}, ${statusText(read.status)}`,
              observed: `destination ${notice.notificationDestination}, ${statusText(notice.status)}`,
              code: 'wrong-field',
              ...onA1(put.at, ...noticed.map((f) => f.t)),
            },
          );
        }
        ctx.measure('notifications', notified.length);
      });
    } finally {
      link.off('message', onMessage);
    }
  },
});
