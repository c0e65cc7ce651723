/**
 * Version negotiation of the first exchange of every link: the highest revision both sides
 * speak wins; no common revision is a failure that names both offers, never a decode error.
 */
import { PlugfestError } from './errors.js';
import type { ProtocolVersion } from './interfaces.js';

export type Negotiation = { ok: true; version: ProtocolVersion } | { ok: false; error: PlugfestError };

export function compareVersions(a: ProtocolVersion, b: ProtocolVersion): number {
  return a.major - b.major || a.minor - b.minor;
}

export function formatVersions(versions: readonly ProtocolVersion[]): string {
  return `[${versions.map((v) => `${v.major}.${v.minor}`).join(', ')}]`;
}

/** Picks the highest version in both lists; `offered` is the peer's, `supported` our own. */
export function negotiateVersion(
  offered: readonly ProtocolVersion[],
  supported: readonly ProtocolVersion[],
): Negotiation {
  const common = offered
    .filter((o) => supported.some((s) => compareVersions(o, s) === 0))
    .sort(compareVersions);
  const best = common.at(-1);
  if (best) return { ok: true, version: { major: best.major, minor: best.minor } };
  return {
    ok: false,
    error: new PlugfestError(
      'version-mismatch',
      `no common version: peer offers ${formatVersions(offered)}, this side supports ${formatVersions(supported)}`,
      { offered: offered.map(plain), supported: supported.map(plain) },
    ),
  };
}

function plain(v: ProtocolVersion): ProtocolVersion {
  return { major: v.major, minor: v.minor };
}
