/**
 * junit.xml, for CI test tabs. Verdicts map as gRPC's interop runner maps its outcomes: a MUST
 * violated is a <failure>, a case that could not run is an <error>, and the outcomes that do not
 * fail a run (unsupported, incompatible, known-failing) are <skipped> with a message saying
 * which; non-strict passes, with a <system-out> note. One <testsuite> per interface; a test's
 * name carries its vendor combination, so one case over a matrix stays apart in CI.
 */
import {
  type CaseResult,
  type Diagnostic,
  type Reporter,
  summarize,
  type Verdict,
} from '../conformance/index.js';
import { fileReporter } from './file-reporter.js';
import { byInterface, diagnosticDetails, type RunInfo, resultName, runInfoOf } from './format.js';
import { escapeXml } from './write.js';

export interface JunitOptions {
  /** The <testsuites> name. Default "plugfest". */
  readonly name?: string;
}

const seconds = (ms: number) => (ms / 1000).toFixed(3);
const attribute = (name: string, value: string | number) => `${name}="${escapeXml(String(value))}"`;

interface Counts {
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
  time: number;
}

function countsOf(results: readonly CaseResult[]): Counts {
  const summary = summarize(results);
  return {
    tests: summary.total,
    failures: summary.fail,
    errors: summary.error,
    skipped: summary.unsupported + summary.incompatible + summary['known-failing'],
    time: results.reduce((sum, r) => sum + r.durationMs, 0),
  };
}

const countAttributes = (counts: Counts) =>
  [
    attribute('tests', counts.tests),
    attribute('failures', counts.failures),
    attribute('errors', counts.errors),
    attribute('skipped', counts.skipped),
    attribute('time', seconds(counts.time)),
  ].join(' ');

/** A diagnostic as the text of a <failure>, <error> or <system-out>. */
function diagnosticText(diagnostic: Diagnostic): string {
  return [diagnostic.message, ...diagnosticDetails(diagnostic).map(([k, v]) => `${k}: ${v}`)].join('\n');
}

const firstMessage = (result: CaseResult) => result.diagnostics[0]?.message ?? result.verdict;

/** The element a verdict becomes inside <testcase>, or none for a plain pass. */
function outcomeOf(result: CaseResult): string[] {
  const text = escapeXml(result.diagnostics.map(diagnosticText).join('\n\n'));
  const type = result.diagnostics[0]?.code ?? result.verdict;
  const skipped = (message: string) => [`<skipped ${attribute('message', message)}/>`];
  const outcomes: Record<Verdict, () => string[]> = {
    pass: () => [],
    fail: () => [
      `<failure ${attribute('message', firstMessage(result))} ${attribute('type', type)}>${text}</failure>`,
    ],
    error: () => [
      `<error ${attribute('message', firstMessage(result))} ${attribute('type', type)}>${text}</error>`,
    ],
    unsupported: () => skipped(`unsupported: ${firstMessage(result)}`),
    incompatible: () => skipped(`incompatible: ${firstMessage(result)}`),
    'known-failing': () => skipped(`known-failing (listed, still failing): ${firstMessage(result)}`),
    'non-strict': () => [`<system-out>non-strict (a SHOULD is not met)\n${text}</system-out>`],
  };
  return outcomes[result.verdict]();
}

function testcase(result: CaseResult): string {
  const properties = [
    ['title', result.title],
    ['verdict', result.verdict],
    ['spec', result.spec],
    ...(result.retry > 0 ? [['retry', String(result.retry)]] : []),
    ...(result.traceFile ? [['trace', result.traceFile]] : []),
    ...Object.entries(result.measurements).map(([name, value]) => [`measurement.${name}`, String(value)]),
  ];
  const open = `<testcase ${attribute('name', resultName(result))} ${attribute('classname', result.suite)} ${attribute('time', seconds(result.durationMs))}>`;
  return [
    `    ${open}`,
    '      <properties>',
    ...properties.map(
      ([name, value]) => `        <property ${attribute('name', name!)} ${attribute('value', value!)}/>`,
    ),
    '      </properties>',
    ...outcomeOf(result).map((line) => `      ${line}`),
    '    </testcase>',
  ].join('\n');
}

/** junit.xml's text for a set of results: what `plugfest merge` writes for merged shards. */
export function renderJunit(
  results: readonly CaseResult[],
  info: RunInfo = {},
  options: JunitOptions = {},
): string {
  const run = runInfoOf(results, { info });
  const timestamp = new Date(run.startedAt).toISOString();
  const suites = [...byInterface(results)].map(([name, group]) =>
    [
      `  <testsuite ${attribute('name', name)} ${attribute('timestamp', timestamp)} ${countAttributes(countsOf(group))}>`,
      ...group.map(testcase),
      '  </testsuite>',
    ].join('\n'),
  );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites ${attribute('name', options.name ?? 'plugfest')} ${countAttributes(countsOf(results))}>`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}

export interface JunitReporterOptions extends JunitOptions {
  /** Where junit.xml goes. */
  readonly outputFile: string;
}

/** Writes `outputFile` at the end of the run. */
export function junitReporter(options: JunitReporterOptions): Reporter {
  return fileReporter(options.outputFile, (results, info) => renderJunit(results, info, options));
}
