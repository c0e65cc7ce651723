/**
 * One end of a link: a WebSocket carrying envelopes of one interface. The handshake state
 * machine (Hello, the attestation slot, ready), request/response correlation by transaction
 * id, supervision, backpressure and close with a cause all live here; the server and client
 * modules only open the socket.
 */
import { EventEmitter } from 'node:events';
import type { Logger } from 'pino';
import type WebSocket from 'ws';
import type { RawData } from 'ws';
import {
  boundText,
  causeFor,
  closeCodeFor,
  createEnvelopeCodec,
  createMessageRegistry,
  describeCause,
  type EnvelopeCodec,
  type ErrorCode,
  echoLimits,
  type Frame,
  type Header,
  type InterfaceSpec,
  linkPackages,
  type MessageInitMap,
  type MessageType,
  negotiateVersion,
  oran,
  PlugfestError,
  type ProtocolVersion,
  packageOf,
  type RoleName,
  roleFromWire,
  roleToWire,
} from '../wire/index.js';
import { stopDefaults } from './bounded-stop.js';
import { type LinkIdentity, type LinkOptions, linkDefaults, type SupervisionOptions } from './options.js';
import { type SupervisionLostEvent, Supervisor } from './supervision.js';
import type { LinkTls } from './tls.js';
import { WriteBudget } from './write-budget.js';

export type { SupervisionLostEvent };

export type LinkSide = 'server' | 'client';
export type LinkState = 'hello' | 'attesting' | 'ready' | 'closing' | 'closed';
export type Outcome = 'successful' | 'unsuccessful';

/** What the peer said of itself in the handshake. */
export interface PeerInfo {
  readonly instanceId: string;
  readonly vendorId: string;
  readonly role: RoleName | undefined;
  readonly productVersion: string;
  readonly features: readonly string[];
  readonly version: ProtocolVersion;
  readonly maxFrameBytes: number;
}

export interface ProtocolErrorEvent {
  readonly error: PlugfestError;
  /** `local`: this end could not process a frame; `peer`: the peer sent an error indication. */
  readonly origin: 'local' | 'peer';
  /** The O-RAN cause, as `group: value`. */
  readonly cause: string;
  readonly at: number;
}

export interface LinkCloseEvent {
  readonly code: number;
  readonly reason: string;
  readonly byPeer: boolean;
  /** The cause carried by the LinkClose that preceded the close, if any. */
  readonly cause?: string;
  readonly detail?: string;
  /** Why this end closed, when it did. */
  readonly error?: PlugfestError;
}

export interface LinkEvents {
  ready: [PeerInfo];
  message: [Frame];
  /** Initiating oran.attestation.v1 messages that arrive in the handshake's attestation slot. */
  attestation: [Frame];
  'protocol-error': [ProtocolErrorEvent];
  'supervision-lost': [SupervisionLostEvent];
  close: [LinkCloseEvent];
}

export interface LinkStats {
  framesIn: number;
  framesOut: number;
  bytesIn: number;
  bytesOut: number;
}

/**
 * The attestation slot: the accepting side runs it after a valid Hello and before HelloAck.
 * It may exchange oran.attestation.v1 messages with `link.request`; throwing refuses the peer.
 * Until the attestation issue lands, the default admits every peer.
 */
export type Admission = (peer: PeerInfo, link: Link) => Promise<void>;

const { PduKind } = oran.common.v1;
const noAnswer = 0;

interface Pending {
  readonly type: string;
  resolve(frame: Frame): void;
  reject(error: PlugfestError): void;
  timer: NodeJS.Timeout;
}

export class Link extends EventEmitter<LinkEvents> {
  readonly spec: InterfaceSpec;
  readonly side: LinkSide;
  readonly identity: LinkIdentity;
  readonly stats: LinkStats = { framesIn: 0, framesOut: 0, bytesIn: 0, bytesOut: 0 };
  /** Resolves once the link is ready; rejects with the error that ended the handshake. */
  readonly ready: Promise<PeerInfo>;
  /** The TLS session of an mTLS link (peer certificate, channel binding); undefined over ws://. */
  readonly tls: LinkTls | undefined;

