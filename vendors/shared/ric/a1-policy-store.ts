/**
 * The A1 policy store of a near-RT RIC (after OSC's a1mediator): policy types with a JSON
 * Schema each, policy instances validated against it with ajv, and each instance's status as
 * the RIC's xApps assess it. Refusals are values (A1Result), never throws.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { oran } from '../../../src/sdk/index.js';
import { type PolicyAssessment, type PolicyStatusView, statusOf } from './a1-policy-status.js';
import { type A1Result, a1Path, ok, refuse } from './a1-problems.js';

const { A1Problem, EnforceStatus, EnforceReason, InstanceStatus } = oran.a1.v1;

export type { PolicyAssessment, PolicyStatusView };

export interface PolicyTypeDefinition {
  readonly policyTypeId: number;
  readonly name: string;
  readonly description: string;
  /** JSON Schema, as text. */
  readonly createSchema: string;
}

export interface Policy {
  readonly policyTypeId: number;
  readonly policyId: string;
  /** The policy object, parsed; valid against the type's schema. */
  readonly object: unknown;
  readonly objectText: string;
  readonly notificationDestination: string | undefined;
  readonly status: PolicyStatusView;
}

/** What changed in the store, for xApps and for status notifications. */
export type PolicyChange =
  | { readonly kind: 'created' | 'updated' | 'deleted'; readonly policy: Policy; readonly previous?: Policy }
  | { readonly kind: 'vanished'; readonly policy: Policy };

export interface PolicyStoreOptions {
  /** The xApps' verdict on a policy; called on create and update. */
  readonly assess: (policy: Omit<Policy, 'status'>) => PolicyAssessment;
  /** How long a deleted policy reads NOT IN EFFECT before it vanishes. Default 1000 ms. */
  readonly deletedLingerMs?: number;
  readonly onChange?: (change: PolicyChange) => void;
}

interface StoredType {
  readonly definition: PolicyTypeDefinition;
  readonly validate: ValidateFunction;
}

export class PolicyStore {
  readonly #options: PolicyStoreOptions;
  // addUsedSchema off: two types may carry the same $id without clashing in ajv's registry.
  readonly #ajv = new Ajv({ allErrors: true, strict: false, addUsedSchema: false });
  readonly #types = new Map<number, StoredType>();
  readonly #policies = new Map<string, Policy>();
  readonly #vanishTimers = new Set<NodeJS.Timeout>();

  constructor(options: PolicyStoreOptions) {
    this.#options = options;
  }

