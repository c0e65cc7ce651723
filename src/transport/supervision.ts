/**
 * Link supervision, after the M-plane supervision watchdog (o-ran-supervision): the dialling
 * side sends a heartbeat every interval, and either side that hears nothing for interval +
 * guard declares supervision lost, with the time it noticed.
 */
import type { SupervisionOptions } from './options.js';

export interface SupervisionLostEvent {
  readonly detectedAt: number;
  readonly lastHeardAt: number;
  readonly intervalMs: number;
  readonly guardMs: number;
}

export interface SupervisorHooks {
  /** Sends one heartbeat (dialling side only). */
  sendHeartbeat(sequence: number): void;
  /** Called once, when nothing was heard for interval + guard. */
  lost(event: SupervisionLostEvent): void;
}

export class Supervisor {
  #watchdog: NodeJS.Timeout | undefined;
  #heartbeat: NodeJS.Timeout | undefined;
  #sequence = 0;
  #lastHeardAt = 0;

  constructor(
    readonly options: SupervisionOptions,
    private readonly hooks: SupervisorHooks,
  ) {}

  /** Arms the watchdog; the dialling side also starts its heartbeats. */
  start(sendsHeartbeats: boolean): void {
    this.heard();
    if (!sendsHeartbeats) return;
    this.#heartbeat = setInterval(() => {
      this.#sequence = (this.#sequence + 1) >>> 0;
      this.hooks.sendHeartbeat(this.#sequence);
    }, this.options.intervalMs);
  }

  /** Something was heard from the peer: re-arms the watchdog. */
  heard(): void {
    this.#lastHeardAt = Date.now();
    clearTimeout(this.#watchdog);
    this.#watchdog = setTimeout(() => {
      this.stop();
      this.hooks.lost({
        detectedAt: Date.now(),
        lastHeardAt: this.#lastHeardAt,
        intervalMs: this.options.intervalMs,
        guardMs: this.options.guardMs,
      });
    }, this.options.intervalMs + this.options.guardMs);
  }

  stop(): void {
    clearTimeout(this.#watchdog);
    clearInterval(this.#heartbeat);
  }
}
