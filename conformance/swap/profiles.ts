/**
 * Whether an O-RU and an O-DU can share a carrier by what their vendor.yaml declare: the test
 * that tells a swap that must come up (SWAP-ORU-001) from one that must be reported incompatible
 * (SWAP-INC-001), before anything runs. The O-DU's own negotiation decides at run time; the two
 * agree for the built-in vendors.
 */
import type { VendorLookup } from '../../src/conformance/index.js';

/**
 * Why `ruId` and `duId` share no carrier profile (bandwidth, SCS, compression, arrays), or
 * undefined if they do or either is not of its role.
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
