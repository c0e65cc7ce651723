/**
 * Interop case: an O-DU restart, after which the E2 link, the E2 Setup and the KPM subscription
 * are rebuilt (a new E2 Setup erases the previous state, O-RAN.WG3.E2AP 8.3.1).
 */
import { expectFrame, type NetworkContext } from '../../../src/conformance/index.js';
import { interopCase } from '../cases.js';
import { causeOf, requestIdText, sameRequestId } from '../e2ap.js';
import { e2RestartTopology } from '../topology.js';
import { subscribeMs } from './support.js';

const restartSetupMs = 15_000;
const link = e2RestartTopology.links['du-1>ric-1/e2'];

export const nodeRestartRebuildsSubscription = interopCase({
  id: 'E2-RESTART-030',
  title: 'After an O-DU restart the E2 link, the E2 Setup and the KPM subscription are rebuilt',
  topology: e2RestartTopology,
  // It restarts the O-DU.
  isolation: 'fresh',
  timeoutMs: 45_000,
  spec: 'O-RAN.WG3.E2AP 8.3.1 (E2 Setup erases the previous state), 8.2.1, 8.2.3',
  expectation: `With a KPM subscription delivering indications, the O-DU is restarted. Within ${restartSetupMs / 1000} s of the restart the restarted O-DU dials the RIC again (its E2 link to the relay is new) and sends a new E2 Setup that the RIC accepts; the RIC then subscribes again within ${subscribeMs / 1000} s, the O-DU admits it, and RIC Indications flow for the new RIC Request ID within ${subscribeMs / 1000} s. Measured: restart to setup, to subscription, to first indication.`,
  async run(ctx: NetworkContext) {
    const net = ctx.fixture;
    await expectFrame(ctx, { link, type: 'oran.e2.v1.RicIndication' }, 20_000, {
      message: 'no RIC Indication before the restart: the E2 flow never started',
      expected: 'E2 Setup, RIC Subscription and a RIC Indication within 20 s',
      observed: `${net.frames.all({ link, type: 'oran.e2.v1.RicSubscriptionResponse' }).length} subscription(s) admitted`,
      code: 'no-indication',
    });
    const at = Date.now();
    await net.restart(net.instanceOf('o-du'));
    ctx.measure('restartMs', Date.now() - at);
    const setup = await net.frames.next(
      { link, type: 'oran.e2.v1.E2SetupResponse', since: at },
      restartSetupMs,
    );
    const requests = net.frames.all({ link, type: 'oran.e2.v1.E2SetupRequest', since: at });
    const refusals = net.frames.all({ link, type: 'oran.e2.v1.E2SetupFailure', since: at });
    ctx.expect(setup !== undefined, {
      message: `no accepted E2 Setup within ${restartSetupMs / 1000} s of the O-DU restart`,
      expected: 'E2SetupRequest then E2SetupResponse',
      observed: `${requests.length} E2SetupRequest(s)${refusals.length ? `, refused (${refusals.map((f) => causeOf(f.fields.cause) ?? 'no cause').join(', ')})` : ''}`,
      link,
      code: refusals.length ? 'e2-setup-refused' : 'no-e2-setup',
      trace: { at: [at] },
    });
    ctx.measure('restartToSetupMs', setup.t - at);
    const admitted = await net.frames.next(
      { link, type: 'oran.e2.v1.RicSubscriptionResponse', since: Math.max(at, setup.t) },
      subscribeMs,
    );
    const refusedSub = net.frames.all({ link, type: 'oran.e2.v1.RicSubscriptionFailure', since: at }).at(0);
    ctx.expect(admitted !== undefined, {
      message: 'the subscription was not rebuilt after the restart',
      expected: `a successful RIC Subscription within ${subscribeMs / 1000} s of the new E2 Setup`,
      observed: refusedSub
        ? `RicSubscriptionFailure (${causeOf(refusedSub.fields.cause) ?? 'no cause'})`
        : `${net.frames.all({ link, type: 'oran.e2.v1.RicSubscriptionRequest', since: at }).length} request(s), none admitted`,
      link,
      code: 'subscriptions-missing',
      trace: { at: [setup.t] },
    });
    ctx.measure('restartToSubscriptionMs', admitted.t - at);
    const id = admitted.fields.ricRequestId;
    const indication = await expectFrame(
      ctx,
      {
        link,
        type: 'oran.e2.v1.RicIndication',
        since: Math.max(at, admitted.t),
        where: (f) => sameRequestId(f.fields.ricRequestId ?? {}, id ?? {}),
      },
      subscribeMs,
      {
        message: 'no RIC Indication for the rebuilt subscription',
        expected: `RicIndication for ${requestIdText(id ?? {})} within ${subscribeMs / 1000} s`,
        code: 'no-indication',
        trace: { at: [admitted.t] },
      },
    );
    ctx.measure('restartToFirstIndicationMs', indication.t - at);
  },
});
