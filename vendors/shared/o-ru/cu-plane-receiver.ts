/**
 * The O-RU's CU-plane receiver (WG4.CUS): checks each C-plane and U-plane message against the
 * M-plane configuration and the air clock, and counts it in the eAxC's reception window
 * counters. A message that passes is handed back with its carrier for the O-RU to act on.
 *
 * Checks, in order: eAxC id configured; data direction matching the carrier (DL on a TX carrier,
 * UL on an RX one); carrier ACTIVE; sequence id continuous per plane and eAxC; udCompHdr equal to
 * the configured compression; PRBs within the carrier; (U-plane) its C-plane came first and each
 * PRB has the size of the compression; arrival inside the timing window.
 */
import type { Logger } from 'pino';
import type { AirClock } from '../../../src/ran/index.js';
import { oran } from '../../../src/sdk/index.js';
import type { CarrierEntry, CarrierStore } from './carrier-store.js';
import { CheckLog } from './check-log.js';
import { prbFormProblem } from './iq-codec.js';
import { prbSpan, spanProblem } from './prb-span.js';
import { type CounterName, RxCounters } from './rx-counters.js';
import { type Plane, SequenceChecker } from './sequence-ids.js';
import { arrivalOf, slotOffset } from './timing-window.js';
import { describeCompression, describeUdCompHdr, udCompHdrOf } from './wire-enums.js';

const { DataDirection } = oran.fronthaul.cuplane.v1;

export type CPlaneMessage = oran.fronthaul.cuplane.v1.CPlaneMessage;
export type UPlaneMessage = oran.fronthaul.cuplane.v1.UPlaneMessage;
type UdCompHdr = oran.fronthaul.cuplane.v1.UdCompHdr.$Properties;

/** A message that passed the checks, with the carrier it is for. */
export interface Accepted {
  readonly eaxcId: number;
  readonly entry: CarrierEntry;
}

/** C-plane slots remembered per eAxC for the C-before-U check. */
const rememberedSlots = 16;

const timingCounters: Record<Plane, Record<'on-time' | 'early' | 'late', CounterName>> = {
  c: { 'on-time': 'rxOnTimeC', early: 'rxEarlyC', late: 'rxLateC' },
  u: { 'on-time': 'rxOnTime', early: 'rxEarly', late: 'rxLate' },
};

export class CuPlaneReceiver {
  readonly counters = new RxCounters();
  readonly #sequence = new SequenceChecker();
  readonly #checks: CheckLog;
  readonly #cPlaneSlots = new Map<number, string[]>();

  constructor(
    private readonly carriers: CarrierStore,
    private readonly clockFor: (scsKhz: number) => AirClock,
    logger: Logger,
  ) {
    this.#checks = new CheckLog(logger);
  }

  receiveCPlane(message: CPlaneMessage, now = Date.now()): Accepted | undefined {
    const admitted = this.#admit('c', message);
    if (!admitted) return undefined;
    const { eaxcId, entry } = admitted;
    if (!this.#compressionMatches(eaxcId, entry, message.udCompHdr, 'C-plane')) return undefined;
    for (const section of message.sections) {
      const span = prbSpan(section.startPrbc, section.numPrbc, section.rb, entry.carrier.prbCount);
      const problem = spanProblem(span, entry.carrier.prbCount);
      if (problem)
        return this.#corrupt(eaxcId, 'prb-range', `C-plane section ${section.sectionId}: ${problem}`);
    }
    this.#countArrival('c', eaxcId, entry, message, now);
    const slots = this.#cPlaneSlots.get(eaxcId) ?? [];
    slots.push(slotKey(message));
    if (slots.length > rememberedSlots) slots.shift();
    this.#cPlaneSlots.set(eaxcId, slots);
    return admitted;
  }

  receiveUPlane(message: UPlaneMessage, now = Date.now()): Accepted | undefined {
    const admitted = this.#admit('u', message);
    if (!admitted) return undefined;
    const { eaxcId, entry } = admitted;
    if (!this.#cPlaneSlots.get(eaxcId)?.includes(slotKey(message))) {
      return this.#corrupt(
        eaxcId,
        'c-plane-before-u-plane',
        `U-plane for frame ${message.frameId} subframe ${message.subframeId} slot ${message.slotId} without its C-plane first`,
      );
    }
    const { compression, prbCount } = entry.carrier;
    for (const section of message.sections) {
      if (!this.#compressionMatches(eaxcId, entry, section.udCompHdr, 'U-plane')) return undefined;
      const span = prbSpan(section.startPrbu, section.numPrbu, section.rb, prbCount);
      const problem = spanProblem(span, prbCount);
      if (problem)
        return this.#corrupt(eaxcId, 'prb-range', `U-plane section ${section.sectionId}: ${problem}`);
      const prbs = section.prbs ?? [];
      if (prbs.length !== span.count) {
        return this.#corrupt(
          eaxcId,
          'iq-payload',
          `U-plane section ${section.sectionId} names ${span.count} PRBs and carries ${prbs.length}`,
        );
      }
      for (const prb of prbs) {
        const form = prbFormProblem(prb, compression);
        if (form) return this.#corrupt(eaxcId, 'iq-payload', `U-plane section ${section.sectionId}: ${form}`);
      }
    }
    this.#countArrival('u', eaxcId, entry, message, now);
    return admitted;
  }

