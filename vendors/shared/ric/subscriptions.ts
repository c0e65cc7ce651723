/**
 * The RIC's subscription manager: one KPM REPORT subscription per E2 node, never two (a node
 * set up again, reset or reconnected gets a fresh one, not an extra one), identified by RIC
 * Request IDs it allocates, and forgotten without a message when E2AP says both ends drop
 * them (reset, new E2 Setup, link loss). Request ids it dropped stay "retired" so indications
 * already in flight are ignored quietly instead of being reported as unknown.
 */
import type { Logger } from 'pino';
import { describeCause, type oran, PlugfestError } from '../../../src/sdk/index.js';
import { kpmMeasurementNames, subscriptionRequestorId } from './constants.js';
import { cellOf, type E2Node, functionOf, nodeFields } from './e2-nodes.js';
import { kpmSubscriptionDetails } from './kpm.js';

export interface RicRequestId {
  readonly ricRequestorId: number;
  readonly ricInstanceId: number;
}

/** A RIC Request ID as decoded messages carry it (fields may be absent). */
type RicRequestIdOnWire = oran.e2.v1.RicRequestId.$Properties;

export interface Subscription {
  readonly node: E2Node;
  readonly ricRequestId: RicRequestId;
  readonly ranFunctionId: number;
  readonly periodMs: number;
  readonly measurements: readonly string[];
  /** `pending` from the request until the node admits it. */
  state: 'pending' | 'active';
}

/** Why a subscription attempt ended without an active subscription. */
export type SubscribeOutcome =
  | { readonly result: 'subscribed'; readonly subscription: Subscription }
  | { readonly result: 'skipped'; readonly reason: string }
  | { readonly result: 'refused'; readonly cause: oran.common.v1.Cause.$Properties | null | undefined }
  | { readonly result: 'failed'; readonly error: PlugfestError };

export interface SubscriptionManagerOptions {
  /** E2SM-KPM reporting period, ms. */
  readonly periodMs: number;
  /** Measurements to ask for, in order. Default: kpmMeasurementNames. */
  readonly measurements?: readonly string[];
  /** Wait for the node's answer. Default 2000 ms, OSC submgr's request timeout. */
  readonly requestTimeoutMs?: number;
  readonly logger: Logger;
}

const retiredIdsKept = 64;

/** "1001/7": requestor and instance, as logs show a RIC Request ID. */
const requestIdText = (id: RicRequestIdOnWire): string =>
  `${id.ricRequestorId ?? 0}/${id.ricInstanceId ?? 0}`;

export class SubscriptionManager {
  readonly #options: Required<SubscriptionManagerOptions>;
  readonly #live = new Map<string, Subscription[]>();
  readonly #retired = new Map<string, Set<string>>();
  #nextInstanceId = 1;

