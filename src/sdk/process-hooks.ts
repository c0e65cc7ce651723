/** How a vendor that owns its process stops: on a signal, or when the harness goes away. */
import type { Logger } from 'pino';
import type { LinkSecurity } from './security/index.js';

/**
 * Signals stop the vendor; so does the harness going away: when PLUGFEST_PARENT_PID is set
 * and this process's parent is no longer that process, the vendor stops (no orphans).
 */
export function installProcessHooks(
  stop: (reason: string) => Promise<void>,
  logger: Logger,
  env: NodeJS.ProcessEnv,
  security: LinkSecurity | undefined,
): void {
  const exitAfter = (reason: string) => {
    const deadline = setTimeout(() => {
      logger.error({ reason }, 'stop took over 5 s; exiting');
      process.exit(1);
    }, 5000);
    deadline.unref();
    stop(reason).then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'stop failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => exitAfter('SIGTERM'));
  process.once('SIGINT', () => exitAfter('SIGINT'));
  // SIGHUP reloads the trust policy at once (the files are also watched); docs/vendor-contract.md 7.4.
  if (security) process.on('SIGHUP', () => security.reload('SIGHUP'));
  const parent = Number(env.PLUGFEST_PARENT_PID);
  if (Number.isInteger(parent) && parent > 0) {
    const watch = setInterval(() => {
      if (process.ppid !== parent) {
        clearInterval(watch);
        exitAfter('harness went away');
      }
    }, 250);
    watch.unref();
  }
}
