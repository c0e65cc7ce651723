/**
 * How the RIC's RAN Functions Accepted and Rejected lists (E2 Setup, RIC Service Update) account
 * for the functions the node offered: each listed once, a rejection with a cause.
 */
import type { NetworkContext, oran } from '../../../src/conformance/index.js';
import { causeOf } from '../e2ap.js';
import { ricE2Link } from '../ric-topology.js';

/** The accepted and rejected lists of an E2SetupResponse or a RicServiceUpdateAcknowledge. */
export interface FunctionLists {
  readonly ranFunctionsAccepted: readonly oran.e2.v1.RanFunctionIdItem.$Properties[];
  readonly ranFunctionsRejected: readonly oran.e2.v1.RanFunctionIdCauseItem.$Properties[];
}

/** How the RIC's accepted and rejected lists account for the offered functions. */
function accounting(offered: readonly number[], lists: FunctionLists) {
  const accepted = lists.ranFunctionsAccepted.map((f) => f.ranFunctionId ?? 0);
  const rejected = lists.ranFunctionsRejected.map((f) => f.ranFunctionId ?? 0);
  const count = (ids: number[]) =>
    ids.reduce((m, id) => m.set(id, (m.get(id) ?? 0) + 1), new Map<number, number>());
  const listed = count([...accepted, ...rejected]);
  return {
    accepted,
    rejected,
    missing: offered.filter((id) => !listed.has(id)),
    twice: [...listed].filter(([, n]) => n > 1).map(([id]) => id),
    notOffered: [...listed.keys()].filter((id) => !offered.includes(id)),
    causeless: lists.ranFunctionsRejected.filter((f) => !causeOf(f.cause)).map((f) => f.ranFunctionId ?? 0),
  };
}

/** "[1, 2, 3]", or its first items and a count for long lists. */
export function idList(ids: readonly number[]): string {
  const shown = ids.slice(0, 12).join(', ');
  return ids.length > 12 ? `[${shown}, ... ${ids.length} in all]` : `[${shown}]`;
}

/** Rejected RAN functions as a diagnostic lists them: "id (cause)". */
export const rejectedText = (lists: FunctionLists): string =>
  lists.ranFunctionsRejected.map((f) => `${f.ranFunctionId} (${causeOf(f.cause) ?? 'no cause'})`).join(', ');

/** Fails unless every offered function is listed once, as accepted or as rejected with a cause. */
export function expectEveryFunctionAnswered(
  ctx: NetworkContext,
  what: string,
  offered: readonly number[],
  lists: FunctionLists,
  at: number[],
) {
  const a = accounting(offered, lists);
  const here = { link: ricE2Link, code: 'ran-function-unaccounted', trace: { at } } as const;
  ctx.expect(a.missing.length === 0, {
    ...here,
    message: `${what}: RAN functions offered but neither accepted nor rejected`,
    expected: `every one of ${idList(offered)} accepted or rejected`,
    observed: `missing ${idList(a.missing)}`,
  });
  ctx.expect(a.twice.length === 0 && a.notOffered.length === 0, {
    ...here,
    message: `${what}: the accepted and rejected lists do not match the offer`,
    expected: 'each offered RAN Function ID listed exactly once',
    observed: `listed twice ${idList(a.twice)}, listed but not offered ${idList(a.notOffered)}`,
  });
  ctx.expect(a.causeless.length === 0, {
    ...here,
    message: `${what}: RAN functions rejected without a cause`,
    expected: 'a Cause for every rejected RAN function (E2AP RAN Functions Rejected)',
    observed: `no cause for ${idList(a.causeless)}`,
  });
  return a;
}
