/**
 * Notification subscription case (O-RAN.WG4.CONF 3.1.2): create-subscription delivers the
 * notifications asked for and no others, and refuses an unknown stream.
 */
import type { NetworkContext } from '../../src/conformance/index.js';
import { describeRpcErrors, expectSubscribed, subscribe, traceOf } from './rpc.js';
import { activeTxCarrier, leftActive, setCarrierState } from './support.js';
import { mCase, mLink } from './topology.js';

export const subscriptionFilter = mCase({
  id: 'OFH-M-SUB-001',
  title: 'create-subscription delivers the notifications asked for and no others',
  spec: 'O-RAN.WG4.CONF 3.1.2 (subscription to notifications); RFC 5277 clause 2.1.1',
  expectation:
    'A create-subscription to an unknown stream is refused (error-tag SHOULD be "invalid-value"); one filtered to o-ran-fm:alarm-notif gets no carrier-state-change when a carrier is activated (watched 0.5 s); one filtered to o-ran-uplane-conf:tx-array-carriers-state-change gets the deactivation of that carrier within 2 s.',
  async run(ctx: NetworkContext) {
    const peer = ctx.fixture.peer('du-1');
    const unknown = await subscribe(ctx, 'plugfest-no-such-stream');
    const unknownErrors = unknown.as('oran.fronthaul.mplane.v1.SubscribeNotificationsResponse').rpcErrors;
    ctx.expect(unknown.outcome === 'unsuccessful', {
      message: 'create-subscription to an unknown stream was accepted',
      expected: 'rpc-error invalid-value',
      observed: '<ok/>',
      link: mLink,
      code: 'unknown-stream-accepted',
      trace: traceOf(ctx, unknown),
    });
    ctx.should(unknownErrors[0]?.errorTag === 'invalid-value', {
      message: 'an unknown stream was refused with an unexpected error-tag',
      expected: 'invalid-value',
      observed: describeRpcErrors(unknownErrors),
      link: mLink,
      code: 'wrong-cause',
    });
    await expectSubscribed(ctx, ['o-ran-fm:alarm-notif'], 'NETCONF');
    const activatedAt = Date.now();
    const carrier = await activeTxCarrier(ctx, 'ofhm-sub-tx');
    await ctx.sleep(500);
    const unwanted = peer.received('oran.fronthaul.mplane.v1.CarrierStateChangeNotification', activatedAt);
    ctx.expect(unwanted.length === 0, {
      message: 'a carrier-state-change reached a client subscribed to o-ran-fm:alarm-notif only',
      expected: 'no notification but alarm-notif',
      observed: unwanted.map((n) => `CarrierStateChangeNotification (${n.message.reason})`).join(', '),
      link: mLink,
      code: 'notification-filter-ignored',
      trace: { at: unwanted.map((n) => n.at) },
    });
    await expectSubscribed(ctx, ['o-ran-uplane-conf:tx-array-carriers-state-change']);
    const deactivatedAt = Date.now();
    const { answer } = await setCarrierState(ctx, carrier.name, false);
    const wanted = await peer.waitFor('oran.fronthaul.mplane.v1.CarrierStateChangeNotification', {
      since: deactivatedAt,
      where: leftActive(carrier.name),
      timeoutMs: 2000,
    });
    ctx.expect(wanted !== undefined, {
      message: `the deactivation of "${carrier.name}" was not notified to a client subscribed to it`,
      expected: 'tx-array-carriers-state-change within 2 s',
      observed: `deactivation ${answer.outcome}; no CarrierStateChangeNotification`,
      link: mLink,
      code: 'notification-missing',
      trace: traceOf(ctx, answer),
    });
    ctx.measure('notifyMs', wanted.at - deactivatedAt);
  },
});
