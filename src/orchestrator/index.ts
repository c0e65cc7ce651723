/** src/orchestrator: running a topology's vendors (process backend). */

export { controlSocketOf, requestSwap, type SwapDone, serveControl } from './control.js';
export {
  type HarnessPeerHandle,
  RunningTopology,
  type StartTopologyOptions,
  startTopology,
} from './orchestrator.js';
export { allocatePorts } from './ports.js';
export { type ExitInfo, ProcessInstance, type StartInstanceOptions } from './process-instance.js';
export { type InstanceStatus, instanceStatuses, type LinkStatus, linkStatuses } from './status.js';
