/**
 * The RIC's A1 endpoint (A1-P, modelled in oran.a1.v1): policy types and policies over the
 * policy store, each refusal answered with A1Failure carrying its problem code and HTTP status.
 */
import {
  type EndpointBehaviour,
  failure,
  type MessageInitMap,
  oran,
  type Reply,
  success,
  type VendorContext,
} from '../../../src/sdk/index.js';
import { statusNames } from './a1-policy-status.js';
import type { Policy } from './a1-policy-store.js';
import { type A1Refusal, type A1Result, a1Failure, httpStatusOf, problemName } from './a1-problems.js';
import type { Ric } from './ric-state.js';

type A1Reply = Reply<'a1'>;

const { CreatePolicyTypeResult, CreatePolicyResult } = oran.a1.v1;

/** The `a1` endpoint of a near-RT RIC. `ricOf` gives the vendor run's RIC. */
export function a1Service(ricOf: (context: VendorContext) => Ric): EndpointBehaviour<'a1'> {
  /** Answers a result: `answer` for a value, A1Failure (logged) for a refusal. */
  const answer = <T>(
    ric: Ric,
    operation: string,
    result: A1Result<T>,
    reply: (value: T) => A1Reply,
  ): A1Reply => {
    if (result.ok) return reply(result.value);
    refused(ric, operation, result);
    return failure('oran.a1.v1.A1Failure', a1Failure(result));
  };

  return {
    handlers: {
      'oran.a1.v1.CreatePolicyTypeRequest': ({ policyType }, _session, context) => {
        const ric = ricOf(context);
        const definition = {
          policyTypeId: policyType?.policyTypeId ?? 0,
          name: policyType?.name ?? '',
          description: policyType?.description ?? '',
          createSchema: policyType?.createSchema ?? '',
        };
        const result = ric.policies.createType(definition);
        return answer(ric, 'create policy type', result, (outcome) => {
          ric.logger.info(
            {
              interface: 'a1',
              policyTypeId: definition.policyTypeId,
              name: definition.name,
              result: outcome,
            },
            'a1 policy type created',
          );
          return success('oran.a1.v1.CreatePolicyTypeResponse', {
            policyTypeId: definition.policyTypeId,
            result:
              outcome === 'created'
                ? CreatePolicyTypeResult.CREATE_POLICY_TYPE_RESULT_CREATED
                : CreatePolicyTypeResult.CREATE_POLICY_TYPE_RESULT_UNCHANGED,
          });
        });
      },

      'oran.a1.v1.GetPolicyTypeRequest': ({ policyTypeId }, _session, context) => {
        const ric = ricOf(context);
        return answer(ric, 'get policy type', ric.policies.getType(policyTypeId), (policyType) =>
          success('oran.a1.v1.GetPolicyTypeResponse', { policyType }),
        );
      },

      'oran.a1.v1.ListPolicyTypesRequest': (_request, _session, context) =>
        success('oran.a1.v1.ListPolicyTypesResponse', { policyTypeIds: ricOf(context).policies.typeIds() }),

      'oran.a1.v1.DeletePolicyTypeRequest': ({ policyTypeId }, _session, context) => {
        const ric = ricOf(context);
        return answer(ric, 'delete policy type', ric.policies.deleteType(policyTypeId), () => {
          ric.logger.info({ interface: 'a1', policyTypeId }, 'a1 policy type deleted');
          return success('oran.a1.v1.DeletePolicyTypeResponse', { policyTypeId });
        });
      },

      'oran.a1.v1.CreatePolicyRequest': ({ policy }, _session, context) => {
        const ric = ricOf(context);
        const result = ric.policies.putPolicy({
          policyTypeId: policy?.policyTypeId ?? 0,
          policyId: policy?.policyId ?? '',
          policyObject: policy?.policyObject ?? '',
          notificationDestination: policy?.notificationDestination ?? null,
        });
        return answer(ric, 'create policy', result, ({ result: outcome, policy: stored }) => {
          ric.logger.info(
            { interface: 'a1', ...policyFields(stored), result: outcome },
            outcome === 'created' ? 'a1 policy created' : 'a1 policy updated',
          );
          return success('oran.a1.v1.CreatePolicyResponse', {
            policyTypeId: stored.policyTypeId,
            policyId: stored.policyId,
            result:
              outcome === 'created'
                ? CreatePolicyResult.CREATE_POLICY_RESULT_CREATED
                : CreatePolicyResult.CREATE_POLICY_RESULT_UPDATED,
          });
        });
      },

      'oran.a1.v1.GetPolicyRequest': ({ policyTypeId, policyId }, _session, context) => {
        const ric = ricOf(context);
        return answer(ric, 'get policy', ric.policies.getPolicy(policyTypeId, policyId), (policy) =>
          success('oran.a1.v1.GetPolicyResponse', { policy: policyInstance(policy) }),
        );
      },

      'oran.a1.v1.ListPoliciesRequest': ({ policyTypeId }, _session, context) => {
        const ric = ricOf(context);
        return answer(ric, 'list policies', ric.policies.getType(policyTypeId), () =>
          success('oran.a1.v1.ListPoliciesResponse', {
            policyTypeId,
            policyIds: ric.policies.policies(policyTypeId).map((p) => p.policyId),
          }),
        );
      },

      'oran.a1.v1.DeletePolicyRequest': ({ policyTypeId, policyId }, _session, context) => {
        const ric = ricOf(context);
        return answer(ric, 'delete policy', ric.policies.deletePolicy(policyTypeId, policyId), (policy) => {
          ric.logger.info({ interface: 'a1', ...policyFields(policy) }, 'a1 policy deleted');
          return success('oran.a1.v1.DeletePolicyResponse', { policyTypeId, policyId });
        });
      },

      'oran.a1.v1.GetPolicyStatusRequest': ({ policyTypeId, policyId }, _session, context) => {
        const ric = ricOf(context);
        return answer(ric, 'get policy status', ric.policies.getPolicy(policyTypeId, policyId), (policy) =>
          success('oran.a1.v1.GetPolicyStatusResponse', { policyTypeId, policyId, status: policy.status }),
        );
      },
    },
  };
}

/** Policy id, type and status, as logs show a policy. */
export function policyFields(policy: Policy): Record<string, unknown> {
  return {
    policyTypeId: policy.policyTypeId,
    policyId: policy.policyId,
    ...statusNames(policy.status),
    hasBeenDeleted: policy.status.hasBeenDeleted,
  };
}

function policyInstance(policy: Policy): MessageInitMap['oran.a1.v1.PolicyInstance'] {
  return {
    policyTypeId: policy.policyTypeId,
    policyId: policy.policyId,
    policyObject: policy.objectText,
    ...(policy.notificationDestination !== undefined
      ? { notificationDestination: policy.notificationDestination }
      : {}),
  };
}

function refused(ric: Ric, operation: string, refusal: A1Refusal): void {
  ric.logger.warn(
    {
      interface: 'a1',
      operation,
      problem: problemName(refusal.problem),
      status: httpStatusOf(refusal.problem),
      resource: refusal.instance,
      detail: refusal.detail,
    },
    'a1 request refused',
  );
}
