// Which charts a result gets, and their data: turns run, compare, sweep, backtest and compare-live documents into labelled
// rows and hands them to the spec builders. Pure; must not import cli/ or anything with I/O.

import type { TopLevelSpec } from 'vega-lite';
import { SERVICE_BUCKET_NAMES, type GroupMetricName } from '../core/metrics/index.js';
import { chartValue, formatCi, unitOf, unitSuffix } from './format.js';
import { metricLabel, serviceBucketLabels, t, type Lang } from './labels.js';
import type { BacktestDocument, CompareDocument, CompareLiveDocument, LiveIntervalRow, LiveSide, RunDocument, SweepDocument, TargetResult } from './results.js';
import {
  agentHeatmapSpec,
  backtestSpec,
  ciBarsSpec,
  frtCdfOverlaySpec,
  frtCdfSpec,
  frtHistogramSpec,
  frtOverlaySpec,
  intervalSpec,
  meanBarsSpec,
  serviceBucketsSpec,
  sweepSpec,
  type BacktestPoint,
  type CiBar,
  type HistogramBin,
  type IntervalPanel,
  type IntervalPoint,
  type MeanBar,
  type OverlayBin,
  type OverlayCdfPoint,
  type SweepPoint,
} from './specs.js';

/** One chart of a report: a stable id (file names, element ids), its title and its spec. */
export interface ReportChart {
  id: string;
  title: string;
  spec: TopLevelSpec;
}

/** Share of answered FRTs the histogram and CDF show at least (the rest is in the tail). */
export const FRT_DISPLAY_QUANTILE = 0.995;
/** The FRT charts' x axis ends on a multiple of this, seconds. */
const FRT_DISPLAY_STEP_SEC = 60;
/** Share of the busiest intervals (by FRT p90) shaded as pressure when the run has no interval targets. */
export const PRESSURE_SHARE = 0.25;

/** Overall metrics of the headline table and of runs side by side, in order. */
export const HEADLINE_METRICS = [
  'offered',
  'serviceLevel',
  'frtMean',
  'frtP90',
  'avgResponseTime',
  'queueWaitMean',
  'abandonRate',
  'abandonAfterAssignRate',
  'abandonRateTotal',
  'connectionRate',
  'queuePlacementRate',
  'occupancy',
  'chatsPerAgentHour',
] as const;

/** Per-class metrics of the class table, in order (the chart shows all but `offered`). */
export const CLASS_METRICS = ['offered', 'serviceLevel', 'frtMean', 'frtP90', 'queueWaitMean', 'abandonRate', 'connectionRate'] as const satisfies readonly GroupMetricName[];

/** Upper edge (seconds) the FRT charts stop at: covers FRT_DISPLAY_QUANTILE and 2 × T. */
function frtDisplayMax(edges: number[], share: number[], slTimeSec: number): number {
  let cum = 0;
  let max = edges[edges.length - 1];
  for (let k = 0; k < share.length; k++) {
    cum += share[k];
    if (cum >= FRT_DISPLAY_QUANTILE) {
      max = edges[k + 1];
      break;
    }
  }
  const wanted = Math.max(max, 2 * slTimeSec, FRT_DISPLAY_STEP_SEC);
  return Math.min(edges[edges.length - 1], Math.ceil(wanted / FRT_DISPLAY_STEP_SEC) * FRT_DISPLAY_STEP_SEC);
}

/** `T = 20 s` in the report's language. */
function slLabel(slTimeSec: number, lang: Lang): string {
  return lang === 'zh' ? `T = ${slTimeSec} 秒` : `T = ${slTimeSec} s`;
}

