/**
 * What every A1 case does as the SMO: send an A1-P operation to the near-RT RIC under test and
 * read its answer (the operation's response, or A1Failure with its problem and HTTP status), and
 * the policy types the cases create for themselves, each case its own id so cases run in any order.
 */
import {
  type CaseDefinition,
  defineSuite,
  isDiagnosticCode,
  type Network,
  type NetworkContext,
  oran,
} from '../../src/conformance/index.js';
import type { MessageInitMap } from './kit-gaps.js';
import { a1Link, a1Topology, ricInstance } from './topology.js';

/**
 * An A1 case: conformance of the near-RT RIC, the harness as its SMO. Fresh unless the case says
 * `shared`, which one that creates and deletes only its own policy types and policies may.
 */
export const a1Case = defineSuite<Network>({
  suite: 'a1',
  interface: 'a1',
  mode: 'conformance',
  roles: ['near-rt-ric'],
  topology: a1Topology,
});

type A1Link = Awaited<ReturnType<Network['a1']>>;
type A1Message = Parameters<A1Link['request']>[0];
type Answer = Awaited<ReturnType<A1Link['request']>>;
/** A generated message class: what an answer is checked against (decoded messages are its instances). */
type MessageClass<T> = (new (...args: never[]) => T) & { readonly name: string };
type PolicyInit = NonNullable<MessageInitMap['oran.a1.v1.CreatePolicyRequest']['policy']>;

/** A frame the RIC sends the SMO unasked (a status notification), as the A1 link emits it. */
export type A1Frame = Parameters<A1Link['reply']>[0];

/** A RIC answers A1 operations at once: 3 s under load (2 cores, other suites). */
export const answerMs = 3000;

export interface Asked {
  readonly answer: Answer;
  /** Unix ms when the operation was sent. */
  readonly at: number;
  /** The A1Failure's problem, e.g. "POLICY_OBJECT_INVALID (400): ...", or undefined on success. */
  readonly problem?: { readonly name: string; readonly status: number; readonly detail: string };
}

const { A1Failure, A1Problem, ListPoliciesResponse } = oran.a1.v1;
const short = (type: string) => type.replace('oran.a1.v1.', '');

/** Where a diagnostic about A1 operations points: the A1 link, at the times they were sent. */
export const onA1 = (...at: number[]) => ({ link: a1Link, trace: { at } });

/** Sends an A1 operation; no answer within `answerMs` fails the case with what happened. */
export async function ask<K extends A1Message>(
  ctx: NetworkContext,
  type: K,
  message: MessageInitMap[K],
): Promise<Asked> {
  const link = await ctx.fixture.a1(ricInstance);
  const at = Date.now();
  let answer: Answer | undefined;
  let ended = 'no answer';
  try {
    answer = await link.request(type, message, { timeoutMs: answerMs });
  } catch (error) {
    ended = error instanceof Error && 'code' in error ? String(error.code) : String(error);
  }
  ctx.expect(answer !== undefined, {
    message: `${short(type)} unanswered`,
    expected: `an answer to ${short(type)} within ${answerMs} ms`,
    observed: ended === 'request-timeout' ? 'nothing' : `the request ended with ${ended}`,
    code: isDiagnosticCode(ended) ? ended : 'no-answer',
    ...onA1(at),
  });
  const failure = answer.message;
  if (!(failure instanceof A1Failure)) return { answer, at };
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

/** "A1Failure POLICY_NOT_FOUND (404): no policy ...", or the answer's type, for an observed field. */
export const problemText = (asked: Asked): string =>
  asked.problem
    ? `A1Failure ${asked.problem.name} (${asked.problem.status}): ${asked.problem.detail}`
    : short(asked.answer.type);

/** Expects a successful answer of message class `kind`, failing with the A1Failure it got instead; its message. */
export function expectAnswer<T>(ctx: NetworkContext, asked: Asked, kind: MessageClass<T>, what: string): T {
  const message = asked.answer.message;
  ctx.expect(message instanceof kind, {
    message: `${what} refused`,
    expected: kind.name,
    observed: problemText(asked),
    code: asked.problem ? 'wrongly-refused' : 'wrong-answer',
    ...onA1(asked.at),
  });
  return message;
}

/** The answer's message if it is of class `kind`, else undefined. */
export function answerOf<T>(asked: Asked, kind: MessageClass<T>): T | undefined {
  const message = asked.answer.message;
  return message instanceof kind ? message : undefined;
}

/** Expects an A1Failure with `problem` (and its usual HTTP status). */
export function expectProblem(
  ctx: NetworkContext,
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
    code: found ? 'wrong-cause' : 'not-refused',
    ...onA1(asked.at),
  });
  ctx.should(found.status === status, {
    message: `${problem} carries an unusual HTTP status`,
    expected: `status ${status}`,
    observed: `status ${found.status}`,
    code: 'http-status',
    ...onA1(asked.at),
  });
  return found;
}

