/**
 * What every A1 case does as the SMO: send an A1-P operation to the near-RT RIC under test and
 * read its answer (the operation's response, or A1Failure with its problem and HTTP status), and
 * the policy types the cases create for themselves, each case its own id so cases run in any order.
 */
import { type CaseContext, type CaseDefinition, type Network, oran } from '../../src/conformance/index.js';
import { a1Link, a1Topology, ricInstance } from './topology.js';

/** What every A1 case has in common: conformance of the near-RT RIC, the harness as its SMO. */
export const common = {
  suite: 'a1',
  interface: 'a1' as const,
  mode: 'conformance' as const,
  roles: ['near-rt-ric'] as const,
  topology: a1Topology,
};

export type Ctx = CaseContext<Network>;

type A1Link = Awaited<ReturnType<Network['a1']>>;
type RequestType = Parameters<A1Link['request']>[0];
type Answer = Awaited<ReturnType<A1Link['request']>>;

/** A RIC answers A1 operations at once: 3 s under load (2 cores, other suites). */
export const answerMs = 3000;

export interface Asked {
  readonly answer: Answer;
  /** Unix ms when the operation was sent. */
  readonly at: number;
  /** The A1Failure's problem, e.g. "POLICY_OBJECT_INVALID (400): ...", or undefined on success. */
  readonly problem?: { readonly name: string; readonly status: number; readonly detail: string };
}

const { A1Problem } = oran.a1.v1;

/** Sends an A1 operation; no answer within `answerMs` fails the case with what happened. */
export async function ask<K extends RequestType>(
  ctx: Ctx,
  type: K,
  message: Parameters<A1Link['request']>[1] & object,
): Promise<Asked> {
  const link = await ctx.fixture.a1(ricInstance);
  const at = Date.now();
  let answer: Answer | undefined;
  let code: string | undefined;
  try {
    answer = await link.request(type, message as never, { timeoutMs: answerMs });
  } catch (error) {
    code = (error as { code?: string }).code ?? String(error);
  }
  const short = type.replace('oran.a1.v1.', '');
  ctx.expect(answer !== undefined, {
    message: `${short} unanswered`,
    expected: `an answer to ${short} within ${answerMs} ms`,
    observed: code === 'request-timeout' ? 'nothing' : `the request ended with ${code}`,
    link: a1Link,
    ...(code ? { code } : {}),
    trace: { at: [at] },
  });
  if (answer.type !== 'oran.a1.v1.A1Failure') return { answer, at };
  const failure = answer.message as oran.a1.v1.A1Failure;
  return {
    answer,
    at,
    problem: {
      name: (A1Problem[failure.problem] ?? String(failure.problem)).replace('A1_PROBLEM_', ''),
      status: failure.problemDetails?.status ?? 0,
      detail: failure.problemDetails?.detail ?? '',
    },
  };
}

/** "POLICY_NOT_FOUND (404): no policy ...", for an observed field. */
export const problemText = (asked: Asked): string =>
  asked.problem
    ? `A1Failure ${asked.problem.name} (${asked.problem.status}): ${asked.problem.detail}`
    : asked.answer.type.replace('oran.a1.v1.', '');

/** Expects a successful answer of `type`, failing with the A1Failure it got instead. */
export function expectAnswer(ctx: Ctx, asked: Asked, type: string, what: string): void {
  ctx.expect(asked.answer.type === type, {
    message: `${what} refused`,
    expected: type.replace('oran.a1.v1.', ''),
    observed: problemText(asked),
    link: a1Link,
    ...(asked.problem ? { code: asked.problem.name } : {}),
    trace: { at: [asked.at] },
  });
}

/** Expects an A1Failure with `problem` (and its usual HTTP status). */
export function expectProblem(
  ctx: Ctx,
  asked: Asked,
  problem: string,
  status: number,
  what: string,
): NonNullable<Asked['problem']> {
  const found = asked.problem;
  ctx.expect(found?.name === problem, {
    message: `${what} was not refused with ${problem}`,
    expected: `A1Failure ${problem} (${status})`,
    observed: problemText(asked),
    link: a1Link,
    code: asked.problem?.name ?? 'accepted',
    trace: { at: [asked.at] },
  });
  ctx.should(found.status === status, {
    message: `${problem} carries an unusual HTTP status`,
    expected: `status ${status}`,
    observed: `status ${found.status}`,
    link: a1Link,
    code: 'http-status',
    trace: { at: [asked.at] },
  });
  return found;
}

