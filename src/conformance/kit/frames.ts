/** Waiting for what must cross a link, and failing with a diagnostic that says what did not. */
import type { FrameRecord } from '../../relay/index.js';
import type { MessageType } from '../../wire/index.js';
import type { CaseDiagnostic } from '../case.js';
import type { FrameFilter, TypedFilter, TypedFrame } from '../network/index.js';
import type { NetworkContext } from './suite.js';

const short = (type: string | undefined) => type?.split('.').at(-1) ?? 'a frame';

/**
 * The first frame matching `filter` within `timeoutMs`; when none comes the case fails with
 * `diagnostic` (default: `missing-frame`, naming the filter).
 */
export async function expectFrame<K extends MessageType>(
  ctx: NetworkContext,
  filter: TypedFilter<K>,
  timeoutMs: number,
  diagnostic?: Partial<CaseDiagnostic>,
): Promise<TypedFrame<K>>;
export async function expectFrame(
  ctx: NetworkContext,
  filter: FrameFilter,
  timeoutMs: number,
  diagnostic?: Partial<CaseDiagnostic>,
): Promise<FrameRecord>;
export async function expectFrame(
  ctx: NetworkContext,
  filter: FrameFilter,
  timeoutMs: number,
  diagnostic: Partial<CaseDiagnostic> = {},
): Promise<FrameRecord> {
  const frame = await ctx.fixture.frames.next(filter, timeoutMs);
  ctx.expect(frame !== undefined, {
    message: `no ${short(filter.type)} within ${timeoutMs} ms`,
    expected: `${filter.type ?? 'a frame'}${filter.dir ? ` (${filter.dir})` : ''}${filter.link ? ` on ${filter.link}` : ''}`,
    observed: 'nothing',
    code: 'missing-frame',
    ...(filter.link ? { link: filter.link } : {}),
    ...diagnostic,
  });
  return frame;
}

/** The answer to a traced request: same link, the other way, same transaction, an outcome. */
export function answerTo(
  ctx: NetworkContext,
  request: FrameRecord,
  timeoutMs: number,
): Promise<FrameRecord | undefined> {
  return ctx.fixture.frames.next(
    {
      link: request.link,
      dir: request.dir === 'client-to-server' ? 'server-to-client' : 'client-to-server',
      ...(request.tx !== undefined ? { tx: request.tx } : {}),
      since: request.t,
      where: (f) => f.pdu !== 'initiating',
    },
    timeoutMs,
  );
}

/** The answer to a traced request within `timeoutMs`, or the case fails with `no-answer`. */
export async function expectAnswer(
  ctx: NetworkContext,
  request: FrameRecord,
  timeoutMs: number,
  diagnostic: Partial<CaseDiagnostic> = {},
): Promise<FrameRecord> {
  const answer = await answerTo(ctx, request, timeoutMs);
  ctx.expect(answer !== undefined, {
    message: `${short(request.type)} unanswered`,
    expected: `its outcome on transaction ${request.tx ?? '?'}`,
    observed: `nothing within ${timeoutMs} ms`,
    link: request.link,
    code: 'no-answer',
    trace: { at: [request.t] },
    ...diagnostic,
  });
  return answer;
}
