/** Every suite plugfest runs, by name. */
import type { CaseDefinition, Network } from '../src/conformance/index.js';
import { a1Cases } from './a1/cases.js';
import { attestationCases } from './attestation/cases.js';
import { e2Cases } from './e2/cases.js';
import { e2NodeCases } from './e2/node-cases.js';
import { e2RicCases } from './e2/ric-cases.js';
import { e2eCases } from './e2e/cases.js';
import { e2ClosedLoop } from './e2e/closed-loop.js';
import { faultCases } from './faults/cases.js';
import { ofhCuCases } from './ofh-cu/cases.js';
import { ofhMCases } from './ofh-m/cases.js';
import { swapCases } from './swap/cases.js';

export const suites: Record<string, CaseDefinition<Network>[]> = {
  'ofh-m': ofhMCases,
  'ofh-cu': ofhCuCases,
  e2: [...e2Cases, ...e2NodeCases, ...e2RicCases],
  a1: a1Cases,
  e2e: [e2ClosedLoop, ...e2eCases],
  faults: faultCases,
  swap: swapCases,
  attestation: attestationCases,
};
