// Predicted vs measured: the metrics a live replay is judged on, tolerances (`frtP90=10%`,
// `abandonRate=2pp`, `queueWaitMean=5s`) and the side-by-side comparison with deltas and a verdict
// per tolerance. One definition for `chatsim replay`, `chatsim compare-live` and the end-to-end
// test; and what each side brings for the report (its FRT histogram and per-interval series, the
// run document's own representations). Pure; imports only the kernel.

import { ChatsimError, EXIT_INVALID } from './errors.js';
import type { FrtHistogram } from './metrics/distributions.js';
import type { IntervalSummary, Summary } from './metrics/summary.js';

/** The metrics compared, in table order (the catalogue's names; `arrivalLag*` are the load's own). */
export const LIVE_METRICS = [
  'offered', 'answered', 'frtMean', 'frtP50', 'frtP90', 'frtP99', 'serviceLevel', 'queueWaitMean', 'queueWaitMeanAll',
  'abandonRate', 'abandonRateTotal', 'avgResponseTime', 'occupancy',
] as const;
export type LiveMetric = (typeof LIVE_METRICS)[number];

/** Shares (compared in percentage points); the rest are seconds or counts (compared relatively). */
export const LIVE_RATE_METRICS: ReadonlySet<string> = new Set(['serviceLevel', 'abandonRate', 'abandonRateTotal', 'occupancy']);

/** The tolerances `chatsim replay` and `compare-live` apply when none are given. */
export const DEFAULT_LIVE_TOLERANCES = 'frtP50=10%,frtP90=10%,abandonRate=2pp';

/** How far measured may be from predicted: relative (`10%`), in percentage points (`2pp`, shares) or absolute seconds (`5s`). */
export interface LiveTolerance {
  metric: LiveMetric;
  kind: 'relative' | 'points' | 'seconds';
  /** 0.1 for 10 %, 0.02 for 2 pp, 5 for 5 s. */
  value: number;
  /** As written. */
  text: string;
}

/**
 * Parses `frtP90=10%,abandonRate=2pp,queueWaitMean=5s`.
 * @throws {ChatsimError} (exit 2) naming the bad item and the known metrics
 * @example parseLiveTolerances('frtP90=10%')[0] // { metric: 'frtP90', kind: 'relative', value: 0.1, text: 'frtP90=10%' }
 */
export function parseLiveTolerances(text: string): LiveTolerance[] {
  const out: LiveTolerance[] = [];
  for (const raw of text.split(',').map((s) => s.trim()).filter((s) => s !== '')) {
    const m = /^([A-Za-z0-9]+)\s*=\s*(\d+(?:\.\d+)?)\s*(%|pp|s)$/.exec(raw);
    const bad = (why: string) => new ChatsimError(`--tolerance: ${raw}: ${why}`, { exitCode: EXIT_INVALID, hint: `write metric=10% (relative), metric=2pp (shares) or metric=5s; metrics: ${LIVE_METRICS.join(', ')}` });
    if (m === null) throw bad('not metric=<number>% | pp | s');
    const metric = m[1] as LiveMetric;
    if (!(LIVE_METRICS as readonly string[]).includes(metric)) throw bad(`unknown metric "${m[1]}"`);
    const n = Number(m[2]);
    const kind = m[3] === '%' ? 'relative' : m[3] === 'pp' ? 'points' : 'seconds';
    if (kind === 'points' && !LIVE_RATE_METRICS.has(metric)) throw bad(`${metric} is not a share: use % or s`);
    out.push({ metric, kind, value: kind === 'seconds' ? n : n / 100, text: raw });
  }
  return out;
}

/** One row of the comparison. */
export interface LiveRow {
  metric: string;
  predicted: number | null;
  measured: number | null;
  /** measured − predicted (null when either is missing). */
  delta: number | null;
  /** delta / predicted (null when predicted is 0 or missing). */
  deltaRelative: number | null;
  /** The tolerance applied, as written, and its verdict; absent when none applies. */
  tolerance?: string;
  pass?: boolean;
}

/** Arrival lag of the load (wall ms, and the scenario seconds it stands for at the time scale). */
export interface LiveLag {
  count: number;
  p50Ms: number | null;
  p99Ms: number | null;
  maxMs: number | null;
  p50Sec: number | null;
  p99Sec: number | null;
  maxSec: number | null;
}

/** The comparison: rows in {@link LIVE_METRICS} order, the verdict, the lag when known. */
export interface LiveComparison {
  rows: LiveRow[];
  /** Every tolerance met (true when none was given). */
  pass: boolean;
  /** Tolerances that failed, as written. */
  failed: string[];
  lag?: LiveLag;
}

/** Whether `measured` is within `t` of `predicted`. A missing value fails. */
export function withinTolerance(t: LiveTolerance, predicted: number | null, measured: number | null): boolean {
  if (predicted === null || measured === null) return predicted === measured;
  const d = Math.abs(measured - predicted);
  const eps = 1e-12;
  if (t.kind === 'relative') return d <= t.value * Math.abs(predicted) + eps;
  return d <= t.value + eps;
}

