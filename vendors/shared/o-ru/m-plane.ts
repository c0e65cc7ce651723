/**
 * The O-RU's M-plane server (oran.fronthaul.mplane.v1, WG4.MP): one handler per NETCONF
 * operation, each a translation onto the RadioUnit. A refusal is the same response sent as an
 * unsuccessful outcome with rpc_errors filled.
 */
import { type EndpointBehaviour, failure, oran, success } from '../../../src/sdk/index.js';
import { moduleCapability } from './capabilities.js';
import { type CarrierWire, carrierToWire } from './carrier.js';
import { stateOf } from './carrier-store.js';
import type { RadioUnit } from './radio-unit.js';
import { logFieldsOf, rpcError } from './rpc-errors.js';
import { lockedClockClass } from './sync.js';

const mplane = oran.fronthaul.mplane.v1;

/** The ofh-m endpoint of an O-RU; `ru` is the running O-RU (created at start). */
export function mPlaneEndpoint(ru: () => RadioUnit): EndpointBehaviour<'ofh-m'> {
  return {
    onReady(session) {
      ru().logger.info({ peer: session.peer.instanceId, interface: 'ofh-m' }, 'fronthaul client connected');
    },
    onClose(session, event) {
      ru().notifications.unsubscribe(session);
      ru().logger.info(
        { peer: session.peer.instanceId, interface: 'ofh-m', code: event.code },
        'fronthaul client disconnected',
      );
    },
    handlers: {
      'oran.fronthaul.mplane.v1.GetCapabilitiesRequest': (request) =>
        success('oran.fronthaul.mplane.v1.GetCapabilitiesResponse', {
          moduleCapability: moduleCapability(ru().profile, ru().serialNumber, request.filter),
        }),

      'oran.fronthaul.mplane.v1.SubscribeNotificationsRequest': (request, session) => {
        const error = ru().notifications.subscribe(session, request.stream, request.notificationNames);
        if (error)
          return failure('oran.fronthaul.mplane.v1.SubscribeNotificationsResponse', {
            ok: false,
            rpcErrors: [error],
          });
        return success('oran.fronthaul.mplane.v1.SubscribeNotificationsResponse', { ok: true });
      },

      'oran.fronthaul.mplane.v1.GetSyncStateRequest': () =>
        success('oran.fronthaul.mplane.v1.GetSyncStateResponse', {
          syncState: ru().sync.state,
          clockClass: ru().sync.locked ? lockedClockClass : 0,
        }),

      'oran.fronthaul.mplane.v1.EditConfigRequest': (request) => {
        const outcome = ru().carriers.edit(request);
        if (!outcome.ok) {
          ru().logger.warn(logFieldsOf(outcome.error), 'edit-config refused');
          return failure('oran.fronthaul.mplane.v1.EditConfigResponse', {
            ok: false,
            rpcErrors: [outcome.error],
          });
        }
        ru().logger.info(
          {
            configured: outcome.configured,
            deleted: outcome.deleted,
            operation: mplane.EditOperation[request.operation || mplane.EditOperation.EDIT_OPERATION_MERGE]
              ?.replace('EDIT_OPERATION_', '')
              .toLowerCase(),
          },
          'carriers configured',
        );
        ru().carriersChanged(outcome.activated, true, 'activation');
        ru().carriersChanged(outcome.deactivated, false, 'deactivation');
        return success('oran.fronthaul.mplane.v1.EditConfigResponse', { ok: true });
      },

      'oran.fronthaul.mplane.v1.SetCarrierStateRequest': (request) => {
        const { carrierName, desiredState } = request;
        if (
          desiredState !== mplane.ActiveState.ACTIVE_STATE_ACTIVE &&
          desiredState !== mplane.ActiveState.ACTIVE_STATE_INACTIVE
        ) {
          const error = rpcError('invalid-value', 'desired-state must be ACTIVE or INACTIVE', {
            path: `/user-plane-configuration/*-array-carriers[name='${carrierName}']/active`,
          });
          return failure('oran.fronthaul.mplane.v1.SetCarrierStateResponse', {
            carrierName,
            rpcErrors: [error],
          });
        }
        const active = desiredState === mplane.ActiveState.ACTIVE_STATE_ACTIVE;
        const outcome = ru().carriers.setActive(carrierName, active);
        if (!outcome.ok) {
          ru().logger.warn({ carrier: carrierName, ...logFieldsOf(outcome.error) }, 'carrier state refused');
          return failure('oran.fronthaul.mplane.v1.SetCarrierStateResponse', {
            carrierName,
            state: outcome.state,
            reason: outcome.reason,
            rpcErrors: [outcome.error],
          });
        }
        if (outcome.changed)
          ru().carriersChanged([carrierName], active, active ? 'activation' : 'deactivation');
        return success('oran.fronthaul.mplane.v1.SetCarrierStateResponse', {
          carrierName,
          state: stateOf(outcome.entry),
        });
      },

      // A get whose filter names carriers that do not exist returns no data, not an error
      // (RFC 6241 clause 6: a subtree filter that selects nothing gives an empty reply).
      'oran.fronthaul.mplane.v1.GetCarriersRequest': (request) => {
        const names = request.carrierNames;
        const entries = ru()
          .carriers.entries()
          .filter((e) => names.length === 0 || names.includes(e.carrier.name));
        const wire = (kind: 'tx' | 'rx'): CarrierWire[] =>
          entries.filter((e) => e.carrier.kind === kind).map((e) => carrierToWire(e.carrier, stateOf(e)));
        return success('oran.fronthaul.mplane.v1.GetCarriersResponse', {
          txArrayCarriers: wire('tx'),
          rxArrayCarriers: wire('rx'),
        });
      },

      'oran.fronthaul.mplane.v1.SupervisionWatchdogReset': (request) =>
        success('oran.fronthaul.mplane.v1.SupervisionWatchdogResetResponse', {
          nextUpdateAtUnixMs: ru().resetWatchdog(
            request.supervisionNotificationIntervalS,
            request.guardTimerOverheadS,
          ),
        }),

      'oran.fronthaul.mplane.v1.GetActiveAlarmsRequest': () =>
        success('oran.fronthaul.mplane.v1.GetActiveAlarmsResponse', { activeAlarms: ru().alarms.list() }),

      'oran.fronthaul.mplane.v1.ResetRequest': (_request, _session, context) => {
        // Answer first, then restart: the rpc-reply is the last thing the client hears on the
        // old links before LinkClose (om-intervention), as a real O-RU reboots after replying.
        setTimeout(async () => {
          ru().reset();
          await ru().notifications.flush();
          for (const session of context.sessions())
            void session.link.close('normal', 'o-ran-operations reset');
        }, 20);
        return success('oran.fronthaul.mplane.v1.ResetResponse', { ok: true });
      },

      'oran.fronthaul.mplane.v1.SoftwareInstallRequest': (request) => {
        const { ok, ...response } = ru().software.install(request);
        const fields = {
          package: request.packageName,
          slot: response.slotName,
          status: mplane.SoftwareInstallStatus[response.status ?? 0]?.replace('SOFTWARE_INSTALL_STATUS_', ''),
        };
        if (ok) {
          ru().logger.info(fields, 'software installed');
          return success('oran.fronthaul.mplane.v1.SoftwareInstallResponse', response);
        }
        ru().logger.warn({ ...fields, errorMessage: response.errorMessage }, 'software install refused');
        return failure('oran.fronthaul.mplane.v1.SoftwareInstallResponse', response);
      },
    },
  };
}
