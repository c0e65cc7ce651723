import { describe, expect, it } from 'vitest';
import { createEnvelopeCodec, oran, wireLimits } from '../../src/wire/index.js';

const header = {
  interface: oran.common.v1.Interface.INTERFACE_E2,
  pduKind: oran.common.v1.PduKind.PDU_KIND_INITIATING_MESSAGE,
  transactionId: 7,
};

describe('envelope codec errors', () => {
  const codec = createEnvelopeCodec({ limits: wireLimits({ maxFrameBytes: 256, maxRepeatedCount: 3 }) });

  it('reports bytes that are no envelope as malformed-frame', () => {
    const result = codec.decode(Buffer.from([0x0a, 0xff, 0xff, 0xff, 0x0f]));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('malformed-frame');
  });

  it('reports an unknown message type, with the header it could read', () => {
    const bytes = oran.common.v1.Envelope.encode({
      header: { ...header, messageType: 'oran.e2.v9.Nonsense' },
      payload: Buffer.from([8, 1]),
    }).finish();
    const result = codec.decode(bytes);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('unknown-message-type');
    expect(result.error.message).toContain('oran.e2.v9.Nonsense');
    expect(result.header?.transactionId).toBe(7);
  });

  it('reports a payload that does not decode as malformed-frame naming the type', () => {
    const bytes = oran.common.v1.Envelope.encode({
      header: { ...header, messageType: 'oran.common.v1.Hello' },
      payload: Buffer.from([0x12, 0x40, 0x01]),
    }).finish();
    const result = codec.decode(bytes);
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.error.message).toMatch(/malformed-frame.*oran.common.v1.Hello payload does not decode/);
  });

  it('refuses a frame over the size limit before decoding it', () => {
    const result = codec.decode(new Uint8Array(257));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('frame-too-large');
    expect(result.error.details).toEqual({ size: 257, limit: 256 });
  });

  it('refuses to encode a frame over the size limit', () => {
    expect(() => codec.encode('oran.common.v1.LinkClose', { detail: 'x'.repeat(300) }, header)).toThrow(
      /frame-too-large/,
    );
  });

  it('refuses a repeated field over the count limit, naming the field', () => {
    const hello = { offeredVersions: [1, 2, 3, 4].map((minor) => ({ major: 1, minor })) };
    const bytes = oran.common.v1.Envelope.encode({
      header: { ...header, messageType: 'oran.common.v1.Hello' },
      payload: oran.common.v1.Hello.encode(hello).finish(),
    }).finish();
    const result = codec.decode(bytes);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('limit-exceeded');
    expect(result.error.details).toMatchObject({
      field: 'oran.common.v1.Hello.offeredVersions',
      count: 4,
      limit: 3,
    });
  });

  it('refuses a known message type that the link does not carry', () => {
    const e2Only = createEnvelopeCodec({ accepts: (t) => t.startsWith('oran.common.v1.') });
    const bytes = oran.common.v1.Envelope.encode({
      header: { ...header, messageType: 'oran.common.v1.Hello' },
      payload: new Uint8Array(),
    }).finish();
    expect(e2Only.decode(bytes).ok).toBe(true);
    const a1 = oran.common.v1.Envelope.encode({
      header: { ...header, messageType: 'oran.a1.v1.PolicyType' },
      payload: new Uint8Array(),
    }).finish();
    const result = e2Only.decode(a1);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('unknown-message-type');
  });
});
