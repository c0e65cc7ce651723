/**
 * IQ loopback of a TX carrier (WG4.CONF 3.1.13): while it is on, each DL U-plane message for the
 * carrier comes back as an UL U-plane message with the same eAxC, frame, subframe, slot, symbol
 * and sections. The IQ goes through the vendor's own codec: decompressed as received, compressed
 * again at the carrier's width, so a codec bug shows in what comes back.
 */
import type { Logger } from 'pino';
import { oran } from '../../../src/sdk/index.js';
import type { Carrier } from './carrier.js';
import type { UPlaneMessage } from './cu-plane-receiver.js';
import { type BfpCodec, decodePrb, encodePrb } from './iq-codec.js';
import { type UPlaneInit, uplinkHeader } from './uplink.js';
import { udCompHdrOf } from './wire-enums.js';

const { DataDirection } = oran.fronthaul.cuplane.v1;

interface Loop {
  readonly timer: NodeJS.Timeout | undefined;
  looped: number;
}

/** The carriers in loopback, each until its duration ends or it is stopped. */
export class Loopbacks {
  readonly #loops = new Map<string, Loop>();

  constructor(private readonly logger: Logger) {}

  /** Starts (or restarts) loopback of the carrier; 0 ms means until stopped. */
  start(carrier: string, durationMs: number): void {
    this.#end(carrier, undefined);
    const timer =
      durationMs > 0 ? setTimeout(() => this.stop(carrier, 'duration ended'), durationMs) : undefined;
    this.#loops.set(carrier, { timer, looped: 0 });
    this.logger.info({ carrier, durationMs }, 'loopback started');
  }

  stop(carrier: string, reason: string): void {
    this.#end(carrier, reason);
  }

  stopAll(reason: string): void {
    for (const carrier of [...this.#loops.keys()]) this.#end(carrier, reason);
  }

  active(carrier: string): boolean {
    return this.#loops.has(carrier);
  }

  /** The UL U-plane echoing `message`, a DL U-plane of `carrier`; counts it. */
  echo(message: UPlaneMessage, carrier: Carrier, codec: BfpCodec, sequenceId: number): UPlaneInit {
    const loop = this.#loops.get(carrier.name);
    if (loop) loop.looped += 1;
    return {
      ecpriHeader: uplinkHeader(message.ecpriHeader?.eaxcId ?? {}, sequenceId),
      dataDirection: DataDirection.DATA_DIRECTION_UL,
      payloadVersion: 1,
      filterIndex: message.filterIndex,
      frameId: message.frameId,
      subframeId: message.subframeId,
      slotId: message.slotId,
      symbolId: message.symbolId,
      sections: message.sections.map((section) => ({
        sectionId: section.sectionId,
        rb: section.rb,
        symInc: section.symInc,
        startPrbu: section.startPrbu,
        numPrbu: section.numPrbu,
        udCompHdr: udCompHdrOf(carrier.compression),
        prbs: (section.prbs ?? []).map((prb) =>
          encodePrb(codec, decodePrb(codec, prb, carrier.compression), carrier.compression),
        ),
      })),
    };
  }

  #end(carrier: string, reason: string | undefined): void {
    const loop = this.#loops.get(carrier);
    if (!loop) return;
    clearTimeout(loop.timer);
    this.#loops.delete(carrier);
    if (reason) this.logger.info({ carrier, looped: loop.looped, reason }, 'loopback stopped');
  }
}
