/**
 * The E2 side of the behaviour cases: the slice PRB quota the RIC's RIC Controls carry, the KPM
 * figures that show it, and the cleanup that gives the O-DU back the quota it had before a case.
 * A quota a RIC sent stays in the O-DU until the RIC sends another, so a case whose policy moved
 * it must move it back, or a retry starts from the case's quota. The cleanup is best effort: the
 * behaviour cases change the O-DU's state, so each has a network of its own (isolation fresh).
 */
import { expectFrame, type NetworkContext, type TypedFrame } from '../../src/conformance/index.js';
import { ask, createPolicy } from './support.js';
import { a1KpmPeriodMs, e2Link, slicePrbQuotaType } from './topology.js';

type Control = TypedFrame<'oran.e2.v1.RicControlRequest'>;
type Indication = TypedFrame<'oran.e2.v1.RicIndication'>;

/** The slice the RIC's RAN is configured with (the built-in RICs' default S-NSSAI). */
export const servedSlice = { sst: 1, sd: '000001' } as const;

/** Ten KPM periods of the topology: enough for a RIC to act on a policy change. */
export const reactMs = 10 * a1KpmPeriodMs;

/** The slice-level max PRB ratio a RicControlRequest carries (E2SM-RC style 2 action 6). */
export function quotaOf(frame: Control): number | undefined {
  const decoded = frame.fields.ricControlMessageDecoded;
  if (!decoded || 'error' in decoded) return undefined;
  return decoded.slicePrbQuota?.rrmPolicyRatioList?.[0]?.maxPrbPolicyRatio;
}

/** RRU.PrbUsedDl of a KPM RicIndication, as the trace decodes it. */
export function prbUsedDlOf(frame: Indication): number | undefined {
  const decoded = frame.fields.ricIndicationMessageDecoded;
  if (!decoded || 'error' in decoded) return undefined;
  const format1 = decoded.format1;
  const at = format1?.measInfoList?.findIndex((m) => m.measName === 'RRU.PrbUsedDl') ?? -1;
  const record = at < 0 ? undefined : format1?.measData?.[0]?.measRecord?.[at];
  return record?.real ?? record?.integer;
}

/** The RIC's RIC Controls on the E2 link since `since`. */
export const controlsSince = (ctx: NetworkContext, since = 0): Control[] =>
  ctx.fixture.frames.all({ link: e2Link, type: 'oran.e2.v1.RicControlRequest', since });

/** RRU.PrbUsedDl of every KPM report on the E2 link since `since`. */
export function prbUsedDlSince(ctx: NetworkContext, since: number): number[] {
  return ctx.fixture.frames
    .all({ link: e2Link, type: 'oran.e2.v1.RicIndication', since })
    .map(prbUsedDlOf)
    .filter((v): v is number => v !== undefined);
}

/** "24.5, 25.0 %", for an observed field. */
export const percentText = (values: readonly number[]): string =>
  values.length ? `${values.map((v) => v.toFixed(1)).join(', ')} %` : 'no report';

/** The quota of the RIC's last RIC Control on the E2 link, or undefined if none. */
export function lastQuota(ctx: NetworkContext): number | undefined {
  const quotas = controlsSince(ctx).map(quotaOf);
  return quotas.filter((q) => q !== undefined).at(-1);
}

/** Waits for the first KPM report: the RIC acts on KPM, so it must have subscribed. */
export async function awaitReports(ctx: NetworkContext): Promise<void> {
  await expectFrame(ctx, { link: e2Link, type: 'oran.e2.v1.RicIndication' }, 15_000, {
    message: 'no KPM report on E2 within 15 s: the RIC has nothing to act on',
    expected: "RicIndication on the O-DU's E2 link",
    observed: 'none',
    code: 'no-indication',
    trace: { at: [Date.now()] },
  });
}

/** A quota policy for the served slice: above `threshold` % DL PRB usage, cap it at `maxPrbRatio` %. */
export const quotaPolicy = (policyId: string, threshold: number, maxPrbRatio: number) => ({
  policyTypeId: slicePrbQuotaType,
  policyId,
  policyObject: JSON.stringify({ threshold, maxPrbRatio, ...servedSlice }),
});

/** The first RIC Control since `since` whose quota passes `where`, within `timeoutMs`. */
export const nextControl = (
  ctx: NetworkContext,
  since: number,
  where: (quota: number | undefined) => boolean,
  timeoutMs: number,
): Promise<Control | undefined> =>
  ctx.fixture.frames.next(
    { link: e2Link, type: 'oran.e2.v1.RicControlRequest', since, where: (f) => where(quotaOf(f)) },
    timeoutMs,
  );

/**
 * Creates a quota policy and waits for the RIC Control that carries it; fails the case without
 * one (`policy-not-applied`).
 */
export async function applyQuota(ctx: NetworkContext, policyId: string, quota: number) {
  const put = await createPolicy(ctx, quotaPolicy(policyId, 5, quota), 'creating the quota policy');
  const control = await nextControl(ctx, put.at, (q) => q === quota, 10_000);
  const controls = controlsSince(ctx, put.at);
  ctx.expect(control !== undefined, {
    message: "the policy does not show in the RIC's controls",
    expected: `RicControlRequest with max PRB policy ratio ${quota} within 10 s of the policy`,
    observed: controls.length
      ? `controls with ratios ${controls.map((f) => quotaOf(f) ?? '?').join(', ')}`
      : 'no RIC Control after the policy',
    link: e2Link,
    code: 'policy-not-applied',
    trace: { at: [put.at] },
  });
  return { put, control };
}

/**
 * Cleanup, never failing the case: deletes `policyId`, and if the O-DU still holds `caseQuota`,
 * puts back `before` (no control before the case: 100 %, no cap) with a short-lived policy that
 * any usage triggers (threshold 0), deleted once its control is on the link.
 */
export async function withdrawQuota(
  ctx: NetworkContext,
  policyId: string,
  caseQuota: number,
  before: number | undefined,
): Promise<void> {
  const quiet = <T>(p: Promise<T>) => p.catch(() => undefined);
  const remove = (id: string) =>
    quiet(ask(ctx, 'oran.a1.v1.DeletePolicyRequest', { policyTypeId: slicePrbQuotaType, policyId: id }));
  await remove(policyId);
  if (lastQuota(ctx) !== caseQuota) return;
  const restore = before ?? 100;
  const restoreId = `${policyId}-restore`;
  const put = await quiet(
    ask(ctx, 'oran.a1.v1.CreatePolicyRequest', { policy: quotaPolicy(restoreId, 0, restore) }),
  );
  if (put && !put.problem) await nextControl(ctx, put.at, (q) => q === restore, reactMs);
  await remove(restoreId);
}
