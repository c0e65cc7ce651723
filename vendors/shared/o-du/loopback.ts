/**
 * The loopback test of one O-RU (WG4.CONF 3.1.13): the TX carrier is put in IQ loopback for a
 * while, the O-RU sends each DL U-plane message back as UL on the TX eAxC, and the O-DU compares
 * what came back with what it sent. One 'loopback evm' line per test says whether the O-RU's
 * decompression and compression together stay within the tolerance of the bit width.
 */
import type { Logger } from 'pino';
import { describeCause, type oran, PlugfestError } from '../../../src/sdk/index.js';
import type { CuPlaneProducer, SentIq } from './cu-plane-producer.js';
import { slotKey } from './cu-plane-producer.js';
import { decodeSection, EvmMeter } from './evm-meter.js';
import type { RadioUnit } from './radio-unit.js';

/** How long the carrier stays in loopback, ms. */
export const loopbackDurationMs = 500;
/** Time after the loopback ends for the last looped messages to arrive, ms. */
const settleMs = 250;

/** A running loopback test: takes the looped-back UL U-plane messages. */
export class LoopbackTest {
  readonly #meter = new EvmMeter();
  #sent: Map<string, SentIq> | undefined;
  #unmatched = 0;

  constructor(
    private readonly unit: RadioUnit,
    private readonly producer: CuPlaneProducer,
    private readonly logger: Logger,
  ) {}

  /** Compares one looped-back message with the DL IQ sent for the same slot and PRBs. */
  receive(message: oran.fronthaul.cuplane.v1.UPlaneMessage): void {
    const profile = this.unit.profile;
    const sent = this.#sent?.get(slotKey(message.frameId, message.subframeId, message.slotId));
    if (!profile || !sent) {
      this.#unmatched += 1;
      return;
    }
    for (const section of message.sections) {
      const original = sent.get(section.startPrbu ?? 0);
      if (!original) {
        this.#unmatched += 1;
        continue;
      }
      try {
        const decoded = decodeSection(section, profile.compression);
        this.#meter.add(original, decoded.samples, decoded.iqWidth);
      } catch (error) {
        if (PlugfestError.from(error).code !== 'malformed-frame') throw error;
        this.#unmatched += 1;
      }
    }
  }

  /** Runs the test to its end; resolves once 'loopback evm' (or why there is none) is logged. */
  async run(): Promise<void> {
    const { unit, logger } = this;
    const session = unit.cuplane;
    if (!session) return;
    this.#sent = this.producer.startRecording();
    try {
      const answer = await session.request('oran.fronthaul.cuplane.v1.LoopbackTestRequest', {
        carrierName: unit.txCarrier,
        enable: true,
        durationMs: loopbackDurationMs,
      });
      const response = answer.as('oran.fronthaul.cuplane.v1.LoopbackTestResponse');
      if (answer.outcome !== 'successful' || !response.loopbackActive) {
        logger.warn(
          { ru: unit.ru, cause: describeCause(response.cause), detail: response.detail },
          'loopback test refused',
        );
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, loopbackDurationMs + settleMs));
      if (this.#meter.prbs === 0) {
        logger.warn({ ru: unit.ru, unmatched: this.#unmatched }, 'loopback test got nothing back');
        return;
      }
      const verdict = this.#meter.verdict();
      logger.info({ ru: unit.ru, ...verdict, unmatched: this.#unmatched }, 'loopback evm');
    } catch (error) {
      const e = PlugfestError.from(error);
      if (e.code !== 'link-closed')
        logger.warn({ ru: unit.ru, code: e.code, error: e.rawMessage }, 'loopback test failed');
    } finally {
      this.producer.stopRecording();
      this.#sent = undefined;
    }
  }
}

/** True when a UL U-plane message is a looped-back DL one: it comes on the TX eAxC. */
export function isLoopedBack(message: oran.fronthaul.cuplane.v1.UPlaneMessage, unit: RadioUnit): boolean {
  return (message.ecpriHeader?.eaxcId?.eaxcId ?? -1) === unit.txEaxcId;
}