/** The FRT histogram and CDF of a run (none when it has no distributions or no answered chat). */
function frtCharts(doc: RunDocument, lang: Lang): ReportChart[] {
  const frt = doc.distributions?.frt;
  if (!frt || frt.share.every((s) => s === null)) return [];
  const share = frt.share.map((s) => s ?? 0);
  const edges = frt.binEdgesSec;
  const max = frtDisplayMax(edges, share, doc.slTimeSec);
  const bins: HistogramBin[] = [];
  const points = [{ sec: 0, cum: 0 }];
  let cum = 0;
  for (let k = 0; k < share.length && edges[k + 1] <= max; k++) {
    bins.push({ loSec: edges[k], hiSec: edges[k + 1], range: k === 0 ? `[0, ${edges[1]}]` : `(${edges[k]}, ${edges[k + 1]}]`, share: share[k] });
    cum += share[k];
    points.push({ sec: edges[k + 1], cum: Math.min(1, cum) });
  }
  const xTitle = t('frtAxis', lang);
  const sl = slLabel(doc.slTimeSec, lang);
  return [
    {
      id: 'frt-histogram',
      title: t('frtHistogram', lang),
      spec: frtHistogramSpec({ bins, slTimeSec: doc.slTimeSec, title: t('frtHistogram', lang), xTitle, yTitle: t('shareOfAnswered', lang), slLabel: sl }),
    },
    {
      id: 'frt-cdf',
      title: t('frtCdf', lang),
      spec: frtCdfSpec({ points, slTimeSec: doc.slTimeSec, title: t('frtCdf', lang), xTitle, yTitle: t('cumulativeShare', lang), slLabel: sl }),
    },
  ];
}

/** The service-level buckets of a run. */
function bucketChart(doc: RunDocument, lang: Lang): ReportChart[] {
  const buckets = doc.distributions?.serviceBuckets;
  if (!buckets || SERVICE_BUCKET_NAMES.every((n) => buckets[n] === null || buckets[n] === undefined)) return [];
  const labels = serviceBucketLabels(doc.slTimeSec, lang);
  // a band above T only: with T ≥ 60 s the (T, 60 s] band is empty and left out
  const rows = SERVICE_BUCKET_NAMES.flatMap((name, i) => (labels[i] === null ? [] : [{ order: i, label: labels[i]!, share: buckets[name] ?? 0 }]));
  const title = t('serviceBuckets', lang);
  return [{ id: 'service-buckets', title, spec: serviceBucketsSpec({ buckets: rows, title, xTitle: t('bucket', lang), yTitle: t('shareOfOffered', lang) }) }];
}

/** An interval-scoped target on `metric`, if the run has one. */
function intervalTarget(targets: readonly TargetResult[] | undefined, metric: string): number | undefined {
  return targets?.find((x) => x.scope === 'interval' && x.metric === metric)?.value;
}

/**
 * The pressure intervals of a run (their `start`, HH:MM): every interval that misses a per-interval
 * target; when none does (or there are no such targets), the PRESSURE_SHARE of intervals with
 * arrivals that have the highest FRT p90.
 */
export function pressureIntervals(doc: RunDocument): { starts: Set<string>; byTargets: boolean } {
  const missed = (doc.targets ?? []).filter((x) => x.scope === 'interval').flatMap((x) => (x.missedIntervals ?? []).map((m) => m.start));
  if (missed.length > 0) return { starts: new Set(missed), byTargets: true };
  const busy = doc.intervals.filter((r) => (r.arrivals ?? 0) > 0 && r.frtP90 !== null && r.frtP90 !== undefined);
  busy.sort((a, b) => (b.frtP90 as number) - (a.frtP90 as number) || a.index - b.index);
  return { starts: new Set(busy.slice(0, Math.ceil(busy.length * PRESSURE_SHARE)).map((r) => r.start)), byTargets: false };
}

