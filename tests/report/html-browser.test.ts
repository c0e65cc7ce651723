/**
 * The HTML report in a real browser: Debian's chromium driven by playwright-core (which never
 * downloads a browser). Skipped only when /usr/bin/chromium is absent.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderHtml, renderJunit } from '../../src/report/index.js';
import { repoRoot, tempRunDir } from '../support/topologies.js';
import { hostileMessage, sampleResults, sampleTraces } from './sample-results.js';

// Globals of the page, for the callbacks that run in it (the project's tsconfig has no DOM lib).
declare const window: { scrollTo(x: number, y: number): void; __xss?: number };
declare function getComputedStyle(element: unknown): { backgroundColor: string };
interface XmlDocument {
  getElementsByTagName(name: string): { length: number };
  querySelector(selector: string): { getAttribute(name: string): string | null } | null;
}
declare const DOMParser: new () => { parseFromString(text: string, type: string): XmlDocument };

const executablePath = '/usr/bin/chromium';
const hasChromium = existsSync(executablePath);
const args = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

function writeReport(): string {
  const results = sampleResults();
  const traces = sampleTraces(results);
  const file = join(tempRunDir(), 'report.html');
  writeFileSync(file, renderHtml(results, { runId: 'run-1' }, { readTrace: (r) => traces.get(r.key) ?? [] }));
  return pathToFileURL(file).href;
}

const cell = (page: Page, iface: string, label: string) =>
  page.locator(`section[data-interface="${iface}"] td.cell[data-cell="${label}"]`);

async function cellState(page: Page, iface: string, label: string) {
  const td = cell(page, iface, label);
  return {
    worst: await td.getAttribute('data-worst'),
    background: await td.evaluate((el) => getComputedStyle(el).backgroundColor),
    counts: await td
      .locator('.count')
      .evaluateAll((spans) => spans.map((s) => [s.getAttribute('data-verdict'), s.textContent])),
  };
}

// Needs Debian's chromium (apt-get install chromium): playwright-core drives it, never downloads one.
describe.skipIf(!hasChromium)(`html report in chromium (${executablePath})`, () => {
  let browser: Browser;
  const url = writeReport();

  beforeAll(async () => {
    browser = await chromium.launch({ executablePath, args });
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function open(hash = ''): Promise<{ page: Page; requests: string[]; errors: string[] }> {
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    const requests: string[] = [];
    const errors: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(url + hash);
    await page.locator('body[data-ready="true"]').waitFor({ state: 'attached' });
    return { page, requests, errors };
  }

  it('colours each matrix cell by its worst verdict and counts its verdicts', async () => {
    const { page, requests, errors } = await open();
    expect(await cellState(page, 'e2', 'cellwright × stillwater')).toEqual({
      worst: 'fail',
      background: 'rgb(255, 235, 233)',
      counts: [
        ['fail', '✗ 1'],
        ['pass', '✓ 1'],
      ],
    });
    expect(await cellState(page, 'e2', 'cellwright × sagebrush')).toMatchObject({
      worst: 'non-strict',
      background: 'rgb(255, 248, 197)',
    });
    expect(await cellState(page, 'e2', 'baseloom × stillwater')).toMatchObject({
      worst: 'known-failing',
      background: 'rgb(221, 244, 255)',
    });
    expect(await cellState(page, 'e2', 'baseloom × sagebrush')).toMatchObject({
      worst: 'unsupported',
      counts: [
        ['unsupported', '∅ 1'],
        ['pass', '✓ 1'],
      ],
    });
    expect(await cellState(page, 'ofh-m', 'korimo × baseloom')).toMatchObject({
      worst: 'error',
      background: 'rgb(255, 241, 229)',
    });
    expect(await cellState(page, 'ofh-m', 'quibble × cellwright')).toMatchObject({ worst: 'incompatible' });
    expect(await cellState(page, 'a1', 'sagebrush × harness')).toMatchObject({
      worst: 'pass',
      background: 'rgb(218, 251, 225)',
    });
    // quibble x baseloom never ran: an empty cell.
    expect(await cell(page, 'ofh-m', 'quibble × baseloom').getAttribute('class')).toBe('cell empty');
    // Rows are role a (O-DU on E2), columns role b (near-RT RIC).
    expect(await page.locator('section[data-interface="e2"] tbody th').allTextContents()).toEqual([
      'baseloom',
      'cellwright',
    ]);
    expect(await page.locator('section[data-interface="e2"] thead th').allTextContents()).toEqual([
      'o-du \\ near-rt-ric',
      'sagebrush',
      'stillwater',
    ]);
    expect(requests.every((r) => r.startsWith('file://'))).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('opens a failing cell: its cases, the failing one’s ladder, and a frame’s decoded fields', async () => {
    const { page, errors } = await open();
    await cell(page, 'e2', 'cellwright × stillwater').click();
    expect(
      await page.locator('#list li').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-key'))),
    ).toEqual([
      'E2-SETUP-001@o-du=cellwright,near-rt-ric=stillwater',
      'E2-SUB-002@o-du=cellwright,near-rt-ric=stillwater',
    ]);
    expect(await page.locator('#list li.selected').getAttribute('data-key')).toBe(
      'E2-SETUP-001@o-du=cellwright,near-rt-ric=stillwater',
    );
    const detail = page.locator('#detail .detail');
    expect(await detail.locator('.diagnostic .message').textContent()).toBe('E2 Setup Response missing');
    expect(await detail.locator('.diagnostic dd').allTextContents()).toContain('ran-function-id-invalid');

    // The ladder: a lifeline per instance, an arrow per frame, failing frames marked.
    const ladder = detail.locator('svg.ladder');
    expect(await ladder.locator('.lane-name').allTextContents()).toEqual(['du-1', 'ric-1']);
    const frames = ladder.locator('g.frame');
    expect(await frames.locator('> text').allTextContents()).toEqual([
      'E2SetupRequest',
      'E2SetupFailure',
      'undecodable frame: frame-undecodable',
      'E2SetupRequest [fault: drop]',
    ]);
    expect(await frames.evaluateAll((gs) => gs.map((g) => g.classList.contains('failing')))).toEqual([
      false,
      false,
      true,
      true,
    ]);
    expect(await ladder.locator('.connection text').allTextContents()).toEqual([
      'connection open',
      'connection close 1000 case over (by client)',
    ]);
    expect(await page.locator('#inspector').textContent()).toContain('Click an arrow');

    await ladder.locator('g.frame[data-type="oran.e2.v1.E2SetupFailure"]').click();
    const inspector = page.locator('#inspector');
    expect(await inspector.locator('h4').textContent()).toBe('E2SetupFailure');
    expect(await inspector.locator('dd').allTextContents()).toEqual(
      expect.arrayContaining([
        'oran.e2.v1.E2SetupFailure',
        'server-to-client',
        'ric-1 → du-1',
        '64 bytes',
        'unsuccessful',
      ]),
    );
    expect(await inspector.locator('.fields .key').allTextContents()).toEqual([
      'cause',
      'ricService',
      'timeToWait',
    ]);
    expect(await inspector.locator('.fields .str').allTextContents()).toEqual([
      '"ran-function-id-invalid"',
      '"v10s"',
    ]);
    expect(await ladder.locator('g.frame.selected').getAttribute('data-type')).toBe(
      'oran.e2.v1.E2SetupFailure',
    );
    expect(decodeURIComponent(new URL(page.url()).hash.slice(1))).toBe(
      'E2-SETUP-001@o-du=cellwright,near-rt-ric=stillwater',
    );

    // The picture in the README, retaken on request so a test run leaves the checkout as it was.
    if (process.env.PLUGFEST_UPDATE_SCREENSHOT === '1') {
      mkdirSync(join(repoRoot, 'docs'), { recursive: true });
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: join(repoRoot, 'docs/report.png'), fullPage: true });
    }

    // The undecodable frame shows its decode error and raw bytes.
    await ladder.locator('g.frame.failing').first().click();
    expect(await inspector.locator('dd').allTextContents()).toContain(
      'frame-undecodable: envelope: invalid wire type 7 at offset 3',
    );
    expect(await inspector.locator('pre').textContent()).toBe('CAESBAgBEAEaBw==');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('filters by verdict, suite and vendor: the matrix keeps only what matches', async () => {
    const { page, errors } = await open();
    const nonEmptyCells = () =>
      page
        .locator('td.cell:not(.empty)')
        .evaluateAll((tds) =>
          tds.map(
            (td) =>
              `${td.closest('section')!.getAttribute('data-interface')} ${td.getAttribute('data-cell')}`,
          ),
        );
    await page.locator('#verdict-filter button[data-verdict="fail"]').click();
    expect(
      await page.locator('#verdict-filter button[data-verdict="fail"]').getAttribute('aria-pressed'),
    ).toBe('true');
    expect(await nonEmptyCells()).toEqual(['e2 cellwright × stillwater', 'a1 stillwater × harness']);
    expect(await cellState(page, 'e2', 'cellwright × stillwater')).toMatchObject({
      counts: [['fail', '✗ 1']],
    });
    expect(
      await page
        .locator('section[data-interface]')
        .evaluateAll((s) => s.map((e) => e.getAttribute('data-interface'))),
    ).toEqual(['e2', 'a1']);
    expect(
      await page.locator('#list li').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-verdict'))),
    ).toEqual(['fail', 'fail']);

    // A second verdict widens the filter.
    await page.locator('#verdict-filter button[data-verdict="error"]').click();
    expect(await nonEmptyCells()).toContain('ofh-m korimo × baseloom');

    await page.locator('#filters .clear').click();
    await page.locator('#filter-suite').selectOption('fronthaul');
    expect(await nonEmptyCells()).toEqual([
      'ofh-m korimo × baseloom',
      'ofh-m korimo × cellwright',
      'ofh-m quibble × cellwright',
    ]);

    await page.locator('#filters .clear').click();
    await page.locator('#filter-vendor').selectOption('stillwater');
    expect(await nonEmptyCells()).toEqual([
      'e2 baseloom × stillwater',
      'e2 cellwright × stillwater',
      'a1 stillwater × harness',
    ]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows hostile text as text, and opens a result from its link', async () => {
    const { page, errors } = await open(`#${encodeURIComponent('A1-POL-001@near-rt-ric=stillwater')}`);
    expect(await page.locator('#detail .diagnostic .message').textContent()).toBe(hostileMessage);
    expect(await page.evaluate(() => window.__xss)).toBeUndefined();
    expect(await page.locator('#detail').textContent()).toContain('No trace was kept for this result.');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('writes junit.xml that a real XML parser reads', async () => {
    const page = await browser.newPage();
    const parsed = await page.evaluate((xml) => {
      const document = new DOMParser().parseFromString(xml, 'application/xml');
      return {
        errors: document.getElementsByTagName('parsererror').length,
        testcases: document.getElementsByTagName('testcase').length,
        message: document.querySelector('testsuite[name="a1"] failure')?.getAttribute('message'),
      };
    }, renderJunit(sampleResults()));
    expect(parsed).toEqual({ errors: 0, testcases: 13, message: hostileMessage.replace('\u0007', '') });
    await page.close();
  });
});
