/**
 * The closed loop over E2 between an O-DU and a near-RT RIC: load raises PRB usage, the RIC's
 * xApp sets a slice PRB quota with E2SM-RC, and the O-DU's later KPM reports show its effect.
 */
import { type CaseContext, defineCase, type Network } from '../../src/conformance/index.js';
import { e2Link, e2Topology } from '../e2/topology.js';
import { kpmOf } from './cases.js';

const common = {
  mode: 'interop' as const,
  roles: ['o-du', 'near-rt-ric'] as const,
  topology: e2Topology,
};

export const e2ClosedLoop = defineCase<Network>({
  ...common,
  suite: 'e2e',
  interface: 'e2e',
  id: 'E2E-LOOP-001',
  title: "Load raises PRB usage, the RIC's closed loop sets a slice PRB quota, and KPM shows its effect",
  spec: 'O-RAN.WG3.E2SM-KPM; O-RAN.WG3.E2SM-RC control style 2 action 6 (slice-level PRB quota)',
  expectation:
    'Under load RRU.PrbUsedDl exceeds the xApp threshold; the RIC sends RIC Control Request with a slice PRB quota; the E2 node acknowledges it, and later KPM reports show RRU.PrbUsedDl at or below the quota (+5 points).',
  timeoutMs: 40_000,
  requires: (c, vendors) => {
    const du = vendors(c['o-du'] ?? '');
    const ric = vendors(c['near-rt-ric'] ?? '');
    if (du?.role === 'o-du' && !du.capabilities.serviceModels.includes('rc'))
      return `${du.id} declares no E2SM-RC`;
    if (ric?.role === 'near-rt-ric' && !ric.capabilities.serviceModels.includes('rc'))
      return `${ric.id} declares no E2SM-RC control`;
    return undefined;
  },
  async run(ctx: CaseContext<Network>) {
    const net = ctx.fixture;
    const ack = await net.waitForFrame({ link: e2Link, type: 'oran.e2.v1.RicControlAcknowledge' }, 30_000);
    ctx.expect(ack !== undefined, {
      message: 'no acknowledged RIC Control within 30 s',
      expected: 'RicControlRequest then RicControlAcknowledge',
      observed: `${net.frames({ link: e2Link, type: 'oran.e2.v1.RicControlRequest' }).length} control request(s)`,
      link: e2Link,
    });
    const control = net
      .frames({ link: e2Link, type: 'oran.e2.v1.RicControlRequest' })
      .find((f) => f.tx === ack.tx);
    const quota = (
      control?.fields as
        | {
            ricControlMessageDecoded?: {
              slicePrbQuota?: { rrmPolicyRatioList?: Array<{ maxPrbPolicyRatio?: number }> };
            };
          }
        | undefined
    )?.ricControlMessageDecoded?.slicePrbQuota?.rrmPolicyRatioList?.[0]?.maxPrbPolicyRatio;
    ctx.expect(quota !== undefined, {
      message: 'the control carries no slice PRB quota',
      link: e2Link,
      trace: { at: [ack.t] },
    });
    const before = net
      .frames({ link: e2Link, type: 'oran.e2.v1.RicIndication' })
      .filter((f) => f.t < (control?.t ?? ack.t))
      .map((f) => kpmOf(f)['RRU.PrbUsedDl'] ?? Number.NaN);
    await net.waitForFrame({ link: e2Link, type: 'oran.e2.v1.RicIndication', since: ack.t + 1500 }, 10_000);
    const after = net
      .frames({ link: e2Link, type: 'oran.e2.v1.RicIndication', since: ack.t + 1500 })
      .map((f) => kpmOf(f)['RRU.PrbUsedDl'] ?? Number.NaN);
    ctx.measure('prbUsedDlBefore', Math.max(...before));
    ctx.measure('prbUsedDlAfter', Math.max(...after));
    ctx.measure('quotaPercent', quota);
    ctx.expect(after.length > 0 && Math.max(...after) <= quota + 5, {
      message: 'the quota does not show in later KPM reports',
      expected: `RRU.PrbUsedDl <= ${quota + 5} %`,
      observed: `${after.map((v) => v.toFixed(1)).join(', ')} %`,
      link: e2Link,
    });
  },
});
