/**
 * Causes as a report quotes them ("ric-service: ran-function-not-supported"), read from a decoded
 * E2AP Cause (enum numbers) or from a traced one (enum names): the code a diagnostic carries.
 */
import { describeCause } from '../../../src/wire/index.js';

/** "ric-service: ran-function-not-supported", or undefined when there is no cause. */
export function causeText(cause: unknown): string | undefined {
  if (!cause || typeof cause !== 'object') return undefined;
  const text = describeCause(cause as Record<string, unknown>);
  return text === 'none' ? undefined : text;
}
