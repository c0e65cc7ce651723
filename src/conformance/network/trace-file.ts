/** Each case's part of its network's trace, on disk, as the trace mode says. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { TraceRecord } from '../../relay/index.js';
import type { CaseTrace } from '../runner.js';

export type TraceMode = 'on' | 'off' | 'retain-on-failure';
export const traceModes: readonly TraceMode[] = ['on', 'off', 'retain-on-failure'];

/** Writes the part of a network's trace that belongs to one case, if the mode keeps it. */
export function saveCaseTrace(
  mode: TraceMode,
  dir: string,
  records: readonly TraceRecord[],
  trace: CaseTrace,
): string | undefined {
  if (mode === 'off' || (mode === 'retain-on-failure' && !trace.failed)) return undefined;
  const file = join(dir, 'traces', `${trace.caseId}.jsonl`);
  mkdirSync(dirname(file), { recursive: true });
  const lines = records.filter((r) => r.t >= trace.since).map((r) => JSON.stringify(r));
  writeFileSync(file, lines.length ? `${lines.join('\n')}\n` : '');
  return file;
}
