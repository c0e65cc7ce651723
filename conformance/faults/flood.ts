/**
 * A flood from one E2 node (issue 6): a test peer playing a second O-DU sends RIC Indications as
 * fast as a broken node would, and the RIC must keep serving the healthy node on time.
 */
import { defineCase, type FrameRecord, type Network, oran } from '../../src/conformance/index.js';
import { kpmFunction } from '../e2/ric-topology.js';
import { type Ctx, expectContained, faultTopology, links, steady } from './support.js';

const floodLink = 'du-2>ric-1/e2';
/** Messages per second, and for how long. */
const floodRate = 300;
const floodMs = 3000;
/**
 * What the flood may add to the healthy node's heartbeat round trip through the RIC. Generous:
 * the harness sends the flood and times the round trips in its relays, in one process, so on a
 * loaded 2-core machine part of the delay is the harness's own; a RIC that stalls on the flood
 * adds seconds.
 */
const delayToleranceMs = 1000;

/** The fault topology with a second E2 node, played by the harness, to flood the RIC. */
const topology = faultTopology('FC-E2-003', {
  instances: { 'du-2': '{ role: o-du, vendor: harness }' },
  links: ['{ interface: e2, from: du-2, to: ric-1 }'],
});

/** Heartbeat round trips on a link, from the trace: each Heartbeat to its HeartbeatAck, ms. */
function heartbeatRtts(frames: readonly FrameRecord[]): number[] {
  const out: number[] = [];
  for (const beat of frames.filter((f) => f.type === 'oran.common.v1.Heartbeat')) {
    const ack = frames.find(
      (f) => f.type === 'oran.common.v1.HeartbeatAck' && f.t >= beat.t && f.dir !== beat.dir,
    );
    if (ack) out.push(ack.t - beat.t);
  }
  return out;
}

const percentile = (values: readonly number[], p: number) =>
  values.length
    ? [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))]!
    : Number.NaN;

export const e2Flood = defineCase<Network>({
  suite: 'faults',
  interface: 'e2e',
  mode: 'interop',
  roles: ['o-du', 'near-rt-ric'],
  topology,
  timeoutMs: 60_000,
  id: 'FC-E2-003',
  title: "A flood from one E2 node does not delay another node's traffic at the RIC",
  spec: 'O-RAN.WG3.E2AP 8.2.3 (RIC Indication); O-RAN.WG3.E2GAP (near-RT RIC isolation between E2 nodes)',
  expectation: `A second E2 node (the harness) sets up with the RIC, is subscribed, and then sends RIC Indications at ${floodRate}/s for ${floodMs} ms. The RIC stays up and keeps the healthy node's link: the healthy node's heartbeat round trip through the RIC at the 90th percentile grows by no more than ${delayToleranceMs} ms over the 3 s before the flood, and its KPM shows no silence past 1.5x its longest before (+1 s).`,
  async run(ctx: Ctx) {
    const net = ctx.fixture;
    const session = await net.peer('du-2').session('e2');
    const setup = await session.request('oran.e2.v1.E2SetupRequest', {
      transactionId: 1,
      globalE2NodeId: { plmnId: '00101', nodeType: oran.e2.v1.E2NodeType.E2_NODE_TYPE_GNB_DU, nodeId: 2 },
      ranFunctionsAdded: [kpmFunction()],
    } as never);
    ctx.expect(setup.type === 'oran.e2.v1.E2SetupResponse', {
      message: 'the flooding node could not set up with the RIC',
      expected: 'E2SetupResponse',
      observed: setup.type,
      link: floodLink,
      code: 'flood-setup-refused',
    });
    const subscription = await net.waitForFrame(
      { link: floodLink, type: 'oran.e2.v1.RicSubscriptionRequest' },
      10_000,
    );
    ctx.expect(subscription !== undefined, {
      message: 'the RIC did not subscribe to the flooding node: nothing to flood it with',
      expected: 'RicSubscriptionRequest to du-2',
      observed: 'none within 10 s',
      link: floodLink,
      code: 'no-subscription',
    });
    const requestId = (
      subscription.fields as { ricRequestId?: { ricRequestorId?: number; ricInstanceId?: number } }
    ).ricRequestId;
    await steady(ctx);
    const from = Date.now();
    ctx.mark('fault-start', `flood of ${floodRate}/s from du-2`, from);
    let sent = 0;
    while (Date.now() - from < floodMs) {
      const due = Math.floor(((Date.now() - from) / 1000) * floodRate);
      for (; sent < due; sent++) {
        await session.send('oran.e2.v1.RicIndication', {
          ricRequestId: {
            ricRequestorId: requestId?.ricRequestorId ?? 0,
            ricInstanceId: requestId?.ricInstanceId ?? 0,
          },
          ranFunctionId: 2,
          ricActionId: 1,
          ricIndicationSn: sent,
          ricIndicationType: oran.e2.v1.RicIndicationType.RIC_INDICATION_TYPE_REPORT,
          ricIndicationHeader: new Uint8Array(8),
          ricIndicationMessage: new Uint8Array(64),
        } as never);
      }
      await ctx.sleep(10);
    }
    const to = Date.now();
    ctx.mark('fault-end', `flood over: ${sent} indications`, to);
    ctx.measure('floodSent', sent);
    await ctx.sleep(1000);
    const healthy = (a: number, b: number) =>
      net.frames({ link: links.e2 }).filter((f) => f.t >= a && f.t < b);
    const before = percentile(heartbeatRtts(healthy(from - 3000, from)), 0.9);
    const during = percentile(heartbeatRtts(healthy(from, to + 500)), 0.9);
    ctx.measure('heartbeatRttP90BeforeMs', before);
    ctx.measure('heartbeatRttP90DuringMs', during);
    ctx.expect(net.running.instances.get('ric-1')?.running === true, {
      message: 'the RIC did not survive the flood',
      link: floodLink,
      code: 'vendor-exited',
    });
    ctx.expect(Number.isFinite(during) && during <= before + delayToleranceMs, {
      message: "the flood delayed the healthy node's traffic at the RIC",
      expected: `heartbeat round trip p90 <= ${Math.round(before)} + ${delayToleranceMs} ms`,
      observed: `${Math.round(during)} ms during the flood`,
      link: links.e2,
      code: 'flood-delay',
    });
    expectContained(ctx, { from, to: Date.now(), faulty: [floodLink] });
  },
});
