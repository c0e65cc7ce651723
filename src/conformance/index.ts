/** src/conformance: the runner engine. Suites (conformance/<suite>/) use this public API only. */

export {
  type ContainmentReport,
  describeDisruptions,
  firstAfter,
  type LinkDisruption,
  type LinkFaultInput,
  measureContainment,
} from '../faults/index.js';
export type { FrameRecord, TappedFrame } from '../relay/index.js';
// What cases build peer answers and requests with, so that suites import the runner alone.
export { failure, oran, type Session, success } from '../sdk/index.js';
export { describeCause as causeText } from '../wire/index.js';
export {
  type CaseContext,
  type CaseDefinition,
  type CaseDiagnostic,
  CaseVerdict,
  caseIdPattern,
  defineCase,
  type Isolation,
  type VendorLookup,
} from './case.js';
export { defaultCaseTimeoutMs, type Execution, executeCase } from './execute.js';
export * from './kit/index.js';
export {
  type Combination,
  combinationKey,
  combinationsOf,
  expandMatrix,
  type Job,
  parseShard,
  selectShard,
} from './matrix.js';
export {
  createFrameStream,
  createLogStore,
  type FieldsOf,
  type FrameFilter,
  type FrameStream,
  type InstanceExit,
  type InstanceHandle,
  type JsonOf,
  type LinkHandle,
  type LogRecord,
  type LogStream,
  logTimeOf,
  type Network,
  type NetworkEnvironmentOptions,
  type NetworkProcesses,
  type NetworkSecurity,
  networkEnvironment,
  saveCaseTrace,
  type TraceMode,
  type TypedFilter,
  type TypedFrame,
  traceModes,
} from './network/index.js';
export { type PeerMessage, TestPeer } from './peer.js';
export { type PeerHandler, peerGlobalRicId } from './peer-defaults.js';
export { multiplexReporters, type Reporter } from './reporter.js';
export {
  acceptableVerdicts,
  type CaseEnd,
  type CaseResult,
  type Diagnostic,
  exitCodeOf,
  formatSummary,
  type ResultEvent,
  type RunBegin,
  type RunEnd,
  resultsVersion,
  type Summary,
  setupShareOf,
  summarize,
  type TimelineMark,
  type Verdict,
  verdicts,
} from './results.js';
export {
  type CaseTrace,
  cutShort,
  defaultTeardownTimeoutMs,
  type Environment,
  type RunMatrixOptions,
  runMatrix,
  type Started,
} from './runner.js';
export {
  type CaseSelection,
  readKnownFailing,
  selectCases,
  vendorsOfCatalog,
  vendorsOfTopology,
} from './select.js';
export { type ReadResults, readResults, replayResults, resultsStream } from './stream.js';
