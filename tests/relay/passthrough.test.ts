import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { applyLinkFaults, type LinkFaultInput, parseLinkFault } from '../../src/faults/index.js';
import {
  type ConnectionRecord,
  type FrameRecord,
  memoryTraceSink,
  type Relay,
  startRelay,
  type TraceRecord,
} from '../../src/relay/index.js';
import {
  connectLink,
  type Link,
  type LinkCloseEvent,
  type LinkServer,
  listenLinks,
} from '../../src/transport/index.js';
import { interfaceSpecs, type PlugfestError } from '../../src/wire/index.js';
import { identity, until } from '../support/links.js';
import { memoryLogger } from '../support/logger.js';
import { type DevPki, devPki } from '../transport/mtls-fixture.js';

const e2 = interfaceSpecs.e2;
let pki: DevPki;
beforeAll(async () => {
  pki = await devPki();
});
afterAll(async () => {
  await pki[Symbol.asyncDispose]();
});
const cleanup: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function mtlsServer(): Promise<LinkServer> {
  const { logger } = memoryLogger();
  const server = await listenLinks({
    spec: e2,
    identity: identity('ric-1', 'near-rt-ric', 'ricco'),
    logger,
    tls: await pki.end('ric-1'),
    onLink: (link) =>
      link.on('message', (frame) => {
        if (frame.type === 'oran.e2.v1.ResetRequest') void link.reply(frame, 'oran.e2.v1.ResetResponse', {});
      }),
  });
  cleanup.push(() => server.close());
  return server;
}

async function passthroughRelay(
  upstreamUrl: string,
  client = 'du-1',
): Promise<{ relay: Relay; trace: ReturnType<typeof memoryTraceSink> }> {
  const { logger } = memoryLogger();
  const trace = memoryTraceSink();
  const relay = await startRelay({
    link: { id: `${client}>ric-1/e2`, interface: 'e2', client, server: 'ric-1' },
    upstreamUrl,
    logger,
    trace,
    security: 'mtls',
  });
  cleanup.push(() => relay.close());
  return { relay, trace };
}

async function dial(
  url: string,
  instance = 'du-1',
  options: Partial<Parameters<typeof connectLink>[0]> = {},
): Promise<Link> {
  const { logger } = memoryLogger();
  const link = await connectLink({
    spec: e2,
    url,
    identity: identity(instance, 'o-du', 'duco'),
    logger,
    tls: await pki.end(instance),
    ...options,
  });
  cleanup.push(() => link.close());
  return link;
}

const reset = (link: Link) => link.request('oran.e2.v1.ResetRequest', {}, { timeoutMs: 1000 });
const closeOf = (link: Link) =>
  new Promise<LinkCloseEvent>((resolve) => {
    if (link.state === 'closed') resolve({ code: 1006, reason: 'closed already', byPeer: true });
    else link.once('close', resolve);
  });
const frames = (records: readonly TraceRecord[]) =>
  records.filter((r): r is FrameRecord => r.kind === 'frame');
const connections = (records: readonly TraceRecord[]) =>
  records.filter((r): r is ConnectionRecord => r.kind === 'connection');
const faults = (...inputs: LinkFaultInput[]) => inputs.map((input) => parseLinkFault(input));

