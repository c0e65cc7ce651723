/**
 * Policy type cases (O-RAN.WG2.A1AP policy type queries; type creation and deletion after OSC's
 * a1mediator, which the A1 model follows): a type is created and read back, the types the RIC
 * declares are listed, and a type with policies cannot be deleted.
 */
import { type NetworkContext, oran } from '../../src/conformance/index.js';
import {
  a1Case,
  answerOf,
  ask,
  expectAnswer,
  expectProblem,
  onA1,
  sameJson,
  shouldName,
  testType,
  withPolicy,
  withType,
} from './support.js';
import { ricInstance } from './topology.js';

const {
  CreatePolicyTypeResponse,
  CreatePolicyTypeResult,
  DeletePolicyResponse,
  DeletePolicyTypeResponse,
  GetPolicyResponse,
  GetPolicyTypeResponse,
  ListPolicyTypesResponse,
} = oran.a1.v1;
const resultName = (result: number) => CreatePolicyTypeResult[result] ?? String(result);

export const a1CreateType = a1Case({
  id: 'A1-TYPE-001',
  title: 'A policy type is created, read back with its schema and listed beside the declared types',
  spec: 'O-RAN.WG2.A1AP-v03 5.2 (policy types); OSC a1mediator PUT /a1-p/policytypes/{id}',
  expectation:
    'CreatePolicyType for a new type (id 30001, a JSON Schema) is answered CREATED; a second identical create is answered UNCHANGED (idempotent PUT); GetPolicyType returns the same name and the same schema (as JSON); ListPolicyTypes lists 30001 and every type the vendor declares in its manifest (a1PolicyTypes); after DeletePolicyType the type is no longer listed and GetPolicyType answers POLICY_TYPE_NOT_FOUND (404).',
  // Its own type, deleted again: the RIC is left as found.
  isolation: 'shared',
  async run(ctx: NetworkContext) {
    const id = 30001;
    await withType(ctx, id, async (created) => {
      const first = answerOf(created, CreatePolicyTypeResponse)?.result ?? 0;
      ctx.expect(first === CreatePolicyTypeResult.CREATE_POLICY_TYPE_RESULT_CREATED, {
        message: 'a new policy type is not reported CREATED',
        expected: 'CREATE_POLICY_TYPE_RESULT_CREATED',
        observed: resultName(first),
        code: 'wrong-answer',
        ...onA1(created.at),
      });
      const again = await ask(ctx, 'oran.a1.v1.CreatePolicyTypeRequest', { policyType: testType(id) });
      const second = expectAnswer(
        ctx,
        again,
        CreatePolicyTypeResponse,
        'repeating an identical policy type',
      ).result;
      ctx.should(second === CreatePolicyTypeResult.CREATE_POLICY_TYPE_RESULT_UNCHANGED, {
        message: 'an identical repeated policy type is not reported UNCHANGED',
        expected: 'CREATE_POLICY_TYPE_RESULT_UNCHANGED',
        observed: resultName(second),
        code: 'wrong-answer',
        ...onA1(again.at),
      });

      const read = await ask(ctx, 'oran.a1.v1.GetPolicyTypeRequest', { policyTypeId: id });
      const type = expectAnswer(ctx, read, GetPolicyTypeResponse, `reading policy type ${id}`).policyType;
      const sent = testType(id);
      const sameSchema = sameJson(type?.createSchema, JSON.parse(sent.createSchema ?? ''));
      ctx.expect(type?.name === sent.name && sameSchema, {
        message: 'the policy type reads back different from what was created',
        expected: `name ${sent.name}, the schema as sent`,
        observed: `name ${type?.name}, schema ${sameSchema ? 'as sent' : (type?.createSchema ?? 'none')}`,
        code: 'policy-readback',
        ...onA1(read.at),
      });

      const manifest = ctx.fixture.instance(ricInstance).manifest;
      const declared = manifest.role === 'near-rt-ric' ? manifest.capabilities.a1PolicyTypes : [];
      const list = await ask(ctx, 'oran.a1.v1.ListPolicyTypesRequest', {});
      const ids = expectAnswer(ctx, list, ListPolicyTypesResponse, 'listing policy types').policyTypeIds;
      const missing = [id, ...declared].filter((t) => !ids.includes(t));
      ctx.expect(missing.length === 0, {
        message: 'ListPolicyTypes leaves out a type the RIC has',
        expected: `${[id, ...declared].join(', ')} listed (30001 created, the rest declared in the manifest)`,
        observed: `listed: ${ids.join(', ') || 'none'}; missing ${missing.join(', ')}`,
        code: 'policy-listing',
        ...onA1(list.at),
      });

      const deleted = await ask(ctx, 'oran.a1.v1.DeletePolicyTypeRequest', { policyTypeId: id });
      expectAnswer(ctx, deleted, DeletePolicyTypeResponse, `deleting policy type ${id}`);
      const gone = await ask(ctx, 'oran.a1.v1.GetPolicyTypeRequest', { policyTypeId: id });
      expectProblem(ctx, gone, 'POLICY_TYPE_NOT_FOUND', 404, 'reading a deleted policy type');
      ctx.measure('declaredTypes', declared.length);
    });
  },
});

export const a1DeleteTypeWithPolicies = a1Case({
  id: 'A1-TYPE-002',
  title: 'Deleting a policy type that still has policies is refused, naming them',
  spec: 'OSC a1mediator DELETE /a1-p/policytypes/{id} (400 while instances exist); O-RAN.WG2.A1AP-v03 5.2',
  expectation:
    'With policy p-30002 of type 30002 in place, DeletePolicyType 30002 is refused with POLICY_TYPE_HAS_POLICIES (400 as OSC answers), its detail naming the policy; the type and the policy are still there; once the policy is deleted, the type can be deleted.',
  // Its own type and policy, deleted again: the RIC is left as found.
  isolation: 'shared',
  async run(ctx: NetworkContext) {
    const id = 30002;
    const policyId = 'p-30002';
    await withPolicy(
      ctx,
      { policyTypeId: id, policyId, policyObject: JSON.stringify({ target: 40 }) },
      async () => {
        const refused = await ask(ctx, 'oran.a1.v1.DeletePolicyTypeRequest', { policyTypeId: id });
        expectProblem(ctx, refused, 'POLICY_TYPE_HAS_POLICIES', 400, 'deleting a policy type with a policy');
        shouldName(ctx, refused, policyId, 'the policy type delete');
        const still = await ask(ctx, 'oran.a1.v1.GetPolicyRequest', { policyTypeId: id, policyId });
        expectAnswer(ctx, still, GetPolicyResponse, 'reading the policy after the refused delete');

        const removed = await ask(ctx, 'oran.a1.v1.DeletePolicyRequest', { policyTypeId: id, policyId });
        expectAnswer(ctx, removed, DeletePolicyResponse, `deleting policy ${policyId}`);
        const dropped = await ask(ctx, 'oran.a1.v1.DeletePolicyTypeRequest', { policyTypeId: id });
        expectAnswer(ctx, dropped, DeletePolicyTypeResponse, 'deleting the type once its policy is deleted');
      },
    );
  },
});
