import { afterEach, describe, expect, it } from 'vitest';
import { connectLink, type Link, type LinkServer, listenLinks, openLink } from '../../src/transport/index.js';
import { interfaceSpecs, oran, PlugfestError } from '../../src/wire/index.js';
import { identity, until } from '../support/links.js';
import { memoryLogger } from '../support/logger.js';

const e2 = interfaceSpecs.e2;
const cleanup: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function server(options: Partial<Parameters<typeof listenLinks>[0]> = {}): Promise<LinkServer> {
  const { logger } = memoryLogger();
  const s = await listenLinks({
    spec: e2,
    identity: identity('ric-1', 'near-rt-ric', 'ricco'),
    logger,
    ...options,
  });
  cleanup.push(() => s.close());
  return s;
}

async function client(url: string, options: Partial<Parameters<typeof connectLink>[0]> = {}): Promise<Link> {
  const { logger } = memoryLogger();
  const link = await connectLink({
    spec: e2,
    url,
    identity: identity('du-1', 'o-du', 'duco'),
    logger,
    ...options,
  });
  cleanup.push(() => link.close());
  return link;
}

function serverLink(s: LinkServer): Link {
  const [link] = s.links;
  if (!link) throw new Error('no link on the server');
  return link;
}

describe('link handshake', () => {
  it('exchanges Hello and HelloAck and tells each side who the peer is', async () => {
    const s = await server();
    const link = await client(s.url);
    expect(link.state).toBe('ready');
    expect(link.peer).toMatchObject({
      instanceId: 'ric-1',
      vendorId: 'ricco',
      role: 'near-rt-ric',
      version: { major: 1, minor: 0 },
    });
    const accepted = serverLink(s);
    await accepted.ready;
    expect(accepted.peer).toMatchObject({ instanceId: 'du-1', vendorId: 'duco', role: 'o-du' });
  });

  it('picks the highest common revision', async () => {
    const s = await server({
      versions: [
        { major: 1, minor: 0 },
        { major: 1, minor: 1 },
        { major: 1, minor: 2 },
      ],
    });
    const link = await client(s.url, {
      versions: [
        { major: 1, minor: 1 },
        { major: 1, minor: 0 },
      ],
    });
    expect(link.version).toEqual({ major: 1, minor: 1 });
    expect(serverLink(s).version).toEqual({ major: 1, minor: 1 });
  });

  it('fails disjoint offers with a cause naming both, never a decode error', async () => {
    const s = await server({
      versions: [
        { major: 1, minor: 0 },
        { major: 1, minor: 1 },
      ],
    });
    const { logger } = memoryLogger();
    const link = openLink({
      spec: e2,
      url: s.url,
      identity: identity('du-1', 'o-du'),
      logger,
      versions: [{ major: 1, minor: 7 }],
    });
    const error = await link.ready.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(PlugfestError);
    expect((error as PlugfestError).code).toBe('version-mismatch');
    expect((error as PlugfestError).message).toContain('peer offers [1.7]');
    expect((error as PlugfestError).message).toContain('this side supports [1.0, 1.1]');
    const closed = await new Promise((resolve) =>
      link.state === 'closed' ? resolve(true) : link.once('close', resolve),
    );
    expect(closed).toBeTruthy();
  });

  it('refuses a wrong subprotocol at the upgrade, with a reason', async () => {
    const s = await server();
    const error = await client(s.url, { subprotocols: ['plugfest.a1.v1'] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlugfestError);
    expect((error as PlugfestError).code).toBe('subprotocol-refused');
    expect((error as PlugfestError).message).toContain(
      'plugfest.a1.v1 refused: this endpoint speaks plugfest.e2.v1',
    );
    expect((error as PlugfestError).details).toMatchObject({ status: 400 });
    expect(s.links.size).toBe(0);
  });

  it('refuses a missing subprotocol at the upgrade', async () => {
    const s = await server();
    const error = await client(s.url, { subprotocols: [] }).catch((e: unknown) => e);
    expect((error as PlugfestError).code).toBe('subprotocol-refused');
    expect((error as PlugfestError).message).toContain('no subprotocol offered');
  });

  it('reports a refused connection as connect-failed naming the URL', async () => {
    const s = await server();
    const url = s.url;
    await s.close();
    const error = await client(url).catch((e: unknown) => e);
    expect((error as PlugfestError).code).toBe('connect-failed');
    expect((error as PlugfestError).message).toContain(url);
  });
});

describe('requests', () => {
  it('correlates answers by transaction id, whatever their order', async () => {
    const s = await server({
      onLink: (link) => {
        const held: Array<() => void> = [];
        link.on('message', (frame) => {
          if (frame.type !== 'oran.e2.v1.RicSubscriptionDeleteRequest') return;
          const id = (frame.message as oran.e2.v1.RicSubscriptionDeleteRequest).ranFunctionId;
          held.push(
            () => void link.reply(frame, 'oran.e2.v1.RicSubscriptionDeleteResponse', { ranFunctionId: id }),
          );
          // Answer all three at once, in reverse order.
          if (held.length === 3) for (const answer of held.reverse()) answer();
        });
      },
    });
    const link = await client(s.url);
    const answers = await Promise.all(
      [1, 2, 3].map((id) => link.request('oran.e2.v1.RicSubscriptionDeleteRequest', { ranFunctionId: id })),
    );
    expect(answers.map((a) => (a.message as oran.e2.v1.RicSubscriptionDeleteResponse).ranFunctionId)).toEqual(
      [1, 2, 3],
    );
    expect(
      answers.every((a) => a.header.pduKind === oran.common.v1.PduKind.PDU_KIND_SUCCESSFUL_OUTCOME),
    ).toBe(true);
  });

  it('times out a request without an answer, naming its transaction id', async () => {
    const s = await server();
    const link = await client(s.url);
    const started = Date.now();
    const error = (await link
      .request('oran.e2.v1.RicSubscriptionRequest', { ranFunctionId: 2 }, { timeoutMs: 150 })
      .catch((e: unknown) => e)) as PlugfestError;
    expect(Date.now() - started).toBeGreaterThanOrEqual(145);
    expect(error.code).toBe('request-timeout');
    expect(error.details).toMatchObject({ messageType: 'oran.e2.v1.RicSubscriptionRequest', timeoutMs: 150 });
    const transactionId = error.details.transactionId as number;
    expect(transactionId).toBeGreaterThan(0);
    expect(error.message).toContain(`(transaction ${transactionId})`);
  });

  it('rejects pending requests when the link closes', async () => {
    const s = await server();
    const link = await client(s.url);
    const pending = link.request('oran.e2.v1.ResetRequest', {}, { timeoutMs: 5000 }).catch((e: unknown) => e);
    await serverLink(s).close('going-away', 'test');
    const error = (await pending) as PlugfestError;
    expect(error.code).toBe('link-closed');
    expect(error.message).toContain('oran.e2.v1.ResetRequest unanswered');
  });
});

describe('close with a cause', () => {
  it('tells the peer why, in a LinkClose and the close code', async () => {
    const s = await server();
    const link = await client(s.url);
    const closed = new Promise<Parameters<Parameters<Link['on']>[1]>[0]>((resolve) =>
      link.once('close', resolve as never),
    );
    await serverLink(s).close('attestation-failed', 'measurement of vendor.yaml differs');
    const event = (await closed) as unknown as {
      code: number;
      byPeer: boolean;
      cause: string;
      detail: string;
    };
    expect(event.byPeer).toBe(true);
    expect(event.code).toBe(4004);
    expect(event.cause).toBe('misc: om-intervention');
    expect(event.detail).toBe('measurement of vendor.yaml differs');
    await until(() => link.state === 'closed');
  });
});
