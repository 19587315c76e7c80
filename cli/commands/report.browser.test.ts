// The report in a real browser: Debian's chromium (installed by scripts/ensure-chromium.mjs when
// missing), driven headless by playwright-core. Every chart must render with marks, with no
// console error, no page error and no request other than the file itself. Screenshots go to
// test-output/ (git-ignored).

import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { useChromium } from '../../scripts/launch-chromium.js';
import { memoryIo, nodeIo } from '../io.js';
import { main } from '../main.js';
import { CLASSES_RUN_FILE, COMPARE_FILE, COMPARE_LIVE_FILE, COMPARE_LIVE_K6_FILE, RUN_FILE, SWEEP_FILE } from '../../reports/test-helpers/fixtures.js';


/** What the page exposes once every chart has rendered (see reports/html.ts). */
type Page = { __chatsimRendered?: Promise<Array<{ id: string; marks: number; error?: string }>> };

const chrome = useChromium('browser');
const outDir = chrome.outDir;

/** Writes a report of the fixtures with the real CLI and libraries; returns its path. */
async function writeReport(name: string, lang: 'en' | 'zh'): Promise<string> {
  const io = memoryIo({
    'day.json': readFileSync(RUN_FILE, 'utf8'),
    'compare.json': readFileSync(COMPARE_FILE, 'utf8'),
    'sweep.json': readFileSync(SWEEP_FILE, 'utf8'),
    'classes.json': readFileSync(CLASSES_RUN_FILE, 'utf8'),
    'replay.json': readFileSync(COMPARE_LIVE_FILE, 'utf8'),
    'k6.json': readFileSync(COMPARE_LIVE_K6_FILE, 'utf8'),
  });
  const code = await main(['report', 'day.json', 'day.json', 'compare.json', 'sweep.json', 'classes.json', 'replay.json', 'k6.json', '--out', 'r.html', '--lang', lang], io);
  expect(code, io.err).toBe(0);
  const path = `${outDir}/${name}`;
  nodeIo().writeFile(path, io.files.get('r.html')!);
  return path;
}

describe('the HTML report in Chromium', () => {
  for (const lang of ['en', 'zh'] as const) {
    it(`renders every chart with marks, no console error, no network (${lang})`, async () => {
      const file = await writeReport(`report-${lang}.html`, lang);
      const page = await chrome.browser().newPage({ viewport: { width: 1100, height: 900 } });
      const problems: string[] = [];
      const requests: string[] = [];
      page.on('console', (msg) => { if (msg.type() === 'error' || msg.type() === 'warning') problems.push(`console ${msg.type()}: ${msg.text()}`); });
      page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
      await page.route('**/*', (route) => {
        const url = route.request().url();
        if (url.startsWith('file:')) return route.continue();
        requests.push(url);
        return route.abort();
      });
      await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
      await page.waitForFunction(() => (globalThis as unknown as Page).__chatsimRendered !== undefined, undefined, { timeout: 10_000 });
      const charts = await page.evaluate(() => (globalThis as unknown as Page).__chatsimRendered!);
      const containers = await page.$$eval('div.chart', (els: Array<{ id: string; querySelectorAll(s: string): { length: number } }>) => els.map((el) => ({ id: el.id, svgs: el.querySelectorAll('svg').length, marks: el.querySelectorAll('svg .role-mark > *').length })));

      expect(problems).toEqual([]);
      expect(requests).toEqual([]);
      expect(charts.map((c) => c.id)).toEqual(containers.map((c) => c.id));
      expect(charts.length).toBe(25); // runs side by side 1, 2 × 5 run charts, compare 1, sweep 1, the run with classes 6, 2 × 3 compare-live charts
      // predicted vs measured: both histograms overlaid (a rect per bin and side), both CDFs and the six quantile points,
      // a line per side in each of the six per-interval panels; the k6 comparison has the predicted side's only, and the measured quantiles
      const marks = (id: string) => charts.find((c) => c.id === id)!.marks;
      expect(marks('replay-frt-overlay')).toBeGreaterThanOrEqual(2 * 12);
      expect(marks('k6-frt-overlay')).toBeGreaterThanOrEqual(12);
      expect(marks('k6-frt-overlay')).toBeLessThan(marks('replay-frt-overlay'));
      expect(marks('replay-frt-cdf-overlay')).toBeGreaterThanOrEqual(2 + 6);
      expect(marks('k6-frt-cdf-overlay')).toBeGreaterThanOrEqual(1 + 6);
      expect(marks('replay-by-interval-live')).toBeGreaterThanOrEqual(6 * 2);
      const liveRows = await page.$$eval('section#replay table:last-of-type tbody tr td:first-child', (tds: Array<{ textContent: string | null }>) => tds.map((td) => td.textContent));
      expect(liveRows).toEqual(['09:00', '09:30']);
      // the run with priority classes: its class chart (a bar per class in each of 6 panels) and table
      expect(charts.find((c) => c.id === 'classes-by-class')!.marks).toBeGreaterThanOrEqual(12);
      const classRows = await page.$$eval('section#classes table tr td:first-child', (tds: Array<{ textContent: string | null }>) => tds.map((td) => td.textContent));
      expect(classRows).toEqual(expect.arrayContaining(['vip', 'standard']));
      const heading = await page.$eval('section#classes', (el: { textContent: string | null }) => el.textContent ?? '');
      expect(heading).toContain(lang === 'en' ? 'By priority class' : '按优先级类别');
      for (const c of charts) {
        expect(c.error, c.id).toBeUndefined();
        expect(c.marks, c.id).toBeGreaterThan(0);
      }
      for (const c of containers) {
        expect(c.svgs, c.id).toBe(1);
        expect(c.marks, c.id).toBeGreaterThan(0);
      }
      await page.screenshot({ path: `${outDir}/report-${lang}.png`, fullPage: true });
      await page.close();
    }, 60_000);
  }
});
