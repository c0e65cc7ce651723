/**
 * Vendor loggers: pino, JSON lines on stderr (stdout carries only the readiness line), bound
 * to vendor, role and instance; links add their interface and peer.
 */
import { type DestinationStream, type LevelWithSilent, type Logger, pino } from 'pino';

export interface VendorLoggerOptions {
  readonly vendor: string;
  readonly role: string;
  readonly instance: string;
  readonly level?: LevelWithSilent;
  /** Default: stderr, synchronously, so the last lines survive a crash. */
  readonly destination?: DestinationStream;
}

export function createVendorLogger(options: VendorLoggerOptions): Logger {
  const destination = options.destination ?? pino.destination({ fd: 2, sync: true });
  return pino(
    {
      level: options.level ?? 'info',
      base: { vendor: options.vendor, role: options.role, instance: options.instance },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}