  #state: LinkState = 'hello';
  #peer: PeerInfo | undefined;
  #version: ProtocolVersion;
  readonly #ws: WebSocket;
  readonly #codec: EnvelopeCodec;
  #log: Logger;
  readonly #versions: readonly ProtocolVersion[];
  readonly #budget: WriteBudget;
  readonly #requestTimeoutMs: number;
  readonly #admit: Admission | undefined;
  #supervision: SupervisionOptions | false;
  #pending = new Map<number, Pending>();
  #nextTransaction = 1;
  #supervisor: Supervisor | undefined;
  #handshakeTimer: NodeJS.Timeout | undefined;
  #settleReady!: { resolve(peer: PeerInfo): void; reject(error: PlugfestError): void };
  #closing: { error?: PlugfestError } | undefined;
  #remoteClose: { cause: string; detail: string } | undefined;
  #closed: Promise<LinkCloseEvent>;

  constructor(ws: WebSocket, side: LinkSide, options: LinkOptions, admit?: Admission, tls?: LinkTls) {
    super();
    this.#ws = ws;
    this.tls = tls;
    this.side = side;
    this.spec = options.spec;
    this.identity = options.identity;
    this.#admit = admit;
    this.#versions = options.versions ?? options.spec.versions;
    this.#version = this.#versions.reduce((a, b) =>
      b.major > a.major || (b.major === a.major && b.minor > a.minor) ? b : a,
    );
    const accepted = new Set([...linkPackages, ...options.spec.packages]);
    this.#codec = createEnvelopeCodec({
      registry: options.registry ?? createMessageRegistry(),
      ...(options.limits ? { limits: options.limits } : {}),
      accepts: (type) => accepted.has(packageOf(type)),
    });
    this.#budget = new WriteBudget(options.highWaterMarkBytes ?? linkDefaults.highWaterMarkBytes);
    this.#requestTimeoutMs = options.requestTimeoutMs ?? linkDefaults.requestTimeoutMs;
    this.#supervision = options.supervision ?? linkDefaults.supervision;
    this.#log = options.logger.child({ interface: this.spec.name, side });
    this.ready = new Promise<PeerInfo>((resolve, reject) => {
      this.#settleReady = { resolve, reject };
    });
    this.ready.catch(() => {});
    this.#closed = new Promise((resolve) => this.once('close', resolve));

    ws.binaryType = 'nodebuffer';
    ws.on('message', (data, isBinary) => this.#onMessage(data, isBinary));
    ws.on('close', (code, reason) => this.#onSocketClose(code, reason.toString()));
    ws.on('error', (error) => this.#log.warn({ err: error }, 'socket error'));

    const handshakeMs = options.handshakeTimeoutMs ?? linkDefaults.handshakeTimeoutMs;
    this.#handshakeTimer = setTimeout(() => {
      void this.close('handshake-timeout', `not ready within ${handshakeMs} ms (state ${this.#state})`);
    }, handshakeMs);
    if (side === 'client') void this.#sayHello(handshakeMs);
  }

  get state(): LinkState {
    return this.#state;
  }

  get peer(): PeerInfo | undefined {
    return this.#peer;
  }

  /** The negotiated version (before ready: the highest this end offers). */
  get version(): ProtocolVersion {
    return this.#version;
  }

  /** Bytes handed to the socket and not yet flushed, and the most there ever were. */
  get buffered(): { bytes: number; peakBytes: number; highWaterMark: number } {
    return {
      bytes: this.#budget.inFlight,
      peakBytes: this.#budget.peak,
      highWaterMark: this.#budget.highWaterMark,
    };
  }

  /** Sends an initiating message that expects no answer. Waits for ready and for buffer room. */
  async send<K extends MessageType>(type: K, message: MessageInitMap[K]): Promise<void> {
    await this.#whenWritable(type);
    this.#write(type, message, PduKind.PDU_KIND_INITIATING_MESSAGE, noAnswer);
  }

  /** Sends an initiating message and resolves with its outcome (successful or unsuccessful). */
  async request<K extends MessageType>(
    type: K,
    message: MessageInitMap[K],
    options: { timeoutMs?: number } = {},
  ): Promise<Frame> {
    await this.#whenWritable(type);
    return this.#request(type, message, options.timeoutMs ?? this.#requestTimeoutMs);
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
    this.#write(type, message, kind, to.header.transactionId);
  }

  /**
   * Sends bytes as one binary frame, bypassing the codec: what a conforming peer never sends
   * (a malformed PDU, a frame past the limit). For test peers; waits for ready and buffer room.
   */
  async sendRaw(bytes: Uint8Array): Promise<void> {
    await this.#whenWritable('raw');
    this.stats.framesOut += 1;
    this.stats.bytesOut += bytes.length;
    this.#budget.taken(bytes.length);
    this.#ws.send(bytes, { binary: true }, () => this.#budget.flushed(bytes.length));
  }

  /** Closes with a cause, sent first in a LinkClose. Resolves when the socket has closed. */
  async close(code: ErrorCode | 'normal' | 'going-away' = 'normal', detail = ''): Promise<LinkCloseEvent> {
    if (this.#state === 'closing' || this.#state === 'closed') return this.#closed;
    this.#state = 'closing';
    const error = code === 'normal' || code === 'going-away' ? undefined : new PlugfestError(code, detail);
    this.#closing = error ? { error } : {};
    this.#stopTimers();
    if (this.#ws.readyState === this.#ws.OPEN) {
      const cause = error
        ? causeFor(error.code)
        : { misc: oran.common.v1.CauseMisc.CAUSE_MISC_OM_INTERVENTION };
      this.#answer(
        'oran.common.v1.LinkClose',
        { cause, detail: boundText(detail, echoLimits.detailBytes) },
        PduKind.PDU_KIND_INITIATING_MESSAGE,
        noAnswer,
      );
      this.#ws.close(closeCodeFor(code), truncateReason(`${code}${detail ? `: ${detail}` : ''}`));
      this.#forceCloseAfter(stopDefaults.graceMs);
    } else {
      this.#ws.terminate();
      this.#forceCloseAfter(0);
    }
    return this.#closed;
  }

  /**
   * Bounds a close: a peer that never answers the close frame is cut off after `graceMs`
   * (socket destroyed), and should ws still not report the socket closed within another grace
   * period (it waits for its receiver to finish, which a paused or stalled socket may never
   * do), the link closes itself, so `close()` always resolves.
   */
  #forceCloseAfter(graceMs: number): void {
    const force = setTimeout(() => {
      this.#ws.terminate();
      const last = setTimeout(() => {
        if (this.#state !== 'closed')
          this.#onSocketClose(1006, 'closed by this end: socket did not close in time');
      }, stopDefaults.graceMs);
      void this.#closed.then(() => clearTimeout(last));
    }, graceMs);
    void this.#closed.then(() => clearTimeout(force));
  }

  /**
   * Ends the handshake with `error` as the reason `ready` rejects with (the client uses it for
   * failures the socket reports before any frame: refused upgrade, connection refused).
   */
  failHandshake(error: PlugfestError): void {
    if (this.#state === 'ready' || this.#state === 'closed') return;
    this.#settleReady.reject(error);
    this.#closing ??= { error };
    this.#stopTimers();
    if (this.#ws.readyState === this.#ws.CLOSED) this.#onSocketClose(1006, error.rawMessage);
  }

  async #whenWritable(type: string): Promise<void> {
    const linkLevel = linkPackages.includes(packageOf(type));
    if (!linkLevel && this.#state !== 'ready') await this.ready;
    if (this.#state === 'closing' || this.#state === 'closed') {
      throw new PlugfestError(
        'link-closed',
        `cannot send ${type}: the ${this.spec.name} link is ${this.#state}`,
      );
    }
    await this.#budget.acquire();
  }

  #request(type: MessageType, message: unknown, timeoutMs: number): Promise<Frame> {
    const transactionId = this.#allocateTransaction();
    return new Promise<Frame>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(transactionId);
        reject(
          new PlugfestError(
            'request-timeout',
            `no answer to ${type} (transaction ${transactionId}) within ${timeoutMs} ms`,
            { messageType: type, transactionId, timeoutMs },
          ),
        );
      }, timeoutMs);
      this.#pending.set(transactionId, { type, resolve, reject, timer });
      this.#write(type, message as never, PduKind.PDU_KIND_INITIATING_MESSAGE, transactionId);
    });
  }

  #allocateTransaction(): number {
    const id = this.#nextTransaction;
    this.#nextTransaction = id >= 0xffffffff ? 1 : id + 1;
    return id;
  }

  #write(type: MessageType, message: unknown, pduKind: oran.common.v1.PduKind, transactionId: number): void {
    const bytes = this.#codec.encode(type, message as never, {
      interface: this.spec.wire,
      version: this.#version,
      pduKind,
      transactionId,
      senderInstance: this.identity.instanceId,
      sendTimeUnixMs: performance.timeOrigin + performance.now(),
    });
    this.stats.framesOut += 1;
    this.stats.bytesOut += bytes.length;
    this.#budget.taken(bytes.length);
    this.#ws.send(bytes, { binary: true }, () => this.#budget.flushed(bytes.length));
  }

  /**
   * Writes what this end sends of its own accord or in answer to the peer (handshake answers,
   * heartbeats, error indications, LinkClose). It never throws: what it echoes is bounded
   * (echoLimits), and should a write fail anyway it is logged and the frame handler that
   * called it carries on, so no frame a peer sends can end the process.
   */
  #answer(type: MessageType, message: unknown, pduKind: oran.common.v1.PduKind, transactionId: number): void {
    try {
      this.#write(type, message, pduKind, transactionId);
    } catch (reason) {
      const error = PlugfestError.from(reason);
      this.#log.error({ code: error.code, messageType: type, detail: error.rawMessage }, 'answer not sent');
    }
  }

  #onMessage(data: RawData, isBinary: boolean): void {
    // Nothing a frame does may escape into ws's receiver, where it would end the process.
    try {
      this.#receive(data, isBinary);
    } catch (reason) {
      const error = PlugfestError.from(reason);
      this.#log.error(
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
    const decoded = this.#codec.decode(bytes);
    if (!decoded.ok) {
      this.notifyError(decoded.error, decoded.header);
      return;
    }
    this.#dispatch(decoded.frame);
  }

  #dispatch(frame: Frame): void {
    const { header, type } = frame;
    if (header.pduKind !== PduKind.PDU_KIND_INITIATING_MESSAGE) {
      const pending = this.#pending.get(header.transactionId);
      if (pending && header.transactionId !== noAnswer) {
        this.#pending.delete(header.transactionId);
        clearTimeout(pending.timer);
        pending.resolve(frame);
        return;
      }
    }
    switch (type) {
      case 'oran.common.v1.Hello':
        void this.#onHello(frame as Frame<'oran.common.v1.Hello'>);
        return;
      case 'oran.common.v1.Heartbeat':
        this.#onHeartbeat(frame as Frame<'oran.common.v1.Heartbeat'>);
        return;
      case 'oran.common.v1.HeartbeatAck':
        this.#heard();
        return;
      case 'oran.common.v1.ErrorIndication':
        this.#onErrorIndication(frame as Frame<'oran.common.v1.ErrorIndication'>);
        return;
      case 'oran.common.v1.LinkClose': {
        const { cause, detail } = (frame as Frame<'oran.common.v1.LinkClose'>).message;
        this.#remoteClose = { cause: describeCause(cause), detail };
        return;
      }
    }
    if (packageOf(type) === 'oran.attestation.v1' && this.#state !== 'ready') {
      this.emit('attestation', frame);
      return;
    }
    if (this.#state !== 'ready') {
      this.notifyError(
        new PlugfestError(
          'not-ready',
          `${type} received in state ${this.#state}; nothing of the interface flows before ready`,
          {
            messageType: type,
          },
        ),
        header,
      );
      return;
    }
    try {
      this.emit('message', frame);
    } catch (reason) {
      const error = PlugfestError.from(reason);
      this.#log.error({ messageType: type, detail: error.rawMessage }, 'message listener failed');
      this.notifyError(new PlugfestError('internal', `${type} not processed: ${error.rawMessage}`), header);
    }
  }

  async #sayHello(handshakeMs: number): Promise<void> {
    await new Promise<void>((resolve) => {
      if (this.#ws.readyState === this.#ws.OPEN) resolve();
      else this.#ws.once('open', () => resolve());
    });
    const supervision = this.#supervision;
    const hello: MessageInitMap['oran.common.v1.Hello'] = {
      interface: this.spec.wire,
      offeredVersions: [...this.#versions],
      instanceId: this.identity.instanceId,
      vendorId: this.identity.vendorId,
      role: roleToWire(this.identity.role),
      productVersion: this.identity.productVersion,
      features: [...(this.identity.features ?? [])],
      maxFrameBytes: this.#codec.limits.maxFrameBytes,
      supervisionIntervalMs: supervision ? supervision.intervalMs : 0,
      supervisionGuardMs: supervision ? supervision.guardMs : 0,
    };
    let answer: Frame;
    try {
      answer = await this.#request('oran.common.v1.Hello', hello, handshakeMs);
    } catch (error) {
      void this.close('handshake-timeout', PlugfestError.from(error).rawMessage);
      return;
    }
    if (answer.type === 'oran.common.v1.HelloFailure') {
      const failure = (answer as Frame<'oran.common.v1.HelloFailure'>).message;
      const refusal = failure.detail || describeCause(failure.cause);
      const code: ErrorCode =
        failure.supportedVersions.length > 0 ? 'version-mismatch' : 'attestation-failed';
      this.#settleReady.reject(
        new PlugfestError(code, `peer refused the link: ${refusal}`, { cause: describeCause(failure.cause) }),
      );
      void this.close(code, refusal);
      return;
    }
    if (answer.type !== 'oran.common.v1.HelloAck') {
      void this.close('malformed-frame', `Hello answered with ${answer.type}`);
      return;
    }
    const ack = (answer as Frame<'oran.common.v1.HelloAck'>).message;
    const selected = ack.selectedVersion ?? { major: 0, minor: 0 };
    if (!this.#versions.some((v) => v.major === selected.major && v.minor === selected.minor)) {
      void this.close(
        'version-mismatch',
        `peer selected ${selected.major}.${selected.minor}, which this side did not offer`,
      );
      return;
    }
    this.#becomeReady({
      instanceId: ack.instanceId,
      vendorId: ack.vendorId,
      role: roleFromWire(ack.role),
      productVersion: ack.productVersion,
      features: ack.features,
      version: { major: selected.major ?? 0, minor: selected.minor ?? 0 },
      maxFrameBytes: ack.maxFrameBytes,
    });
  }

  async #onHello(frame: Frame<'oran.common.v1.Hello'>): Promise<void> {
    if (this.side !== 'server' || this.#state !== 'hello') {
      this.notifyError(
        new PlugfestError('not-ready', `Hello received in state ${this.#state}`),
        frame.header,
      );
      return;
    }
    const hello = frame.message;
    const offered = hello.offeredVersions.map((v) => ({ major: v.major ?? 0, minor: v.minor ?? 0 }));
    const negotiation =
      hello.interface === this.spec.wire
        ? negotiateVersion(offered, this.#versions)
        : {
            ok: false as const,
            error: new PlugfestError(
              'version-mismatch',
              `Hello is for interface ${hello.interface}, this link carries ${this.spec.name}`,
            ),
          };
    if (!negotiation.ok) {
      this.#refuse(frame, negotiation.error, offered);
      return;
    }
    this.#version = negotiation.version;
    if (hello.supervisionIntervalMs > 0) {
      this.#supervision = { intervalMs: hello.supervisionIntervalMs, guardMs: hello.supervisionGuardMs };
    } else {
      this.#supervision = false;
    }
    const peer: PeerInfo = {
      instanceId: hello.instanceId,
      vendorId: hello.vendorId,
      role: roleFromWire(hello.role),
      productVersion: hello.productVersion,
      features: hello.features,
      version: negotiation.version,
      maxFrameBytes: hello.maxFrameBytes,
    };
    this.#state = 'attesting';
    try {
      await this.#admit?.(peer, this);
    } catch (error) {
      this.#refuse(frame, PlugfestError.from(error, 'attestation-failed'), offered);
      return;
    }
    if (this.#state !== 'attesting') return;
    this.#answer(
      'oran.common.v1.HelloAck',
      {
        selectedVersion: negotiation.version,
        instanceId: this.identity.instanceId,
        vendorId: this.identity.vendorId,
        role: roleToWire(this.identity.role),
        productVersion: this.identity.productVersion,
        features: [...(this.identity.features ?? [])],
        maxFrameBytes: this.#codec.limits.maxFrameBytes,
        attestationRequired: this.#admit !== undefined,
      },
      PduKind.PDU_KIND_SUCCESSFUL_OUTCOME,
      frame.header.transactionId,
    );
    this.#becomeReady(peer);
  }

  #refuse(hello: Frame, error: PlugfestError, offered: ProtocolVersion[]): void {
    const versionRefusal = error.code === 'version-mismatch';
    this.#answer(
      'oran.common.v1.HelloFailure',
      {
        cause: causeFor(error.code),
        offeredVersions: offered.slice(0, echoLimits.offeredVersions),
        supportedVersions: versionRefusal ? [...this.#versions] : [],
        detail: boundText(error.rawMessage, echoLimits.detailBytes),
      },
      PduKind.PDU_KIND_UNSUCCESSFUL_OUTCOME,
      hello.header.transactionId,
    );
    this.#log.warn(
      { code: error.code, detail: boundText(error.rawMessage, echoLimits.detailBytes) },
      'peer refused',
    );
    this.#settleReady.reject(error);
    void this.close(error.code, error.rawMessage);
  }

  #becomeReady(peer: PeerInfo): void {
    clearTimeout(this.#handshakeTimer);
    this.#peer = peer;
    this.#version = peer.version;
    this.#state = 'ready';
    this.#log = this.#log.child({ peer: peer.instanceId, peerVendor: peer.vendorId });
    this.#startSupervision();
    this.#log.info({ version: `${peer.version.major}.${peer.version.minor}` }, 'link ready');
    this.#settleReady.resolve(peer);
    this.emit('ready', peer);
  }

  #startSupervision(): void {
    const supervision = this.#supervision;
    if (!supervision) return;
    this.#supervisor = new Supervisor(supervision, {
      sendHeartbeat: (sequence) =>
        this.#answer('oran.common.v1.Heartbeat', { sequence }, PduKind.PDU_KIND_INITIATING_MESSAGE, noAnswer),
      lost: (event) => {
        this.#log.warn(event, 'supervision lost');
        this.emit('supervision-lost', event);
        void this.close(
          'supervision-lost',
          `no heartbeat for ${event.detectedAt - event.lastHeardAt} ms (interval ${event.intervalMs} ms + guard ${event.guardMs} ms)`,
        );
      },
    });
    this.#supervisor.start(this.side === 'client');
  }

  #onHeartbeat(frame: Frame<'oran.common.v1.Heartbeat'>): void {
    if (this.#state !== 'ready') return;
    this.#heard();
    this.#answer(
      'oran.common.v1.HeartbeatAck',
      { sequence: frame.message.sequence },
      PduKind.PDU_KIND_SUCCESSFUL_OUTCOME,
      noAnswer,
    );
  }

  /** Re-arms the watchdog: supervision is lost after interval + guard with nothing heard. */
  #heard(): void {
    if (this.#state === 'ready') this.#supervisor?.heard();
  }

  #onErrorIndication(frame: Frame<'oran.common.v1.ErrorIndication'>): void {
    const { cause, criticalityDiagnostics: diagnostics } = frame.message;
    const code = (diagnostics?.errorCode || 'internal') as ErrorCode;
    const error = new PlugfestError(code, `peer reports: ${diagnostics?.detail ?? ''}`, {
      messageType: diagnostics?.messageType,
      transactionId: diagnostics?.transactionId,
    });
    const event: ProtocolErrorEvent = { error, origin: 'peer', cause: describeCause(cause), at: Date.now() };
    this.#log.warn({ cause: event.cause, code, detail: diagnostics?.detail }, 'error indication received');
    this.emit('protocol-error', event);
  }

  /**
   * A frame this end cannot process: answered with an error indication carrying the cause,
   * logged and reported, and the link stays up.
   */
  notifyError(error: PlugfestError, header?: Header): void {
    const cause = causeFor(error.code);
    const detail = boundText(error.rawMessage, echoLimits.detailBytes);
    const event: ProtocolErrorEvent = { error, origin: 'local', cause: describeCause(cause), at: Date.now() };
    this.#log.warn({ code: error.code, cause: event.cause, detail }, 'frame refused');
    try {
      this.emit('protocol-error', event);
    } catch (reason) {
      this.#log.error({ detail: PlugfestError.from(reason).rawMessage }, 'protocol-error listener failed');
    }
    if (this.#ws.readyState !== this.#ws.OPEN) return;
    this.#answer(
      'oran.common.v1.ErrorIndication',
      {
        cause,
        criticalityDiagnostics: {
          messageType: boundText(header?.messageType ?? '', echoLimits.messageTypeBytes),
          transactionId: header?.transactionId ?? 0,
          errorCode: error.code,
          detail,
        },
      },
      PduKind.PDU_KIND_INITIATING_MESSAGE,
      noAnswer,
    );
  }

  #stopTimers(): void {
    clearTimeout(this.#handshakeTimer);
    this.#supervisor?.stop();
  }

  #onSocketClose(code: number, reason: string): void {
    if (this.#state === 'closed') return;
    this.#stopTimers();
    const byPeer = this.#closing === undefined;
    const error = this.#closing?.error;
    this.#state = 'closed';
    const closed = new PlugfestError(
      'link-closed',
      `${this.spec.name} link closed (${code}${reason ? ` ${reason}` : ''})`,
      {
        code,
        reason,
      },
    );
    for (const pending of this.#pending.values()) {
      clearTimeout(pending.timer);
      pending.reject(new PlugfestError('link-closed', `${pending.type} unanswered: ${closed.rawMessage}`));
    }
    this.#pending.clear();
    this.#budget.fail(closed);
    this.#settleReady.reject(error ?? closed);
    const event: LinkCloseEvent = {
      code,
      reason,
      byPeer,
      ...(this.#remoteClose ?? {}),
      ...(error ? { error } : {}),
    };
    this.#log.info({ code, reason, byPeer, cause: event.cause }, 'link closed');
    this.emit('close', event);
  }
}

/** RFC 6455 allows 123 bytes of close reason. */
function truncateReason(reason: string): string {
  const bytes = Buffer.from(reason);
  return bytes.length <= 123 ? reason : `${bytes.subarray(0, 120).toString()}...`;
}
