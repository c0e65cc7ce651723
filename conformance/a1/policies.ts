/**
 * Policy instance cases (O-RAN.WG2.A1AP 5.3, policies): create then update with one PUT, a
 * policy object that fails its type's schema is refused and not stored, and delete takes a
 * policy out of effect and then away.
 */
import { defineCase, type Network, oran } from '../../src/conformance/index.js';
import {
  ask,
  type Ctx,
  common,
  createType,
  dropType,
  expectAnswer,
  expectProblem,
  poll,
  problemText,
  statusOf,
  statusText,
} from './support.js';
import { a1Link } from './topology.js';

const { CreatePolicyResult, EnforceStatus, InstanceStatus } = oran.a1.v1;

export const a1CreateUpdatePolicy = defineCase<Network>({
  ...common,
  id: 'A1-POL-001',
  title: 'A policy is created, then updated by the same PUT, and reads back as last written',
  spec: 'O-RAN.WG2.A1AP-v03 5.3.3 (create / update single policy), 5.3.2 (query)',
  expectation:
    'Under a type the harness creates (30011), CreatePolicy p-30011 {target 40} is answered CREATED; GetPolicy returns that object; CreatePolicy again with the same id and {target 60, label "updated"} is answered UPDATED; GetPolicy then returns the new object (as JSON) and ListPolicies lists p-30011 once.',
  async run(ctx: Ctx) {
    const id = 30011;
    const policyId = 'p-30011';
    try {
      await createType(ctx, id);
      const versions = [{ target: 40 }, { target: 60, label: 'updated' }];
      const results = [
        CreatePolicyResult.CREATE_POLICY_RESULT_CREATED,
        CreatePolicyResult.CREATE_POLICY_RESULT_UPDATED,
      ];
      for (const [i, object] of versions.entries()) {
        const what = i === 0 ? 'create' : 'update';
        const put = await ask(ctx, 'oran.a1.v1.CreatePolicyRequest', {
          policy: { policyTypeId: id, policyId, policyObject: JSON.stringify(object) },
        });
        expectAnswer(ctx, put, 'oran.a1.v1.CreatePolicyResponse', `policy ${what}`);
        const result = (put.answer.message as oran.a1.v1.CreatePolicyResponse).result;
        ctx.expect(result === results[i], {
          message: `a policy ${what} is reported as ${CreatePolicyResult[result] ?? result}`,
          expected: CreatePolicyResult[results[i]!],
          observed: CreatePolicyResult[result] ?? String(result),
          link: a1Link,
          trace: { at: [put.at] },
        });
        const read = await ask(ctx, 'oran.a1.v1.GetPolicyRequest', { policyTypeId: id, policyId });
        expectAnswer(ctx, read, 'oran.a1.v1.GetPolicyResponse', `reading the policy after the ${what}`);
        const stored = (read.answer.message as oran.a1.v1.GetPolicyResponse).policy?.policyObject ?? '';
        ctx.expect(sameJson(stored, object), {
          message: `the policy does not read back as written by the ${what}`,
          expected: JSON.stringify(object),
          observed: stored || 'no policy object',
          link: a1Link,
          trace: { at: [read.at] },
        });
      }
      const list = await ask(ctx, 'oran.a1.v1.ListPoliciesRequest', { policyTypeId: id });
      expectAnswer(ctx, list, 'oran.a1.v1.ListPoliciesResponse', 'listing the policies');
      const ids = (list.answer.message as oran.a1.v1.ListPoliciesResponse).policyIds;
      ctx.expect(ids.filter((p) => p === policyId).length === 1, {
        message: 'the updated policy is not listed exactly once',
        expected: `[${policyId}]`,
        observed: `[${ids.join(', ')}]`,
        link: a1Link,
        trace: { at: [list.at] },
      });
    } finally {
      await dropType(ctx, id);
    }
  },
});

