import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { memoryIo } from '../io.js';
import { main } from '../main.js';
import { reportCommand, loadLibraries } from './report.js';
import { ENGLISH_METRIC_LABELS, ENGLISH_TEXTS, csv, t } from '../../reports/index.js';
import { CLASSES_RUN_FILE, COMPARE_FILE, COMPARE_LIVE_FILE, COMPARE_LIVE_K6_FILE, RUN_FILE, SWEEP_FILE, olderCompareLiveDoc } from '../../reports/test-helpers/fixtures.js';

const STUB = { vega: '/* vega */', vegaLite: '/* vega-lite */', vegaEmbed: '/* vega-embed */' };
const stub = () => STUB;
const files = () => ({
  'day.json': readFileSync(RUN_FILE, 'utf8'),
  'cmp.json': readFileSync(COMPARE_FILE, 'utf8'),
  'sweep.json': readFileSync(SWEEP_FILE, 'utf8'),
  'classes.json': readFileSync(CLASSES_RUN_FILE, 'utf8'),
  'replay.json': readFileSync(COMPARE_LIVE_FILE, 'utf8'),
  'k6-compare.json': readFileSync(COMPARE_LIVE_K6_FILE, 'utf8'),
});
const chartIds = (html: string) => [...html.matchAll(/<div class="chart" id="([^"]+)"/g)].map((m) => m[1]);
/** The page without the inlined scripts: what a reader sees. */
const visible = (html: string) => html.replace(/<script[\s\S]*?<\/script>/g, '');
/** Every word a reader can meet: the text outside tags, chart specs (titles, axes) included, no library code. */
const words = (html: string) => html.replace(/<(script|style)>[\s\S]*?<\/(script|style)>/g, '').replace(/<[^>]+>/g, ' ');

