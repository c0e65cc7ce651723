/**
 * results.json: the whole run as one JSON document, for tools that want one file rather than
 * the JSON-lines stream. It is rewritten (atomically) after every case, so a crash or Ctrl-C
 * leaves a valid document with every case already run; `endedAt: null` then says the run never
 * ended.
 */
import {
  type CaseResult,
  type Reporter,
  type RunBegin,
  type RunEnd,
  resultsVersion,
  type Summary,
  summarize,
} from '../conformance/index.js';
import { type RunInfo, runInfoOf, sortResults } from './format.js';
import { writeFileAtomic } from './write.js';

export interface ResultsDocument {
  readonly version: typeof resultsVersion;
  readonly runId: string | null;
  readonly startedAt: number;
  /** Null while the run is going (or when it crashed before its end). */
  readonly endedAt: number | null;
  readonly interrupted: boolean;
  readonly shard?: string;
  readonly summary: Summary;
  /** Sorted by key (case id, then combination). */
  readonly results: readonly CaseResult[];
}

/** The document for a set of results; `ended: false` writes `endedAt: null`. */
export function resultsDocument(
  results: readonly CaseResult[],
  info: RunInfo = {},
  ended = true,
): ResultsDocument {
  const run = runInfoOf(results, { info });
  return {
    version: resultsVersion,
    runId: run.runId ?? null,
    startedAt: run.startedAt,
    endedAt: ended ? run.endedAt : null,
    interrupted: run.interrupted,
    ...(run.shard !== undefined ? { shard: run.shard } : {}),
    summary: summarize(results),
    results: sortResults(results),
  };
}

/** results.json's text for finished results: what `plugfest merge` writes for merged shards. */
export function renderJson(results: readonly CaseResult[], info: RunInfo = {}): string {
  return renderDocument(resultsDocument(results, info));
}

const renderDocument = (document: ResultsDocument) => `${JSON.stringify(document, null, 2)}\n`;

export interface JsonReporterOptions {
  /** Where results.json goes. */
  readonly outputFile: string;
}

/**
 * Writes `outputFile` after every case and at the end. Each write is the whole document (a
 * matrix is hundreds of cases, not millions): simple, and always valid JSON.
 */
export function jsonReporter(options: JsonReporterOptions): Reporter {
  let results: readonly CaseResult[] = [];
  let begin: RunBegin | undefined;
  const write = (end?: RunEnd) => {
    const info = runInfoOf(results, { ...(begin ? { begin } : {}), ...(end ? { end } : {}) });
    writeFileAtomic(options.outputFile, renderDocument(resultsDocument(results, info, end !== undefined)));
  };
  return {
    onBegin(event) {
      begin = event;
      write();
    },
    onCaseEnd(result) {
      results = [...results, result];
      write();
    },
    onEnd(event, all) {
      results = all;
      write(event);
    },
  };
}
