/**
 * The timeline of a fault case in the HTML report, in a real browser (Debian's chromium driven by
 * playwright-core). Skipped only when /usr/bin/chromium is absent.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { CaseResult } from '../../src/conformance/index.js';
import { renderHtml, type TraceRecordLike } from '../../src/report/index.js';
import { tempRunDir } from '../support/topologies.js';

const executablePath = '/usr/bin/chromium';
const t0 = Date.UTC(2026, 10, 28, 12, 0, 0);

function faultResult(): CaseResult {
  return {
    key: 'FC-ORU-001@o-du=cellwright,near-rt-ric=sagebrush',
    caseId: 'FC-ORU-001',
    title: 'An O-RU killed',
    suite: 'faults',
    interface: 'e2e',
    spec: 'O-RAN.WG4.MP 3.1.3',
    expectation: 'detected, contained, recovered',
    combination: { 'o-du': 'cellwright', 'near-rt-ric': 'sagebrush' },
    verdict: 'pass',
    diagnostics: [],
    startedAt: t0,
    durationMs: 10_000,
    retry: 0,
    measurements: { detectionMs: 40, recoveryMs: 1200 },
    traceFile: 'trace.jsonl',
    marks: [
      { t: t0 + 3000, kind: 'fault-start', label: 'kill ru-1' },
      { t: t0 + 3040, kind: 'detected', label: 'the O-DU: fronthaul link down' },
      { t: t0 + 5000, kind: 'fault-end', label: 'restart ru-1' },
      { t: t0 + 6200, kind: 'recovered', label: "ru-1's CU-plane" },
    ],
  };
}

/** ru-1's CU-plane stops at the kill and comes back; ru-2's never stops; one corrupted frame. */
function trace(): TraceRecordLike[] {
  const records: TraceRecordLike[] = [];
  for (let t = t0; t < t0 + 9000; t += 50) {
    const frame = (link: string, extra = {}) => ({
      kind: 'frame' as const,
      t,
      link,
      from: 'du-1',
      to: link.slice(5, 9),
      type: 'oran.fronthaul.cuplane.v1.UPlaneMessage',
      ...extra,
    });
    if (t < t0 + 3000 || t > t0 + 6200) records.push(frame('du-1>ru-1/ofh-cu'));
    records.push(frame('du-1>ru-2/ofh-cu', t === t0 + 4000 ? { fault: 'corrupt 1B' } : {}));
  }
  records.push({
    kind: 'connection',
    t: t0 + 3010,
    link: 'du-1>ru-1/ofh-cu',
    event: 'close',
  } as TraceRecordLike);
  return records.sort((a, b) => a.t - b.t);
}

describe.skipIf(!existsSync(executablePath))(
  `the timeline of a fault case in chromium (${executablePath})`,
  () => {
    it('draws the marks over each link: the gap of the killed O-RU, the other one carrying on', async () => {
      const result = faultResult();
      const plain = {
        ...faultResult(),
        key: 'FC-ORU-001@o-du=baseloom,near-rt-ric=sagebrush',
        // Its own trace file: results on one file share it by time, one case after another.
        traceFile: 'other.jsonl',
        marks: undefined,
      };
      const file = join(tempRunDir(), 'report.html');
      writeFileSync(file, renderHtml([result, plain], { runId: 'run-1' }, { readTrace: () => trace() }));
      const browser = await chromium.launch({
        executablePath,
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
      });
      try {
        const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
        const errors: string[] = [];
        page.on('pageerror', (e) => errors.push(e.message));
        await page.goto(`${pathToFileURL(file).href}#${encodeURIComponent(result.key)}`);
        await page.locator('body[data-ready="true"]').waitFor({ state: 'attached' });
        const timeline = page.locator('#detail svg.timeline');
        await timeline.waitFor();
        expect(
          await timeline.locator('.tl-mark').evaluateAll((ls) => ls.map((l) => l.getAttribute('data-kind'))),
        ).toEqual(['fault-start', 'detected', 'fault-end', 'recovered']);
        expect(await timeline.locator('.tl-link').allTextContents()).toEqual([
          'du-1>ru-1/ofh-cu',
          'du-1>ru-2/ofh-cu',
        ]);
        expect(await timeline.locator('.tl-close').count()).toBe(1);
        expect(await timeline.locator('.tl-bar.failing').count()).toBe(1);
        // ru-1's row has a gap of about 3.2 s out of ~10 s: fewer bars than ru-2's.
        const bars = await timeline
          .locator('.tl-bar')
          .evaluateAll((rects) => rects.map((r) => r.getAttribute('y')));
        expect(bars.length).toBeGreaterThan(100);
        await page.goto(`${pathToFileURL(file).href}#${encodeURIComponent(plain.key)}`);
        await page.reload();
        await page.locator('body[data-ready="true"]').waitFor({ state: 'attached' });
        await page.locator('#detail .detail').waitFor();
        expect(await page.locator('#detail svg.timeline').count()).toBe(0);
        expect(errors).toEqual([]);
      } finally {
        await browser.close();
      }
    }, 60_000);
  },
);
