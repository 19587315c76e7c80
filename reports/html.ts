// The self-contained HTML report: headline KPI table against the SLA targets, the charts of each
// result (rendered in the page by vega-embed, with vega, vega-lite and vega-embed inlined — no
// network), and the tables. Pure: the caller passes the library sources in; must not import cli/
// or touch files.

import { metricLabel, t, type Lang } from './labels.js';
import { formatCi, formatDifference, formatDifferenceCi, formatValue, unitOf } from './format.js';
import { CLASS_METRICS, HEADLINE_METRICS, backtestCharts, compareCharts, compareLiveCharts, liveIntervalPairs, runCharts, runsSideBySideChart, sweepCharts, type ReportChart } from './charts.js';
import type { BacktestDocument, CompareDocument, CompareLiveDocument, LiveIntervalRow, MetricSummary, ReportInput, RunDocument, SweepDocument, TargetResult } from './results.js';
import { LIVE_RATE_METRICS } from '../core/live-compare.js';

/** Text every file a report writes carries (HTML meta, SVG comment, PNG text chunk): marks it as ours. */
export const REPORT_MARKER = 'chatsim report';

/** The browser builds of the chart libraries, inlined into the page. */
export interface ReportLibraries {
  vega: string;
  vegaLite: string;
  vegaEmbed: string;
}

/** One part of a report: a heading, HTML tables and its charts (ids unique in the report). */
export interface ReportSection {
  /** Prefix of this section's chart ids and output files (the input's file stem, made unique). */
  key: string;
  heading: string;
  /** HTML shown above the charts (meta and tables). */
  before: string;
  charts: ReportChart[];
  /** HTML shown after the charts (agent ranking). */
  after: string;
}

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** File stem of a path: `results/day-1.json` → `day-1`. */
function stem(file: string): string {
  const base = file.split(/[\\/]/).pop() ?? file;
  return (base.replace(/\.[^.]*$/, '') || base).replace(/[^A-Za-z0-9._-]+/g, '-');
}

