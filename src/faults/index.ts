/** Faults where a real network fails: on links (through the relay) and, later, on processes. */
export { type AppliedLinkFaults, applyLinkFaults } from './apply.js';
export {
  type ChaosOptions,
  type ChaosReport,
  describe as describeScheduled,
  type FaultOutcome,
  runChaos,
} from './chaos.js';
export {
  type ContainmentOptions,
  type ContainmentReport,
  describeDisruptions,
  firstAfter,
  type LinkActivity,
  type LinkDisruption,
  measureContainment,
} from './containment.js';
export {
  type FaultDirection,
  faultDirections,
  faultLabel,
  type LinkEnd,
  type LinkFault,
  type LinkFaultHook,
  type LinkFaultInput,
  type LinkFaultOptions,
  type LinkFaultType,
  linkFaultHook,
  linkFaultSchema,
  parseLinkFault,
} from './link-faults.js';
export { type CrashLoopOptions, type ProcessFaultEvent, ProcessFaults } from './process-faults.js';
export {
  type FaultSchedule,
  faultScheduleSchema,
  loadFaultSchedule,
  parseFaultSchedule,
  type ScheduleEntry,
} from './schedule.js';
