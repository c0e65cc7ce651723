/**
 * E2 Setup cases (O-RAN.WG3.E2AP 8.3.1): the node's E2 Setup Request is well formed and, once
 * accepted, the node serves the RIC; a refusal carrying TimeToWait is not retried before that time.
 */
import { answerTo, expectFrame, failure, type NetworkContext, oran } from '../../../src/conformance/index.js';
import { answerText } from '../e2ap.js';
import { kpmOid, rcOid } from '../e2sm.js';
import { nodeE2Link as link, ricPeerInstance } from '../node-topology.js';
import { kpmSubscription, requestSubscription, subscriberCase } from './kpm.js';
import { answerAt, functionsText, kpmFunctionOf, nodeCase, setUpNode } from './support.js';

const { CauseMisc } = oran.common.v1;
const { TimeToWait } = oran.e2.v1;
const kpm = oran.e2sm.kpm.v1;
const rc = oran.e2sm.rc.v1;

export const e2NodeSetup = subscriberCase({
  id: 'E2-SETUP-010',
  requestor: 1010,
  title: 'E2 Setup Request is well formed, and once accepted the node serves the RIC',
  spec: 'O-RAN.WG3.E2AP 8.3.1, 9.1.3.1, 9.2.8, 9.2.24',
  expectation:
    'On a ready E2 link the node sends E2 Setup Request with its Global E2 Node ID and RAN Functions Added: unique RAN Function IDs in 0..4095, each with a RAN Function OID and a revision in 0..4095, E2SM-KPM among them; each definition SHOULD decode as its service model. After the RIC accepts it (E2 Setup Response), the node answers a RIC Subscription to E2SM-KPM within 2 s.',
  async run(ctx: NetworkContext, node, id) {
    const { message, at } = node.setup;
    const here = { link, code: 'wrong-field', trace: { at: [at] } } as const;
    ctx.expect(!!message.globalE2NodeId?.plmnId, {
      ...here,
      message: 'E2 Setup Request without a Global E2 Node ID',
      expected: 'globalE2NodeId with a PLMN identity',
      observed: JSON.stringify(message.globalE2NodeId ?? null),
    });
    const offered = node.functions;
    ctx.measure('ranFunctions', offered.length);
    ctx.expect(offered.length > 0, { ...here, message: 'E2 Setup Request offers no RAN function' });
    const malformed = offered.filter((f) => f.id > 4095 || f.revision > 4095 || !/^\d+(\.\d+)+$/.test(f.oid));
    ctx.expect(malformed.length === 0, {
      ...here,
      message: 'RAN functions with an id or revision out of 0..4095, or no OID',
      expected: 'RAN Function ID 0..4095, revision 0..4095, a dotted OID',
      observed: functionsText(malformed),
    });
    const ids = offered.map((f) => f.id);
    ctx.expect(new Set(ids).size === ids.length, {
      ...here,
      message: 'a RAN Function ID is offered twice',
      expected: 'unique RAN Function IDs',
      observed: ids.join(', '),
    });
    const fn = kpmFunctionOf(ctx, node);
    for (const f of offered) {
      const decoder =
        f.oid === kpmOid ? kpm.RanFunctionDefinition : f.oid === rcOid ? rc.RanFunctionDefinition : undefined;
      if (!decoder) continue;
      let named: string | null | undefined;
      try {
        named = decoder.decode(f.definition).ranFunctionName?.ranFunctionE2smOid;
      } catch {
        named = undefined;
      }
      ctx.should(named === f.oid, {
        ...here,
        message: `RAN function ${f.id}'s definition does not decode as its service model`,
        expected: `RanFunctionDefinition naming ${f.oid}`,
        observed: named === undefined ? 'undecodable' : `names ${named}`,
      });
    }
    // The acceptance took: the node now serves subscriptions on the link.
    const sentAt = Date.now();
    const answer = await requestSubscription(
      ctx,
      node,
      'RIC Subscription after E2 Setup',
      'RicSubscriptionResponse or RicSubscriptionFailure within 2 s',
      kpmSubscription(id, fn),
    );
    ctx.measure('subscriptionAnswerMs', answerAt(ctx, answer) - sentAt);
    ctx.expect(answer.type === 'oran.e2.v1.RicSubscriptionResponse', {
      message: 'the set-up node refused a well-formed KPM subscription',
      expected: 'RicSubscriptionResponse',
      observed: answerText(answer),
      link,
      code: 'subscription-refused',
      trace: { at: [answerAt(ctx, answer)] },
    });
  },
});

