/**
 * What the parts of a link share (handshake, requests, closing, heartbeats, error
 * indications): the socket, the codec, the state, the version, the logger, and the one way a
 * frame is written. Internal to src/transport; the public face is `Link`.
 */
import type { Logger } from 'pino';
import type WebSocket from 'ws';
import {
  createEnvelopeCodec,
  createMessageRegistry,
  type EnvelopeCodec,
  type Frame,
  linkPackages,
  type MessageType,
  oran,
  PlugfestError,
  type ProtocolVersion,
  packageOf,
} from '../wire/index.js';
import { PendingRequests } from './link-requests.js';
import type { LinkSide, LinkState, LinkStats } from './link-types.js';
import { type LinkOptions, linkDefaults, type SupervisionOptions } from './options.js';
import { WriteBudget } from './write-budget.js';

const { PduKind } = oran.common.v1;

export class LinkCore {
  state: LinkState = 'hello';
  /** The negotiated version (before ready: the highest this end offers). */
  version: ProtocolVersion;
  /** Proposed by the dialling side, adopted from its Hello by the accepting side. */
  supervision: SupervisionOptions | false;
  /** Bound to interface and side; once ready, to the peer too. */
  log: Logger;
  /** Revisions this end speaks. */
  readonly versions: readonly ProtocolVersion[];
  readonly codec: EnvelopeCodec;
  readonly budget: WriteBudget;
  readonly requests = new PendingRequests();
  readonly requestTimeoutMs: number;

  constructor(
    readonly ws: WebSocket,
    readonly side: LinkSide,
    readonly options: LinkOptions,
    readonly stats: LinkStats,
  ) {
    this.versions = options.versions ?? options.spec.versions;
    this.version = this.versions.reduce((a, b) =>
      b.major > a.major || (b.major === a.major && b.minor > a.minor) ? b : a,
    );
    const accepted = new Set([...linkPackages, ...options.spec.packages]);
    this.codec = createEnvelopeCodec({
      registry: options.registry ?? createMessageRegistry(),
      ...(options.limits ? { limits: options.limits } : {}),
      accepts: (type) => accepted.has(packageOf(type)),
    });
    this.budget = new WriteBudget(options.highWaterMarkBytes ?? linkDefaults.highWaterMarkBytes);
    this.requestTimeoutMs = options.requestTimeoutMs ?? linkDefaults.requestTimeoutMs;
    this.supervision = options.supervision ?? linkDefaults.supervision;
    this.log = options.logger.child({ interface: options.spec.name, side });
  }

  /** Encodes and writes one frame, counted and taken from the write budget; throws if it cannot encode. */
  write(type: MessageType, message: unknown, pduKind: oran.common.v1.PduKind, transactionId: number): void {
    const bytes = this.codec.encode(type, message as never, {
      interface: this.options.spec.wire,
      version: this.version,
      pduKind,
      transactionId,
      senderInstance: this.options.identity.instanceId,
      sendTimeUnixMs: performance.timeOrigin + performance.now(),
    });
    this.writeRaw(bytes);
  }

  /** Writes bytes as one binary frame, counted and taken from the write budget. */
  writeRaw(bytes: Uint8Array): void {
    this.stats.framesOut += 1;
    this.stats.bytesOut += bytes.length;
    this.budget.taken(bytes.length);
    this.ws.send(bytes, { binary: true }, () => this.budget.flushed(bytes.length));
  }

  /**
   * Writes what this end sends of its own accord or in answer to the peer (handshake answers,
   * heartbeats, error indications, LinkClose). It never throws: what it echoes is bounded
   * (echoLimits), and should a write fail anyway it is logged and the frame handler that
   * called it carries on, so no frame a peer sends can end the process.
   */
  answer(type: MessageType, message: unknown, pduKind: oran.common.v1.PduKind, transactionId: number): void {
    try {
      this.write(type, message, pduKind, transactionId);
    } catch (reason) {
      const error = PlugfestError.from(reason);
      this.log.error({ code: error.code, messageType: type, detail: error.rawMessage }, 'answer not sent');
    }
  }

  /** Writes an initiating message with the next transaction id; resolves with its outcome. */
  request(type: MessageType, message: unknown, timeoutMs: number): Promise<Frame> {
    return this.requests.open(type, timeoutMs, (transactionId) =>
      this.write(type, message, PduKind.PDU_KIND_INITIATING_MESSAGE, transactionId),
    );
  }
}
