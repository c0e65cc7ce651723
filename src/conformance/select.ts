/**
 * Which cases a run takes, and over which vendors: suites by name, ids or id prefixes, a title
 * pattern (as `vitest -t` / `playwright --grep`), the known-failing list, and the vendors per role
 * of a topology or of the whole catalogue.
 */
import { readFileSync } from 'node:fs';
import type { Topology, VendorCatalog } from '../topology/index.js';
import { PlugfestError, type RoleName } from '../wire/index.js';
import type { CaseDefinition } from './case.js';

export interface CaseSelection {
  /** Suite names; default every suite. */
  readonly suites?: readonly string[];
  /** Case ids or id prefixes (E2-SETUP, E2-SETUP-001); default every case. */
  readonly filters?: readonly string[];
  /** Only cases whose id or title matches. */
  readonly grep?: RegExp;
}

/** The cases selected, in suite order. An unknown suite is a `config-invalid` error naming the known ones. */
export function selectCases<F>(
  suites: Readonly<Record<string, readonly CaseDefinition<F>[]>>,
  selection: CaseSelection,
): CaseDefinition<F>[] {
  const names = selection.suites ?? Object.keys(suites);
  for (const name of names) {
    if (!suites[name])
      throw new PlugfestError(
        'config-invalid',
        `--suite: no suite "${name}"; suites: ${Object.keys(suites).join(', ')}`,
      );
  }
  const filters = selection.filters ?? [];
  return names
    .flatMap((name) => suites[name] ?? [])
    .filter((c) => filters.length === 0 || filters.some((f) => c.id.startsWith(f)))
    .filter((c) => !selection.grep || selection.grep.test(c.id) || selection.grep.test(c.title));
}

/**
 * A known-failing list: a case id or a job key (`<case id>@<combination key>`) a line, `#`
 * comments. An entry that names no case is an error with its file and line, so the list cannot
 * silently rot.
 */
export function readKnownFailing(file: string, knownIds: ReadonlySet<string>): Set<string> {
  const entries = new Set<string>();
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((raw, i) => {
      const entry = raw.replace(/#.*/, '').trim();
      if (!entry) return;
      const id = entry.split('@')[0]!;
      if (!knownIds.has(id)) {
        throw new PlugfestError('config-invalid', `${file}:${i + 1}: no case "${id}" in any suite`);
      }
      entries.add(entry);
    });
  return entries;
}

/** The vendors a topology puts in each role, in topology order (test peers excluded). */
export function vendorsOfTopology(
  topology: Topology,
  exclude: ReadonlySet<string>,
): Partial<Record<RoleName, string[]>> {
  const byRole: Partial<Record<RoleName, string[]>> = {};
  for (const instance of topology.instances.values()) {
    if (exclude.has(instance.vendor)) continue;
    const list = byRole[instance.role] ?? [];
    if (!list.includes(instance.vendor)) byRole[instance.role] = [...list, instance.vendor];
  }
  return byRole;
}

/**
 * Every vendor of the catalogue by role, sorted: the whole plugfest matrix. Negative vendors
 * (vendor.yaml `negative: true`, such as the rogue O-RU) are left out: they exist to be refused.
 */
export function vendorsOfCatalog(catalog: VendorCatalog): Partial<Record<RoleName, string[]>> {
  const byRole: Partial<Record<RoleName, string[]>> = {};
  for (const vendor of [...catalog.values()].sort((a, b) => a.id.localeCompare(b.id))) {
    if (vendor.negative) continue;
    byRole[vendor.role] = [...(byRole[vendor.role] ?? []), vendor.id];
  }
  return byRole;
}
