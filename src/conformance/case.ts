/**
 * A conformance or interoperability case: `defineCase({ id, title, spec, ..., run(ctx) })`.
 * The body drives and observes; its verdict comes from the context's assertions, never from a
 * return value, and a body that throws anything else is contained as `error`.
 */
import type { VendorManifest } from '../topology/index.js';
import type { InterfaceName, RoleName } from '../wire/index.js';

/** What a vendor declares about itself (vendor.yaml), by id. */
export type VendorLookup = (vendorId: string) => VendorManifest | undefined;

import type { Diagnostic, TimelineMark, Verdict } from './results.js';

/** Case ids are `<SUITE>-<AREA>-<NNN>`, stable forever (ARCHITECTURE.md "Naming"). */
export const caseIdPattern = /^[A-Z0-9]+(-[A-Z0-9]+)*-\d{3}$/;

export interface CaseDefinition<F = unknown> {
  readonly id: string;
  readonly title: string;
  readonly suite: string;
  /** The clause the case checks, e.g. "O-RAN.WG3.E2AP 8.3.1". */
  readonly spec: string;
  /** What a conforming implementation does (Autobahn's EXPECTATION). */
  readonly expectation: string;
  readonly interface: InterfaceName | 'e2e';
  /** `conformance`: one vendor against the harness's test peer; `interop`: vendor against vendor. */
  readonly mode: 'conformance' | 'interop';
  /** The roles whose vendors the case grades; the matrix expands over them. */
  readonly roles: readonly RoleName[];
  /**
   * Why the case cannot apply to a combination (its vendors lack the feature), or undefined.
   * Such a combination gets `unsupported` with this reason, without running.
   */
  readonly requires?: (
    combination: Readonly<Partial<Record<RoleName, string>>>,
    vendors: VendorLookup,
  ) => string | undefined;
  /**
   * The topology the case runs on, as YAML, for a combination. Cases with the same combination
   * and the same topology share one running topology, one case after another.
   */
  readonly topology?: (combination: Readonly<Partial<Record<RoleName, string>>>) => string;
  /** Default 30 s; a case over its time is an `error` with a timeout diagnostic. */
  readonly timeoutMs?: number;
  readonly run: (ctx: CaseContext<F>) => Promise<void>;
}

/** What a case body gets: the fixture of its combination (a running topology), and assertions. */
export interface CaseContext<F = unknown> {
  readonly fixture: F;
  readonly combination: Readonly<Partial<Record<RoleName, string>>>;
  /** Aborted when the case times out or the run is interrupted. */
  readonly signal: AbortSignal;
  /** A MUST: when `condition` is false the case fails with this diagnostic, and stops. */
  expect(condition: boolean, diagnostic: Diagnostic): asserts condition;
  /** A SHOULD: when `condition` is false the verdict becomes non-strict; the case goes on. */
  should(condition: boolean, diagnostic: Diagnostic): void;
  /** Both sides conform but share no profile: ends the case as `incompatible`. */
  incompatible(diagnostic: Diagnostic): never;
  /** The vendor declares it lacks the feature: ends the case as `unsupported`. */
  unsupported(diagnostic: Diagnostic): never;
  /** Records a figure (ms, %, count) in the result. */
  measure(name: string, value: number): void;
  /** Marks a moment on the case's timeline (default now): a fault's start and end, its detection, the recovery. */
  mark(kind: TimelineMark['kind'], label: string, t?: number): void;
  /** Resolves after `ms`, or rejects when the case is aborted. */
  sleep(ms: number): Promise<void>;
}

export function defineCase<F = unknown>(definition: CaseDefinition<F>): CaseDefinition<F> {
  if (!caseIdPattern.test(definition.id)) {
    throw new Error(`case id "${definition.id}" must look like E2-SETUP-001 (<SUITE>-<AREA>-<NNN>)`);
  }
  return definition;
}

/** Thrown by the context's assertions to end a case with a verdict. */
export class CaseVerdict extends Error {
  constructor(
    readonly verdict: Exclude<Verdict, 'pass' | 'known-failing'>,
    readonly diagnostic: Diagnostic,
  ) {
    super(`${verdict}: ${diagnostic.message}`);
  }
}
