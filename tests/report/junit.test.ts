import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resultsVersion } from '../../src/conformance/index.js';
import { junitReporter, renderJunit } from '../../src/report/index.js';
import { tempRunDir } from '../support/topologies.js';
import { parseJunit } from './junit-parse.js';
import { hostileMessage, sampleResults, t0 } from './sample-results.js';

describe('junit reporter', () => {
  const xml = renderJunit(sampleResults());
  const parsed = parseJunit(xml);
  const testcase = (name: string) =>
    parsed.suites.flatMap((s) => s.cases).find((c) => c.attributes.name === name)!;

  it('has one <testsuite> per interface, in fronthaul, E2, A1 order', () => {
    expect(parsed.suites.map((s) => s.attributes.name)).toEqual(['ofh-m', 'e2', 'a1']);
  });

  it('counts tests, failures, errors, skipped and time per suite and in total', () => {
    expect(parsed.attributes).toEqual({
      name: 'plugfest',
      tests: '13',
      failures: '2',
      errors: '1',
      skipped: '3',
      time: '2.820',
    });
    const [ofh, e2, a1] = parsed.suites.map((s) => s.attributes);
    expect(ofh).toMatchObject({ tests: '3', failures: '0', errors: '1', skipped: '1', time: '0.360' });
    expect(e2).toMatchObject({ tests: '8', failures: '1', errors: '0', skipped: '2', time: '2.220' });
    expect(a1).toMatchObject({ tests: '2', failures: '1', errors: '0', skipped: '0', time: '0.240' });
    expect(e2!.timestamp).toBe(new Date(t0).toISOString());
    for (const suite of parsed.suites) expect(suite.cases).toHaveLength(Number(suite.attributes.tests));
  });

  it('names a test by case id and vendor combination, with the suite as classname', () => {
    expect(testcase('E2-SETUP-001 [o-du=cellwright,near-rt-ric=stillwater]').attributes).toEqual({
      name: 'E2-SETUP-001 [o-du=cellwright,near-rt-ric=stillwater]',
      classname: 'e2',
      time: '1.500',
    });
    expect(testcase('OFH-M-SUP-002 [o-ru=korimo,o-du=cellwright]').attributes.classname).toBe('fronthaul');
    expect(testcase('E2-SETUP-001 [o-du=cellwright,near-rt-ric=stillwater]').properties).toMatchObject({
      title: 'E2 Setup succeeds',
      verdict: 'fail',
      spec: 'O-RAN.WG3.E2AP 8.3.1',
    });
    expect(
      testcase('E2-SUB-002 [o-du=cellwright,near-rt-ric=sagebrush]').properties['measurement.lateMs'],
    ).toBe('40');
  });

  it('maps verdicts as gRPC interop does: fail, error, skipped with a reason, non-strict as a noted pass', () => {
    expect(testcase('E2-SETUP-001 [o-du=cellwright,near-rt-ric=sagebrush]').outcome).toBeUndefined();
    expect(testcase('E2-SETUP-001 [o-du=cellwright,near-rt-ric=stillwater]').outcome).toEqual({
      tag: 'failure',
      attributes: { message: 'E2 Setup Response missing', type: 'ran-function-id-invalid' },
      text: [
        'E2 Setup Response missing',
        'expected: E2SetupResponse within 1000 ms',
        'observed: E2SetupFailure (ricService: ran-function-id-invalid)',
        'link: du-1>ric-1/e2',
        'code: ran-function-id-invalid',
        `trace: runs/a/trace.jsonl at t=${t0 + 200}, ${t0 + 230}`,
      ].join('\n'),
    });
    expect(testcase('OFH-M-SUP-002 [o-ru=korimo,o-du=baseloom]').outcome).toMatchObject({
      tag: 'error',
      attributes: { type: 'vendor-exited' },
    });
    expect(testcase('E2-SUB-002 [o-du=baseloom,near-rt-ric=sagebrush]').outcome).toEqual({
      tag: 'skipped',
      attributes: { message: 'unsupported: baseloom does not offer E2SM-KPM' },
      text: '',
    });
    expect(testcase('OFH-M-SUP-002 [o-ru=quibble,o-du=cellwright]').outcome!.attributes.message).toBe(
      'incompatible: no common compression: O-RU offers BFP 8/9, O-DU wants BFP 14',
    );
    expect(testcase('E2-SUB-002 [o-du=baseloom,near-rt-ric=stillwater]').outcome).toMatchObject({
      tag: 'skipped',
      attributes: {
        message: 'known-failing (listed, still failing): subscription refused: excessive-actions',
      },
    });
    expect(testcase('E2-SUB-002 [o-du=cellwright,near-rt-ric=sagebrush]').outcome).toEqual({
      tag: 'system-out',
      attributes: {},
      text: 'non-strict (a SHOULD is not met)\nindication 40 ms late\nexpected: <= 10 ms\nobserved: 40 ms',
    });
  });

  it('escapes markup and drops characters XML forbids', () => {
    const a1 = testcase('A1-POL-001 [near-rt-ric=stillwater]');
    expect(a1.outcome!.attributes.message).toBe(hostileMessage.replace('\u0007', ''));
    expect(xml).toContain(
      'message="policy &quot;qos&lt;5&gt;&quot; &amp; &lt;/script&gt;&lt;script&gt;window.__xss=1&lt;/script&gt; | bell"',
    );
    expect(xml).not.toContain('\u0007');
    expect(xml).not.toContain('<script');
    // Every element that opens closes: a well-formedness check without an XML library.
    const tags = [...xml.matchAll(/<(\/?)([a-z-]+)\b[^>]*?(\/?)>/g)];
    const stack: string[] = [];
    for (const [, closing, name, selfClosing] of tags) {
      if (selfClosing) continue;
      if (closing) expect(stack.pop()).toBe(name);
      else stack.push(name!);
    }
    expect(stack).toEqual([]);
  });

  it('writes junit.xml at the end of a run', async () => {
    const file = join(tempRunDir(), 'junit.xml');
    const reporter = junitReporter({ outputFile: file, name: 'plugfest e2' });
    const results = sampleResults();
    reporter.onBegin!({ type: 'run-begin', version: resultsVersion, runId: 'r', startedAt: t0, total: 13 });
    await reporter.onEnd!({ type: 'run-end', endedAt: t0 + 10_000, interrupted: false }, results);
    const written = readFileSync(file, 'utf8');
    expect(
      written.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="plugfest e2" tests="13"'),
    ).toBe(true);
    expect(parseJunit(written).suites).toHaveLength(3);
  });
});