/** The by-interval view of a run. */
function intervalChart(doc: RunDocument, lang: Lang): ReportChart[] {
  if (doc.intervals.length === 0) return [];
  const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
  const rows: IntervalPoint[] = doc.intervals.map((r) => ({
    hour: r.startSec / 3600,
    hourEnd: (r.startSec + doc.intervalSec) / 3600,
    start: r.start,
    arrivals: num(r.arrivalsPerDay ?? r.arrivals),
    agentsOnline: num(r.agentsOnlineMean),
    queueLength: num(r.queueLengthMean),
    frtP90: num(r.frtP90),
    abandonRate: num(r.abandonRate),
  }));
  const pressure = pressureIntervals(doc);
  const pressureRows = rows.filter((r) => pressure.starts.has(r.start)).map((r) => ({ hour: r.hour, hourEnd: r.hourEnd }));
  const panels: IntervalPanel[] = [
    { field: 'arrivals', title: metricLabel('arrivalsPerDay', lang), mark: 'bar', colour: '#4c78a8' },
    { field: 'agentsOnline', title: metricLabel('agentsOnlineMean', lang), mark: 'line', colour: '#54a24b' },
    { field: 'queueLength', title: metricLabel('queueLengthMean', lang), mark: 'area', colour: '#f58518' },
    { field: 'frtP90', title: metricLabel('frtP90', lang) + unitSuffix('sec', lang), mark: 'line', colour: '#b279a2', target: intervalTarget(doc.targets, 'frtP90') },
    { field: 'abandonRate', title: metricLabel('abandonRate', lang), mark: 'line', colour: '#e45756', percent: true, target: intervalTarget(doc.targets, 'abandonRate') },
  ];
  const title = t('byInterval', lang);
  const subtitle = `${t('pressure', lang)}: ${t(pressure.byTargets ? 'pressureByTargets' : 'pressureByFrt', lang)}`;
  return [{ id: 'by-interval', title, spec: intervalSpec({ rows, panels, pressure: pressureRows, title, xTitle: t('timeOfDay', lang), subtitle }) }];
}

/** The agent × hour occupancy heatmap of a run. */
function heatmapChart(doc: RunDocument, lang: Lang): ReportChart[] {
  const hours = doc.distributions?.agentHours;
  if (!hours || hours.agents.length === 0) return [];
  const cells = hours.agents.flatMap((a) =>
    a.occupancy.flatMap((v, h) => (v === null ? [] : [{ agent: a.id, hour: (h * hours.hourSec) / 3600, occupancy: v }])));
  if (cells.length === 0) return [];
  const title = t('agentHeatmap', lang);
  return [{
    id: 'agent-occupancy',
    title,
    spec: agentHeatmapSpec({ cells, agents: hours.agents.map((a) => a.id), title, xTitle: t('hour', lang), yTitle: t('agent', lang), legendTitle: metricLabel('occupancy', lang) }),
  }];
}

/** The priority classes compared: a panel per class metric, a bar per class (none without classes). */
function classChart(doc: RunDocument, lang: Lang): ReportChart[] {
  const classes = Object.entries(doc.classes ?? {});
  if (classes.length === 0) return [];
  const metrics = CLASS_METRICS.filter((m) => m !== 'offered');
  const rows: MeanBar[] = metrics.flatMap((m) => classes.flatMap(([id, values]) => {
    const v = values[m];
    return v === null || v === undefined ? [] : [{ panel: panelName(m, lang), series: id, mean: chartValue(v, unitOf(m)) }];
  }));
  if (rows.length === 0) return [];
  const title = t('classComparison', lang);
  return [{
    id: 'by-class',
    title,
    spec: meanBarsSpec({
      rows,
      panels: metrics.map((m) => panelName(m, lang)),
      series: classes.map(([id]) => id),
      title,
      subtitle: t('classServiceLevel', lang),
      seriesTitle: t('priorityClass', lang),
      valueTitle: t('mean', lang),
    }),
  }];
}

/**
 * Every chart of one run, in report order: the priority classes compared (when the run has
 * classes), FRT histogram and CDF, service-level buckets, the by-interval view, the agent occupancy
 * heatmap. Charts without data are left out.
 */
export function runCharts(doc: RunDocument, lang: Lang): ReportChart[] {
  return [...classChart(doc, lang), ...frtCharts(doc, lang), ...bucketChart(doc, lang), ...intervalChart(doc, lang), ...heatmapChart(doc, lang)];
}

