/**
 * The O-RU's CU-plane endpoint (oran.fronthaul.cuplane.v1, WG4.CUS): C-plane and U-plane messages
 * go through the receiver checks; an UL C-plane message is answered with the UL reference signal,
 * a DL U-plane message of a carrier in loopback comes back as UL U-plane. Counters and loopback
 * are request / response procedures.
 */
import type { Logger } from 'pino';
import { type EndpointBehaviour, failure, oran, type Session, success } from '../../../src/sdk/index.js';
import type { RadioUnit } from './radio-unit.js';
import { type UPlaneInit, uplinkReference } from './uplink.js';

const { DataDirection } = oran.fronthaul.cuplane.v1;
const { CauseProtocol, CauseRadioNetwork } = oran.common.v1;

/** The ofh-cu endpoint of an O-RU; `ru` is the running O-RU (created at start). */
export function cuPlaneEndpoint(ru: () => RadioUnit): EndpointBehaviour<'ofh-cu'> {
  return {
    onReady(session) {
      ru().logger.info({ peer: session.peer.instanceId, interface: 'ofh-cu' }, 'fronthaul client connected');
    },
    onClose(session, event) {
      ru().logger.info(
        { peer: session.peer.instanceId, interface: 'ofh-cu', code: event.code },
        'fronthaul client disconnected',
      );
    },
    handlers: {
      'oran.fronthaul.cuplane.v1.CPlaneMessage': (message, session) => {
        const accepted = ru().receiver.receiveCPlane(message);
        if (accepted && message.dataDirection === DataDirection.DATA_DIRECTION_UL) {
          const sequenceId = ru().uplinkSequence.next(accepted.eaxcId);
          sendUplink(
            session,
            uplinkReference(message, accepted.entry.carrier, ru().codec, sequenceId),
            ru().logger,
          );
        }
        return undefined;
      },

      'oran.fronthaul.cuplane.v1.UPlaneMessage': (message, session) => {
        const accepted = ru().receiver.receiveUPlane(message);
        const carrier = accepted?.entry.carrier;
        if (accepted && carrier && ru().loopbacks.active(carrier.name)) {
          const sequenceId = ru().uplinkSequence.next(accepted.eaxcId);
          sendUplink(session, ru().loopbacks.echo(message, carrier, ru().codec, sequenceId), ru().logger);
        }
        return undefined;
      },

      'oran.fronthaul.cuplane.v1.GetCountersRequest': (request) => {
        const configured = ru().carriers.eaxcIds();
        const asked = request.eaxcIds.length > 0 ? request.eaxcIds : configured;
        const unknown = asked.find((id) => !configured.includes(id) && !ru().receiver.counters.has(id));
        if (unknown !== undefined) {
          return failure('oran.fronthaul.cuplane.v1.GetCountersResponse', {
            collectedAtUnixMs: Date.now(),
            cause: { protocol: CauseProtocol.CAUSE_PROTOCOL_SEMANTIC_ERROR },
            detail: `eAxC id ${unknown} is not configured on this O-RU`,
          });
        }
        return success('oran.fronthaul.cuplane.v1.GetCountersResponse', {
          counters: asked.map((id) => ru().receiver.counters.read(id)),
          collectedAtUnixMs: Date.now(),
        });
      },

      'oran.fronthaul.cuplane.v1.LoopbackTestRequest': (request) => {
        const { carrierName, enable, durationMs } = request;
        const entry = ru().carriers.get(carrierName);
        const refuse = (cause: oran.common.v1.Cause.$Properties, detail: string) => {
          ru().logger.warn({ carrier: carrierName, detail }, 'loopback refused');
          return failure('oran.fronthaul.cuplane.v1.LoopbackTestResponse', {
            carrierName,
            loopbackActive: false,
            cause,
            detail,
          });
        };
        if (entry?.carrier.kind !== 'tx') {
          return refuse(
            { protocol: CauseProtocol.CAUSE_PROTOCOL_SEMANTIC_ERROR },
            `no TX array carrier "${carrierName}" is configured`,
          );
        }
        if (!enable) {
          ru().loopbacks.stop(carrierName, 'stopped by request');
          return success('oran.fronthaul.cuplane.v1.LoopbackTestResponse', {
            carrierName,
            loopbackActive: false,
          });
        }
        if (!entry.active) {
          return refuse(
            { radioNetwork: CauseRadioNetwork.CAUSE_RADIO_NETWORK_CELL_NOT_AVAILABLE },
            `carrier "${carrierName}" is INACTIVE`,
          );
        }
        ru().loopbacks.start(carrierName, durationMs);
        return success('oran.fronthaul.cuplane.v1.LoopbackTestResponse', {
          carrierName,
          loopbackActive: true,
        });
      },
    },
  };
}

function sendUplink(session: Session<'ofh-cu'>, message: UPlaneInit, logger: Logger): void {
  session.send('oran.fronthaul.cuplane.v1.UPlaneMessage', message).catch((error: unknown) => {
    logger.debug({ err: error }, 'uplink u-plane not sent');
  });
}
