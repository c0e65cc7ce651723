/** A reporter that renders the whole run into one file at its end (junit, markdown, html). */
import type { CaseResult, Reporter, RunBegin } from '../conformance/index.js';
import { type RunInfo, runInfoOf } from './format.js';
import { writeFileAtomic } from './write.js';

export function fileReporter(
  outputFile: string,
  render: (results: readonly CaseResult[], info: RunInfo) => string,
): Reporter {
  let begin: RunBegin | undefined;
  return {
    onBegin(event) {
      begin = event;
    },
    onEnd(event, results) {
      const info = runInfoOf(results, { ...(begin ? { begin } : {}), end: event });
      writeFileAtomic(outputFile, render(results, info));
    },
  };
}
