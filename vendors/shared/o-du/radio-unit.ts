/**
 * What the O-DU knows of one O-RU: its M-plane and CU-plane sessions, the carrier profile agreed
 * with it, whether its carriers are active, and the names and eAxC ids of those carriers (one TX
 * and one RX array carrier per O-RU: "tx-<ru>" on the first eAxC id of its range, "rx-<ru>" on
 * the next).
 */
import { type CarrierProfile, formatCompressions } from '../../../src/ran/index.js';
import { oran, type Session } from '../../../src/sdk/index.js';

/** Where an O-RU is in the M-plane start-up (WG4.MP: transport, handshake, capability retrieval, configuration, activation). */
export type RadioUnitPhase =
  | 'connecting'
  | 'negotiating'
  | 'incompatible'
  | 'configuring'
  | 'active'
  | 'inactive'
  | 'failed';

/** One O-RU as the O-DU tracks it; starts `connecting` with no profile. */
export class RadioUnit {
  mplane: Session<'ofh-m'> | undefined;
  cuplane: Session<'ofh-cu'> | undefined;
  profile: CarrierProfile | undefined;
  phase: RadioUnitPhase = 'connecting';
  syncState: oran.fronthaul.mplane.v1.SyncState = oran.fronthaul.mplane.v1.SyncState.SYNC_STATE_UNSPECIFIED;
  /** Wakes whoever waits for the next M-plane notification. */
  readonly #waiters = new Set<() => void>();

  constructor(readonly ru: string) {}

  get txCarrier(): string {
    return `tx-${this.ru}`;
  }

  get rxCarrier(): string {
    return `rx-${this.ru}`;
  }

  /** eAxC id of the TX carrier: the first of the O-RU's range. */
  get txEaxcId(): number {
    return this.profile?.eaxcIds[0] ?? 0;
  }

  /** eAxC id of the RX carrier: the one after the TX carrier's. */
  get rxEaxcId(): number {
    return this.txEaxcId + 1;
  }

  /** True when CU-plane may flow: carriers active and the CU-plane link up. */
  get inService(): boolean {
    return this.phase === 'active' && this.cuplane !== undefined && this.profile !== undefined;
  }

  /** Resolves at the next notification, or after `timeoutMs`. */
  nextNotification(timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.#waiters.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, timeoutMs);
      this.#waiters.add(wake);
    });
  }

  notified(): void {
    for (const wake of [...this.#waiters]) wake();
  }
}

/** The profile as a log field: what a person reading 'carrier active' wants to see. */
export function describeProfile(profile: CarrierProfile): Record<string, unknown> {
  return {
    band: profile.band,
    bandwidthMhz: profile.bandwidthMhz,
    scsKhz: profile.scsKhz,
    prbCount: profile.prbCount,
    compression: formatCompressions([profile.compression]),
    iqWidth: profile.compression.iqWidth,
    arrays: profile.arrays,
  };
}
