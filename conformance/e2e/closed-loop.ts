/**
 * The closed loop over E2 between an O-DU and a near-RT RIC: load raises PRB usage, the RIC's
 * xApp sets a slice PRB quota with E2SM-RC, and the O-DU's later KPM reports show its effect.
 */
import type { NetworkContext } from '../../src/conformance/index.js';
import { expectQuotaControl, expectQuotaInKpm, rcRequired } from './kpm.js';
import { e2eCase } from './suite.js';
import { closedLoopTopology } from './topology.js';

const e2Link = closedLoopTopology.links['du-1>ric-1/e2'];

/**
 * Fresh (the default): the RIC's control leaves a PRB quota on the O-DU, which the case does
 * not restore.
 */
export const e2ClosedLoop = e2eCase({
  id: 'E2E-LOOP-001',
  title: "Load raises PRB usage, the RIC's closed loop sets a slice PRB quota, and KPM shows its effect",
  spec: 'O-RAN.WG3.E2SM-KPM; O-RAN.WG3.E2SM-RC control style 2 action 6 (slice-level PRB quota)',
  expectation:
    'Under load RRU.PrbUsedDl exceeds the xApp threshold; the RIC sends RIC Control Request with a slice PRB quota; the E2 node acknowledges it, and later KPM reports show RRU.PrbUsedDl at or below the quota (+5 points).',
  roles: ['o-du', 'near-rt-ric'],
  topology: closedLoopTopology,
  timeoutMs: 40_000,
  requires: rcRequired,
  async run(ctx: NetworkContext) {
    const { ack, quota } = await expectQuotaControl(ctx, e2Link, 30_000);
    await expectQuotaInKpm(ctx, { link: e2Link, ackAt: ack.t, quota, quietMs: 1500 });
  },
});
