/**
 * A1 refusals as data: a closed problem code (oran.a1.v1.A1Problem) with the HTTP status the
 * A1AP REST API gives it (OSC a1mediator's where it differs), made in one place.
 */
import { type MessageInitMap, oran } from '../../../src/sdk/index.js';

const { A1Problem } = oran.a1.v1;

const httpOf: Record<number, { status: number; title: string }> = {
  [A1Problem.A1_PROBLEM_BAD_REQUEST]: { status: 400, title: 'Bad Request' },
  [A1Problem.A1_PROBLEM_POLICY_TYPE_NOT_FOUND]: { status: 404, title: 'Not Found' },
  [A1Problem.A1_PROBLEM_POLICY_NOT_FOUND]: { status: 404, title: 'Not Found' },
  // OSC a1mediator answers 400 where REST would say 409.
  [A1Problem.A1_PROBLEM_POLICY_TYPE_HAS_POLICIES]: { status: 400, title: 'Bad Request' },
  [A1Problem.A1_PROBLEM_POLICY_OBJECT_INVALID]: { status: 400, title: 'Bad Request' },
  [A1Problem.A1_PROBLEM_POLICY_TYPE_SCHEMA_INVALID]: { status: 400, title: 'Bad Request' },
  [A1Problem.A1_PROBLEM_POLICY_TYPE_CONFLICT]: { status: 400, title: 'Bad Request' },
  [A1Problem.A1_PROBLEM_POLICY_ID_CONFLICT]: { status: 409, title: 'Conflict' },
  [A1Problem.A1_PROBLEM_TOO_MANY_REQUESTS]: { status: 429, title: 'Too Many Requests' },
  [A1Problem.A1_PROBLEM_INTERNAL_ERROR]: { status: 500, title: 'Internal Server Error' },
  [A1Problem.A1_PROBLEM_SERVICE_UNAVAILABLE]: { status: 503, title: 'Service Unavailable' },
};

/** A refused A1 operation. */
export interface A1Refusal {
  readonly ok: false;
  readonly problem: oran.a1.v1.A1Problem;
  readonly detail: string;
  /** The REST path of the resource, e.g. "/A1-P/v2/policytypes/21000/policies/p1". */
  readonly instance: string;
}

export type A1Result<T> = { readonly ok: true; readonly value: T } | A1Refusal;

export function refuse(problem: oran.a1.v1.A1Problem, detail: string, instance: string): A1Refusal {
  return { ok: false, problem, detail, instance };
}

export function ok<T>(value: T): A1Result<T> {
  return { ok: true, value };
}

/** The A1Failure that carries a refusal. */
export function a1Failure(refusal: A1Refusal): MessageInitMap['oran.a1.v1.A1Failure'] {
  const http = httpOf[refusal.problem] ?? { status: 500, title: 'Internal Server Error' };
  return {
    problem: refusal.problem,
    problemDetails: {
      title: http.title,
      status: http.status,
      detail: refusal.detail,
      instance: refusal.instance,
    },
  };
}

/** "POLICY_OBJECT_INVALID". */
export function problemName(problem: oran.a1.v1.A1Problem): string {
  return (A1Problem[problem] ?? String(problem)).replace('A1_PROBLEM_', '');
}

export function httpStatusOf(problem: oran.a1.v1.A1Problem): number {
  return httpOf[problem]?.status ?? 500;
}

/** REST paths of A1 resources, as ProblemDetails.instance names them. */
export const a1Path = {
  type: (typeId: number) => `/A1-P/v2/policytypes/${typeId}`,
  policy: (typeId: number, policyId: string) => `/A1-P/v2/policytypes/${typeId}/policies/${policyId}`,
};
