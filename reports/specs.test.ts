import { describe, expect, it } from 'vitest';
import { compile } from 'vega-lite';
import { compareCharts, compareLiveCharts, liveIntervalPairs, runCharts, runsSideBySideChart, sweepCharts, LIVE_COLOURS, type ReportChart } from './charts.js';
import { LANGS } from './labels.js';
import { reportSections } from './html.js';
import { formatValue } from './format.js';
import { classesRunDoc, compareDoc, compareLiveDoc, compareLiveK6Doc, olderCompareLiveDoc, policySweepDoc, runDoc, sweepDoc } from './test-helpers/fixtures.js';

/** Compiles a spec; any Vega-Lite warning or error fails. */
function compileStrict(spec: ReportChart['spec']): string[] {
  const problems: string[] = [];
  let level = 0;
  const logger = {
    level(l?: number) { if (l !== undefined) { level = l; return logger; } return level; },
    error: (...args: unknown[]) => { problems.push(`error: ${args.join(' ')}`); return logger; },
    warn: (...args: unknown[]) => { problems.push(`warn: ${args.join(' ')}`); return logger; },
    info: () => logger,
    debug: () => logger,
  };
  const before = JSON.stringify(spec);
  compile(spec, { logger: logger as never });
  expect(JSON.stringify(spec)).toBe(before); // compiling never mutates the spec
  return problems;
}

describe('every chart spec compiles without a Vega-Lite warning', () => {
  for (const lang of LANGS) {
    const charts: ReportChart[] = [
      ...runCharts(runDoc(), lang),
      ...runCharts(classesRunDoc(), lang),
      ...compareCharts(compareDoc(), lang),
      ...sweepCharts(sweepDoc(), lang),
      ...sweepCharts(policySweepDoc(), lang),
      ...runsSideBySideChart([{ label: 'a', doc: runDoc() }, { label: 'b', doc: runDoc() }], lang),
      ...compareLiveCharts(compareLiveDoc(), lang),
      ...compareLiveCharts(compareLiveK6Doc(), lang),
    ];
    it(`builds all the expected charts (${lang})`, () => {
      expect(charts.map((c) => c.id)).toEqual([
        'frt-histogram', 'frt-cdf', 'service-buckets', 'by-interval', 'agent-occupancy',
        'by-class', 'frt-histogram', 'frt-cdf', 'service-buckets', 'by-interval', 'agent-occupancy',
        'policy-comparison', 'sweep', 'sweep', 'run-comparison',
        'frt-overlay', 'frt-cdf-overlay', 'by-interval-live',
        'frt-overlay', 'frt-cdf-overlay', 'by-interval-live',
      ]);
    });
    for (const [i, chart] of charts.entries()) {
      it(`${chart.id} #${i} (${lang})`, () => expect(compileStrict(chart.spec)).toEqual([]));
    }
  }

  it('the strict logger does catch a warning', () => {
    const bad = { data: { values: [{ a: 1 }] }, mark: 'bar', encoding: { x: { field: 'a', type: 'quantitative' }, shape: { field: 'a', type: 'nominal' } } };
    expect(compileStrict(bad as never).length).toBeGreaterThan(0);
  });
});

/** Freezes an object graph: any write to it then throws (ES modules run in strict mode). */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

describe('building a report never mutates its input', () => {
  it('runs, compares, sweeps and runs side by side from frozen documents', () => {
    const run = deepFreeze(runDoc());
    const withClasses = deepFreeze(classesRunDoc());
    for (const lang of LANGS) {
      expect(() => [
        runCharts(run, lang),
        runCharts(withClasses, lang),
        reportSections([{ file: 'c.json', doc: withClasses }], lang),
        compareCharts(deepFreeze(compareDoc()), lang),
        sweepCharts(deepFreeze(sweepDoc()), lang),
        reportSections([{ file: 'a.json', doc: run }, { file: 'b.json', doc: run }], lang),
        reportSections([{ file: 'live.json', doc: deepFreeze(compareLiveDoc()) }, { file: 'k6.json', doc: deepFreeze(compareLiveK6Doc()) }], lang),
      ]).not.toThrow();
    }
  });
});

