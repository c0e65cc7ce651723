/**
 * The O-RU's running datastore of array carriers (o-ran-uplane-conf) and their state. An
 * edit-config is atomic: it is checked whole against the capabilities, the eAxC uniqueness rule
 * and the sync state, and either applied whole or refused with one rpc-error.
 */
import { oran } from '../../../src/sdk/index.js';
import {
  type Carrier,
  type CarrierKind,
  type CarrierWire,
  carrierToWire,
  mergeCarrierWire,
  parseCarrier,
  sameRadio,
} from './carrier.js';
import type { ORuProfile } from './profile.js';
import { carrierPath, notUnique, type RpcError, rpcError } from './rpc-errors.js';

const { ActiveState, CarrierState, EditOperation } = oran.fronthaul.mplane.v1;

/** A carrier and whether it radiates. */
export interface CarrierEntry {
  readonly carrier: Carrier;
  readonly active: boolean;
}

/** What an accepted edit changed, for notifications and logs. */
export interface EditResult {
  readonly configured: readonly string[];
  readonly deleted: readonly string[];
  readonly activated: readonly string[];
  readonly deactivated: readonly string[];
}

export type EditOutcome = ({ ok: true } & EditResult) | { ok: false; error: RpcError };

export type StateOutcome =
  | { ok: true; changed: boolean; entry: CarrierEntry }
  | { ok: false; error: RpcError; state: oran.fronthaul.mplane.v1.CarrierState; reason: string };

export class CarrierStore {
  #entries = new Map<string, CarrierEntry>();

  /**
   * @param activationBlocker why a carrier may not be activated now (e.g. "sync-state FREERUN"),
   *   or undefined when it may: activation requires sync LOCKED (WG4.CONF 3.1.7).
   */
  constructor(
    private readonly profile: ORuProfile,
    private readonly activationBlocker: () => string | undefined,
  ) {}

