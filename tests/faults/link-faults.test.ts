import { afterEach, describe, expect, it } from 'vitest';
import {
  applyLinkFaults,
  type LinkFaultInput,
  linkFaultHook,
  parseLinkFault,
} from '../../src/faults/index.js';
import { type FrameRecord, memoryTraceSink, type Relay, startRelay } from '../../src/relay/index.js';
import { connectLink, type Link, type LinkCloseEvent, listenLinks } from '../../src/transport/index.js';
import { type Frame, interfaceSpecs } from '../../src/wire/index.js';
import { identity, until } from '../support/links.js';
import { memoryLogger } from '../support/logger.js';

const e2 = interfaceSpecs.e2;
const cleanup: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

interface Bench {
  relay: Relay;
  link: Link;
  /** What the server (the RIC) received, in order. */
  received: Frame[];
  /** Its side of the link, once up. */
  serverLink: () => Link | undefined;
  trace: ReturnType<typeof memoryTraceSink>;
  closed: Promise<LinkCloseEvent>;
}

/** A RIC server, a relay in front of it, and an O-DU dialled through the relay. */
async function bench(): Promise<Bench> {
  const { logger } = memoryLogger();
  const received: Frame[] = [];
  let serverSide: Link | undefined;
  const server = await listenLinks({
    spec: e2,
    identity: identity('ric-1', 'near-rt-ric'),
    logger,
    onLink: (link) => {
      serverSide = link;
      link.on('message', (frame) => {
        received.push(frame);
        if (frame.type === 'oran.e2.v1.ResetRequest') void link.reply(frame, 'oran.e2.v1.ResetResponse', {});
      });
    },
  });
  cleanup.push(() => server.close());
  const trace = memoryTraceSink();
  const relay = await startRelay({
    link: { id: 'du-1>ric-1/e2', interface: 'e2', client: 'du-1', server: 'ric-1' },
    upstreamUrl: server.url,
    logger,
    trace,
  });
  cleanup.push(() => relay.close());
  const link = await connectLink({ spec: e2, url: relay.url, identity: identity('du-1', 'o-du'), logger });
  cleanup.push(() => link.close());
  await link.ready;
  const closed = new Promise<LinkCloseEvent>((resolve) => link.once('close', resolve));
  return { relay, link, received, serverLink: () => serverSide, trace, closed };
}

const indication = (sn: number) => ({ ranFunctionId: 2, ricActionId: 1, ricIndicationSn: sn });
const sns = (frames: Frame[]) =>
  frames
    .filter((f) => f.type === 'oran.e2.v1.RicIndication')
    .map((f) => (f.message as { ricIndicationSn: number }).ricIndicationSn);
const faulted = (trace: Bench['trace']) =>
  (trace.records as FrameRecord[]).filter((r) => r.kind === 'frame' && r.fault);

async function sendIndications(link: Link, count: number, from = 1): Promise<void> {
  for (let sn = from; sn < from + count; sn++) await link.send('oran.e2.v1.RicIndication', indication(sn));
}

/** A request both ways through the relay: once it is answered, everything sent before it has arrived. */
async function roundTrip(link: Link): Promise<number> {
  const at = performance.now();
  await link.request('oran.e2.v1.ResetRequest', { cause: { misc: 3 } }, { timeoutMs: 3000 });
  return performance.now() - at;
}