describe('chart data', () => {
  const doc = runDoc();
  const charts = runCharts(doc, 'en');
  const spec = (id: string) => charts.find((c) => c.id === id)!.spec as unknown as Record<string, any>;

  it('the CDF rises to the histogram total and marks T', () => {
    const points = spec('frt-cdf').layer[0].data.values as Array<{ sec: number; cum: number }>;
    expect(points[0]).toEqual({ sec: 0, cum: 0 });
    for (let i = 1; i < points.length; i++) expect(points[i].cum).toBeGreaterThanOrEqual(points[i - 1].cum);
    expect(points[points.length - 1].cum).toBeGreaterThan(0.99);
    const bins = spec('frt-histogram').layer[0].data.values as Array<{ share: number }>;
    expect(bins.reduce((s, b) => s + b.share, 0)).toBeCloseTo(points[points.length - 1].cum, 9);
    expect(spec('frt-cdf').layer[1].data.values[0].sec).toBe(doc.slTimeSec);
  });

  it('the service buckets hold every offered conversation, the first one being the service level', () => {
    const rows = spec('service-buckets').data.values as Array<{ label: string; share: number }>;
    expect(rows.map((r) => r.label)).toEqual(['≤ 20 s', '20–60 s', '1–3 min', '3–10 min', '> 10 min', 'abandoned', 'unanswered']);
    expect(rows.reduce((s, r) => s + r.share, 0)).toBeCloseTo(1, 9);
    expect(rows[0].share).toBeCloseTo(doc.metrics.serviceLevel.mean!, 9);
  });

  it('leaves out an answered band that T covers (T = 90 s: no T–60 s bar)', () => {
    const rows = (runCharts({ ...doc, slTimeSec: 90 }, 'en').find((c) => c.id === 'service-buckets')!.spec as any).data.values as Array<{ label: string }>;
    expect(rows.map((r) => r.label)).toEqual(['≤ 90 s', '90 s–3 min', '3–10 min', '> 10 min', 'abandoned', 'unanswered']);
  });

  it('shades the intervals that miss the per-interval target, or else the busiest quarter', () => {
    const shaded = (d: typeof doc) => (runCharts(d, 'en').find((c) => c.id === 'by-interval')!.spec as any).vconcat[0].layer[0].data.values.length;
    const busy = doc.intervals.filter((r) => (r.arrivals ?? 0) > 0 && r.frtP90 !== null).length;
    expect(doc.targets!.find((x) => x.scope === 'interval')!.missedIntervals).toEqual([]);
    expect(shaded(doc)).toBe(Math.ceil(busy / 4)); // every interval meets its target: the busiest quarter
    const withMiss = structuredClone(doc);
    withMiss.targets!.find((x) => x.scope === 'interval')!.missedIntervals = [{ start: '20:00', value: 200 }, { start: '20:30', value: 190 }];
    expect(shaded(withMiss)).toBe(2);
    const noTargets = { ...doc, targets: undefined };
    expect(shaded(noTargets)).toBe(Math.ceil(busy / 4));
  });

  it('leaves out the distribution charts for results without distributions', () => {
    const old = { ...doc, distributions: undefined };
    expect(runCharts(old, 'en').map((c) => c.id)).toEqual(['by-interval']);
  });
});

