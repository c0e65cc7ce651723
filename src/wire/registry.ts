/**
 * The message registry: fully qualified message type to the generated encoder and decoder.
 * Built from the generated list of names so that a message the .proto files define and the
 * static code lacks (stale generation) fails at start, not on the first frame.
 */
import type { Writer } from 'protobufjs/minimal.js';
import { PlugfestError } from './errors.js';
import { type MessageInitMap, type MessageTypeMap, messageTypeNames } from './generated/message-types.js';
import { oran } from './generated/oran.js';

export type MessageType = keyof MessageTypeMap;

/** Encoder, decoder and converter of one message type. */
export interface MessageCodec<K extends MessageType = MessageType> {
  readonly typeName: K;
  encode(message: MessageInitMap[K]): Uint8Array;
  decode(bytes: Uint8Array): MessageTypeMap[K];
  /** Plain JSON-safe object: enums as names, bytes as base64, defaults left out. */
  toObject(message: MessageTypeMap[K]): Record<string, unknown>;
}

export interface MessageRegistry {
  get<K extends MessageType>(typeName: K): MessageCodec<K>;
  find(typeName: string): MessageCodec | undefined;
  readonly typeNames: readonly MessageType[];
}

interface GeneratedClass {
  encode(message: unknown, writer?: Writer): Writer;
  decode(bytes: Uint8Array): unknown;
  toObject(message: unknown, options: object): Record<string, unknown>;
}

const objectOptions = { enums: String, longs: Number, bytes: String, defaults: false, oneofs: false };

function lookup(typeName: string): GeneratedClass | undefined {
  const [rootName, ...path] = typeName.split('.');
  if (rootName !== 'oran') return undefined;
  let node: unknown = oran;
  for (const part of path) {
    node = (node as Record<string, unknown> | undefined)?.[part];
  }
  const candidate = node as Partial<GeneratedClass> | undefined;
  return typeof candidate?.encode === 'function' && typeof candidate.decode === 'function'
    ? (candidate as GeneratedClass)
    : undefined;
}

/** Creates the registry of every message the interfaces define. */
export function createMessageRegistry(): MessageRegistry {
  const codecs = new Map<string, MessageCodec>();
  for (const typeName of messageTypeNames) {
    const generated = lookup(typeName);
    if (!generated) throw new Error(`generated code has no ${typeName}: run \`npm run gen\``);
    codecs.set(typeName, {
      typeName,
      encode: (message) => generated.encode(message).finish(),
      decode: (bytes) => generated.decode(bytes) as never,
      toObject: (message) => generated.toObject(message, objectOptions),
    } as MessageCodec);
  }
  return {
    get<K extends MessageType>(typeName: K): MessageCodec<K> {
      const codec = codecs.get(typeName);
      if (!codec)
        throw new PlugfestError('unknown-message-type', `no message type ${typeName} in the interfaces`);
      return codec as unknown as MessageCodec<K>;
    },
    find: (typeName) => codecs.get(typeName),
    typeNames: messageTypeNames,
  };
}
