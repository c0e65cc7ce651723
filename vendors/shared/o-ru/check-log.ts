/**
 * Warnings of the CU-plane receiver checks: logged 'cu-plane check failed' {check, eaxcId,
 * detail}, at most once per second per check, so a peer that is wrong on every message does not
 * flood the log; `suppressed` says how many were left out since the last line.
 */
import type { Logger } from 'pino';

/** The receiver checks of WG4.CUS an O-RU applies to each C-plane and U-plane message. */
export type CuPlaneCheck =
  | 'eaxc-id'
  | 'data-direction'
  | 'carrier-inactive'
  | 'sequence-id'
  | 'duplicate'
  | 'ud-comp-hdr'
  | 'prb-range'
  | 'iq-payload'
  | 'c-plane-before-u-plane'
  | 'timing-window';

export class CheckLog {
  readonly #lastAt = new Map<CuPlaneCheck, number>();
  readonly #suppressed = new Map<CuPlaneCheck, number>();

  constructor(
    private readonly logger: Logger,
    private readonly intervalMs = 1000,
  ) {}

  failed(check: CuPlaneCheck, eaxcId: number, detail: string, now = Date.now()): void {
    const last = this.#lastAt.get(check);
    if (last !== undefined && now - last < this.intervalMs) {
      this.#suppressed.set(check, (this.#suppressed.get(check) ?? 0) + 1);
      return;
    }
    const suppressed = this.#suppressed.get(check) ?? 0;
    this.#lastAt.set(check, now);
    this.#suppressed.delete(check);
    this.logger.warn({ check, eaxcId, detail, suppressed }, 'cu-plane check failed');
  }
}
