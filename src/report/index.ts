/**
 * src/report: the reporters. They read the results model only (src/conformance's types), so a
 * live run and `plugfest merge` of shards render the same reports: each reporter is a
 * `Reporter` for a live run and a `render*` function from results to text for merged ones.
 */
import { join } from 'node:path';
import type { Reporter } from '../conformance/index.js';
import { htmlReporter } from './html.js';
import { jsonReporter } from './json.js';
import { junitReporter } from './junit.js';
import { listReporter, type OutputStream } from './list.js';
import { markdownReporter } from './markdown.js';
import { type ReadTrace, traceFileReader } from './trace.js';

export {
  combinationLabel,
  formatDuration,
  needingAttention,
  type RunInfo,
  resultName,
  runInfoOf,
  verdictSymbols,
  verdictsBySeverity,
  worstVerdict,
} from './format.js';
export {
  embedJson,
  type HtmlOptions,
  type HtmlReportData,
  type HtmlReporterOptions,
  htmlReportData,
  htmlReporter,
  renderHtml,
} from './html.js';
export {
  type JsonReporterOptions,
  jsonReporter,
  type ResultsDocument,
  renderJson,
  resultsDocument,
} from './json.js';
export { type JunitOptions, type JunitReporterOptions, junitReporter, renderJunit } from './junit.js';
export {
  formatCaseLine,
  formatProgress,
  type ListReporterOptions,
  listReporter,
  type OutputStream,
  renderList,
} from './list.js';
export {
  type MarkdownOptions,
  type MarkdownReporterOptions,
  markdownReporter,
  renderMarkdown,
} from './markdown.js';
export { harnessColumn, type VendorGrid, vendorGrids } from './matrix.js';
export { formatCell, renderMatrixText } from './matrix-text.js';
export {
  type CaseTrace,
  caseTraces,
  type ReadTrace,
  type TraceLimits,
  type TraceRecordLike,
  traceFileReader,
} from './trace.js';
export { writeFileAtomic } from './write.js';

export const reporterNames = ['list', 'json', 'junit', 'html', 'markdown'] as const;
export type ReporterName = (typeof reporterNames)[number];

/** The files the file reporters write in the output folder. */
export const reportFiles: Readonly<Record<Exclude<ReporterName, 'list'>, string>> = {
  json: 'results.json',
  junit: 'junit.xml',
  html: 'report.html',
  markdown: 'summary.md',
};

export interface CreateReportersOptions {
  /** Folder of results.json, junit.xml, report.html and summary.md. */
  readonly outputDir: string;
  /** The list reporter's stream. Default `process.stdout`. */
  readonly stream?: OutputStream;
  /** How the HTML report reads a result's trace. Default: `traceFileReader()` (its traceFile). */
  readonly readTrace?: ReadTrace;
}

/**
 * The reporters named (`--reporter list,json,html`), in that order. Throws a RangeError naming
 * the known reporters for an unknown name. Wrap the result in `multiplexReporters` so one
 * failing reporter cannot break the run.
 */
export function createReporters(names: readonly string[], options: CreateReportersOptions): Reporter[] {
  return names.map((name) => {
    const file = (n: Exclude<ReporterName, 'list'>) => join(options.outputDir, reportFiles[n]);
    switch (name) {
      case 'list':
        return listReporter(options.stream ? { stream: options.stream } : {});
      case 'json':
        return jsonReporter({ outputFile: file('json') });
      case 'junit':
        return junitReporter({ outputFile: file('junit') });
      case 'markdown':
        return markdownReporter({ outputFile: file('markdown') });
      case 'html':
        return htmlReporter({ outputFile: file('html'), readTrace: options.readTrace ?? traceFileReader() });
      default:
        throw new RangeError(`unknown reporter "${name}": plugfest has ${reporterNames.join(', ')}`);
    }
  });
}
