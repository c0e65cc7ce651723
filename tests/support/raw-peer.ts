/**
 * A raw peer: a WebSocket that speaks envelopes by hand, so a test can send what no real
 * vendor would (garbage, unknown types, oversize frames, messages before Hello) and read what
 * comes back, decoded.
 */
import WebSocket from 'ws';
import {
  createEnvelopeCodec,
  type Frame,
  type InterfaceSpec,
  type MessageInitMap,
  type MessageType,
  oran,
} from '../../src/wire/index.js';

export interface RawPeer {
  readonly ws: WebSocket;
  readonly received: Frame[];
  sendRaw(bytes: Uint8Array | string): void;
  send<K extends MessageType>(
    type: K,
    message: MessageInitMap[K],
    transactionId?: number,
    pduKind?: oran.common.v1.PduKind,
  ): void;
  /** Sends Hello and waits for HelloAck. */
  hello(options?: { supervision?: { intervalMs: number; guardMs: number } }): Promise<Frame>;
  next<K extends MessageType>(type: K, timeoutMs?: number): Promise<Frame<K>>;
  close(): Promise<void>;
}

export async function openRawPeer(url: string, spec: InterfaceSpec): Promise<RawPeer> {
  const codec = createEnvelopeCodec();
  const ws = new WebSocket(url, [spec.subprotocol]);
  const received: Frame[] = [];
  const waiters = new Set<() => void>();
  ws.on('message', (data) => {
    const result = codec.decode(data as Buffer);
    if (result.ok) received.push(result.frame);
    for (const wake of waiters) wake();
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  let nextTransaction = 1000;
  const send: RawPeer['send'] = (
    type,
    message,
    transactionId = 0,
    pduKind = oran.common.v1.PduKind.PDU_KIND_INITIATING_MESSAGE,
  ) => {
    ws.send(
      codec.encode(type, message, {
        interface: spec.wire,
        version: { major: 1, minor: 0 },
        pduKind,
        transactionId,
        senderInstance: 'raw-peer',
        sendTimeUnixMs: Date.now(),
      }),
    );
  };
  const next = <K extends MessageType>(type: K, timeoutMs = 3000): Promise<Frame<K>> =>
    new Promise((resolve, reject) => {
      let seen = 0;
      const check = () => {
        for (; seen < received.length; seen += 1) {
          const frame = received[seen]!;
          if (frame.type === type) {
            received.splice(seen, 1);
            waiters.delete(check);
            clearTimeout(timer);
            resolve(frame as Frame<K>);
            return;
          }
        }
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(
          new Error(
            `no ${type} within ${timeoutMs} ms; received ${received.map((f) => f.type).join(', ') || 'nothing'}`,
          ),
        );
      }, timeoutMs);
      waiters.add(check);
      check();
    });
  return {
    ws,
    received,
    sendRaw: (bytes) => ws.send(bytes, { binary: typeof bytes !== 'string' }),
    send,
    async hello(options = {}) {
      nextTransaction += 1;
      send(
        'oran.common.v1.Hello',
        {
          interface: spec.wire,
          offeredVersions: [{ major: 1, minor: 0 }],
          instanceId: 'raw-peer',
          vendorId: 'rawco',
          role: oran.common.v1.Role.ROLE_O_DU,
          productVersion: '0',
          // A minute and ten seconds unless asked: longer than any test, and accepted (an
          // unsupervised Hello, interval 0, is refused).
          supervisionIntervalMs: options.supervision?.intervalMs ?? 60_000,
          supervisionGuardMs: options.supervision?.guardMs ?? 10_000,
        },
        nextTransaction,
      );
      return next('oran.common.v1.HelloAck');
    },
    next,
    close: () =>
      new Promise((resolve) => {
        if (ws.readyState === ws.CLOSED) resolve();
        else {
          ws.once('close', () => resolve());
          ws.close();
        }
      }),
  };
}
