// The report's charts as Vega-Lite specs, built from plain rows whose labels are already in the
// report's language: FRT histogram and CDF, service-level buckets, the by-interval pressure view,
// the agent × hour occupancy heatmap, bars with CI error bars and sweep lines. Pure; must not
// import cli/ or anything with I/O. Every spec compiles with no Vega-Lite warning (specs.test.ts).

import type { TopLevelSpec } from 'vega-lite';

/** One layer of a layered Vega-Lite view. */
type LayerItem = Extract<TopLevelSpec, { layer: unknown }>['layer'][number];

/** Width of one chart (or one panel of a stacked chart), pixels. */
export const CHART_WIDTH = 640;
/** Height of a single chart, pixels. */
export const CHART_HEIGHT = 240;
/** Height of one panel of the by-interval view, pixels. */
export const PANEL_HEIGHT = 90;
/** Size of a facet cell in compare and sweep charts, pixels. */
export const FACET_WIDTH = 200;
export const FACET_HEIGHT = 150;
/** Height of one agent's row in the heatmap, pixels. */
export const HEATMAP_ROW_PX = 14;
/** Colour of the service-level line and of missed targets. */
export const SL_COLOUR = '#d62728';
/** Colours of the service-level buckets: good to bad, then abandoned and unanswered. */
export const BUCKET_COLOURS = ['#1a9850', '#91cf60', '#fee08b', '#fc8d59', '#d73027', '#7f3b08', '#969696'];

/** Fonts, Latin then Chinese, ending in the generic family (the PNG renderer has no browser fallback). */
export const FONT = 'Noto Sans, DejaVu Sans, Helvetica, Arial, Noto Sans CJK SC, WenQuanYi Micro Hei, PingFang SC, Microsoft YaHei, sans-serif';

/** Shared look: white background, readable fonts, no chart border. */
const CONFIG = {
  background: 'white',
  font: FONT,
  view: { stroke: null },
  axis: { labelFontSize: 11, titleFontSize: 12 },
  title: { fontSize: 14, anchor: 'start' as const },
};

/** One histogram bin: FRT in (loSec, hiSec], `share` of answered. */
export interface HistogramBin {
  loSec: number;
  hiSec: number;
  /** The bin as text, e.g. `(5, 10]`. */
  range: string;
  share: number;
}

/**
 * FRT histogram with a vertical line at the service-level time T.
 * @example frtHistogramSpec({ bins, slTimeSec: 20, title: 'FRT', xTitle: 'FRT (s)', yTitle: 'share', slLabel: 'T = 20 s' })
 */
export function frtHistogramSpec(o: { bins: HistogramBin[]; slTimeSec: number; title: string; xTitle: string; yTitle: string; slLabel: string }): TopLevelSpec {
  return {
    title: o.title,
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    config: CONFIG,
    layer: [
      {
        data: { values: o.bins },
        mark: { type: 'rect', color: '#4c78a8', stroke: 'white', strokeWidth: 0.5 },
        encoding: {
          x: { field: 'loSec', type: 'quantitative', title: o.xTitle, scale: { zero: true } },
          x2: { field: 'hiSec' },
          y: { field: 'share', type: 'quantitative', title: o.yTitle, axis: { format: '.0%' } },
          tooltip: [
            { field: 'range', type: 'nominal', title: o.xTitle },
            { field: 'share', type: 'quantitative', format: '.1%', title: o.yTitle },
          ],
        },
      },
      slRuleLayer(o.slTimeSec, o.slLabel),
    ],
  };
}

/** A vertical dashed rule at T seconds with a label at its top. */
function slRuleLayer(slTimeSec: number, label: string) {
  return {
    data: { values: [{ sec: slTimeSec, label }] },
    layer: [
      {
        mark: { type: 'rule' as const, color: SL_COLOUR, strokeDash: [4, 3], strokeWidth: 1.5 },
        encoding: { x: { field: 'sec', type: 'quantitative' as const } },
      },
      {
        mark: { type: 'text' as const, color: SL_COLOUR, align: 'left' as const, dx: 4, y: 8, fontSize: 11 },
        encoding: { x: { field: 'sec', type: 'quantitative' as const }, text: { field: 'label', type: 'nominal' as const } },
      },
    ],
  };
}

