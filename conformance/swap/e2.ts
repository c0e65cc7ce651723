/**
 * An E2 node re-attached after a swap, read from the trace of the E2 link: E2 Setup accepted
 * (O-RAN.WG3.E2AP 8.3.1: it erases what both ends held for the node), then one fresh KPM REPORT
 * subscription per RAN function (8.2.1), and RIC Indications for it alone: none for a
 * subscription the old process held, none for a duplicate.
 */
import {
  expectAnswer,
  expectFrame,
  type FrameRecord,
  type NetworkContext,
} from '../../src/conformance/index.js';
import { reestablishMs } from './support.js';
import { links } from './topology.js';

/** A frame that carries a RIC Request ID (a subscription request, an indication). */
interface WithRequestId {
  readonly fields: {
    readonly ricRequestId?: { readonly ricRequestorId?: number; readonly ricInstanceId?: number };
  };
}

/** "1001/2": a RIC Request ID as logs and diagnostics show it. */
const requestIdOf = (frame: WithRequestId): string => {
  const id = frame.fields.ricRequestId;
  return `${id?.ricRequestorId ?? 0}/${id?.ricInstanceId ?? 0}`;
};

/** Subscriptions admitted and deleted (successful outcomes) on the E2 link from `from` (default: the start) until `until`. */
export function subscriptionsCounted(ctx: NetworkContext, o: { from?: number; until: number }) {
  const count = (type: 'oran.e2.v1.RicSubscriptionResponse' | 'oran.e2.v1.RicSubscriptionDeleteResponse') =>
    ctx.fixture.frames
      .all({ link: links.e2, type, pdu: 'successful', since: o.from ?? 0 })
      .filter((f) => f.t < o.until).length;
  return {
    admitted: count('oran.e2.v1.RicSubscriptionResponse'),
    deleted: count('oran.e2.v1.RicSubscriptionDeleteResponse'),
  };
}

/** The subscriptions the E2 link holds now: those admitted less those deleted. */
export function subscriptionsHeld(ctx: NetworkContext): number {
  const { admitted, deleted } = subscriptionsCounted(ctx, { until: Date.now() });
  return admitted - deleted;
}

/** Expects `answer` to be `type`, else fails with `code`, quoting what came. */
function expectAnswered(
  ctx: NetworkContext,
  request: FrameRecord,
  answer: FrameRecord,
  o: {
    readonly type: string;
    readonly message: string;
    readonly code: 'e2-setup-refused' | 'subscription-refused';
  },
): void {
  ctx.expect(answer.type === o.type, {
    message: o.message,
    expected: o.type.split('.').at(-1) ?? o.type,
    observed: `${answer.type} ${JSON.stringify(answer.fields ?? {})}`,
    link: links.e2,
    code: o.code,
    trace: { at: [request.t, answer.t] },
  });
}

/** Expects du-1 to send E2 Setup after `since` and the RIC to accept it; returns the response. */
export async function expectE2Setup(ctx: NetworkContext, o: { since: number }): Promise<FrameRecord> {
  const filter = {
    link: links.e2,
    type: 'oran.e2.v1.E2SetupRequest',
    dir: 'client-to-server',
    since: o.since,
  } as const;
  const request = await expectFrame(ctx, filter, reestablishMs, {
    message: 'du-1 did not set E2 up after the swap',
    expected: 'E2SetupRequest on the new E2 connection',
    code: 'no-e2-setup',
  });
  const answer = await expectAnswer(ctx, request, 5000);
  const type = 'oran.e2.v1.E2SetupResponse';
  expectAnswered(ctx, request, answer, {
    type,
    message: 'E2 Setup refused after the swap',
    code: 'e2-setup-refused',
  });
  return answer;
}

/**
 * Expects the RIC to subscribe after `setupAt` and indications of that subscription to flow;
 * then, a second later, that since `since` no RAN function was subscribed twice and every RIC
 * Indication belongs to a subscription made since. Records `subscriptionsAfter`.
 */
export async function expectFreshSubscription(
  ctx: NetworkContext,
  o: { since: number; setupAt: number },
): Promise<{ indicationAt: number; subscriptions: number }> {
  const net = ctx.fixture;
  const subscriptionRequest = 'oran.e2.v1.RicSubscriptionRequest';
  const request = await expectFrame(
    ctx,
    { link: links.e2, type: subscriptionRequest, since: o.setupAt },
    10_000,
    {
      message: 'the RIC did not subscribe after E2 Setup',
      expected: 'RicSubscriptionRequest after E2 Setup',
      code: 'no-subscription',
    },
  );
  const answer = await expectAnswer(ctx, request, 5000);
  expectAnswered(ctx, request, answer, {
    type: 'oran.e2.v1.RicSubscriptionResponse',
    message: 'the subscription after the swap was refused',
    code: 'subscription-refused',
  });
  const id = requestIdOf(request);
  const indication = await expectFrame(
    ctx,
    {
      link: links.e2,
      type: 'oran.e2.v1.RicIndication',
      since: answer.t,
      where: (f) => requestIdOf(f) === id,
    },
    reestablishMs,
    {
      message: 'no RIC Indication for the subscription made after the swap',
      expected: `RicIndication for RIC Request ID ${id}`,
      code: 'no-indication',
    },
  );
  // A few KPM periods more: a second subscription or an indication for an old one would show.
  await ctx.sleep(1000);
  const requests = net.frames.all({ link: links.e2, type: subscriptionRequest, since: o.since });
  ctx.measure('subscriptionsAfter', requests.length);
  const functions = requests.map((f) => f.fields.ranFunctionId ?? 0);
  const twice = functions.filter((f, i) => functions.indexOf(f) !== i);
  ctx.expect(twice.length === 0, {
    message: 'a RAN function was subscribed twice after the swap',
    expected: 'one subscription per RAN function',
    observed: requests.map((f) => `RAN function ${f.fields.ranFunctionId} as ${requestIdOf(f)}`).join(', '),
    link: links.e2,
    code: 'subscriptions-duplicated',
    trace: { at: requests.map((f) => f.t) },
  });
  const fresh = new Set(requests.map(requestIdOf));
  const stale = net.frames
    .all({ link: links.e2, type: 'oran.e2.v1.RicIndication', since: o.since })
    .filter((f) => !fresh.has(requestIdOf(f)));
  ctx.expect(stale.length === 0, {
    message: 'RIC Indications after the swap for a subscription not made on the new connection',
    expected: `indications for ${[...fresh].join(', ')} only`,
    observed: `${stale.length} for ${[...new Set(stale.map(requestIdOf))].join(', ')}`,
    link: links.e2,
    code: 'old-subscription-carried-over',
    trace: { at: stale.slice(0, 5).map((f) => f.t) },
  });
  return { indicationAt: indication.t, subscriptions: requests.length };
}
