/**
 * Issue 15: `plugfest test` ended with `process.exit()` because something a run left behind
 * kept the process alive. This runs real cases of several kinds in this process (interop over
 * relays, the harness as SMO on A1, test peers with forged evidence in a secured run, a fault)
 * and shows that once the run has returned, no handle it opened is left: the command can end
 * by itself.
 */
import { describe, expect, it } from 'vitest';
import { suites } from '../../conformance/index.js';
import { runCases } from '../support/suites.js';

const wanted = ['E2-SETUP-001', 'A1-TYPE-001', 'ATT-NONCE-001', 'FC-E2-001'];

/** Resource kinds and how many of each. */
function census(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const kind of process.getActiveResourcesInfo()) counts.set(kind, (counts.get(kind) ?? 0) + 1);
  return counts;
}

describe('a finished run leaves nothing running', () => {
  it('has no more active handles after the run than before it', async () => {
    const cases = Object.values(suites)
      .flat()
      .filter((c) => wanted.includes(c.id));
    expect(cases.map((c) => c.id).sort()).toEqual([...wanted].sort());
    const before = census();
    const run = await runCases(cases, {
      'o-ru': ['ruvello'],
      'o-du': ['cellwright'],
      'near-rt-ric': ['sagebrush'],
    });
    expect(run.results.length).toBeGreaterThanOrEqual(wanted.length);
    expect(run.results.filter((r) => r.verdict !== 'pass').map((r) => `${r.key}: ${r.verdict}`)).toEqual([]);
    // Closed sockets and exited processes are released on the next turns of the loop.
    const deadline = Date.now() + 5000;
    let left: string[] = [];
    for (;;) {
      const after = census();
      left = [...after].flatMap(([kind, n]) =>
        n > (before.get(kind) ?? 0) ? [`${kind} x${n - (before.get(kind) ?? 0)}`] : [],
      );
      // The loop's own wait is one Timeout.
      left = left.filter((l) => l !== 'Timeout x1');
      if (left.length === 0 || Date.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(left).toEqual([]);
  }, 180_000);
});