  /** Counters and sequence state back to zero (a reset of the O-RU). */
  reset(): void {
    this.counters.reset();
    this.#sequence.reset();
    this.#cPlaneSlots.clear();
  }

  /** The checks of the common header: eAxC, direction, carrier state, sequence id. */
  #admit(plane: Plane, message: CPlaneMessage | UPlaneMessage): Accepted | undefined {
    const eaxcId = message.ecpriHeader?.eaxcId?.eaxcId ?? 0;
    this.counters.count(eaxcId, 'rxTotal');
    const what = plane === 'c' ? 'C-plane' : 'U-plane';
    const entry = this.carriers.byEaxcId(eaxcId);
    if (!entry)
      return this.#corrupt(eaxcId, 'eaxc-id', `${what} for eAxC id ${eaxcId}, which no carrier has`);
    const expected =
      entry.carrier.kind === 'tx' ? DataDirection.DATA_DIRECTION_DL : DataDirection.DATA_DIRECTION_UL;
    if (message.dataDirection !== expected) {
      return this.#corrupt(
        eaxcId,
        'data-direction',
        `${what} ${DataDirection[message.dataDirection] ?? message.dataDirection} for ${entry.carrier.kind.toUpperCase()} carrier "${entry.carrier.name}"`,
      );
    }
    if (!entry.active) {
      return this.#corrupt(
        eaxcId,
        'carrier-inactive',
        `${what} for carrier "${entry.carrier.name}", which is INACTIVE`,
      );
    }
    const sequenceId = message.ecpriHeader?.sequenceId ?? 0;
    const sequence = this.#sequence.check(plane, eaxcId, sequenceId);
    if (sequence.result === 'duplicate') {
      this.counters.count(eaxcId, 'rxDuplicate');
      this.#checks.failed('duplicate', eaxcId, `${what} sequence id ${sequenceId} received twice`);
      return undefined;
    }
    if (sequence.result === 'gap') {
      this.counters.count(eaxcId, plane === 'c' ? 'rxSeqidErrC' : 'rxSeqidErr');
      this.#checks.failed(
        'sequence-id',
        eaxcId,
        `${what} sequence id ${sequenceId}, expected ${sequence.expected}`,
      );
    }
    return { eaxcId, entry };
  }

  /** A udCompHdr, when present, must be the configured compression. */
  #compressionMatches(
    eaxcId: number,
    entry: CarrierEntry,
    hdr: UdCompHdr | null | undefined,
    what: string,
  ): boolean {
    if (!hdr) return true;
    const configured = udCompHdrOf(entry.carrier.compression);
    if (hdr.udCompMeth === configured.udCompMeth && hdr.udIqWidth === configured.udIqWidth) return true;
    this.#corrupt(
      eaxcId,
      'ud-comp-hdr',
      `${what} udCompHdr says ${describeUdCompHdr(hdr)}, carrier "${entry.carrier.name}" is configured for ${describeCompression(entry.carrier.compression)}`,
    );
    return false;
  }

  #countArrival(
    plane: Plane,
    eaxcId: number,
    entry: CarrierEntry,
    message: CPlaneMessage | UPlaneMessage,
    now: number,
  ): void {
    const offset = slotOffset(this.clockFor(entry.carrier.scsKhz), message, now);
    const arrival = arrivalOf(offset);
    this.counters.count(eaxcId, timingCounters[plane][arrival]);
    if (arrival !== 'on-time') {
      this.#checks.failed(
        'timing-window',
        eaxcId,
        `${plane === 'c' ? 'C-plane' : 'U-plane'} for frame ${message.frameId} subframe ${message.subframeId} slot ${message.slotId} arrived ${arrival}: ${Math.abs(offset)} slots ${offset > 0 ? 'ahead of' : 'behind'} the air`,
      );
    }
  }

  #corrupt(eaxcId: number, check: Parameters<CheckLog['failed']>[0], detail: string): undefined {
    this.counters.count(eaxcId, 'rxCorrupt');
    this.#checks.failed(check, eaxcId, detail);
    return undefined;
  }
}

function slotKey(message: { frameId: number; subframeId: number; slotId: number }): string {
  return `${message.frameId}/${message.subframeId}/${message.slotId}`;
}
