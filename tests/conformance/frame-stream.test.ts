/**
 * The typed, push-based frame stream (issue 11): a case names a message type and reads that
 * message's fields, type-checked; `next` resolves on the record being pushed, with no timer
 * but its timeout.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFrameStream, createLogStore } from '../../src/conformance/index.js';
import { type FrameRecord, memoryTraceSink } from '../../src/relay/index.js';

const e2 = 'du-1>ric-1/e2';
const setupRequest = (t: number): FrameRecord => ({
  kind: 'frame',
  t,
  link: e2,
  dir: 'client-to-server',
  from: 'du-1',
  to: 'ric-1',
  size: 120,
  type: 'oran.e2.v1.E2SetupRequest',
  pdu: 'initiating',
  tx: 4,
  fields: { ranFunctionsAdded: [{ ranFunctionId: 2, ranFunctionOid: '1.3.6.1.4.1.53148.1.2.2.2' }] },
});

afterEach(() => {
  vi.useRealTimers();
});

describe('the frame stream', () => {
  it('types a frame by its message: fields the message has compile, others do not', () => {
    const sink = memoryTraceSink();
    sink.write(setupRequest(1000));
    const frames = createFrameStream(sink);
    const [request] = frames.all({ link: e2, type: 'oran.e2.v1.E2SetupRequest' });
    const ids: (number | undefined)[] = (request?.fields.ranFunctionsAdded ?? []).map((f) => f.ranFunctionId);
    expect(ids).toEqual([2]);
    // @ts-expect-error an E2 Setup Request has no ranFunctionsAccepted (that is the response's)
    expect(request?.fields.ranFunctionsAccepted).toBeUndefined();
    const indication = frames.all({ type: 'oran.e2.v1.RicIndication' })[0];
    // E2SM payloads are typed too: the KPM indication message the relay decodes.
    const decoded = indication?.fields.ricIndicationMessageDecoded;
    expect(decoded).toBeUndefined();
    // @ts-expect-error a RIC Indication has no cause field
    expect(indication?.fields.cause).toBeUndefined();
  });

  it('types enum fields as the names the trace holds, numbers as numbers', () => {
    const sink = memoryTraceSink();
    sink.write({
      ...setupRequest(1000),
      type: 'oran.common.v1.LinkClose',
      fields: { cause: { misc: 'CAUSE_MISC_OM_INTERVENTION' }, detail: 'bye' },
    });
    const [close] = createFrameStream(sink).all({ type: 'oran.common.v1.LinkClose' });
    const misc: string | undefined = close?.fields.cause?.misc;
    expect(misc).toBe('CAUSE_MISC_OM_INTERVENTION');
    // @ts-expect-error an enum is traced by name, not by number
    const asNumber: number | undefined = close?.fields.cause?.misc;
    expect(asNumber).toBeDefined();
  });

  it('resolves next() on a pushed record without any interval or polling timer', async () => {
    vi.useFakeTimers();
    const sink = memoryTraceSink();
    const frames = createFrameStream(sink);
    const waiting = frames.next({ link: e2, type: 'oran.e2.v1.E2SetupRequest' }, 60_000);
    // Only the timeout is pending: one timer, and no interval.
    expect(vi.getTimerCount()).toBe(1);
    sink.write({ ...setupRequest(1000), type: 'oran.e2.v1.RicIndication' }); // not a match
    sink.write(setupRequest(1001));
    // No timer is advanced: the push alone resolves it.
    const frame = await waiting;
    expect(frame?.t).toBe(1001);
    expect(frame?.fields.ranFunctionsAdded?.[0]?.ranFunctionId).toBe(2);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('finds a frame already traced at once, narrows to a link, and resolves undefined at its timeout', async () => {
    vi.useFakeTimers();
    const sink = memoryTraceSink();
    sink.write(setupRequest(1000));
    sink.write({ ...setupRequest(1001), link: 'du-1>ru-1/ofh-m' });
    const onE2 = createFrameStream(sink, { link: e2 });
    expect(onE2.all().map((f) => f.link)).toEqual([e2]);
    expect((await onE2.next({ type: 'oran.e2.v1.E2SetupRequest' }, 10))?.t).toBe(1000);
    const none = onE2.next({ type: 'oran.e2.v1.E2SetupRequest', since: 2000 }, 500);
    await vi.advanceTimersByTimeAsync(500);
    expect(await none).toBeUndefined();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('fills fields with {} where the trace keeps only headers', () => {
    const sink = memoryTraceSink();
    const { fields: _, ...headersOnly } = setupRequest(1000);
    sink.write(headersOnly);
    const [frame] = createFrameStream(sink).all({ type: 'oran.e2.v1.E2SetupRequest' });
    expect(frame?.fields).toEqual({});
  });
});

describe('the log stream', () => {
  it('keeps JSON lines as pushed, skips the rest, and resolves next() on a push', async () => {
    vi.useFakeTimers();
    const logs = createLogStore();
    logs.push('{"msg":"vendor ready","time":1}');
    logs.push('not json');
    const waiting = logs.next((r) => r.event === 'e2-node-down', 60_000);
    expect(vi.getTimerCount()).toBe(1);
    logs.push('{"msg":"x","event":"e2-node-down","time":2}');
    expect((await waiting)?.time).toBe(2);
    expect(logs.all().map((r) => r.msg)).toEqual(['vendor ready', 'x']);
  });
});
