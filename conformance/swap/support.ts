/**
 * What the hot-swap cases share: a network with short timers and reference vendors around the
 * one swapped, the swap itself (timed), and the declared-profile check that tells a swap that
 * must come up from one that must be reported incompatible.
 */
import type { CaseContext, Combination, Network, VendorLookup } from '../../src/conformance/index.js';
import { links } from '../faults/support.js';

export { links };

/** The reference vendors a swap starts from: each shares a carrier profile with every built-in peer. */
export const reference = { oRu: 'ruvello', oDu: 'cellwright', ric: 'sagebrush' } as const;

export const swapTopology =
  (caseId: string, pick: (c: Combination) => { du: string; ric: string }) =>
  (c: Combination): string => {
    const { du, ric } = pick(c);
    return `name: swap-${caseId.toLowerCase()}-${Object.values(c).join('-')}
options:
  kpmPeriodMs: 300
  supervision: { intervalMs: 500, guardMs: 1500 }
  mplaneSupervision: { notificationIntervalS: 1, guardTimerOverheadS: 1 }
instances:
  ric-1: { role: near-rt-ric, vendor: ${ric} }
  du-1: { role: o-du, vendor: ${du} }
  ru-1: { role: o-ru, vendor: ${reference.oRu} }
  ru-2: { role: o-ru, vendor: ${reference.oRu} }
links:
  - { interface: fronthaul, from: du-1, to: ru-1 }
  - { interface: fronthaul, from: du-1, to: ru-2 }
  - { interface: e2, from: du-1, to: ric-1 }
  - { interface: a1, from: smo, to: ric-1 }
`;
  };

export const common = {
  suite: 'swap',
  interface: 'e2e' as const,
  mode: 'interop' as const,
  timeoutMs: 60_000,
};

export type Ctx = CaseContext<Network>;

/** Swaps `instance` to `vendor`; returns when the new process is ready, and when it began. */
export async function swap(ctx: Ctx, instance: string, vendor: string): Promise<{ at: number; ms: number }> {
  const at = Date.now();
  await ctx.fixture.swap(instance, vendor);
  const ms = Date.now() - at;
  ctx.measure('swapMs', ms);
  ctx.mark('swap', `${instance} swapped to ${vendor}`, at);
  ctx.mark('note', `${vendor} ready`, at + ms);
  return { at, ms };
}

/**
 * Why an O-RU and an O-DU share no carrier profile by what they declare (bandwidth, SCS,
 * compression, arrays), or undefined if they do: the same test as the O-DU's own negotiation.
 */
export function declaredMismatch(ruId: string, duId: string, vendors: VendorLookup): string | undefined {
  const ru = vendors(ruId);
  const du = vendors(duId);
  if (ru?.role !== 'o-ru' || du?.role !== 'o-du') return undefined;
  const r = ru.capabilities;
  const d = du.capabilities;
  const problems: string[] = [];
  if (r.maxBandwidthMhz < d.bandwidthMhz)
    problems.push(`${ruId} offers up to ${r.maxBandwidthMhz} MHz, ${duId} wants ${d.bandwidthMhz}`);
  if (!r.scsKhz.includes(d.scsKhz)) problems.push(`${ruId} has no ${d.scsKhz} kHz SCS`);
  const common = d.compressionPreference.some((p) =>
    r.compression.some((c) => c.method === p.method && c.iqWidths.includes(p.iqWidth)),
  );
  if (!common) problems.push('no common compression');
  if (r.txArrays < d.arrays || r.rxArrays < d.arrays)
    problems.push(`${ruId} has fewer arrays than ${duId} uses`);
  return problems.length ? problems.join('; ') : undefined;
}
