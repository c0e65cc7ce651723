import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  type ClientTlsOptions,
  channelBindingLabel,
  connectLink,
  type Link,
  type LinkServer,
  listenLinks,
  type ServerTlsOptions,
} from '../../src/transport/index.js';
import { interfaceSpecs, PlugfestError } from '../../src/wire/index.js';
import { identity } from '../support/links.js';
import { memoryLogger } from '../support/logger.js';
import { type DevPki, devPki } from './mtls-fixture.js';

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

async function server(tls?: Partial<ServerTlsOptions>) {
  const { logger, records } = memoryLogger();
  const accepted: Link[] = [];
  const s = await listenLinks({
    spec: e2,
    identity: identity('ric-1', 'near-rt-ric', 'ricco'),
    logger,
    tls: { ...(await pki.end('ric-1')), ...tls },
    onLink: (link) => {
      accepted.push(link);
      link.on('message', (frame) => {
        if (frame.type === 'oran.e2.v1.ResetRequest') void link.reply(frame, 'oran.e2.v1.ResetResponse', {});
      });
    },
  });
  cleanup.push(() => s.close());
  return { server: s, accepted, logs: records };
}

async function dial(s: LinkServer, tls: ClientTlsOptions, instance = 'du-1'): Promise<Link> {
  const { logger } = memoryLogger();
  const link = await connectLink({
    spec: e2,
    url: s.url,
    identity: identity(instance, 'o-du', 'duco'),
    logger,
    tls,
  });
  cleanup.push(() => link.close());
  return link;
}

async function refusal(s: LinkServer, tls: ClientTlsOptions): Promise<PlugfestError> {
  const error = await dial(s, tls).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(PlugfestError);
  return error as PlugfestError;
}

