/**
 * E2SM-RC as a RAN function of the O-DU (O-RAN.WG3.E2SM-RC), control service only: style 2
 * "Radio Resource Allocation Control" action 6 "Slice-level PRB quota", which the scheduler obeys
 * from its next slot, and style 3 "Connected Mode Mobility" action 1 "Handover Control". Anything
 * the node cannot apply is refused with ricRequest control-message-invalid and the reason.
 */
import {
  type RcOutcome,
  ranFunctionRevision,
  rcHandoverParameters,
  rcOid,
  rcRanFunctionDefinition,
  rcRanFunctionId,
  type SlicePrbQuotaItem,
  rcSlicePrbQuotaParameters as sliceQuotaParameters,
} from '../../../src/ran/index.js';
import { oran } from '../../../src/sdk/index.js';
import { type E2NodeIdentity, sameCell } from './e2-identity.js';
import type { ControlResult, RanFunction } from './ran-function.js';

const rc = oran.e2sm.rc.v1;
const { CauseRicRequest } = oran.common.v1;

/** What RC control acts on: the O-DU's radio. */
export interface RcTarget {
  /** Replaces the quota of each listed slice in every carrier; all or nothing. */
  applySlicePrbQuota(items: readonly SlicePrbQuotaItem[]): RcOutcome;
  /** Hands a connected UE over to a carrier of the target cell. */
  handover(ueId: number): RcOutcome;
}

/** The cell the RC function answers for and the radio its controls act on. */
export interface RcFunctionOptions {
  readonly identity: E2NodeIdentity;
  readonly target: RcTarget;
}

/** The E2SM-RC RAN function (id 3, revision 1). */
export function createRcFunction(options: RcFunctionOptions): RanFunction {
  const definition = rcRanFunctionDefinition();

  return {
    ranFunctionId: rcRanFunctionId,
    ranFunctionRevision,
    oid: rcOid,
    model: 'rc',
    definition,
    control: (request) => control(request, options),
  };
}

function invalid(detail: string): ControlResult {
  return {
    ok: false,
    cause: { ricRequest: CauseRicRequest.CAUSE_RIC_REQUEST_CONTROL_MESSAGE_INVALID },
    detail,
  };
}

function decode<T>(decoder: { decode(bytes: Uint8Array): T }, bytes: Uint8Array): T | undefined {
  try {
    return decoder.decode(bytes);
  } catch {
    return undefined;
  }
}

function control(request: oran.e2.v1.RicControlRequest, options: RcFunctionOptions): ControlResult {
  const header = decode(rc.ControlHeader, request.ricControlHeader)?.format1;
  const message = decode(rc.ControlMessage, request.ricControlMessage);
  if (!header || !message) return invalid('control header or message does not decode as E2SM-RC format 1');
  const style = `${header.ricStyleType}/${header.ricControlActionId}`;
  if (style === '2/6' && message.slicePrbQuota) return slicePrbQuota(message.slicePrbQuota, options);
  if (style === '3/1' && message.handoverControl) return handoverControl(message.handoverControl, options);
  return invalid(
    `style ${header.ricStyleType} action ${header.ricControlActionId} with a ${message.control ?? 'empty'} message is not a control this node offers`,
  );
}

function slicePrbQuota(
  quota: oran.e2sm.rc.v1.SlicePrbQuota.$Properties,
  options: RcFunctionOptions,
): ControlResult {
  const { cell } = options.identity;
  if (!sameCell(quota.cellGlobalId, cell)) {
    return invalid(
      `unknown cell ${quota.cellGlobalId?.plmnId}/${quota.cellGlobalId?.nrCellIdentity}; this node serves ${cell.plmnId}/${cell.nrCellIdentity}`,
    );
  }
  const list = quota.rrmPolicyRatioList ?? [];
  if (list.length === 0) return invalid('empty RRM policy ratio list');
  const items: SlicePrbQuotaItem[] = [];
  for (const item of list) {
    if (item.plmnId && item.plmnId !== cell.plmnId)
      return invalid(`PLMN ${item.plmnId} is not served by this cell`);
    const sd = item.snssai?.sd ?? '';
    if (!item.snssai || (sd !== '' && !/^[0-9a-fA-F]{6}$/.test(sd)))
      return invalid(`S-NSSAI needs an sst and an sd of 6 hex digits, got sd "${sd}"`);
    items.push({
      sst: item.snssai.sst ?? 0,
      ...(sd === '' ? {} : { sd: Number.parseInt(sd, 16) }),
      minPrbPolicyRatio: item.minPrbPolicyRatio ?? 0,
      maxPrbPolicyRatio: item.maxPrbPolicyRatio ?? 0,
      dedicatedPrbPolicyRatio: item.dedicatedPrbPolicyRatio ?? 0,
    });
  }
  const applied = options.target.applySlicePrbQuota(items);
  if (!applied.ok) return invalid(`${applied.reason}: ${applied.detail}`);
  const outcome = rc.ControlOutcome.encode({
    format1: {
      ranPList: items.flatMap((item) =>
        [item.minPrbPolicyRatio, item.maxPrbPolicyRatio, item.dedicatedPrbPolicyRatio].map((value, i) => ({
          ...sliceQuotaParameters[i]!,
          ranParameterValue: { valueInt: value },
        })),
      ),
      appliedAtUnixMs: Date.now(),
    },
  }).finish();
  return {
    ok: true,
    outcome,
    summary: {
      control: 'slice-prb-quota',
      quotas: list.map((q) => ({
        sst: q.snssai?.sst,
        sd: q.snssai?.sd,
        minPrbPolicyRatio: q.minPrbPolicyRatio,
        maxPrbPolicyRatio: q.maxPrbPolicyRatio,
        dedicatedPrbPolicyRatio: q.dedicatedPrbPolicyRatio,
      })),
    },
  };
}

function handoverControl(
  handover: oran.e2sm.rc.v1.HandoverControl.$Properties,
  options: RcFunctionOptions,
): ControlResult {
  const { cell } = options.identity;
  const ueId = handover.ueId?.gnbDuUeId?.gnbCuUeF1apId;
  if (ueId === undefined || ueId === null) return invalid('handover names no UE (gNB-DU UE ID)');
  // The node serves one cell: a handover can only target it (a no-op move between its carriers).
  if (!sameCell(handover.targetCellGlobalId, cell)) {
    return invalid(
      `unknown target cell ${handover.targetCellGlobalId?.plmnId}/${handover.targetCellGlobalId?.nrCellIdentity}`,
    );
  }
  const moved = options.target.handover(ueId);
  if (!moved.ok) return invalid(`${moved.reason}: ${moved.detail}`);
  const outcome = rc.ControlOutcome.encode({
    format1: {
      ranPList: [
        { ...rcHandoverParameters[0]!, ranParameterValue: { valuePrintableString: cell.nrCellIdentity } },
      ],
      appliedAtUnixMs: Date.now(),
    },
  }).finish();
  return { ok: true, outcome, summary: { control: 'handover', ueId, targetCell: cell.nrCellIdentity } };
}
