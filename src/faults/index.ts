/** Faults where a real network fails: on links (through the relay) and, later, on processes. */
export { type AppliedLinkFaults, applyLinkFaults } from './apply.js';
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
