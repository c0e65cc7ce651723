/**
 * What the end-to-end cases read of E2: KPM figures from the RIC Indications the relay decoded,
 * and the closed loop's slice PRB quota (E2SM-RC style 2 action 6) from the RIC Control it
 * acknowledged.
 */
import type {
  Combination,
  Network,
  NetworkContext,
  TypedFrame,
  VendorLookup,
} from '../../src/conformance/index.js';

/** The KPM values of a traced RicIndication, by measurement name. */
export function kpmOf(frame: TypedFrame<'oran.e2.v1.RicIndication'>): Record<string, number> {
  const decoded = frame.fields.ricIndicationMessageDecoded;
  const format1 = decoded && 'format1' in decoded ? decoded.format1 : undefined;
  const records = format1?.measData?.[0]?.measRecord ?? [];
  return Object.fromEntries(
    (format1?.measInfoList ?? []).map((m, i) => [
      m.measName ?? '',
      records[i]?.real ?? records[i]?.integer ?? Number.NaN,
    ]),
  );
}

/** KPM reports on an E2 link while a carrier is in service (RRU.PrbAvailDl > 0), oldest first. */
export const inService = (net: Network, link: string, since = 0) =>
  net.frames
    .all({ link, type: 'oran.e2.v1.RicIndication', since })
    .map((f) => ({ t: f.t, kpm: kpmOf(f) }))
    .filter((r) => (r.kpm['RRU.PrbAvailDl'] ?? 0) > 0);

export const mean = (values: readonly number[]): number =>
  values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
export const fixed = (value: number): string => (Number.isFinite(value) ? value.toFixed(1) : String(value));

/** Why the closed loop cannot run on a combination: the O-DU or the RIC declares no E2SM-RC. */
export function rcRequired(c: Combination, vendors: VendorLookup): string | undefined {
  const du = vendors(c['o-du'] ?? '');
  const ric = vendors(c['near-rt-ric'] ?? '');
  if (du?.role === 'o-du' && !du.capabilities.serviceModels.includes('rc'))
    return `${du.id} declares no E2SM-RC`;
  if (ric?.role === 'near-rt-ric' && !ric.capabilities.serviceModels.includes('rc'))
    return `${ric.id} declares no E2SM-RC control`;
  return undefined;
}

/** The in-service KPM reports a node must have sent before its figures are graded. */
export const reportsNeeded = 3;

/**
 * Waits `timeoutMs` for the RIC's acknowledged RIC Control on `link` and reads its slice max PRB
 * ratio. No control while the node has not reported enough in service to show its load ends
 * the case `error` (the loop had nothing to act on yet); no control after that fails.
 */
export async function expectQuotaControl(ctx: NetworkContext, link: string, timeoutMs: number) {
  const net = ctx.fixture;
  const ack = await net.frames.next({ link, type: 'oran.e2.v1.RicControlAcknowledge' }, timeoutMs);
  if (!ack) {
    const requests = net.frames.all({ link, type: 'oran.e2.v1.RicControlRequest' }).length;
    const failures = net.frames.all({ link, type: 'oran.e2.v1.RicControlFailure' }).length;
    const reports = inService(net, link).length;
    const diagnostic = {
      expected: 'RicControlRequest then RicControlAcknowledge',
      observed: `${requests} control request(s), ${failures} failure(s), ${reports} in-service KPM report(s) within ${timeoutMs / 1000} s`,
      link,
    };
    if (requests === 0 && reports < reportsNeeded)
      ctx.cannotGrade({
        ...diagnostic,
        message: 'harness could not load the node: too few KPM reports in service for the loop to act on',
      });
    ctx.expect(false, {
      ...diagnostic,
      message: `no acknowledged RIC Control within ${timeoutMs / 1000} s`,
      code: 'missing-frame',
    });
  }
  const control = net.frames
    .all({ link, type: 'oran.e2.v1.RicControlRequest', tx: ack.tx })
    .find((f) => f.t <= ack.t);
  const decoded = control?.fields.ricControlMessageDecoded;
  const quota =
    decoded && 'slicePrbQuota' in decoded
      ? decoded.slicePrbQuota?.rrmPolicyRatioList?.[0]?.maxPrbPolicyRatio
      : undefined;
  ctx.expect(quota !== undefined, {
    message: 'the acknowledged control carries no slice PRB quota',
    expected: 'ricControlMessage slicePrbQuota with a max PRB policy ratio',
    observed: JSON.stringify(decoded ?? null),
    link,
    code: 'wrong-field',
    trace: { at: [ack.t] },
  });
  ctx.measure('quotaPercent', quota);
  const before = inService(net, link).filter((r) => r.t < (control?.t ?? ack.t));
  ctx.measure(
    'prbUsedDlBefore',
    Number(Math.max(0, ...before.map((r) => r.kpm['RRU.PrbUsedDl'] ?? 0)).toFixed(2)),
  );
  return { ack, quota };
}

/**
 * Expects the KPM reports from `quietMs` after the acknowledge to show RRU.PrbUsedDl at or below
 * the quota (+5 points); with no in-service report to judge, the case cannot be graded.
 */
export async function expectQuotaInKpm(
  ctx: NetworkContext,
  o: { readonly link: string; readonly ackAt: number; readonly quota: number; readonly quietMs: number },
): Promise<void> {
  const since = o.ackAt + o.quietMs;
  await ctx.fixture.frames.next({ link: o.link, type: 'oran.e2.v1.RicIndication', since }, 10_000);
  const after = inService(ctx.fixture, o.link, since).map((r) => r.kpm['RRU.PrbUsedDl'] ?? Number.NaN);
  const expected = `RRU.PrbUsedDl <= ${o.quota + 5} %`;
  if (after.length === 0)
    ctx.cannotGrade({
      message: 'harness could not observe the quota: no in-service KPM report after the control',
      expected,
      observed: `none within 10 s of ${o.quietMs} ms after the acknowledge`,
      link: o.link,
    });
  ctx.measure('prbUsedDlAfter', Number(Math.max(...after).toFixed(2)));
  ctx.expect(Math.max(...after) <= o.quota + 5, {
    message: 'the quota does not show in later KPM reports',
    expected,
    observed: `${after.map(fixed).join(', ')} %`,
    link: o.link,
    code: 'control-not-applied',
  });
}
