/**
 * A policy's status as A1 reports it (A1TD PolicyStatusObject enforceStatus / enforceReason,
 * with OSC a1mediator's instance status beside it), made from the xApps' assessment.
 */
import { oran } from '../../../src/sdk/index.js';

const { EnforceStatus, EnforceReason, InstanceStatus } = oran.a1.v1;

/** How the RIC's xApps see a policy: enforced, or not and why. */
export type PolicyAssessment =
  | { readonly enforced: true }
  | {
      readonly enforced: false;
      readonly reason: 'scope-not-applicable' | 'statement-not-applicable' | 'other';
    };

export interface PolicyStatusView {
  readonly enforceStatus: oran.a1.v1.EnforceStatus;
  readonly enforceReason: oran.a1.v1.EnforceReason;
  readonly instanceStatus: oran.a1.v1.InstanceStatus;
  readonly hasBeenDeleted: boolean;
  readonly createdAtUnixMs: number;
}

const reasonOf = {
  'scope-not-applicable': EnforceReason.ENFORCE_REASON_SCOPE_NOT_APPLICABLE,
  'statement-not-applicable': EnforceReason.ENFORCE_REASON_STATEMENT_NOT_APPLICABLE,
  other: EnforceReason.ENFORCE_REASON_OTHER_REASON,
} as const;

export function statusOf(assessment: PolicyAssessment, createdAtUnixMs: number): PolicyStatusView {
  return assessment.enforced
    ? {
        enforceStatus: EnforceStatus.ENFORCE_STATUS_ENFORCED,
        enforceReason: EnforceReason.ENFORCE_REASON_UNSPECIFIED,
        instanceStatus: InstanceStatus.INSTANCE_STATUS_IN_EFFECT,
        hasBeenDeleted: false,
        createdAtUnixMs,
      }
    : {
        enforceStatus: EnforceStatus.ENFORCE_STATUS_NOT_ENFORCED,
        enforceReason: reasonOf[assessment.reason],
        instanceStatus: InstanceStatus.INSTANCE_STATUS_NOT_IN_EFFECT,
        hasBeenDeleted: false,
        createdAtUnixMs,
      };
}

/** "ENFORCED", "NOT_ENFORCED"; "STATEMENT_NOT_APPLICABLE"; "IN_EFFECT": enum values as logs show them. */
export function statusNames(status: PolicyStatusView): {
  enforceStatus: string;
  enforceReason: string;
  instanceStatus: string;
} {
  return {
    enforceStatus: (EnforceStatus[status.enforceStatus] ?? '').replace('ENFORCE_STATUS_', ''),
    enforceReason: (EnforceReason[status.enforceReason] ?? '').replace('ENFORCE_REASON_', ''),
    instanceStatus: (InstanceStatus[status.instanceStatus] ?? '').replace('INSTANCE_STATUS_', ''),
  };
}
