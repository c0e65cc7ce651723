/**
 * Sample messages built by reflection from the .proto files themselves (protobufjs full
 * build), independent of the generated static code they are checked against.
 */
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import protobuf from 'protobufjs';

export const interfacesDir = join(import.meta.dirname, '../../interfaces');

function protoFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return protoFiles(path);
    return name.endsWith('.proto') ? [relative(interfacesDir, path)] : [];
  });
}

export function loadReflection(): protobuf.Root {
  const root = new protobuf.Root();
  root.resolvePath = (_origin, target) => join(interfacesDir, target);
  root.loadSync(protoFiles(interfacesDir)).resolveAll();
  return root;
}

const scalarSamples: Record<string, unknown> = {
  double: 1.5,
  float: 2.5,
  int32: -7,
  uint32: 7,
  sint32: -9,
  fixed32: 11,
  sfixed32: -13,
  bool: true,
  string: 'plugfest',
  bytes: Buffer.from([1, 2, 3, 250]),
};

/**
 * Every field set to a value that is not its default: repeated fields get two elements, maps
 * one entry, one member of each oneof, enums their last value. Recursion stops at `depth`.
 */
export function sampleOf(type: protobuf.Type, depth = 4): Record<string, unknown> {
  const sample: Record<string, unknown> = {};
  const oneofTaken = new Set<string>();
  for (const field of type.fieldsArray) {
    if (field.partOf) {
      if (oneofTaken.has(field.partOf.name)) continue;
      oneofTaken.add(field.partOf.name);
    }
    const value = sampleValue(field, depth);
    if (value === undefined) continue;
    if (field.map) sample[field.name] = { k: value };
    else sample[field.name] = field.repeated ? [value, value] : value;
  }
  return sample;
}

function sampleValue(field: protobuf.Field, depth: number): unknown {
  const resolved = field.resolvedType;
  if (resolved instanceof protobuf.Enum) {
    const values = Object.values(resolved.values);
    return values[values.length - 1];
  }
  if (resolved instanceof protobuf.Type) return depth > 0 ? sampleOf(resolved, depth - 1) : undefined;
  if (!(field.type in scalarSamples)) throw new Error(`no sample for ${field.type} (${field.fullName})`);
  return scalarSamples[field.type];
}
