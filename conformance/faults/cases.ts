/**
 * The fault containment suite (issue 6): process faults and link faults on a running network,
 * each graded on detection, blast radius and recovery, with the figures in its result.
 */
import type { CaseDefinition, Network } from '../../src/conformance/index.js';
import { e2Flood } from './flood.js';
import { corruptedUPlane, fronthaulLatency } from './fronthaul.js';
import { e2Malformed, e2Partition } from './links.js';
import { oDuKilled, oRuCrashLoop, oRuFrozen, oRuKilled, ricRestart } from './processes.js';

export const faultCases: CaseDefinition<Network>[] = [
  oRuKilled,
  oRuFrozen,
  oDuKilled,
  e2Partition,
  e2Malformed,
  e2Flood,
  fronthaulLatency,
  corruptedUPlane,
  oRuCrashLoop,
  ricRestart,
];
