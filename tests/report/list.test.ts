import { describe, expect, it } from 'vitest';
import { type CaseResult, type RunBegin, resultsVersion } from '../../src/conformance/index.js';
import { listReporter, renderList } from '../../src/report/index.js';
import { sampleResults, t0 } from './sample-results.js';

function capture(tty = false) {
  const chunks: string[] = [];
  return {
    chunks,
    text: () => chunks.join(''),
    stream: { isTTY: tty, columns: 80, write: (chunk: string) => chunks.push(chunk) },
  };
}

const begin = (total: number): RunBegin => ({
  type: 'run-begin',
  version: resultsVersion,
  runId: 'run-1',
  startedAt: t0,
  total,
});

function play(results: CaseResult[], options: { tty?: boolean; progressIntervalMs?: number } = {}) {
  const out = capture(options.tty);
  let now = t0;
  const reporter = listReporter({
    stream: out.stream,
    colors: false,
    progressIntervalMs: options.progressIntervalMs ?? 0,
    now: () => now,
  });
  reporter.onBegin!(begin(results.length));
  for (const result of results) {
    now += 1000;
    reporter.onCaseEnd!(result);
  }
  void reporter.onEnd!({ type: 'run-end', endedAt: now, interrupted: false }, results);
  return out;
}

describe('list reporter on a CI log (no TTY)', () => {
  const results = sampleResults().slice(0, 5);

  it('prints a line per case as it ends: verdict symbol and word, id, title, combination, duration', () => {
    const lines = play(results, { progressIntervalMs: 60_000 }).text().split('\n');
    expect(lines.slice(0, 7)).toEqual([
      'Running 5 cases',
      '',
      '  ✓ pass           E2-SETUP-001  E2 Setup succeeds  [o-du=cellwright,near-rt-ric=sagebrush]  (120ms)',
      '  ✗ fail           E2-SETUP-001  E2 Setup succeeds  [o-du=cellwright,near-rt-ric=stillwater]  (1.5s)',
      '  ✓ pass           E2-SETUP-001  E2 Setup succeeds  [o-du=baseloom,near-rt-ric=sagebrush]  (120ms)',
      '  ✓ pass           E2-SETUP-001  E2 Setup succeeds  [o-du=baseloom,near-rt-ric=stillwater]  (120ms)',
      '  ~ non-strict     E2-SUB-002  RIC Subscription for a KPM REPORT  [o-du=cellwright,near-rt-ric=sagebrush]  (120ms)',
    ]);
  });

  it('prints plain progress lines with counts, elapsed and estimated remaining time, never escape codes', () => {
    const text = play(results).text();
    expect(text).not.toContain('\x1b');
    expect(text).not.toContain('\r');
    const progress = text.split('\n').filter((l) => l.startsWith('['));
    expect(progress).toEqual([
      '[1/5] 1 passed, 0 failed · 1.0s elapsed, ~4.0s remaining',
      '[2/5] 1 passed, 1 failed · 2.0s elapsed, ~3.0s remaining',
      '[3/5] 2 passed, 1 failed · 3.0s elapsed, ~2.0s remaining',
      '[4/5] 3 passed, 1 failed · 4.0s elapsed, ~1.0s remaining',
    ]);
  });

  it('prints progress only as often as its interval allows', () => {
    const progress = play(results, { progressIntervalMs: 2500 })
      .text()
      .split('\n')
      .filter((l) => l.startsWith('['));
    expect(progress).toEqual(['[3/5] 2 passed, 1 failed · 3.0s elapsed, ~2.0s remaining']);
  });

  it('repeats the failures and non-strict results at the end with their diagnostics, then the summary', () => {
    const text = play(results, { progressIntervalMs: 60_000 }).text();
    const tail = text.slice(text.indexOf('  1) '));
    expect(tail).toBe(
      [
        '  1) E2-SETUP-001 E2 Setup succeeds [o-du=cellwright,near-rt-ric=stillwater] ── fail',
        '     O-RAN.WG3.E2AP 8.3.1: the procedure completes as the specification says',
        '',
        '     E2 Setup Response missing',
        '       expected: E2SetupResponse within 1000 ms',
        '       observed: E2SetupFailure (ricService: ran-function-id-invalid)',
        '       link:     du-1>ric-1/e2',
        '       code:     ran-function-id-invalid',
        `       trace:    runs/a/trace.jsonl at t=${t0 + 200}, ${t0 + 230}`,
        '',
        '  2) E2-SUB-002 RIC Subscription for a KPM REPORT [o-du=cellwright,near-rt-ric=sagebrush] ── non-strict',
        '     O-RAN.WG3.E2AP 8.3.1: the procedure completes as the specification says',
        '',
        '     indication 40 ms late',
        '       expected: <= 10 ms',
        '       observed: 40 ms',
        '',
        '  3 passed, 1 failed, 1 non-strict (5.0s)',
        '',
      ].join('\n'),
    );
  });

  it('says when the run was interrupted and how many cases ran', () => {
    const out = capture();
    const reporter = listReporter({ stream: out.stream, progressIntervalMs: 60_000, now: () => t0 + 500 });
    reporter.onBegin!(begin(40));
    reporter.onCaseEnd!(results[0]!);
    void reporter.onEnd!({ type: 'run-end', endedAt: t0 + 500, interrupted: true }, [results[0]!]);
    expect(out.text()).toContain(
      '  1 passed, 0 failed (500ms)\n  interrupted: 1 of 40 cases ran; the rest did not\n',
    );
  });

  it('marks a retried case', () => {
    const retried = sampleResults().find((r) => r.retry === 1)!;
    expect(renderList([retried])).toContain('[o-du=cellwright,near-rt-ric=stillwater]  (120ms, retry 1)\n');
  });
});