/** One point of the FRT CDF: `cum` of answered had FRT ≤ `sec`. */
export interface CdfPoint {
  sec: number;
  cum: number;
}

/** Cumulative FRT distribution with the service-level line. */
export function frtCdfSpec(o: { points: CdfPoint[]; slTimeSec: number; title: string; xTitle: string; yTitle: string; slLabel: string }): TopLevelSpec {
  return {
    title: o.title,
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    config: CONFIG,
    layer: [
      {
        data: { values: o.points },
        mark: { type: 'line', color: '#4c78a8', interpolate: 'linear', point: false },
        encoding: {
          x: { field: 'sec', type: 'quantitative', title: o.xTitle },
          y: { field: 'cum', type: 'quantitative', title: o.yTitle, scale: { domain: [0, 1] }, axis: { format: '.0%' } },
          tooltip: [
            { field: 'sec', type: 'quantitative', title: o.xTitle },
            { field: 'cum', type: 'quantitative', format: '.1%', title: o.yTitle },
          ],
        },
      },
      slRuleLayer(o.slTimeSec, o.slLabel),
    ],
  };
}

/** One service-level bucket: its position, label and share of offered. */
export interface BucketRow {
  order: number;
  label: string;
  share: number;
}

/** Service-level buckets as bars, good to bad, each labelled with its share. */
export function serviceBucketsSpec(o: { buckets: BucketRow[]; title: string; xTitle: string; yTitle: string }): TopLevelSpec {
  const labels = o.buckets.map((b) => b.label);
  return {
    title: o.title,
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    config: CONFIG,
    data: { values: o.buckets },
    encoding: {
      x: { field: 'label', type: 'nominal', title: o.xTitle, sort: labels, axis: { labelAngle: 0 } },
      y: { field: 'share', type: 'quantitative', title: o.yTitle, axis: { format: '.0%' } },
    },
    layer: [
      {
        mark: { type: 'bar' },
        encoding: {
          color: { field: 'label', type: 'nominal', sort: labels, scale: { domain: labels, range: BUCKET_COLOURS.slice(0, labels.length) }, legend: null },
          tooltip: [
            { field: 'label', type: 'nominal', title: o.xTitle },
            { field: 'share', type: 'quantitative', format: '.1%', title: o.yTitle },
          ],
        },
      },
      {
        mark: { type: 'text', dy: -6, fontSize: 11 },
        encoding: { text: { field: 'share', type: 'quantitative', format: '.1%' } },
      },
    ],
  };
}

/** One interval of the day; `hour`…`hourEnd` in hours from midnight; null where undefined. */
export interface IntervalPoint {
  hour: number;
  hourEnd: number;
  start: string;
  arrivals: number | null;
  agentsOnline: number | null;
  queueLength: number | null;
  frtP90: number | null;
  abandonRate: number | null;
}

/** One panel of the by-interval view. */
export interface IntervalPanel {
  field: 'arrivals' | 'agentsOnline' | 'queueLength' | 'frtP90' | 'abandonRate';
  title: string;
  mark: 'bar' | 'line' | 'area';
  colour: string;
  /** A horizontal target line (e.g. the frtP90 target per interval), in the field's unit. */
  target?: number;
  percent?: boolean;
}

/**
 * The by-interval view (分时段): stacked panels sharing the time-of-day axis, with the pressure
 * intervals shaded in every panel.
 */