describe('per-class results', () => {
  const doc = classesRunDoc();
  const chart = (d: typeof doc, lang: (typeof LANGS)[number] = 'en') => runCharts(d, lang).find((c) => c.id === 'by-class');

  it('a run with priority classes gets the class chart first: a panel per metric, a bar per class, means as the run wrote them', () => {
    const spec = chart(doc)!.spec as unknown as Record<string, any>;
    const rows = spec.data.values as Array<{ panel: string; series: string; mean: number }>;
    expect(runCharts(doc, 'en')[0].id).toBe('by-class');
    expect(spec.facet.sort).toEqual(['Service level (%)', 'First response time (mean) (s)', 'First response time p90 (s)', 'Queue wait (queued) (s)', 'Abandonment rate (%)', 'Connection rate (%)']);
    expect([...new Set(rows.map((r) => r.series))]).toEqual(['vip', 'standard']);
    const sl = (id: string) => rows.find((r) => r.series === id && r.panel === 'Service level (%)')!.mean;
    expect(sl('vip')).toBeCloseTo(doc.classes!.vip.serviceLevel! * 100, 9);
    expect(sl('standard')).toBeCloseTo(doc.classes!.standard.serviceLevel! * 100, 9);
    const frt = (id: string) => rows.find((r) => r.series === id && r.panel === 'First response time p90 (s)')!.mean;
    expect(frt('vip')).toBe(doc.classes!.vip.frtP90);
    expect(frt('vip')).toBeLessThan(frt('standard')); // the priority works
  });

  it('is in Chinese with --lang zh', () => {
    const c = chart(doc, 'zh')!;
    expect(c.title).toBe('优先级类别对比（各次重复的均值）');
    expect((c.spec as unknown as Record<string, any>).facet.sort[0]).toBe('服务水平（%）');
  });

  it('a run without classes has no class chart and no class table', () => {
    expect(chart(runDoc())).toBeUndefined();
    expect(reportSections([{ file: 'day.json', doc: runDoc() }], 'en')[0].before).not.toContain('By priority class');
  });

  it('the run section shows a class table: a row per class with its metrics', () => {
    const before = reportSections([{ file: 'c.json', doc }], 'en')[0].before;
    const table = before.slice(before.indexOf('<h3>By priority class</h3>'));
    expect(table).toContain('<th>Class</th><th>Offered</th><th>Service level</th><th>First response time (mean)</th>');
    expect(table.match(/<tr><td>(vip|standard)<\/td>/g)).toEqual(['<tr><td>vip</td>', '<tr><td>standard</td>']);
    expect(table).toContain(`<tr><td>vip</td><td><span class="num">${formatValue(doc.classes!.vip.offered, 'count', 'en')}</span></td><td><span class="num">${formatValue(doc.classes!.vip.serviceLevel, 'rate', 'en')}</span></td>`);
    const zh = reportSections([{ file: 'c.json', doc }], 'zh')[0].before;
    expect(zh).toContain('<h3>按优先级类别</h3>');
    expect(zh).toContain('<th>优先级类别</th><th>进线会话数</th><th>服务水平</th>');
  });
});

