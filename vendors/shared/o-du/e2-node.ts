/**
 * The O-DU as an E2 node (O-RAN.WG3.E2AP): E2 Setup on every ready E2 link, then the RIC's
 * subscriptions, controls and resets routed to the RAN function they name. Subscriptions belong
 * to one E2 link and end with it, with a Reset, or with their delete.
 */
import type { Logger } from 'pino';
import { describeCause, failure, oran, type Reply, type Session, success } from '../../../src/sdk/index.js';
import type { E2NodeIdentity } from './e2-identity.js';
import { answerServiceQuery, runE2Setup } from './e2-setup.js';
import type { RanFunction } from './ran-function.js';

const { CauseRicRequest } = oran.common.v1;
const { RicControlAckRequest } = oran.e2.v1;
const ricRequest = (value: oran.common.v1.CauseRicRequest) => ({ ricRequest: value });

type E2 = Session<'e2'>;
type RequestId = oran.e2.v1.RicRequestId.$Properties | null | undefined;

interface ActiveSubscription {
  readonly ranFunctionId: number;
  readonly stop: () => void;
}

const keyOf = (id: RequestId): string => `${id?.ricRequestorId ?? 0}:${id?.ricInstanceId ?? 0}`;
const idOf = (id: RequestId) => ({ requestor: id?.ricRequestorId ?? 0, instance: id?.ricInstanceId ?? 0 });

/** E2 node state for every E2 link of one O-DU. */
export class E2Node {
  readonly #subscriptions = new Map<E2, Map<string, ActiveSubscription>>();
  #stopping = false;

  constructor(
    readonly identity: E2NodeIdentity,
    readonly functions: readonly RanFunction[],
    readonly logger: Logger,
  ) {}

  onReady(session: E2): void {
    this.#subscriptions.set(session, new Map());
    void runE2Setup(session, this);
  }

