/**
 * The plugfest matrix as text, for the terminal at the end of `plugfest matrix` and for a CI log:
 * one grid per interface, vendors of one role on the rows and of the other on the columns, each
 * cell the counts of its verdicts ("3✓ 1≠"), worst first.
 */
import type { CaseResult, Verdict } from '../conformance/index.js';
import { interfaceTitle, verdictSymbols, verdictsBySeverity } from './format.js';
import { vendorGrids } from './matrix.js';

/** "2✗ 3✓": the count of each verdict in a cell, worst first; "·" for an empty cell. */
export function formatCell(verdicts: readonly Verdict[]): string {
  if (verdicts.length === 0) return '·';
  return verdictsBySeverity
    .map((v) => [v, verdicts.filter((x) => x === v).length] as const)
    .filter(([, n]) => n > 0)
    .map(([v, n]) => `${n}${verdictSymbols[v]}`)
    .join(' ');
}

/** Every grid of the results, as aligned text, with the legend of the symbols. */
export function renderMatrixText(results: readonly CaseResult[]): string {
  const blocks = vendorGrids(results).map((grid) => {
    const roles = [grid.rowRole, ...grid.columnRoles].filter(Boolean);
    const title = `${interfaceTitle(grid.interface)}: ${roles.length > 1 ? roles.join(' × ') : `${roles[0] ?? 'cases'} × harness test peer`}`;
    const table = [
      ['', ...grid.columns],
      ...grid.rows.map((row, r) => [
        row,
        ...grid.columns.map((_, c) => formatCell(grid.cells[r]![c]!.map((i) => results[i]!.verdict))),
      ]),
    ];
    const widths = table[0]!.map((_, c) => Math.max(...table.map((line) => [...line[c]!].length)));
    const lines = table.map(
      (line) =>
        `  ${line
          .map((cell, c) => cell + ' '.repeat(widths[c]! - [...cell].length))
          .join('  ')
          .trimEnd()}`,
    );
    return [title, ...lines].join('\n');
  });
  const legend = verdictsBySeverity.map((v) => `${verdictSymbols[v]} ${v}`).join('  ');
  return `${blocks.join('\n\n')}\n\n  ${legend}\n`;
}
