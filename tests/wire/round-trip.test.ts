import protobuf from 'protobufjs';
import { describe, expect, it } from 'vitest';
import {
  createEnvelopeCodec,
  createMessageRegistry,
  type MessageType,
  messageTypeNames,
  oran,
} from '../../src/wire/index.js';
import { loadReflection, sampleOf } from './samples.js';

const reflection = loadReflection();
const registry = createMessageRegistry();
const codec = createEnvelopeCodec({ registry });

describe('codec round trip', () => {
  it('registers every message type that the .proto files define', () => {
    const defined: string[] = [];
    const visit = (ns: protobuf.NamespaceBase): void => {
      for (const nested of ns.nestedArray) {
        if (nested instanceof protobuf.Type) defined.push(nested.fullName.slice(1));
        if (nested instanceof protobuf.Namespace || nested instanceof protobuf.Type) visit(nested);
      }
    };
    visit(reflection);
    expect([...messageTypeNames].sort()).toEqual(defined.sort());
    expect(defined.length).toBeGreaterThan(10);
  });

  it.each([...messageTypeNames])('%s survives encode, envelope and decode unchanged', (typeName) => {
    const type = reflection.lookupType(typeName);
    const sample = type.fromObject(sampleOf(type));
    const reference = type.encode(sample).finish();
    const generated = registry.get(typeName as MessageType);

    // The generated decoder reads what the reflection encoder wrote ...
    const decoded = generated.decode(reference);
    const referenceObject = type.toObject(sample, { enums: String, bytes: String, defaults: false });
    expect(generated.toObject(decoded as never)).toEqual(referenceObject);
    // ... the generated encoder writes the same bytes back ...
    expect(Buffer.from(generated.encode(decoded as never))).toEqual(Buffer.from(reference));
    // ... and the message survives a trip inside an envelope with its header.
    const frame = codec.encode(typeName as MessageType, decoded as never, {
      interface: oran.common.v1.Interface.INTERFACE_E2,
      version: { major: 1, minor: 0 },
      pduKind: oran.common.v1.PduKind.PDU_KIND_INITIATING_MESSAGE,
      transactionId: 42,
      senderInstance: 'du-1',
      sendTimeUnixMs: 1_764_000_000_123.25,
    });
    const result = codec.decode(frame);
    if (!result.ok) throw result.error;
    expect(result.frame.type).toBe(typeName);
    expect(result.frame.header.transactionId).toBe(42);
    expect(result.frame.header.sendTimeUnixMs).toBe(1_764_000_000_123.25);
    expect(generated.toObject(result.frame.message as never)).toEqual(referenceObject);
  });

  it('sets every field of a sample, so the round trip checks each one', () => {
    const type = reflection.lookupType('oran.common.v1.Hello');
    const object = type.toObject(type.fromObject(sampleOf(type)), { defaults: false });
    expect(Object.keys(object).sort()).toEqual(type.fieldsArray.map((f) => f.name).sort());
  });
});
