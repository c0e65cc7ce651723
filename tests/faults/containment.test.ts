import { describe, expect, it } from 'vitest';
import { measureContainment } from '../../src/faults/index.js';
import type { TraceRecord } from '../../src/relay/index.js';

/** A link's heartbeats: a request every `every` ms from `start` to `end`, each answered 1 ms later. */
function heartbeats(
  link: string,
  start: number,
  end: number,
  every: number,
  skip?: [number, number],
): TraceRecord[] {
  const out: TraceRecord[] = [];
  for (let t = start; t <= end; t += every) {
    if (skip && t >= skip[0] && t < skip[1]) continue;
    const base = { kind: 'frame' as const, link, from: 'a', to: 'b', size: 10 };
    out.push({ ...base, t, dir: 'client-to-server', type: 'oran.common.v1.Heartbeat' });
    out.push({ ...base, t: t + 1, dir: 'server-to-client', type: 'oran.common.v1.HeartbeatAck' });
  }
  return out;
}

describe('containment from the trace', () => {
  it("judges a gap against the link's own rhythm, per direction, not request-to-answer", () => {
    const records = [...heartbeats('x', 0, 20_000, 1500), ...heartbeats('y', 0, 20_000, 100)];
    const report = measureContainment(records, { from: 10_000, to: 20_000, faulty: [] });
    expect(report.blastRadius).toEqual([]);
    expect(report.links.find((l) => l.link === 'x')?.usualIntervalMs).toBe(1500);
  });

  it('names a link outside the fault that went quiet, and not the faulty one', () => {
    const records = [
      ...heartbeats('faulty', 0, 20_000, 100, [10_000, 15_000]),
      ...heartbeats('healthy', 0, 20_000, 100, [12_000, 13_000]),
      ...heartbeats('fine', 0, 20_000, 100),
    ];
    const report = measureContainment(records, { from: 10_000, to: 20_000, faulty: ['faulty'] });
    expect(report.blastRadius).toEqual(['healthy']);
    expect(report.disruptions.find((d) => d.link === 'healthy')).toMatchObject({ kind: 'gap', t: 11_901 });
  });

  it('counts a close and an undecodable frame outside the fault as disruptions', () => {
    const records: TraceRecord[] = [
      ...heartbeats('a', 0, 20_000, 100),
      ...heartbeats('b', 0, 20_000, 100),
      { kind: 'connection', t: 12_000, link: 'a', event: 'close', code: 1006, by: 'server' },
      {
        kind: 'frame',
        t: 13_000,
        link: 'b',
        dir: 'client-to-server',
        from: 'x',
        to: 'y',
        size: 6,
        error: { code: 'malformed-frame', message: 'envelope does not decode' },
      },
    ];
    const report = measureContainment(records, { from: 10_000, to: 20_000, faulty: [] });
    expect(report.blastRadius).toEqual(['a', 'b']);
    expect(report.disruptions.map((d) => d.kind).sort()).toEqual(['close', 'undecodable']);
  });
});
