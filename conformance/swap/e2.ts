/**
 * An E2 node re-attached after a swap, read from the trace of the E2 link: E2 Setup accepted
 * (O-RAN.WG3.E2AP 8.3.1: it erases what both ends held for the node), then one fresh KPM REPORT
 * subscription per RAN function (8.2.1), and RIC Indications for it alone: none for a
 * subscription the old process held, none for a duplicate.
 */
import type { FrameRecord } from '../../src/conformance/index.js';
import { expectFrame } from './measures.js';
import { type Ctx, reestablishMs } from './support.js';
import { links } from './topology.js';

const e2 = 'oran.e2.v1';

/** "1001/2": a RIC Request ID as logs and diagnostics show it. */
const requestIdOf = (frame: FrameRecord): string => {
  const id = frame.fields?.ricRequestId as { ricRequestorId?: number; ricInstanceId?: number } | undefined;
  return `${id?.ricRequestorId ?? 0}/${id?.ricInstanceId ?? 0}`;
};

/** The answer to `request` on the E2 link, waiting up to 5 s; the case fails if none comes. */
const answerTo = (ctx: Ctx, request: FrameRecord, what: string, code: string) =>
  expectFrame(
    ctx,
    {
      link: links.e2,
      since: request.t,
      dir: request.dir === 'client-to-server' ? 'server-to-client' : 'client-to-server',
      where: (f) => f.tx === request.tx && f.pdu !== 'initiating',
    },
    5000,
    { message: `${what} unanswered`, expected: `an answer to ${request.type}`, code },
  );

/**
 * Subscriptions admitted (successful RicSubscriptionResponse) and deleted (successful
 * RicSubscriptionDeleteResponse) on the E2 link from `from` (default: the start) until `until`.
 */
export function subscriptionsCounted(ctx: Ctx, o: { from?: number; until: number }) {
  const count = (type: string) =>
    ctx.fixture
      .frames({ link: links.e2, type: `${e2}.${type}`, since: o.from ?? 0 })
      .filter((f) => f.t < o.until && f.pdu === 'successful').length;
  return { admitted: count('RicSubscriptionResponse'), deleted: count('RicSubscriptionDeleteResponse') };
}

/** The subscriptions the E2 link holds now: those admitted less those deleted. */
export function subscriptionsHeld(ctx: Ctx): number {
  const { admitted, deleted } = subscriptionsCounted(ctx, { until: Date.now() });
  return admitted - deleted;
}

/** Expects du-1 to send E2 Setup after `since` and the RIC to accept it; returns the response. */
export async function expectE2Setup(ctx: Ctx, o: { since: number }): Promise<FrameRecord> {
  const request = await expectFrame(
    ctx,
    { link: links.e2, type: `${e2}.E2SetupRequest`, dir: 'client-to-server', since: o.since },
    reestablishMs,
    {
      message: 'du-1 did not set E2 up after the swap',
      expected: 'E2SetupRequest on the new E2 connection',
      code: 'no-e2-setup',
    },
  );
  const answer = await answerTo(ctx, request, 'E2 Setup', 'e2-setup-unanswered');
  ctx.expect(answer.type === `${e2}.E2SetupResponse`, {
    message: 'E2 Setup refused after the swap',
    expected: 'E2SetupResponse',
    observed: `${answer.type} ${JSON.stringify(answer.fields ?? {})}`,
    link: links.e2,
    code: 'e2-setup-refused',
    trace: { at: [request.t, answer.t] },
  });
  return answer;
}

/**
 * Expects the RIC to subscribe after `setupAt` and indications of that subscription to flow;
 * then, a second later, that since `since` no RAN function was subscribed twice and every RIC
 * Indication belongs to a subscription made since. Records `subscriptionsAfter`.
 */
export async function expectFreshSubscription(
  ctx: Ctx,
  o: { since: number; setupAt: number },
): Promise<{ indicationAt: number; subscriptions: number }> {
  const net = ctx.fixture;
  const request = await expectFrame(
    ctx,
    { link: links.e2, type: `${e2}.RicSubscriptionRequest`, since: o.setupAt },
    10_000,
    {
      message: 'the RIC did not subscribe after E2 Setup',
      expected: 'RicSubscriptionRequest after E2 Setup',
      code: 'no-subscription',
    },
  );
  const answer = await answerTo(ctx, request, 'RIC Subscription', 'subscription-unanswered');
  ctx.expect(answer.type === `${e2}.RicSubscriptionResponse`, {
    message: 'the subscription after the swap was refused',
    expected: 'RicSubscriptionResponse',
    observed: `${answer.type} ${JSON.stringify(answer.fields ?? {})}`,
    link: links.e2,
    code: 'subscription-refused',
    trace: { at: [request.t, answer.t] },
  });
  const id = requestIdOf(request);
  const indication = await expectFrame(
    ctx,
    { link: links.e2, type: `${e2}.RicIndication`, since: answer.t, where: (f) => requestIdOf(f) === id },
    reestablishMs,
    {
      message: 'no RIC Indication for the subscription made after the swap',
      expected: `RicIndication for RIC Request ID ${id}`,
      code: 'no-indication',
    },
  );
  // A few KPM periods more: a second subscription or an indication for an old one would show.
  await ctx.sleep(1000);
  const requests = net.frames({ link: links.e2, type: `${e2}.RicSubscriptionRequest`, since: o.since });
  ctx.measure('subscriptionsAfter', requests.length);
  const functions = requests.map((f) => Number(f.fields?.ranFunctionId));
  const twice = functions.filter((f, i) => functions.indexOf(f) !== i);
  ctx.expect(twice.length === 0, {
    message: 'a RAN function was subscribed twice after the swap',
    expected: 'one subscription per RAN function',
    observed: requests.map((f) => `RAN function ${f.fields?.ranFunctionId} as ${requestIdOf(f)}`).join(', '),
    link: links.e2,
    code: 'subscriptions-duplicated',
    trace: { at: requests.map((f) => f.t) },
  });
  const fresh = new Set(requests.map(requestIdOf));
  const stale = net
    .frames({ link: links.e2, type: `${e2}.RicIndication`, since: o.since })
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
