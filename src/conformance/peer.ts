/**
 * A test peer: the harness playing the counterpart of the vendor under test (conformance mode),
 * built on the SDK like any vendor, so it speaks the interfaces the same way. A topology names
 * it as an instance of vendor `harness`; the orchestrator starts it in the harness's process
 * with the config a vendor process would get, on the same relays, so its traffic is traced.
 *
 * By default it answers as a conforming counterpart would (peer-defaults.ts); a case replaces an
 * answer with `on(type, handler)`, sends requests over `session(iface)`, and sends what a real
 * vendor never would with `session(iface).link.sendRaw(bytes)`.
 *
 * Topology settings a peer reads: `versions: { <interface>: ["1.0", ...] }`, the revisions it
 * offers (default the interface's), to provoke a version mismatch; in a secured run,
 * `forge: <kind>` (forge.ts), evidence wrong in that one way, for the negative attestation cases.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import {
  type AttesterFacts,
  type EndpointBehaviour,
  type RunningVendor,
  roleLinks,
  runVendor,
  type Session,
  type VendorConfigInput,
  type VendorDefinition,
} from '../sdk/index.js';
import {
  type InterfaceName,
  interfaceSpecs,
  type MessageTypeMap,
  messageTypeNames,
  PlugfestError,
  type ProtocolVersion,
  packageOf,
  type RoleName,
} from '../wire/index.js';
import { forgedAttester, forgeries, isForgery, type RevocationLedger } from './forge.js';
import { type PeerHandler, peerDefaults } from './peer-defaults.js';

/** An initiating message the peer received. */
export interface PeerMessage<K extends keyof MessageTypeMap = keyof MessageTypeMap> {
  readonly type: K;
  readonly message: MessageTypeMap[K];
  readonly interface: InterfaceName;
  /** Unix ms when it arrived. */
  readonly at: number;
}

export class TestPeer {
  readonly instance: string;
  readonly role: RoleName;
  readonly #overrides = new Map<string, PeerHandler>();
  readonly #received: PeerMessage[] = [];
  readonly #defaults: Partial<Record<string, PeerHandler>>;
  #running: RunningVendor | undefined;

  readonly #revoked: RevocationLedger;

  /** `revoked`: the network's ledger of leaves its forged peers revoked (forge.ts). */
  constructor(instance: string, role: RoleName, revoked: RevocationLedger = new Map()) {
    this.instance = instance;
    this.role = role;
    this.#revoked = revoked;
    this.#defaults = peerDefaults(role) as Partial<Record<string, PeerHandler>>;
  }

  /**
   * Replaces how the peer answers `type` until `restore()` (the returned function) or `reset()`.
   * The handler returns `success(...)`, `failure(...)` or nothing.
   */
  on<K extends keyof MessageTypeMap>(type: K, handler: PeerHandler<K>): () => void {
    this.#overrides.set(type, handler as unknown as PeerHandler);
    return () => {
      if (this.#overrides.get(type) === (handler as unknown)) this.#overrides.delete(type);
    };
  }

  /** Back to the default answers, and forgets what was received. */
  reset(): void {
    this.#overrides.clear();
    this.#received.length = 0;
  }

  /** Initiating messages received so far, optionally of one type and since a time. */
  received<K extends keyof MessageTypeMap>(type?: K, since = 0): PeerMessage<K>[] {
    return this.#received.filter(
      (m): m is PeerMessage<K> => (type === undefined || m.type === type) && m.at >= since,
    );
  }

  /** The first message of `type` received at or after `since` that matches, waiting up to `timeoutMs`. */
  async waitFor<K extends keyof MessageTypeMap>(
    type: K,
    options: { since?: number; where?: (message: MessageTypeMap[K]) => boolean; timeoutMs?: number } = {},
  ): Promise<PeerMessage<K> | undefined> {
    const deadline = Date.now() + (options.timeoutMs ?? 5000);
    for (;;) {
      const found = this.received(type, options.since).find(
        (m) => !options.where || options.where(m.message),
      );
      if (found || Date.now() >= deadline) return found;
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** The peer's ready session on `iface` (the first, if several), waiting up to `timeoutMs`. */
  async session<I extends InterfaceName>(iface: I, timeoutMs = 10_000): Promise<Session<I>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.#running?.context.sessions(iface).find((s) => s.link.state === 'ready');
      if (found) return found;
      if (Date.now() >= deadline) {
        throw new PlugfestError(
          'vendor-not-ready',
          `no ${iface} link of test peer ${this.instance} ready within ${timeoutMs} ms`,
        );
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /**
   * Starts the peer with the config the orchestrator made for its instance. In a secured run
   * (config `security`) it attests like any vendor, with the harness's own facts.
   */
  async start(
    config: VendorConfigInput,
    dir: string,
    logger: Logger,
    options: { attesterFacts?: AttesterFacts } = {},
  ): Promise<{ stop(): Promise<void> }> {
    const file = join(dir, `${this.instance}.peer.json`);
    writeFileSync(file, JSON.stringify(config, null, 2));
    const forge = config.settings?.forge;
    if (forge !== undefined && !isForgery(forge))
      throw new PlugfestError(
        'config-invalid',
        `${this.instance}: settings.forge "${String(forge)}" is not one of ${forgeries.join(', ')}`,
      );
    this.#running = await runVendor(this.#definition(config), {
      env: { PLUGFEST_CONFIG: file },
      ownProcess: false,
      writeReady: () => {},
      logger: logger.child({ instance: this.instance, vendor: 'harness', role: this.role }),
      ...(options.attesterFacts ? { attesterFacts: options.attesterFacts } : {}),
      ...(forge
        ? { attester: (honest, security) => forgedAttester(forge, honest, security, this.#revoked) }
        : {}),
    });
    return { stop: () => this.#running?.stop('topology stopping') ?? Promise.resolve() };
  }

  #definition(config: VendorConfigInput): VendorDefinition {
    const endpoint = (iface: InterfaceName): EndpointBehaviour<InterfaceName> => {
      const packages = interfaceSpecs[iface].packages;
      const handlers: Record<string, PeerHandler> = {};
      for (const type of messageTypeNames) {
        if (!packages.includes(packageOf(type))) continue;
        // Every message of the interface has a handler, so the peer never answers a
        // notification with an error indication; what it does is the case's or the default's.
        handlers[type] = (message, session) => {
          this.#received.push({ type, message, interface: iface, at: Date.now() } as PeerMessage);
          const handler = this.#overrides.get(type) ?? this.#defaults[type];
          return handler?.(message, session);
        };
      }
      return { handlers } as EndpointBehaviour<InterfaceName>;
    };
    const links = roleLinks[this.role];
    return {
      role: this.role,
      productVersion: 'harness',
      versions: versionsOf(config.settings?.versions),
      serves: Object.fromEntries(links.serves.map((i) => [i, endpoint(i)])),
      dials: Object.fromEntries(links.dials.map((i) => [i, endpoint(i)])),
    } as VendorDefinition;
  }
}

function versionsOf(setting: unknown): Partial<Record<InterfaceName, ProtocolVersion[]>> {
  if (setting === undefined) return {};
  const parse = (text: string): ProtocolVersion => {
    const match = /^(\d+)\.(\d+)$/.exec(text);
    if (!match) throw new PlugfestError('config-invalid', `settings.versions: "${text}" is not major.minor`);
    return { major: Number(match[1]), minor: Number(match[2]) };
  };
  return Object.fromEntries(
    Object.entries(setting as Record<string, string[]>).map(([iface, list]) => [iface, list.map(parse)]),
  );
}