/** A panel name with its unit, e.g. `Service level (%)`. */
function panelName(metric: string, lang: Lang): string {
  return metricLabel(metric, lang) + unitSuffix(unitOf(metric), lang);
}

/** A bar with CI for one metric summary (rates in %). */
function ciBar(panel: string, series: string, metric: string, v: { mean: number | null; ci95: [number, number] | null } | undefined, lang: Lang): CiBar[] {
  if (!v || v.mean === null) return [];
  const unit = unitOf(metric);
  return [{
    panel,
    series,
    mean: chartValue(v.mean, unit),
    lo: v.ci95 ? chartValue(v.ci95[0], unit) : null,
    hi: v.ci95 ? chartValue(v.ci95[1], unit) : null,
    ci: formatCi(v.ci95, unit, lang),
  }];
}

/** Policy comparison bars with CI error bars, one panel per compared metric. */
export function compareCharts(doc: CompareDocument, lang: Lang): ReportChart[] {
  const series = doc.policies.map((p) => p.policy);
  // a policy listed twice (an A/A test) gets a distinct bar
  const names = series.map((p, i) => (series.indexOf(p) === i ? p : `${p} (${i + 1})`));
  const rows = doc.metrics.flatMap((m) => doc.policies.flatMap((p, i) => ciBar(panelName(m, lang), names[i], m, p.metrics[m], lang)));
  if (rows.length === 0) return [];
  const title = t('policyComparison', lang);
  return [{
    id: 'policy-comparison',
    title,
    spec: ciBarsSpec({ rows, panels: doc.metrics.map((m) => panelName(m, lang)), series: names, title, seriesTitle: t('policy', lang), valueTitle: t('value', lang), ciTitle: t('ci95', lang) }),
  }];
}

/** Runs side by side: the headline metrics of several runs as bars with CIs. */
export function runsSideBySideChart(runs: ReadonlyArray<{ label: string; doc: RunDocument }>, lang: Lang): ReportChart[] {
  const metrics = HEADLINE_METRICS.filter((m) => m !== 'offered' && runs.some((r) => r.doc.metrics[m]?.mean !== null && r.doc.metrics[m] !== undefined));
  const rows = metrics.flatMap((m) => runs.flatMap((r) => ciBar(panelName(m, lang), r.label, m, r.doc.metrics[m], lang)));
  if (rows.length === 0) return [];
  const title = t('runComparison', lang);
  return [{
    id: 'run-comparison',
    title,
    spec: ciBarsSpec({ rows, panels: metrics.map((m) => panelName(m, lang)), series: runs.map((r) => r.label), title, seriesTitle: t('run', lang), valueTitle: t('value', lang), ciTitle: t('ci95', lang) }),
  }];
}

/** Sweep lines: each metric against the first parameter, a line per setting of the others. */
export function sweepCharts(doc: SweepDocument, lang: Lang): ReportChart[] {
  const [first, ...rest] = doc.parameters;
  const xNumeric = first.values.every((v) => typeof v === 'number');
  const seriesOf = (settings: Record<string, number | string>) =>
    rest.length === 1 ? String(settings[rest[0].path]) : rest.map((p) => `${p.path}=${settings[p.path]}`).join(', ');
  const series = [...new Set(doc.runs.map((r) => seriesOf(r.settings)))];
  const rows: SweepPoint[] = doc.metrics.flatMap((m) => {
    const unit = unitOf(m);
    return doc.runs.flatMap((r) => {
      const v = r.metrics[m];
      if (!v || v.mean === null) return [];
      return [{
        panel: panelName(m, lang),
        x: r.settings[first.path],
        series: seriesOf(r.settings),
        mean: chartValue(v.mean, unit),
        lo: v.ci95 ? chartValue(v.ci95[0], unit) : null,
        hi: v.ci95 ? chartValue(v.ci95[1], unit) : null,
      }];
    });
  });
  if (rows.length === 0) return [];
  const title = t('sweepLines', lang);
  return [{
    id: 'sweep',
    title,
    spec: sweepSpec({
      rows,
      panels: doc.metrics.map((m) => panelName(m, lang)),
      xTitle: first.path,
      xNumeric,
      xOrder: first.values,
      seriesTitle: rest.length === 0 ? null : rest.length === 1 ? rest[0].path : t('parameters', lang),
      series,
      title,
      valueTitle: t('value', lang),
    }),
  }];
}

