/**
 * The suite kit: what every conformance case is written with, so suites stop copying helpers.
 * Cases import it through src/conformance's index.
 */
export { type DiagnosticCode, diagnosticCodes, isDiagnosticCode } from './codes.js';
export { containmentToleranceMs, expectContained, expectSubscriptionsRebuilt } from './containment.js';
export { answerTo, expectAnswer, expectFrame } from './frames.js';
export { logAfter } from './logs.js';
export {
  defineSuite,
  type NetworkContext,
  type SuiteCase,
  type SuiteCaseFactory,
  type SuiteDefaults,
} from './suite.js';
export {
  type DefinedTopology,
  defineTopology,
  extendTopology,
  type InstanceSpec,
  type LinkIdOf,
  type LinkSpec,
  type PerCombination,
  type TopologySpec,
  vendorFor,
} from './topology.js';
