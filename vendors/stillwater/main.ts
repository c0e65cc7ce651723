/**
 * Stillwater Systems near-RT RIC: monitoring only. It subscribes to KPM and watches each node's
 * DL PRB usage, noting when a cell becomes congested and when it recovers, but never sends a
 * control. Two consequences an interop matrix sees:
 * - an E2 node with no KPM RAN function has nothing to monitor, so its E2 Setup is refused with
 *   E2SetupFailure (ric-service: ran-function-not-supported, time to wait v60s, as OSC's e2mgr
 *   answers a refused setup), where sagebrush accepts it;
 * - every A1 policy reads NOT_ENFORCED / STATEMENT_NOT_APPLICABLE: nothing here can act on one.
 */
import { oran, runVendor } from '../../src/sdk/index.js';
import { defineRic, type E2Node, nodeFields, type Ric } from '../shared/ric/index.js';

/** DL PRB usage (%) above which a cell counts as congested. */
const congestionThresholdPercent = 70;

/** Notes when a node's cell becomes congested and when it recovers, once each. */
function createCongestionWatch() {
  const congested = new Set<string>();
  return {
    report(prbUsedDl: number | null | undefined, node: E2Node, ric: Ric): void {
      if (typeof prbUsedDl !== 'number') return;
      const fields = { ...nodeFields(node), prbUsedDl, thresholdPercent: congestionThresholdPercent };
      if (prbUsedDl > congestionThresholdPercent && !congested.has(node.key)) {
        congested.add(node.key);
        ric.logger.warn(fields, 'prb congestion observed');
      } else if (prbUsedDl <= congestionThresholdPercent && congested.delete(node.key)) {
        ric.logger.info(fields, 'prb congestion cleared');
      }
    },
    forget(node: E2Node): void {
      congested.delete(node.key);
    },
  };
}

const congestion = createCongestionWatch();

await runVendor(
  defineRic({
    productVersion: '5.0.1',
    features: ['e2sm-kpm.v1'],
    refuseSetup: (verdict) =>
      verdict.accepted.some((f) => f.model === 'kpm')
        ? undefined
        : {
            cause: {
              ricService: oran.common.v1.CauseRicService.CAUSE_RIC_SERVICE_RAN_FUNCTION_NOT_SUPPORTED,
            },
            timeToWait: oran.e2.v1.TimeToWait.TIME_TO_WAIT_V60S,
            reason: 'no KPM RAN function: nothing to monitor',
          },
    assessPolicy: () => ({ enforced: false, reason: 'statement-not-applicable' }),
    onReport: (report, node, _subscription, ric) =>
      congestion.report(report.measurements['RRU.PrbUsedDl'], node, ric),
    onNodeChange: (node) => congestion.forget(node),
  }),
);