describe('relay of an mTLS link (passthrough)', () => {
  it('carries a mutual link end to end, tracing encrypted chunks and never a decoded frame', async () => {
    const server = await mtlsServer();
    const { relay, trace } = await passthroughRelay(server.url);
    expect(relay.url).toMatch(/^wss:\/\/127\.0\.0\.1:\d+\/e2$/);
    const link = await dial(relay.url);
    expect((await reset(link)).type).toBe('oran.e2.v1.ResetResponse');
    expect(relay.state).toBe('open');

    // TLS runs end to end: the client sees the RIC's certificate, and both ends one session.
    expect(link.tls?.peerCertificate?.subject).toEqual({ organization: 'ricco', commonName: 'ric-1' });
    const [serverSide] = server.links;
    expect(serverSide?.tls?.channelBinding().equals(link.tls!.channelBinding())).toBe(true);

    const chunks = frames(trace.records);
    expect(chunks.length).toBeGreaterThanOrEqual(4);
    expect(new Set(chunks.map((c) => c.dir))).toEqual(new Set(['client-to-server', 'server-to-client']));
    for (const chunk of chunks) {
      expect(chunk).toMatchObject({ link: 'du-1>ric-1/e2', encrypted: true });
      expect(chunk.type).toBeUndefined();
      expect(chunk.size).toBeGreaterThan(0);
    }
    const up = chunks.filter((c) => c.dir === 'client-to-server');
    expect(up[0]).toMatchObject({ from: 'du-1', to: 'ric-1' });
    expect(up.reduce((sum, c) => sum + c.size, 0)).toBe(relay.stats['client-to-server'].bytes);
    expect(connections(trace.records)[0]).toMatchObject({ event: 'open', encrypted: true });
  });

  it('passes the server refusal of a client without a certificate through', async () => {
    const server = await mtlsServer();
    const { relay } = await passthroughRelay(server.url);
    const error = (await dial(relay.url, 'du-1', {
      tls: { ca: (await pki.end('du-1')).ca },
    }).catch((e: unknown) => e)) as PlugfestError;
    expect(error.code).toBe('tls-refused');
    expect(error.message).toContain('client certificate required');
  });

  it('refuses a client when the server cannot be reached, tracing why', async () => {
    const server = await mtlsServer();
    const url = server.url;
    await server.close();
    const { relay, trace } = await passthroughRelay(url);
    const error = (await dial(relay.url).catch((e: unknown) => e)) as PlugfestError;
    expect(error.code).toBe('connect-failed');
    await until(() => connections(trace.records).some((r) => r.event === 'refused'));
    expect(connections(trace.records)[0]).toMatchObject({ event: 'refused', by: 'relay' });
    expect(connections(trace.records)[0]?.reason).toContain('relay cannot reach ric-1');
  });

  it('resets only its own link on a reset fault', async () => {
    const server = await mtlsServer();
    const first = await passthroughRelay(server.url, 'du-1');
    const second = await passthroughRelay(server.url, 'du-2');
    const link1 = await dial(first.relay.url, 'du-1');
    const link2 = await dial(second.relay.url, 'du-2');
    const closed = closeOf(link1);
    const applied = applyLinkFaults(first.relay, faults({ type: 'reset' }));
    cleanup.push(async () => applied.remove());
    const refused = (await reset(link1).catch((e: unknown) => e)) as PlugfestError;
    expect(refused.code).toBe('link-closed');
    expect(await closed).toMatchObject({ code: 1006, byPeer: true });
    await until(() => connections(first.trace.records).some((r) => r.event === 'close'));
    expect(connections(first.trace.records).find((r) => r.event === 'close')).toMatchObject({
      by: 'relay',
      reason: 'reset',
      encrypted: true,
    });
    expect(frames(first.trace.records).some((r) => r.fault === 'reset')).toBe(true);

    expect((await reset(link2)).type).toBe('oran.e2.v1.ResetResponse');
    expect(link2.state).toBe('ready');
    await until(() => server.links.size === 1);
  });

  it('closes only its own link when its connections are dropped', async () => {
    const server = await mtlsServer();
    const first = await passthroughRelay(server.url, 'du-1');
    const second = await passthroughRelay(server.url, 'du-2');
    const link1 = await dial(first.relay.url, 'du-1');
    const link2 = await dial(second.relay.url, 'du-2');
    const closed = closeOf(link1);
    first.relay.dropConnections(1012, 'server replaced');
    // No close frame can be forged inside TLS: the link sees the connection end.
    expect(await closed).toMatchObject({ code: 1006, byPeer: true });
    await until(() => first.relay.state === 'idle');
    const close = connections(first.trace.records).find((r) => r.event === 'close');
    expect(close).toMatchObject({ by: 'relay', encrypted: true });
    expect(close?.reason).toContain('server replaced');
    expect(close?.bytes?.['client-to-server']).toBe(first.relay.stats['client-to-server'].bytes);

    expect((await reset(link2)).type).toBe('oran.e2.v1.ResetResponse');
    await until(() => server.links.size === 1);
  });

  it('passes nothing under a blackhole, the connection open, until supervision tells', async () => {
    const server = await mtlsServer();
    const { relay, trace } = await passthroughRelay(server.url);
    const link = await dial(relay.url, 'du-1', { supervision: { intervalMs: 100, guardMs: 200 } });
    const closed = closeOf(link);
    const applied = applyLinkFaults(relay, faults({ type: 'blackhole' }));
    cleanup.push(async () => applied.remove());
    const timedOut = (await link
      .request('oran.e2.v1.ResetRequest', {}, { timeoutMs: 200 })
      .catch((e: unknown) => e)) as PlugfestError;
    expect(timedOut.code).toBe('request-timeout');
    expect(relay.state).toBe('open');
    expect(relay.stats['client-to-server'].dropped).toBeGreaterThan(0);
    expect(frames(trace.records).filter((r) => r.fault === 'blackhole').length).toBeGreaterThan(0);
    expect((await closed).error?.code).toBe('supervision-lost');
  });

  it('delays chunks under latency and keeps their order, so TLS holds', async () => {
    const server = await mtlsServer();
    const { relay, trace } = await passthroughRelay(server.url);
    const link = await dial(relay.url);
    const applied = applyLinkFaults(relay, faults({ type: 'latency', ms: 60 }));
    cleanup.push(async () => applied.remove());
    const started = Date.now();
    for (let i = 0; i < 3; i += 1) expect((await reset(link)).type).toBe('oran.e2.v1.ResetResponse');
    expect(Date.now() - started).toBeGreaterThanOrEqual(3 * 2 * 60 - 10);
    expect(frames(trace.records).some((r) => r.fault === 'latency 60ms')).toBe(true);
  });
});
