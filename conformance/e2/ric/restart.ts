/**
 * Interop case: an O-DU restart, after which the E2 link, the E2 Setup and the KPM subscription
 * are rebuilt (a new E2 Setup erases the previous state, O-RAN.WG3.E2AP 8.3.1).
 */
import { defineCase, type Network } from '../../../src/conformance/index.js';
import { e2RestartTopology, ricE2Link } from '../ric-topology.js';
import { causeText } from './causes.js';
import { type Ctx, subscribeMs } from './support.js';

const restartSetupMs = 15_000;

export const nodeRestartRebuildsSubscription = defineCase<Network>({
  suite: 'e2',
  interface: 'e2',
  mode: 'interop',
  roles: ['o-du', 'near-rt-ric'],
  topology: e2RestartTopology,
  timeoutMs: 45_000,
  id: 'E2-RESTART-030',
  title: 'After an O-DU restart the E2 link, the E2 Setup and the KPM subscription are rebuilt',
  spec: 'O-RAN.WG3.E2AP 8.3.1 (E2 Setup erases the previous state), 8.2.1, 8.2.3',
  expectation: `With a KPM subscription delivering indications, the O-DU is restarted. Within ${restartSetupMs / 1000} s of the restart the restarted O-DU dials the RIC again (its E2 link to the relay is new) and sends a new E2 Setup that the RIC accepts; the RIC then subscribes again within ${subscribeMs / 1000} s, the O-DU admits it, and RIC Indications flow for the new RIC Request ID within ${subscribeMs / 1000} s. Measured: restart to setup, to subscription, to first indication.`,
  async run(ctx: Ctx) {
    const net = ctx.fixture;
    const first = await net.waitForFrame({ link: ricE2Link, type: 'oran.e2.v1.RicIndication' }, 20_000);
    ctx.expect(first !== undefined, {
      message: 'no RIC Indication before the restart: the E2 flow never started',
      expected: 'E2 Setup, RIC Subscription and a RIC Indication within 20 s',
      observed: `${net.frames({ link: ricE2Link, type: 'oran.e2.v1.RicSubscriptionResponse' }).length} subscription(s) admitted`,
      link: ricE2Link,
    });
    const at = Date.now();
    await net.running.restart('du-1');
    ctx.measure('restartMs', Date.now() - at);
    const since = { link: ricE2Link, since: at };
    const setup = await net.waitForFrame({ ...since, type: 'oran.e2.v1.E2SetupResponse' }, restartSetupMs);
    ctx.expect(setup !== undefined, {
      message: `no accepted E2 Setup within ${restartSetupMs / 1000} s of the O-DU restart`,
      expected: 'E2SetupRequest then E2SetupResponse',
      observed:
        net
          .frames(since)
          .filter((f) => f.type?.startsWith('oran.e2.v1.E2Setup'))
          .map((f) => `${f.type} (${causeText(f.fields?.cause) ?? f.pdu})`)
          .join(', ') || 'no E2 Setup',
      link: ricE2Link,
      trace: { at: [at] },
    });
    ctx.measure('restartToSetupMs', setup.t - at);
    const admitted = await net.waitForFrame(
      { ...since, type: 'oran.e2.v1.RicSubscriptionResponse', where: (f) => f.t >= setup.t },
      subscribeMs,
    );
    const refusedSub = net.frames({ ...since, type: 'oran.e2.v1.RicSubscriptionFailure' }).at(0);
    ctx.expect(admitted !== undefined, {
      message: 'the subscription was not rebuilt after the restart',
      expected: `a successful RIC Subscription within ${subscribeMs / 1000} s of the new E2 Setup`,
      observed: refusedSub
        ? `RicSubscriptionFailure (${causeText(refusedSub.fields?.cause)})`
        : `${net.frames({ ...since, type: 'oran.e2.v1.RicSubscriptionRequest' }).length} request(s), none admitted`,
      link: ricE2Link,
      ...(refusedSub ? { code: causeText(refusedSub.fields?.cause) } : {}),
      trace: { at: [setup.t] },
    });
    ctx.measure('restartToSubscriptionMs', admitted.t - at);
    const id = JSON.stringify(admitted.fields?.ricRequestId ?? {});
    const indication = await net.waitForFrame(
      {
        ...since,
        type: 'oran.e2.v1.RicIndication',
        where: (f) => f.t >= admitted.t && JSON.stringify(f.fields?.ricRequestId ?? {}) === id,
      },
      subscribeMs,
    );
    ctx.expect(indication !== undefined, {
      message: 'no RIC Indication for the rebuilt subscription',
      expected: `RicIndication for ${id} within ${subscribeMs / 1000} s`,
      observed: 'nothing',
      link: ricE2Link,
      trace: { at: [admitted.t] },
    });
    ctx.measure('restartToFirstIndicationMs', indication.t - at);
  },
});
