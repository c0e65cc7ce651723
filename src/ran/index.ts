/** src/ran: radio domain logic with no I/O, for simulated vendors and for the cases that check them. */
export {
  bfpExponent,
  type CompressedPrb,
  checkIqWidth,
  commonBfpIqWidths,
  compressPrb,
  decompressPrb,
  samplesPerPrb,
  subcarriersPerPrb,
} from './bfp.js';
export {
  type CarrierMismatch,
  type CarrierNegotiation,
  type CarrierProfile,
  type DuPreference,
  formatCompressions,
  frequencyRangeOfBand,
  negotiateCarrier,
  type RuCapability,
  type RuCompressionOffer,
} from './carrier.js';
export { type AirClock, type AirClockOptions, type AirTime, airClock } from './clock.js';
export {
  type KpmDefinitionOptions,
  kpmNodeMeasurementReportStyle,
  kpmOid,
  kpmPeriodicTriggerStyle,
  kpmRanFunctionDefinition,
  kpmRanFunctionId,
  kpmRanFunctionItem,
  kpmRanFunctionName,
  kpmShortName,
  type NrCgi,
  type OfferedRanFunction,
  type RanFunctionIdentity,
  ranFunctionIdItem,
  ranFunctionItem,
  ranFunctionRevision,
  rcConnectedModeMobilityStyle,
  rcHandoverControlAction,
  rcHandoverParameters,
  rcOid,
  rcRadioResourceAllocationStyle,
  rcRanFunctionDefinition,
  rcRanFunctionId,
  rcRanFunctionItem,
  rcRanFunctionName,
  rcShortName,
  rcSlicePrbQuotaAction,
  rcSlicePrbQuotaParameters,
  type ServiceModel,
  serviceModelOf,
} from './e2sm.js';
export {
  assumedPeakToRms,
  evmPercent,
  evmTolerancePercent,
  quantisationEvmBoundPercent,
  type TestModulation,
  type TestSignalOptions,
  testSignal,
} from './evm.js';
export {
  type Compression,
  type CompressionMethod,
  compressCarrier,
  decodeIqPayload,
  decodeUncompressed,
  decompressCarrier,
  encodeIqPayload,
  encodeUncompressed,
  prbPayloadBytes,
} from './iq-payload.js';
export {
  createKpmAccumulator,
  type KpmAccumulator,
  type KpmMeasurementName,
  type KpmReport,
  kpmMeasurementNames,
} from './kpm.js';
export {
  isSubcarrierSpacing,
  type Numerology,
  numerology,
  type SubcarrierSpacingKhz,
  subcarrierSpacingOf,
  subcarrierSpacingsKhz,
  subframesPerFrame,
  symbolsPerSlot,
} from './numerology.js';
export {
  defaultFrequencyRange,
  type FrequencyRange,
  lookupPrbCount,
  type PrbGridOptions,
  prbCount,
  supportedBandwidths,
} from './prb-grid.js';
export { createPrng, type Prng } from './prng.js';
export {
  attachUe,
  type CellConfig,
  type CellState,
  createRanState,
  detachUe,
  type RanState,
  type SlicePrbQuota,
} from './ran-state.js';
export {
  applySlicePrbQuota,
  handover,
  type RcOutcome,
  type RcRefusal,
  type SlicePrbQuotaControl,
  type SlicePrbQuotaItem,
} from './rc.js';
export {
  type Allocation,
  createScheduler,
  rbgSize,
  type Scheduler,
  type SchedulerOptions,
  type SlotResult,
} from './scheduler.js';
export {
  bitsPerPrb,
  cqiSpectralEfficiency,
  createTrafficModel,
  type Direction,
  formatSnssai,
  type Snssai,
  sameSnssai,
  type TrafficModel,
  type TrafficModelOptions,
  type UeConfig,
  type UeState,
} from './traffic.js';
