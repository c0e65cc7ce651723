/**
 * The M-plane supervision watchdog (o-ran-supervision; WG4.CONF 3.1.3): each
 * supervision-watchdog-reset restarts a timer of notification interval + guard timer overhead
 * (defaults 60 s + 10 s); if it expires, supervision is lost. While supervised, the O-RU sends a
 * supervision-notification every notification interval, on its own schedule: restarting that
 * schedule on each reset would starve it whenever the client resets at the same interval.
 */

/** o-ran-supervision defaults, seconds. */
export const supervisionDefaults = Object.freeze({ notificationIntervalS: 60, guardTimerOverheadS: 10 });

export interface WatchdogTimes {
  readonly notificationIntervalS: number;
  readonly guardTimerOverheadS: number;
}

export class SupervisionWatchdog {
  #timer: NodeJS.Timeout | undefined;
  #notifier: { timer: NodeJS.Timeout; intervalS: number } | undefined;
  #lost = false;

  /**
   * @param onExpiry called once per loss, with the times that were armed.
   * @param onNotify called every notification interval while supervised.
   */
  constructor(
    private readonly onExpiry: (times: WatchdogTimes) => void,
    private readonly onNotify: () => void = () => {},
  ) {}

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
        this.#stopNotifying();
        this.onExpiry(times);
      },
      (times.notificationIntervalS + times.guardTimerOverheadS) * 1000,
    );
    if (this.#notifier?.intervalS !== times.notificationIntervalS) {
      this.#stopNotifying();
      const timer = setInterval(() => this.onNotify(), times.notificationIntervalS * 1000);
      timer.unref();
      this.#notifier = { timer, intervalS: times.notificationIntervalS };
    }
    const resumed = this.#lost;
    this.#lost = false;
    return { nextUpdateAtUnixMs: now + times.notificationIntervalS * 1000, resumed, times };
  }

  /** Disarms it (a reset of the O-RU, or stop). */
  stop(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#stopNotifying();
    this.#lost = false;
  }

  #stopNotifying(): void {
    if (this.#notifier) clearInterval(this.#notifier.timer);
    this.#notifier = undefined;
  }
}
