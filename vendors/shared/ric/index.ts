/** The shared core of plugfest's built-in near-RT RICs: E2 termination, subscriptions, KPM, A1. */

export type { PolicyAssessment, PolicyStatusView } from './a1-policy-status.js';
export { type Policy, type PolicyChange, PolicyStore, type PolicyTypeDefinition } from './a1-policy-store.js';
export type { A1Refusal, A1Result } from './a1-problems.js';
export { policyFields } from './a1-service.js';
export * from './constants.js';
export { defineRic, type RicDefinition } from './define-ric.js';
export { cellOf, type E2Node, functionOf, nodeFields, type RanFunction } from './e2-nodes.js';
export { resetNode } from './e2-procedures.js';
export type { FunctionVerdict, RejectedFunction } from './e2-setup.js';
export type { CellGlobalId, KpmReport } from './kpm.js';
export {
  type AppliedRanParameter,
  appliedRanParameters,
  type SlicePrbQuota,
  slicePrbQuotaControl,
} from './rc.js';
export type { Ric, RicHooks, SetupRefusal } from './ric-state.js';
export type { RicSettings } from './settings.js';
export { requestIdText, type Subscription } from './subscriptions.js';
