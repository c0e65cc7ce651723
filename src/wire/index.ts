/** src/wire: generated protobuf code and the envelope codec. No I/O. */

export { boundText, type EchoLimits, echoLimits } from './bounded-text.js';
export {
  createEnvelopeCodec,
  type DecodeResult,
  type EnvelopeCodec,
  type EnvelopeCodecOptions,
  type Frame,
  type Header,
  type HeaderInit,
  isFrame,
} from './codec.js';
export {
  causeFor,
  closeCodeFor,
  describeCause,
  type ErrorCode,
  errorCodes,
  PlugfestError,
} from './errors.js';
export type { MessageInitMap, MessageTypeMap } from './generated/message-types.js';
export { messageTypeNames } from './generated/message-types.js';
export { oran } from './generated/oran.js';
export {
  type InterfaceName,
  type InterfaceSpec,
  interfaceBySubprotocol,
  interfaceNames,
  interfaceSpecs,
  linkPackages,
  type ProtocolVersion,
  packageOf,
  type RoleName,
  roleFromWire,
  roleToWire,
} from './interfaces.js';
export { defaultWireLimits, type WireLimits, wireLimits } from './limits.js';
export {
  createMessageRegistry,
  type MessageCodec,
  type MessageRegistry,
  type MessageType,
} from './registry.js';
export { compareVersions, formatVersions, type Negotiation, negotiateVersion } from './version.js';