  constructor(options: SubscriptionManagerOptions) {
    this.#options = {
      measurements: kpmMeasurementNames,
      requestTimeoutMs: 2000,
      ...options,
    };
  }

  /** Subscribes the node to KPM unless it has a subscription already. */
  async subscribeKpm(node: E2Node): Promise<SubscribeOutcome> {
    const log = this.#options.logger;
    const kpm = functionOf(node, 'kpm');
    if (node.state !== 'up') return { result: 'skipped', reason: 'node is down' };
    if (!kpm) return { result: 'skipped', reason: 'node offers no KPM RAN function' };
    const existing = this.of(node).find((s) => s.ranFunctionId === kpm.id);
    if (existing) return { result: 'skipped', reason: 'already subscribed' };

    const offered = kpm.kpm?.measurements ?? [];
    const measurements =
      offered.length === 0
        ? [...this.#options.measurements]
        : this.#options.measurements.filter((m) => offered.includes(m));
    if (measurements.length === 0) {
      log.warn({ ...nodeFields(node), offered }, 'kpm subscription skipped');
      return { result: 'skipped', reason: 'node supports none of the measurements' };
    }
    const subscription: Subscription = {
      node,
      ricRequestId: { ricRequestorId: subscriptionRequestorId, ricInstanceId: this.#allocateInstanceId() },
      ranFunctionId: kpm.id,
      periodMs: this.#options.periodMs,
      measurements,
      state: 'pending',
    };
    this.#add(subscription);
    const fields = {
      ...nodeFields(node),
      ricRequestId: requestIdText(subscription.ricRequestId),
      ranFunctionId: kpm.id,
    };
    try {
      const answer = await node.session.request(
        'oran.e2.v1.RicSubscriptionRequest',
        {
          ricRequestId: subscription.ricRequestId,
          ranFunctionId: kpm.id,
          ricSubscriptionDetails: kpmSubscriptionDetails({
            periodMs: subscription.periodMs,
            measurements,
            cell: cellOf(node),
          }),
        },
        { timeoutMs: this.#options.requestTimeoutMs },
      );
      if (answer.outcome === 'unsuccessful') {
        const failure = answer.as('oran.e2.v1.RicSubscriptionFailure');
        this.#remove(subscription);
        log.warn({ ...fields, cause: describeCause(failure.cause) }, 'kpm subscription refused');
        return { result: 'refused', cause: failure.cause };
      }
      const response = answer.as('oran.e2.v1.RicSubscriptionResponse');
      if (!this.#isLive(subscription)) {
        return { result: 'skipped', reason: 'dropped while the request was in flight' };
      }
      if (!response.ricActionsAdmitted.includes(1)) {
        this.#remove(subscription);
        const cause = response.ricActionsNotAdmitted[0]?.cause;
        log.warn({ ...fields, cause: describeCause(cause) }, 'kpm subscription refused');
        return { result: 'refused', cause };
      }
      subscription.state = 'active';
      log.info({ ...fields, periodMs: subscription.periodMs, measurements }, 'kpm subscribed');
      return { result: 'subscribed', subscription };
    } catch (reason) {
      const error = PlugfestError.from(reason);
      this.#remove(subscription);
      if (error.code !== 'link-closed') {
        log.warn({ ...fields, code: error.code, detail: error.rawMessage }, 'kpm subscription failed');
      }
      return { result: 'failed', error };
    }
  }

  /**
   * Deletes a subscription (RIC Subscription Delete). The RIC forgets it whatever the node
   * answers: a node that does not know it has nothing to stop.
   */
  async delete(subscription: Subscription, reason: string, timeoutMs = this.#options.requestTimeoutMs) {
    const { node, ricRequestId, ranFunctionId } = subscription;
    this.#remove(subscription);
    const fields = { ...nodeFields(node), ricRequestId: requestIdText(ricRequestId), ranFunctionId, reason };
    try {
      const answer = await node.session.request(
        'oran.e2.v1.RicSubscriptionDeleteRequest',
        { ricRequestId, ranFunctionId },
        { timeoutMs },
      );
      if (answer.outcome === 'unsuccessful') {
        const failure = answer.as('oran.e2.v1.RicSubscriptionDeleteFailure');
        this.#options.logger.warn(
          { ...fields, cause: describeCause(failure.cause) },
          'kpm subscription delete refused',
        );
        return;
      }
      this.#options.logger.info(fields, 'kpm subscription deleted');
    } catch (error) {
      const e = PlugfestError.from(error);
      // A link closing under the request took the subscription with it.
      const level = e.code === 'link-closed' ? 'debug' : 'warn';
      this.#options.logger[level](
        { ...fields, code: e.code, detail: e.rawMessage },
        'kpm subscription delete failed',
      );
    }
  }

  /** Forgets every subscription of a node without a message; returns what was dropped. */
  dropAll(node: E2Node): Subscription[] {
    const dropped = this.#live.get(node.key) ?? [];
    this.#live.delete(node.key);
    for (const s of dropped) this.#retire(s);
    return dropped;
  }

  /** Forgets the subscriptions of one RAN function of a node without a message. */
  dropFunction(node: E2Node, ranFunctionId: number): Subscription[] {
    const dropped = this.of(node).filter((s) => s.ranFunctionId === ranFunctionId);
    for (const s of dropped) this.#remove(s);
    return dropped;
  }

  /** The node's subscriptions, pending or active. */
  of(node: E2Node): Subscription[] {
    return [...(this.#live.get(node.key) ?? [])];
  }

  /** Every subscription of every node. */
  all(): Subscription[] {
    return [...this.#live.values()].flat();
  }

  /** The node's subscription with this RIC Request ID, pending or active. */
  find(node: E2Node, ricRequestId: RicRequestIdOnWire | null | undefined): Subscription | undefined {
    if (!ricRequestId) return undefined;
    const text = requestIdText(ricRequestId);
    return this.of(node).find((s) => requestIdText(s.ricRequestId) === text);
  }

  /** Whether the id named a subscription of the node that the RIC dropped. */
  isRetired(node: E2Node, ricRequestId: RicRequestIdOnWire | null | undefined): boolean {
    return ricRequestId ? (this.#retired.get(node.key)?.has(requestIdText(ricRequestId)) ?? false) : false;
  }

  #allocateInstanceId(): number {
    const id = this.#nextInstanceId;
    // RIC Instance ID is 0..65535; wrapping reuses ids of subscriptions long gone.
    this.#nextInstanceId = id >= 65535 ? 1 : id + 1;
    return id;
  }

  #add(subscription: Subscription): void {
    const list = this.#live.get(subscription.node.key) ?? [];
    list.push(subscription);
    this.#live.set(subscription.node.key, list);
  }

  #isLive(subscription: Subscription): boolean {
    return this.#live.get(subscription.node.key)?.includes(subscription) ?? false;
  }

  #remove(subscription: Subscription): void {
    const list = this.#live.get(subscription.node.key);
    if (!list?.includes(subscription)) return;
    list.splice(list.indexOf(subscription), 1);
    if (list.length === 0) this.#live.delete(subscription.node.key);
    this.#retire(subscription);
  }

  #retire(subscription: Subscription): void {
    const retired = this.#retired.get(subscription.node.key) ?? new Set<string>();
    retired.add(requestIdText(subscription.ricRequestId));
    // Only recent ids matter (indications in flight); keep the set small.
    if (retired.size > retiredIdsKept) retired.delete(retired.values().next().value!);
    this.#retired.set(subscription.node.key, retired);
  }
}

export { requestIdText };
