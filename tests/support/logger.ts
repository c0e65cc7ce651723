import { type Logger, pino } from 'pino';

/** A logger that keeps its records in memory, so tests can assert what was logged. */
export function memoryLogger(): { logger: Logger; records: Array<Record<string, unknown>> } {
  const records: Array<Record<string, unknown>> = [];
  const logger = pino(
    { level: 'debug' },
    {
      write(line: string) {
        records.push(JSON.parse(line) as Record<string, unknown>);
      },
    },
  );
  return { logger, records };
}

/** A logger that writes nothing below errors, for runs whose logs no test reads. */
export const quietLogger = (): Logger => pino({ level: 'error' });
