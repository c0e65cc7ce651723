/**
 * The results stream on disk: JSON lines, one event a line, each appended and flushed as it
 * happens, so a crash or Ctrl-C keeps every finished case. `readResults` reads one or more
 * streams back (for `plugfest merge` and reporters), tolerating a torn last line.
 */
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { PlugfestError } from '../wire/index.js';
import type { Reporter } from './reporter.js';
import { type CaseResult, type ResultEvent, resultsVersion } from './results.js';

/** A reporter that appends every event to `path` as it happens. */
export function resultsStream(path: string): Reporter {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, '');
  const append = (event: ResultEvent) => appendFileSync(path, `${JSON.stringify(event)}\n`);
  return {
    onBegin: (event) => append(event),
    onCaseEnd: (result) => append({ type: 'case-end', result }),
    onEnd: (event) => append(event),
  };
}

export interface ReadResults {
  readonly results: CaseResult[];
  /** Streams that have no run-end: the run crashed or was interrupted. */
  readonly unfinished: string[];
}

export function readResults(paths: readonly string[]): ReadResults {
  const results = new Map<string, CaseResult>();
  const unfinished: string[] = [];
  for (const path of paths) {
    const lines = readFileSync(path, 'utf8').split('\n').filter(Boolean);
    let ended = false;
    lines.forEach((line, i) => {
      let event: ResultEvent;
      try {
        event = JSON.parse(line) as ResultEvent;
      } catch {
        if (i === lines.length - 1) return; // torn last line of a crashed run
        throw new PlugfestError('config-invalid', `${path}:${i + 1}: not a results event`);
      }
      if (event.type === 'run-begin' && event.version !== resultsVersion) {
        throw new PlugfestError(
          'config-invalid',
          `${path}: results version ${event.version}, this plugfest reads ${resultsVersion}`,
        );
      }
      if (event.type === 'case-end') results.set(event.result.key, event.result);
      if (event.type === 'run-end') ended = true;
    });
    if (!ended) unfinished.push(path);
  }
  return { results: [...results.values()].sort((a, b) => a.key.localeCompare(b.key)), unfinished };
}

/**
 * Feeds results read back from streams (one run, or the shards of one) through reporters as if
 * they were running now, so a merged run renders every report a live one does.
 */
export async function replayResults(read: ReadResults, reporter: Reporter, runId = 'merged'): Promise<void> {
  const { results } = read;
  const startedAt = Math.min(...results.map((r) => r.startedAt), Date.now());
  reporter.onBegin?.({ type: 'run-begin', version: resultsVersion, runId, startedAt, total: results.length });
  for (const result of results) reporter.onCaseEnd?.(result);
  const endedAt = Math.max(startedAt, ...results.map((r) => r.startedAt + r.durationMs));
  await reporter.onEnd?.({ type: 'run-end', endedAt, interrupted: read.unfinished.length > 0 }, results);
}