describe('mTLS links', () => {
  it('carries messages over a mutual link, each end seeing the other certificate', async () => {
    const { server: s, accepted } = await server();
    expect(s.url).toMatch(/^wss:\/\/127\.0\.0\.1:\d+\/e2$/);
    const du1 = await pki.end('du-1');
    const link = await dial(s, du1);
    const answer = await link.request('oran.e2.v1.ResetRequest', { cause: { misc: 3 } });
    expect(answer.type).toBe('oran.e2.v1.ResetResponse');

    expect(link.tls).toMatchObject({ authorized: true, protocol: 'TLSv1.3' });
    expect(link.tls?.peerCertificate).toMatchObject({
      subject: { organization: 'ricco', commonName: 'ric-1' },
      issuer: { organization: 'ricco' },
      serialNumber: (await pki.end('ric-1')).serialNumber,
    });
    const [serverSide] = accepted;
    await serverSide?.ready;
    expect(serverSide?.tls?.authorized).toBe(true);
    const client = serverSide?.tls?.peerCertificate;
    expect(client).toMatchObject({
      subject: { organization: 'duco', commonName: 'du-1' },
      serialNumber: du1.serialNumber,
    });
    expect(client?.pem).toContain('-----BEGIN CERTIFICATE-----');
    expect(client?.der.length).toBeGreaterThan(100);
  });

  it('refuses a client without a certificate at the upgrade with 401, naming it, and logs it', async () => {
    const { server: s, accepted, logs } = await server();
    const { ca } = await pki.end('du-1');
    const error = await refusal(s, { ca });
    expect(error.code).toBe('tls-refused');
    expect(error.message).toContain('client certificate required');
    expect(error.details).toMatchObject({ status: 401 });
    expect(accepted).toEqual([]);
    expect(logs).toContainEqual(
      expect.objectContaining({ msg: 'upgrade refused: client certificate', status: 401 }),
    );
  });

  it('refuses an expired client certificate with 403 CERT_HAS_EXPIRED', async () => {
    const { server: s, logs } = await server();
    const day = 86_400_000;
    const expired = await pki.leaf('duco', 'du-1', {
      notBefore: new Date(Date.now() - 3 * day),
      notAfter: new Date(Date.now() - day),
    });
    const error = await refusal(s, expired);
    expect(error.code).toBe('tls-refused');
    expect(error.message).toContain('client certificate refused: CERT_HAS_EXPIRED');
    expect(error.details).toMatchObject({ status: 403 });
    expect(logs).toContainEqual(expect.objectContaining({ authorizationError: 'CERT_HAS_EXPIRED' }));
  });

  // With CRLs OpenSSL reports its last error (UNABLE_TO_GET_CRL: no CRL covers a foreign CA);
  // the reason names the chain's failure first, as OpenSSL does without CRLs.
  it.each([
    ['with CRLs', true],
    ['without CRLs', false],
  ])('refuses a client certificate of an unknown CA (%s)', async (_, withCrls) => {
    const { server: s } = await server(withCrls ? {} : { crl: [] });
    const foreign = await pki.foreignLeaf('du-1');
    // The client trusts the PKI's root, so only the server's verdict is tested.
    const error = await refusal(s, { ...foreign, ca: (await pki.end('du-1')).ca });
    expect(error.code).toBe('tls-refused');
    expect(error.details).toMatchObject({ status: 403 });
    expect(error.message).toContain('client certificate refused: UNABLE_TO_GET_ISSUER_CERT_LOCALLY');
  });

  it('refuses a self-signed client certificate', async () => {
    const { server: s } = await server();
    const own = await pki.selfSignedLeaf('du-1');
    const error = await refusal(s, { ...own, ca: (await pki.end('du-1')).ca });
    expect(error.code).toBe('tls-refused');
    expect(error.message).toContain('client certificate refused: DEPTH_ZERO_SELF_SIGNED_CERT');
  });

  it('refuses a client certificate its CRL revokes, and admits the vendor other instance', async () => {
    const du1 = await pki.end('du-1');
    const du2 = await pki.end('du-2');
    const { server: s } = await server({ crl: await pki.crlsRevoking('duco', [du2.serialNumber]) });
    const error = await refusal(s, du2);
    expect(error.code).toBe('tls-refused');
    expect(error.message).toContain('client certificate refused: CERT_REVOKED');
    const link = await dial(s, du1);
    expect(link.state).toBe('ready');
  });

  it('fails the TLS handshake of a client that speaks TLS 1.1 at most', async () => {
    const { server: s, accepted, logs } = await server();
    const error = await refusal(s, { ...(await pki.end('du-1')), maxVersion: 'TLSv1.1' });
    expect(error.code).toBe('tls-refused');
    expect(error.message).toContain('alert protocol version');
    expect(accepted).toEqual([]);
    expect(logs).toContainEqual(
      expect.objectContaining({ msg: 'TLS handshake failed', code: 'ERR_SSL_UNSUPPORTED_PROTOCOL' }),
    );
  });

  it('admits a TLS 1.2 client, the minimum', async () => {
    const { server: s } = await server();
    const link = await dial(s, { ...(await pki.end('du-1')), maxVersion: 'TLSv1.2' });
    expect(link.tls?.protocol).toBe('TLSv1.2');
    expect(link.tls?.channelBinding()).toHaveLength(32);
  });

  it('refuses a TLS 1.2 client when the server asks for TLS 1.3', async () => {
    const { server: s } = await server({ minVersion: 'TLSv1.3' });
    const error = await refusal(s, { ...(await pki.end('du-1')), maxVersion: 'TLSv1.2' });
    expect(error.code).toBe('tls-refused');
  });

  it('gives both ends of one link the same channel binding, and another link another', async () => {
    const { server: s, accepted } = await server();
    const first = await dial(s, await pki.end('du-1'), 'du-1');
    const second = await dial(s, await pki.end('du-2'), 'du-2');
    await Promise.all(accepted.map((l) => l.ready));
    const [firstServer, secondServer] = accepted;
    const binding = first.tls!.channelBinding();
    expect(binding).toHaveLength(32);
    expect(firstServer!.tls!.channelBinding().equals(binding)).toBe(true);
    expect(first.tls!.exportKeyingMaterial(32, channelBindingLabel).equals(binding)).toBe(true);
    const other = second.tls!.channelBinding();
    expect(secondServer!.tls!.channelBinding().equals(other)).toBe(true);
    expect(other.equals(binding)).toBe(false);
  });

  it('throws link-closed when asked for a channel binding after the link closed', async () => {
    const { server: s } = await server();
    const link = await dial(s, await pki.end('du-1'));
    await link.close();
    expect(() => link.tls!.channelBinding()).toThrow(
      expect.objectContaining({ code: 'link-closed' }) as unknown as Error,
    );
  });

  it('refuses a server whose certificate does not chain to the client root', async () => {
    const foreign = await pki.foreignLeaf('ric-1');
    const { server: s } = await server({ cert: foreign.cert, key: foreign.key });
    // Without CRLs on the client: with them OpenSSL would report UNABLE_TO_GET_CRL (its last error).
    const error = await refusal(s, { ...(await pki.end('du-1')), crl: [] });
    expect(error.code).toBe('tls-refused');
    expect(error.details.errorCode).toBe('UNABLE_TO_GET_ISSUER_CERT_LOCALLY');
  });

  it('refuses a server whose certificate does not name the host dialled', async () => {
    const { server: s } = await server();
    const error = await refusal(s, { ...(await pki.end('du-1')), servername: 'ric-9.example' });
    expect(error.code).toBe('tls-refused');
    expect(error.details.errorCode).toBe('ERR_TLS_CERT_ALTNAME_INVALID');
  });

  it('refuses tls options for a ws:// URL as a configuration error', async () => {
    const { logger } = memoryLogger();
    const error = await connectLink({
      spec: e2,
      url: 'ws://127.0.0.1:1/e2',
      identity: identity('du-1', 'o-du'),
      logger,
      tls: await pki.end('du-1'),
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'config-invalid' });
  });
});
