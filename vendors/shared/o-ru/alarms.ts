/**
 * The active alarm list (o-ran-fm active-alarm-list; WG4.CONF 3.1.5): an alarm is raised once,
 * stays listed until cleared, and both events go out as alarm-notif.
 */
import { oran } from '../../../src/sdk/index.js';

export type Alarm = oran.fronthaul.mplane.v1.Alarm.$Properties;

/** The alarms of this O-RU (WG4.MP Annex A keeps 1..29 for the standard faults). */
export const faults = Object.freeze({
  /** Loss of M-plane supervision: the watchdog expired. */
  supervisionFailure: {
    faultId: 25,
    faultSource: 'o-ran-supervision',
    faultSeverity: oran.fronthaul.mplane.v1.FaultSeverity.FAULT_SEVERITY_MAJOR,
    faultText: 'supervision failure',
  },
});

export type FaultKind = (typeof faults)[keyof typeof faults];

export class AlarmList {
  readonly #active = new Map<number, Alarm>();

  /** Raises the fault; undefined if it is already active. */
  raise(fault: FaultKind, affectedObjects: readonly string[], now = Date.now()): Alarm | undefined {
    if (this.#active.has(fault.faultId)) return undefined;
    const alarm: Alarm = {
      ...fault,
      affectedObjects: [...affectedObjects],
      isCleared: false,
      eventTimeUnixMs: now,
    };
    this.#active.set(fault.faultId, alarm);
    return alarm;
  }

  /** Clears the fault; the clearing alarm, or undefined if it was not active. */
  clear(fault: FaultKind, now = Date.now()): Alarm | undefined {
    const raised = this.#active.get(fault.faultId);
    if (!raised) return undefined;
    this.#active.delete(fault.faultId);
    return { ...raised, isCleared: true, eventTimeUnixMs: now };
  }

  /** Forgets every alarm without notifying (a restart). */
  reset(): void {
    this.#active.clear();
  }

  list(): Alarm[] {
    return [...this.#active.values()];
  }
}