export const a1SchemaInvalidPolicy = defineCase<Network>({
  ...common,
  id: 'A1-POL-002',
  title: "A policy object that fails its type's schema is refused with the schema problem, and not stored",
  spec: 'O-RAN.WG2.A1AP-v03 5.3.3 (400 Bad Request, ProblemDetails); A1TD policy type schema',
  expectation:
    'Under type 30012 (target: integer 0..100, required; no other properties), CreatePolicy with {target 140}, with {label "x"} (target missing) and with {target 5, extra true} are each refused with POLICY_OBJECT_INVALID (400), the detail naming the offending property (target, target, extra); a policy object that is not JSON is refused with BAD_REQUEST or POLICY_OBJECT_INVALID; none of them is stored (GetPolicy answers POLICY_NOT_FOUND).',
  async run(ctx: Ctx) {
    const id = 30012;
    const bad = [
      { policyId: 'bad-range', object: JSON.stringify({ target: 140 }), names: 'target' },
      { policyId: 'bad-missing', object: JSON.stringify({ label: 'x' }), names: 'target' },
      { policyId: 'bad-extra', object: JSON.stringify({ target: 5, extra: true }), names: 'extra' },
    ];
    try {
      await createType(ctx, id);
      for (const { policyId, object, names } of bad) {
        const put = await ask(ctx, 'oran.a1.v1.CreatePolicyRequest', {
          policy: { policyTypeId: id, policyId, policyObject: object },
        });
        const problem = expectProblem(ctx, put, 'POLICY_OBJECT_INVALID', 400, `policy ${object}`);
        ctx.should(problem.detail.includes(names), {
          message: `the refusal of ${object} does not name the property at fault`,
          expected: `detail naming "${names}"`,
          observed: problem.detail,
          link: a1Link,
          trace: { at: [put.at] },
        });
      }
      const notJson = await ask(ctx, 'oran.a1.v1.CreatePolicyRequest', {
        policy: { policyTypeId: id, policyId: 'bad-json', policyObject: '{target: ' },
      });
      ctx.expect(['BAD_REQUEST', 'POLICY_OBJECT_INVALID'].includes(notJson.problem?.name ?? ''), {
        message: 'a policy object that is not JSON was not refused',
        expected: 'A1Failure BAD_REQUEST or POLICY_OBJECT_INVALID (400)',
        observed: problemText(notJson),
        link: a1Link,
        code: notJson.problem?.name ?? 'accepted',
        trace: { at: [notJson.at] },
      });
      for (const policyId of [...bad.map((b) => b.policyId), 'bad-json']) {
        const read = await ask(ctx, 'oran.a1.v1.GetPolicyRequest', { policyTypeId: id, policyId });
        expectProblem(ctx, read, 'POLICY_NOT_FOUND', 404, `reading refused policy ${policyId}`);
      }
    } finally {
      await dropType(ctx, id);
    }
  },
});

export const a1DeletePolicy = defineCase<Network>({
  ...common,
  id: 'A1-POL-003',
  title: 'Deleting a policy puts it out of effect at once, and then it is gone',
  spec: 'O-RAN.WG2.A1AP-v03 5.3.4 (delete single policy); OSC a1mediator has_been_deleted',
  expectation:
    'DeletePolicy p-30013 is answered DeletePolicyResponse; from then on its status (while it is still readable) is NOT_ENFORCED and NOT_IN_EFFECT with has_been_deleted (OSC), and within 5 s it is gone: GetPolicy answers POLICY_NOT_FOUND (404) and ListPolicies no longer lists it. Deleting it again answers POLICY_NOT_FOUND.',
  async run(ctx: Ctx) {
    const id = 30013;
    const policyId = 'p-30013';
    try {
      await createType(ctx, id);
      const put = await ask(ctx, 'oran.a1.v1.CreatePolicyRequest', {
        policy: { policyTypeId: id, policyId, policyObject: JSON.stringify({ target: 10 }) },
      });
      expectAnswer(ctx, put, 'oran.a1.v1.CreatePolicyResponse', `creating policy ${policyId}`);
      const deleted = await ask(ctx, 'oran.a1.v1.DeletePolicyRequest', { policyTypeId: id, policyId });
      expectAnswer(ctx, deleted, 'oran.a1.v1.DeletePolicyResponse', `deleting policy ${policyId}`);
      const after = await statusOf(ctx, id, policyId);
      if (after.status) {
        const out =
          after.status.enforceStatus === EnforceStatus.ENFORCE_STATUS_NOT_ENFORCED &&
          after.status.instanceStatus === InstanceStatus.INSTANCE_STATUS_NOT_IN_EFFECT;
        ctx.expect(out, {
          message: 'a deleted policy still reads as in effect',
          expected: 'NOT_ENFORCED, NOT_IN_EFFECT (has_been_deleted)',
          observed: statusText(after.status),
          link: a1Link,
          trace: { at: [after.asked.at] },
        });
        ctx.should(after.status.hasBeenDeleted === true, {
          message: 'a deleted policy does not say it has been deleted',
          expected: 'has_been_deleted true (OSC a1mediator)',
          observed: statusText(after.status),
          link: a1Link,
          trace: { at: [after.asked.at] },
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
        link: a1Link,
        trace: { at: [deleted.at, lastRead] },
      });
      ctx.measure('goneAfterMs', Date.now() - since);
      const list = await ask(ctx, 'oran.a1.v1.ListPoliciesRequest', { policyTypeId: id });
      const ids = list.problem ? [] : (list.answer.message as oran.a1.v1.ListPoliciesResponse).policyIds;
      ctx.expect(!ids.includes(policyId), {
        message: 'the deleted policy is still listed',
        expected: `${policyId} not listed`,
        observed: `[${ids.join(', ')}]`,
        link: a1Link,
        trace: { at: [list.at] },
      });
      const again = await ask(ctx, 'oran.a1.v1.DeletePolicyRequest', { policyTypeId: id, policyId });
      expectProblem(ctx, again, 'POLICY_NOT_FOUND', 404, 'deleting the policy a second time');
    } finally {
      await dropType(ctx, id);
    }
  },
});

function sameJson(text: string, value: unknown): boolean {
  try {
    return JSON.stringify(JSON.parse(text)) === JSON.stringify(value);
  } catch {
    return false;
  }
}
