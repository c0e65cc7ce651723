/**
 * The CU-plane messages themselves, as they cross a link. The relay traces ofh-cu frames by
 * header only (IQ is bulky), so a case taps the link for the messages it grades, while it
 * watches, without changing what is forwarded.
 */
import { type Network, type NetworkContext, oran } from '../../src/conformance/index.js';

const cu = oran.fronthaul.cuplane.v1;
export type CPlane = oran.fronthaul.cuplane.v1.CPlaneMessage;
export type UPlane = oran.fronthaul.cuplane.v1.UPlaneMessage;
export type LinkDirection = 'client-to-server' | 'server-to-client';

/** One CU-plane message as it crossed the relay; `index` is its order on the link. */
export type CuMessage = {
  readonly index: number;
  readonly t: number;
  readonly dir: LinkDirection;
} & ({ readonly plane: 'c'; readonly message: CPlane } | { readonly plane: 'u'; readonly message: UPlane });

export const cPlaneType = 'oran.fronthaul.cuplane.v1.CPlaneMessage';
export const uPlaneType = 'oran.fronthaul.cuplane.v1.UPlaneMessage';

/** A tap on one link: what it holds so far, and `stop()`, which removes it and decodes. */
export interface CuPlaneTap {
  /** U-plane messages seen so far, by the direction they crossed. */
  uPlaneCount(dir: LinkDirection): number;
  stop(): CuMessage[];
}

/**
 * Taps `link`: the trace keeps only headers of CU-plane frames, so the tap keeps their bytes
 * and decodes them only when stopped, to keep the relay's path short.
 */
export function tapCuPlane(net: Network, link: string): CuPlaneTap {
  const raw: Array<{ dir: LinkDirection; bytes: Uint8Array; t: number; type: string }> = [];
  const untap = net.link(link).tap((frame) => {
    if (frame.type === cPlaneType || frame.type === uPlaneType)
      raw.push({ dir: frame.dir, bytes: frame.bytes, t: frame.t, type: frame.type });
  });
  return {
    uPlaneCount: (dir) => raw.filter((r) => r.type === uPlaneType && r.dir === dir).length,
    stop() {
      untap();
      return raw.flatMap(({ dir, bytes, t }, index): CuMessage[] => {
        const envelope = oran.common.v1.Envelope.decode(bytes);
        const type = envelope.header?.messageType;
        if (type === cPlaneType)
          return [{ index, t, dir, plane: 'c', message: cu.CPlaneMessage.decode(envelope.payload) }];
        if (type === uPlaneType)
          return [{ index, t, dir, plane: 'u', message: cu.UPlaneMessage.decode(envelope.payload) }];
        return [];
      });
    },
  };
}

/**
 * Taps `link` for `ms`, and for up to `extraWindows` more windows of `ms` while `enough` says
 * the tap holds too little (a loaded machine slows the vendors' traffic); what crossed.
 */
export async function watchCuPlane(
  ctx: NetworkContext,
  link: string,
  ms: number,
  options: { readonly enough?: (tap: CuPlaneTap) => boolean; readonly extraWindows?: number } = {},
): Promise<{ messages: CuMessage[]; watchedMs: number }> {
  const tap = tapCuPlane(ctx.fixture, link);
  const start = Date.now();
  try {
    await ctx.sleep(ms);
    for (let extra = 0; extra < (options.extraWindows ?? 0) && !(options.enough?.(tap) ?? true); extra++) {
      await ctx.sleep(ms);
    }
  } catch (error) {
    // Aborted: the link must not keep a dead tap.
    tap.stop();
    throw error;
  }
  return { messages: tap.stop(), watchedMs: Date.now() - start };
}
