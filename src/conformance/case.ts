/**
 * A conformance or interoperability case: `defineCase({ id, title, spec, ..., run(ctx) })`.
 * The body drives and observes; its verdict comes from the context's assertions, never from a
 * return value, and a body that throws anything else is contained as `error`.
 */
import type { VendorManifest } from '../topology/index.js';
import type { InterfaceName, RoleName } from '../wire/index.js';

/** What a vendor declares about itself (vendor.yaml), by id. */
export type VendorLookup = (vendorId: string) => VendorManifest | undefined;

import type { DiagnosticCode } from './kit/codes.js';
import type { Diagnostic, TimelineMark, Verdict } from './results.js';

/** A diagnostic a case gives: every one names its code, from the closed set (kit/codes.ts). */
export type CaseDiagnostic = Omit<Diagnostic, 'code'> & { readonly code: DiagnosticCode };

export type Isolation = 'shared' | 'fresh';

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
  /**
   * `shared`: the case leaves its network as it found it, so the jobs of the same topology
   * and combination that say so run one after another on one network (Playwright's
   * worker-scoped fixture); the runner checks the network is healthy before each and restarts
   * it if not. `fresh` (the default, so a forgotten declaration is safe): the job gets a network
   * of its own. Faults, swaps, restarts, resets, policy edits, forged peers and anything else
   * that changes a vendor's state are `fresh`.
   */
  readonly isolation?: Isolation;
  readonly run: (ctx: CaseContext<F>) => Promise<void>;
}

/** What a case body gets: the fixture of its combination (a running topology), and assertions. */
export interface CaseContext<F = unknown> {
  readonly fixture: F;
  readonly combination: Readonly<Partial<Record<RoleName, string>>>;
  /** Aborted when the case times out or the run is interrupted. */
  readonly signal: AbortSignal;
  /** A MUST: when `condition` is false the case fails with this diagnostic, and stops. */
  expect(condition: boolean, diagnostic: CaseDiagnostic): asserts condition;
  /** A SHOULD: when `condition` is false the verdict becomes non-strict; the case goes on. */
  should(condition: boolean, diagnostic: CaseDiagnostic): void;
  /**
   * The harness could not observe enough to grade (too little traffic, a timer that fired late
   * on a loaded machine): ends the case as `error`, never `fail`, since a vendor's fault needs
   * evidence of the vendor's fault. The code defaults to `harness-starved`.
   */
  cannotGrade(diagnostic: Omit<CaseDiagnostic, 'code'> & { readonly code?: DiagnosticCode }): never;
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
