/**
 * The trace as a typed, push-based stream (issue 11). A case names a message type and gets
 * that message's fields typed from the wire's message map (connect-es types every message by
 * its schema), E2SM payloads included where the relay decodes them; and it waits for a frame
 * by subscribing to the trace sink's records as they arrive, never by polling the trace.
 */
import type { Direction, FrameRecord, TraceRecord } from '../../relay/index.js';
import type { MessageInitMap, MessageType, oran } from '../../wire/index.js';

/**
 * A message as the trace holds it (the registry's `toObject`: enums as names, bytes as
 * base64, 64-bit integers as numbers, defaults left out, so every field may be absent).
 */
export type JsonOf<T> = T extends Uint8Array
  ? string
  : T extends readonly (infer E)[]
    ? JsonOf<E>[]
    : T extends number
      ? // A numeric enum's members are numbers too, but the trace names them: only a plain number stays one.
        `${number}` extends `${T}`
        ? number
        : string
      : T extends string | boolean
        ? T
        : T extends object
          ? { readonly [P in keyof T as P extends '$unknowns' ? never : P]?: JsonOf<NonNullable<T[P]>> }
          : T;

type Kpm = typeof oran.e2sm.kpm.v1;
type Rc = typeof oran.e2sm.rc.v1;
type Props<C> = C extends { create(properties?: infer P): unknown } ? NonNullable<P> : never;
/** What the relay adds beside an E2SM bytes field: the field decoded, or why it did not decode. */
type Decoded<T> = JsonOf<T> | { readonly error: string };

/** The E2SM fields the relay decodes into the trace (relay/e2sm.ts), per E2AP message. */
interface E2smDecoded {
  'oran.e2.v1.RicIndication': {
    readonly ricIndicationHeaderDecoded?: Decoded<Props<Kpm['IndicationHeader']>>;
    readonly ricIndicationMessageDecoded?: Decoded<Props<Kpm['IndicationMessage']>>;
  };
  'oran.e2.v1.RicControlRequest': {
    readonly ricControlHeaderDecoded?: Decoded<Props<Rc['ControlHeader']>>;
    readonly ricControlMessageDecoded?: Decoded<Props<Rc['ControlMessage']>>;
  };
  'oran.e2.v1.RicControlAcknowledge': {
    readonly ricControlOutcomeDecoded?: Decoded<Props<Rc['ControlOutcome']>>;
  };
  'oran.e2.v1.RicControlFailure': {
    readonly ricControlOutcomeDecoded?: Decoded<Props<Rc['ControlOutcome']>>;
  };
}

/** The traced fields of a message of type `K`. */
export type FieldsOf<K extends MessageType> = JsonOf<MessageInitMap[K]> &
  (K extends keyof E2smDecoded ? E2smDecoded[K] : unknown);

/** A traced frame of a known message type, its fields typed. */
export interface TypedFrame<K extends MessageType> extends FrameRecord {
  readonly type: K;
  /** The decoded fields; `{}` where the trace keeps only headers (CU-plane at `headers`). */
  readonly fields: FieldsOf<K>;
}

export interface FrameFilter<K extends MessageType = MessageType> {
  readonly link?: string;
  readonly type?: K;
  readonly dir?: Direction;
  readonly pdu?: FrameRecord['pdu'];
  /** The transaction id: an answer to a request is `{ tx: request.tx, pdu: ... }`. */
  readonly tx?: number;
  /** Only frames at or after this time (Unix ms). */
  readonly since?: number;
  readonly where?: (frame: TypedFrame<K>) => boolean;
}

/** A filter that names its message type: what gives typed fields. */
export type TypedFilter<K extends MessageType> = FrameFilter<K> & { readonly type: K };

export interface FrameStream {
  /** Every frame so far that matches, in order. */
  all<K extends MessageType>(filter: TypedFilter<K>): TypedFrame<K>[];
  all(filter?: FrameFilter): FrameRecord[];
  /**
   * The first frame that matches, already traced or yet to come (use `since` for only later
   * ones), waiting up to `timeoutMs` for it; undefined if none came. It resolves on the record
   * being pushed to the trace: no timer runs but the timeout.
   */
  next<K extends MessageType>(filter: TypedFilter<K>, timeoutMs: number): Promise<TypedFrame<K> | undefined>;
  next(filter: FrameFilter, timeoutMs: number): Promise<FrameRecord | undefined>;
  /** Calls `listener` with every matching frame from now on, until the returned function is called. */
  subscribe(filter: FrameFilter, listener: (frame: FrameRecord) => void): () => void;
}

/** What a frame stream reads: the trace's records so far and a push of each new one. */
export interface TraceSource {
  readonly records: readonly TraceRecord[];
  onRecord(listener: (record: TraceRecord) => void): () => void;
}

const emptyFields = Object.freeze({});

function matches(frame: FrameRecord, filter: FrameFilter): boolean {
  return (
    (filter.link === undefined || frame.link === filter.link) &&
    (filter.type === undefined || frame.type === filter.type) &&
    (filter.dir === undefined || frame.dir === filter.dir) &&
    (filter.pdu === undefined || frame.pdu === filter.pdu) &&
    (filter.tx === undefined || frame.tx === filter.tx) &&
    (filter.since === undefined || frame.t >= filter.since) &&
    (filter.where === undefined || (filter.where as (f: FrameRecord) => boolean)(typed(frame)))
  );
}

/** A frame with `fields` always present, so typed readers need no guard for a headers-only trace. */
function typed(frame: FrameRecord): FrameRecord {
  return frame.fields ? frame : { ...frame, fields: emptyFields };
}

/** A stream over `source`, optionally narrowed to one link. */
export function createFrameStream(source: TraceSource, scope: { readonly link?: string } = {}): FrameStream {
  const scoped = (filter: FrameFilter = {}): FrameFilter =>
    scope.link ? { ...filter, link: scope.link } : filter;
  const isFrame = (record: TraceRecord): record is FrameRecord => record.kind === 'frame';
  const stream = {
    all(filter?: FrameFilter) {
      const wanted = scoped(filter);
      return source.records.filter((r): r is FrameRecord => isFrame(r) && matches(r, wanted)).map(typed);
    },
    next(filter: FrameFilter, timeoutMs: number) {
      const wanted = scoped(filter);
      const found = source.records.find((r): r is FrameRecord => isFrame(r) && matches(r, wanted));
      if (found) return Promise.resolve(typed(found));
      return new Promise<FrameRecord | undefined>((resolve) => {
        const timer = setTimeout(() => {
          unsubscribe();
          resolve(undefined);
        }, timeoutMs);
        const unsubscribe = source.onRecord((record) => {
          if (!isFrame(record) || !matches(record, wanted)) return;
          clearTimeout(timer);
          unsubscribe();
          resolve(typed(record));
        });
      });
    },
    subscribe(filter: FrameFilter, listener: (frame: FrameRecord) => void) {
      const wanted = scoped(filter);
      return source.onRecord((record) => {
        if (isFrame(record) && matches(record, wanted)) listener(typed(record));
      });
    },
  };
  return stream as FrameStream;
}