/** A backtest's chart: log, model and naive forecast by hour of the day. */
export function backtestCharts(doc: BacktestDocument, lang: Lang): ReportChart[] {
  if (doc.byInterval.length === 0) return [];
  const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
  const panels = [
    { key: 'offered' as const, title: metricLabel('arrivalsPerDay', lang), percent: false },
    { key: 'abandonment' as const, title: metricLabel('abandonRate', lang), percent: true },
    { key: 'serviceLevel' as const, title: `${metricLabel('serviceLevel', lang)} (${doc.slTimeSec}s)`, percent: true },
    { key: 'meanWaitSec' as const, title: t('meanWait', lang) + unitSuffix('sec', lang), percent: false },
  ];
  const series = [t('log', lang), t('model', lang), ...(doc.byInterval.some((r) => r.naive !== undefined) ? [t('naive', lang)] : [])];
  const points: BacktestPoint[] = [];
  for (const r of doc.byInterval) {
    const hour = (Number(r.label.slice(0, 2)) * 60 + Number(r.label.slice(3, 5))) / 60 + doc.intervalSec / 7200;
    for (const p of panels) {
      points.push({ hour, start: r.label, panel: p.title, series: series[0], value: num(r.actual[p.key]) });
      points.push({ hour, start: r.label, panel: p.title, series: series[1], value: num(r.predicted[p.key]) });
      if (r.naive !== undefined) points.push({ hour, start: r.label, panel: p.title, series: series[2], value: num(r.naive[p.key]) });
    }
  }
  const title = t('backtestByHour', lang);
  return [{ id: 'by-hour', title, spec: backtestSpec({ points, panels: panels.map((p) => ({ title: p.title, percent: p.percent })), series, title, subtitle: t('backtestSubtitle', lang), xTitle: t('timeOfDay', lang) }) }];
}

// ----------------------------------------------------------------------- predicted vs measured

/** Colours of the predicted and measured series in every compare-live chart. */
export const LIVE_COLOURS = ['#4c78a8', '#e45756'];
/** FRT quantiles drawn as points on the CDF overlay, with their share. */
const LIVE_QUANTILES = [['frtP50', 0.5, 'p50'], ['frtP90', 0.9, 'p90'], ['frtP99', 0.99, 'p99']] as const;
/** Seconds in a day: interval starts shifted onto the trace's clock wrap at midnight. */
const DAY_SEC = 86_400;

/** One interval of the day with each side's row (null where a side has none there), on the trace's clock. */
export interface LiveIntervalPair {
  /** Start within the day on the trace's clock, seconds (the predicted row's, else the measured row's shifted). */
  startSec: number;
  start: string;
  predicted: LiveIntervalRow | null;
  measured: LiveIntervalRow | null;
  /** The measured row's start on the trace's clock (its own start + the side's clock offset), seconds. */
  measuredStartSec: number | null;
}

const HHMM = (sec: number) => `${String(Math.floor(sec / 3600)).padStart(2, '0')}:${String(Math.floor((sec % 3600) / 60)).padStart(2, '0')}`;
const busy = (r: LiveIntervalRow) => (r.arrivals ?? 0) > 0 || (r.offered ?? 0) > 0;

/**
 * The intervals either side saw conversations in, paired on the trace's clock: a measured row
 * goes with the predicted interval its shifted start (own start + `clockOffsetSec`, 0 when
 * unknown) falls nearest, within half an interval; in order of the day.
 */
