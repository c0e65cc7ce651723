import { PlugfestError } from '../../src/wire/index.js';

/** The PlugfestError that `run` throws; fails the test if it throws nothing or something else. */
export function plugfestErrorOf(run: () => unknown): PlugfestError {
  try {
    run();
  } catch (error) {
    if (error instanceof PlugfestError) return error;
    throw error;
  }
  throw new Error('expected a PlugfestError, nothing was thrown');
}
