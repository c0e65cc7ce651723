/**
 * Policy instance cases (O-RAN.WG2.A1AP 5.3, policies): create then update with one PUT, a
 * policy object that fails its type's schema is refused and not stored, and delete takes a
 * policy out of effect and then away. Each under a type of its own, deleted again after: they
 * leave the RIC as they found it, so they share its network.
 */
import { type NetworkContext, oran } from '../../src/conformance/index.js';
import { expectStatus, statusOf } from './policy-status.js';
import {
  a1Case,
  answerOf,
  ask,
  createPolicy,
  expectAnswer,
  expectProblem,
  onA1,
  poll,
  problemText,
  sameJson,
  shouldName,
  withPolicy,
  withType,
} from './support.js';

const {
  CreatePolicyResponse,
  CreatePolicyResult,
  DeletePolicyResponse,
  EnforceStatus,
  GetPolicyResponse,
  InstanceStatus,
  ListPoliciesResponse,
} = oran.a1.v1;

export const a1CreateUpdatePolicy = a1Case({
  id: 'A1-POL-001',
  title: 'A policy is created, then updated by the same PUT, and reads back as last written',
  spec: 'O-RAN.WG2.A1AP-v03 5.3.3 (create / update single policy), 5.3.2 (query)',
  expectation:
    'Under a type the harness creates (30011), CreatePolicy p-30011 {target 40} is answered CREATED; GetPolicy returns that object; CreatePolicy again with the same id and {target 60, label "updated"} is answered UPDATED; GetPolicy then returns the new object (as JSON) and ListPolicies lists p-30011 once.',
  isolation: 'shared',
  async run(ctx: NetworkContext) {
    const id = 30011;
    const policyId = 'p-30011';
    const versions = [
      { what: 'create', object: { target: 40 }, result: CreatePolicyResult.CREATE_POLICY_RESULT_CREATED },
      {
        what: 'update',
        object: { target: 60, label: 'updated' },
        result: CreatePolicyResult.CREATE_POLICY_RESULT_UPDATED,
      },
    ];
    await withType(ctx, id, async () => {
      for (const { what, object, result: wanted } of versions) {
        const policy = { policyTypeId: id, policyId, policyObject: JSON.stringify(object) };
        const put = await createPolicy(ctx, policy, `policy ${what}`);
        const result = answerOf(put, CreatePolicyResponse)?.result ?? 0;
        ctx.expect(result === wanted, {
          message: `a policy ${what} is reported as ${CreatePolicyResult[result] ?? result}`,
          expected: CreatePolicyResult[wanted],
          observed: CreatePolicyResult[result] ?? String(result),
          code: 'wrong-answer',
          ...onA1(put.at),
        });
        const read = await ask(ctx, 'oran.a1.v1.GetPolicyRequest', { policyTypeId: id, policyId });
        const stored =
          expectAnswer(ctx, read, GetPolicyResponse, `reading the policy after the ${what}`).policy
            ?.policyObject ?? '';
        ctx.expect(sameJson(stored, object), {
          message: `the policy does not read back as written by the ${what}`,
          expected: JSON.stringify(object),
          observed: stored || 'no policy object',
          code: 'policy-readback',
          ...onA1(read.at),
        });
      }
      const list = await ask(ctx, 'oran.a1.v1.ListPoliciesRequest', { policyTypeId: id });
      const ids = expectAnswer(ctx, list, ListPoliciesResponse, 'listing the policies').policyIds;
      ctx.expect(ids.filter((p) => p === policyId).length === 1, {
        message: 'the updated policy is not listed exactly once',
        expected: `[${policyId}]`,
        observed: `[${ids.join(', ')}]`,
        code: 'policy-listing',
        ...onA1(list.at),
      });
    });
  },
});

