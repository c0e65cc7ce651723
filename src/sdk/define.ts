/**
 * What a vendor is written against: `defineVendor` (or a role scaffold such as `defineNearRtRic`)
 * with a handler per procedure for each link it serves or dials, and lifecycle hooks.
 */
import type { Logger } from 'pino';
import type { Admission, LinkCloseEvent } from '../transport/index.js';
import type { InterfaceName, MessageTypeMap, ProtocolVersion, RoleName } from '../wire/index.js';
import type { VendorConfig } from './config.js';
import type { AttestationKey } from './security/index.js';
import type { Reply, Session } from './session.js';

/** Which links each role serves and dials (ARCHITECTURE.md "Roles, links and interfaces"). */
export interface RoleLinks {
  'o-ru': { serves: 'ofh-m' | 'ofh-cu'; dials: never };
  'o-du': { serves: never; dials: 'ofh-m' | 'ofh-cu' | 'e2' };
  'near-rt-ric': { serves: 'e2' | 'a1'; dials: never };
  smo: { serves: never; dials: 'a1' };
}

export const roleLinks: {
  [R in RoleName]: { serves: readonly InterfaceName[]; dials: readonly InterfaceName[] };
} = {
  'o-ru': { serves: ['ofh-m', 'ofh-cu'], dials: [] },
  'o-du': { serves: [], dials: ['ofh-m', 'ofh-cu', 'e2'] },
  'near-rt-ric': { serves: ['e2', 'a1'], dials: [] },
  smo: { serves: [], dials: ['a1'] },
};

type PackageOf<I extends InterfaceName> = I extends 'e2'
  ? 'oran.e2.v1'
  : I extends 'a1'
    ? 'oran.a1.v1'
    : I extends 'ofh-m'
      ? 'oran.fronthaul.mplane.v1'
      : 'oran.fronthaul.cuplane.v1';

/** Message types that flow on interface I. */
export type MessagesOf<I extends InterfaceName> = Extract<keyof MessageTypeMap, `${PackageOf<I>}.${string}`>;

/** What a vendor's code sees: its config, its logger, and its open sessions. */
export interface VendorContext {
  readonly config: VendorConfig;
  readonly logger: Logger;
  /** Sessions now ready, optionally of one interface. */
  sessions<I extends InterfaceName>(iface?: I): Session<I>[];
  /** Resolves when the vendor is asked to stop. */
  readonly stopping: AbortSignal;
}

/**
 * A handler per procedure: called with each initiating message of that type. It answers by
 * returning `success(...)` or `failure(...)`, or returns nothing for a message that expects no
 * answer. A thrown PlugfestError is sent to the peer as an error indication with its cause.
 */
export type Handlers<I extends InterfaceName> = {
  [K in MessagesOf<I>]?: (
    message: MessageTypeMap[K],
    session: Session<I>,
    context: VendorContext,
  ) => Reply<I> | undefined | Promise<Reply<I> | undefined>;
};

export interface EndpointBehaviour<I extends InterfaceName> {
  readonly handlers?: Handlers<I>;
  /** Each time a link of this interface is ready (again, after a reconnect). */
  readonly onReady?: (session: Session<I>, context: VendorContext) => void | Promise<void>;
  readonly onClose?: (session: Session<I>, event: LinkCloseEvent, context: VendorContext) => void;
  /** Serving side only: the attestation slot. Default admits every peer. */
  readonly admit?: Admission;
}

export interface VendorDefinition<R extends RoleName = RoleName> {
  readonly role: R;
  /** Optional features announced in Hello, for example "e2sm-kpm.v1". */
  readonly features?: readonly string[];
  /** Product version announced in Hello. Default "0.0.0". */
  readonly productVersion?: string;
  /** Revisions spoken per interface. Default: the interface's. */
  readonly versions?: Partial<Record<InterfaceName, readonly ProtocolVersion[]>>;
  readonly serves?: { readonly [I in RoleLinks[R]['serves']]?: EndpointBehaviour<I> };
  readonly dials?: { readonly [I in RoleLinks[R]['dials']]?: EndpointBehaviour<I> };
  /** After listeners are up and before readiness is announced. */
  readonly start?: (context: VendorContext) => void | Promise<void>;
  /** On SIGTERM, SIGINT or the harness going away, before links close. */
  readonly stop?: (context: VendorContext) => void | Promise<void>;
  /**
   * Where the key that signs this vendor's evidence comes from, when the config has `security`.
   * Default: the files the harness hands over (config.security.attestKey and attestChain). A
   * vendor with a PKI of its own gives its key here (selfIssuedAttestationKey makes one).
   */
  readonly attestationKey?: (config: VendorConfig) => Promise<AttestationKey>;
}

/** Identity function that gives a vendor definition its types. */
export function defineVendor<R extends RoleName>(definition: VendorDefinition<R>): VendorDefinition<R> {
  return definition;
}

type Scaffold<R extends RoleName> = Omit<VendorDefinition<R>, 'role'>;

/** An O-RU: serves the fronthaul M-plane and CU-plane. */
export const defineORu = (d: Scaffold<'o-ru'>): VendorDefinition<'o-ru'> => ({ ...d, role: 'o-ru' });
/** An O-DU: dials its O-RUs' fronthaul links and its near-RT RIC's E2. */
export const defineODu = (d: Scaffold<'o-du'>): VendorDefinition<'o-du'> => ({ ...d, role: 'o-du' });
/** A near-RT RIC: serves E2 and A1. */
export const defineNearRtRic = (d: Scaffold<'near-rt-ric'>): VendorDefinition<'near-rt-ric'> => ({
  ...d,
  role: 'near-rt-ric',
});
/** An SMO / non-RT RIC: dials A1. */
export const defineSmo = (d: Scaffold<'smo'>): VendorDefinition<'smo'> => ({ ...d, role: 'smo' });