export const e2NodeSetupTimeToWait = nodeCase({
  id: 'E2-SETUP-011',
  title: 'A refused E2 Setup carrying TimeToWait is not retried before that time',
  spec: 'O-RAN.WG3.E2AP 8.3.1.3, 9.2.5 (Time To Wait)',
  expectation:
    'The RIC refuses E2 Setup with E2 Setup Failure (misc: om-intervention, TimeToWait v1s); the node MUST NOT send E2 Setup Request again sooner than 1 s after the refusal (20 ms tolerance for clock granularity), and SHOULD try again within 6 s. The link is dropped by the RIC to make the node set up again; once the RIC accepts again the node is set up.',
  // The RIC drops the link and refuses a setup: the node's E2 state is not the one it started with.
  isolation: 'fresh',
  timeoutMs: 30_000,
  async run(ctx: NetworkContext, node) {
    const peer = ctx.fixture.peer(ricPeerInstance);
    const waitMs = 1000;
    const restore = peer.on('oran.e2.v1.E2SetupRequest', () =>
      failure('oran.e2.v1.E2SetupFailure', {
        cause: { misc: CauseMisc.CAUSE_MISC_OM_INTERVENTION },
        timeToWait: TimeToWait.TIME_TO_WAIT_V1S,
      }),
    );
    try {
      const since = Date.now();
      await node.session.link.close('going-away', 'test: make the E2 node set up again');
      const requests = { link, type: 'oran.e2.v1.E2SetupRequest', dir: 'client-to-server' } as const;
      const refused = await expectFrame(ctx, { ...requests, since }, 10_000, {
        message: 'the node did not set up again after the link dropped',
        expected: 'E2SetupRequest on the new link within 10 s',
        code: 'no-e2-setup',
        trace: { at: [since] },
      });
      const refusal = await answerTo(ctx, refused, 2000);
      if (refusal?.type !== 'oran.e2.v1.E2SetupFailure') {
        ctx.cannotGrade({
          message: 'harness could not refuse the E2 Setup',
          expected: 'E2SetupFailure from the RIC test peer',
          observed: refusal?.type ?? 'no answer',
          link,
        });
      }
      const retry = await ctx.fixture.frames.next({ ...requests, since: refused.t + 1 }, waitMs + 5000);
      const at = [refused.t, refusal.t, ...(retry ? [retry.t] : [])];
      if (retry) {
        // Relay times both: the gap is the node's wait plus a hop each way through the relay.
        const gap = retry.t - refusal.t;
        ctx.measure('retryAfterMs', gap);
        ctx.expect(gap >= waitMs - 20, {
          message: 'E2 Setup retried before the time to wait',
          expected: `next E2SetupRequest >= ${waitMs} ms after E2SetupFailure (TimeToWait v1s)`,
          observed: `${gap} ms`,
          link,
          code: 'too-early',
          trace: { at },
        });
      }
      ctx.should(retry !== undefined, {
        message: 'the node never tried E2 Setup again after a refusal with a time to wait',
        expected: `E2SetupRequest again within ${waitMs + 5000} ms`,
        observed: 'nothing',
        link,
        code: 'no-e2-setup',
        trace: { at },
      });
      // Accepted again, the node must be set up (the runner checks the network between cases).
      restore();
      if (retry) await setUpNode(ctx);
    } finally {
      restore();
    }
  },
});
