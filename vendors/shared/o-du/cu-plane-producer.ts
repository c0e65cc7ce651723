/**
 * The CU-plane towards one O-RU: each slot, the DL C-plane, then the DL U-plane of the same
 * slot, then the UL C-plane asking for the UL PRBs, in that order on the link. eCPRI sequence ids
 * count per eAxC and plane, modulo 256, and only messages really sent take one, so the O-RU sees
 * no gap. A slot whose predecessor is still waiting for buffer room is skipped whole.
 */
import type { Logger } from 'pino';
import { type AirTime, type SlotResult, testSignal } from '../../../src/ran/index.js';
import { PlugfestError } from '../../../src/sdk/index.js';
import { cPlaneMessage, dlUPlaneMessage, type SectionSpan, sectionsOf } from './cu-plane-messages.js';
import type { RadioUnit } from './radio-unit.js';

/**
 * Peak level of the DL test signal per I or Q component, int16 units (about -8.7 dBFS, as the
 * UL reference): an O-RU that doubles the samples is measured, not hidden by clipping.
 */
const dlAmplitude = 12_000;
/** Slots of sent IQ a loopback test keeps to compare with what comes back. */
const recordedSlots = 64;

/** DL IQ sent in one slot, by section start PRB. */
export type SentIq = Map<number, Int16Array>;

/** Key of a slot in CU-plane headers: frameId.subframe.slot. */
export const slotKey = (frameId: number, subframe: number, slot: number): string =>
  `${frameId}.${subframe}.${slot}`;

/** The CU-plane producer of one O-RU. */
export class CuPlaneProducer {
  readonly #sequence = new Map<string, number>();
  #busy = false;
  #recording: Map<string, SentIq> | undefined;
  /** Slots skipped because the link had no room. */
  skipped = 0;

  constructor(
    private readonly unit: RadioUnit,
    private readonly logger: Logger,
  ) {}

  /** Starts keeping the DL IQ sent (for a loopback test); returns what is kept, by slotKey. */
  startRecording(): Map<string, SentIq> {
    this.#recording = new Map();
    return this.#recording;
  }

  stopRecording(): void {
    this.#recording = undefined;
  }

  /** Sends the slot's messages; does nothing if the O-RU is not in service. */
  sendSlot(time: AirTime, result: SlotResult): void {
    const { unit } = this;
    const session = unit.cuplane;
    const profile = unit.profile;
    if (!unit.inService || !session || !profile) return;
    if (this.#busy) {
      this.skipped += 1;
      return;
    }
    const dlSections = sectionsOf(result.dl, profile.prbCount);
    const ulSections = sectionsOf(result.ul, profile.prbCount);
    const iq = dlSections.map((s) => this.#dlIq(time, s));
    this.#record(time, dlSections, iq);
    const { compression } = profile;
    const messages: Array<() => Promise<void>> = [];
    // The C-plane message of one direction; its sequence id is taken now, in slot order.
    const cPlane = (direction: 'dl' | 'ul', eaxcId: number, sections: readonly SectionSpan[]) => {
      const c = cPlaneMessage({
        direction,
        time,
        eaxcId,
        sequenceId: this.#next('c', eaxcId),
        compression,
        sections,
      });
      return () => session.send('oran.fronthaul.cuplane.v1.CPlaneMessage', c);
    };
    if (dlSections.length > 0) {
      messages.push(cPlane('dl', unit.txEaxcId, dlSections));
      const u = dlUPlaneMessage({
        time,
        eaxcId: unit.txEaxcId,
        sequenceId: this.#next('u', unit.txEaxcId),
        compression,
        sections: dlSections,
        iq,
      });
      messages.push(() => session.send('oran.fronthaul.cuplane.v1.UPlaneMessage', u));
    }
    if (ulSections.length > 0) messages.push(cPlane('ul', unit.rxEaxcId, ulSections));
    this.#busy = true;
    void (async () => {
      try {
        for (const send of messages) await send();
      } catch (error) {
        const e = PlugfestError.from(error);
        if (e.code !== 'link-closed')
          this.logger.warn({ ru: unit.ru, code: e.code, error: e.rawMessage }, 'cu-plane send failed');
      } finally {
        this.#busy = false;
      }
    })();
  }

  /** The next sequence id of an eAxC on one plane (0..255, wrapping). */
  #next(plane: 'c' | 'u', eaxcId: number): number {
    const key = `${plane}:${eaxcId}`;
    const id = this.#sequence.get(key) ?? 0;
    this.#sequence.set(key, (id + 1) % 256);
    return id;
  }

  /** QAM-like IQ for the section's PRBs, different every slot and section. */
  #dlIq(time: AirTime, section: SectionSpan): Int16Array {
    return testSignal({
      prbCount: section.numPrb,
      amplitude: dlAmplitude,
      seed: time.absoluteSlot * 4096 + section.startPrb,
    });
  }

  #record(time: AirTime, sections: readonly SectionSpan[], iq: readonly Int16Array[]): void {
    const recording = this.#recording;
    if (!recording) return;
    recording.set(
      slotKey(time.frameId, time.subframe, time.slot),
      new Map(sections.map((s, i) => [s.startPrb, iq[i]!])),
    );
    while (recording.size > recordedSlots) recording.delete(recording.keys().next().value!);
  }
}