export function liveIntervalPairs(doc: CompareLiveDocument): LiveIntervalPair[] {
  const p = doc.sides?.predicted;
  const m = doc.sides?.measured;
  const pRows = (p?.intervals ?? []).filter(busy);
  const mRows = (m?.intervals ?? []).filter(busy);
  const iv = p?.intervalSec ?? m?.intervalSec ?? 0;
  const pairs: LiveIntervalPair[] = pRows.map((r) => ({ startSec: r.startSec, start: r.start, predicted: r, measured: null, measuredStartSec: null }));
  const all = p?.intervals ?? [];
  for (const r of mRows) {
    const shifted = (((r.startSec + (m?.clockOffsetSec ?? 0)) % DAY_SEC) + DAY_SEC) % DAY_SEC;
    // the predicted interval nearest the shifted start (any, busy or not), within half an interval
    let best: LiveIntervalRow | null = null;
    for (const q of all) {
      const d = Math.abs(q.startSec - shifted);
      if (d <= iv / 2 && (best === null || d < Math.abs(best.startSec - shifted))) best = q;
    }
    const at = best?.startSec ?? shifted;
    let pair = pairs.find((x) => x.startSec === at && x.measured === null);
    if (pair === undefined) {
      pair = { startSec: at, start: best?.start ?? HHMM(shifted), predicted: best, measured: null, measuredStartSec: null };
      pairs.push(pair);
    }
    pair.measured = r;
    pair.measuredStartSec = shifted;
  }
  return pairs.sort((a, b) => a.startSec - b.startSec);
}

/** The FRT histogram bins up to the display maximum, and the CDF points, of one side. */
function frtSeries(frt: NonNullable<LiveSide['frt']>, series: string, max: number): { bins: OverlayBin[]; cdf: OverlayCdfPoint[] } {
  const share = frt.share.map((x) => x ?? 0);
  const edges = frt.binEdgesSec;
  const bins: OverlayBin[] = [];
  const cdf: OverlayCdfPoint[] = [{ series, sec: 0, cum: 0 }];
  let cum = 0;
  for (let k = 0; k < share.length && edges[k + 1] <= max; k++) {
    bins.push({ series, loSec: edges[k], hiSec: edges[k + 1], range: k === 0 ? `[0, ${edges[1]}]` : `(${edges[k]}, ${edges[k + 1]}]`, share: share[k] });
    cum += share[k];
    cdf.push({ series, sec: edges[k + 1], cum: Math.min(1, cum) });
  }
  return { bins, cdf };
}

/**
 * The charts of a predicted-vs-measured comparison: the FRT histograms overlaid (when a side has
 * the full distribution), the FRT CDFs overlaid with each side's p50/p90/p99 as points (a k6
 * summary has only these), and the per-interval lines side by side (arrivals, FRT mean and p90,
 * SL, abandonment in queue and total) over the intervals either side saw conversations in. None for a document
 * written before compare-live kept its sides.
 */
