import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CaseResult } from '../../src/conformance/index.js';
import {
  caseTraces,
  embedJson,
  type HtmlReportData,
  htmlReportData,
  renderHtml,
  traceFileReader,
  vendorGrids,
  worstVerdict,
} from '../../src/report/index.js';
import { tempRunDir } from '../support/topologies.js';
import { hostileMessage, result, sampleResults, sampleTraces, t0 } from './sample-results.js';

const dataOf = (html: string) =>
  JSON.parse(
    /<script type="application\/json" id="plugfest-data">([\s\S]*?)<\/script>/.exec(html)![1]!,
  ) as HtmlReportData;

describe('html report: the matrix', () => {
  const results = sampleResults();
  const grids = vendorGrids(results);
  const keysOf = (cell: readonly number[]) => cell.map((i) => results[i]!.key);

  it('puts role a of a pairwise case on the rows and role b on the columns, per interface', () => {
    expect(grids.map((g) => [g.interface, g.rowRole, g.columnRoles, g.rows, g.columns])).toEqual([
      ['ofh-m', 'o-ru', ['o-du'], ['korimo', 'quibble'], ['baseloom', 'cellwright']],
      ['e2', 'o-du', ['near-rt-ric'], ['baseloom', 'cellwright'], ['sagebrush', 'stillwater']],
      ['a1', 'near-rt-ric', [], ['sagebrush', 'stillwater'], ['harness']],
    ]);
  });

  it('colours a cell by its worst verdict: fail, error, non-strict, known-failing, incompatible, unsupported, pass', () => {
    expect(worstVerdict(['pass', 'unsupported'])).toBe('unsupported');
    expect(worstVerdict(['known-failing', 'non-strict', 'pass'])).toBe('non-strict');
    expect(worstVerdict(['error', 'fail'])).toBe('fail');
    expect(worstVerdict([])).toBeUndefined();
  });

  it('puts every result of a vendor pair in its cell, and nothing where a pair did not run', () => {
    const e2 = grids[1]!;
    expect(keysOf(e2.cells[1]![1]!)).toEqual([
      'E2-SETUP-001@o-du=cellwright,near-rt-ric=stillwater',
      'E2-SUB-002@o-du=cellwright,near-rt-ric=stillwater',
    ]);
    expect(keysOf(grids[0]!.cells[1]![0]!)).toEqual([]); // quibble x baseloom never ran
    expect(keysOf(grids[2]!.cells[1]![0]!)).toEqual(['A1-POL-001@near-rt-ric=stillwater']);
    const all = grids.flatMap((g) => g.cells.flat(2));
    expect(all.sort((a, b) => a - b)).toEqual(results.map((_, i) => i));
  });
});

