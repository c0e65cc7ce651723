import { afterEach, describe, expect, it } from 'vitest';
import { type FrameRecord, memoryTraceSink, type Relay, startRelay } from '../../src/relay/index.js';
import { connectLink, type Link, type LinkServer, listenLinks } from '../../src/transport/index.js';
import { interfaceSpecs, type PlugfestError } from '../../src/wire/index.js';
import { identity, until } from '../support/links.js';
import { memoryLogger } from '../support/logger.js';
import { openRawPeer } from '../support/raw-peer.js';

const e2 = interfaceSpecs.e2;
const cleanup: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function setup(): Promise<{
  server: LinkServer;
  relay: Relay;
  trace: ReturnType<typeof memoryTraceSink>;
}> {
  const { logger } = memoryLogger();
  const server = await listenLinks({
    spec: e2,
    identity: identity('ric-1', 'near-rt-ric'),
    logger,
    onLink: (link) =>
      link.on('message', (frame) => {
        if (frame.type === 'oran.e2.v1.ResetRequest') void link.reply(frame, 'oran.e2.v1.ResetResponse', {});
      }),
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
  return { server, relay, trace };
}

async function dial(url: string): Promise<Link> {
  const { logger } = memoryLogger();
  const link = await connectLink({ spec: e2, url, identity: identity('du-1', 'o-du'), logger });
  cleanup.push(() => link.close());
  return link;
}

const frames = (records: readonly unknown[]) => (records as FrameRecord[]).filter((r) => r.kind === 'frame');

describe('relay', () => {
  it('forwards both ways with the subprotocol intact and traces each frame decoded', async () => {
    const { relay, trace } = await setup();
    const link = await dial(relay.url);
    expect(relay.state).toBe('ready');
    const answer = await link.request('oran.e2.v1.ResetRequest', { cause: { misc: 3 } });
    expect(answer.type).toBe('oran.e2.v1.ResetResponse');
    const traced = frames(trace.records).map((f) => [f.dir, f.type]);
    expect(traced).toEqual([
      ['client-to-server', 'oran.common.v1.Hello'],
      ['server-to-client', 'oran.common.v1.HelloAck'],
      ['client-to-server', 'oran.e2.v1.ResetRequest'],
      ['server-to-client', 'oran.e2.v1.ResetResponse'],
    ]);
    const reset = frames(trace.records)[2]!;
    expect(reset).toMatchObject({
      link: 'du-1>ric-1/e2',
      from: 'du-1',
      to: 'ric-1',
      pdu: 'initiating',
      fields: { cause: { misc: 'CAUSE_MISC_OM_INTERVENTION' } },
    });
    expect(reset.size).toBeGreaterThan(0);
    expect(relay.stats['client-to-server']).toMatchObject({ frames: 2, undecodable: 0 });
    expect(relay.stats['server-to-client'].frames).toBe(2);
  });

  it("passes the server's refusal of a wrong subprotocol through to the client", async () => {
    const { relay, trace } = await setup();
    const { logger } = memoryLogger();
    const error = await connectLink({
      spec: e2,
      url: relay.url,
      identity: identity('du-1', 'o-du'),
      logger,
      subprotocols: ['plugfest.a1.v1'],
    }).catch((e: unknown) => e);
    expect((error as PlugfestError).code).toBe('subprotocol-refused');
    expect((error as PlugfestError).message).toContain('this endpoint speaks plugfest.e2.v1');
    await until(() => trace.records.some((r) => r.kind === 'connection' && r.event === 'refused'));
    expect(relay.state).toBe('refused');
  });

  it('records an undecodable frame raw with its decode error, and still forwards it', async () => {
    const { relay, trace } = await setup();
    const peer = await openRawPeer(relay.url, e2);
    cleanup.push(() => peer.close());
    await peer.hello();
    peer.sendRaw(Buffer.from([0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f]));
    // The server answers it, through the relay: it was forwarded.
    await peer.next('oran.common.v1.ErrorIndication');
    const bad = frames(trace.records).find((f) => f.error);
    expect(bad).toMatchObject({
      dir: 'client-to-server',
      error: { code: 'malformed-frame' },
      raw: 'Cv////8P',
    });
    expect(relay.stats['client-to-server'].undecodable).toBe(1);
  });

  it("never holds a frame the vendor behind it would refuse: past the links' 16 MiB ceiling it closes with 1009", async () => {
    const { relay } = await setup();
    const peer = await openRawPeer(relay.url, e2);
    cleanup.push(() => peer.close());
    await peer.hello();
    const closed = new Promise<number>((resolve) => peer.ws.once('close', resolve));
    peer.sendRaw(Buffer.alloc(20 * 1024 * 1024, 1));
    expect(await closed).toBe(1009);
    // Refused as it came in, never forwarded (the relay held up to 64 MiB before).
    expect(relay.stats['client-to-server'].bytes).toBeLessThan(1024 * 1024);
    // The relay takes the next client as before.
    const link = await dial(relay.url);
    expect((await link.request('oran.e2.v1.ResetRequest', {})).type).toBe('oran.e2.v1.ResetResponse');
  });

  it('lets a fault hook drop the frames of one message type only', async () => {
    const { relay, trace } = await setup();
    const link = await dial(relay.url);
    relay.faults = (frame) =>
      frame.type === 'oran.e2.v1.ResetRequest'
        ? { action: 'drop', fault: 'drop ResetRequest' }
        : { action: 'forward' };
    const error = await link
      .request('oran.e2.v1.ResetRequest', {}, { timeoutMs: 300 })
      .catch((e: unknown) => e);
    expect((error as PlugfestError).code).toBe('request-timeout');
    expect(relay.stats['client-to-server'].dropped).toBe(1);
    expect(frames(trace.records).find((f) => f.type === 'oran.e2.v1.ResetRequest')).toMatchObject({
      fault: 'drop ResetRequest',
    });
    relay.faults = undefined;
    expect((await link.request('oran.e2.v1.ResetRequest', {})).type).toBe('oran.e2.v1.ResetResponse');
  });

  it('closes the other side when one side goes away', async () => {
    const { relay, trace } = await setup();
    const link = await dial(relay.url);
    const closed = new Promise((resolve) => link.once('close', resolve));
    relay.dropConnections(1012, 'server replaced');
    expect(await closed).toMatchObject({ code: 1012, byPeer: true });
    await until(() => relay.state === 'idle');
    expect(trace.records.some((r) => r.kind === 'connection' && r.event === 'close')).toBe(true);
  });
});

describe('relay before its server has started', () => {
  const link = { id: 'du-1>ric-1/e2', interface: 'e2', client: 'du-1', server: 'ric-1' } as const;

  it('holds a client that dials early and connects it once the server is up', async () => {
    const { logger } = memoryLogger();
    let up!: () => void;
    const upstreamReady = new Promise<void>((resolve) => {
      up = resolve;
    });
    // The relay is given the server's URL before anything listens there, as the orchestrator
    // does when it starts a client and its server at once.
    const placeholder = await listenLinks({ spec: e2, identity: identity('ric-1', 'near-rt-ric'), logger });
    const url = placeholder.url;
    await placeholder.close();
    const relay = await startRelay({ link, upstreamUrl: url, logger, upstreamReady });
    cleanup.push(() => relay.close());
    let connected = false;
    const dialled = dial(relay.url).then((l) => {
      connected = true;
      return l;
    });
    // Nothing listens yet: a relay that dialled now would answer 502 and the dial would fail.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(connected).toBe(false);
    const port = Number(new URL(url).port);
    const server = await listenLinks({ spec: e2, identity: identity('ric-1', 'near-rt-ric'), logger, port });
    cleanup.push(() => server.close());
    up();
    const client = await dialled;
    expect(client.state).toBe('ready');
    expect(relay.state).toBe('ready');
  });

  it('answers a held client 502 naming the server when the server fails to start', async () => {
    const { logger } = memoryLogger();
    let fail!: (error: Error) => void;
    const upstreamReady = new Promise<void>((_resolve, reject) => {
      fail = reject;
    });
    const relay = await startRelay({ link, upstreamUrl: 'ws://127.0.0.1:9/e2', logger, upstreamReady });
    cleanup.push(() => relay.close());
    const dialled = dial(relay.url).then(
      () => 'connected',
      (error: PlugfestError) => error.message,
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    fail(new Error('ric-1 exited before it was ready'));
    expect(await dialled).toBe(
      '[connect-failed] upgrade answered 502: relay cannot reach ric-1: ric-1 exited before it was ready',
    );
  });

  it('holds a client no longer than its upstream bound', async () => {
    const { logger } = memoryLogger();
    const relay = await startRelay({
      link,
      upstreamUrl: 'ws://127.0.0.1:9/e2',
      logger,
      upstreamReady: new Promise(() => {}),
      upstreamHandshakeTimeoutMs: 200,
    });
    cleanup.push(() => relay.close());
    const began = performance.now();
    const outcome = await dial(relay.url).then(
      () => 'connected',
      (error: PlugfestError) => error.message,
    );
    // Held for the bound (never less), then refused as a server that is down.
    expect(performance.now() - began).toBeGreaterThanOrEqual(190);
    expect(outcome).toBe(
      '[connect-failed] upgrade answered 502: relay cannot reach ric-1: not started within 200 ms',
    );
  });
});
