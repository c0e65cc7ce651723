/**
 * M-plane supervision from the NETCONF client's side (o-ran-supervision, WG4.CONF 3.1.3): a
 * supervision-watchdog-reset every notification interval, so that the O-RU's watchdog (interval
 * + guard timer overhead) never expires while this O-DU is alive and the link is up.
 */
import type { Logger } from 'pino';
import { PlugfestError, type Session } from '../../../src/sdk/index.js';

/** The o-ran-supervision timers the O-DU asks for (settings.mplaneSupervision). */
export interface SupervisionTimers {
  /** supervision-notification-interval, s. */
  readonly notificationIntervalS: number;
  /** guard-timer-overhead, s. */
  readonly guardTimerOverheadS: number;
}

/** Sends the first reset now and one every interval; returns the function that stops it. */
export function superviseRadioUnit(
  session: Session<'ofh-m'>,
  timers: SupervisionTimers,
  ru: string,
  logger: Logger,
): () => void {
  const reset = async () => {
    try {
      const answer = await session.request('oran.fronthaul.mplane.v1.SupervisionWatchdogReset', {
        supervisionNotificationIntervalS: timers.notificationIntervalS,
        guardTimerOverheadS: timers.guardTimerOverheadS,
      });
      const response = answer.as('oran.fronthaul.mplane.v1.SupervisionWatchdogResetResponse');
      if (answer.outcome === 'successful') {
        logger.debug({ ru, nextUpdateAtUnixMs: response.nextUpdateAtUnixMs }, 'supervision watchdog reset');
      } else {
        logger.warn(
          { ru, rpcErrors: response.rpcErrors.map((e) => e.errorMessage || e.errorTag) },
          'supervision watchdog reset refused',
        );
      }
    } catch (error) {
      const e = PlugfestError.from(error);
      if (e.code !== 'link-closed')
        logger.warn({ ru, code: e.code, error: e.rawMessage }, 'supervision watchdog reset failed');
    }
  };
  void reset();
  const timer = setInterval(() => void reset(), timers.notificationIntervalS * 1000);
  return () => clearInterval(timer);
}
