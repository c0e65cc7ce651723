/**
 * A policy's status as the RIC reports it (O-RAN.WG2.A1AP 5.4, A1TD PolicyStatusObject): reading
 * it, saying it in a diagnostic, and expecting it (code `policy-status`).
 */
import { type NetworkContext, oran } from '../../src/conformance/index.js';
import { type Asked, answerOf, ask, onA1 } from './support.js';

type PolicyStatus = oran.a1.v1.PolicyStatus.$Properties;
const { EnforceReason, EnforceStatus, GetPolicyStatusResponse, InstanceStatus } = oran.a1.v1;

/** "ENFORCED", "NOT_ENFORCED / SCOPE_NOT_APPLICABLE, NOT_IN_EFFECT, deleted" for an observed field. */
export function statusText(status: PolicyStatus | null | undefined): string {
  if (!status) return 'no status';
  const enforce = (EnforceStatus[status.enforceStatus ?? 0] ?? '').replace('ENFORCE_STATUS_', '');
  const reason = (EnforceReason[status.enforceReason ?? 0] ?? '').replace('ENFORCE_REASON_', '');
  const instance = (InstanceStatus[status.instanceStatus ?? 0] ?? '').replace('INSTANCE_STATUS_', '');
  return `${enforce}${status.enforceReason ? ` / ${reason}` : ''}, ${instance}${status.hasBeenDeleted ? ', deleted' : ''}`;
}

/** A policy's status as the RIC reported it, with the time it was asked. */
export interface StatusRead {
  readonly asked: Asked;
  readonly status?: PolicyStatus;
}

/** The policy's status as the RIC reports it, with the time it was asked. */
export async function statusOf(
  ctx: NetworkContext,
  policyTypeId: number,
  policyId: string,
): Promise<StatusRead> {
  const asked = await ask(ctx, 'oran.a1.v1.GetPolicyStatusRequest', { policyTypeId, policyId });
  const status = answerOf(asked, GetPolicyStatusResponse)?.status ?? undefined;
  return status ? { asked, status } : { asked };
}

/** Expects the status read to be as `holds` says (a SHOULD with `level: 'should'`): code `policy-status`. */
export function expectStatus(
  ctx: NetworkContext,
  read: StatusRead,
  holds: (status: PolicyStatus) => boolean,
  o: { readonly message: string; readonly expected: string; readonly level?: 'must' | 'should' },
): void {
  const diagnostic = {
    message: o.message,
    expected: o.expected,
    observed: statusText(read.status),
    code: 'policy-status',
    ...onA1(read.asked.at),
  } as const;
  const ok = read.status !== undefined && holds(read.status);
  if (o.level === 'should') ctx.should(ok, diagnostic);
  else ctx.expect(ok, diagnostic);
}
