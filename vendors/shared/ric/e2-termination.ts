/**
 * The RIC's E2 termination: the handlers of every E2AP procedure a node starts (E2 Setup,
 * RIC Indication, Reset, Error Indication, RIC Service Update, RIC Subscription Delete
 * Required, E2 Node Configuration Update) and the link's close. What the RIC starts on its own
 * is in e2-procedures.ts.
 */
import {
  describeCause,
  type EndpointBehaviour,
  failure,
  oran,
  PlugfestError,
  success,
  type VendorContext,
} from '../../../src/sdk/index.js';
import { plmnId } from './constants.js';
import { type E2Node, nodeFields, nodeKey } from './e2-nodes.js';
import { nodeDown, noticeUnknownIndication, subscribeAfterAnswer } from './e2-procedures.js';
import { describeVerdict, judgeRanFunctions, verdictLists } from './e2-setup.js';
import { decodeKpmReport } from './kpm.js';
import type { Ric } from './ric-state.js';
import { requestIdText } from './subscriptions.js';

const { CauseProtocol } = oran.common.v1;
const { TimeToWait } = oran.e2.v1;

/** The `e2` endpoint of a near-RT RIC. `ricOf` gives the vendor run's RIC. */
export function e2Termination(ricOf: (context: VendorContext) => Ric): EndpointBehaviour<'e2'> {
  const lastUnknownNotice = new WeakMap<E2Node, number>();
  const notSetUp = (what: string) =>
    new PlugfestError('not-ready', `${what} before E2 Setup on this link: no E2 node is known here`);

  return {
    handlers: {
      'oran.e2.v1.E2SetupRequest': (request, session, context) => {
        const ric = ricOf(context);
        const globalId = request.globalE2NodeId;
        if (!globalId?.plmnId) {
          ric.logger.warn(
            { peer: session.peer.instanceId, reason: 'no Global E2 Node ID' },
            'e2 setup refused',
          );
          return failure('oran.e2.v1.E2SetupFailure', {
            cause: { protocol: CauseProtocol.CAUSE_PROTOCOL_SEMANTIC_ERROR },
            timeToWait: TimeToWait.TIME_TO_WAIT_V1S,
          });
        }
        const id = {
          plmnId: globalId.plmnId,
          nodeType: globalId.nodeType ?? 0,
          nodeId: globalId.nodeId ?? 0,
        };
        const verdict = judgeRanFunctions(request.ranFunctionsAdded);
        const refusal = ric.hooks.refuseSetup?.(verdict, ric);
        if (refusal) {
          ric.logger.warn(
            {
              node: nodeKey(id),
              peer: session.peer.instanceId,
              reason: refusal.reason,
              cause: describeCause(refusal.cause),
              timeToWait: (TimeToWait[refusal.timeToWait] ?? '').replace('TIME_TO_WAIT_', '').toLowerCase(),
              ...describeVerdict(verdict),
            },
            'e2 setup refused',
          );
          return failure('oran.e2.v1.E2SetupFailure', {
            cause: refusal.cause,
            timeToWait: refusal.timeToWait,
          });
        }
        // A node set up again on a link that carried another node: that one is gone.
        const other = ric.nodes.onSession(session);
        if (other && other.key !== nodeKey(id)) nodeDown(ric, other, 'replaced by another node on its link');
        const { node, previous } = ric.nodes.setUp(id, session, verdict.accepted);
        // E2 Setup erases what both ends held for the node (E2AP 8.3.1): no delete is sent.
        const dropped = previous ? ric.subscriptions.dropAll(previous) : [];
        ric.logger.info(
          {
            ...nodeFields(node),
            again: previous !== undefined,
            dropped: dropped.length,
            ...describeVerdict(verdict),
          },
          'e2 setup accepted',
        );
        ric.hooks.onNodeChange?.(node, 'setup', ric);
        subscribeAfterAnswer(ric, node);
        return success('oran.e2.v1.E2SetupResponse', {
          globalRicId: { plmnId, nearRtRicId: ric.settings.nearRtRicId },
          ...verdictLists(verdict),
          e2nodeComponentConfigurationAdditionAck: request.e2nodeComponentConfigurationAddition.map((c) => ({
            e2nodeComponentId: c.e2nodeComponentId,
            outcome:
              oran.e2.v1.E2NodeComponentConfigurationAckOutcome
                .E2_NODE_COMPONENT_CONFIGURATION_ACK_OUTCOME_SUCCESS,
          })),
        });
      },

      'oran.e2.v1.RicIndication': (indication, session, context) => {
        const ric = ricOf(context);
        const node = ric.nodes.onSession(session);
        if (!node) throw notSetUp('RIC Indication');
        const subscription = ric.subscriptions.find(node, indication.ricRequestId);
        if (!subscription || subscription.ranFunctionId !== indication.ranFunctionId) {
          if (ric.subscriptions.isRetired(node, indication.ricRequestId)) return undefined;
          noticeUnknownIndication(ric, node, session, indication, lastUnknownNotice);
          return undefined;
        }
        const report = decodeKpmReport(indication);
        ric.logger.info(
          {
            ...nodeFields(node),
            ricRequestId: requestIdText(subscription.ricRequestId),
            sn: indication.ricIndicationSn,
            senderName: report.senderName,
            collectedAtUnixMs: report.collectedAtUnixMs,
            measurements: report.measurements,
          },
          'kpm report',
        );
        ric.hooks.onReport?.(report, node, subscription, ric);
        return undefined;
      },

      'oran.e2.v1.ResetRequest': (request, session, context) => {
        const ric = ricOf(context);
        const node = ric.nodes.onSession(session);
        const dropped = node ? ric.subscriptions.dropAll(node) : [];
        ric.logger.info(
          {
            ...(node ? nodeFields(node) : { peer: session.peer.instanceId }),
            initiatedBy: 'e2-node',
            cause: describeCause(request.cause),
            dropped: dropped.length,
          },
          'e2 reset',
        );
        if (node) {
          ric.hooks.onNodeChange?.(node, 'reset', ric);
          subscribeAfterAnswer(ric, node);
        }
        return success('oran.e2.v1.ResetResponse', {});
      },

      'oran.e2.v1.ErrorIndication': (indication, session, context) => {
        const ric = ricOf(context);
        const node = ric.nodes.onSession(session);
        ric.logger.warn(
          {
            ...(node ? nodeFields(node) : { peer: session.peer.instanceId }),
            cause: describeCause(indication.cause),
            ...(indication.ricRequestId ? { ricRequestId: requestIdText(indication.ricRequestId) } : {}),
            ...(indication.ranFunctionId !== undefined && indication.ranFunctionId !== null
              ? { ranFunctionId: indication.ranFunctionId }
              : {}),
            detail: indication.criticalityDiagnostics?.detail || undefined,
          },
          'e2 error indication',
        );
        return undefined;
      },

      'oran.e2.v1.RicServiceUpdate': (update, session, context) => {
        const ric = ricOf(context);
        const node = ric.nodes.onSession(session);
        if (!node) {
          ric.logger.warn({ peer: session.peer.instanceId }, 'e2 service update refused');
          return failure('oran.e2.v1.RicServiceUpdateFailure', {
            cause: { protocol: CauseProtocol.CAUSE_PROTOCOL_MESSAGE_NOT_COMPATIBLE_WITH_RECEIVER_STATE },
            timeToWait: TimeToWait.TIME_TO_WAIT_V1S,
          });
        }
        const deleted = update.ranFunctionsDeleted.map((f) => f.ranFunctionId ?? 0);
        for (const id of deleted) {
          node.functions.delete(id);
          ric.subscriptions.dropFunction(node, id);
        }
        const verdict = judgeRanFunctions([...update.ranFunctionsAdded, ...update.ranFunctionsModified]);
        for (const f of verdict.accepted) node.functions.set(f.id, f);
        ric.logger.info({ ...nodeFields(node), deleted, ...describeVerdict(verdict) }, 'e2 service update');
        subscribeAfterAnswer(ric, node);
        return success('oran.e2.v1.RicServiceUpdateAcknowledge', verdictLists(verdict));
      },

      'oran.e2.v1.RicSubscriptionDeleteRequired': (required, session, context) => {
        const ric = ricOf(context);
        const node = ric.nodes.onSession(session);
        if (!node) throw notSetUp('RIC Subscription Delete Required');
        for (const item of required.ricSubscriptionsToBeRemoved) {
          const subscription = ric.subscriptions.find(node, item.ricRequestId);
          ric.logger.info(
            {
              ...nodeFields(node),
              ricRequestId: item.ricRequestId ? requestIdText(item.ricRequestId) : undefined,
              cause: describeCause(item.cause),
              known: subscription !== undefined,
            },
            'kpm subscription delete required',
          );
          if (subscription) void ric.subscriptions.delete(subscription, 'delete required by the e2 node');
        }
        return undefined;
      },

      'oran.e2.v1.E2NodeConfigurationUpdate': (update, session, context) => {
        const ric = ricOf(context);
        const node = ric.nodes.onSession(session);
        if (!node) throw notSetUp('E2 Node Configuration Update');
        const ack = (c: { e2nodeComponentId?: oran.e2.v1.E2NodeComponentId.$Properties | null }) => ({
          e2nodeComponentId: c.e2nodeComponentId,
          outcome:
            oran.e2.v1.E2NodeComponentConfigurationAckOutcome
              .E2_NODE_COMPONENT_CONFIGURATION_ACK_OUTCOME_SUCCESS,
        });
        ric.logger.info(
          {
            ...nodeFields(node),
            added: update.e2nodeComponentConfigurationAddition.length,
            updated: update.e2nodeComponentConfigurationUpdate.length,
            removed: update.e2nodeComponentConfigurationRemoval.length,
          },
          'e2 node configuration update',
        );
        return success('oran.e2.v1.E2NodeConfigurationUpdateAcknowledge', {
          e2nodeComponentConfigurationAdditionAck: update.e2nodeComponentConfigurationAddition.map(ack),
          e2nodeComponentConfigurationUpdateAck: update.e2nodeComponentConfigurationUpdate.map(ack),
          e2nodeComponentConfigurationRemovalAck: update.e2nodeComponentConfigurationRemoval.map((id) =>
            ack({ e2nodeComponentId: id }),
          ),
        });
      },
    },

    onClose(session, event, context) {
      const ric = ricOf(context);
      const node = ric.nodes.onSession(session);
      if (node) nodeDown(ric, node, event.reason, { code: event.code, cause: event.cause });
    },
  };
}
