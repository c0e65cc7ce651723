/**
 * The HTML report: one self-contained file (inline style and script, nothing fetched) with a
 * vendor x vendor matrix per interface whose cells take the colour of their worst verdict,
 * filters by suite, verdict and vendor, and per result its diagnostics and the message sequence
 * (ladder) of its trace, each arrow opening its decoded fields (after Autobahn's matrix with a
 * wire log per cell, and Playwright's HTML report).
 */
import {
  type CaseResult,
  exitCodeOf,
  type Reporter,
  resultsVersion,
  type Summary,
  summarize,
  type Verdict,
} from '../conformance/index.js';
import { fileReporter } from './file-reporter.js';
import {
  byInterface,
  interfaceTitle,
  type RunInfo,
  runInfoOf,
  sortResults,
  verdictSymbols,
  verdictsBySeverity,
} from './format.js';
import { reportScript } from './html-client.js';
import { reportStyle } from './html-style.js';
import { type VendorGrid, vendorGrids } from './matrix.js';
import { type CaseTrace, caseTraces, type ReadTrace, type TraceLimits } from './trace.js';
import { escapeXml } from './write.js';

export interface HtmlOptions extends TraceLimits {
  /** The page's title. Default "plugfest report". */
  readonly title?: string;
  /** Reads a result's trace records (e.g. `traceFileReader()`); without it the report has no ladders. */
  readonly readTrace?: ReadTrace;
}

/** What the page's script reads from its data block. */
export interface HtmlReportData {
  readonly title: string;
  readonly run: RunInfo & { startedAt: number; endedAt: number; interrupted: boolean };
  readonly summary: Summary;
  readonly exitCode: 0 | 1;
  /** Worst first. */
  readonly verdicts: readonly Verdict[];
  readonly symbols: Readonly<Record<Verdict, string>>;
  readonly interfaces: Readonly<Record<string, string>>;
  readonly results: readonly (CaseResult & { readonly trace?: CaseTrace })[];
  readonly grids: readonly VendorGrid[];
}

/** The data block of the page: results sorted by key, each with its part of its trace. */
export function htmlReportData(
  results: readonly CaseResult[],
  info: RunInfo = {},
  options: HtmlOptions = {},
): HtmlReportData {
  const sorted = sortResults(results);
  const traces = options.readTrace
    ? caseTraces(sorted, options.readTrace, options)
    : new Map<string, CaseTrace>();
  return {
    title: options.title ?? 'plugfest report',
    run: runInfoOf(sorted, { info }),
    summary: summarize(sorted),
    exitCode: exitCodeOf(sorted),
    verdicts: verdictsBySeverity,
    symbols: verdictSymbols,
    interfaces: Object.fromEntries(
      [...byInterface(sorted).keys()].map((name) => [name, interfaceTitle(name)]),
    ),
    results: sorted.map((r) => {
      const trace = traces.get(r.key);
      return trace ? { ...r, trace } : r;
    }),
    grids: vendorGrids(sorted),
  };
}

/**
 * JSON for a <script type="application/json"> block: every "<" escaped as \u003c, so no value
 * can close the block ("</script") or open a comment ("<!--"); JSON.parse reads it back as is.
 */
export function embedJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

/** The report page for a set of results: what `plugfest merge` writes for merged shards. */
export function renderHtml(
  results: readonly CaseResult[],
  info: RunInfo = {},
  options: HtmlOptions = {},
): string {
  const data = htmlReportData(results, info, options);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>${escapeXml(data.title)}</title>
<style>${reportStyle}</style>
</head>
<body>
<header class="top" id="top"><div class="inner"><h1>${escapeXml(data.title)}</h1></div></header>
<nav class="filters" id="filters"></nav>
<main>
<div id="matrices"></div>
<section><h2>Results</h2>
<div class="explorer"><div class="panel" id="list"></div><div class="panel" id="detail"></div></div>
</section>
<footer>plugfest results version ${resultsVersion} · generated ${escapeXml(new Date().toISOString())} · this page fetches nothing</footer>
</main>
<noscript>This report needs JavaScript to draw its matrix; results.json holds the same results.</noscript>
<script type="application/json" id="plugfest-data">${embedJson(data)}</script>
<script>${reportScript.replace(/<\/script/gi, '<\\/script')}</script>
</body>
</html>
`;
}

export interface HtmlReporterOptions extends HtmlOptions {
  /** Where the page goes (e.g. report.html). */
  readonly outputFile: string;
}

/** Writes `outputFile` at the end of the run. */
export function htmlReporter(options: HtmlReporterOptions): Reporter {
  return fileReporter(options.outputFile, (results, info) => renderHtml(results, info, options));
}
