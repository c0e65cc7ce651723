/**
 * A policy changes what the RIC does (O-RAN.WG2.A1TD: policies steer the near-RT RIC's
 * optimisation): under load, a slice PRB quota policy makes the RIC's next RIC Control on E2 carry
 * the policy's quota, and the O-DU's later KPM reports show it; once the policy is deleted, its
 * quota is no longer what the RIC applies. Both move the O-DU's quota, which their cleanup puts
 * back only as well as the RIC lets it: they run on networks of their own (isolation fresh).
 */
import { type NetworkContext, oran } from '../../src/conformance/index.js';
import { statusOf, statusText } from './policy-status.js';
import {
  applyQuota,
  awaitReports,
  controlsSince,
  lastQuota,
  nextControl,
  percentText,
  prbUsedDlSince,
  quotaOf,
  reactMs,
  withdrawQuota,
} from './quota.js';
import { a1Case, ask, expectAnswer, requiresPolicyType } from './support.js';
import { a1Link, e2Link, slicePrbQuotaType } from './topology.js';

const { DeletePolicyResponse } = oran.a1.v1;

/** The quota A1-BEH-001's policy sets: below the loop's default (50 %), so the change is the policy's. */
const policyQuota = 25;

/** A1-BEH-002's quota: not A1-BEH-001's, so either case sees its own control whichever runs first. */
const withdrawnQuota = 30;

/** KPM reports this long after the acknowledgement show the new quota (five KPM periods). */
const settleMs = 1500;

/** The O-DU's acknowledgement of a RIC Control (same transaction), within 5 s. */
const ackOf = (ctx: NetworkContext, control: { readonly t: number; readonly tx?: number }) =>
  ctx.fixture.frames.next(
    {
      link: e2Link,
      type: 'oran.e2.v1.RicControlAcknowledge',
      since: control.t,
      where: (f) => f.tx === control.tx,
    },
    5000,
  );

/** Runs a behaviour case's body on a loaded O-DU, and gives the O-DU back its quota after. */
async function underQuotaPolicy(
  ctx: NetworkContext,
  policyId: string,
  quota: number,
  body: (applied: Awaited<ReturnType<typeof applyQuota>>) => Promise<void>,
): Promise<void> {
  await awaitReports(ctx);
  const before = lastQuota(ctx);
  try {
    await body(await applyQuota(ctx, policyId, quota));
  } finally {
    await withdrawQuota(ctx, policyId, quota, before);
  }
}

export const a1PolicyChangesBehaviour = a1Case({
  id: 'A1-BEH-001',
  title: "A slice PRB quota policy changes the RIC's RIC Control, and KPM shows its effect",
  spec: 'O-RAN.WG2.A1TD (policy types steer near-RT RIC optimisation); O-RAN.WG3.E2SM-RC style 2 action 6',
  expectation: `With the O-DU under load and reporting KPM every 300 ms, a policy of type 21000 for the configured slice (threshold 5 %, max PRB ratio ${policyQuota} %) makes the RIC send, within 10 s, a RIC Control Request on E2 with max PRB policy ratio ${policyQuota} (the loop's default is 50), which the O-DU acknowledges; KPM reports ${settleMs / 1000} s after the acknowledgement show RRU.PrbUsedDl at or below ${policyQuota} % (+5 points).`,
  timeoutMs: 40_000,
  requires: requiresPolicyType(slicePrbQuotaType),
  async run(ctx: NetworkContext) {
    await underQuotaPolicy(ctx, 'beh-quota', policyQuota, async ({ put, control }) => {
      ctx.measure('policyToControlMs', control.t - put.at);
      const ack = await ackOf(ctx, control);
      ctx.expect(ack !== undefined, {
        message: 'the O-DU did not acknowledge the policy-driven control',
        expected: 'RicControlAcknowledge',
        observed: 'none within 5 s',
        link: e2Link,
        code: 'no-answer',
        trace: { at: [control.t] },
      });
      const settled = { link: e2Link, type: 'oran.e2.v1.RicIndication', since: ack.t + settleMs } as const;
      if (!(await ctx.fixture.frames.next(settled, 5000))) {
        ctx.cannotGrade({
          message: "harness could not see a KPM report after the control to judge the policy's effect",
          expected: `a RicIndication from ${settleMs} ms after the acknowledgement`,
          observed: 'none within 5 s',
          link: e2Link,
          trace: { at: [ack.t] },
        });
      }
      const after = prbUsedDlSince(ctx, ack.t + settleMs);
      ctx.measure('prbUsedDlAfter', after.length ? Math.max(...after) : Number.NaN);
      ctx.expect(after.length > 0 && Math.max(...after) <= policyQuota + 5, {
        message: "the policy's quota does not show in later KPM reports",
        expected: `RRU.PrbUsedDl <= ${policyQuota + 5} %`,
        observed: percentText(after),
        link: e2Link,
        code: 'control-not-applied',
        trace: { at: [ack.t] },
      });
    });
  },
});

