/**
 * The O-RU's synchronization (o-ran-sync): it starts in FREERUN, as a radio that has not yet
 * locked to its PTP grandmaster, and turns LOCKED after a lock delay. A reset starts it over.
 * Carrier activation requires LOCKED (WG4.CONF 3.1.7).
 */
import { oran } from '../../../src/sdk/index.js';

const { SyncState } = oran.fronthaul.mplane.v1;
export type SyncStateValue = oran.fronthaul.mplane.v1.SyncState;

/** PTP clock-class of a grandmaster locked to a PRTC (ITU-T G.8275.1); 0 when not locked. */
export const lockedClockClass = 6;

export class SyncSource {
  #state: SyncStateValue = SyncState.SYNC_STATE_FREERUN;
  #timer: NodeJS.Timeout | undefined;

  /**
   * @param lockDelayMs time from (re)start to LOCKED. The brief's default is 200 ms.
   * @param onChange called on every change of state.
   */
  constructor(
    private readonly lockDelayMs: number,
    private readonly onChange: (state: SyncStateValue) => void,
  ) {}

  get state(): SyncStateValue {
    return this.#state;
  }

  get locked(): boolean {
    return this.#state === SyncState.SYNC_STATE_LOCKED;
  }

  /** "sync-state FREERUN": the state as a reason a carrier cannot be activated. */
  describe(): string {
    return `sync-state ${SyncState[this.#state]?.replace('SYNC_STATE_', '') ?? this.#state}`;
  }

  /** Starts (or starts over) from FREERUN, locking after the lock delay. */
  start(): void {
    clearTimeout(this.#timer);
    this.#set(SyncState.SYNC_STATE_FREERUN);
    this.#timer = setTimeout(() => this.#set(SyncState.SYNC_STATE_LOCKED), this.lockDelayMs);
  }

  stop(): void {
    clearTimeout(this.#timer);
  }

  #set(state: SyncStateValue): void {
    if (state === this.#state) return;
    this.#state = state;
    this.onChange(state);
  }
}
