/**
 * A problem in a config file and the one way it is written:
 * `file:line:col: field: what is allowed` (after Playwright's configLoader:
 * `config.shard.total must be a positive number`). Every loader reports through here, so a
 * topology, a fault schedule, a trust policy and a vendor config all read the same.
 */
import { PlugfestError } from '../wire/index.js';

/** One problem in a config file, located. */
export interface ConfigProblem {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** Dotted path of the field, `peers[0].url`; empty for the document itself. */
  readonly field: string;
  readonly message: string;
}

/** `file:line:col: field: message`; a problem with no field is at `(document)`. */
export function formatProblem(p: ConfigProblem): string {
  return `${p.file}:${p.line}:${p.column}: ${p.field || '(document)'}: ${p.message}`;
}

/** `config-invalid` listing the problems, one formatted line each; `details.problems` holds them. */
export function configError(problems: readonly ConfigProblem[]): PlugfestError {
  return new PlugfestError('config-invalid', problems.map(formatProblem).join('\n'), {
    problems: [...problems],
  });
}

/** Throws `config-invalid` listing the problems, if there are any. */
export function throwProblems(problems: readonly ConfigProblem[]): void {
  if (problems.length > 0) throw configError(problems);
}

/** `peers[0].url` from `['peers', 0, 'url']`. */
export function formatPath(path: readonly (string | number)[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}
