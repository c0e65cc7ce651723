/**
 * Options shared by both ends of a link, with their defaults in one place.
 */
import type { Logger } from 'pino';
import type { InterfaceSpec, MessageRegistry, ProtocolVersion, RoleName, WireLimits } from '../wire/index.js';

/** Who this end of a link is, as told to the peer in Hello / HelloAck. */
export interface LinkIdentity {
  readonly instanceId: string;
  readonly vendorId: string;
  readonly role: RoleName;
  readonly productVersion: string;
  /** Optional features, for example "e2sm-kpm.v1". Default none. */
  readonly features?: readonly string[];
}

/** Link supervision: a heartbeat every interval, lost after interval + guard without one. */
export interface SupervisionOptions {
  readonly intervalMs: number;
  readonly guardMs: number;
}

export interface LinkOptions {
  readonly spec: InterfaceSpec;
  readonly identity: LinkIdentity;
  readonly logger: Logger;
  /** Revisions this end speaks. Default: the interface's `versions`. */
  readonly versions?: readonly ProtocolVersion[];
  /** Default: `defaultWireLimits` (1 MiB frames, 4096 repeated elements). */
  readonly limits?: WireLimits;
  /** Default: a new registry. Pass one to share it between links. */
  readonly registry?: MessageRegistry;
  /**
   * Supervision proposed by the dialling side in Hello; the accepting side adopts it.
   * Default 1500 ms interval, 4500 ms guard: OSC e2mgr's keep-alive delay and response timeout.
   * `false` turns supervision off.
   */
  readonly supervision?: SupervisionOptions | false;
  /**
   * The accepting side takes a Hello that turns supervision off (interval 0): for scripted test
   * peers only. Default false: such a Hello is refused, as one outside `supervisionBounds` is.
   */
  readonly acceptUnsupervised?: boolean;
  /** Time a request waits for its outcome. Default 2000 ms, OSC submgr's request timeout. */
  readonly requestTimeoutMs?: number;
  /** Time from connection to ready. Default 5000 ms. */
  readonly handshakeTimeoutMs?: number;
  /**
   * Bytes handed to the socket and not yet flushed above which `send` waits. Default 1 MiB;
   * sending resumes under half of it.
   */
  readonly highWaterMarkBytes?: number;
}

/**
 * What the accepting side takes in a Hello's supervision (ms). Outside it, or 0 (off), the Hello
 * is refused with `value-out-of-range` naming the field and the range: a 1 ms interval kills
 * the link at once, 2^32 - 1 ms overflows Node's timers, and an unsupervised link can sit
 * silent for ever.
 */
export const supervisionBounds = Object.freeze({
  intervalMs: Object.freeze({ min: 100, max: 300_000 }),
  guardMs: Object.freeze({ min: 0, max: 600_000 }),
});

/** Why `supervision` may not be asked for in a Hello (the field, its value, the range), or undefined. */
export function supervisionProblem(intervalMs: number, guardMs: number): string | undefined {
  const fields = [
    ['supervisionIntervalMs', intervalMs, supervisionBounds.intervalMs],
    ['supervisionGuardMs', guardMs, supervisionBounds.guardMs],
  ] as const;
  for (const [field, value, { min, max }] of fields) {
    if (!Number.isInteger(value) || value < min || value > max)
      return `${field} ${value} is outside ${min}..${max} ms${field === 'supervisionIntervalMs' && value === 0 ? ' (0, supervision off, is not accepted)' : ''}`;
  }
  return undefined;
}

export const linkDefaults = Object.freeze({
  supervision: Object.freeze({ intervalMs: 1500, guardMs: 4500 }) as SupervisionOptions,
  requestTimeoutMs: 2000,
  handshakeTimeoutMs: 5000,
  highWaterMarkBytes: 1024 * 1024,
});

/**
 * Largest WebSocket message the socket layer takes at all: 16 times the frame limit. Frames
 * between the frame limit and this are read, answered with `frame-too-large`, and the link
 * stays up; past this ws closes the connection with 1009, since holding it would cost memory.
 */
export function socketPayloadCeiling(limits: WireLimits): number {
  return Math.max(limits.maxFrameBytes * 16, 16 * 1024 * 1024);
}

/**
 * Bounds of every listener plugfest runs (link servers of vendors and test peers, relays):
 * an upgrade whose headers have not all come within `upgradeMs` is closed (a client dripping
 * them a byte a second held a socket for a minute, Node's default), as is a TLS handshake not
 * done by then; past `maxConnections` at once new sockets are closed as they come.
 */
export const listenerLimits = Object.freeze({
  upgradeMs: 5000,
  /** How often Node looks for upgrades past their bound: the bound is kept within this. */
  checkEveryMs: 500,
  maxConnections: 1024,
});

/** The `node:http` (and `node:https`) server options that carry `listenerLimits`. */
export function boundedHttpOptions(): {
  headersTimeout: number;
  requestTimeout: number;
  connectionsCheckingInterval: number;
  handshakeTimeout: number;
} {
  return {
    headersTimeout: listenerLimits.upgradeMs,
    requestTimeout: listenerLimits.upgradeMs * 2,
    connectionsCheckingInterval: listenerLimits.checkEveryMs,
    handshakeTimeout: listenerLimits.upgradeMs,
  };
}
