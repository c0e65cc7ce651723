/** The relay's public types: its options, state, trace levels, fault hooks and counters. */
import type { Logger } from 'pino';
import type { TopologyLink, TopologyOptions } from '../topology/index.js';
import type { MessageRegistry } from '../wire/index.js';
import type { Direction, TraceSink } from './trace.js';

export type TraceLevel = 'full' | 'headers' | 'off';
export type RelayState = 'idle' | 'connecting' | 'open' | 'ready' | 'refused' | 'closed';

/** What a fault hook decides for one frame. */
export type FrameAction =
  | { readonly action: 'forward' }
  | { readonly action: 'drop'; readonly fault: string }
  | { readonly action: 'replace'; readonly bytes: Buffer; readonly fault: string }
  | { readonly action: 'delay'; readonly ms: number; readonly fault: string }
  /** Several frames in place of this one (copies, slices, a replay), each after `delayMs`. */
  | {
      readonly action: 'emit';
      readonly frames: readonly Buffer[];
      readonly delayMs: number;
      readonly fault: string;
    };

export interface RelayedFrame {
  readonly dir: Direction;
  readonly bytes: Buffer;
  readonly type: string | undefined;
}

export type FrameHook = (frame: RelayedFrame) => FrameAction;

/** A frame as it reached the relay, before any fault: its raw bytes, whatever the trace level. */
export interface TappedFrame extends RelayedFrame {
  /** Unix ms of arrival. */
  readonly t: number;
}

export interface DirectionStats {
  frames: number;
  bytes: number;
  undecodable: number;
  dropped: number;
}

export interface RelayOptions {
  readonly link: TopologyLink;
  readonly upstreamUrl: string;
  readonly logger: Logger;
  readonly trace?: TraceSink;
  /**
   * Default: `headers` for CU-plane (IQ data is bulky), `full` elsewhere. At `headers`, the
   * link's own frames (oran.common, oran.attestation) are still traced with their fields.
   */
  readonly traceLevel?: TraceLevel;
  readonly registry?: MessageRegistry;
  readonly host?: string;
  /** Default 0: a free port. */
  readonly port?: number;
  /** Bytes queued towards one side above which the other side is paused. Default 1 MiB. */
  readonly highWaterMarkBytes?: number;
  /** Grace for `close()`: connections not closed by then are destroyed. Default 1000 ms. */
  readonly stopGraceMs?: number;
  /** Time the relay waits for the server to answer the upgrade it forwards. Default 10 s. */
  readonly upstreamHandshakeTimeoutMs?: number;
  /**
   * Settles once the server has started (its instance is ready), or failed to: a client that
   * connects before then is held, not refused, so that clients and servers can start at the
   * same time. Held at most `upstreamHandshakeTimeoutMs`; a rejection or the bound answers
   * the held client 502, as a server that is down. Default: the server is up.
   */
  readonly upstreamReady?: Promise<unknown>;
  /**
   * The link's security, as the topology's `security` option says. `mtls`: TLS runs end to end,
   * so the relay forwards TCP bytes undecoded (passthrough.ts): it traces each chunk as
   * `encrypted`, applies its fault hook to chunks, and never reaches state `ready` (it cannot
   * see the HelloAck). The URL it gives is then wss://. Anything else: frames are decoded.
   * Default `none`.
   */
  readonly security?: TopologyOptions['security'];
}
