import { describe, expect, it } from 'vitest';
import { negotiateVersion } from '../../src/wire/index.js';

const v = (major: number, minor: number) => ({ major, minor });

describe('version negotiation', () => {
  it('picks the highest version both sides speak', () => {
    const result = negotiateVersion([v(1, 0), v(1, 1), v(1, 2)], [v(1, 3), v(1, 1), v(1, 0)]);
    expect(result).toEqual({ ok: true, version: v(1, 1) });
  });

  it('does not depend on the order of the offers', () => {
    expect(negotiateVersion([v(1, 2), v(2, 0), v(1, 0)], [v(1, 0), v(2, 0)])).toEqual({
      ok: true,
      version: v(2, 0),
    });
  });

  it('fails on disjoint offers with a version-mismatch that names both offers', () => {
    const result = negotiateVersion([v(2, 0), v(2, 1)], [v(1, 0), v(1, 1)]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('version-mismatch');
    expect(result.error.message).toContain('peer offers [2.0, 2.1]');
    expect(result.error.message).toContain('this side supports [1.0, 1.1]');
    expect(result.error.details).toEqual({ offered: [v(2, 0), v(2, 1)], supported: [v(1, 0), v(1, 1)] });
  });

  it('fails on an empty offer', () => {
    const result = negotiateVersion([], [v(1, 0)]);
    expect(result.ok).toBe(false);
  });
});