  createType(definition: PolicyTypeDefinition): A1Result<'created' | 'unchanged'> {
    const path = a1Path.type(definition.policyTypeId);
    const parsedSchema = parseJsonField(definition.createSchema, 'create_schema', path);
    if (!parsedSchema.ok) return parsedSchema;
    const schema = parsedSchema.value;
    const existing = this.#types.get(definition.policyTypeId);
    if (existing) {
      if (sameType(existing.definition, definition, schema)) return ok('unchanged');
      return refuse(
        A1Problem.A1_PROBLEM_POLICY_TYPE_CONFLICT,
        `policy type ${definition.policyTypeId} exists with a different definition`,
        path,
      );
    }
    if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) {
      return refuse(
        A1Problem.A1_PROBLEM_POLICY_TYPE_SCHEMA_INVALID,
        'create_schema must be a JSON object',
        path,
      );
    }
    let validate: ValidateFunction;
    try {
      validate = this.#ajv.compile(schema);
    } catch (error) {
      return refuse(
        A1Problem.A1_PROBLEM_POLICY_TYPE_SCHEMA_INVALID,
        `create_schema is not a valid JSON Schema: ${(error as Error).message}`,
        path,
      );
    }
    this.#types.set(definition.policyTypeId, { definition, validate });
    return ok('created');
  }

  getType(policyTypeId: number): A1Result<PolicyTypeDefinition> {
    const stored = this.#types.get(policyTypeId);
    return stored ? ok(stored.definition) : this.#noType(policyTypeId);
  }

  typeIds(): number[] {
    return [...this.#types.keys()].sort((a, b) => a - b);
  }

  /** Refused while the type has policies (deleted ones on their way out do not count). */
  deleteType(policyTypeId: number): A1Result<PolicyTypeDefinition> {
    const stored = this.#types.get(policyTypeId);
    if (!stored) return this.#noType(policyTypeId);
    const remaining = this.policies(policyTypeId).filter((p) => !p.status.hasBeenDeleted);
    if (remaining.length > 0) {
      return refuse(
        A1Problem.A1_PROBLEM_POLICY_TYPE_HAS_POLICIES,
        `policy type ${policyTypeId} still has ${remaining.length} policies: ${remaining.map((p) => p.policyId).join(', ')}`,
        a1Path.type(policyTypeId),
      );
    }
    for (const p of this.policies(policyTypeId)) this.#policies.delete(p.policyId);
    this.#types.delete(policyTypeId);
    return ok(stored.definition);
  }

  /** Creates or updates (A1AP's one PUT) a policy, validated against its type's schema. */
  putPolicy(input: {
    policyTypeId: number;
    policyId: string;
    policyObject: string;
    notificationDestination?: string | null;
  }): A1Result<{ result: 'created' | 'updated'; policy: Policy }> {
    const { policyTypeId, policyId } = input;
    const path = a1Path.policy(policyTypeId, policyId);
    if (!policyId) return refuse(A1Problem.A1_PROBLEM_BAD_REQUEST, 'policy_id is empty', path);
    const type = this.#types.get(policyTypeId);
    if (!type) return this.#noType(policyTypeId);
    const previous = this.#policies.get(policyId);
    if (previous && previous.policyTypeId !== policyTypeId) {
      return refuse(
        A1Problem.A1_PROBLEM_POLICY_ID_CONFLICT,
        `policy ${policyId} exists under policy type ${previous.policyTypeId}; its type cannot change`,
        path,
      );
    }
    const parsedObject = parseJsonField(input.policyObject, 'policy object', path);
    if (!parsedObject.ok) return parsedObject;
    const object = parsedObject.value;
    if (!type.validate(object)) {
      return refuse(
        A1Problem.A1_PROBLEM_POLICY_OBJECT_INVALID,
        `policy object does not match the schema of type ${policyTypeId}: ${schemaErrorsText(type.validate.errors)}`,
        path,
      );
    }
    const live = previous && !previous.status.hasBeenDeleted ? previous : undefined;
    const base = {
      policyTypeId,
      policyId,
      object,
      objectText: input.policyObject,
      notificationDestination: input.notificationDestination ?? undefined,
    };
    const policy: Policy = {
      ...base,
      status: statusOf(this.#options.assess(base), live?.status.createdAtUnixMs ?? Date.now()),
    };
    this.#policies.set(policyId, policy);
    const result = live ? 'updated' : 'created';
    this.#options.onChange?.({ kind: result, policy, ...(live ? { previous: live } : {}) });
    return ok({ result, policy });
  }

  getPolicy(policyTypeId: number, policyId: string): A1Result<Policy> {
    if (!this.#types.has(policyTypeId)) return this.#noType(policyTypeId);
    const policy = this.#policies.get(policyId);
    if (!policy || policy.policyTypeId !== policyTypeId) {
      return refuse(
        A1Problem.A1_PROBLEM_POLICY_NOT_FOUND,
        `no policy ${policyId} under policy type ${policyTypeId}`,
        a1Path.policy(policyTypeId, policyId),
      );
    }
    return ok(policy);
  }

  /** Policies of a type, deleted ones included until they vanish, by id. */
  policies(policyTypeId: number): Policy[] {
    return [...this.#policies.values()]
      .filter((p) => p.policyTypeId === policyTypeId)
      .sort((a, b) => a.policyId.localeCompare(b.policyId));
  }

  /** Policies of a type the RIC enforces, oldest first. */
  enforced(policyTypeId: number): Policy[] {
    return this.policies(policyTypeId)
      .filter((p) => p.status.enforceStatus === EnforceStatus.ENFORCE_STATUS_ENFORCED)
      .sort((a, b) => a.status.createdAtUnixMs - b.status.createdAtUnixMs);
  }

  /** The policy reads NOT IN EFFECT with has_been_deleted, then vanishes (OSC a1mediator). */
  deletePolicy(policyTypeId: number, policyId: string): A1Result<Policy> {
    const found = this.getPolicy(policyTypeId, policyId);
    if (!found.ok) return found;
    if (found.value.status.hasBeenDeleted) return found;
    const deleted: Policy = {
      ...found.value,
      status: {
        ...found.value.status,
        enforceStatus: EnforceStatus.ENFORCE_STATUS_NOT_ENFORCED,
        enforceReason: EnforceReason.ENFORCE_REASON_UNSPECIFIED,
        instanceStatus: InstanceStatus.INSTANCE_STATUS_NOT_IN_EFFECT,
        hasBeenDeleted: true,
      },
    };
    this.#policies.set(policyId, deleted);
    this.#options.onChange?.({ kind: 'deleted', policy: deleted, previous: found.value });
    const timer = setTimeout(() => {
      this.#vanishTimers.delete(timer);
      if (this.#policies.get(policyId) !== deleted) return;
      this.#policies.delete(policyId);
      this.#options.onChange?.({ kind: 'vanished', policy: deleted });
    }, this.#options.deletedLingerMs ?? 1000);
    timer.unref();
    this.#vanishTimers.add(timer);
    return ok(deleted);
  }

  /** Stops the timers of deleted policies. */
  dispose(): void {
    for (const timer of this.#vanishTimers) clearTimeout(timer);
    this.#vanishTimers.clear();
  }

  #noType(policyTypeId: number) {
    return refuse(
      A1Problem.A1_PROBLEM_POLICY_TYPE_NOT_FOUND,
      `no policy type ${policyTypeId}; known: ${this.typeIds().join(', ') || 'none'}`,
      a1Path.type(policyTypeId),
    );
  }
}

/** The JSON value of a request field, or the bad-request refusal "<name> is not JSON: <why>". */
function parseJsonField(text: string, name: string, path: string): A1Result<unknown> {
  try {
    return ok(JSON.parse(text) as unknown);
  } catch (error) {
    return refuse(A1Problem.A1_PROBLEM_BAD_REQUEST, `${name} is not JSON: ${(error as Error).message}`, path);
  }
}

/** Same name, description and schema (compared as JSON values, not as text). */
function sameType(a: PolicyTypeDefinition, b: PolicyTypeDefinition, bSchema: unknown): boolean {
  let aSchema: unknown;
  try {
    aSchema = JSON.parse(a.createSchema);
  } catch {
    return false;
  }
  return a.name === b.name && a.description === b.description && canonical(aSchema) === canonical(bSchema);
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * Schema errors as a sentence that names the property at fault: ajv's own text says "must NOT
 * have additional properties" without saying which.
 */
function schemaErrorsText(errors: readonly ErrorObject[] | null | undefined): string {
  return (errors ?? [])
    .map((e) => {
      const at = e.instancePath ? e.instancePath.slice(1).replaceAll('/', '.') : 'policy object';
      const params = e.params as { additionalProperty?: string; missingProperty?: string };
      if (params.additionalProperty) return `${at}: property "${params.additionalProperty}" is not allowed`;
      if (params.missingProperty) return `${at}: property "${params.missingProperty}" is required`;
      return `${at} ${e.message ?? 'is invalid'}`;
    })
    .join('; ');
}