describe('list reporter on a terminal (TTY)', () => {
  it('redraws one progress line in place, above which case lines scroll, and erases it at the end', () => {
    const out = play(sampleResults().slice(0, 2), { tty: true });
    const text = out.text();
    expect(out.chunks.slice(0, 2)).toEqual(['Running 2 cases\n\n', '[0/2] 0 passed, 0 failed · 0ms elapsed']);
    // Each case: erase the progress line, print the case line, draw the progress line again.
    expect(out.chunks.slice(2, 5)).toEqual([
      '\r\x1b[2K',
      '  ✓ pass           E2-SETUP-001  E2 Setup succeeds  [o-du=cellwright,near-rt-ric=sagebrush]  (120ms)\n',
      '[1/2] 1 passed, 0 failed · 1.0s elapsed, ~1.0s remaining',
    ]);
    expect(text.endsWith('  1 passed, 1 failed (2.0s)\n')).toBe(true);
    // The last progress line is erased before the failures are repeated.
    expect(text).toContain('[2/2] 1 passed, 1 failed · 2.0s elapsed\r\x1b[2K\n  1) E2-SETUP-001');
  });

  it('cuts the live line to the terminal width so it never wraps', () => {
    const out = capture(true);
    const reporter = listReporter({ stream: { ...out.stream, columns: 20 }, colors: false, now: () => t0 });
    reporter.onBegin!(begin(3));
    void reporter.onEnd!({ type: 'run-end', endedAt: t0, interrupted: false }, []);
    expect(out.chunks[1]).toBe('[0/3] 0 passed, 0 f');
  });

  it('colours verdicts when asked', () => {
    const out = capture(true);
    const reporter = listReporter({ stream: out.stream, colors: true, now: () => t0 });
    reporter.onBegin!(begin(1));
    reporter.onCaseEnd!(sampleResults()[1]!);
    void reporter.onEnd!({ type: 'run-end', endedAt: t0, interrupted: false }, [sampleResults()[1]!]);
    expect(out.text()).toContain('\x1b[31m✗ fail         \x1b[0m  E2-SETUP-001');
  });
});

describe('list reporter: the set-up share', () => {
  it('says how much of the workers’ time went outside the cases, and the networks’ up and down totals', () => {
    // Two workers for 10 s = 20 s of capacity; case bodies 2 s + 3 s = 5 s, so 75 % outside.
    const [a, b] = sampleResults();
    const results = [
      { ...a!, durationMs: 2000, setupMs: 4000, teardownMs: 500 },
      { ...b!, durationMs: 3000, setupMs: 6000, teardownMs: 250 },
    ];
    const out = capture();
    const reporter = listReporter({
      stream: out.stream,
      colors: false,
      progressIntervalMs: 0,
      now: () => t0,
    });
    reporter.onBegin!({ ...begin(2), workers: 2 });
    for (const result of results) reporter.onCaseEnd!(result);
    void reporter.onEnd!({ type: 'run-end', endedAt: t0 + 10_000, interrupted: false }, results);
    expect(out.text()).toContain(
      "\n  75 % of 2 workers' time outside the cases (networks up 10.0s, down 750ms)\n",
    );
  });

  it('prints no share line for results without set-up times (merged shards of an older run)', () => {
    const out = capture();
    const reporter = listReporter({
      stream: out.stream,
      colors: false,
      progressIntervalMs: 0,
      now: () => t0,
    });
    reporter.onBegin!({ ...begin(2), workers: 2 });
    const results = sampleResults().slice(0, 2);
    void reporter.onEnd!({ type: 'run-end', endedAt: t0 + 10_000, interrupted: false }, results);
    expect(out.text()).toContain('passed');
    expect(out.text()).not.toContain('outside the cases');
  });
});