/**
 * Compares predicted and measured metric values (by name; null: not defined in that run).
 * @example compareLive({ frtP90: 40 }, { frtP90: 43 }, parseLiveTolerances('frtP90=10%')).pass // true
 */
export function compareLive(
  predicted: Readonly<Record<string, number | null | undefined>>,
  measured: Readonly<Record<string, number | null | undefined>>,
  tolerances: readonly LiveTolerance[],
  lag?: LiveLag,
): LiveComparison {
  const failed: string[] = [];
  const rows = LIVE_METRICS.map((metric): LiveRow => {
    const p = num(predicted[metric]);
    const m = num(measured[metric]);
    const delta = p !== null && m !== null ? m - p : null;
    const row: LiveRow = { metric, predicted: p, measured: m, delta, deltaRelative: delta !== null && p !== 0 && p !== null ? delta / p : null };
    const ts = tolerances.filter((t) => t.metric === metric);
    if (ts.length > 0) {
      row.tolerance = ts.map((t) => t.text.slice(t.text.indexOf('=') + 1)).join(' & ');
      row.pass = ts.every((t) => withinTolerance(t, p, m));
      if (!row.pass) failed.push(...ts.map((t) => t.text));
    }
    return row;
  });
  return { rows, pass: failed.length === 0, failed, ...(lag !== undefined ? { lag } : {}) };
}

const num = (v: number | null | undefined): number | null => finiteOrNull(v);

// ------------------------------------------------------------------------------ the two sides

/** Per-interval columns a compare-live document keeps of each side (the run document's interval rows, these columns). */
export const LIVE_INTERVAL_METRICS = ['arrivals', 'arrivalsPerDay', ...LIVE_METRICS] as const;
export type LiveIntervalMetric = (typeof LIVE_INTERVAL_METRICS)[number];

/** One interval of the day of one side: the run document's interval row, cut to {@link LIVE_INTERVAL_METRICS}. */
export type LiveIntervalRow = Pick<IntervalSummary, 'index' | 'start' | 'startSec'> & Record<LiveIntervalMetric, number | null>;

/**
 * What one side of a comparison brings besides its overall values, for the report: the FRT
 * histogram and the per-interval rows, as a run document holds them (computed by the kernel's
 * metric code: a simulation, or a backend export measured). Null where the source has none: a k6
 * summary keeps neither (only FRT quantiles, which the rows carry).
 */
export interface LiveSide {
  /** What the side was read from: 'run' (a run document or the simulator), 'export', 'replay' (a compare-live document), 'k6'. */
  source: string;
  /** Service-level threshold T the side was measured with, seconds; null when the source does not say (a k6 summary). */
  slTimeSec: number | null;
  /** FRT histogram of answered conversations (the run document's `distributions.frt`); null without the full distribution. */
  frt: FrtHistogram<number | null> | null;
  /** Length of an interval, seconds; null without per-interval data. */
  intervalSec: number | null;
  /** Every interval of the day, in order; null without per-interval data. */
  intervals: LiveIntervalRow[] | null;
  /**
   * Scenario seconds to add to this side's interval starts to put them on the trace's clock: 0 for
   * a prediction, and for a replay's export (the replay moves the backend's instants onto the
   * trace's clock before measuring them: the backend's clock counts from the server's start); null
   * when unknown (a backend export read on its own is measured on the backend's clock).
   */
  clockOffsetSec: number | null;
}

/**
 * One side from a summary (of a simulation, a run document, or a measured export).
 * @example liveSide(runTrace(header, visitors).summary, { source: 'run', slTimeSec: 20, intervalSec: 1800, clockOffsetSec: 0 })
 */
export function liveSide(s: Pick<Summary, 'intervals' | 'distributions'>, o: { source: string; slTimeSec: number; intervalSec: number; clockOffsetSec: number | null }): LiveSide {
  const frt = s.distributions?.frt;
  return {
    source: o.source,
    slTimeSec: o.slTimeSec,
    frt: frt ? { binEdgesSec: [...frt.binEdgesSec], share: frt.share.map(finiteOrNull), overflowShare: finiteOrNull(frt.overflowShare) } : null,
    intervalSec: s.intervals.length > 0 ? o.intervalSec : null,
    intervals: s.intervals.length > 0 ? s.intervals.map(liveIntervalRow) : null,
    clockOffsetSec: o.clockOffsetSec,
  };
}

/**
 * A side with nothing but its overall values (a k6 summary, an older document).
 * @example bareLiveSide('k6').frt // null
 */
export function bareLiveSide(source: string): LiveSide {
  return { source, slTimeSec: null, frt: null, intervalSec: null, intervals: null, clockOffsetSec: null };
}

function liveIntervalRow(r: IntervalSummary): LiveIntervalRow {
  const out = { index: r.index, start: r.start, startSec: r.startSec } as LiveIntervalRow;
  const values = r as unknown as Record<string, number | null | undefined>;
  for (const m of LIVE_INTERVAL_METRICS) out[m] = finiteOrNull(values[m]);
  return out;
}

function finiteOrNull(v: number | null | undefined): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}
