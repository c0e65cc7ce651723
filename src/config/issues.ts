/**
 * What a zod issue says of a field, in the words of a config file's reader: what is allowed
 * ("must be one of ...", "is required (number)", "unknown field vendr"), not zod's own phrasing.
 */
import type { z } from 'zod';

type IssuePath = readonly PropertyKey[];

/**
 * A union's failure as the issues of the alternative the input came closest to (the one with the
 * fewest issues), each at its full path, instead of zod's bare "Invalid input": for a schedule
 * entry with `instance` and a bad `action`, "action: must be one of ...", not a complaint that
 * `link` is missing.
 */
export function flattenUnion(
  issue: z.core.$ZodIssue,
  prefix: IssuePath = [],
): { issue: z.core.$ZodIssue; path: IssuePath }[] {
  const path = [...prefix, ...issue.path];
  if (issue.code !== 'invalid_union' || issue.errors.length === 0) return [{ issue, path }];
  const closest = issue.errors.reduce((best, branch) => (branch.length < best.length ? branch : best));
  return closest.flatMap((inner) => flattenUnion(inner, path));
}

/**
 * `present`: the field is in the file (a missing one is "required"). A schema's own message
 * for a wrong type (`z.string({ error: 'must be a quoted version such as "4.1.0"' })`) is kept
 * when it says what is allowed, that is when it starts with "must".
 */
export function describeIssue(issue: z.core.$ZodIssue, present = true): string {
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
      if (received === 'undefined') return `is required (${issue.expected})`;
      return issue.message.startsWith('must')
        ? issue.message
        : `must be ${issue.expected}, not ${received ?? 'this'}`;
    }
    default:
      return issue.message;
  }
}