  onClose(session: E2, code: number, reason: string): void {
    const dropped = this.#dropAll(session);
    const fields = { ric: session.peer.instanceId, code, reason, subscriptionsDropped: dropped };
    if (this.#stopping) this.logger.debug(fields, 'e2 link closed');
    else this.logger.warn(fields, 'e2 link down');
    this.#subscriptions.delete(session);
  }

  /** Stops every subscription of every link (the vendor is stopping). */
  stop(): void {
    this.#stopping = true;
    for (const session of this.#subscriptions.keys()) this.#dropAll(session);
  }

  subscribe(request: oran.e2.v1.RicSubscriptionRequest, session: E2): Reply<'e2'> {
    const { ricRequestId, ranFunctionId } = request;
    const active = this.#subscriptionsOf(session);
    const fn = this.functions.find((f) => f.ranFunctionId === ranFunctionId);
    const refuse = (cause: oran.common.v1.Cause.$Properties, notAdmitted: readonly object[] = []) => {
      this.logger.warn(
        {
          ric: session.peer.instanceId,
          ricRequestId: idOf(ricRequestId),
          ranFunctionId,
          cause: describeCause(cause),
        },
        'ric subscription refused',
      );
      return failure('oran.e2.v1.RicSubscriptionFailure', {
        ricRequestId,
        ranFunctionId,
        cause,
        ricActionsNotAdmitted: [...notAdmitted],
      });
    };
    if (!fn) return refuse(ricRequest(CauseRicRequest.CAUSE_RIC_REQUEST_RAN_FUNCTION_ID_INVALID));
    if (active.has(keyOf(ricRequestId))) {
      return refuse(ricRequest(CauseRicRequest.CAUSE_RIC_REQUEST_DUPLICATE_RIC_REQUEST_ID));
    }
    // A function without a REPORT service (RC here offers control only) admits no action.
    if (!fn.subscribe) return refuse(ricRequest(CauseRicRequest.CAUSE_RIC_REQUEST_ACTION_NOT_SUPPORTED));
    const result = fn.subscribe(request, (indication) =>
      session.send('oran.e2.v1.RicIndication', indication),
    );
    if (!result.ok) return refuse(result.cause, result.notAdmitted);
    active.set(keyOf(ricRequestId), { ranFunctionId, stop: result.stop });
    this.logger.info(
      {
        ric: session.peer.instanceId,
        ricRequestId: idOf(ricRequestId),
        ranFunctionId,
        admitted: result.admitted,
        ...result.summary,
      },
      'ric subscription admitted',
    );
    return success('oran.e2.v1.RicSubscriptionResponse', {
      ricRequestId,
      ranFunctionId,
      ricActionsAdmitted: [...result.admitted],
      ricActionsNotAdmitted: [...result.notAdmitted],
    });
  }

  deleteSubscription(request: oran.e2.v1.RicSubscriptionDeleteRequest, session: E2): Reply<'e2'> {
    const { ricRequestId, ranFunctionId } = request;
    const active = this.#subscriptionsOf(session);
    const found = active.get(keyOf(ricRequestId));
    if (!found || found.ranFunctionId !== ranFunctionId) {
      const cause = ricRequest(CauseRicRequest.CAUSE_RIC_REQUEST_REQUEST_ID_UNKNOWN);
      this.logger.warn(
        { ricRequestId: idOf(ricRequestId), ranFunctionId, cause: describeCause(cause) },
        'ric subscription delete refused',
      );
      return failure('oran.e2.v1.RicSubscriptionDeleteFailure', { ricRequestId, ranFunctionId, cause });
    }
    found.stop();
    active.delete(keyOf(ricRequestId));
    this.logger.info({ ricRequestId: idOf(ricRequestId), ranFunctionId }, 'ric subscription deleted');
    return success('oran.e2.v1.RicSubscriptionDeleteResponse', { ricRequestId, ranFunctionId });
  }

  control(request: oran.e2.v1.RicControlRequest): Reply<'e2'> | undefined {
    const { ricRequestId, ranFunctionId, ricCallProcessId } = request;
    const fn = this.functions.find((f) => f.ranFunctionId === ranFunctionId);
    const result = fn?.control
      ? fn.control(request)
      : {
          ok: false as const,
          cause: ricRequest(CauseRicRequest.CAUSE_RIC_REQUEST_RAN_FUNCTION_ID_INVALID),
          detail: `RAN function ${ranFunctionId} offers no control service on this node`,
          outcome: undefined,
        };
    if (!result.ok) {
      this.logger.warn(
        {
          ricRequestId: idOf(ricRequestId),
          ranFunctionId,
          cause: describeCause(result.cause),
          detail: result.detail,
        },
        'ric control refused',
      );
      return failure('oran.e2.v1.RicControlFailure', {
        ricRequestId,
        ranFunctionId,
        ricCallProcessId,
        cause: result.cause,
        ...(result.outcome ? { ricControlOutcome: result.outcome } : {}),
      });
    }
    this.logger.info(
      { ricRequestId: idOf(ricRequestId), ranFunctionId, ...result.summary },
      'ric control applied',
    );
    // E2AP RIC Control Ack Request: noAck and nAck want no acknowledge of a success.
    const ack = request.ricControlAckRequest;
    if (ack === RicControlAckRequest.RIC_CONTROL_ACK_REQUEST_NO_ACK) return undefined;
    if (ack === RicControlAckRequest.RIC_CONTROL_ACK_REQUEST_NACK) return undefined;
    return success('oran.e2.v1.RicControlAcknowledge', {
      ricRequestId,
      ranFunctionId,
      ricCallProcessId,
      ricControlOutcome: result.outcome,
    });
  }

  reset(request: oran.e2.v1.ResetRequest, session: E2): Reply<'e2'> {
    const dropped = this.#dropAll(session);
    this.logger.info(
      { ric: session.peer.instanceId, cause: describeCause(request.cause), subscriptionsDropped: dropped },
      'e2 reset',
    );
    return success('oran.e2.v1.ResetResponse', {});
  }

  errorIndication(indication: oran.e2.v1.ErrorIndication, session: E2): undefined {
    this.logger.warn(
      {
        ric: session.peer.instanceId,
        cause: describeCause(indication.cause),
        ...(indication.ricRequestId ? { ricRequestId: idOf(indication.ricRequestId) } : {}),
        ...(indication.ranFunctionId !== undefined && indication.ranFunctionId !== null
          ? { ranFunctionId: indication.ranFunctionId }
          : {}),
      },
      'e2 error indication',
    );
    return undefined;
  }

  /** RIC Service Query: offer again, in a RIC Service Update, what the RIC has not accepted. */
  serviceQuery(query: oran.e2.v1.RicServiceQuery, session: E2): undefined {
    void answerServiceQuery(query, session, this);
    return undefined;
  }

  #subscriptionsOf(session: E2): Map<string, ActiveSubscription> {
    const active = this.#subscriptions.get(session) ?? new Map<string, ActiveSubscription>();
    this.#subscriptions.set(session, active);
    return active;
  }

  #dropAll(session: E2): number {
    const active = this.#subscriptions.get(session);
    if (!active) return 0;
    for (const subscription of active.values()) subscription.stop();
    const dropped = active.size;
    active.clear();
    return dropped;
  }
}
