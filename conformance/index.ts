/** Every suite plugfest runs, by name. */
import type { CaseDefinition, Network } from '../src/conformance/index.js';
import { e2Cases } from './e2/cases.js';

export const suites: Record<string, CaseDefinition<Network>[]> = {
  e2: e2Cases,
};
