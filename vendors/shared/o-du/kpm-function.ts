/**
 * E2SM-KPM as a RAN function of the O-DU (O-RAN.WG3.E2SM-KPM): its RAN Function Definition
 * (periodic event trigger style 1, E2 node measurement report style 1, the measurements the
 * scheduler's accumulator produces) and the check of a subscription's event trigger and actions.
 * Admitted actions report through kpm-reporter.ts.
 */
import type { Logger } from 'pino';
import {
  kpmMeasurementNames,
  kpmNodeMeasurementReportStyle,
  kpmOid,
  kpmRanFunctionDefinition,
  kpmRanFunctionId,
  ranFunctionRevision,
} from '../../../src/ran/index.js';
import { oran } from '../../../src/sdk/index.js';
import { defaultSlice, type E2NodeIdentity, sameCell } from './e2-identity.js';
import { startKpmReporter } from './kpm-reporter.js';
import type { ActionVerdict, RanFunction, SubscriptionResult } from './ran-function.js';
import type { SlotFeed } from './slot-feed.js';

const kpm = oran.e2sm.kpm.v1;
const { CauseRicRequest } = oran.common.v1;
const { RicActionType } = oran.e2.v1;
type Cause = oran.common.v1.Cause.$Properties;

/** What the KPM function needs from the O-DU. */
export interface KpmFunctionOptions {
  readonly identity: E2NodeIdentity;
  /** senderName of the indication header: the instance id. */
  readonly senderName: string;
  /** vendorName of the indication header. */
  readonly vendorName: string;
  readonly slots: SlotFeed;
  readonly logger: Logger;
}

/** An action that passed the checks, ready to report. */
export interface KpmAction {
  readonly ricActionId: number;
  readonly measInfoList: readonly oran.e2sm.kpm.v1.MeasurementInfoItem.$Properties[];
  readonly granularityPeriodMs: number;
}

const refused = (value: oran.common.v1.CauseRicRequest): Cause => ({ ricRequest: value });

/** The E2SM-KPM RAN function (id 2, revision 1). */
export function createKpmFunction(options: KpmFunctionOptions): RanFunction {
  const definition = kpmRanFunctionDefinition({
    cells: [options.identity.cell],
    measurements: kpmMeasurementNames,
  });

  return {
    ranFunctionId: kpmRanFunctionId,
    ranFunctionRevision,
    oid: kpmOid,
    model: 'kpm',
    definition,
    subscribe(request, sink): SubscriptionResult {
      const details = request.ricSubscriptionDetails;
      const periodMs = reportingPeriodOf(details?.ricEventTriggerDefinition);
      if (periodMs === undefined) {
        return {
          ok: false,
          cause: refused(CauseRicRequest.CAUSE_RIC_REQUEST_EVENT_TRIGGER_NOT_SUPPORTED),
          notAdmitted: [],
        };
      }
      const verdicts: ActionVerdict[] = [];
      const admitted: KpmAction[] = [];
      const seen = new Set<number>();
      for (const item of details?.ricActionToBeSetupList ?? []) {
        const ricActionId = item.ricActionId ?? 0;
        if (seen.has(ricActionId)) {
          verdicts.push({ ricActionId, cause: refused(CauseRicRequest.CAUSE_RIC_REQUEST_DUPLICATE_ACTION) });
          continue;
        }
        seen.add(ricActionId);
        const checked = checkAction(item, periodMs, options.identity);
        if ('cause' in checked) verdicts.push({ ricActionId, cause: checked.cause });
        else admitted.push(checked);
      }
      if (admitted.length === 0) {
        const cause = verdicts[0]?.cause ?? refused(CauseRicRequest.CAUSE_RIC_REQUEST_ACTION_NOT_SUPPORTED);
        return { ok: false, cause, notAdmitted: verdicts };
      }
      const reporter = startKpmReporter({ ...options, request, periodMs, actions: admitted, sink });
      return {
        ok: true,
        admitted: admitted.map((a) => a.ricActionId),
        notAdmitted: verdicts,
        stop: reporter.stop,
        summary: {
          periodMs,
          measNames: admitted[0]!.measInfoList.map((m) => m.measName),
          granularityPeriodMs: admitted[0]!.granularityPeriodMs,
        },
      };
    },
  };
}

/** The reporting period of a periodic event trigger, or undefined if it is not one we run. */
function reportingPeriodOf(bytes: Uint8Array | null | undefined): number | undefined {
  if (!bytes || bytes.length === 0) return undefined;
  try {
    const period = kpm.EventTriggerDefinition.decode(bytes).format1?.reportingPeriodMs ?? 0;
    return period > 0 ? period : undefined;
  } catch {
    return undefined;
  }
}

const notSupported = { cause: refused(CauseRicRequest.CAUSE_RIC_REQUEST_ACTION_NOT_SUPPORTED) };

/** Checks one action against what report style 1 of this node can do. */
function checkAction(
  item: oran.e2.v1.RicActionToBeSetupItem.$Properties,
  periodMs: number,
  identity: E2NodeIdentity,
): KpmAction | { cause: Cause } {
  if (item.ricActionType !== RicActionType.RIC_ACTION_TYPE_REPORT) return notSupported;
  let action: oran.e2sm.kpm.v1.ActionDefinition;
  try {
    action = kpm.ActionDefinition.decode(item.ricActionDefinition ?? new Uint8Array());
  } catch {
    return notSupported;
  }
  const format1 = action.format1;
  const measInfoList = format1?.measInfoList ?? [];
  if (action.ricStyleType !== kpmNodeMeasurementReportStyle || !format1 || measInfoList.length === 0)
    return notSupported;
  const known = new Set<string>(kpmMeasurementNames);
  for (const info of measInfoList) {
    if (!known.has(info.measName ?? '') || !(info.labelInfoList ?? []).every(isWholeCellLabel))
      return notSupported;
  }
  if (format1.cellGlobalId && !sameCell(format1.cellGlobalId, identity.cell)) return notSupported;
  const granularityPeriodMs = format1.granularityPeriodMs || periodMs;
  // Each report carries whole granularity periods (measData is one item per period).
  if (granularityPeriodMs > periodMs || periodMs % granularityPeriodMs !== 0) return notSupported;
  return { ricActionId: item.ricActionId ?? 0, measInfoList, granularityPeriodMs };
}

/** Every UE is in the default slice, so a cell measurement is also that slice's. */
function isWholeCellLabel(label: oran.e2sm.kpm.v1.MeasurementLabel.$Properties): boolean {
  if (label.noLabel) return true;
  const slice = label.sliceId;
  const otherSlice =
    slice && (slice.sst !== defaultSlice.sst || (slice.sd && slice.sd.toLowerCase() !== defaultSlice.sd));
  return !otherSlice && !label.fiveQi;
}