export const a1SchemaInvalidPolicy = a1Case({
  id: 'A1-POL-002',
  title: "A policy object that fails its type's schema is refused with the schema problem, and not stored",
  spec: 'O-RAN.WG2.A1AP-v03 5.3.3 (400 Bad Request, ProblemDetails); A1TD policy type schema',
  expectation:
    'Under type 30012 (target: integer 0..100, required; no other properties), CreatePolicy with {target 140}, with {label "x"} (target missing) and with {target 5, extra true} are each refused with POLICY_OBJECT_INVALID (400), the detail naming the offending property (target, target, extra); a policy object that is not JSON is refused with BAD_REQUEST or POLICY_OBJECT_INVALID; none of them is stored (GetPolicy answers POLICY_NOT_FOUND).',
  isolation: 'shared',
  async run(ctx: NetworkContext) {
    const id = 30012;
    const bad = [
      { policyId: 'bad-range', object: JSON.stringify({ target: 140 }), names: 'target' },
      { policyId: 'bad-missing', object: JSON.stringify({ label: 'x' }), names: 'target' },
      { policyId: 'bad-extra', object: JSON.stringify({ target: 5, extra: true }), names: 'extra' },
    ];
    await withType(ctx, id, async () => {
      for (const { policyId, object, names } of bad) {
        const put = await ask(ctx, 'oran.a1.v1.CreatePolicyRequest', {
          policy: { policyTypeId: id, policyId, policyObject: object },
        });
        expectProblem(ctx, put, 'POLICY_OBJECT_INVALID', 400, `policy ${object}`);
        shouldName(ctx, put, names, object);
      }
      const notJson = await ask(ctx, 'oran.a1.v1.CreatePolicyRequest', {
        policy: { policyTypeId: id, policyId: 'bad-json', policyObject: '{target: ' },
      });
      ctx.expect(['BAD_REQUEST', 'POLICY_OBJECT_INVALID'].includes(notJson.problem?.name ?? ''), {
        message: 'a policy object that is not JSON was not refused',
        expected: 'A1Failure BAD_REQUEST or POLICY_OBJECT_INVALID (400)',
        observed: problemText(notJson),
        code: notJson.problem ? 'wrong-cause' : 'not-refused',
        ...onA1(notJson.at),
      });
      for (const policyId of [...bad.map((b) => b.policyId), 'bad-json']) {
        const read = await ask(ctx, 'oran.a1.v1.GetPolicyRequest', { policyTypeId: id, policyId });
        expectProblem(ctx, read, 'POLICY_NOT_FOUND', 404, `reading refused policy ${policyId}`);
      }
    });
  },
});

export const a1DeletePolicy = a1Case({
  id: 'A1-POL-003',
  title: 'Deleting a policy puts it out of effect at once, and then it is gone',
  spec: 'O-RAN.WG2.A1AP-v03 5.3.4 (delete single policy); OSC a1mediator has_been_deleted',
  expectation:
    'DeletePolicy p-30013 is answered DeletePolicyResponse; from then on its status (while it is still readable) is NOT_ENFORCED and NOT_IN_EFFECT with has_been_deleted (OSC), and within 5 s it is gone: GetPolicy answers POLICY_NOT_FOUND (404) and ListPolicies no longer lists it. Deleting it again answers POLICY_NOT_FOUND.',
  isolation: 'shared',
  async run(ctx: NetworkContext) {
    const id = 30013;
    const policyId = 'p-30013';
    await withPolicy(
      ctx,
      { policyTypeId: id, policyId, policyObject: JSON.stringify({ target: 10 }) },
      async () => {
        const deleted = await ask(ctx, 'oran.a1.v1.DeletePolicyRequest', { policyTypeId: id, policyId });
        expectAnswer(ctx, deleted, DeletePolicyResponse, `deleting policy ${policyId}`);
        const after = await statusOf(ctx, id, policyId);
        if (after.status) {
          expectStatus(
            ctx,
            after,
            (s) =>
              s.enforceStatus === EnforceStatus.ENFORCE_STATUS_NOT_ENFORCED &&
              s.instanceStatus === InstanceStatus.INSTANCE_STATUS_NOT_IN_EFFECT,
            {
              message: 'a deleted policy still reads as in effect',
              expected: 'NOT_ENFORCED, NOT_IN_EFFECT (has_been_deleted)',
            },
          );
          expectStatus(ctx, after, (s) => s.hasBeenDeleted === true, {
            message: 'a deleted policy does not say it has been deleted',
            expected: 'has_been_deleted true (OSC a1mediator)',
            level: 'should',
          });
        } else {
          expectProblem(ctx, after.asked, 'POLICY_NOT_FOUND', 404, 'the status of a deleted policy');
        }
        const since = Date.now();
        let lastRead = since;
        const gone = await poll(ctx, 5000, async () => {
          const read = await ask(ctx, 'oran.a1.v1.GetPolicyRequest', { policyTypeId: id, policyId });
          lastRead = read.at;
          return read.problem?.name === 'POLICY_NOT_FOUND' ? read : undefined;
        });
        ctx.expect(gone !== undefined, {
          message: 'the deleted policy is still readable after 5 s',
          expected: 'GetPolicy answers POLICY_NOT_FOUND within 5 s',
          observed: 'the policy still answers',
          code: 'policy-not-deleted',
          ...onA1(deleted.at, lastRead),
        });
        ctx.measure('goneAfterMs', Date.now() - since);
        const list = await ask(ctx, 'oran.a1.v1.ListPoliciesRequest', { policyTypeId: id });
        const ids = answerOf(list, ListPoliciesResponse)?.policyIds ?? [];
        ctx.expect(!ids.includes(policyId), {
          message: 'the deleted policy is still listed',
          expected: `${policyId} not listed`,
          observed: `[${ids.join(', ')}]`,
          code: 'policy-not-deleted',
          ...onA1(list.at),
        });
        const again = await ask(ctx, 'oran.a1.v1.DeletePolicyRequest', { policyTypeId: id, policyId });
        expectProblem(ctx, again, 'POLICY_NOT_FOUND', 404, 'deleting the policy a second time');
      },
    );
  },
});