describe('html report: one self-contained page', () => {
  const results = sampleResults();
  const traces = sampleTraces(results);
  const html = renderHtml(results, { runId: 'run-1' }, { readTrace: (r) => traces.get(r.key) ?? [] });

  it('fetches nothing: inline style and script, no links, no external sources, a CSP that forbids them', () => {
    // url(#head-...) is an arrowhead marker inside the page's own SVG.
    expect(html).not.toMatch(/<link\b|\bsrc=|\bhref=|@import|url\((?!#)/i);
    // The only URL is the SVG namespace, which is a name, not a fetch.
    expect(html.match(/https?:\/\/[^\s'"]+/g)).toEqual(['http://www.w3.org/2000/svg']);
    expect(html).toContain(
      `content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'`,
    );
  });

  it('embeds the data as JSON that no value can break out of', () => {
    expect(embedJson({ message: '</script><!-- x' })).toBe('{"message":"\\u003c/script>\\u003c!-- x"}');
    expect(html).not.toContain('window.__xss=1</script>');
    expect(html.match(/<\/script>/g)).toHaveLength(2); // the data block's and the script's own
    const data = dataOf(html);
    expect(
      data.results.find((r) => r.caseId === 'A1-POL-001' && r.verdict === 'fail')!.diagnostics[0]!.message,
    ).toBe(hostileMessage);
    expect(data.summary).toMatchObject({ total: 13, fail: 2, pass: 6 });
    expect(data.exitCode).toBe(1);
    expect(data.run).toMatchObject({ runId: 'run-1', startedAt: t0, interrupted: false });
  });

  it('embeds each result with its trace, and no trace where none was read', () => {
    const data = dataOf(html);
    const failing = data.results.find(
      (r) => r.key === 'E2-SETUP-001@o-du=cellwright,near-rt-ric=stillwater',
    )!;
    expect(failing.trace!.records.map((r) => r.type ?? r.event)).toEqual([
      'open',
      'oran.e2.v1.E2SetupRequest',
      'oran.e2.v1.E2SetupFailure',
      undefined,
      'oran.e2.v1.E2SetupRequest',
      'close',
    ]);
    expect(data.results.filter((r) => r.trace)).toHaveLength(1);
    expect(htmlReportData(results).results.some((r) => 'trace' in r)).toBe(false);
  });
});

describe('html report: a case’s part of a shared trace file', () => {
  function sharedTrace() {
    const dir = tempRunDir();
    const traceFile = join(dir, 'trace.jsonl');
    const first = {
      ...result({
        caseId: 'E2-SETUP-001',
        title: 'setup',
        suite: 'e2',
        interface: 'e2',
        combination: { 'o-du': 'cellwright' },
        verdict: 'pass',
        traceFile,
      }),
      startedAt: t0 + 100,
      durationMs: 100,
    };
    const second: CaseResult = {
      ...first,
      key: 'E2-SUB-002@o-du=cellwright',
      caseId: 'E2-SUB-002',
      startedAt: t0 + 205,
    };
    const frame = (t: number, type: string, extra: object = {}) =>
      JSON.stringify({
        kind: 'frame',
        t,
        link: 'du-1>ric-1/e2',
        from: 'du-1',
        to: 'ric-1',
        size: 10,
        type,
        ...extra,
      });
    writeFileSync(
      traceFile,
      [
        frame(t0 + 10, 'oran.e2.v1.E2SetupRequest'), // topology start-up: before the first case
        frame(t0 + 150, 'oran.e2.v1.ResetRequest'),
        frame(t0 + 210, 'oran.e2.v1.RicSubscriptionRequest'),
        frame(t0 + 220, 'oran.e2.v1.RicIndication', { fault: 'delay' }),
        frame(t0 + 230, 'oran.e2.v1.RicIndication'),
        frame(t0 + 900, 'oran.e2.v1.RicIndication'), // after every case
        '{"kind":"frame","t":', // the torn last line of a crashed run
      ].join('\n'),
    );
    return { first, second };
  }

  it('gives a case the records from the end of the case before it on the same file to its own end', () => {
    const { first, second } = sharedTrace();
    const traces = caseTraces([second, first], traceFileReader());
    const types = (key: string) =>
      traces.get(key)!.records.map((r) => `${r.type}${r.fault ? ` (${r.fault})` : ''}`);
    expect(types(first.key)).toEqual(['oran.e2.v1.E2SetupRequest', 'oran.e2.v1.ResetRequest']);
    expect(types(second.key)).toEqual([
      'oran.e2.v1.RicSubscriptionRequest',
      'oran.e2.v1.RicIndication (delay)',
      'oran.e2.v1.RicIndication',
    ]);
  });

  it('keeps failing frames past the record limit and counts what it left out', () => {
    const { first, second } = sharedTrace();
    const trace = caseTraces([first, second], traceFileReader(), { maxRecords: 1 }).get(second.key)!;
    expect(trace.records.map((r) => r.t)).toEqual([t0 + 210, t0 + 220]);
    expect(trace.omitted).toBe(1);
  });

  it('says why a trace could not be read instead of failing the report', () => {
    const { first } = sharedTrace();
    const gone = { ...first, traceFile: join(tempRunDir(), 'missing.jsonl') };
    expect(caseTraces([gone], traceFileReader()).get(gone.key)!.note).toMatch(/^trace not read: ENOENT/);
  });
});
