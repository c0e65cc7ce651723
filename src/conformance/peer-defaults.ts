/**
 * What a test peer does when a case has not said otherwise: what a conforming counterpart does.
 * A RIC peer accepts E2 Setup with every RAN function offered, acknowledges service and
 * configuration updates and answers Reset; an E2-node peer admits every subscription action,
 * deletes subscriptions, acknowledges controls and answers Reset. Everything else (M-plane,
 * CU-plane, A1, E2 Setup from an E2-node peer) the case drives itself.
 */
import { ranFunctionIdItem } from '../ran/index.js';
import { type Reply, type Session, success } from '../sdk/index.js';
import type { InterfaceName, MessageTypeMap, RoleName } from '../wire/index.js';

/** Answers one initiating message; `undefined` sends nothing. */
export type PeerHandler<K extends keyof MessageTypeMap = keyof MessageTypeMap> = (
  message: MessageTypeMap[K],
  session: Session<InterfaceName>,
) => Reply<InterfaceName> | undefined | Promise<Reply<InterfaceName> | undefined>;

type Defaults = { [K in keyof MessageTypeMap]?: PeerHandler<K> };

/** The Global RIC ID a RIC test peer answers with. */
export const peerGlobalRicId = { plmnId: '00101', nearRtRicId: 0xfffff };

const ricPeer: Defaults = {
  'oran.e2.v1.E2SetupRequest': (request) =>
    success('oran.e2.v1.E2SetupResponse', {
      globalRicId: peerGlobalRicId,
      ranFunctionsAccepted: request.ranFunctionsAdded.map(ranFunctionIdItem),
    }),
  'oran.e2.v1.RicServiceUpdate': (update) =>
    success('oran.e2.v1.RicServiceUpdateAcknowledge', {
      ranFunctionsAccepted: [...update.ranFunctionsAdded, ...update.ranFunctionsModified].map(
        ranFunctionIdItem,
      ),
    }),
  'oran.e2.v1.E2NodeConfigurationUpdate': () =>
    success('oran.e2.v1.E2NodeConfigurationUpdateAcknowledge', {}),
  'oran.e2.v1.ResetRequest': () => success('oran.e2.v1.ResetResponse', {}),
};

const e2NodePeer: Defaults = {
  'oran.e2.v1.RicSubscriptionRequest': (request) =>
    success('oran.e2.v1.RicSubscriptionResponse', {
      ricRequestId: request.ricRequestId,
      ranFunctionId: request.ranFunctionId,
      ricActionsAdmitted: (request.ricSubscriptionDetails?.ricActionToBeSetupList ?? []).map(
        (a) => a.ricActionId ?? 0,
      ),
    }),
  'oran.e2.v1.RicSubscriptionDeleteRequest': (request) =>
    success('oran.e2.v1.RicSubscriptionDeleteResponse', {
      ricRequestId: request.ricRequestId,
      ranFunctionId: request.ranFunctionId,
    }),
  'oran.e2.v1.RicControlRequest': (request) =>
    success('oran.e2.v1.RicControlAcknowledge', {
      ricRequestId: request.ricRequestId,
      ranFunctionId: request.ranFunctionId,
    }),
  'oran.e2.v1.ResetRequest': () => success('oran.e2.v1.ResetResponse', {}),
};

export function peerDefaults(role: RoleName): Defaults {
  if (role === 'near-rt-ric') return ricPeer;
  if (role === 'o-du') return e2NodePeer;
  return {};
}
