/**
 * Reset case (O-RAN.WG3.E2AP 8.3.2, E2 node initiated): the RIC answers, erases the old
 * subscription without deleting it, and subscribes again.
 */
import { type NetworkContext, oran } from '../../../src/conformance/index.js';
import { requestIdText } from '../e2ap.js';
import { ricE2Link } from '../ric-topology.js';
import { answerMs, ask, setUpCase, subscribeMs, subscriptionAfter } from './support.js';

const { CauseMisc } = oran.common.v1;

export const ricResetFromNode = setUpCase({
  id: 'E2-RESET-030',
  title: 'Reset from the node is answered, and the RIC subscribes again afterwards',
  spec: 'O-RAN.WG3.E2AP 8.3.2 (Reset, E2 node initiated)',
  expectation: `After an accepted E2 Setup and the RIC's subscription, the node sends ResetRequest (misc: om-intervention). The RIC answers ResetResponse within ${answerMs / 1000} s; both ends have then erased their subscriptions, so the RIC sends no RicSubscriptionDeleteRequest for the old one (SHOULD), and SHOULD subscribe again within ${subscribeMs / 1000} s; a subscription it sends MUST follow its ResetResponse.`,
  async run(ctx: NetworkContext, setup) {
    // The subscription the setup brings, relayed before the reset, so it is not taken for a new one.
    const before = await subscriptionAfter(ctx, setup, 'E2SetupResponse');
    const reset = await ask(ctx, 'oran.e2.v1.ResetRequest', {
      cause: { misc: CauseMisc.CAUSE_MISC_OM_INTERVENTION },
    });
    ctx.expect(reset.answer.type === 'oran.e2.v1.ResetResponse', {
      message: 'Reset not answered with ResetResponse',
      expected: 'ResetResponse',
      observed: reset.answer.type,
      link: ricE2Link,
      code: 'wrong-answer',
      trace: { at: [reset.at] },
    });
    ctx.measure('resetMs', reset.ms);
    const again = await subscriptionAfter(ctx, reset, 'ResetResponse');
    const deletes = ctx.fixture.frames.all({
      link: ricE2Link,
      type: 'oran.e2.v1.RicSubscriptionDeleteRequest',
      since: reset.at,
    });
    ctx.should(deletes.length === 0, {
      message: 'the RIC deleted a subscription that the reset had already erased',
      expected: 'no RicSubscriptionDeleteRequest after Reset',
      observed: deletes.map((d) => requestIdText(d.fields.ricRequestId)).join(', '),
      link: ricE2Link,
      code: 'unexpected-frame',
      trace: { at: deletes.map((d) => d.t) },
    });
    ctx.should(again !== undefined, {
      message: 'the RIC did not subscribe again after the reset',
      expected: `RicSubscriptionRequest within ${subscribeMs / 1000} s of the ResetResponse`,
      observed: `nothing (before the reset: ${before ? requestIdText(before.message.ricRequestId) : 'no subscription either'})`,
      link: ricE2Link,
      code: 'no-subscription',
      trace: { at: [reset.at] },
    });
    if (again) ctx.measure('resetToSubscriptionMs', Math.max(0, again.frame.t - (reset.at + reset.ms)));
  },
});
