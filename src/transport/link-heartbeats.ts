/**
 * A ready link's heartbeats (supervision.ts): the dialling side sends them, the other end
 * acknowledges them, and either end that hears nothing for interval + guard closes the link
 * with `supervision-lost`.
 */
import { type Frame, oran } from '../wire/index.js';
import type { Link } from './link.js';
import type { LinkCore } from './link-core.js';
import { noAnswer } from './link-requests.js';
import { Supervisor } from './supervision.js';

const { PduKind } = oran.common.v1;

export class Heartbeats {
  #supervisor: Supervisor | undefined;

  constructor(
    private readonly link: Link,
    private readonly core: LinkCore,
  ) {}

  /** Starts supervision as negotiated (none if it was turned off). */
  start(): void {
    const { core } = this;
    const supervision = core.supervision;
    if (!supervision) return;
    this.#supervisor = new Supervisor(supervision, {
      sendHeartbeat: (sequence) =>
        core.answer('oran.common.v1.Heartbeat', { sequence }, PduKind.PDU_KIND_INITIATING_MESSAGE, noAnswer),
      lost: (event) => {
        core.log.warn(event, 'supervision lost');
        this.link.emit('supervision-lost', event);
        void this.link.close(
          'supervision-lost',
          `no heartbeat for ${event.detectedAt - event.lastHeardAt} ms (interval ${event.intervalMs} ms + guard ${event.guardMs} ms)`,
        );
      },
    });
    this.#supervisor.start(core.side === 'client');
  }

  /** The peer's Heartbeat: heard, and acknowledged (ignored before ready). */
  onHeartbeat(frame: Frame<'oran.common.v1.Heartbeat'>): void {
    if (this.core.state !== 'ready') return;
    this.heard();
    this.core.answer(
      'oran.common.v1.HeartbeatAck',
      { sequence: frame.message.sequence },
      PduKind.PDU_KIND_SUCCESSFUL_OUTCOME,
      noAnswer,
    );
  }

  /** Re-arms the watchdog: supervision is lost after interval + guard with nothing heard. */
  heard(): void {
    if (this.core.state === 'ready') this.#supervisor?.heard();
  }

  stop(): void {
    this.#supervisor?.stop();
  }
}
