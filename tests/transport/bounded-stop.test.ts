/**
 * Issue 15: a finished run never exited. Its last topology's stop waited on two loopback
 * connections whose peers had both stopped reading. Every stop now has a bound: what does not
 * close cleanly within its grace period is destroyed. Each test here hung before the fix.
 */
import { connect, createServer, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { startRelay } from '../../src/relay/index.js';
import type { TopologyLink } from '../../src/topology/index.js';
import { dialWithBackoff, listenLinks, stopDefaults } from '../../src/transport/index.js';
import { interfaceSpecs } from '../../src/wire/index.js';
import { identity } from '../support/links.js';
import { memoryLogger } from '../support/logger.js';
import { openRawPeer } from '../support/raw-peer.js';

const e2 = interfaceSpecs.e2;
const link: TopologyLink = {
  id: 'du-1>ric-1/e2',
  interface: 'e2',
  client: 'du-1',
  server: 'ric-1',
} as TopologyLink;
const cleanup: Array<() => void> = [];
afterEach(() => {
  for (const step of cleanup.splice(0)) step();
});

/** How long `work` took, or `hung` past `boundMs`. */
async function timed(work: Promise<unknown>, boundMs: number): Promise<number | 'hung'> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const hung = new Promise<'hung'>((resolve) => {
    timer = setTimeout(() => resolve('hung'), boundMs);
  });
  const outcome = await Promise.race([work.then(() => performance.now() - started), hung]);
  clearTimeout(timer);
  return outcome;
}

