/**
 * The plugfest matrix: per interface, vendors against vendors. For cases that grade roles
 * [a, b] (O-DU x near-RT RIC on E2), rows are role a's vendors and columns role b's; cases that
 * grade one role (a vendor against the harness's test peer) get a single "harness" column; more
 * roles put the first on the rows and the others, joined, on the columns.
 */
import type { CaseResult } from '../conformance/index.js';
import { byInterface } from './format.js';

export interface VendorGrid {
  readonly interface: string;
  /** The role on the rows ("" when the cases grade no role). */
  readonly rowRole: string;
  /** The roles on the columns, in the cases' order (empty: the harness's test peer). */
  readonly columnRoles: readonly string[];
  /** Vendors of the row role. */
  readonly rows: readonly string[];
  /** Vendors of the column roles, joined with " × "; "harness" when there are none. */
  readonly columns: readonly string[];
  /** `cells[row][column]`: indices into the results the grid was built from. */
  readonly cells: readonly (readonly (readonly number[])[])[];
}

/** The harness's test peer, on the columns of single-role cases. */
export const harnessColumn = 'harness';

/** One grid per interface and role list, in report order; cell indices point into `results`. */
export function vendorGrids(results: readonly CaseResult[]): VendorGrid[] {
  const index = new Map(results.map((r, i) => [r, i]));
  const grids: VendorGrid[] = [];
  for (const [name, group] of byInterface(results)) {
    const byRoles = new Map<string, CaseResult[]>();
    for (const result of group) {
      const roles = Object.keys(result.combination).join(',');
      byRoles.set(roles, [...(byRoles.get(roles) ?? []), result]);
    }
    for (const [roles, members] of byRoles) {
      const [rowRole = '', ...columnRoles] = roles ? roles.split(',') : [];
      const rowOf = (r: CaseResult) => vendorOf(r, rowRole) || '—';
      const columnOf = (r: CaseResult) =>
        columnRoles.length ? columnRoles.map((role) => vendorOf(r, role)).join(' × ') : harnessColumn;
      const rows = [...new Set(members.map(rowOf))].sort();
      const columns = [...new Set(members.map(columnOf))].sort();
      const cells = rows.map(() => columns.map((): number[] => []));
      for (const result of members) {
        cells[rows.indexOf(rowOf(result))]![columns.indexOf(columnOf(result))]!.push(index.get(result)!);
      }
      grids.push({ interface: name, rowRole, columnRoles, rows, columns, cells });
    }
  }
  return grids;
}

const vendorOf = (result: CaseResult, role: string): string =>
  (result.combination as Record<string, string | undefined>)[role] ?? '';
