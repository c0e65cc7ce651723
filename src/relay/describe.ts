/**
 * What the trace says of a frame the relay forwards: who sent it to whom, its size, and as the
 * trace level asks, its header (type, PDU kind, transaction id, send time) and its fields, with
 * the E2SM payloads of an E2 link decoded beside them (e2sm.ts). A frame that does not decode is
 * traced with its error and (the first 4 KiB of) its bytes.
 */
import type { TopologyLink } from '../topology/index.js';
import {
  createEnvelopeCodec,
  interfaceSpecs,
  linkPackages,
  type MessageRegistry,
  packageOf,
} from '../wire/index.js';
import { E2smDecoder } from './e2sm.js';
import type { TraceLevel } from './relay-types.js';
import type { Direction, FrameRecord } from './trace.js';

const pduNames = { 1: 'initiating', 2: 'successful', 3: 'unsuccessful' } as const;

export class FrameDescriber {
  readonly #link: TopologyLink;
  readonly #level: TraceLevel;
  readonly #registry: MessageRegistry;
  readonly #codec: ReturnType<typeof createEnvelopeCodec>;
  readonly #e2sm = new E2smDecoder();

  constructor(link: TopologyLink, level: TraceLevel, registry: MessageRegistry) {
    this.#link = link;
    this.#level = level;
    this.#registry = registry;
    const accepted = new Set([...linkPackages, ...interfaceSpecs[link.interface].packages]);
    this.#codec = createEnvelopeCodec({
      registry,
      accepts: (t) => accepted.has(packageOf(t)),
    });
  }

  /**
   * The trace record of one frame. At level `off` it is not decoded unless `faulted` (a fault
   * hook is set, and acts by message type).
   */
  describe(data: Buffer, isBinary: boolean, dir: Direction, t: number, faulted: boolean): FrameRecord {
    const link = this.#link;
    const [from, to] = dir === 'client-to-server' ? [link.client, link.server] : [link.server, link.client];
    const base = { kind: 'frame' as const, t, link: link.id, dir, from, to, size: data.length };
    if (this.#level === 'off' && !faulted) return base;
    if (!isBinary) {
      return {
        ...base,
        error: { code: 'malformed-frame', message: 'text frame' },
        raw: data.toString('base64'),
      };
    }
    const decoded = this.#codec.decode(data);
    if (!decoded.ok) {
      return {
        ...base,
        ...(decoded.header?.messageType ? { type: decoded.header.messageType } : {}),
        error: { code: decoded.error.code, message: decoded.error.rawMessage },
        raw: data.subarray(0, 4096).toString('base64'),
      };
    }
    const { header, type, message } = decoded.frame;
    return {
      ...base,
      type,
      pdu: pduNames[header.pduKind as 1 | 2 | 3] ?? 'initiating',
      tx: header.transactionId,
      sent: header.sendTimeUnixMs,
      // The link's own frames (Hello, attestation, close) are kept whole at `headers` too: they
      // are few and small, and a refusal's detail is what a reader of the trace looks for.
      ...(this.#level === 'full' || linkPackages.includes(packageOf(type))
        ? { fields: this.#fields(type, message as unknown as Record<string, unknown>) }
        : {}),
    };
  }

  #fields(type: string, message: Record<string, unknown>): Record<string, unknown> {
    const fields = this.#registry.get(type as never).toObject(message as never);
    if (this.#link.interface === 'e2') this.#e2sm.annotate(type, message, fields);
    return fields;
  }
}
