/** src/orchestrator: running a topology's vendors (process backend). */

export { controlSocketOf, requestSwap, type SwapDone, serveControl } from './control.js';
export { downgradeVersion, type Modification, type ModifiedVendor, modifyVendor } from './modified.js';
export {
  type HarnessPeerHandle,
  type HarnessPeerOptions,
  RunningTopology,
  type StartTopologyOptions,
  startTopology,
} from './orchestrator.js';
export { allocatePorts } from './ports.js';
export { type ExitInfo, ProcessInstance, type StartInstanceOptions } from './process-instance.js';
export {
  harnessHwmodel,
  type PrepareSecurityOptions,
  prepareSecurity,
  type RunSecurity,
} from './security.js';
export { type InstanceStatus, instanceStatuses, type LinkStatus, linkStatuses } from './status.js';
