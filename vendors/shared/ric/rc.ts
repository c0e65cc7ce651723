/**
 * E2SM-RC as the RIC uses it: the slice-level PRB quota control (style 2, action 6) and the
 * outcome the node answers with.
 */
import { rcRadioResourceAllocationStyle, rcSlicePrbQuotaAction } from '../../../src/ran/index.js';
import { oran } from '../../../src/sdk/index.js';
import type { CellGlobalId } from './kpm.js';

const rc = oran.e2sm.rc.v1;

/** A PRB quota for one slice in one cell. Ratios are percent of the cell's PRBs. */
export interface SlicePrbQuota {
  readonly cell: CellGlobalId;
  readonly slice: { readonly sst: number; readonly sd: string };
  readonly minPrbPolicyRatio: number;
  readonly maxPrbPolicyRatio: number;
  readonly dedicatedPrbPolicyRatio: number;
}

/** A RAN parameter as the node reports it applied. */
export interface AppliedRanParameter {
  readonly id: number;
  readonly name: string;
  readonly value: number | string | boolean | null;
}

/** The RIC Control Header and Message of a slice PRB quota control. */
export function slicePrbQuotaControl(quota: SlicePrbQuota): { header: Uint8Array; message: Uint8Array } {
  const header = rc.ControlHeader.encode({
    format1: { ricStyleType: rcRadioResourceAllocationStyle, ricControlActionId: rcSlicePrbQuotaAction },
  }).finish();
  const message = rc.ControlMessage.encode({
    slicePrbQuota: {
      cellGlobalId: quota.cell,
      rrmPolicyRatioList: [
        {
          plmnId: quota.cell.plmnId,
          snssai: quota.slice,
          minPrbPolicyRatio: quota.minPrbPolicyRatio,
          maxPrbPolicyRatio: quota.maxPrbPolicyRatio,
          dedicatedPrbPolicyRatio: quota.dedicatedPrbPolicyRatio,
        },
      ],
    },
  }).finish();
  return { header, message };
}

/** The RAN parameters a RIC Control Outcome lists, or none when it is absent or undecodable. */
export function appliedRanParameters(outcome: Uint8Array): AppliedRanParameter[] {
  if (outcome.length === 0) return [];
  try {
    const format1 = rc.ControlOutcome.decode(outcome).format1;
    return (format1?.ranPList ?? []).map((p) => ({
      id: p.ranParameterId ?? 0,
      name: p.ranParameterName ?? '',
      value: parameterValue(p.ranParameterValue),
    }));
  } catch {
    return [];
  }
}

function parameterValue(
  value: oran.e2sm.rc.v1.RanParameterValue.$Properties | null | undefined,
): AppliedRanParameter['value'] {
  if (!value) return null;
  for (const key of ['valueInt', 'valueReal', 'valueBoolean', 'valuePrintableString'] as const) {
    const v = value[key];
    if (v !== undefined && v !== null) return v;
  }
  return null;
}
