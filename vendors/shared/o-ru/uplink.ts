/**
 * The UL U-plane an O-RU sends for each UL C-plane message (WG4.CUS): same eAxC, frame, subframe
 * and slot, symbol 0, one section per C-plane section, and as IQ the reference signal both ends
 * know (vendors/shared/reference-signal.ts), compressed by the vendor's own codec at the carrier's
 * configured compression.
 */
import { oran } from '../../../src/sdk/index.js';
import { referenceIq } from '../reference-signal.js';
import type { Carrier } from './carrier.js';
import type { CPlaneMessage } from './cu-plane-receiver.js';
import { type BfpCodec, encodePrb } from './iq-codec.js';
import { prbAt, prbSpan } from './prb-span.js';
import { udCompHdrOf } from './wire-enums.js';

const { DataDirection, EcpriMessageType } = oran.fronthaul.cuplane.v1;

export type UPlaneInit = oran.fronthaul.cuplane.v1.UPlaneMessage.$Properties;

/** The UL U-plane answering `request`, an UL C-plane message for `carrier` (an RX carrier). */
export function uplinkReference(
  request: CPlaneMessage,
  carrier: Carrier,
  codec: BfpCodec,
  sequenceId: number,
): UPlaneInit {
  const eaxcId = request.ecpriHeader?.eaxcId?.eaxcId ?? 0;
  const { frameId, subframeId, slotId } = request;
  return {
    ecpriHeader: uplinkHeader(request.ecpriHeader?.eaxcId ?? { eaxcId }, sequenceId),
    dataDirection: DataDirection.DATA_DIRECTION_UL,
    payloadVersion: 1,
    filterIndex: request.filterIndex,
    frameId,
    subframeId,
    slotId,
    symbolId: 0,
    sections: request.sections.map((section) => {
      const span = prbSpan(section.startPrbc, section.numPrbc, section.rb, carrier.prbCount);
      return {
        sectionId: section.sectionId,
        rb: section.rb,
        startPrbu: section.startPrbc,
        numPrbu: section.numPrbc,
        udCompHdr: udCompHdrOf(carrier.compression),
        prbs: Array.from({ length: span.count }, (_, i) =>
          encodePrb(
            codec,
            referenceIq(frameId, subframeId, slotId, eaxcId, prbAt(span, i)),
            carrier.compression,
          ),
        ),
      };
    }),
  };
}

/** The eCPRI header of an UL U-plane message the O-RU sends. */
export function uplinkHeader(
  eaxcId: oran.fronthaul.cuplane.v1.EaxcId.$Properties,
  sequenceId: number,
): oran.fronthaul.cuplane.v1.EcpriHeader.$Properties {
  return {
    ecpriVersion: 1,
    ecpriMessage: EcpriMessageType.ECPRI_MESSAGE_TYPE_IQ_DATA,
    eaxcId,
    sequenceId,
    eBit: true,
    subsequenceId: 0,
  };
}