export function compareLiveCharts(doc: CompareLiveDocument, lang: Lang): ReportChart[] {
  const sides = doc.sides;
  if (sides === undefined) return [];
  const names = [t('predictedSeries', lang), t('measuredSeries', lang)];
  const both = [sides.predicted, sides.measured];
  const slTimeSec = sides.predicted.slTimeSec ?? sides.measured.slTimeSec ?? 20;
  const sl = slLabel(slTimeSec, lang);
  const xTitle = t('frtAxis', lang);
  const charts: ReportChart[] = [];

  const withFrt = both.map((s) => (s.frt !== null && s.frt.share.some((x) => x !== null) ? s.frt : null));
  const rowOf = (metric: string) => doc.rows.find((r) => r.metric === metric);
  const quantiles: OverlayCdfPoint[] = LIVE_QUANTILES.flatMap(([metric, cum, mark]) => {
    const r = rowOf(metric);
    return [r?.predicted, r?.measured].flatMap((v, i) => (typeof v === 'number' ? [{ series: names[i], sec: v, cum, mark }] : []));
  });
  const edges = withFrt.find((f) => f !== null)?.binEdgesSec;
  // the display maximum covers both sides' FRT_DISPLAY_QUANTILE, 2 × T and every quantile point
  let max = FRT_DISPLAY_STEP_SEC;
  if (edges !== undefined) {
    for (const f of withFrt) if (f !== null) max = Math.max(max, frtDisplayMax(f.binEdgesSec, f.share.map((x) => x ?? 0), slTimeSec));
  }
  for (const q of quantiles) max = Math.max(max, Math.ceil(q.sec / FRT_DISPLAY_STEP_SEC) * FRT_DISPLAY_STEP_SEC);
  if (edges !== undefined) max = Math.min(max, edges[edges.length - 1]);
  const series = withFrt.map((f, i) => (f === null ? null : frtSeries(f, names[i], max)));
  if (series.some((x) => x !== null)) {
    const title = t('frtOverlay', lang);
    charts.push({
      id: 'frt-overlay',
      title,
      spec: frtOverlaySpec({ bins: series.flatMap((x) => x?.bins ?? []), series: names, colours: LIVE_COLOURS, slTimeSec, title, xTitle, yTitle: t('shareOfAnswered', lang), slLabel: sl }),
    });
  }
  if (series.some((x) => x !== null) || quantiles.length > 0) {
    const title = t('frtCdfOverlay', lang);
    charts.push({
      id: 'frt-cdf-overlay',
      title,
      spec: frtCdfOverlaySpec({ lines: series.flatMap((x) => x?.cdf ?? []), quantiles: quantiles.filter((q) => q.sec <= max), series: names, colours: LIVE_COLOURS, slTimeSec, title, xTitle, yTitle: t('cumulativeShare', lang), slLabel: sl }),
    });
  }

  const pairs = liveIntervalPairs(doc);
  if (pairs.length > 0) {
    const iv = sides.predicted.intervalSec ?? sides.measured.intervalSec ?? 3600;
    const panels = [
      { metric: 'arrivalsPerDay', title: metricLabel('arrivalsPerDay', lang), percent: false },
      { metric: 'frtMean', title: metricLabel('frtMean', lang) + unitSuffix('sec', lang), percent: false },
      { metric: 'frtP90', title: metricLabel('frtP90', lang) + unitSuffix('sec', lang), percent: false },
      { metric: 'serviceLevel', title: `${metricLabel('serviceLevel', lang)} (${slLabel(slTimeSec, lang)})`, percent: true },
      { metric: 'abandonRate', title: metricLabel('abandonRate', lang), percent: true },
      { metric: 'abandonRateTotal', title: metricLabel('abandonRateTotal', lang), percent: true },
    ] as const;
    const points: BacktestPoint[] = [];
    for (const pair of pairs) {
      for (const p of panels) {
        if (pair.predicted !== null) points.push({ hour: (pair.predicted.startSec + iv / 2) / 3600, start: pair.start, panel: p.title, series: names[0], value: pair.predicted[p.metric] });
        if (pair.measured !== null) points.push({ hour: (pair.measuredStartSec! + (sides.measured.intervalSec ?? iv) / 2) / 3600, start: pair.start, panel: p.title, series: names[1], value: pair.measured[p.metric] });
      }
    }
    // the whole hours around the intervals drawn (points sit at interval midpoints)
    const half = iv / 7200;
    const lo = Math.max(0, Math.floor(Math.min(...points.map((x) => x.hour)) - half));
    const hi = Math.min(24, Math.max(lo + 1, Math.ceil(Math.max(...points.map((x) => x.hour)) + half)));
    const title = t('liveByInterval', lang);
    const subtitle = t(sides.measured.intervals === null ? 'liveNoMeasuredIntervals' : 'liveByIntervalSubtitle', lang);
    charts.push({
      id: 'by-interval-live',
      title,
      spec: backtestSpec({ points, panels: panels.map((p) => ({ title: p.title, percent: p.percent })), series: names, title, subtitle, xTitle: t('timeOfDay', lang), hours: [lo, hi], colours: LIVE_COLOURS }),
    });
  }
  return charts;
}
