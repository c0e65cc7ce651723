/**
 * The matrix: every case over every vendor combination its roles allow, pairwise per interface
 * as plugfests report (O-RU x O-DU for fronthaul, O-DU x RIC for E2, SMO x RIC for A1); and the
 * deterministic shard of it that one runner takes (after Playwright's filterForShard).
 */
import type { RoleName } from '../wire/index.js';
import type { CaseDefinition } from './case.js';

export type Combination = Readonly<Partial<Record<RoleName, string>>>;

export interface Job<F = unknown> {
  readonly definition: CaseDefinition<F>;
  readonly combination: Combination;
  /** `<case id>@<combination key>`. */
  readonly key: string;
}

const roleOrder: readonly RoleName[] = ['o-ru', 'o-du', 'near-rt-ric', 'smo'];

/** "o-du=cellwright,near-rt-ric=sagebrush": roles in a fixed order. */
export function combinationKey(combination: Combination): string {
  return roleOrder
    .filter((r) => combination[r] !== undefined)
    .map((r) => `${r}=${combination[r]}`)
    .join(',');
}

/** Every combination of one vendor per role. */
export function combinationsOf(
  roles: readonly RoleName[],
  vendorsByRole: Readonly<Partial<Record<RoleName, readonly string[]>>>,
): Combination[] {
  return roles.reduce<Combination[]>(
    (partial, role) =>
      partial.flatMap((c) => (vendorsByRole[role] ?? []).map((vendor) => ({ ...c, [role]: vendor }))),
    [{}],
  );
}

export function expandMatrix<F>(
  cases: readonly CaseDefinition<F>[],
  vendorsByRole: Readonly<Partial<Record<RoleName, readonly string[]>>>,
): Job<F>[] {
  return cases.flatMap((definition) =>
    combinationsOf(definition.roles, vendorsByRole).map((combination) => ({
      definition,
      combination,
      key: `${definition.id}@${combinationKey(combination)}`,
    })),
  );
}

/** Parses "i/n" (1-based) and checks it. */
export function parseShard(text: string): { index: number; total: number } {
  const match = /^(\d+)\/(\d+)$/.exec(text);
  const index = Number(match?.[1]);
  const total = Number(match?.[2]);
  if (!match || total < 1 || index < 1 || index > total) {
    throw new RangeError(`--shard must be i/n with 1 <= i <= n, got "${text}"`);
  }
  return { index, total };
}

/**
 * The jobs of shard `index` of `total`: jobs ordered by combination then case, cut into `total`
 * contiguous slices whose sizes differ by at most one, so a combination's cases mostly share one
 * topology and every job is in exactly one shard.
 */
export function selectShard<F>(jobs: readonly Job<F>[], index: number, total: number): Job<F>[] {
  const ordered = [...jobs].sort(
    (a, b) =>
      combinationKey(a.combination).localeCompare(combinationKey(b.combination)) ||
      a.definition.id.localeCompare(b.definition.id),
  );
  const base = Math.floor(ordered.length / total);
  const extra = ordered.length % total;
  const start = (index - 1) * base + Math.min(index - 1, extra);
  const size = base + (index <= extra ? 1 : 0);
  return ordered.slice(start, start + size);
}