/** SHOULD: the refusal's ProblemDetails names `name` (the property, the policy in the way). */
export function shouldName(ctx: NetworkContext, asked: Asked, name: string, what: string): void {
  const detail = asked.problem?.detail ?? '';
  ctx.should(detail.includes(name), {
    message: `the refusal of ${what} does not name ${name}`,
    expected: `detail naming "${name}"`,
    observed: detail,
    code: 'problem-detail',
    ...onA1(asked.at),
  });
}

/** Creates a policy; a refusal fails the case, named by `what`. */
export async function createPolicy(
  ctx: NetworkContext,
  policy: PolicyInit,
  what = `creating policy ${policy.policyId}`,
): Promise<Asked> {
  const put = await ask(ctx, 'oran.a1.v1.CreatePolicyRequest', { policy });
  expectAnswer(ctx, put, oran.a1.v1.CreatePolicyResponse, what);
  return put;
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

/**
 * Runs `body` with the case's own policy type `policyTypeId` created (a type left by an earlier
 * run goes first), and deletes the type and its policies after, whatever happened.
 */
export async function withType(
  ctx: NetworkContext,
  policyTypeId: number,
  body: (created: Asked) => Promise<void>,
): Promise<void> {
  try {
    await dropType(ctx, policyTypeId);
    const created = await ask(ctx, 'oran.a1.v1.CreatePolicyTypeRequest', {
      policyType: testType(policyTypeId),
    });
    expectAnswer(ctx, created, oran.a1.v1.CreatePolicyTypeResponse, `creating policy type ${policyTypeId}`);
    await body(created);
  } finally {
    await dropType(ctx, policyTypeId);
  }
}

/** As `withType`, with the case's own policy created under it first (a refusal fails the case). */
export const withPolicy = (
  ctx: NetworkContext,
  policy: PolicyInit & { readonly policyTypeId: number },
  body: (put: Asked) => Promise<void>,
): Promise<void> => withType(ctx, policy.policyTypeId, async () => body(await createPolicy(ctx, policy)));

/** Best-effort cleanup: deletes the type's policies, then the type. Never fails the case. */
async function dropType(ctx: NetworkContext, policyTypeId: number): Promise<void> {
  const link = await ctx.fixture.a1(ricInstance);
  const options = { timeoutMs: answerMs };
  try {
    const listed = (await link.request('oran.a1.v1.ListPoliciesRequest', { policyTypeId }, options)).message;
    const policyIds = listed instanceof ListPoliciesResponse ? listed.policyIds : [];
    for (const policyId of policyIds) {
      await link.request('oran.a1.v1.DeletePolicyRequest', { policyTypeId, policyId }, options);
    }
    await link.request('oran.a1.v1.DeletePolicyTypeRequest', { policyTypeId }, options);
  } catch {
    // Cleanup only: the case's own checks have spoken.
  }
}

/** Polls `probe` every 100 ms until it returns a value, up to `timeoutMs`. */
export async function poll<T>(
  ctx: NetworkContext,
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

/** True when two JSON texts (or a text and a value) are the same JSON; false if either does not parse. */
export function sameJson(text: string | null | undefined, value: unknown): boolean {
  try {
    return JSON.stringify(JSON.parse(text ?? '')) === JSON.stringify(value);
  } catch {
    return false;
  }
}
