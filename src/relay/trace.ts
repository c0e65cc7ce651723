/**
 * The trace of a run: one JSON object per line for every frame a relay forwarded (decoded when
 * it decodes, raw with the decode error when it does not: that is itself a finding) and for
 * every connection opened or closed.
 */
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { dirname } from 'node:path';

export type Direction = 'client-to-server' | 'server-to-client';

export interface FrameRecord {
  readonly kind: 'frame';
  /** Unix ms when the relay received the frame. */
  readonly t: number;
  readonly link: string;
  readonly dir: Direction;
  readonly from: string;
  readonly to: string;
  readonly size: number;
  readonly type?: string;
  readonly pdu?: 'initiating' | 'successful' | 'unsuccessful';
  readonly tx?: number;
  /** Sender's send time, from the header. */
  readonly sent?: number;
  readonly fields?: Record<string, unknown>;
  /** Set when the frame did not decode: the code and message, and the bytes in base64. */
  readonly error?: { code: string; message: string };
  readonly raw?: string;
  /** Set when a fault hook acted on the frame. */
  readonly fault?: string;
  /**
   * Set on what the relay forwards of an mTLS link, which it cannot decode: a TCP chunk (its
   * `size`), not a frame, with no type. The traffic shows; its content does not.
   */
  readonly encrypted?: true;
}

export interface ConnectionRecord {
  readonly kind: 'connection';
  readonly t: number;
  readonly link: string;
  readonly event: 'open' | 'refused' | 'close';
  readonly code?: number;
  readonly reason?: string;
  readonly by?: 'client' | 'server' | 'relay';
  /** Set on the connections of an mTLS link, which the relay forwards undecoded. */
  readonly encrypted?: true;
  /** On the close of an mTLS link's connection: the bytes forwarded each way. */
  readonly bytes?: Readonly<Record<Direction, number>>;
}

export type TraceRecord = FrameRecord | ConnectionRecord;

export interface TraceSink {
  write(record: TraceRecord): void;
  close(): Promise<void>;
}

/** Appends JSON lines to a file, creating its folder. */
export function fileTraceSink(path: string): TraceSink {
  mkdirSync(dirname(path), { recursive: true });
  const stream: WriteStream = createWriteStream(path, { flags: 'a' });
  return {
    write: (record) => {
      stream.write(`${JSON.stringify(record)}\n`);
    },
    close: () => new Promise((resolve) => stream.end(resolve)),
  };
}

/** Keeps records in memory, with listeners; for cases and tests that await a message. */
export function memoryTraceSink(): TraceSink & {
  readonly records: TraceRecord[];
  onRecord(listener: (record: TraceRecord) => void): () => void;
} {
  const records: TraceRecord[] = [];
  const listeners = new Set<(record: TraceRecord) => void>();
  return {
    records,
    write(record) {
      records.push(record);
      for (const listener of listeners) listener(record);
    },
    onRecord(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: async () => {},
  };
}

/** Writes to every sink. */
export function teeTraceSink(...sinks: TraceSink[]): TraceSink {
  return {
    write: (record) => {
      for (const sink of sinks) sink.write(record);
    },
    close: async () => {
      await Promise.all(sinks.map((s) => s.close()));
    },
  };
}