/** Deterministic random source (a linear congruential generator), so probabilities repeat. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const apply = (relay: Relay, ...faults: LinkFaultInput[]) =>
  applyLinkFaults(relay, faults.map(parseLinkFault));

describe('link faults through a real relay', () => {
  it('drop of one message type: none of that type arrives, every other message does', async () => {
    const { relay, link, received, trace } = await bench();
    const fault = apply(relay, { type: 'drop', messageType: 'oran.e2.v1.RicIndication' });
    await sendIndications(link, 20);
    await roundTrip(link);
    expect(sns(received)).toEqual([]);
    expect(received.map((f) => f.type)).toEqual(['oran.e2.v1.ResetRequest']);
    expect(fault.acted.upstream).toBe(20);
    expect(faulted(trace).every((r) => r.fault === 'drop (RicIndication)')).toBe(true);
    fault.remove();
    await sendIndications(link, 3, 21);
    await roundTrip(link);
    expect(sns(received)).toEqual([21, 22, 23]);
  });

  it('latency L adds at least L to a round trip, and jitter keeps the order', async () => {
    const { relay, link, received } = await bench();
    const fault = apply(relay, { type: 'latency', ms: 150, jitterMs: 100, direction: 'upstream' });
    await sendIndications(link, 30);
    const rtt = await roundTrip(link);
    expect(rtt).toBeGreaterThanOrEqual(150 - 100 - 1);
    expect(sns(received)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    fault.remove();
    const fixed = apply(relay, { type: 'latency', ms: 200 });
    // Timers fire on whole milliseconds; the round trip is measured to the microsecond.
    expect(await roundTrip(link)).toBeGreaterThanOrEqual(400 - 1);
    fixed.remove();
  });

  it('duplicate: each message arrives copies + 1 times', async () => {
    const { relay, link, received } = await bench();
    apply(relay, { type: 'duplicate', copies: 2, messageType: 'oran.e2.v1.RicIndication' });
    await sendIndications(link, 5);
    await roundTrip(link);
    expect(sns(received)).toEqual([1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4, 5, 5, 5]);
  });

  it('reorder: a held message is overtaken by the one sent after it', async () => {
    const { relay, link, received } = await bench();
    apply(relay, { type: 'reorder', holdMs: 100, messageType: 'oran.e2.v1.RicIndication' });
    await link.send('oran.e2.v1.RicIndication', indication(1));
    await link.send('oran.e2.v1.RicServiceQuery', {});
    await until(() => sns(received).length === 1, 3000, 'the held indication');
    expect(received.map((f) => f.type)).toEqual(['oran.e2.v1.RicServiceQuery', 'oran.e2.v1.RicIndication']);
  });

  it('replay: an earlier message of the same type arrives again after the next one', async () => {
    const { relay, link, received } = await bench();
    apply(relay, { type: 'replay', messageType: 'oran.e2.v1.RicIndication' });
    await sendIndications(link, 3);
    await roundTrip(link);
    expect(sns(received)).toEqual([1, 2, 1, 3, 2]);
  });

  it.each([
    ['corrupt', { type: 'corrupt', bytes: 64 }],
    ['truncate', { type: 'truncate', bytes: 6 }],
    ['slice', { type: 'slice', pieces: 3 }],
  ] as const)('%s: the message does not arrive as sent, and the link survives it', async (_name, input) => {
    const { relay, link, received, trace } = await bench();
    const fault = apply(relay, { ...input, messageType: 'oran.e2.v1.RicIndication', direction: 'upstream' });
    await link.send('oran.e2.v1.RicIndication', {
      ...indication(7),
      ricIndicationMessage: Buffer.alloc(200, 7),
    });
    await roundTrip(link);
    // Whatever arrived is not the indication as sent (a bad frame is refused or decodes to something else).
    const intact = received.filter(
      (f) =>
        f.type === 'oran.e2.v1.RicIndication' &&
        (f.message as { ricIndicationSn: number }).ricIndicationSn === 7 &&
        Buffer.from((f.message as { ricIndicationMessage: Uint8Array }).ricIndicationMessage).equals(
          Buffer.alloc(200, 7),
        ),
    );
    expect(intact).toEqual([]);
    expect(faulted(trace).length).toBe(1);
    fault.remove();
    await sendIndications(link, 1, 8);
    await roundTrip(link);
    expect(sns(received)).toContain(8);
  });

  it('blackhole: nothing passes and the connection stays open', async () => {
    const { relay, link, closed } = await bench();
    const fault = apply(relay, { type: 'blackhole' });
    await expect(
      link.request('oran.e2.v1.ResetRequest', { cause: { misc: 3 } }, { timeoutMs: 300 }),
    ).rejects.toMatchObject({ code: 'request-timeout' });
    const early = await Promise.race([
      closed.then(() => 'closed'),
      new Promise((r) => setTimeout(r, 300, 'open')),
    ]);
    expect(early).toBe('open');
    expect(relay.state).toBe('ready');
    fault.remove();
    expect(await roundTrip(link)).toBeGreaterThan(0);
  });

  it('reset: the connection is reset, with no close handshake', async () => {
    const { relay, link, closed } = await bench();
    apply(relay, { type: 'reset' });
    await link.send('oran.e2.v1.RicIndication', indication(1));
    const event = await closed;
    expect(event.code).toBe(1006);
  });

  it('slow-close: the link is closed cleanly, no sooner than the time given', async () => {
    const { relay, link, closed } = await bench();
    apply(relay, { type: 'slow-close', ms: 300 });
    const at = Date.now();
    await link.send('oran.e2.v1.RicIndication', indication(1));
    const event = await closed;
    expect(Date.now() - at).toBeGreaterThanOrEqual(290);
    expect(event.code).toBe(1000);
  });

  it('limit-data: the connection is closed once the bytes are used up, after what fit passed', async () => {
    const { relay, link, received, closed } = await bench();
    apply(relay, { type: 'limit-data', bytes: 200, direction: 'upstream' });
    for (let sn = 1; sn <= 10; sn++) {
      await link.send('oran.e2.v1.RicIndication', {
        ...indication(sn),
        ricIndicationMessage: Buffer.alloc(40),
      });
    }
    await closed;
    const passed = sns(received);
    expect(passed.length).toBeGreaterThan(0);
    expect(passed.length).toBeLessThan(10);
    expect(passed).toEqual(Array.from({ length: passed.length }, (_, i) => i + 1));
  });

  it('bandwidth: frames queue at the rate given', async () => {
    const { relay, link, received } = await bench();
    apply(relay, { type: 'bandwidth', bytesPerSecond: 20_000, direction: 'upstream' });
    const at = Date.now();
    for (let sn = 1; sn <= 10; sn++) {
      await link.send('oran.e2.v1.RicIndication', {
        ...indication(sn),
        ricIndicationMessage: Buffer.alloc(1000),
      });
    }
    await roundTrip(link);
    // 10 KB and more at 20 KB/s: half a second at least, in order.
    expect(Date.now() - at).toBeGreaterThanOrEqual(500);
    expect(sns(received)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });
});

describe('the fault hook', () => {
  it('acts with the probability given, and a seeded source repeats the same frames', () => {
    const run = () => {
      const { hook } = linkFaultHook([parseLinkFault({ type: 'drop', probability: 0.3 })], {
        random: seeded(42),
      });
      return Array.from({ length: 1000 }, () =>
        hook({ dir: 'client-to-server', bytes: Buffer.alloc(4), type: 'x' }),
      ).map((a) => a.action === 'drop');
    };
    const first = run();
    const dropped = first.filter(Boolean).length;
    expect(dropped).toBeGreaterThan(250);
    expect(dropped).toBeLessThan(350);
    expect(run()).toEqual(first);
  });

  it('acts only in the direction given', () => {
    const { hook } = linkFaultHook([parseLinkFault({ type: 'drop', direction: 'downstream' })]);
    expect(hook({ dir: 'client-to-server', bytes: Buffer.alloc(4), type: 'x' }).action).toBe('forward');
    expect(hook({ dir: 'server-to-client', bytes: Buffer.alloc(4), type: 'x' }).action).toBe('drop');
  });

  it('refuses a fault it does not know, or a probability out of range', () => {
    expect(() => parseLinkFault({ type: 'latency' } as LinkFaultInput)).toThrow(/ms/);
    expect(() => parseLinkFault({ type: 'drop', probability: 2 })).toThrow(/probability|too big|<=1/i);
    expect(() => parseLinkFault({ type: 'vanish' } as unknown as LinkFaultInput)).toThrow();
  });
});
