/**
 * One end of a link: a WebSocket carrying envelopes of one interface. `Link` is the public
 * face; it reads frames and routes them to its parts: the handshake (Hello, the attestation
 * slot, ready: link-handshake.ts), request/response correlation by transaction id
 * (link-requests.ts), heartbeats (link-heartbeats.ts), error indications (link-errors.ts) and
 * close with a cause (link-close.ts), which share the socket and codec (link-core.ts). The
 * server and client modules only open the socket.
 */
import { EventEmitter } from 'node:events';
import type WebSocket from 'ws';
import type { RawData } from 'ws';
import {
  boundText,
  type ErrorCode,
  echoLimits,
  type Frame,
  type Header,
  type InterfaceSpec,
  linkPackages,
  type MessageInitMap,
  type MessageType,
  oran,
  PlugfestError,
  type ProtocolVersion,
  packageOf,
} from '../wire/index.js';
import { LinkCloser } from './link-close.js';
import { LinkCore } from './link-core.js';
import { peerReported, refuseFrame } from './link-errors.js';
import { Handshake } from './link-handshake.js';
import { Heartbeats } from './link-heartbeats.js';
import { noAnswer } from './link-requests.js';
import type {
  Admission,
  LinkCloseEvent,
  LinkEvents,
  LinkSide,
  LinkState,
  LinkStats,
  Outcome,
  PeerInfo,
  ProtocolErrorEvent,
} from './link-types.js';
import { type LinkIdentity, type LinkOptions, linkDefaults } from './options.js';
import type { SupervisionLostEvent } from './supervision.js';
import type { LinkTls } from './tls.js';

export type {
  Admission,
  LinkCloseEvent,
  LinkEvents,
  LinkSide,
  LinkState,
  LinkStats,
  Outcome,
  PeerInfo,
  ProtocolErrorEvent,
  SupervisionLostEvent,
};

const { PduKind } = oran.common.v1;

export class Link extends EventEmitter<LinkEvents> {
  readonly spec: InterfaceSpec;
  readonly side: LinkSide;
  readonly identity: LinkIdentity;
  readonly stats: LinkStats = { framesIn: 0, framesOut: 0, bytesIn: 0, bytesOut: 0 };
  /** Resolves once the link is ready; rejects with the error that ended the handshake. */
  readonly ready: Promise<PeerInfo>;
  /** The TLS session of an mTLS link (peer certificate, channel binding); undefined over ws://. */
  readonly tls: LinkTls | undefined;

  readonly #core: LinkCore;
  readonly #handshake: Handshake;
  readonly #heartbeats: Heartbeats;
  readonly #closer: LinkCloser;

  constructor(ws: WebSocket, side: LinkSide, options: LinkOptions, admit?: Admission, tls?: LinkTls) {
    super();
    this.tls = tls;
    this.side = side;
    this.spec = options.spec;
    this.identity = options.identity;
    const core = new LinkCore(ws, side, options, this.stats);
    this.#core = core;
    this.#heartbeats = new Heartbeats(this, core);
    this.#handshake = new Handshake(this, core, admit, () => this.#heartbeats.start());
    this.ready = this.#handshake.ready;
    this.#closer = new LinkCloser(
      this,
      core,
      () => this.#stopTimers(),
      (error) => this.#handshake.fail(error),
    );

