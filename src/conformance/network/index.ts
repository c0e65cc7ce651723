/** The network cases run against: plugfest's own handles, whatever backend runs the vendors. */
export {
  createFrameStream,
  type FieldsOf,
  type FrameFilter,
  type FrameStream,
  type JsonOf,
  type TraceSource,
  type TypedFilter,
  type TypedFrame,
} from './frames.js';
export { createLogStore, type LogRecord, type LogStore, type LogStream, logTimeOf } from './logs.js';
export type {
  InstanceExit,
  InstanceHandle,
  LinkHandle,
  Network,
  NetworkProcesses,
  NetworkSecurity,
} from './network.js';
export { type NetworkEnvironmentOptions, networkEnvironment } from './process-network.js';
export { saveCaseTrace, type TraceMode, traceModes } from './trace-file.js';