  /** Applies an edit-config of the carriers, or refuses it whole. */
  edit(request: oran.fronthaul.mplane.v1.EditConfigRequest.$Properties): EditOutcome {
    const operation = request.operation || EditOperation.EDIT_OPERATION_MERGE;
    const next = new Map(this.#entries);
    const edited: Array<{ kind: CarrierKind; wire: CarrierWire }> = [
      ...(request.txArrayCarriers ?? []).map((wire) => ({ kind: 'tx' as const, wire })),
      ...(request.rxArrayCarriers ?? []).map((wire) => ({ kind: 'rx' as const, wire })),
    ];
    const seen = new Set<string>();
    const configured: string[] = [];
    const deleted: string[] = [];
    for (const { kind, wire } of edited) {
      const name = wire.name ?? '';
      const path = carrierPath(kind, name);
      if (!name) return refused(rpcError('invalid-value', 'a carrier without a name', { path }));
      if (seen.has(name)) return refused(notUnique(`carrier "${name}" appears twice in the edit`, path));
      seen.add(name);
      const stored = this.#entries.get(name);
      if (stored && stored.carrier.kind !== kind) {
        return refused(
          rpcError(
            'data-exists',
            `carrier names are unique across TX and RX: "${name}" is a ${stored.carrier.kind}-array-carrier`,
            { path },
          ),
        );
      }
      if (operation === EditOperation.EDIT_OPERATION_DELETE) {
        if (!stored) return refused(rpcError('data-missing', `no carrier "${name}" to delete`, { path }));
        if (stored.active) {
          return refused(rpcError('in-use', `carrier "${name}" is ACTIVE: deactivate it first`, { path }));
        }
        next.delete(name);
        deleted.push(name);
        continue;
      }
      if (operation === EditOperation.EDIT_OPERATION_CREATE && stored) {
        return refused(rpcError('data-exists', `carrier "${name}" exists already`, { path }));
      }
      const merging = operation === EditOperation.EDIT_OPERATION_MERGE && stored;
      const parsed = parseCarrier(
        this.profile,
        kind,
        merging ? mergeCarrierWire(carrierToWire(stored.carrier, stateOf(stored)), wire) : wire,
      );
      if (!parsed.ok) return refused(parsed.error);
      if (stored?.active && !sameRadio(stored.carrier, parsed.carrier)) {
        return refused(
          rpcError('in-use', `carrier "${name}" is ACTIVE: deactivate it before changing it`, { path }),
        );
      }
      const active =
        wire.active === ActiveState.ACTIVE_STATE_ACTIVE
          ? true
          : wire.active === ActiveState.ACTIVE_STATE_INACTIVE
            ? false
            : (stored?.active ?? false);
      next.set(name, { carrier: parsed.carrier, active });
      configured.push(name);
    }

    const duplicate = firstDuplicateEaxc(next, seen);
    if (duplicate) return refused(duplicate);

    const activated = [...next.values()]
      .filter((e) => e.active && !this.#entries.get(e.carrier.name)?.active)
      .map((e) => e.carrier.name);
    const blocker = activated.length > 0 ? this.activationBlocker() : undefined;
    if (blocker) {
      return refused(
        rpcError('operation-failed', `cannot activate ${activated.join(', ')}: ${blocker}`, {
          path: carrierPath(next.get(activated[0]!)!.carrier.kind, activated[0]!, 'active'),
        }),
      );
    }
    const deactivated = [...this.#entries.values()]
      .filter((e) => e.active && next.get(e.carrier.name)?.active === false)
      .map((e) => e.carrier.name);
    this.#entries = next;
    return { ok: true, configured, deleted, activated, deactivated };
  }

  /** Sets one carrier's "active" leaf (SetCarrierStateRequest). */
  setActive(name: string, active: boolean): StateOutcome {
    const entry = this.#entries.get(name);
    if (!entry) {
      return {
        ok: false,
        error: rpcError('data-missing', `no carrier "${name}" is configured`, {
          path: `/user-plane-configuration/*-array-carriers[name='${name}']`,
        }),
        state: CarrierState.CARRIER_STATE_UNSPECIFIED,
        reason: 'not configured',
      };
    }
    if (entry.active === active) return { ok: true, changed: false, entry };
    const blocker = active ? this.activationBlocker() : undefined;
    if (blocker) {
      return {
        ok: false,
        error: rpcError('operation-failed', `cannot activate "${name}": ${blocker}`, {
          path: carrierPath(entry.carrier.kind, name, 'active'),
        }),
        state: CarrierState.CARRIER_STATE_INACTIVE,
        reason: blocker,
      };
    }
    const changed = { carrier: entry.carrier, active };
    this.#entries.set(name, changed);
    return { ok: true, changed: true, entry: changed };
  }

  /** Deactivates every active carrier; returns their names. */
  deactivateAll(): string[] {
    const names: string[] = [];
    for (const [name, entry] of this.#entries) {
      if (!entry.active) continue;
      this.#entries.set(name, { carrier: entry.carrier, active: false });
      names.push(name);
    }
    return names;
  }

  /** Forgets every carrier (reset). */
  clear(): void {
    this.#entries.clear();
  }

  get(name: string): CarrierEntry | undefined {
    return this.#entries.get(name);
  }

  entries(): CarrierEntry[] {
    return [...this.#entries.values()];
  }

  /** The carrier an eAxC id belongs to. */
  byEaxcId(eaxcId: number): CarrierEntry | undefined {
    for (const entry of this.#entries.values()) if (entry.carrier.eaxcIds.includes(eaxcId)) return entry;
    return undefined;
  }

  /** Every configured eAxC id, ascending. */
  eaxcIds(): number[] {
    return [...this.#entries.values()].flatMap((e) => e.carrier.eaxcIds).sort((a, b) => a - b);
  }
}

/** CARRIER_STATE_ACTIVE or CARRIER_STATE_INACTIVE. */
export function stateOf(entry: CarrierEntry): oran.fronthaul.mplane.v1.CarrierState {
  return entry.active ? CarrierState.CARRIER_STATE_ACTIVE : CarrierState.CARRIER_STATE_INACTIVE;
}

function refused(error: RpcError): EditOutcome {
  return { ok: false, error };
}

/**
 * eAxC ids are unique across all carriers (WG4.CONF 3.1.10). Carriers the edit did not touch are
 * counted first, so the refusal names the carrier of the edit that brought the duplicate.
 */
function firstDuplicateEaxc(entries: Map<string, CarrierEntry>, edited: Set<string>): RpcError | undefined {
  const owner = new Map<number, string>();
  const ordered = [...entries.values()].sort(
    (a, b) => Number(edited.has(a.carrier.name)) - Number(edited.has(b.carrier.name)),
  );
  for (const { carrier } of ordered) {
    for (const id of carrier.eaxcIds) {
      const other = owner.get(id);
      if (other !== undefined) {
        const where = other === carrier.name ? 'twice in that carrier' : `by carrier "${other}"`;
        return notUnique(
          `eAxC id ${id} of carrier "${carrier.name}" is already used ${where}`,
          carrierPath(carrier.kind, carrier.name, `eaxc-id[.='${id}']`),
        );
      }
      owner.set(id, carrier.name);
    }
  }
  return undefined;
}
