/**
 * Cases whose bodies start from what a step set up before them (Playwright's fixtures: declare
 * what you need, get it set up): a set-up E2 node, an accepted E2 Setup.
 */
import type { Network, NetworkContext, SuiteCase, SuiteCaseFactory } from '../../src/conformance/index.js';

/** What a case gives besides its body. */
export type CaseFields = Omit<SuiteCase<Network>, 'run'>;

/** A factory of `suite`'s cases whose body gets what `prepare` returns, once it has run. */
export const withFixture =
  <T>(suite: SuiteCaseFactory<Network>, prepare: (ctx: NetworkContext) => Promise<T>) =>
  (definition: CaseFields & { run(ctx: NetworkContext, fixture: T): Promise<void> }) =>
    suite({ ...definition, run: async (ctx) => definition.run(ctx, await prepare(ctx)) });