/** A policy type the harness creates for a case (OSC a1mediator's PUT policytypes). */
export function testType(policyTypeId: number): oran.a1.v1.PolicyType.$Properties {
  return {
    policyTypeId,
    name: `plugfest.conformance-${policyTypeId}`,
    description: 'A policy type created by the A1 conformance suite',
    createSchema: JSON.stringify({
      $schema: 'http://json-schema.org/draft-07/schema#',
      type: 'object',
      properties: {
        target: { type: 'integer', minimum: 0, maximum: 100 },
        label: { type: 'string' },
      },
      required: ['target'],
      additionalProperties: false,
    }),
  };
}

/** Creates the case's own type; the case deletes it again with `dropType`. */
export async function createType(ctx: Ctx, policyTypeId: number): Promise<Asked> {
  // A type left by an earlier run of the case on this topology goes first.
  await dropType(ctx, policyTypeId);
  const asked = await ask(ctx, 'oran.a1.v1.CreatePolicyTypeRequest', { policyType: testType(policyTypeId) });
  expectAnswer(ctx, asked, 'oran.a1.v1.CreatePolicyTypeResponse', `creating policy type ${policyTypeId}`);
  return asked;
}

/** Best-effort cleanup: deletes the type's policies, then the type. Never fails the case. */
export async function dropType(ctx: Ctx, policyTypeId: number): Promise<void> {
  const link = await ctx.fixture.a1(ricInstance);
  try {
    const listed = await link.request(
      'oran.a1.v1.ListPoliciesRequest',
      { policyTypeId },
      { timeoutMs: answerMs },
    );
    if (listed.type === 'oran.a1.v1.ListPoliciesResponse') {
      for (const policyId of (listed.message as oran.a1.v1.ListPoliciesResponse).policyIds) {
        await link.request(
          'oran.a1.v1.DeletePolicyRequest',
          { policyTypeId, policyId },
          { timeoutMs: answerMs },
        );
      }
    }
    await link.request('oran.a1.v1.DeletePolicyTypeRequest', { policyTypeId }, { timeoutMs: answerMs });
  } catch {
    // Cleanup only: the case's own checks have spoken.
  }
}

/** Polls `probe` every 100 ms until it returns a value, up to `timeoutMs`. */
export async function poll<T>(
  ctx: Ctx,
  timeoutMs: number,
  probe: () => Promise<T | undefined>,
): Promise<T | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined || Date.now() >= deadline) return value;
    await ctx.sleep(100);
  }
}

const { EnforceStatus, EnforceReason, InstanceStatus } = oran.a1.v1;

/** "ENFORCED", "NOT_ENFORCED / SCOPE_NOT_APPLICABLE, NOT_IN_EFFECT, deleted" for an observed field. */
export function statusText(status: oran.a1.v1.PolicyStatus.$Properties | null | undefined): string {
  if (!status) return 'no status';
  const enforce = (EnforceStatus[status.enforceStatus ?? 0] ?? '').replace('ENFORCE_STATUS_', '');
  const reason = (EnforceReason[status.enforceReason ?? 0] ?? '').replace('ENFORCE_REASON_', '');
  const instance = (InstanceStatus[status.instanceStatus ?? 0] ?? '').replace('INSTANCE_STATUS_', '');
  return `${enforce}${status.enforceReason ? ` / ${reason}` : ''}, ${instance}${status.hasBeenDeleted ? ', deleted' : ''}`;
}

/** The policy's status as the RIC reports it, with the time it was asked. */
export async function statusOf(
  ctx: Ctx,
  policyTypeId: number,
  policyId: string,
): Promise<{ asked: Asked; status?: oran.a1.v1.PolicyStatus.$Properties }> {
  const asked = await ask(ctx, 'oran.a1.v1.GetPolicyStatusRequest', { policyTypeId, policyId });
  if (asked.answer.type !== 'oran.a1.v1.GetPolicyStatusResponse') return { asked };
  const status = (asked.answer.message as oran.a1.v1.GetPolicyStatusResponse).status ?? undefined;
  return status ? { asked, status } : { asked };
}

/** Why a case needs the RIC to own policy type `id` (the manifest's a1PolicyTypes), or undefined. */
export function requiresPolicyType(id: number): NonNullable<CaseDefinition<Network>['requires']> {
  return (combination, vendors) => {
    const ric = vendors(combination['near-rt-ric'] ?? '');
    if (ric?.role !== 'near-rt-ric') return undefined;
    return ric.capabilities.a1PolicyTypes.includes(id)
      ? undefined
      : `${ric.id} declares no A1 policy type ${id}`;
  };
}
