/**
 * The handshake of a link: the dialling side sends Hello and reads HelloAck or HelloFailure;
 * the accepting side negotiates the version, runs the attestation slot, then answers HelloAck
 * or refuses with HelloFailure. Either way the link becomes ready, or `ready` rejects with the
 * error that ended the handshake.
 */
import {
  boundText,
  causeFor,
  describeCause,
  type ErrorCode,
  echoLimits,
  type Frame,
  type MessageInitMap,
  negotiateVersion,
  oran,
  PlugfestError,
  type ProtocolVersion,
  roleFromWire,
  roleToWire,
} from '../wire/index.js';
import type { Link } from './link.js';
import type { LinkCore } from './link-core.js';
import type { Admission, PeerInfo } from './link-types.js';
import { supervisionProblem } from './options.js';

const { PduKind } = oran.common.v1;

export class Handshake {
  /** Resolves once the link is ready; rejects with the error that ended the handshake. */
  readonly ready: Promise<PeerInfo>;
  #peer: PeerInfo | undefined;
  #timer: NodeJS.Timeout | undefined;
  #settle!: { resolve(peer: PeerInfo): void; reject(error: PlugfestError): void };

  /**
   * `admit`: the attestation slot (accepting side); none admits every peer. `onReady`: what
   * the link starts once ready (its heartbeats), before `ready` resolves.
   */
  constructor(
    private readonly link: Link,
    private readonly core: LinkCore,
    private readonly admit: Admission | undefined,
    private readonly onReady: () => void,
  ) {
    this.ready = new Promise<PeerInfo>((resolve, reject) => {
      this.#settle = { resolve, reject };
    });
    this.ready.catch(() => {});
  }

  get peer(): PeerInfo | undefined {
    return this.#peer;
  }

