/**
 * Policy type cases (O-RAN.WG2.A1AP policy type queries; type creation and deletion after OSC's
 * a1mediator, which the A1 model follows): a type is created and read back, the types the RIC
 * declares are listed, and a type with policies cannot be deleted.
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
  problemText,
  testType,
} from './support.js';
import { a1Link, ricInstance } from './topology.js';

const { CreatePolicyTypeResult } = oran.a1.v1;

export const a1CreateType = defineCase<Network>({
  ...common,
  id: 'A1-TYPE-001',
  title: 'A policy type is created, read back with its schema and listed beside the declared types',
  spec: 'O-RAN.WG2.A1AP-v03 5.2 (policy types); OSC a1mediator PUT /a1-p/policytypes/{id}',
  expectation:
    'CreatePolicyType for a new type (id 30001, a JSON Schema) is answered CREATED; a second identical create is answered UNCHANGED (idempotent PUT); GetPolicyType returns the same name and the same schema (as JSON); ListPolicyTypes lists 30001 and every type the vendor declares in its manifest (a1PolicyTypes); after DeletePolicyType the type is no longer listed and GetPolicyType answers POLICY_TYPE_NOT_FOUND (404).',
  async run(ctx: Ctx) {
    const id = 30001;
    try {
      const created = await createType(ctx, id);
      const first = created.answer.message as oran.a1.v1.CreatePolicyTypeResponse;
      ctx.expect(first.result === CreatePolicyTypeResult.CREATE_POLICY_TYPE_RESULT_CREATED, {
        message: 'a new policy type is not reported CREATED',
        expected: 'CREATE_POLICY_TYPE_RESULT_CREATED',
        observed: CreatePolicyTypeResult[first.result] ?? String(first.result),
        link: a1Link,
        trace: { at: [created.at] },
      });
      const again = await ask(ctx, 'oran.a1.v1.CreatePolicyTypeRequest', { policyType: testType(id) });
      expectAnswer(ctx, again, 'oran.a1.v1.CreatePolicyTypeResponse', 'repeating an identical policy type');
      const second = again.answer.message as oran.a1.v1.CreatePolicyTypeResponse;
      ctx.should(second.result === CreatePolicyTypeResult.CREATE_POLICY_TYPE_RESULT_UNCHANGED, {
        message: 'an identical repeated policy type is not reported UNCHANGED',
        expected: 'CREATE_POLICY_TYPE_RESULT_UNCHANGED',
        observed: CreatePolicyTypeResult[second.result] ?? String(second.result),
        link: a1Link,
        trace: { at: [again.at] },
      });

      const read = await ask(ctx, 'oran.a1.v1.GetPolicyTypeRequest', { policyTypeId: id });
      expectAnswer(ctx, read, 'oran.a1.v1.GetPolicyTypeResponse', `reading policy type ${id}`);
      const type = (read.answer.message as oran.a1.v1.GetPolicyTypeResponse).policyType;
      const sent = testType(id);
      const sameSchema = sameJson(type?.createSchema, sent.createSchema ?? '');
      ctx.expect(type?.name === sent.name && sameSchema, {
        message: 'the policy type reads back different from what was created',
        expected: `name ${sent.name}, the schema as sent`,
        observed: `name ${type?.name}, schema ${sameSchema ? 'as sent' : (type?.createSchema ?? 'none')}`,
        link: a1Link,
        trace: { at: [read.at] },
      });

      const manifest = ctx.fixture.running.manifestOf(ricInstance);
      const declared = manifest.role === 'near-rt-ric' ? manifest.capabilities.a1PolicyTypes : [];
      const list = await ask(ctx, 'oran.a1.v1.ListPolicyTypesRequest', {});
      expectAnswer(ctx, list, 'oran.a1.v1.ListPolicyTypesResponse', 'listing policy types');
      const ids = (list.answer.message as oran.a1.v1.ListPolicyTypesResponse).policyTypeIds;
      const missing = [id, ...declared].filter((t) => !ids.includes(t));
      ctx.expect(missing.length === 0, {
        message: 'ListPolicyTypes leaves out a type the RIC has',
        expected: `${[id, ...declared].join(', ')} listed (30001 created, the rest declared in the manifest)`,
        observed: `listed: ${ids.join(', ') || 'none'}; missing ${missing.join(', ')}`,
        link: a1Link,
        trace: { at: [list.at] },
      });

      const deleted = await ask(ctx, 'oran.a1.v1.DeletePolicyTypeRequest', { policyTypeId: id });
      expectAnswer(ctx, deleted, 'oran.a1.v1.DeletePolicyTypeResponse', `deleting policy type ${id}`);
      const gone = await ask(ctx, 'oran.a1.v1.GetPolicyTypeRequest', { policyTypeId: id });
      expectProblem(ctx, gone, 'POLICY_TYPE_NOT_FOUND', 404, 'reading a deleted policy type');
      ctx.measure('declaredTypes', declared.length);
    } finally {
      await dropType(ctx, id);
    }
  },
});

export const a1DeleteTypeWithPolicies = defineCase<Network>({
  ...common,
  id: 'A1-TYPE-002',
  title: 'Deleting a policy type that still has policies is refused, naming them',
  spec: 'OSC a1mediator DELETE /a1-p/policytypes/{id} (400 while instances exist); O-RAN.WG2.A1AP-v03 5.2',
  expectation:
    'With policy p-30002 of type 30002 in place, DeletePolicyType 30002 is refused with POLICY_TYPE_HAS_POLICIES (400 as OSC answers), its detail naming the policy; the type and the policy are still there; once the policy is deleted, the type can be deleted.',
  async run(ctx: Ctx) {
    const id = 30002;
    const policyId = 'p-30002';
    try {
      await createType(ctx, id);
      const put = await ask(ctx, 'oran.a1.v1.CreatePolicyRequest', {
        policy: { policyTypeId: id, policyId, policyObject: JSON.stringify({ target: 40 }) },
      });
      expectAnswer(ctx, put, 'oran.a1.v1.CreatePolicyResponse', `creating policy ${policyId}`);
      const refused = await ask(ctx, 'oran.a1.v1.DeletePolicyTypeRequest', { policyTypeId: id });
      const problem = expectProblem(
        ctx,
        refused,
        'POLICY_TYPE_HAS_POLICIES',
        400,
        'deleting a policy type with a policy',
      );
      ctx.should(problem.detail.includes(policyId), {
        message: 'the refusal does not name the policy in the way',
        expected: `detail naming ${policyId}`,
        observed: problem.detail,
        link: a1Link,
        trace: { at: [refused.at] },
      });
      const still = await ask(ctx, 'oran.a1.v1.GetPolicyRequest', { policyTypeId: id, policyId });
      expectAnswer(ctx, still, 'oran.a1.v1.GetPolicyResponse', 'reading the policy after the refused delete');

      const removed = await ask(ctx, 'oran.a1.v1.DeletePolicyRequest', { policyTypeId: id, policyId });
      expectAnswer(ctx, removed, 'oran.a1.v1.DeletePolicyResponse', `deleting policy ${policyId}`);
      const dropped = await ask(ctx, 'oran.a1.v1.DeletePolicyTypeRequest', { policyTypeId: id });
      ctx.expect(dropped.answer.type === 'oran.a1.v1.DeletePolicyTypeResponse', {
        message: 'the policy type cannot be deleted once its policy is deleted',
        expected: 'DeletePolicyTypeResponse',
        observed: problemText(dropped),
        link: a1Link,
        ...(dropped.problem ? { code: dropped.problem.name } : {}),
        trace: { at: [dropped.at] },
      });
    } finally {
      await dropType(ctx, id);
    }
  },
});

function sameJson(a: string | null | undefined, b: string): boolean {
  try {
    return JSON.stringify(JSON.parse(a ?? '')) === JSON.stringify(JSON.parse(b));
  } catch {
    return false;
  }
}
