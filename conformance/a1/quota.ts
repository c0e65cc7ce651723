/**
 * The E2 side of the behaviour cases: the slice PRB quota the RIC's RIC Controls carry, the KPM
 * figures that show it, and the cleanup that gives the O-DU back the quota it had before a case.
 * A quota a RIC sent stays in the O-DU until the RIC sends another, so a case whose policy moved
 * it must move it back, or the next case (or a retry) starts from the case's quota.
 */
import type { FrameRecord } from '../../src/conformance/index.js';
import { kpmOf } from '../e2e/cases.js';
import { ask, type Ctx } from './support.js';
import { e2Link, slicePrbQuotaType } from './topology.js';

/** The slice the RIC's RAN is configured with (the built-in RICs' default S-NSSAI). */
export const servedSlice = { sst: 1, sd: '000001' } as const;

/** KPM every 300 ms (the topology's kpmPeriodMs): ten periods are enough for a RIC to act. */
export const reactMs = 3000;

/** The slice-level max PRB ratio a RicControlRequest carries (E2SM-RC style 2 action 6). */
export function quotaOf(frame: FrameRecord): number | undefined {
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
export const prbUsedDlOf = (frame: FrameRecord): number | undefined => kpmOf(frame)['RRU.PrbUsedDl'];

/** RRU.PrbUsedDl of every KPM report on the E2 link since `since`. */
export function prbUsedDlSince(ctx: Ctx, since: number): number[] {
  return ctx.fixture
    .frames({ link: e2Link, type: 'oran.e2.v1.RicIndication', since })
    .map(prbUsedDlOf)
    .filter((v): v is number => v !== undefined);
}

/** "24.5, 25.0 %", for an observed field. */
export const percentText = (values: readonly number[]): string =>
  values.length ? `${values.map((v) => v.toFixed(1)).join(', ')} %` : 'no report';

/** The quota of the RIC's last RIC Control on the E2 link (before `until`), or undefined if none. */
export function lastQuota(ctx: Ctx, until = Number.POSITIVE_INFINITY): number | undefined {
  const controls = ctx.fixture
    .frames({ link: e2Link, type: 'oran.e2.v1.RicControlRequest' })
    .filter((f) => f.t < until && quotaOf(f) !== undefined);
  return controls.length ? quotaOf(controls[controls.length - 1]!) : undefined;
}

/** Waits for the first KPM report: the RIC acts on KPM, so it must have subscribed. */
export async function awaitReports(ctx: Ctx): Promise<void> {
  const started = Date.now();
  const first = await ctx.fixture.waitForFrame({ link: e2Link, type: 'oran.e2.v1.RicIndication' }, 15_000);
  ctx.expect(first !== undefined, {
    message: 'no KPM report on E2 within 15 s: the RIC has nothing to act on',
    expected: "RicIndication on the O-DU's E2 link",
    observed: 'none',
    link: e2Link,
    trace: { at: [started] },
  });
}

/** A quota policy for the served slice: above `threshold` % DL PRB usage, cap it at `maxPrbRatio` %. */
export const quotaPolicy = (policyId: string, threshold: number, maxPrbRatio: number) => ({
  policy: {
    policyTypeId: slicePrbQuotaType,
    policyId,
    policyObject: JSON.stringify({ threshold, maxPrbRatio, ...servedSlice }),
  },
});

/**
 * Cleanup, never failing the case: deletes `policyId`, and if the O-DU still holds `caseQuota`,
 * puts back `before` (no control before the case: 100 %, no cap) with a short-lived policy that
 * any usage triggers (threshold 0), deleted once its control is on the link.
 */
export async function withdrawQuota(
  ctx: Ctx,
  policyId: string,
  caseQuota: number,
  before: number | undefined,
): Promise<void> {
  const quiet = <T>(p: Promise<T>) => p.catch(() => undefined);
  await quiet(ask(ctx, 'oran.a1.v1.DeletePolicyRequest', { policyTypeId: slicePrbQuotaType, policyId }));
  if (lastQuota(ctx) !== caseQuota) return;
  const restore = before ?? 100;
  const restoreId = `${policyId}-restore`;
  const put = await quiet(ask(ctx, 'oran.a1.v1.CreatePolicyRequest', quotaPolicy(restoreId, 0, restore)));
  if (put && !put.problem) {
    await ctx.fixture.waitForFrame(
      {
        link: e2Link,
        type: 'oran.e2.v1.RicControlRequest',
        since: put.at,
        where: (f) => quotaOf(f) === restore,
      },
      reactMs,
    );
  }
  await quiet(
    ask(ctx, 'oran.a1.v1.DeletePolicyRequest', { policyTypeId: slicePrbQuotaType, policyId: restoreId }),
  );
}
