/**
 * The UL check of one O-RU: every UL U-plane message on its RX eAxC carries the reference signal
 * both ends know for (frame, subframe, slot, eAxC, PRB), like a DMRS; the O-DU decodes it and
 * measures the EVM against that reference. Once a second it logs the figure and whether it is
 * within the tolerance of the bit width: a wrong BFP exponent in an O-RU shows here, as ~100 %.
 */
import type { Logger } from 'pino';
import { samplesPerPrb } from '../../../src/ran/index.js';
import { type oran, PlugfestError } from '../../../src/sdk/index.js';
import { referenceSection } from '../reference-signal.js';
import { decodeSection, EvmMeter } from './evm-meter.js';
import type { RadioUnit } from './radio-unit.js';

/** The UL EVM of one O-RU, reported once a second. */
export class UplinkChecker {
  readonly #meter = new EvmMeter();
  #messages = 0;
  #corrupt = 0;

  constructor(
    private readonly unit: RadioUnit,
    private readonly logger: Logger,
  ) {}

  /** Measures one UL U-plane message of the RX carrier. */
  receive(message: oran.fronthaul.cuplane.v1.UPlaneMessage): void {
    const profile = this.unit.profile;
    if (!profile) return;
    this.#messages += 1;
    const eaxcId = message.ecpriHeader?.eaxcId?.eaxcId ?? this.unit.rxEaxcId;
    for (const section of message.sections) {
      try {
        const decoded = decodeSection(section, profile.compression);
        const prbs = decoded.samples.length / samplesPerPrb;
        const reference = referenceSection(
          message.frameId,
          message.subframeId,
          message.slotId,
          eaxcId,
          decoded.startPrb,
          prbs,
        );
        this.#meter.add(reference, decoded.samples, decoded.iqWidth);
      } catch (error) {
        if (PlugfestError.from(error).code !== 'malformed-frame') throw error;
        this.#corrupt += 1;
      }
    }
  }

  /** Logs the last period's EVM ('uplink evm', and a warning when out of tolerance), then starts a new period. */
  report(): void {
    if (this.#meter.prbs === 0 && this.#corrupt === 0) return;
    if (this.#meter.iqWidth === 0) this.#meter.iqWidth = this.unit.profile?.compression.iqWidth ?? 16;
    const fields = {
      ru: this.unit.ru,
      ...this.#meter.verdict(),
      messages: this.#messages,
      corrupt: this.#corrupt,
    };
    this.logger.info(fields, 'uplink evm');
    if (!fields.ok || fields.corrupt > 0) this.logger.warn(fields, 'uplink evm out of tolerance');
    this.#meter.reset();
    this.#messages = 0;
    this.#corrupt = 0;
  }
}