export function intervalSpec(o: {
  rows: IntervalPoint[];
  panels: IntervalPanel[];
  pressure: Array<{ hour: number; hourEnd: number }>;
  title: string;
  xTitle: string;
  subtitle: string;
}): TopLevelSpec {
  const xAxis = { values: Array.from({ length: 13 }, (_, k) => 2 * k), labelExpr: "datum.value + ':00'" };
  return {
    title: { text: o.title, subtitle: o.subtitle },
    config: CONFIG,
    vconcat: o.panels.map((p, i) => {
      const last = i === o.panels.length - 1;
      const x = {
        field: 'hour',
        type: 'quantitative' as const,
        title: last ? o.xTitle : null,
        scale: { domain: [0, 24], nice: false },
        axis: { ...xAxis, labels: last },
      };
      const y = {
        field: p.field,
        type: 'quantitative' as const,
        title: null,
        axis: { tickCount: 4, ...(p.percent ? { format: '.0%' } : {}) },
      };
      const tooltip = [
        { field: 'start', type: 'nominal' as const, title: o.xTitle },
        { field: p.field, type: 'quantitative' as const, title: p.title, format: p.percent ? '.1%' : '.1f' },
      ];
      const layers: LayerItem[] = [
        {
          data: { values: o.pressure },
          mark: { type: 'rect', color: '#f4a582', opacity: 0.35 },
          encoding: { x: { ...x, field: 'hour' }, x2: { field: 'hourEnd' } },
        },
        p.mark === 'bar'
          ? {
            data: { values: o.rows },
            mark: { type: 'rect', color: p.colour, stroke: 'white', strokeWidth: 0.5 },
            encoding: { x, x2: { field: 'hourEnd' }, y, tooltip },
          }
          : {
            data: { values: o.rows.map((r) => ({ ...r, hour: (r.hour + r.hourEnd) / 2 })) },
            mark: { type: p.mark, color: p.colour, ...(p.mark === 'line' ? { point: { size: 12, color: p.colour } } : { opacity: 0.6, line: { color: p.colour } }) },
            encoding: { x, y, tooltip },
          },
      ];
      if (p.target !== undefined) {
        layers.push({
          data: { values: [{ target: p.target }] },
          mark: { type: 'rule', color: SL_COLOUR, strokeDash: [4, 3] },
          encoding: { y: { field: 'target', type: 'quantitative' } },
        });
      }
      return {
        title: { text: p.title, fontSize: 12, fontWeight: 'normal' as const, anchor: 'start' as const, offset: 4 },
        width: CHART_WIDTH,
        height: PANEL_HEIGHT,
        layer: layers,
      };
    }),
  };
}

/** One heatmap cell: an agent's occupancy in one hour of the day. */
export interface HeatCell {
  agent: string;
  hour: number;
  occupancy: number;
}

/** Agent × hour occupancy heatmap; hours an agent was offline are left blank. */
export function agentHeatmapSpec(o: { cells: HeatCell[]; agents: string[]; title: string; xTitle: string; yTitle: string; legendTitle: string }): TopLevelSpec {
  return {
    title: o.title,
    width: CHART_WIDTH,
    height: Math.max(60, HEATMAP_ROW_PX * o.agents.length),
    config: CONFIG,
    data: { values: o.cells },
    mark: { type: 'rect', stroke: 'white', strokeWidth: 0.5 },
    encoding: {
      x: { field: 'hour', type: 'ordinal', title: o.xTitle, scale: { domain: Array.from({ length: 24 }, (_, h) => h) }, axis: { labelAngle: 0 } },
      y: { field: 'agent', type: 'nominal', title: o.yTitle, sort: o.agents },
      color: { field: 'occupancy', type: 'quantitative', title: o.legendTitle, scale: { scheme: 'yelloworangered', domain: [0, 1] }, legend: { format: '.0%' } },
      tooltip: [
        { field: 'agent', type: 'nominal', title: o.yTitle },
        { field: 'hour', type: 'ordinal', title: o.xTitle },
        { field: 'occupancy', type: 'quantitative', format: '.1%', title: o.legendTitle },
      ],
    },
  };
}

/**
 * Adds `ceil` to each row: the panel's largest mean or CI bound, or 1 when that is not above 0. An
 * invisible layer plots it, so a panel whose values are all 0 (no abandonment) still has a y range.
 */
function withPanelCeiling<R extends { panel: string; mean: number; hi?: number | null }>(rows: R[]): Array<R & { ceil: number }> {
  const top = new Map<string, number>();
  for (const r of rows) top.set(r.panel, Math.max(top.get(r.panel) ?? 0, r.mean, r.hi ?? 0));
  return rows.map((r) => ({ ...r, ceil: (top.get(r.panel) ?? 0) > 0 ? top.get(r.panel)! : 1 }));
}

/** The invisible layer that holds each panel's y range open (see withPanelCeiling). */
function ceilingLayer(x: object): LayerItem {
  return { mark: { type: 'point', opacity: 0 }, encoding: { x, y: { field: 'ceil', type: 'quantitative' } } } as LayerItem;
}

