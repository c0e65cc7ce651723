/**
 * The envelope codec: one WebSocket binary frame is an oran.common.v1.Envelope whose payload is
 * the message its header names. Decoding never throws: a frame that cannot be read is a result
 * with the error code and whatever of the header could be read, so the link can answer it.
 */
import { PlugfestError } from './errors.js';
import type { MessageInitMap, MessageTypeMap } from './generated/message-types.js';
import { oran } from './generated/oran.js';
import { defaultWireLimits, type WireLimits } from './limits.js';
import { createMessageRegistry, type MessageRegistry, type MessageType } from './registry.js';

export type Header = oran.common.v1.Header;
export type HeaderInit = Omit<oran.common.v1.Header.$Properties, 'messageType'>;

/** A decoded frame. `message` is typed by narrowing on `header.messageType` with `isFrame`. */
export interface Frame<K extends MessageType = MessageType> {
  readonly header: Header;
  readonly type: K;
  readonly message: MessageTypeMap[K];
  /** Size of the frame on the wire, in bytes. */
  readonly size: number;
}

export type DecodeResult =
  | { readonly ok: true; readonly frame: Frame }
  | { readonly ok: false; readonly error: PlugfestError; readonly header?: Header };

export interface EnvelopeCodec {
  readonly registry: MessageRegistry;
  readonly limits: WireLimits;
  /** Encodes a message into one frame. Throws `frame-too-large` past the limit. */
  encode<K extends MessageType>(type: K, message: MessageInitMap[K], header: HeaderInit): Uint8Array;
  decode(bytes: Uint8Array): DecodeResult;
}

export interface EnvelopeCodecOptions {
  registry?: MessageRegistry;
  limits?: WireLimits;
  /** Which message types this link accepts; others decode as `unknown-message-type`. Default: all. */
  accepts?: (type: string) => boolean;
}

export function isFrame<K extends MessageType>(frame: Frame, type: K): frame is Frame<K> {
  return frame.type === type;
}

const { Envelope } = oran.common.v1;

export function createEnvelopeCodec(options: EnvelopeCodecOptions = {}): EnvelopeCodec {
  const registry = options.registry ?? createMessageRegistry();
  const limits = options.limits ?? defaultWireLimits;
  const accepts = options.accepts ?? (() => true);

  return {
    registry,
    limits,
    encode(type, message, header) {
      const payload = registry.get(type).encode(message);
      const bytes = Envelope.encode({ header: { ...header, messageType: type }, payload }).finish();
      if (bytes.length > limits.maxFrameBytes) {
        throw new PlugfestError(
          'frame-too-large',
          `${type} encodes to ${bytes.length} bytes, over the ${limits.maxFrameBytes}-byte frame limit`,
          { messageType: type, size: bytes.length, limit: limits.maxFrameBytes },
        );
      }
      return bytes;
    },
    decode(bytes) {
      if (bytes.length > limits.maxFrameBytes) {
        return fail(
          'frame-too-large',
          `frame of ${bytes.length} bytes is over the ${limits.maxFrameBytes}-byte limit`,
          {
            size: bytes.length,
            limit: limits.maxFrameBytes,
          },
        );
      }
      let envelope: oran.common.v1.Envelope;
      try {
        envelope = Envelope.decode(bytes);
      } catch (error) {
        return fail('malformed-frame', `envelope does not decode: ${(error as Error).message}`, {
          size: bytes.length,
        });
      }
      // A decoded sub-message is an instance of its class; the generated type only says $Properties.
      const header = (envelope.header as Header | null) ?? oran.common.v1.Header.create();
      const type = header.messageType;
      const codec = registry.find(type);
      if (!type || !codec || !accepts(type)) {
        const why = !type
          ? 'no message type in the header'
          : `message type "${type}" is not known on this link`;
        return fail('unknown-message-type', why, { messageType: type }, header);
      }
      let message: unknown;
      try {
        message = codec.decode(envelope.payload);
      } catch (error) {
        return fail(
          'malformed-frame',
          `${type} payload does not decode: ${(error as Error).message}`,
          { messageType: type },
          header,
        );
      }
      // Every element of a repeated field takes at least one byte, so a frame no longer than the
      // limit cannot exceed it: the walk is only needed for larger frames.
      const over =
        bytes.length > limits.maxRepeatedCount
          ? overlongRepeated(message, limits.maxRepeatedCount, type)
          : undefined;
      if (over) {
        return fail(
          'limit-exceeded',
          `${over.path} has ${over.count} elements, over the limit of ${limits.maxRepeatedCount}`,
          { messageType: type, field: over.path, count: over.count, limit: limits.maxRepeatedCount },
          header,
        );
      }
      return {
        ok: true,
        frame: { header, type: type as MessageType, message: message as never, size: bytes.length },
      };
    },
  };
}

function fail(
  code: PlugfestError['code'],
  text: string,
  details: Record<string, unknown>,
  header?: Header,
): DecodeResult {
  const error = new PlugfestError(code, text, details);
  return header ? { ok: false, error, header } : { ok: false, error };
}

/** The first repeated field (depth first) holding more than `max` elements. */
function overlongRepeated(
  value: unknown,
  max: number,
  path: string,
): { path: string; count: number } | undefined {
  if (Array.isArray(value)) {
    if (value.length > max) return { path, count: value.length };
    for (const [i, item] of value.entries()) {
      const found = overlongRepeated(item, max, `${path}[${i}]`);
      if (found) return found;
    }
    return undefined;
  }
  if (value === null || typeof value !== 'object' || ArrayBuffer.isView(value)) return undefined;
  for (const [key, field] of Object.entries(value)) {
    const found = overlongRepeated(field, max, `${path}.${key}`);
    if (found) return found;
  }
  return undefined;
}
