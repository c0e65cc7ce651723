/**
 * A policy changes what the RIC does (O-RAN.WG2.A1TD: policies steer the near-RT RIC's
 * optimisation): under load, a slice PRB quota policy makes the RIC's next RIC Control on E2 carry
 * the policy's quota, and the O-DU's later KPM reports show it.
 */
import { defineCase, type FrameRecord, type Network } from '../../src/conformance/index.js';
import { kpmOf } from '../e2e/cases.js';
import { ask, type Ctx, common, expectAnswer, requiresPolicyType } from './support.js';
import { e2Link, slicePrbQuotaType } from './topology.js';

/** The quota the policy sets: below the loop's default (50 %), so the change is the policy's. */
const policyQuota = 25;

/** The slice-level max PRB ratio a RicControlRequest carries (E2SM-RC style 2 action 6). */
function quotaOf(frame: FrameRecord): number | undefined {
  const fields = frame.fields as
    | {
        ricControlMessageDecoded?: {
          slicePrbQuota?: { rrmPolicyRatioList?: Array<{ maxPrbPolicyRatio?: number }> };
        };
      }
    | undefined;
  return fields?.ricControlMessageDecoded?.slicePrbQuota?.rrmPolicyRatioList?.[0]?.maxPrbPolicyRatio;
}

/** RRU.PrbUsedDl of a KPM RicIndication, as the trace decodes it. */
const prbUsedDlOf = (frame: FrameRecord): number | undefined => kpmOf(frame)['RRU.PrbUsedDl'];

export const a1PolicyChangesBehaviour = defineCase<Network>({
  ...common,
  id: 'A1-BEH-001',
  title: "A slice PRB quota policy changes the RIC's RIC Control, and KPM shows its effect",
  spec: 'O-RAN.WG2.A1TD (policy types steer near-RT RIC optimisation); O-RAN.WG3.E2SM-RC style 2 action 6',
  expectation: `With the O-DU under load and reporting KPM every 300 ms, a policy of type 21000 for the configured slice (threshold 5 %, max PRB ratio ${policyQuota} %) makes the RIC send, within 10 s, a RIC Control Request on E2 with max PRB policy ratio ${policyQuota} (the loop's default is 50), which the O-DU acknowledges; KPM reports 1.5 s after the acknowledgement show RRU.PrbUsedDl at or below ${policyQuota} % (+5 points).`,
  timeoutMs: 40_000,
  requires: requiresPolicyType(slicePrbQuotaType),
  async run(ctx: Ctx) {
    const net = ctx.fixture;
    const policyId = 'beh-quota';
    // Reports flowing first: the RIC acts on KPM, so it must have subscribed.
    const first = await net.waitForFrame({ link: e2Link, type: 'oran.e2.v1.RicIndication' }, 15_000);
    ctx.expect(first !== undefined, {
      message: 'no KPM report on E2 within 15 s: the RIC has nothing to act on',
      expected: "RicIndication on the O-DU's E2 link",
      observed: 'none',
      link: e2Link,
    });
    try {
      const put = await ask(ctx, 'oran.a1.v1.CreatePolicyRequest', {
        policy: {
          policyTypeId: slicePrbQuotaType,
          policyId,
          policyObject: JSON.stringify({ threshold: 5, maxPrbRatio: policyQuota, sst: 1, sd: '000001' }),
        },
      });
      expectAnswer(ctx, put, 'oran.a1.v1.CreatePolicyResponse', 'creating the quota policy');
      const control = await net.waitForFrame(
        {
          link: e2Link,
          type: 'oran.e2.v1.RicControlRequest',
          since: put.at,
          where: (f) => quotaOf(f) === policyQuota,
        },
        10_000,
      );
      const controls = net.frames({ link: e2Link, type: 'oran.e2.v1.RicControlRequest', since: put.at });
      ctx.expect(control !== undefined, {
        message: "the policy does not show in the RIC's controls",
        expected: `RicControlRequest with max PRB policy ratio ${policyQuota} within 10 s of the policy`,
        observed: controls.length
          ? `controls with ratios ${controls.map((f) => quotaOf(f) ?? '?').join(', ')}`
          : 'no RIC Control after the policy',
        link: e2Link,
        code: 'policy-not-applied',
        trace: { at: [put.at] },
      });
      ctx.measure('policyToControlMs', control.t - put.at);
      const ack = await net.waitForFrame(
        {
          link: e2Link,
          type: 'oran.e2.v1.RicControlAcknowledge',
          since: control.t,
          where: (f) => f.tx === control.tx,
        },
        5000,
      );
      ctx.expect(ack !== undefined, {
        message: 'the O-DU did not acknowledge the policy-driven control',
        expected: 'RicControlAcknowledge',
        observed: 'none within 5 s',
        link: e2Link,
        trace: { at: [control.t] },
      });
      await net.waitForFrame({ link: e2Link, type: 'oran.e2.v1.RicIndication', since: ack.t + 1500 }, 5000);
      const after = net
        .frames({ link: e2Link, type: 'oran.e2.v1.RicIndication', since: ack.t + 1500 })
        .map(prbUsedDlOf)
        .filter((v): v is number => v !== undefined);
      ctx.measure('prbUsedDlAfter', after.length ? Math.max(...after) : Number.NaN);
      ctx.expect(after.length > 0 && Math.max(...after) <= policyQuota + 5, {
        message: "the policy's quota does not show in later KPM reports",
        expected: `RRU.PrbUsedDl <= ${policyQuota + 5} %`,
        observed: after.length ? `${after.map((v) => v.toFixed(1)).join(', ')} %` : 'no report',
        link: e2Link,
        trace: { at: [ack.t] },
      });
    } finally {
      await ask(ctx, 'oran.a1.v1.DeletePolicyRequest', { policyTypeId: slicePrbQuotaType, policyId }).catch(
        () => undefined,
      );
    }
  },
});
