/**
 * The A1 suite (O-RAN.WG2.A1AP, A1TD): the near-RT RIC under test as the A1 producer, the harness
 * as its SMO. Types, policies, status and behaviour (a policy's effect on E2, and its withdrawal),
 * each in its file; E2-side helpers of the behaviour cases in quota.ts.
 */
import type { CaseDefinition, Network } from '../../src/conformance/index.js';
import { a1DeletedPolicyWithdrawn, a1PolicyChangesBehaviour } from './behaviour.js';
import { a1CreateUpdatePolicy, a1DeletePolicy, a1SchemaInvalidPolicy } from './policies.js';
import { a1StatusEnforced, a1StatusNotEnforced } from './status.js';
import { a1CreateType, a1DeleteTypeWithPolicies } from './types.js';

export const a1Cases: CaseDefinition<Network>[] = [
  a1CreateType,
  a1DeleteTypeWithPolicies,
  a1CreateUpdatePolicy,
  a1SchemaInvalidPolicy,
  a1DeletePolicy,
  a1StatusEnforced,
  a1StatusNotEnforced,
  a1PolicyChangesBehaviour,
  a1DeletedPolicyWithdrawn,
];
