/**
 * Policy status cases (O-RAN.WG2.A1AP 5.4, A1TD PolicyStatusObject): a policy the RIC's xApps
 * can apply reads ENFORCED, one they cannot reads NOT_ENFORCED with its reason, and a consumer
 * that gave a notification destination hears of the status.
 */
import { defineCase, type Network, oran } from '../../src/conformance/index.js';
import type { Frame } from '../../src/wire/index.js';
import {
  ask,
  type Ctx,
  common,
  createType,
  dropType,
  expectAnswer,
  requiresPolicyType,
  statusOf,
  statusText,
} from './support.js';
import { a1Link, ricInstance, slicePrbQuotaType } from './topology.js';

const { EnforceStatus, EnforceReason, InstanceStatus } = oran.a1.v1;

export const a1StatusEnforced = defineCase<Network>({
  ...common,
  id: 'A1-STAT-001',
  title:
    'A policy the RIC can apply reads ENFORCED; one whose scope is not in its RAN reads NOT_ENFORCED with the reason',
  spec: 'O-RAN.WG2.A1AP-v03 5.4 (policy status); O-RAN.WG2.A1TD PolicyStatusObject (enforceStatus, enforceReason)',
  expectation:
    "Under the RIC's own slice PRB quota type (21000), a policy for the configured slice (SST 1, SD 000001; threshold 95 %, so it changes nothing under test load) reads ENFORCED and IN_EFFECT within 2 s; a policy for a slice the RAN does not have (SD abcdef) reads NOT_ENFORCED with a reason that is not UNSPECIFIED (SCOPE_NOT_APPLICABLE expected) and NOT_IN_EFFECT.",
  requires: requiresPolicyType(slicePrbQuotaType),
  async run(ctx: Ctx) {
    const cases = [
      { policyId: 'stat-enforced', sd: '000001', enforced: true },
      { policyId: 'stat-not-applicable', sd: 'abcdef', enforced: false },
    ];
    try {
      for (const { policyId, sd, enforced } of cases) {
        const put = await ask(ctx, 'oran.a1.v1.CreatePolicyRequest', {
          policy: {
            policyTypeId: slicePrbQuotaType,
            policyId,
            policyObject: JSON.stringify({ threshold: 95, maxPrbRatio: 90, sst: 1, sd }),
          },
        });
        expectAnswer(ctx, put, 'oran.a1.v1.CreatePolicyResponse', `creating policy ${policyId}`);
        const deadline = Date.now() + 2000;
        let read = await statusOf(ctx, slicePrbQuotaType, policyId);
        while (
          enforced &&
          read.status?.enforceStatus !== EnforceStatus.ENFORCE_STATUS_ENFORCED &&
          Date.now() < deadline
        ) {
          await ctx.sleep(100);
          read = await statusOf(ctx, slicePrbQuotaType, policyId);
        }
        const status = read.status;
        if (enforced) {
          ctx.expect(
            status?.enforceStatus === EnforceStatus.ENFORCE_STATUS_ENFORCED &&
              status.instanceStatus === InstanceStatus.INSTANCE_STATUS_IN_EFFECT,
            {
              message: 'a policy for the configured slice is not enforced',
              expected: 'ENFORCED, IN_EFFECT within 2 s',
              observed: statusText(status),
              link: a1Link,
              trace: { at: [read.asked.at] },
            },
          );
        } else {
          ctx.expect(
            status?.enforceStatus === EnforceStatus.ENFORCE_STATUS_NOT_ENFORCED &&
              status.enforceReason !== EnforceReason.ENFORCE_REASON_UNSPECIFIED,
            {
              message: 'a policy for a slice the RAN lacks does not read NOT_ENFORCED with a reason',
              expected: 'NOT_ENFORCED / SCOPE_NOT_APPLICABLE',
              observed: statusText(status),
              link: a1Link,
              trace: { at: [read.asked.at] },
            },
          );
          ctx.should(status.enforceReason === EnforceReason.ENFORCE_REASON_SCOPE_NOT_APPLICABLE, {
            message: 'the reason is not the scope',
            expected: 'SCOPE_NOT_APPLICABLE (the slice is the policy scope)',
            observed: statusText(status),
            link: a1Link,
            trace: { at: [read.asked.at] },
          });
        }
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

export const a1StatusNotEnforced = defineCase<Network>({
  ...common,
  id: 'A1-STAT-002',
  title: 'A policy no xApp can apply reads NOT_ENFORCED with a reason, and its status is notified',
  spec: 'O-RAN.WG2.A1AP-v03 5.4 (policy status, notify policy status); O-RAN.WG2.A1TD PolicyStatusObject',
  expectation:
    'Under a type the harness creates (30021, which no xApp of the RIC knows), a policy created with a notification destination reads NOT_ENFORCED with a reason that is not UNSPECIFIED, and NOT_IN_EFFECT; the RIC SHOULD send a PolicyStatusNotification for it to the destination given (within 2 s), which the harness acknowledges.',
  async run(ctx: Ctx) {
    const id = 30021;
    const policyId = 'p-30021';
    const destination = 'plugfest://smo/a1-status';
    const link = await ctx.fixture.a1(ricInstance);
    const notified: Frame[] = [];
    const onMessage = (frame: Frame) => {
      if (frame.type !== 'oran.a1.v1.PolicyStatusNotification') return;
      notified.push(frame);
      const n = frame.message as oran.a1.v1.PolicyStatusNotification;
      void link
        .reply(frame, 'oran.a1.v1.PolicyStatusNotificationAck', {
          policyTypeId: n.policyTypeId,
          policyId: n.policyId,
        })
        .catch(() => undefined);
    };
    link.on('message', onMessage);
    try {
      await createType(ctx, id);
      const put = await ask(ctx, 'oran.a1.v1.CreatePolicyRequest', {
        policy: {
          policyTypeId: id,
          policyId,
          policyObject: JSON.stringify({ target: 20 }),
          notificationDestination: destination,
        },
      });
      expectAnswer(ctx, put, 'oran.a1.v1.CreatePolicyResponse', `creating policy ${policyId}`);
      const read = await statusOf(ctx, id, policyId);
      const status = read.status;
      ctx.expect(
        status?.enforceStatus === EnforceStatus.ENFORCE_STATUS_NOT_ENFORCED &&
          status.enforceReason !== EnforceReason.ENFORCE_REASON_UNSPECIFIED &&
          status.instanceStatus === InstanceStatus.INSTANCE_STATUS_NOT_IN_EFFECT,
        {
          message: 'a policy no xApp can apply does not read NOT_ENFORCED with a reason',
          expected: 'NOT_ENFORCED / a reason, NOT_IN_EFFECT',
          observed: statusText(status),
          link: a1Link,
          trace: { at: [read.asked.at] },
        },
      );
      const deadline = Date.now() + 2000;
      const mine = () =>
        notified.find((f) => (f.message as oran.a1.v1.PolicyStatusNotification).policyId === policyId);
      while (!mine() && Date.now() < deadline) await ctx.sleep(50);
      const notice = mine()?.message as oran.a1.v1.PolicyStatusNotification | undefined;
      ctx.should(notice !== undefined, {
        message: 'no PolicyStatusNotification for a policy created with a notification destination',
        expected: `PolicyStatusNotification for ${policyId} to ${destination} within 2 s`,
        observed: `${notified.length} notification(s), none for ${policyId}`,
        link: a1Link,
        code: 'status-notification-missing',
        trace: { at: [put.at] },
      });
      if (notice) {
        const noticed = ctx.fixture.frames({
          link: a1Link,
          type: 'oran.a1.v1.PolicyStatusNotification',
          since: put.at,
        });
        ctx.should(
          notice.notificationDestination === destination &&
            notice.status?.enforceStatus === status.enforceStatus,
          {
            message: 'the notification does not match the policy',
            expected: `destination ${destination}, ${statusText(status)}`,
            observed: `destination ${notice.notificationDestination}, ${statusText(notice.status)}`,
            link: a1Link,
            trace: { at: [put.at, ...noticed.map((f) => f.t)] },
          },
        );
      }
      ctx.measure('notifications', notified.length);
    } finally {
      link.off('message', onMessage);
      await dropType(ctx, id);
    }
  },
});
