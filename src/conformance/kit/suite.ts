/**
 * `defineSuite`: what every case of a suite shares (suite, interface, mode, roles, and often
 * its topology, timeout and isolation), given once; the `defineCase` it returns fills them in.
 */
import { type CaseContext, type CaseDefinition, defineCase } from '../case.js';
import type { Network } from '../network/index.js';

/** The context of a case on a network: what every case body gets. */
export type NetworkContext = CaseContext<Network>;

type Shared = 'suite' | 'interface' | 'mode' | 'roles' | 'topology' | 'timeoutMs' | 'isolation' | 'requires';

export type SuiteDefaults<F> = Pick<CaseDefinition<F>, 'suite' | 'interface' | 'mode' | 'roles'> &
  Partial<Pick<CaseDefinition<F>, 'topology' | 'timeoutMs' | 'isolation' | 'requires'>>;

/** A case of the suite: its own fields, and any of the suite's it changes. */
export type SuiteCase<F> = Omit<CaseDefinition<F>, Shared> & Partial<Pick<CaseDefinition<F>, Shared>>;

export interface SuiteCaseFactory<F> {
  (definition: SuiteCase<F>): CaseDefinition<F>;
  readonly defaults: SuiteDefaults<F>;
}

export function defineSuite<F = Network>(defaults: SuiteDefaults<F>): SuiteCaseFactory<F> {
  const factory = (definition: SuiteCase<F>) =>
    defineCase<F>({ ...defaults, ...definition } as CaseDefinition<F>);
  return Object.assign(factory, { defaults });
}
