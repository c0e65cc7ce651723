/**
 * Config files (YAML, or JSON, which YAML reads too) validated by a zod schema, with every
 * problem located at its file, line, column and field (problem.ts writes them).
 */
import { readFileSync } from 'node:fs';
import { isNode, LineCounter, parseDocument, visit } from 'yaml';
import type { z } from 'zod';
import { PlugfestError } from '../wire/index.js';
import { describeIssue, flattenUnion } from './issues.js';
import { type ConfigProblem, configError, formatPath } from './problem.js';

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

/**
 * Size a config may have: far above any real one (the largest built-in is a few KiB), and small
 * enough that YAML parses it at once (a 10 MB string took seconds).
 */
const maxConfigBytes = 1024 * 1024;

/** Alias expansions a document may make (yaml's default): past it, `config-invalid`. */
const maxAliasCount = 100;

/** Reads and validates a config file. Throws `config-invalid` listing every problem. */
export function loadConfigFile<S extends z.ZodType>(file: string, schema: S): z.output<S> {
  return parseConfigText(readConfigText(file), file, schema);
}

/** As `loadConfigFile`, from text; `file` names it in the problems. */
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

/**
 * Parses and validates; throws `config-invalid` listing every syntax error (duplicate keys
 * included) or, failing that, every schema problem.
 */
export function parseConfigDocument<S extends z.ZodType>(
  text: string,
  file: string,
  schema: S,
): ConfigDocument<z.output<S>> {
  const bytes = Buffer.byteLength(text);
  if (bytes > maxConfigBytes)
    throw configError([
      {
        file,
        line: 1,
        column: 1,
        field: '',
        message: `the file is ${(bytes / 1024 / 1024).toFixed(1)} MiB; a config may be at most ${maxConfigBytes / 1024 / 1024} MiB`,
      },
    ]);
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

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: maxAliasCount });
  } catch (error) {
    // yaml refuses aliases that expand past the count (a "billion laughs" document).
    let offset = 0;
    visit(doc, {
      Alias(_key, node) {
        offset = node.range?.[0] ?? 0;
        return visit.BREAK;
      },
    });
    const { line, col } = at(offset);
    throw configError([
      {
        file,
        line,
        column: col,
        field: '',
        message: `aliases expand too far (more than ${maxAliasCount} per alias): ${(error as Error).message}`,
      },
    ]);
  }
  const result = schema.safeParse(data);
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