/** One bar: a series (policy or run) in one panel (metric), with its 95 % CI when known. */
export interface CiBar {
  panel: string;
  series: string;
  mean: number;
  lo: number | null;
  hi: number | null;
  /** The CI as text for the tooltip, e.g. `[1.2, 3.4]`; '' when unknown. */
  ci: string;
}

/**
 * One panel per metric (independent y scales), a bar per series with its 95 % CI as an error bar.
 * Rates should come as percentages with "(%)" in the panel name: facets share one axis format.
 */
export function ciBarsSpec(o: { rows: CiBar[]; panels: string[]; series: string[]; title: string; seriesTitle: string; valueTitle: string; ciTitle: string }): TopLevelSpec {
  return barsSpec(o, o.title, o.ciTitle);
}

/**
 * The faceted bar chart both bar specs draw: a panel per metric, a bar per series, and with
 * `ciTitle` the CI as an error bar and in the tooltip.
 */
function barsSpec(
  o: { rows: Array<CiBar | MeanBar>; panels: string[]; series: string[]; seriesTitle: string; valueTitle: string },
  title: TopLevelSpec['title'],
  ciTitle?: string,
): TopLevelSpec {
  const tooltip: Array<{ field: string; type: 'nominal' | 'quantitative'; title: string; format?: string }> = [
    { field: 'series', type: 'nominal', title: o.seriesTitle },
    { field: 'mean', type: 'quantitative', format: '.3~f', title: o.valueTitle },
  ];
  if (ciTitle !== undefined) tooltip.push({ field: 'ci', type: 'nominal', title: ciTitle });
  return {
    title,
    config: CONFIG,
    data: { values: withPanelCeiling(o.rows) },
    columns: 3,
    facet: { field: 'panel', type: 'nominal', sort: o.panels, title: null, header: { labelFontSize: 12, labelLimit: FACET_WIDTH + 60 } },
    spec: {
      width: FACET_WIDTH,
      height: FACET_HEIGHT,
      layer: [
        ceilingLayer({ field: 'series', type: 'nominal', sort: o.series }),
        {
          mark: { type: 'bar' },
          encoding: {
            x: { field: 'series', type: 'nominal', sort: o.series, title: null, axis: { labelAngle: -30, labelLimit: 120 } },
            y: { field: 'mean', type: 'quantitative', title: null },
            color: { field: 'series', type: 'nominal', sort: o.series, title: o.seriesTitle },
            tooltip,
          },
        },
        ...(ciTitle === undefined ? [] : [{
          transform: [{ filter: 'isValid(datum.lo) && isValid(datum.hi)' }],
          mark: { type: 'rule' as const, color: 'black', strokeWidth: 1.5 },
          encoding: {
            x: { field: 'series', type: 'nominal' as const, sort: o.series },
            y: { field: 'lo', type: 'quantitative' as const },
            y2: { field: 'hi' },
          },
        }]),
      ],
    },
    resolve: { scale: { y: 'independent' } },
  };
}

/** One bar without a CI: a series (priority class) in one panel (metric). */
export interface MeanBar {
  panel: string;
  series: string;
  mean: number;
}

/**
 * One panel per metric (independent y scales), a bar per series: for means that have no CI (the
 * per-class results). Rates should come as percentages with "(%)" in the panel name.
 * @example meanBarsSpec({ rows, panels: ['Service level (%)'], series: ['vip', 'standard'], title: 'By class', subtitle: '', seriesTitle: 'Class', valueTitle: 'Mean' })
 */
export function meanBarsSpec(o: { rows: MeanBar[]; panels: string[]; series: string[]; title: string; subtitle: string; seriesTitle: string; valueTitle: string }): TopLevelSpec {
  return barsSpec(o, o.subtitle ? { text: o.title, subtitle: o.subtitle } : o.title);
}

/** One point of a sweep line: metric panel, x (first parameter), series (second parameter or ''). */
export interface SweepPoint {
  panel: string;
  x: number | string;
  series: string;
  mean: number;
  lo: number | null;
  hi: number | null;
}

