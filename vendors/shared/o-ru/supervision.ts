/**
 * The M-plane supervision watchdog (o-ran-supervision; WG4.CONF 3.1.3): each
 * supervision-watchdog-reset restarts a timer of notification interval + guard timer overhead
 * (defaults 60 s + 10 s); if it expires, supervision is lost.
 */

/** o-ran-supervision defaults, seconds. */
export const supervisionDefaults = Object.freeze({ notificationIntervalS: 60, guardTimerOverheadS: 10 });

export interface WatchdogTimes {
  readonly notificationIntervalS: number;
  readonly guardTimerOverheadS: number;
}

export class SupervisionWatchdog {
  #timer: NodeJS.Timeout | undefined;
  #lost = false;

  /** @param onExpiry called once per loss, with the times that were armed. */
  constructor(private readonly onExpiry: (times: WatchdogTimes) => void) {}

  /** True between an expiry and the next reset. */
  get lost(): boolean {
    return this.#lost;
  }

  get armed(): boolean {
    return this.#timer !== undefined;
  }

  /**
   * Restarts the watchdog (0 means the default of either time). Returns when the O-RU expects
   * the next reset: now + interval, and whether this reset ends a loss of supervision.
   */
  reset(
    intervalS: number,
    guardS: number,
    now = Date.now(),
  ): { nextUpdateAtUnixMs: number; resumed: boolean; times: WatchdogTimes } {
    const times = {
      notificationIntervalS: intervalS || supervisionDefaults.notificationIntervalS,
      guardTimerOverheadS: guardS || supervisionDefaults.guardTimerOverheadS,
    };
    clearTimeout(this.#timer);
    this.#timer = setTimeout(
      () => {
        this.#timer = undefined;
        this.#lost = true;
        this.onExpiry(times);
      },
      (times.notificationIntervalS + times.guardTimerOverheadS) * 1000,
    );
    const resumed = this.#lost;
    this.#lost = false;
    return { nextUpdateAtUnixMs: now + times.notificationIntervalS * 1000, resumed, times };
  }

  /** Disarms it (a reset of the O-RU, or stop). */
  stop(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#lost = false;
  }
}
