/** src/relay: the relay in the middle of every link, and the trace it writes. */
export {
  type DirectionStats,
  type FrameAction,
  type FrameHook,
  Relay,
  type RelayedFrame,
  type RelayOptions,
  type RelayState,
  startRelay,
  type TappedFrame,
  type TraceLevel,
} from './relay.js';
export {
  type ConnectionRecord,
  type Direction,
  type FrameRecord,
  fileTraceSink,
  memoryTraceSink,
  type TraceRecord,
  type TraceSink,
  teeTraceSink,
} from './trace.js';
