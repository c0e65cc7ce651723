/**
 * Config files (YAML, or JSON, which YAML reads too) validated by a zod schema, with errors
 * that name the file, the line and the field and say what is allowed (after Playwright's
 * configLoader: `config.shard.total must be a positive number`).
 */
import { readFileSync } from 'node:fs';
import { isNode, LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
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

export function formatProblem(p: ConfigProblem): string {
  return `${p.file}:${p.line}:${p.column}: ${p.field || '(document)'}: ${p.message}`;
}

/** Reads a config file's text; a file that cannot be read is `config-invalid` naming it. */
export function readConfigText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new PlugfestError(
      'config-invalid',
      `${file}: cannot read: ${(error as Error).message}`,
      { file },
      error,
    );
  }
}

/** Reads and validates a config file. Throws `config-invalid` listing every problem. */
export function loadConfigFile<S extends z.ZodType>(file: string, schema: S): z.output<S> {
  return parseConfigText(readConfigText(file), file, schema);
}

export function parseConfigText<S extends z.ZodType>(text: string, file: string, schema: S): z.output<S> {
  return parseConfigDocument(text, file, schema).data;
}

/** A validated config with a way back to the lines of its fields, for checks zod cannot make. */
export interface ConfigDocument<T> {
  readonly data: T;
  readonly file: string;
  /** A problem located at the field (or at its nearest ancestor present in the file). */
  problemAt(path: readonly (string | number)[], message: string): ConfigProblem;
}

export function parseConfigDocument<S extends z.ZodType>(
  text: string,
  file: string,
  schema: S,
): ConfigDocument<z.output<S>> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number) => lineCounter.linePos(offset);
  const syntax = doc.errors.map((e): ConfigProblem => {
    const { line, col } = at(e.pos[0]);
    return { file, line, column: col, field: '', message: e.message.split('\n')[0] ?? e.message };
  });
  if (syntax.length > 0) throw configError(syntax);

  const problemAt = (path: readonly (string | number)[], message: string): ConfigProblem => {
    // The deepest node that exists: a missing field is reported where its parent is.
    let node: unknown;
    for (let depth = path.length; depth >= 0 && !isNode(node); depth -= 1) {
      node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth), true);
    }
    const offset = isNode(node) && node.range ? node.range[0] : 0;
    const { line, col } = at(offset);
    return { file, line, column: col, field: formatPath(path), message };
  };

  const result = schema.safeParse(doc.toJS());
  if (!result.success) {
    throw configError(
      result.error.issues
        .flatMap((issue) => flattenUnion(issue))
        .map(({ issue, path }) => {
          const at = path.map((p) => (typeof p === 'symbol' ? String(p) : p));
          return problemAt(at, describeIssue(issue, doc.hasIn(at)));
        }),
    );
  }
  return { data: result.data, file, problemAt };
}

/** Throws `config-invalid` listing the problems, if there are any. */
export function throwProblems(problems: readonly ConfigProblem[]): void {
  if (problems.length > 0) throw configError([...problems]);
}

function configError(problems: ConfigProblem[]): PlugfestError {
  return new PlugfestError('config-invalid', problems.map(formatProblem).join('\n'), { problems });
}

function formatPath(path: readonly (string | number)[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

type IssuePath = readonly PropertyKey[];

/**
 * A union's failure as the issues of the alternative the input came closest to (the one with the
 * fewest issues), each at its full path, instead of zod's bare "Invalid input": for a schedule
 * entry with `instance` and a bad `action`, "action: must be one of ...", not a complaint that
 * `link` is missing.
 */
function flattenUnion(
  issue: z.core.$ZodIssue,
  prefix: IssuePath = [],
): { issue: z.core.$ZodIssue; path: IssuePath }[] {
  const path = [...prefix, ...issue.path];
  if (issue.code !== 'invalid_union' || issue.errors.length === 0) return [{ issue, path }];
  const closest = issue.errors.reduce((best, branch) => (branch.length < best.length ? branch : best));
  return closest.flatMap((inner) => flattenUnion(inner, path));
}

/** `present`: the field is in the file (a missing one is "required"). */
function describeIssue(issue: z.core.$ZodIssue, present = true): string {
  switch (issue.code) {
    case 'invalid_union': {
      // A discriminated union whose discriminator matched no alternative.
      const options = (issue as { options?: unknown[] }).options;
      return options ? `must be one of ${options.map((v) => JSON.stringify(v)).join(', ')}` : issue.message;
    }
    case 'invalid_value': {
      const allowed = issue.values.map((v) => JSON.stringify(v)).join(', ');
      return present ? `must be one of ${allowed}` : `is required (one of ${allowed})`;
    }
    case 'unrecognized_keys':
      return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}`;
    case 'invalid_type': {
      const received = /received (\w+)/.exec(issue.message)?.[1];
      return received === 'undefined'
        ? `is required (${issue.expected})`
        : `must be ${issue.expected}, not ${received ?? 'this'}`;
    }
    default:
      return issue.message;
  }
}
