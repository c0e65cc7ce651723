/**
 * A vendor instance's structured log (JSON lines on its stderr), kept as the orchestrator
 * pushes each line: a case reads what was logged or waits for a line, without re-reading the
 * log file.
 */
export type LogRecord = Record<string, unknown> & { msg?: string };

/** When a vendor wrote a log line, Unix ms (pino writes `time` as ISO text or as a number). */
export const logTimeOf = (record: LogRecord): number =>
  typeof record.time === 'string' ? Date.parse(record.time) : Number(record.time);

export interface LogStream {
  /** Every line so far that matches (all incarnations of the instance, in order). */
  all(where?: (record: LogRecord) => boolean): LogRecord[];
  /** The first line that matches, logged already or yet to come, waiting up to `timeoutMs`. */
  next(where: (record: LogRecord) => boolean, timeoutMs: number): Promise<LogRecord | undefined>;
}

/** The store behind an instance's LogStream: `push` each line as the process writes it. */
export interface LogStore extends LogStream {
  push(line: string): void;
}

export function createLogStore(): LogStore {
  const records: LogRecord[] = [];
  const listeners = new Set<(record: LogRecord) => void>();
  return {
    push(line) {
      let record: LogRecord;
      try {
        const parsed: unknown = JSON.parse(line);
        if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return;
        record = parsed as LogRecord;
      } catch {
        return; // not a JSON line: the contract's logs are JSON, and the file keeps the rest
      }
      records.push(record);
      for (const listener of listeners) listener(record);
    },
    all: (where) => (where ? records.filter(where) : [...records]),
    next(where, timeoutMs) {
      const found = records.find(where);
      if (found) return Promise.resolve(found);
      return new Promise((resolve) => {
        const listener = (record: LogRecord) => {
          if (!where(record)) return;
          clearTimeout(timer);
          listeners.delete(listener);
          resolve(record);
        };
        const timer = setTimeout(() => {
          listeners.delete(listener);
          resolve(undefined);
        }, timeoutMs);
        listeners.add(listener);
      });
    },
  };
}
