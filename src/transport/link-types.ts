/** What a link tells of itself and of its peer: its states, events and counters. */
import type { Frame, PlugfestError, ProtocolVersion, RoleName } from '../wire/index.js';
import type { Link } from './link.js';
import type { SupervisionLostEvent } from './supervision.js';

export type LinkSide = 'server' | 'client';
export type LinkState = 'hello' | 'attesting' | 'ready' | 'closing' | 'closed';
export type Outcome = 'successful' | 'unsuccessful';

/** What the peer said of itself in the handshake. */
export interface PeerInfo {
  readonly instanceId: string;
  readonly vendorId: string;
  readonly role: RoleName | undefined;
  readonly productVersion: string;
  readonly features: readonly string[];
  readonly version: ProtocolVersion;
  readonly maxFrameBytes: number;
}

export interface ProtocolErrorEvent {
  readonly error: PlugfestError;
  /** `local`: this end could not process a frame; `peer`: the peer sent an error indication. */
  readonly origin: 'local' | 'peer';
  /** The O-RAN cause, as `group: value`. */
  readonly cause: string;
  readonly at: number;
}

export interface LinkCloseEvent {
  readonly code: number;
  readonly reason: string;
  readonly byPeer: boolean;
  /** The cause carried by the LinkClose that preceded the close, if any. */
  readonly cause?: string;
  readonly detail?: string;
  /** Why this end closed, when it did. */
  readonly error?: PlugfestError;
}

export interface LinkEvents {
  ready: [PeerInfo];
  message: [Frame];
  /** Initiating oran.attestation.v1 messages that arrive in the handshake's attestation slot. */
  attestation: [Frame];
  'protocol-error': [ProtocolErrorEvent];
  'supervision-lost': [SupervisionLostEvent];
  close: [LinkCloseEvent];
}

export interface LinkStats {
  framesIn: number;
  framesOut: number;
  bytesIn: number;
  bytesOut: number;
}

/**
 * The attestation slot: the accepting side runs it after a valid Hello and before HelloAck.
 * It may exchange oran.attestation.v1 messages with `link.request`; throwing refuses the peer.
 * Without one (the default) every peer is admitted.
 */
export type Admission = (peer: PeerInfo, link: Link) => Promise<void>;