/** Sweep lines: one panel per metric against the first parameter, a line per value of the second. */
export function sweepSpec(o: {
  rows: SweepPoint[];
  panels: string[];
  xTitle: string;
  xNumeric: boolean;
  xOrder: Array<number | string>;
  seriesTitle: string | null;
  series: string[];
  title: string;
  valueTitle: string;
}): TopLevelSpec {
  const integers = o.xNumeric && o.xOrder.every((v) => Number.isInteger(v));
  const x = o.xNumeric
    ? { field: 'x', type: 'quantitative' as const, title: o.xTitle, scale: { zero: false }, axis: integers ? { format: 'd', tickMinStep: 1 } : {} }
    : { field: 'x', type: 'ordinal' as const, title: o.xTitle, sort: o.xOrder.map(String) };
  const color = o.seriesTitle !== null
    ? { color: { field: 'series', type: 'nominal' as const, sort: o.series, title: o.seriesTitle, legend: { titleLimit: 400, labelLimit: 300 } } }
    : {};
  return {
    title: o.title,
    config: CONFIG,
    data: { values: withPanelCeiling(o.xNumeric ? o.rows : o.rows.map((r) => ({ ...r, x: String(r.x) }))) },
    columns: 3,
    facet: { field: 'panel', type: 'nominal', sort: o.panels, title: null, header: { labelFontSize: 12, labelLimit: FACET_WIDTH + 60 } },
    spec: {
      width: FACET_WIDTH,
      height: FACET_HEIGHT,
      layer: [
        ceilingLayer(x),
        {
          transform: [{ filter: 'isValid(datum.lo) && isValid(datum.hi)' }],
          mark: { type: 'area', opacity: 0.2 },
          encoding: { x, y: { field: 'lo', type: 'quantitative', title: null }, y2: { field: 'hi' }, ...color },
        },
        {
          mark: { type: 'line', point: true },
          encoding: {
            x,
            y: { field: 'mean', type: 'quantitative', title: null },
            ...color,
            tooltip: [
              { field: 'x', title: o.xTitle },
              ...(o.seriesTitle !== null ? [{ field: 'series', type: 'nominal' as const, title: o.seriesTitle }] : []),
              { field: 'mean', type: 'quantitative' as const, format: '.3~f', title: o.valueTitle },
            ],
          },
        },
      ],
    },
    resolve: { scale: { y: 'independent' } },
  };
}

/** One point of a backtest chart: a metric of one series (log, model, naive) at an hour of the day. */
export interface BacktestPoint {
  hour: number;
  start: string;
  panel: string;
  series: string;
  value: number | null;
}

/** Colours of the series of {@link backtestSpec} (the first drawn solid, the others dashed). */
const SERIES_COLOURS = ['#222222', '#e45756', '#4c78a8'];

/**
 * Series side by side by hour of the day: one panel per metric, a line per series, the first drawn
 * solid and the others dashed. The backtest (log, model, naive forecast: offered, abandonment, SL,
 * wait) and predicted vs measured (compare-live) use it; `hours` narrows the x axis to a window
 * (default the whole day), `colours` replaces the series colours.
 */
export function backtestSpec(o: { points: BacktestPoint[]; panels: Array<{ title: string; percent: boolean }>; series: string[]; title: string; subtitle: string; xTitle: string; hours?: [number, number]; colours?: string[] }): TopLevelSpec {
  const [h0, h1] = o.hours ?? [0, 24];
  const step = h1 - h0 <= 6 ? 1 : 2;
  const ticks = Array.from({ length: Math.floor((h1 - h0) / step) + 1 }, (_, k) => h0 + step * k);
  const xAxis = { values: ticks, labelExpr: "datum.value + ':00'" };
  return {
    title: { text: o.title, subtitle: o.subtitle },
    config: CONFIG,
    vconcat: o.panels.map((p, i) => ({
      title: { text: p.title, fontSize: 12, fontWeight: 'normal' as const, anchor: 'start' as const, offset: 4 },
      width: CHART_WIDTH,
      height: PANEL_HEIGHT,
      data: { values: o.points.filter((x) => x.panel === p.title) },
      mark: { type: 'line', point: { size: 14 } },
      encoding: {
        x: { field: 'hour', type: 'quantitative', title: i === o.panels.length - 1 ? o.xTitle : null, scale: { domain: [h0, h1], nice: false }, axis: { ...xAxis, labels: i === o.panels.length - 1 } },
        y: { field: 'value', type: 'quantitative', title: null, axis: { tickCount: 4, ...(p.percent ? { format: '.0%' } : {}) } },
        color: { field: 'series', type: 'nominal', title: null, scale: { domain: o.series, range: o.colours ?? SERIES_COLOURS }, legend: { orient: 'top', labelLimit: 300 } },
        strokeDash: { field: 'series', type: 'nominal', title: null, scale: { domain: o.series, range: [[1, 0], [5, 3], [2, 2]] } },
        tooltip: [
          { field: 'start', type: 'nominal', title: o.xTitle },
          { field: 'series', type: 'nominal', title: null },
          { field: 'value', type: 'quantitative', title: p.title, format: p.percent ? '.1%' : '.1f' },
        ],
      },
    })),
  } as TopLevelSpec;
}