    ws.binaryType = 'nodebuffer';
    ws.on('message', (data, isBinary) => this.#onMessage(data, isBinary));
    ws.on('close', (code, reason) => this.#closer.socketClosed(code, reason.toString()));
    ws.on('error', (error) => core.log.warn({ err: error }, 'socket error'));

    this.#handshake.start(options.handshakeTimeoutMs ?? linkDefaults.handshakeTimeoutMs);
  }

  get state(): LinkState {
    return this.#core.state;
  }

  get peer(): PeerInfo | undefined {
    return this.#handshake.peer;
  }

  /** The negotiated version (before ready: the highest this end offers). */
  get version(): ProtocolVersion {
    return this.#core.version;
  }

  /** Bytes handed to the socket and not yet flushed, and the most there ever were. */
  get buffered(): { bytes: number; peakBytes: number; highWaterMark: number } {
    const { budget } = this.#core;
    return { bytes: budget.inFlight, peakBytes: budget.peak, highWaterMark: budget.highWaterMark };
  }

  /** Sends an initiating message that expects no answer. Waits for ready and for buffer room. */
  async send<K extends MessageType>(type: K, message: MessageInitMap[K]): Promise<void> {
    await this.#whenWritable(type);
    this.#core.write(type, message, PduKind.PDU_KIND_INITIATING_MESSAGE, noAnswer);
  }

  /** Sends an initiating message and resolves with its outcome (successful or unsuccessful). */
  async request<K extends MessageType>(
    type: K,
    message: MessageInitMap[K],
    options: { timeoutMs?: number } = {},
  ): Promise<Frame> {
    await this.#whenWritable(type);
    return this.#core.request(type, message, options.timeoutMs ?? this.#core.requestTimeoutMs);
  }

  /** Answers a received initiating message with its outcome, echoing its transaction id. */
  async reply<K extends MessageType>(
    to: Frame,
    type: K,
    message: MessageInitMap[K],
    outcome: Outcome = 'successful',
  ): Promise<void> {
    await this.#whenWritable(type);
    const kind =
      outcome === 'successful' ? PduKind.PDU_KIND_SUCCESSFUL_OUTCOME : PduKind.PDU_KIND_UNSUCCESSFUL_OUTCOME;
    this.#core.write(type, message, kind, to.header.transactionId);
  }

  /**
   * Sends bytes as one binary frame, bypassing the codec: what a conforming peer never sends
   * (a malformed PDU, a frame past the limit). For test peers; waits for ready and buffer room.
   */
  async sendRaw(bytes: Uint8Array): Promise<void> {
    await this.#whenWritable('raw');
    this.#core.writeRaw(bytes);
  }

  /** Closes with a cause, sent first in a LinkClose. Resolves when the socket has closed. */
  async close(code: ErrorCode | 'normal' | 'going-away' = 'normal', detail = ''): Promise<LinkCloseEvent> {
    return this.#closer.close(code, detail);
  }

  /**
   * Ends the handshake with `error` as the reason `ready` rejects with (the client uses it for
   * failures the socket reports before any frame: refused upgrade, connection refused).
   */
  failHandshake(error: PlugfestError): void {
    const { state, ws } = this.#core;
    if (state === 'ready' || state === 'closed') return;
    this.#handshake.fail(error);
    this.#closer.closingWith(error);
    this.#stopTimers();
    if (ws.readyState === ws.CLOSED) this.#closer.socketClosed(1006, error.rawMessage);
  }

  /**
   * A frame this end cannot process: answered with an error indication carrying the cause,
   * logged and reported, and the link stays up.
   */
  notifyError(error: PlugfestError, header?: Header): void {
    refuseFrame(this, this.#core, error, header);
  }

  async #whenWritable(type: string): Promise<void> {
    const linkLevel = linkPackages.includes(packageOf(type));
    if (!linkLevel && this.#core.state !== 'ready') await this.ready;
    const { state } = this.#core;
    if (state === 'closing' || state === 'closed') {
      throw new PlugfestError('link-closed', `cannot send ${type}: the ${this.spec.name} link is ${state}`);
    }
    await this.#core.budget.acquire();
  }

  #onMessage(data: RawData, isBinary: boolean): void {
    // Nothing a frame does may escape into ws's receiver, where it would end the process.
    try {
      this.#receive(data, isBinary);
    } catch (reason) {
      const error = PlugfestError.from(reason);
      this.#core.log.error(
        { code: error.code, detail: boundText(error.rawMessage, echoLimits.detailBytes) },
        'frame handling failed',
      );
      this.notifyError(new PlugfestError('internal', `frame handling failed: ${error.rawMessage}`));
    }
  }

  #receive(data: RawData, isBinary: boolean): void {
    const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as Buffer);
    this.stats.framesIn += 1;
    this.stats.bytesIn += bytes.length;
    if (!isBinary) {
      this.notifyError(
        new PlugfestError('malformed-frame', 'text frame received; every frame is a binary envelope'),
      );
      return;
    }
    const decoded = this.#core.codec.decode(bytes);
    if (!decoded.ok) {
      this.notifyError(decoded.error, decoded.header);
      return;
    }
    this.#dispatch(decoded.frame);
  }

  #dispatch(frame: Frame): void {
    const { header, type } = frame;
    if (this.#core.requests.settle(frame)) return;
    switch (type) {
      case 'oran.common.v1.Hello':
        void this.#handshake.onHello(frame as Frame<'oran.common.v1.Hello'>);
        return;
      case 'oran.common.v1.Heartbeat':
        this.#heartbeats.onHeartbeat(frame as Frame<'oran.common.v1.Heartbeat'>);
        return;
      case 'oran.common.v1.HeartbeatAck':
        this.#heartbeats.heard();
        return;
      case 'oran.common.v1.ErrorIndication':
        peerReported(this, this.#core, frame as Frame<'oran.common.v1.ErrorIndication'>);
        return;
      case 'oran.common.v1.LinkClose':
        this.#closer.peerClosing((frame as Frame<'oran.common.v1.LinkClose'>).message);
        return;
    }
    const { state } = this.#core;
    if (packageOf(type) === 'oran.attestation.v1' && state !== 'ready') {
      this.emit('attestation', frame);
      return;
    }
    if (state !== 'ready') {
      this.notifyError(
        new PlugfestError(
          'not-ready',
          `${type} received in state ${state}; nothing of the interface flows before ready`,
          { messageType: type },
        ),
        header,
      );
      return;
    }
    try {
      this.emit('message', frame);
    } catch (reason) {
      const error = PlugfestError.from(reason);
      this.#core.log.error({ messageType: type, detail: error.rawMessage }, 'message listener failed');
      this.notifyError(new PlugfestError('internal', `${type} not processed: ${error.rawMessage}`), header);
    }
  }

  #stopTimers(): void {
    this.#handshake.stop();
    this.#heartbeats.stop();
  }
}