  /** Starts the handshake's clock, and on the dialling side sends Hello. */
  start(timeoutMs: number): void {
    this.#timer = setTimeout(() => {
      void this.link.close(
        'handshake-timeout',
        `not ready within ${timeoutMs} ms (state ${this.core.state})`,
      );
    }, timeoutMs);
    if (this.core.side === 'client') void this.#sayHello(timeoutMs);
  }

  /** Ends the handshake: `ready` rejects with `error` (nothing once it has resolved). */
  fail(error: PlugfestError): void {
    this.#settle.reject(error);
  }

  /** Stops the handshake's clock. */
  stop(): void {
    clearTimeout(this.#timer);
  }

  async #sayHello(timeoutMs: number): Promise<void> {
    const { ws, versions } = this.core;
    await new Promise<void>((resolve) => {
      if (ws.readyState === ws.OPEN) resolve();
      else ws.once('open', () => resolve());
    });
    const { spec, identity } = this.core.options;
    const supervision = this.core.supervision;
    const hello: MessageInitMap['oran.common.v1.Hello'] = {
      interface: spec.wire,
      offeredVersions: [...versions],
      instanceId: identity.instanceId,
      vendorId: identity.vendorId,
      role: roleToWire(identity.role),
      productVersion: identity.productVersion,
      features: [...(identity.features ?? [])],
      maxFrameBytes: this.core.codec.limits.maxFrameBytes,
      supervisionIntervalMs: supervision ? supervision.intervalMs : 0,
      supervisionGuardMs: supervision ? supervision.guardMs : 0,
    };
    let answer: Frame;
    try {
      answer = await this.core.request('oran.common.v1.Hello', hello, timeoutMs);
    } catch (error) {
      void this.link.close('handshake-timeout', PlugfestError.from(error).rawMessage);
      return;
    }
    if (answer.type === 'oran.common.v1.HelloFailure') {
      const failure = (answer as Frame<'oran.common.v1.HelloFailure'>).message;
      const refusal = failure.detail || describeCause(failure.cause);
      const code: ErrorCode =
        failure.supportedVersions.length > 0
          ? 'version-mismatch'
          : describeCause(failure.cause) === 'protocol: semantic-error'
            ? 'value-out-of-range'
            : 'attestation-failed';
      this.#settle.reject(
        new PlugfestError(code, `peer refused the link: ${refusal}`, { cause: describeCause(failure.cause) }),
      );
      void this.link.close(code, refusal);
      return;
    }
    if (answer.type !== 'oran.common.v1.HelloAck') {
      void this.link.close('malformed-frame', `Hello answered with ${answer.type}`);
      return;
    }
    const ack = (answer as Frame<'oran.common.v1.HelloAck'>).message;
    const selected = ack.selectedVersion ?? { major: 0, minor: 0 };
    if (!versions.some((v) => v.major === selected.major && v.minor === selected.minor)) {
      void this.link.close(
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

  /** A Hello received: the accepting side answers it; anywhere else it is refused as not-ready. */
  async onHello(frame: Frame<'oran.common.v1.Hello'>): Promise<void> {
    const { core, admit } = this;
    if (core.side !== 'server' || core.state !== 'hello') {
      this.link.notifyError(
        new PlugfestError('not-ready', `Hello received in state ${core.state}`),
        frame.header,
      );
      return;
    }
    const { spec, identity } = core.options;
    const hello = frame.message;
    const offered = hello.offeredVersions.map((v) => ({ major: v.major ?? 0, minor: v.minor ?? 0 }));
    const negotiation =
      hello.interface === spec.wire
        ? negotiateVersion(offered, core.versions)
        : {
            ok: false as const,
            error: new PlugfestError(
              'version-mismatch',
              `Hello is for interface ${hello.interface}, this link carries ${spec.name}`,
            ),
          };
    if (!negotiation.ok) {
      this.#refuse(frame, negotiation.error, offered);
      return;
    }
    const unsupervisable =
      core.options.acceptUnsupervised && hello.supervisionIntervalMs === 0
        ? undefined
        : supervisionProblem(hello.supervisionIntervalMs, hello.supervisionGuardMs);
    if (unsupervisable) {
      this.#refuse(frame, new PlugfestError('value-out-of-range', `Hello: ${unsupervisable}`), offered);
      return;
    }
    core.version = negotiation.version;
    if (hello.supervisionIntervalMs > 0) {
      core.supervision = { intervalMs: hello.supervisionIntervalMs, guardMs: hello.supervisionGuardMs };
    } else {
      core.supervision = false;
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
    core.state = 'attesting';
    try {
      await admit?.(peer, this.link);
    } catch (error) {
      this.#refuse(frame, PlugfestError.from(error, 'attestation-failed'), offered);
      return;
    }
    if (core.state !== 'attesting') return;
    core.answer(
      'oran.common.v1.HelloAck',
      {
        selectedVersion: negotiation.version,
        instanceId: identity.instanceId,
        vendorId: identity.vendorId,
        role: roleToWire(identity.role),
        productVersion: identity.productVersion,
        features: [...(identity.features ?? [])],
        maxFrameBytes: core.codec.limits.maxFrameBytes,
        attestationRequired: admit !== undefined,
      },
      PduKind.PDU_KIND_SUCCESSFUL_OUTCOME,
      frame.header.transactionId,
    );
    this.#becomeReady(peer);
  }

  #refuse(hello: Frame, error: PlugfestError, offered: ProtocolVersion[]): void {
    const versionRefusal = error.code === 'version-mismatch';
    this.core.answer(
      'oran.common.v1.HelloFailure',
      {
        cause: causeFor(error.code),
        offeredVersions: offered.slice(0, echoLimits.offeredVersions),
        supportedVersions: versionRefusal ? [...this.core.versions] : [],
        detail: boundText(error.rawMessage, echoLimits.detailBytes),
      },
      PduKind.PDU_KIND_UNSUCCESSFUL_OUTCOME,
      hello.header.transactionId,
    );
    this.core.log.warn(
      { code: error.code, detail: boundText(error.rawMessage, echoLimits.detailBytes) },
      'peer refused',
    );
    this.#settle.reject(error);
    void this.link.close(error.code, error.rawMessage);
  }

  #becomeReady(peer: PeerInfo): void {
    clearTimeout(this.#timer);
    this.#peer = peer;
    this.core.version = peer.version;
    this.core.state = 'ready';
    this.core.log = this.core.log.child({ peer: peer.instanceId, peerVendor: peer.vendorId });
    this.onReady();
    this.core.log.info({ version: `${peer.version.major}.${peer.version.minor}` }, 'link ready');
    this.#settle.resolve(peer);
    this.link.emit('ready', peer);
  }
}
