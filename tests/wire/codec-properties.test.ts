/**
 * Property-based codec tests (issue 15, fast-check): whatever bytes arrive, the codec answers a
 * frame or a typed PlugfestError, never an exception; every message type, with field values
 * drawn at random from its .proto (by reflection, not from the generated code under test),
 * round-trips through the envelope; BFP keeps its error bound at every width. Seeds are fixed,
 * so a failure names the input that broke it and reruns the same.
 */
import fc from 'fast-check';
import protobuf from 'protobufjs';
import { describe, expect, it } from 'vitest';
import { compressPrb, decompressPrb, samplesPerPrb } from '../../src/ran/index.js';
import {
  createEnvelopeCodec,
  createMessageRegistry,
  errorCodes,
  type MessageType,
  messageTypeNames,
  oran,
  PlugfestError,
} from '../../src/wire/index.js';
import { loadReflection } from './samples.js';

const reflection = loadReflection();
const registry = createMessageRegistry();
const codec = createEnvelopeCodec({ registry });
const header = {
  interface: oran.common.v1.Interface.INTERFACE_E2,
  version: { major: 1, minor: 0 },
  pduKind: oran.common.v1.PduKind.PDU_KIND_INITIATING_MESSAGE,
  transactionId: 7,
  senderInstance: 'du-1',
  sendTimeUnixMs: 1_764_000_000_000,
};
const seed = 20_261_203;
const known = new Set<string>(errorCodes);
const types = new Set<string>(messageTypeNames);

/** decode never throws: it gives a frame, or an error with one of plugfest's codes. */
function decodesOrTypedError(bytes: Uint8Array): void {
  const result = codec.decode(bytes);
  if (result.ok) {
    expect(types.has(result.frame.type)).toBe(true);
    return;
  }
  expect(result.error).toBeInstanceOf(PlugfestError);
  expect(known.has(result.error.code)).toBe(true);
}

/** A valid frame of every type, for the mutation properties. */
const validFrames = [...messageTypeNames].map((type) => codec.encode(type, {} as never, header));

describe('decoding any bytes', () => {
  it('gives a frame or a typed error for random bytes, never an exception', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 4096 }), (bytes) => decodesOrTypedError(bytes)),
      { seed, numRuns: 2000 },
    );
  });

  it('gives a frame or a typed error for valid frames cut short, extended or with bytes changed', () => {
    const mutated = fc
      .tuple(
        fc.constantFrom(...validFrames),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }),
        fc.nat(),
        fc.uint8Array({ maxLength: 64 }),
      )
      .map(([frame, flips, cut, tail]) => {
        const bytes = Buffer.from(frame);
        for (const [at, value] of flips) if (bytes.length > 0) bytes[at % bytes.length] = value;
        return Buffer.concat([bytes.subarray(0, cut % (bytes.length + 1)), tail]);
      });
    fc.assert(
      fc.property(mutated, (bytes) => decodesOrTypedError(bytes)),
      { seed, numRuns: 3000 },
    );
  });
});

/** An arbitrary of a message's plain object, from its reflected type (depth-bounded). */
function arbitraryOf(type: protobuf.Type, depth: number): fc.Arbitrary<Record<string, unknown>> {
  const fields: Record<string, fc.Arbitrary<unknown>> = {};
  for (const field of type.fieldsArray) {
    if (field.partOf) continue; // oneof members: one at most, below
    const value = fieldArbitrary(field, depth);
    if (!value) continue;
    fields[field.name] = field.map
      ? fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), value, { maxKeys: 3 })
      : field.repeated
        ? fc.array(value, { maxLength: 3 })
        : value;
  }
  const plain = fc.record(fields, { requiredKeys: [] });
  const oneofs = type.oneofsArray.map((oneof) =>
    fc.oneof(
      fc.constant({}),
      ...oneof.fieldsArray.flatMap((member) => {
        const value = fieldArbitrary(member, depth);
        return value ? [value.map((v) => ({ [member.name]: v }))] : [];
      }),
    ),
  );
  return fc
    .tuple(plain, ...oneofs)
    .map(([base, ...chosen]) => Object.assign({}, base, ...(chosen as Record<string, unknown>[])));
}

function fieldArbitrary(field: protobuf.Field, depth: number): fc.Arbitrary<unknown> | undefined {
  const resolved = field.resolvedType;
  if (resolved instanceof protobuf.Enum) return fc.constantFrom(...Object.values(resolved.values));
  if (resolved instanceof protobuf.Type) return depth > 0 ? arbitraryOf(resolved, depth - 1) : undefined;
  switch (field.type) {
    case 'double':
      return fc.double({ noNaN: true });
    case 'float':
      return fc.float({ noNaN: true });
    case 'int32':
    case 'sint32':
    case 'sfixed32':
      return fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 });
    case 'uint32':
    case 'fixed32':
      return fc.integer({ min: 0, max: 2 ** 32 - 1 });
    case 'int64':
    case 'sint64':
    case 'sfixed64':
      return fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER });
    case 'uint64':
    case 'fixed64':
      return fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER });
    case 'bool':
      return fc.boolean();
    case 'string':
      return fc.string({ unit: 'grapheme', maxLength: 24 });
    case 'bytes':
      return fc.uint8Array({ maxLength: 48 }).map((b) => Buffer.from(b));
    default:
      throw new Error(`no arbitrary for ${field.type} (${field.fullName})`);
  }
}

describe('generated messages', () => {
  it.each([...messageTypeNames])(
    '%s round-trips through the envelope for random field values',
    (typeName) => {
      const type = reflection.lookupType(typeName);
      const generated = registry.get(typeName as MessageType);
      fc.assert(
        fc.property(arbitraryOf(type, 3), (plain) => {
          // The reference: what the .proto itself (reflection) encodes for these values.
          const reference = type.encode(type.fromObject(plain)).finish();
          const frame = codec.encode(typeName as MessageType, generated.decode(reference) as never, header);
          const result = codec.decode(frame);
          if (!result.ok) throw result.error;
          expect(result.frame.type).toBe(typeName);
          expect(Buffer.from(generated.encode(result.frame.message as never))).toEqual(
            Buffer.from(reference),
          );
        }),
        { seed, numRuns: 60 },
      );
    },
  );
});

describe('BFP', () => {
  it.each(Array.from({ length: 16 }, (_, i) => i + 1))(
    'at iqWidth %i, decompress(compress(x)) is within 0 <= x - y < 2^exponent of every sample',
    (iqWidth) => {
      const prb = fc.array(fc.integer({ min: -32768, max: 32767 }), {
        minLength: samplesPerPrb,
        maxLength: samplesPerPrb,
      });
      fc.assert(
        fc.property(prb, (values) => {
          const samples = Int16Array.from(values);
          const compressed = compressPrb(samples, iqWidth);
          const back = decompressPrb(compressed, iqWidth);
          for (let i = 0; i < samplesPerPrb; i++) {
            const error = samples[i]! - back[i]!;
            expect(error).toBeGreaterThanOrEqual(0);
            expect(error).toBeLessThan(2 ** compressed.exponent);
          }
        }),
        { seed, numRuns: 300 },
      );
    },
  );
});