describe('predicted vs measured (compare-live)', () => {
  const doc = compareLiveDoc();
  const spec = (d: typeof doc, id: string) => compareLiveCharts(d, 'en').find((c) => c.id === id)?.spec as unknown as Record<string, any> | undefined;
  const names = ['predicted', 'measured'];

  it('overlays both sides\' FRT histograms as the documents hold them, with T', () => {
    const bins = spec(doc, 'frt-overlay')!.layer[0].data.values as Array<{ series: string; loSec: number; share: number }>;
    expect([...new Set(bins.map((b) => b.series))]).toEqual(names);
    for (const [i, side] of [doc.sides!.predicted, doc.sides!.measured].entries()) {
      const mine = bins.filter((b) => b.series === names[i]);
      mine.forEach((b, k) => expect(b.share).toBe(side.frt!.share[k] ?? 0));
      // the chart shows at least FRT_DISPLAY_QUANTILE of each side
      expect(mine.reduce((s, b) => s + b.share, 0)).toBeGreaterThan(0.99);
    }
    expect(spec(doc, 'frt-overlay')!.layer[0].encoding.color.scale).toEqual({ domain: names, range: LIVE_COLOURS });
    expect(spec(doc, 'frt-overlay')!.layer[1].data.values[0].sec).toBe(doc.sides!.predicted.slTimeSec);
  });

  it('draws each side\'s CDF and its p50/p90/p99 from the table as points', () => {
    const s = spec(doc, 'frt-cdf-overlay')!;
    const lines = s.layer[0].data.values as Array<{ series: string; cum: number }>;
    expect([...new Set(lines.map((p) => p.series))]).toEqual(names);
    const points = s.layer[1].data.values as Array<{ series: string; sec: number; cum: number; mark: string }>;
    const p90 = doc.rows.find((r) => r.metric === 'frtP90')!;
    expect(points.filter((p) => p.mark === 'p90')).toEqual([
      { series: 'predicted', sec: p90.predicted, cum: 0.9, mark: 'p90' },
      { series: 'measured', sec: p90.measured, cum: 0.9, mark: 'p90' },
    ]);
  });

  it('a replay\'s measured intervals are on the trace\'s clock: the replay moved the backend\'s instants by the offset it read', () => {
    expect(doc.replay!.serverClockOffsetSec).toBeGreaterThan(8 * 3600); // the server started its clock at 0 shortly before the replay of 09:00
    expect(doc.sides!.measured.clockOffsetSec).toBe(0);
    const pairs = liveIntervalPairs(doc);
    expect(pairs.map((p) => p.start)).toEqual(['09:00', '09:30']);
    // the same visitors arrive in the same intervals on both sides
    for (const p of pairs) expect(p.measured!.arrivals).toBe(p.predicted!.arrivals);
    const v = spec(doc, 'by-interval-live')!;
    expect(v.vconcat.map((p: any) => p.title.text)).toEqual(['Arrivals per day', 'First response time (mean) (s)', 'First response time p90 (s)', 'Service level (T = 30 s)', 'Abandonment rate', 'Abandonment, total (after assignment too)']);
    const frt = v.vconcat[2].data.values as Array<{ series: string; value: number; hour: number }>;
    expect(frt.filter((x) => x.series === 'predicted').map((x) => x.value)).toEqual(pairs.map((p) => p.predicted!.frtP90));
    expect(frt.filter((x) => x.series === 'measured').map((x) => x.value)).toEqual(pairs.map((p) => p.measured!.frtP90));
    expect(frt.map((x) => x.hour)).toEqual([9.25, 9.25, 9.75, 9.75]);
    expect(v.vconcat[0].encoding.x.scale.domain).toEqual([9, 10]); // narrowed to the window
  });

  it('pairs intervals on another clock through its offset, to the nearest interval of the trace\'s', () => {
    // the measured side as the backend counted it: 09:00 at 00:02:01 of its clock, 32,279 s behind the trace's
    const off = 32_279;
    const shifted = structuredClone(doc);
    const m = shifted.sides!.measured;
    m.intervals = m.intervals!.map((r) => ({ ...r, startSec: (r.startSec - off + 86_400) % 86_400 }));
    m.clockOffsetSec = off;
    const pairs = liveIntervalPairs(shifted);
    expect(pairs.map((p) => p.start)).toEqual(['09:00', '09:30']);
    for (const p of pairs) {
      expect(p.measured!.arrivals).toBe(p.predicted!.arrivals);
      expect(p.measuredStartSec! - p.startSec).toBeCloseTo(0, 6);
    }
    // unknown offset: drawn where the backend counted them, apart from the predicted intervals
    m.clockOffsetSec = null;
    expect(liveIntervalPairs(shifted).map((p) => [p.start, p.predicted !== null && p.predicted.arrivals! > 0, p.measured !== null])).toEqual([
      ['00:00', false, true], ['00:30', false, true], ['09:00', true, false], ['09:30', true, false],
    ]);
  });

  it('a k6 summary: the predicted histogram alone, the measured quantiles as points, predicted-only interval lines', () => {
    const k6 = compareLiveK6Doc();
    const bins = spec(k6, 'frt-overlay')!.layer[0].data.values as Array<{ series: string }>;
    expect([...new Set(bins.map((b) => b.series))]).toEqual(['predicted']);
    const cdf = spec(k6, 'frt-cdf-overlay')!;
    expect([...new Set((cdf.layer[0].data.values as Array<{ series: string }>).map((p) => p.series))]).toEqual(['predicted']);
    expect((cdf.layer[1].data.values as Array<{ series: string; mark: string }>).filter((p) => p.series === 'measured').map((p) => p.mark)).toEqual(['p50', 'p90', 'p99']);
    const v = spec(k6, 'by-interval-live')!;
    expect(v.title.subtitle).toBe('predicted only: the measured side has no per-interval data');
    expect(new Set(v.vconcat[0].data.values.map((x: { series: string }) => x.series))).toEqual(new Set(['predicted']));
  });

  it('an older document (no sides) gets no charts', () => {
    expect(compareLiveCharts(olderCompareLiveDoc(), 'en')).toEqual([]);
  });
});