/** Keys for the inputs: their file stems, suffixed `-2`, `-3`… where two are the same. */
function sectionKeys(inputs: readonly ReportInput[]): string[] {
  const seen = new Map<string, number>();
  return inputs.map((input) => {
    const base = stem(input.file);
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base}-${n}`;
  });
}

const OPS: Record<TargetResult['op'], string> = { '>=': '≥', '<=': '≤', '>': '>', '<': '<' };

/** A target in words: `Service level ≥ 65.0 %`. */
function targetText(x: Pick<TargetResult, 'metric' | 'op' | 'value'>, lang: Lang): string {
  return `${metricLabel(x.metric, lang)} ${OPS[x.op]} ${formatValue(x.value, unitOf(x.metric), lang)}`;
}

/** A verdict badge: pass / fail, with "at risk" when the CI straddles the target. */
function verdict(x: TargetResult, lang: Lang): string {
  const word = x.pass ? t('pass', lang) : t('fail', lang);
  const risk = x.atRisk ? ` <span class="risk">${escapeHtml(t('atRisk', lang))}</span>` : '';
  return `<span class="badge ${x.pass ? 'pass' : 'fail'}">${x.pass ? '✓' : '✗'} ${escapeHtml(word)}</span>${risk}`;
}

/** An HTML table from a header and rows of cell HTML; `classes` per row. */
function table(head: string[], rows: string[][], rowClass: (i: number) => string = () => ''): string {
  const th = head.map((h) => `<th>${h}</th>`).join('');
  const body = rows.map((r, i) => {
    const cls = rowClass(i);
    return `<tr${cls ? ` class="${cls}"` : ''}>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`;
  }).join('\n');
  return `<table>\n<thead><tr>${th}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
}

/** A definition list of the run's settings. */
function metaList(items: Array<[string, string]>): string {
  return `<dl class="meta">${items.map(([k, v]) => `<div><dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd></div>`).join('')}</dl>`;
}

const sec = (x: number, lang: Lang) => formatValue(x, 'sec', lang);

/** Headline KPIs with their overall targets, then the per-interval and per-group targets. */
function kpiTables(doc: RunDocument, lang: Lang): string {
  const targets = doc.targets ?? [];
  const overall = targets.filter((x) => x.scope === 'overall');
  const names: string[] = [...HEADLINE_METRICS];
  for (const x of overall) if (!names.includes(x.metric)) names.push(x.metric);
  const rows: string[][] = [];
  const classes: string[] = [];
  // looked up by name: a target may name a metric this build does not know
  const metrics: Readonly<Record<string, MetricSummary | undefined>> = doc.metrics;
  for (const name of names) {
    const v = metrics[name];
    if (!v) continue;
    const unit = unitOf(name);
    const mine = overall.filter((x) => x.metric === name);
    rows.push([
      escapeHtml(metricLabel(name, lang)),
      `<span class="num">${escapeHtml(formatValue(v.mean, unit, lang))}</span>`,
      `<span class="num">${escapeHtml(formatCi(v.ci95, unit, lang))}${v.sparse ? ' *' : ''}</span>`,
      mine.length ? mine.map((x) => escapeHtml(`${OPS[x.op]} ${formatValue(x.value, unit, lang)}`)).join('<br>') : t('noTarget', lang),
      mine.length ? mine.map((x) => verdict(x, lang)).join('<br>') : '',
    ]);
    classes.push(mine.length === 0 ? '' : mine.every((x) => x.pass) ? 'pass' : 'fail');
  }
  const met = targets.filter((x) => x.pass).length;
  const summary = targets.length > 0
    ? `<p class="summary ${met === targets.length ? 'pass' : 'fail'}">${met} / ${targets.length} ${escapeHtml(t('targetsPassed', lang))}</p>`
    : `<p class="summary">${escapeHtml(t('noTargets', lang))}</p>`;
  const head = [t('metric', lang), t('mean', lang), t('ci95', lang), t('target', lang), t('verdict', lang)].map(escapeHtml);
  const sparse = names.some((name) => metrics[name]?.sparse !== undefined) ? `\n<p class="note">${escapeHtml(t('sparseNote', lang))}</p>` : '';
  let out = `<h3>${escapeHtml(t('kpis', lang))}</h3>\n${summary}\n${table(head, rows, (i) => classes[i])}${sparse}`;

  const scoped = targets.filter((x) => x.scope !== 'overall');
  if (scoped.length > 0) {
    const scopedRows = scoped.map((x) => {
      const unit = unitOf(x.metric);
      const scope = x.scope === 'interval' ? t('scopeInterval', lang) : `${t('scopeGroup', lang)} ${x.group ?? ''}`;
      const measured = x.scope === 'interval' && x.worstInterval
        ? `${formatValue(x.measured, unit, lang)} (${t('worstInterval', lang)} ${x.worstInterval})`
        : formatValue(x.measured, unit, lang);
      const missed = (x.missedIntervals ?? []).map((m) => m.start).join(', ');
      return [
        escapeHtml(targetText(x, lang)),
        escapeHtml(scope),
        `<span class="num">${escapeHtml(measured)}</span>`,
        verdict(x, lang) + (missed ? `<div class="missed">${escapeHtml(t('missedIntervals', lang))}: ${escapeHtml(missed)}</div>` : ''),
      ];
    });
    const scopedHead = [t('target', lang), t('scope', lang), t('measured', lang), t('verdict', lang)].map(escapeHtml);
    out += `\n<h3>${escapeHtml(t('otherTargets', lang))}</h3>\n${table(scopedHead, scopedRows, (i) => (scoped[i].pass ? 'pass' : 'fail'))}`;
  }
  return out;
}

/** Columns of the agent ranking table, after rank, id and group. */
export const AGENT_RANKING_METRICS = ['served', 'chatsPerHour', 'frtMean', 'occupancy', 'utilisation', 'onlineHours', 'abandonedAfterAssign', 'transfersIn', 'misses'] as const;

/** Agents ranked by chats served (ties by id). */
function agentRanking(doc: RunDocument, lang: Lang): string {
  if (doc.agents.length === 0) return '';
  const agents = [...doc.agents].sort((a, b) => (b.served ?? -1) - (a.served ?? -1) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  // columns the result has (older results lack transfersIn and misses)
  const columns = AGENT_RANKING_METRICS.filter((m) => m in doc.agents[0]);
  const head = [t('rank', lang), t('agent', lang), t('group', lang), ...columns.map((m) => metricLabel(m, lang))].map(escapeHtml);
  const rows = agents.map((a, i) => [
    String(i + 1),
    escapeHtml(a.id),
    escapeHtml(a.group),
    ...columns.map((m) => `<span class="num">${escapeHtml(formatValue(a[m], unitOf(m), lang))}</span>`),
  ]);
  return `<h3>${escapeHtml(t('agentRanking', lang))}</h3>\n${table(head, rows)}`;
}

/** The per-class table: a row per priority class with the class metrics' means ('' without classes). */
function classTable(doc: RunDocument, lang: Lang): string {
  const classes = Object.entries(doc.classes ?? {});
  if (classes.length === 0) return '';
  const head = [t('priorityClass', lang), ...CLASS_METRICS.map((m) => metricLabel(m, lang))].map(escapeHtml);
  const rows = classes.map(([id, values]) => [
    escapeHtml(id),
    ...CLASS_METRICS.map((m) => `<span class="num">${escapeHtml(formatValue(values[m], unitOf(m), lang))}</span>`),
  ]);
  return `<h3>${escapeHtml(t('byClass', lang))}</h3>\n<p>${escapeHtml(t('classNote', lang))}</p>\n${table(head, rows)}`;
}

function runSection(doc: RunDocument, file: string, key: string, lang: Lang): ReportSection {
  const before = [
    metaList([
      [t('file', lang), file],
      [t('seed', lang), doc.seed],
      [t('replications', lang), String(doc.replications)],
      [t('policy', lang), doc.policy],
      [t('slTime', lang), sec(doc.slTimeSec, lang)],
      ...(doc.warmupSec > 0 ? [[t('warmup', lang), sec(doc.warmupSec, lang)] as [string, string]] : []),
    ]),
    kpiTables(doc, lang),
    classTable(doc, lang),
  ].filter(Boolean).join('\n');
  return { key, heading: `${t('run', lang)}: ${doc.scenario.name}`, before, charts: runCharts(doc, lang), after: agentRanking(doc, lang) };
}

function compareSection(doc: CompareDocument, file: string, key: string, lang: Lang): ReportSection {
  const rows: string[][] = [];
  for (const m of doc.metrics) {
    const unit = unitOf(m);
    doc.policies.forEach((p, i) => {
      const v = p.metrics[m];
      const d = p.differences?.[m];
      rows.push([
        i === 0 ? escapeHtml(metricLabel(m, lang)) : '',
        escapeHtml(p.policy),
        `<span class="num">${escapeHtml(formatValue(v?.mean, unit, lang))}</span>`,
        `<span class="num">${escapeHtml(formatCi(v?.ci95, unit, lang))}</span>`,
        d ? `<span class="num">${escapeHtml(formatDifference(d.mean, unit, lang))} ${escapeHtml(formatDifferenceCi(d.ci95, unit, lang))}</span>` : '',
        d ? escapeHtml(d.mean === null ? '' : d.significant ? t('significant', lang) : t('notSignificant', lang)) : escapeHtml(t('baseline', lang)),
      ]);
    });
  }
  const head = [t('metric', lang), t('policy', lang), t('mean', lang), t('ci95', lang), `${t('difference', lang)} (${doc.baseline})`, ''].map(escapeHtml);
  const before = [
    metaList([
      [t('file', lang), file],
      [t('seed', lang), doc.seed],
      [t('replications', lang), String(doc.replications)],
      [t('baseline', lang), doc.baseline],
      [t('slTime', lang), sec(doc.slTimeSec, lang)],
    ]),
    table(head, rows),
  ].join('\n');
  return { key, heading: `${t('compare', lang)}: ${doc.scenario.name}`, before, charts: compareCharts(doc, lang), after: '' };
}

function sweepSection(doc: SweepDocument, file: string, key: string, lang: Lang): ReportSection {
  const before = metaList([
    [t('file', lang), file],
    [t('seed', lang), doc.seed],
    [t('replications', lang), String(doc.replications)],
    ...doc.parameters.map((p) => [`${t('parameters', lang)}: ${p.path}`, p.values.join(', ')] as [string, string]),
  ]);
  const head = [...doc.parameters.map((p) => p.path), ...doc.metrics.map((m) => metricLabel(m, lang))].map(escapeHtml);
  const rows = doc.runs.map((r) => [
    ...doc.parameters.map((p) => escapeHtml(String(r.settings[p.path]))),
    ...doc.metrics.map((m) => {
      const unit = unitOf(m);
      const v = r.metrics[m];
      return `<span class="num">${escapeHtml(formatValue(v?.mean, unit, lang))}</span> <span class="ci">${escapeHtml(formatCi(v?.ci95, unit, lang))}</span>`;
    }),
  ]);
  return { key, heading: `${t('sweep', lang)}: ${doc.scenario.name}`, before, charts: sweepCharts(doc, lang), after: table(head, rows) };
}

function backtestSection(doc: BacktestDocument, file: string, key: string, lang: Lang): ReportSection {
  const pctText = (x: number | null | undefined) => (typeof x === 'number' && Number.isFinite(x) ? `${(100 * x).toFixed(1)} %` : '–');
  const ppText = (x: number | null | undefined, signed: boolean) => (typeof x === 'number' && Number.isFinite(x) ? `${signed && x >= 0 ? '+' : ''}${x.toFixed(1)}` : '–');
  const naive = doc.scores.naive;
  const row = (label: string, f: (s: BacktestDocument['scores']['predicted']) => string) => [escapeHtml(label), `<span class="num">${escapeHtml(f(doc.scores.predicted))}</span>`, ...(naive ? [`<span class="num">${escapeHtml(f(naive))}</span>`] : [])];
  const head = ['', t('model', lang), ...(naive ? [t('naive', lang)] : [])].map(escapeHtml);
  const rows = [
    row(t('hourlyAbandonmentMape', lang), (s) => pctText(s.abandonmentMape)),
    row(t('dailySlError', lang), (s) => ppText(s.dailySlErrorPp, false)),
    row(t('periodSlError', lang), (s) => ppText(s.periodSlErrorPp, true)),
    row(t('periodAbandonmentError', lang), (s) => ppText(s.periodAbandonmentErrorPp, true)),
  ];
  const before = [
    metaList([
      [t('file', lang), file],
      [t('logs', lang), doc.logs.join(', ')],
      [t('days', lang), String(doc.days.length)],
      [t('replications', lang), String(doc.replications)],
      [t('slTime', lang), sec(doc.slTimeSec, lang)],
    ]),
    table(head, rows),
  ].join('\n');
  return { key, heading: `${t('backtest', lang)}: ${doc.scenario.name}`, before, charts: backtestCharts(doc, lang), after: '' };
}

/** The columns of the per-interval table of a comparison, after the interval. */
const LIVE_INTERVAL_COLUMNS = ['offered', 'frtMean', 'frtP90', 'serviceLevel', 'abandonRate', 'abandonRateTotal'] as const;

/** Notes on what a side lacks, in plain words. */
function liveNotes(doc: CompareLiveDocument, lang: Lang): string[] {
  const sides = doc.sides;
  if (sides === undefined) return [t('liveNoSides', lang)];
  const notes: string[] = [];
  for (const [side, label] of [[sides.predicted, 'predictedSide'], [sides.measured, 'measuredSide']] as const) {
    const from = ` (${side.source})`;
    if (side.frt === null) notes.push(`${t(label, lang)}${from} ${t('liveNoFrt', lang)}`);
    if (side.intervals === null) notes.push(`${t(label, lang)}${from} ${t('liveNoIntervals', lang)}`);
  }
  const m = sides.measured;
  if (m.intervals !== null) {
    const iv = sides.predicted.intervalSec ?? m.intervalSec ?? 0;
    if (m.clockOffsetSec === null) notes.push(t('liveClockUnknown', lang));
    else if (iv > 0) {
      const off = ((m.clockOffsetSec % iv) + iv) % iv;
      const straddle = Math.min(off, iv - off);
      if (straddle >= 1) notes.push(`${t('liveClockShifted', lang)} ${formatValue(straddle, 'sec', lang)}.`);
    }
  }
  return notes;
}

/** A predicted-vs-measured comparison: what was compared, the table with deltas and verdicts, notes on what is missing, the charts, the per-interval table. */
function compareLiveSection(doc: CompareLiveDocument, file: string, key: string, lang: Lang): ReportSection {
  const r = doc.replay;
  const ms = (x: number | null | undefined) => (typeof x === 'number' ? `${x.toFixed(1)} ms` : '–');
  const clock = (x: number) => `${String(Math.floor(x / 3600)).padStart(2, '0')}:${String(Math.floor((x % 3600) / 60)).padStart(2, '0')}`;
  const meta = metaList([
    [t('file', lang), file],
    [t('predictedFrom', lang), doc.predictedFrom],
    [t('measuredFrom', lang), doc.measuredFrom],
    ...(r ? [
      [t('replayWindow', lang), `${clock(r.t0Sec)} (${t('replayTo', lang)} ${clock(Math.min(r.toSec, 86_400))})`],
      [t('timeScale', lang), String(r.timeScale)],
      [t('visitorsStarted', lang), `${r.started} / ${r.visitors}`],
      [t('lostMessages', lang), String(r.lostMessages)],
      ...(r.violations !== null ? [[t('violations', lang), String(r.violations)] as [string, string]] : []),
      [t('arrivalLag', lang), `${ms(r.lag.p50Ms)} / ${ms(r.lag.p99Ms)} / ${ms(r.lag.maxMs)}`],
    ] as Array<[string, string]> : []),
  ]);
  const summary = doc.tolerances.length === 0
    ? `<p class="summary">${escapeHtml(t('tolerancesNone', lang))}</p>`
    : doc.pass ? `<p class="summary pass">${escapeHtml(t('tolerancesMet', lang))}</p>`
      : `<p class="summary fail">${escapeHtml(t('tolerancesFailed', lang))}: ${escapeHtml(doc.failed.join(', '))}</p>`;
  const head = [t('metric', lang), t('predictedColumn', lang), t('measured', lang), t('delta', lang), t('deltaRelative', lang), t('tolerance', lang), t('verdict', lang)].map(escapeHtml);
  const rows = doc.rows.map((x) => {
    const unit = unitOf(x.metric);
    const rel = x.deltaRelative === null || LIVE_RATE_METRICS.has(x.metric) ? '' : `${(x.deltaRelative * 100).toFixed(1)} %`;
    return [
      escapeHtml(metricLabel(x.metric, lang)),
      `<span class="num">${escapeHtml(formatValue(x.predicted, unit, lang))}</span>`,
      `<span class="num">${escapeHtml(formatValue(x.measured, unit, lang))}</span>`,
      `<span class="num">${escapeHtml(formatDifference(x.delta, unit, lang))}</span>`,
      `<span class="num">${escapeHtml(rel)}</span>`,
      escapeHtml(x.tolerance ?? ''),
      x.pass === undefined ? '' : `<span class="badge ${x.pass ? 'pass' : 'fail'}">${x.pass ? '✓' : '✗'} ${escapeHtml(t(x.pass ? 'pass' : 'fail', lang))}</span>`,
    ];
  });
  const notes = liveNotes(doc, lang).map((n) => `<p class="note">${escapeHtml(n)}</p>`).join('\n');
  const before = [meta, summary, table(head, rows, (i) => (doc.rows[i].pass === undefined ? '' : doc.rows[i].pass ? 'pass' : 'fail')), notes].filter(Boolean).join('\n');
  return { key, heading: `${t('compareLive', lang)}: ${doc.scenario.name || file}`, before, charts: compareLiveCharts(doc, lang), after: liveIntervalTable(doc, lang) };
}

/** The per-interval table of a comparison: a row per interval either side saw conversations in, each cell `predicted / measured`. */
function liveIntervalTable(doc: CompareLiveDocument, lang: Lang): string {
  const pairs = liveIntervalPairs(doc);
  if (pairs.length === 0) return '';
  const cell = (row: LiveIntervalRow | null, m: (typeof LIVE_INTERVAL_COLUMNS)[number]) => (row === null ? '–' : formatValue(row[m], unitOf(m), lang));
  const head = [t('interval', lang), ...LIVE_INTERVAL_COLUMNS.map((m) => metricLabel(m, lang))].map(escapeHtml);
  const rows = pairs.map((p) => [
    escapeHtml(p.start),
    ...LIVE_INTERVAL_COLUMNS.map((m) => `<span class="num">${escapeHtml(cell(p.predicted, m))} / ${escapeHtml(cell(p.measured, m))}</span>`),
  ]);
  return `<h3>${escapeHtml(t('liveIntervalTable', lang))}</h3>\n${table(head, rows)}`;
}

/** Several runs side by side: a KPI table with a column per run, and the bars with CIs. */
function runsSection(runs: ReadonlyArray<{ label: string; doc: RunDocument }>, lang: Lang): ReportSection {
  const head = [t('metric', lang), ...runs.map((r) => r.label)].map(escapeHtml);
  const rows = HEADLINE_METRICS.map((m) => [
    escapeHtml(metricLabel(m, lang)),
    ...runs.map((r) => `<span class="num">${escapeHtml(formatValue(r.doc.metrics[m]?.mean, unitOf(m), lang))}</span>`),
  ]);
  const verdicts = [
    escapeHtml(t('verdict', lang)),
    ...runs.map((r) => {
      const targets = r.doc.targets ?? [];
      const met = targets.filter((x) => x.pass).length;
      return targets.length === 0 ? t('noTarget', lang) : `<span class="badge ${met === targets.length ? 'pass' : 'fail'}">${met} / ${targets.length}</span>`;
    }),
  ];
  return { key: 'runs', heading: t('runsSideBySide', lang), before: table(head, [...rows, verdicts]), charts: runsSideBySideChart(runs, lang), after: '' };
}

/**
 * The sections of a report, in order: with two or more runs, "runs side by side" first; then one
 * section per input in the order given (run, compare, sweep, backtest or compare-live). Chart ids are `<key>-<chart>`.
 */
export function reportSections(inputs: readonly ReportInput[], lang: Lang): ReportSection[] {
  const keys = sectionKeys(inputs);
  const sections = inputs.map((input, i) => {
    const { doc } = input;
    const section = doc.kind === 'run' ? runSection(doc, input.file, keys[i], lang)
      : doc.kind === 'compare' ? compareSection(doc, input.file, keys[i], lang)
        : doc.kind === 'backtest' ? backtestSection(doc, input.file, keys[i], lang)
          : doc.kind === 'compare-live' ? compareLiveSection(doc, input.file, keys[i], lang)
            : sweepSection(doc, input.file, keys[i], lang);
    return { ...section, charts: section.charts.map((c) => ({ ...c, id: `${keys[i]}-${c.id}` })) };
  });
  const runs = inputs.flatMap((input, i) => (input.doc.kind === 'run' ? [{ label: keys[i], doc: input.doc }] : []));
  if (runs.length >= 2) {
    const side = runsSection(runs, lang);
    sections.unshift({ ...side, charts: side.charts.map((c) => ({ ...c, id: `runs-${c.id}` })) });
  }
  return sections;
}

/** JSON safe inside a `<script>` element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** A library's source made safe inside a `<script>` element. */
function scriptSource(source: string): string {
  return source.replace(/<\/script/gi, '<\\/script');
}

const STYLE = `
body { font-family: system-ui, -apple-system, "Segoe UI", "Noto Sans", "PingFang SC", "Microsoft YaHei", sans-serif; margin: 24px auto; max-width: 1040px; padding: 0 16px; color: #222; }
h1 { font-size: 24px; } h2 { font-size: 20px; margin-top: 40px; border-bottom: 1px solid #ddd; padding-bottom: 4px; } h3 { font-size: 16px; margin-top: 24px; }
table { border-collapse: collapse; margin: 8px 0 16px; font-size: 14px; }
th, td { border-bottom: 1px solid #e5e5e5; padding: 4px 10px; text-align: left; vertical-align: top; }
th { background: #f5f5f5; }
tr.pass td:first-child { border-left: 4px solid #1a9850; } tr.fail td:first-child { border-left: 4px solid #d73027; }
.num { font-variant-numeric: tabular-nums; white-space: nowrap; }
.badge { display: inline-block; padding: 0 6px; border-radius: 4px; font-weight: 600; white-space: nowrap; }
.badge.pass { background: #d9f0d3; color: #1b5e20; } .badge.fail { background: #fddbc7; color: #b2182b; }
.risk { color: #8a6d00; font-size: 12px; } .missed { font-size: 12px; color: #555; }
.summary { font-weight: 600; } .summary.pass { color: #1b5e20; } .summary.fail { color: #b2182b; }
dl.meta { display: flex; flex-wrap: wrap; gap: 4px 24px; font-size: 14px; color: #444; } dl.meta div { display: flex; gap: 6px; } dl.meta dt { font-weight: 600; } dl.meta dd { margin: 0; }
.note { font-size: 13px; color: #555; } .chart { margin: 16px 0 24px; overflow-x: auto; } .chart-error { color: #b2182b; } .ci { color: #666; font-size: 12px; white-space: nowrap; }
`;

/** Renders every chart with vega-embed, then resolves `window.__chatsimRendered` with the mark counts. */
const BOOT = `
(function () {
  var charts = JSON.parse(document.getElementById('chatsim-specs').textContent);
  var jobs = charts.map(function (c) {
    var el = document.getElementById(c.id);
    return vegaEmbed(el, c.spec, { mode: 'vega-lite', renderer: 'svg', actions: false })
      .then(function (result) { return result.view.runAsync(); })
      .then(function () {
        var marks = el.querySelectorAll('svg .role-mark > *').length;
        el.setAttribute('data-marks', String(marks));
        return { id: c.id, marks: marks };
      })
      .catch(function (err) {
        console.error('chart ' + c.id + ': ' + (err && err.message ? err.message : err));
        el.className += ' chart-error';
        el.textContent = String(err && err.message ? err.message : err);
        return { id: c.id, marks: 0, error: String(err) };
      });
  });
  window.__chatsimRendered = Promise.all(jobs);
})();
`;

/**
 * The report as one HTML file that opens offline: every library and spec inlined, no URL loaded.
 * Deterministic: the same inputs give the same bytes.
 * @example reportHtml([{ file: 'day.json', doc }], { lang: 'zh', libraries })
 */
export function reportHtml(inputs: readonly ReportInput[], options: { lang: Lang; libraries: ReportLibraries }): string {
  const { lang, libraries } = options;
  const sections = reportSections(inputs, lang);
  const names = [...new Set(inputs.map((i) => i.doc.scenario.name))].join(', ');
  const title = `${t('reportTitle', lang)} — ${names}`;
  const body = sections.map((s) => [
    `<section id="${escapeHtml(s.key)}">`,
    `<h2>${escapeHtml(s.heading)}</h2>`,
    s.before,
    ...s.charts.map((c) => `<div class="chart" id="${escapeHtml(c.id)}" role="img" aria-label="${escapeHtml(c.title)}"></div>`),
    s.after,
    '</section>',
  ].filter(Boolean).join('\n')).join('\n');
  const specs = sections.flatMap((s) => s.charts.map((c) => ({ id: c.id, spec: c.spec })));
  return [
    '<!doctype html>',
    `<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}">`,
    '<head>',
    '<meta charset="utf-8">',
    `<meta name="generator" content="${REPORT_MARKER}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    `<h1>${escapeHtml(title)}</h1>`,
    body,
    `<script>${scriptSource(libraries.vega)}</script>`,
    `<script>${scriptSource(libraries.vegaLite)}</script>`,
    `<script>${scriptSource(libraries.vegaEmbed)}</script>`,
    `<script type="application/json" id="chatsim-specs">${scriptJson(specs)}</script>`,
    `<script>${BOOT}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