/** One bin of one series of an overlaid FRT histogram. */
export interface OverlayBin extends HistogramBin {
  series: string;
}

/** One point of one series' FRT CDF (`mark`: a quantile's name, for the quantile points). */
export interface OverlayCdfPoint extends CdfPoint {
  series: string;
  mark?: string;
}

/** Predicted and measured FRT histograms overlaid: translucent bars per series, the service-level line. */
export function frtOverlaySpec(o: { bins: OverlayBin[]; series: string[]; colours: string[]; slTimeSec: number; title: string; xTitle: string; yTitle: string; slLabel: string }): TopLevelSpec {
  return {
    title: o.title,
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    config: CONFIG,
    layer: [
      {
        data: { values: o.bins },
        mark: { type: 'rect', fillOpacity: 0.45, stroke: 'white', strokeWidth: 0.5 },
        encoding: {
          x: { field: 'loSec', type: 'quantitative', title: o.xTitle, scale: { zero: true } },
          x2: { field: 'hiSec' },
          y: { field: 'share', type: 'quantitative', title: o.yTitle, axis: { format: '.0%' }, stack: null },
          color: { field: 'series', type: 'nominal', title: null, scale: { domain: o.series, range: o.colours }, legend: { orient: 'top' } },
          tooltip: [
            { field: 'series', type: 'nominal', title: null },
            { field: 'range', type: 'nominal', title: o.xTitle },
            { field: 'share', type: 'quantitative', format: '.1%', title: o.yTitle },
          ],
        },
      },
      slRuleLayer(o.slTimeSec, o.slLabel),
    ],
  };
}

/**
 * Predicted and measured FRT CDFs overlaid: a line per series that has the full distribution, and
 * each series' quantiles (p50, p90, p99) as points — all a side without a histogram (k6) has.
 */
export function frtCdfOverlaySpec(o: { lines: OverlayCdfPoint[]; quantiles: OverlayCdfPoint[]; series: string[]; colours: string[]; slTimeSec: number; title: string; xTitle: string; yTitle: string; slLabel: string }): TopLevelSpec {
  const colour = { field: 'series', type: 'nominal' as const, title: null, scale: { domain: o.series, range: o.colours }, legend: { orient: 'top' as const } };
  const x = { field: 'sec', type: 'quantitative' as const, title: o.xTitle };
  const y = { field: 'cum', type: 'quantitative' as const, title: o.yTitle, scale: { domain: [0, 1] }, axis: { format: '.0%' } };
  return {
    title: o.title,
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    config: CONFIG,
    layer: [
      ...(o.lines.length > 0 ? [{
        data: { values: o.lines },
        mark: { type: 'line' as const, interpolate: 'linear' as const },
        encoding: { x, y, color: colour, detail: { field: 'series', type: 'nominal' as const } },
      }] : []),
      {
        data: { values: o.quantiles },
        mark: { type: 'point' as const, filled: true, size: 60 },
        encoding: {
          x, y, color: colour,
          shape: { field: 'series', type: 'nominal' as const, title: null, scale: { domain: o.series, range: ['circle', 'diamond'] }, legend: { orient: 'top' as const } },
          tooltip: [
            { field: 'series', type: 'nominal' as const, title: null },
            { field: 'mark', type: 'nominal' as const, title: null },
            { field: 'sec', type: 'quantitative' as const, format: '.1f', title: o.xTitle },
          ],
        },
      },
      slRuleLayer(o.slTimeSec, o.slLabel),
    ],
  } as TopLevelSpec;
}
