/**
 * A Markdown summary for a pull-request comment or a GitHub job summary: the counts, a table per
 * interface (cases x vendor combinations), and the results that need attention with their
 * diagnostics, each folded in a <details>. Symbols and words, no emoji: they read the same in
 * every renderer and in plain text.
 */
import {
  type CaseResult,
  exitCodeOf,
  formatSummary,
  type Reporter,
  summarize,
} from '../conformance/index.js';
import { fileReporter } from './file-reporter.js';
import {
  byInterface,
  combinationLabel,
  diagnosticDetails,
  formatDuration,
  interfaceTitle,
  needingAttention,
  type RunInfo,
  runInfoOf,
  verdictSymbols,
  verdictsBySeverity,
} from './format.js';
import { escapeXml } from './write.js';

export interface MarkdownOptions {
  /** The heading. Default "plugfest". */
  readonly title?: string;
  /**
   * Stop adding failure details past this many characters. Default 60 000: a GitHub comment
   * holds 65 536 characters, so a large matrix's summary still posts.
   */
  readonly maxLength?: number;
}

/** Text as text in Markdown or inside an HTML element: no markup, no emphasis, no column breaks. */
const cell = (text: string) =>
  escapeXml(text)
    .replace(/[\\`*_[\]~|]/g, (c) => `\\${c}`)
    .replace(/\s*\n\s*/g, ' ');

/** A fence longer than any backtick run in `text`, so the block cannot be closed early. */
function fenced(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: a terminal bell in a diagnostic is not text
  const printable = text.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '');
  const longest = Math.max(2, ...(printable.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}text\n${printable}\n${fence}`;
}

function countsTable(results: readonly CaseResult[]): string {
  const summary = summarize(results);
  const rows = verdictsBySeverity
    .filter((v) => summary[v] > 0 || v === 'pass' || v === 'fail')
    .map((v) => `| ${verdictSymbols[v]} ${v} | ${summary[v]} |`);
  return ['| verdict | results |', '| --- | ---: |', ...rows, `| total | ${summary.total} |`].join('\n');
}

/** One interface's table: a row per case, a column per vendor combination. */
function interfaceTable(results: readonly CaseResult[]): string {
  const combinations = [...new Set(results.map(combinationLabel))];
  const roleLists = new Set(results.map((r) => Object.keys(r.combination).join(' × ')));
  // When every case of the interface grades the same roles, name the roles once and the
  // vendors in the headers; otherwise each header says which vendor plays which role.
  const sameRoles = roleLists.size === 1;
  const header = (label: string) => {
    const sample = results.find((r) => combinationLabel(r) === label)!;
    return sameRoles ? Object.values(sample.combination).join(' × ') : label.replace(/,/g, ', ');
  };
  const cases = [...new Map(results.map((r) => [r.caseId, r])).values()];
  const rows = cases.map((c) => {
    const cells = combinations.map((label) => {
      const result = results.find((r) => r.caseId === c.caseId && combinationLabel(r) === label);
      return result ? `${verdictSymbols[result.verdict]} ${result.verdict}` : '';
    });
    return `| ${cell(`${c.caseId} ${c.title}`)} | ${cells.join(' | ')} |`;
  });
  return [
    ...(sameRoles && [...roleLists][0]
      ? [
          `Columns: ${cell([...roleLists][0]!)}${roleLists.has('') || [...roleLists][0]!.includes('×') ? '' : ', each against the harness test peer'}.`,
          '',
        ]
      : []),
    `| case | ${combinations.map((l) => cell(header(l) || '(no vendor)')).join(' | ')} |`,
    `| --- |${combinations.map(() => ' --- |').join('')}`,
    ...rows,
  ].join('\n');
}

function attentionBlock(result: CaseResult): string {
  const label = combinationLabel(result);
  const summary = `<code>${verdictSymbols[result.verdict]} ${result.verdict}</code> <b>${cell(result.caseId)}</b> ${cell(result.title)}${label ? ` · ${cell(label.replace(/,/g, ', '))}` : ''}`;
  const diagnostics = result.diagnostics.map((d) =>
    [d.message, ...diagnosticDetails(d).map(([k, v]) => `  ${`${k}:`.padEnd(10)}${v}`)].join('\n'),
  );
  return [
    '<details>',
    `<summary>${summary}</summary>`,
    '',
    `${cell(result.spec)}: ${cell(result.expectation)}`,
    '',
    fenced(diagnostics.join('\n\n') || result.verdict),
    '',
    '</details>',
  ].join('\n');
}

/** The Markdown summary of a set of results: what `plugfest merge` writes for merged shards. */
export function renderMarkdown(
  results: readonly CaseResult[],
  info: RunInfo = {},
  options: MarkdownOptions = {},
): string {
  const run = runInfoOf(results, { info });
  const failing = results.filter((r) => r.verdict === 'fail' || r.verdict === 'error').length;
  const outcome =
    exitCodeOf(results) === 0
      ? '**Result: passed.** Every verdict is acceptable.'
      : `**Result: failed.** ${failing} of ${results.length} results fail the run.`;
  const facts = [
    ...(run.runId ? [`run \`${run.runId}\``] : []),
    ...(run.shard ? [`shard ${run.shard}`] : []),
    `started ${new Date(run.startedAt).toISOString()}`,
    `took ${formatDuration(run.endedAt - run.startedAt)}`,
    ...(run.interrupted ? ['**interrupted**: cases that did not run are missing'] : []),
  ];
  const parts = [
    `## ${cell(options.title ?? 'plugfest')}: ${formatSummary(summarize(results))}`,
    '',
    outcome,
    '',
    facts.join(' · '),
    '',
    countsTable(results),
  ];
  for (const [name, group] of byInterface(results)) {
    parts.push('', `### ${cell(interfaceTitle(name))}`, '', interfaceTable(group));
  }
  const attention = needingAttention(results);
  if (attention.length > 0) {
    parts.push('', `### Needs attention (${attention.length})`, '');
    const limit = options.maxLength ?? 60_000;
    let length = parts.join('\n').length;
    for (const [i, result] of attention.entries()) {
      const block = attentionBlock(result);
      if (length + block.length > limit) {
        parts.push(`_${attention.length - i} more not shown here: see the HTML report or results.json._`, '');
        break;
      }
      parts.push(block, '');
      length += block.length + 1;
    }
  }
  return `${parts.join('\n').trimEnd()}\n`;
}

export interface MarkdownReporterOptions extends MarkdownOptions {
  /** Where the summary goes (e.g. summary.md). */
  readonly outputFile: string;
}

/** Writes `outputFile` at the end of the run. */
export function markdownReporter(options: MarkdownReporterOptions): Reporter {
  return fileReporter(options.outputFile, (results, info) => renderMarkdown(results, info, options));
}