export const a1DeletedPolicyWithdrawn = a1Case({
  id: 'A1-BEH-002',
  title: "Deleting a slice PRB quota policy takes its quota out of the RIC's control",
  spec: 'O-RAN.WG2.A1AP-v03 5.3.4 (delete single policy); O-RAN.WG2.A1TD (policy enforcement); O-RAN.WG3.E2SM-RC style 2 action 6',
  expectation: `With the O-DU under load, a policy of type 21000 (threshold 5 %, max PRB ratio ${withdrawnQuota} %) shows in a RIC Control with ratio ${withdrawnQuota}; after DeletePolicy is answered, the RIC MUST NOT send ratio ${withdrawnQuota} again, and SHOULD withdraw it within ${reactMs / 1000} s (10 KPM periods): a RIC Control with the ratio its rules give without the policy, so that the RAN no longer runs under a policy the RIC reports NOT_IN_EFFECT or gone.`,
  timeoutMs: 40_000,
  requires: requiresPolicyType(slicePrbQuotaType),
  async run(ctx: NetworkContext) {
    const policyId = 'beh-withdraw';
    await underQuotaPolicy(ctx, policyId, withdrawnQuota, async ({ control }) => {
      // The policy's quota in force first: the O-DU acknowledges before the delete goes.
      await ackOf(ctx, control);
      const deleted = await ask(ctx, 'oran.a1.v1.DeletePolicyRequest', {
        policyTypeId: slicePrbQuotaType,
        policyId,
      });
      expectAnswer(ctx, deleted, DeletePolicyResponse, `deleting policy ${policyId}`);
      // From the answer on (as the relay saw it): a control of the RIC's already on its way is not held against it.
      const answer = { link: a1Link, type: 'oran.a1.v1.DeletePolicyResponse', since: deleted.at } as const;
      const answered = (await ctx.fixture.frames.next(answer, 1000))?.t ?? Date.now();
      // The withdrawal may leave the RIC before its answer to the delete: look from the request on.
      const withdrawal = await nextControl(
        ctx,
        deleted.at,
        (q) => q !== undefined && q !== withdrawnQuota,
        reactMs,
      );
      const watchedUntil = withdrawal?.t ?? Date.now();
      const reapplied = controlsSince(ctx, answered).filter(
        (f) => f.t <= watchedUntil && quotaOf(f) === withdrawnQuota,
      );
      ctx.expect(reapplied.length === 0, {
        message: 'the RIC applies a deleted policy',
        expected: `no RIC Control with ratio ${withdrawnQuota} after the DeletePolicyResponse`,
        observed: `${reapplied.length} control(s) with ratio ${withdrawnQuota}`,
        link: e2Link,
        code: 'deleted-policy-applied',
        trace: { at: [answered, ...reapplied.map((f) => f.t)] },
      });
      if (withdrawal) {
        ctx.measure('withdrawnAfterMs', withdrawal.t - deleted.at);
        return;
      }
      const status = await statusOf(ctx, slicePrbQuotaType, policyId);
      const reported = status.status
        ? statusText(status.status)
        : `no status (${status.asked.problem?.name})`;
      const usage = prbUsedDlSince(ctx, answered);
      ctx.should(false, {
        message: "the deleted policy's quota stays in force: the RIC sends no control to withdraw it",
        expected: `a RIC Control with a ratio other than ${withdrawnQuota} within ${reactMs} ms of the delete`,
        observed: `no RIC Control after the delete; RRU.PrbUsedDl ${percentText(usage)} under the policy's cap, while A1 reports ${reported}`,
        link: e2Link,
        code: 'policy-effect-not-withdrawn',
        trace: { at: [answered, status.asked.at] },
      });
    });
  },
});