describe('chatsim report: HTML', () => {
  it('writes one self-contained page for a run: KPI table against the targets, every chart, no URL loaded', async () => {
    const io = memoryIo(files());
    expect(await reportCommand({ files: ['day.json'], out: 'out/report.html' }, io, stub)).toBe(0);
    const html = io.files.get('out/report.html')!;
    expect(html).toContain('<meta name="generator" content="chatsim report">');
    expect(chartIds(html)).toEqual(['day-frt-histogram', 'day-frt-cdf', 'day-service-buckets', 'day-by-interval', 'day-agent-occupancy']);
    expect(html).not.toMatch(/<script[^>]+src=/i);
    expect(html).not.toMatch(/<link/i);
    expect(html).not.toMatch(/(src|href)\s*=\s*["']?https?:/i);
    for (const lib of Object.values(STUB)) expect(html).toContain(`<script>${lib}</script>`);
    // the webshop golden run meets 4 of 4 targets
    expect(html).toContain('4 / 4 targets met');
    expect(html.match(/class="badge pass"/g)!.length).toBe(4);
    expect(html).toContain('<tr class="pass"><td>Service level</td><td><span class="num">66.2 %</span></td><td><span class="num">[63.8 %, 68.6 %]</span></td><td>≥ 65.0 %</td>');
    expect(visible(html)).toContain('Agent ranking');
    expect(io.out).toBe('wrote out/report.html\n');
  });

  it('shows a missed target as a failure', async () => {
    const doc = JSON.parse(files()['day.json']);
    doc.targets[0].pass = false;
    const io = memoryIo({ 'day.json': JSON.stringify(doc) });
    expect(await reportCommand({ files: ['day.json'], out: 'r.html' }, io, stub)).toBe(0);
    const html = io.files.get('r.html')!;
    expect(html).toContain('3 / 4 targets met');
    expect(html).toContain('<tr class="fail"><td>Service level</td>');
    expect(html).toContain('class="badge fail">✗ fail</span>');
  });

  it('is byte-identical for the same inputs', async () => {
    const a = memoryIo(files());
    const b = memoryIo(files());
    await reportCommand({ files: ['day.json', 'cmp.json'], out: 'r.html' }, a, stub);
    await reportCommand({ files: ['day.json', 'cmp.json'], out: 'r.html' }, b, stub);
    expect(a.files.get('r.html')).toBe(b.files.get('r.html'));
  });

  it('puts several runs side by side first, then each input in order; compare and sweep get their charts', async () => {
    const io = memoryIo({ ...files(), 'b/day.json': files()['day.json'] });
    expect(await reportCommand({ files: ['day.json', 'b/day.json', 'cmp.json', 'sweep.json'], out: 'r.html' }, io, stub)).toBe(0);
    const ids = chartIds(io.files.get('r.html')!);
    expect(ids[0]).toBe('runs-run-comparison');
    expect(ids).toContain('day-2-frt-histogram');
    expect(ids.slice(-2)).toEqual(['cmp-policy-comparison', 'sweep-sweep']);
    expect(new Set(ids).size).toBe(ids.length);
    // the sweep's points as a table: a row per point, parameters first
    const html = io.files.get('r.html')!;
    const sweep = html.slice(html.indexOf('<section id="sweep">'));
    expect(sweep).toContain('<th>agents.novices.count</th><th>agents.novices.maxConcurrent</th><th>Service level</th>');
    expect(sweep.match(/<tr><td>\d<\/td><td>\d<\/td>/g)!.length).toBe(8);
  });

  it('a run with priority classes gets the class table and chart; a run without, neither', async () => {
    const io = memoryIo(files());
    expect(await reportCommand({ files: ['classes.json', 'day.json'], out: 'r.html' }, io, stub)).toBe(0);
    const html = io.files.get('r.html')!;
    const ids = chartIds(html);
    expect(ids.filter((id) => id.endsWith('-by-class'))).toEqual(['classes-by-class']);
    const section = (id: string) => html.slice(html.indexOf(`<section id="${id}">`), html.indexOf('</section>', html.indexOf(`<section id="${id}">`)));
    expect(section('classes')).toContain('<h3>By priority class</h3>');
    expect(section('classes')).toContain('<tr><td>vip</td>');
    expect(section('day')).not.toContain('By priority class');
  });

  it('--lang zh uses the Chinese terms and no English metric title or heading', async () => {
    const io = memoryIo(files());
    expect(await reportCommand({ files: ['day.json', 'day.json', 'cmp.json', 'sweep.json', 'classes.json', 'replay.json', 'k6-compare.json'], out: 'zh.html', lang: 'zh' }, io, stub)).toBe(0);
    const html = io.files.get('zh.html')!;
    for (const term of ['首次响应时间', '排队时间', '放弃率', '服务水平', '占用率', '分时段', '达标', '按优先级类别', '预测与实测对比', '预测与实测分布叠加']) expect(html).toContain(term);
    expect(html).toContain('<html lang="zh-CN">');
    const text = words(html);
    expect(text).toContain('"title":"首次响应时间：已接待会话的分布"'); // the chart specs are in the checked text
    for (const label of ENGLISH_METRIC_LABELS) expect(text, label).not.toContain(label);
    for (const english of ENGLISH_TEXTS.filter((x) => /[A-Za-z]{4}/.test(x) && x !== 'chatsim report')) expect(text, english).not.toContain(english);
    expect(html).toContain(t('reportTitle', 'zh'));
  });

  it('inlines the real vega, vega-lite and vega-embed builds', async () => {
    const libs = loadLibraries();
    expect(libs.vega.length).toBeGreaterThan(100_000);
    expect(libs.vegaLite).toContain('vegaLite');
    expect(libs.vegaEmbed).toContain('vegaEmbed');
    const io = memoryIo(files());
    expect(await reportCommand({ files: ['day.json'], out: 'r.html', lang: 'zh' }, io)).toBe(0);
    const html = io.files.get('r.html')!;
    expect(html.length).toBeLessThan(1_500_000);
    for (const label of ENGLISH_METRIC_LABELS) expect(html, label).not.toContain(label);
  });
});

describe('chatsim report: predicted vs measured (compare-live)', () => {
  const section = (html: string, id: string) => html.slice(html.indexOf(`<section id="${id}">`), html.indexOf('</section>', html.indexOf(`<section id="${id}">`)));

  it('a replay: the table with deltas and verdicts, the FRT distributions overlaid, the per-interval lines and table', async () => {
    const io = memoryIo(files());
    expect(await main(['report', 'replay.json', '--out', 'live.html'], io), io.err).toBe(0);
    const html = io.files.get('live.html')!;
    expect(chartIds(html)).toEqual(['replay-frt-overlay', 'replay-frt-cdf-overlay', 'replay-by-interval-live']);
    const s = visible(section(html, 'replay'));
    expect(s).toContain('<h2>Predicted vs measured: replay-hour</h2>');
    expect(s).toContain('<p class="summary pass">every tolerance met</p>');
    expect(s).toContain('<tr class="pass"><td>First response time p90</td><td><span class="num">67.0 s</span></td><td><span class="num">66.6 s</span></td><td><span class="num">-0.4 s</span></td><td><span class="num">-0.6 %</span></td><td>10%</td>');
    expect(s).toContain('<dt>Lost messages</dt><dd>0</dd>');
    expect(s).toContain('<h3>By interval: predicted / measured</h3>');
    expect(s.match(/<tr><td>09:[03]0<\/td>/g)).toEqual(['<tr><td>09:00</td>', '<tr><td>09:30</td>']);
    expect(s).toContain('<tr><td>09:00</td><td><span class="num">154 / 154</span></td>');
    expect(s).not.toContain('has no per-interval data');
    expect(s).not.toContain('backend&#39;s clock');
  });

  it('says plainly when the measured intervals are not on the trace\'s clock', async () => {
    const doc = JSON.parse(files()['replay.json']);
    doc.sides.measured.clockOffsetSec = null;
    const io = memoryIo({ 'a.json': JSON.stringify(doc) });
    expect(await reportCommand({ files: ['a.json'], out: 'a.html' }, io, stub)).toBe(0);
    expect(io.files.get('a.html')).toContain('Measured intervals are on the backend&#39;s clock, which counts from the server&#39;s start');
    doc.sides.measured.clockOffsetSec = 121;
    io.files.set('a.json', JSON.stringify(doc));
    expect(await reportCommand({ files: ['a.json'], out: 'a.html' }, io, stub)).toBe(0);
    expect(io.files.get('a.html')).toContain('each straddles two predicted intervals by 121 s.');
  });

  it('a k6 summary: shows what there is and says what is missing', async () => {
    const io = memoryIo(files());
    expect(await reportCommand({ files: ['k6-compare.json'], out: 'k6.html' }, io, stub)).toBe(0);
    const html = io.files.get('k6.html')!;
    expect(chartIds(html)).toEqual(['k6-compare-frt-overlay', 'k6-compare-frt-cdf-overlay', 'k6-compare-by-interval-live']);
    const s = visible(section(html, 'k6-compare'));
    expect(s).toContain('The measured side (k6) has no full first-response-time distribution');
    expect(s).toContain('The measured side (k6) has no per-interval data');
    expect(s).not.toContain('The predicted side');
    expect(s).toContain('<p class="summary fail">outside the tolerance: ');
  });

  it('an older compare-live document (no sides): the table and a note, no charts; a malformed one is refused', async () => {
    const io = memoryIo({ 'old.json': JSON.stringify(olderCompareLiveDoc()) });
    expect(await reportCommand({ files: ['old.json'], out: 'old.html' }, io, stub)).toBe(0);
    const html = io.files.get('old.html')!;
    expect(chartIds(html)).toEqual([]);
    expect(html).toContain('<td>First response time p90</td>');
    expect(html).toContain('This document was written before compare-live kept each side');
    const bad = { ...JSON.parse(files()['replay.json']), sides: { predicted: { frt: 3 } } };
    const io2 = memoryIo({ 'bad.json': JSON.stringify(bad) });
    expect(await main(['report', 'bad.json', '--out', 'r.html'], io2)).toBe(2);
    expect(io2.err).toBe('chatsim report: bad.json: "sides" must be an object with a predicted and a measured side in a compare-live result\n');
  });

  it('--format svg writes the compare-live charts too', async () => {
    const io = memoryIo(files());
    expect(await reportCommand({ files: ['replay.json'], out: 'charts', format: 'svg' }, io)).toBe(0);
    for (const id of ['frt-overlay', 'frt-cdf-overlay', 'by-interval-live']) expect(io.files.get(`charts/replay-${id}.svg`)!).toMatch(/role-mark/);
  });
});

describe('chatsim report: bad input', () => {
  const run = async (argv: string[], extra: Record<string, string> = {}) => {
    const io = memoryIo({ ...files(), ...extra });
    const code = await main(['report', ...argv], io);
    return { code, err: io.err, io };
  };
  it.each([
    [['nope.json', '--out', 'r.html'], {}, 'chatsim report: cannot read nope.json: no such file\n'],
    [['bad.json', '--out', 'r.html'], { 'bad.json': '{\n  "tool": "chatsim",\n  "kind": run\n}' }, 'chatsim report: bad.json:3:11 is not JSON (unexpected "r")\n'],
    [['bad.json', '--out', 'r.html'], { 'bad.json': '{"tool": "chatsim"' }, 'chatsim report: bad.json:1:19 is not JSON (unexpected end of the file)\n'],
    [['x.json', '--out', 'r.html'], { 'x.json': '{"name": "not ours"}' }, 'chatsim report: x.json: not a chatsim result (expected a JSON object with "tool": "chatsim", written by chatsim run, compare, sweep, backtest, replay or compare-live --json)\n'],
    [['x.json', '--out', 'r.html'], { 'x.json': '{"tool": "chatsim", "kind": "check"}' }, 'chatsim report: x.json: a chatsim "check" result has no report; give the --json of chatsim run, compare, sweep, backtest, replay or compare-live\n'],
    [['x.json', '--out', 'r.html'], { 'x.json': '{"tool": "chatsim", "kind": "run", "scenario": {}, "metrics": {}}' }, 'chatsim report: x.json: "intervals" must be an array in a run result\n'],
    [['x.json', '--out', 'r.html'], { 'x.json': '{"tool": "chatsim", "kind": "run", "scenario": {}, "metrics": {}, "intervals": [], "agents": [], "groups": {}, "slTimeSec": 20, "classes": [1]}' }, 'chatsim report: x.json: "classes" must be an object of per-class metrics in a run result\n'],
    [['day.json', '--out', 'r.html', '--lang', 'fr'], {}, 'chatsim report: --lang must be one of en, zh (got "fr")\n'],
    [['day.json', '--out', 'r.html', '--format', 'pdf'], {}, 'chatsim report: --format must be one of html, svg, png (got "pdf")\n'],
  ])('%j → exit 2 with one located line', async (argv, extra, message) => {
    const { code, err, io } = await run(argv, extra);
    expect(code).toBe(2);
    expect(err).toBe(message);
    expect(io.files.has('r.html')).toBe(false);
  });

  it('never overwrites a file that is not a chatsim report without --force; replaces an earlier report', async () => {
    const io = memoryIo({ ...files(), 'notes.html': '<p>my notes</p>' });
    expect(await reportCommand({ files: ['day.json'], out: 'notes.html' }, io, stub)).toBe(2);
    expect(io.err).toBe('chatsim report: notes.html exists and is not a chatsim report file; not overwriting it (use --force to replace it)\n');
    expect(io.files.get('notes.html')).toBe('<p>my notes</p>');
    expect(await reportCommand({ files: ['day.json'], out: 'notes.html', force: true }, io, stub)).toBe(0);
    expect(io.files.get('notes.html')).toContain('chatsim report');
    expect(await reportCommand({ files: ['day.json'], out: 'notes.html', lang: 'zh' }, io, stub)).toBe(0);
    expect(io.files.get('notes.html')).toContain('zh-CN');
  });

  it('checks every output before writing any', async () => {
    const io = memoryIo({ ...files(), 'day-agents.csv': 'my,own\r\n' });
    expect(await reportCommand({ files: ['day.json'], out: 'r.html', csv: true }, io, stub)).toBe(2);
    expect(io.err).toContain('day-agents.csv exists and is not a chatsim report file');
    expect(io.files.has('r.html')).toBe(false);
    expect(io.files.has('day-intervals.csv')).toBe(false);
  });
});

describe('chatsim report: SVG, PNG and CSV files', () => {
  it('--format svg writes each chart to <out>/<input>-<chart>.svg', async () => {
    const io = memoryIo(files());
    expect(await reportCommand({ files: ['day.json', 'cmp.json'], out: 'charts', format: 'svg' }, io)).toBe(0);
    const svgs = [...io.files.keys()].filter((k) => k.endsWith('.svg')).sort();
    expect(svgs).toEqual([
      'charts/cmp-policy-comparison.svg', 'charts/day-agent-occupancy.svg', 'charts/day-by-interval.svg',
      'charts/day-frt-cdf.svg', 'charts/day-frt-histogram.svg', 'charts/day-service-buckets.svg',
    ]);
    for (const f of svgs) {
      const svg = io.files.get(f)!;
      expect(svg.startsWith('<!-- chatsim report -->\n<svg')).toBe(true);
      expect(svg).toMatch(/class="mark-(rect|line|symbol|area)[^"]*role-mark/);
    }
    // a second run replaces its own files without --force
    expect(await reportCommand({ files: ['day.json', 'cmp.json'], out: 'charts', format: 'svg' }, io)).toBe(0);
  });

  it('--format png writes PNGs (marked as ours in a text chunk)', async () => {
    const io = memoryIo(files());
    expect(await reportCommand({ files: ['cmp.json'], out: 'png', format: 'png' }, io)).toBe(0);
    const png = Buffer.from(io.files.get('png/cmp-policy-comparison.png')!, 'latin1');
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.toString('latin1')).toContain('tEXtSoftware\0chatsim report');
    expect(png.readUInt32BE(16)).toBeGreaterThan(600); // width: 2× the chart
    expect(await reportCommand({ files: ['cmp.json'], out: 'png', format: 'png' }, io)).toBe(0);
  });

  it('--csv writes the per-interval and per-agent tables beside the report (RFC 4180)', async () => {
    const io = memoryIo(files());
    expect(await reportCommand({ files: ['day.json'], out: 'out/r.html', csv: true }, io, stub)).toBe(0);
    const intervals = io.files.get('out/day-intervals.csv')!;
    const lines = intervals.split('\r\n');
    expect(lines[0].startsWith('index,start,startSec,arrivals,arrivalsPerDay,offered')).toBe(true);
    expect(lines).toHaveLength(48 + 2); // header, 48 half-hours, the final empty string after CRLF
    expect(lines[17].startsWith('16,08:00,28800,')).toBe(true);
    const agents = io.files.get('out/day-agents.csv')!.split('\r\n');
    const doc = JSON.parse(files()['day.json']);
    const hours = Array.from({ length: 24 }, (_, h) => `occupancyH${String(h).padStart(2, '0')}`);
    expect(agents[0]).toBe([...Object.keys(doc.agents[0]), ...hours].join(','));
    expect(agents[0].startsWith('id,group,served,firstReplies,frtMean,')).toBe(true);
    expect(agents.length).toBe(doc.agents.length + 2);
    const first = agents[1].split(',');
    expect(first[0]).toBe(doc.agents[0].id);
    expect(Number(first[first.length - 24 + 12])).toBeCloseTo(doc.distributions.agentHours.agents[0].occupancy[12], 12);
  });

  it('quotes fields with commas, quotes and line breaks; leaves missing values empty', () => {
    expect(csv([['a', 'b,c', 'say "hi"', 'x\ny'], [1.5, null, NaN, undefined]])).toBe('a,"b,c","say ""hi""","x\ny"\r\n1.5,,,\r\n');
  });
});
