import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resultsVersion } from '../../src/conformance/index.js';
import { markdownReporter, renderMarkdown } from '../../src/report/index.js';
import { tempRunDir } from '../support/topologies.js';
import { sampleResults, t0 } from './sample-results.js';

describe('markdown reporter', () => {
  const markdown = renderMarkdown(sampleResults(), { runId: 'run-1', shard: '2/3' });

  it('leads with the counts and whether the run fails', () => {
    expect(markdown.split('\n').slice(0, 5)).toEqual([
      '## plugfest: 6 passed, 2 failed, 1 non-strict, 1 incompatible, 1 unsupported, 1 errors, 1 known-failing',
      '',
      '**Result: failed.** 3 of 13 results fail the run.',
      '',
      'run `run-1` · shard 2/3 · started 2025-06-02T09:30:00.000Z · took 2.9s',
    ]);
    expect(markdown).toContain(
      [
        '| verdict | results |',
        '| --- | ---: |',
        '| ✗ fail | 2 |',
        '| ! error | 1 |',
        '| ~ non-strict | 1 |',
        '| x known-failing | 1 |',
        '| ≠ incompatible | 1 |',
        '| ∅ unsupported | 1 |',
        '| ✓ pass | 6 |',
        '| total | 13 |',
      ].join('\n'),
    );
  });

  it('says a run whose verdicts are all acceptable passed', () => {
    const acceptable = sampleResults().filter((r) => r.verdict !== 'fail' && r.verdict !== 'error');
    expect(renderMarkdown(acceptable)).toContain('**Result: passed.** Every verdict is acceptable.');
  });

  it('draws a table per interface: cases by vendor combination, with verdict symbols and words', () => {
    expect(markdown).toContain(
      [
        '### E2 (e2)',
        '',
        'Columns: o-du × near-rt-ric.',
        '',
        '| case | baseloom × sagebrush | baseloom × stillwater | cellwright × sagebrush | cellwright × stillwater |',
        '| --- | --- | --- | --- | --- |',
        '| E2-SETUP-001 E2 Setup succeeds | ✓ pass | ✓ pass | ✓ pass | ✗ fail |',
        '| E2-SUB-002 RIC Subscription for a KPM REPORT | ∅ unsupported | x known-failing | ~ non-strict | ✓ pass |',
      ].join('\n'),
    );
    expect(markdown.indexOf('### Open Fronthaul M-plane (ofh-m)')).toBeLessThan(
      markdown.indexOf('### E2 (e2)'),
    );
    // A pipe in a title does not break the table; markup is shown as text.
    expect(markdown).toContain('| A1-POL-001 Policy \\| create &amp; query | ✓ pass | ✗ fail |');
    expect(markdown).toContain('Columns: near-rt-ric, each against the harness test peer.');
  });

  it('folds each failure, error and non-strict result with its diagnostics into a <details>', () => {
    const attention = markdown.slice(markdown.indexOf('### Needs attention (4)'));
    expect([...attention.matchAll(/<summary>(.*)<\/summary>/g)].map((m) => m[1])).toEqual([
      '<code>✗ fail</code> <b>A1-POL-001</b> Policy \\| create &amp; query · near-rt-ric=stillwater',
      '<code>✗ fail</code> <b>E2-SETUP-001</b> E2 Setup succeeds · o-du=cellwright, near-rt-ric=stillwater',
      '<code>! error</code> <b>OFH-M-SUP-002</b> Supervision notifications keep the M-plane up · o-ru=korimo, o-du=baseloom',
      '<code>~ non-strict</code> <b>E2-SUB-002</b> RIC Subscription for a KPM REPORT · o-du=cellwright, near-rt-ric=sagebrush',
    ]);
    expect(attention).toContain(
      [
        '```text',
        'E2 Setup Response missing',
        '  expected: E2SetupResponse within 1000 ms',
        '  observed: E2SetupFailure (ricService: ran-function-id-invalid)',
        '  link:     du-1>ric-1/e2',
        '  code:     ran-function-id-invalid',
        `  trace:    runs/a/trace.jsonl at t=${t0 + 200}, ${t0 + 230}`,
        '```',
        '',
        '</details>',
      ].join('\n'),
    );
    // Incompatible, unsupported and known-failing are outcomes: counted, not repeated.
    expect(attention).not.toContain('no common compression');
    expect(markdown).not.toContain('\u0007');
  });

  it('fences a diagnostic holding backticks with a longer fence', () => {
    const [, fail] = sampleResults();
    const text = renderMarkdown([{ ...fail!, diagnostics: [{ message: 'saw ```json and ````' }] }]);
    expect(text).toContain('`````text\nsaw ```json and ````\n`````');
  });

  it('stays under a GitHub comment size, saying how many failures it left out', () => {
    const [, fail] = sampleResults();
    const many = Array.from({ length: 400 }, (_, i) => ({
      ...fail!,
      key: `E2-SETUP-001@o-du=vendor${i},near-rt-ric=stillwater`,
      combination: { 'o-du': `vendor${i}`, 'near-rt-ric': 'stillwater' },
    }));
    const text = renderMarkdown(many, {}, { maxLength: 20_000 });
    expect(text.length).toBeLessThan(20_000);
    const shown = (text.match(/<details>/g) ?? []).length;
    expect(shown).toBeGreaterThan(0);
    expect(text).toContain(`_${400 - shown} more not shown here: see the HTML report or results.json._`);
  });

  it('writes the summary at the end of a run', async () => {
    const file = join(tempRunDir(), 'summary.md');
    const reporter = markdownReporter({ outputFile: file, title: 'nightly' });
    reporter.onBegin!({ type: 'run-begin', version: resultsVersion, runId: 'r', startedAt: t0, total: 13 });
    await reporter.onEnd!({ type: 'run-end', endedAt: t0 + 61_000, interrupted: true }, sampleResults());
    const written = readFileSync(file, 'utf8');
    expect(written.split('\n')[0]).toBe(
      '## nightly: 6 passed, 2 failed, 1 non-strict, 1 incompatible, 1 unsupported, 1 errors, 1 known-failing',
    );
    expect(written).toContain('took 1m 01s · **interrupted**: cases that did not run are missing');
  });
});
