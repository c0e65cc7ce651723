/**
 * Issue 15: one frame killed a vendor. An envelope under the 1 MiB limit whose message type is
 * a 700 KiB string was answered with an ErrorIndication quoting the type, which made the answer
 * itself over the limit; the encoder threw from inside the frame handler and the process
 * exited. Every answer now echoes a bounded amount, and nothing a frame causes escapes it.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { listenLinks } from '../../src/transport/index.js';
import { boundText, echoLimits, interfaceSpecs, oran } from '../../src/wire/index.js';
import { identity } from '../support/links.js';
import { memoryLogger } from '../support/logger.js';
import { freePort, spawnVendor, type VendorProcess } from '../support/processes.js';
import { openRawPeer, type RawPeer } from '../support/raw-peer.js';

const vendors = join(import.meta.dirname, '../../vendors');
const cleanup: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step().catch(() => {});
});

const hugeType = `oran.e2.v1.${'X'.repeat(700 * 1024)}`;

function hugeTypeFrame(): Uint8Array {
  return oran.common.v1.Envelope.encode({
    header: { messageType: hugeType, transactionId: 41, pduKind: 1 },
    payload: Buffer.from([8, 1]),
  }).finish();
}

async function start(entry: string, config: Parameters<typeof spawnVendor>[1]): Promise<VendorProcess> {
  const vendor = spawnVendor(entry, config);
  cleanup.push(() => vendor.stop());
  await vendor.ready;
  return vendor;
}

async function peerOf(
  url: string,
  spec: (typeof interfaceSpecs)[keyof typeof interfaceSpecs],
): Promise<RawPeer> {
  const peer = await openRawPeer(url, spec);
  cleanup.push(() => peer.close());
  await peer.hello();
  return peer;
}

/** The answer quotes at most echoLimits of the type, and the link and process stay up. */
async function expectBoundedAnswer(peer: RawPeer, vendor: VendorProcess): Promise<void> {
  const frame = hugeTypeFrame();
  expect(frame.length).toBeLessThan(1024 * 1024);
  peer.sendRaw(frame);
  const answer = await peer.next('oran.common.v1.ErrorIndication', 10_000);
  const diagnostics = answer.message.criticalityDiagnostics!;
  const messageType = diagnostics.messageType ?? '';
  const detail = diagnostics.detail ?? '';
  expect(diagnostics.errorCode).toBe('unknown-message-type');
  expect(diagnostics.transactionId).toBe(41);
  expect(Buffer.byteLength(messageType)).toBeLessThanOrEqual(echoLimits.messageTypeBytes);
  expect(messageType.startsWith('oran.e2.v1.XXX')).toBe(true);
  expect(messageType).toMatch(/\(716811 bytes\)$/);
  expect(Buffer.byteLength(detail)).toBeLessThanOrEqual(echoLimits.detailBytes);
  expect(answer.size).toBeLessThan(4096);
  // Alive, and the same link still answers: a heartbeat gets its ack.
  expect(vendor.child.exitCode).toBeNull();
  peer.send('oran.common.v1.Heartbeat', { sequence: 5 });
  expect((await peer.next('oran.common.v1.HeartbeatAck', 10_000)).message.sequence).toBe(5);
  expect(vendor.child.exitCode).toBeNull();
}

describe('an answer never outgrows the frame it answers', () => {
  it("survives a 700 KiB message type on a built-in O-RU's M-plane endpoint", async () => {
    const ru = await start(join(vendors, 'ruvello', 'main.ts'), {
      instance: 'ru-1',
      vendor: 'ruvello',
      role: 'o-ru',
      listen: { 'ofh-m': { port: await freePort() }, 'ofh-cu': { port: await freePort() } },
    });
    const ready = await ru.ready;
    await expectBoundedAnswer(await peerOf(`${ready.listen['ofh-m']}/ofh-m`, interfaceSpecs['ofh-m']), ru);
  });

  it("survives a 700 KiB message type on a built-in RIC's A1 endpoint", async () => {
    const ric = await start(join(vendors, 'sagebrush', 'main.ts'), {
      instance: 'ric-1',
      vendor: 'sagebrush',
      role: 'near-rt-ric',
      listen: { e2: { port: await freePort() }, a1: { port: await freePort() } },
    });
    const ready = await ric.ready;
    await expectBoundedAnswer(await peerOf(ready.listen.a1!, interfaceSpecs.a1), ric);
  });

  it('bounds a HelloFailure that would quote a huge refusal and many offered versions', async () => {
    const { logger } = memoryLogger();
    const server = await listenLinks({
      spec: interfaceSpecs.e2,
      identity: identity('ric-1', 'near-rt-ric'),
      logger,
      admit: async () => {
        throw new Error(`refused: ${'y'.repeat(900 * 1024)}`);
      },
    });
    cleanup.push(() => server.close());
    const peer = await openRawPeer(server.url, interfaceSpecs.e2);
    cleanup.push(() => peer.close());
    peer.send(
      'oran.common.v1.Hello',
      {
        interface: interfaceSpecs.e2.wire,
        offeredVersions: Array.from({ length: 4000 }, (_, i) => ({ major: 1, minor: i })),
        instanceId: 'du-1',
        supervisionIntervalMs: 60_000,
        supervisionGuardMs: 10_000,
      },
      1,
    );
    const failure = await peer.next('oran.common.v1.HelloFailure', 10_000);
    expect(failure.message.offeredVersions).toHaveLength(echoLimits.offeredVersions);
    expect(Buffer.byteLength(failure.message.detail)).toBeLessThanOrEqual(echoLimits.detailBytes);
    expect(failure.message.detail.startsWith('refused: yyy')).toBe(true);
  });
});

describe('boundText', () => {
  it('keeps text that fits and cuts what does not, never inside a character', () => {
    expect(boundText('oran.e2.v1.RicIndication', 256)).toBe('oran.e2.v1.RicIndication');
    const cut = boundText('é'.repeat(1000), 101);
    expect(Buffer.byteLength(cut)).toBeLessThanOrEqual(101);
    expect(cut).toMatch(/^(é)+\.\.\. \(2000 bytes\)$/);
    expect(boundText('x'.repeat(10), 10)).toBe('x'.repeat(10));
    expect(boundText('x'.repeat(11), 10).length).toBeLessThanOrEqual(10);
  });
});