/** A TCP client that sends an upgrade request and then neither reads nor closes. */
function mutePeer(port: number, subprotocol: string): Promise<Socket> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(
        `GET /e2 HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
          `Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n` +
          `Sec-WebSocket-Protocol: ${subprotocol}\r\n\r\n`,
      );
      socket.pause();
      resolve(socket);
    });
    cleanup.push(() => socket.destroy());
  });
}

// Generous against a loaded machine, and far short of "for ever".
const boundMs = stopDefaults.graceMs * 8;

describe('every stop has a bound', () => {
  it('closes a link server whose refused client never reads its refusal nor hangs up', async () => {
    const { logger } = memoryLogger();
    const server = await listenLinks({ spec: e2, identity: identity('ric-1', 'near-rt-ric'), logger });
    await mutePeer(server.port, 'not-plugfest');
    await new Promise((r) => setTimeout(r, 200));
    expect(await timed(server.close(), boundMs)).not.toBe('hung');
  });

  it('closes a relay with a client mid-upgrade to a server that never answers', async () => {
    const mute = createServer((socket) => socket.pause());
    await new Promise<void>((resolve) => mute.listen(0, '127.0.0.1', () => resolve()));
    cleanup.push(() => mute.close());
    const { logger } = memoryLogger();
    const port = (mute.address() as { port: number }).port;
    const relay = await startRelay({ link, upstreamUrl: `ws://127.0.0.1:${port}/e2`, logger });
    await mutePeer(relay.port, e2.subprotocol);
    await new Promise((r) => setTimeout(r, 200));
    expect(await timed(relay.close(), boundMs)).not.toBe('hung');
  });

  it('closes a relay whose two peers both stopped reading with frames queued each way', async () => {
    const upstream = new WebSocketServer({
      port: 0,
      host: '127.0.0.1',
      handleProtocols: () => e2.subprotocol,
    });
    await new Promise<void>((resolve) => upstream.once('listening', () => resolve()));
    cleanup.push(() => upstream.close());
    const serverSide = new Promise<WebSocket>((resolve) => upstream.once('connection', resolve));
    const { logger } = memoryLogger();
    const port = (upstream.address() as { port: number }).port;
    const relay = await startRelay({
      link,
      upstreamUrl: `ws://127.0.0.1:${port}/e2`,
      logger,
      highWaterMarkBytes: 64 * 1024,
    });
    const client = new WebSocket(relay.url, [e2.subprotocol]);
    cleanup.push(() => client.terminate());
    await new Promise((resolve) => client.once('open', resolve));
    const server = await serverSide;
    // Neither end reads from here on; each writes until its socket is well past full.
    client.pause();
    server.pause();
    const chunk = Buffer.alloc(256 * 1024, 1);
    for (let i = 0; i < 64; i += 1) {
      client.send(chunk);
      server.send(chunk);
    }
    await new Promise((r) => setTimeout(r, 300));
    expect(await timed(relay.close(), boundMs)).not.toBe('hung');
    server.terminate();
  });

  it('stops a reconnecting client whose handshake was still running when asked', async () => {
    const { logger } = memoryLogger();
    // The server admits slowly, so the stop lands between the dial and ready.
    const server = await listenLinks({
      spec: e2,
      identity: identity('ric-1', 'near-rt-ric'),
      logger,
      admit: () => new Promise((resolve) => setTimeout(resolve, 400)),
    });
    cleanup.push(() => void server.close());
    const client = dialWithBackoff({
      spec: e2,
      url: server.url,
      identity: identity('du-1', 'o-du'),
      logger,
      onLink: () => {},
    });
    await new Promise((r) => setTimeout(r, 100));
    expect(client.current).toBeUndefined();
    expect(await timed(client.stop(), boundMs)).not.toBe('hung');
    // And nothing is left connected for the server to wait on.
    await new Promise((r) => setTimeout(r, 600));
    expect([...server.links].filter((l) => l.state === 'ready')).toEqual([]);
  });

  it('closes a link whose peer stopped reading, within its grace and one more', async () => {
    const { logger } = memoryLogger();
    let accepted: import('../../src/transport/index.js').Link | undefined;
    const server = await listenLinks({
      spec: e2,
      identity: identity('ric-1', 'near-rt-ric'),
      logger,
      highWaterMarkBytes: 64 * 1024 * 1024,
      onLink: (l) => {
        accepted = l;
      },
    });
    cleanup.push(() => void server.close());
    const peer = await openRawPeer(server.url, e2);
    cleanup.push(() => void peer.close());
    await peer.hello();
    peer.ws.pause();
    const indication = { ranFunctionId: 2, ricIndicationMessage: Buffer.alloc(512 * 1024, 7) };
    for (let i = 0; i < 32; i += 1)
      void accepted!.send('oran.e2.v1.RicIndication', indication).catch(() => {});
    await new Promise((r) => setTimeout(r, 300));
    const took = await timed(accepted!.close('going-away', 'test over'), boundMs);
    expect(took).not.toBe('hung');
    expect(accepted!.state).toBe('closed');
  });

  it('survives clients that reset mid-upgrade, at a relay and at a link server (ECONNRESET ended the harness once)', async () => {
    const mute = createServer((socket) => socket.pause());
    await new Promise<void>((resolve) => mute.listen(0, '127.0.0.1', () => resolve()));
    cleanup.push(() => mute.close());
    const { logger } = memoryLogger();
    const port = (mute.address() as { port: number }).port;
    const relay = await startRelay({ link, upstreamUrl: `ws://127.0.0.1:${port}/e2`, logger });
    const server = await listenLinks({ spec: e2, identity: identity('ric-1', 'near-rt-ric'), logger });
    const unhandled: unknown[] = [];
    const onUncaught = (error: unknown) => unhandled.push(error);
    process.on('uncaughtException', onUncaught);
    try {
      for (const target of [relay.port, server.port]) {
        for (const subprotocol of [e2.subprotocol, 'refused-one']) {
          const socket = await mutePeer(target, subprotocol);
          await new Promise((r) => setTimeout(r, 100));
          socket.resetAndDestroy();
        }
      }
      await new Promise((r) => setTimeout(r, 300));
    } finally {
      process.off('uncaughtException', onUncaught);
    }
    expect(unhandled).toEqual([]);
    expect(await timed(relay.close(), boundMs)).not.toBe('hung');
    expect(await timed(server.close(), boundMs)).not.toBe('hung');
  });
});
