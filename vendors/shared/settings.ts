/**
 * Reading a role's `settings` (from the topology) against its zod schema, as the O-DU and RIC
 * cores do: the first problem becomes a `config-invalid` PlugfestError naming the settings path.
 */
import type { z } from 'zod';
import { PlugfestError } from '../../src/sdk/index.js';

/**
 * The settings as `schema` reads them, defaults applied. Throws `config-invalid`, message
 * "settings.<path>: <problem>" and detail `path: ['settings', ...]`, for the first issue.
 */
export function parseSettings<S extends z.ZodType>(schema: S, settings: unknown): z.output<S> {
  const parsed = schema.safeParse(settings);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  throw new PlugfestError('config-invalid', `settings.${issue.path.join('.')}: ${issue.message}`, {
    path: ['settings', ...issue.path],
  });
}
