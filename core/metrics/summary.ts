// Summary of replications: per metric the mean over runs and a Student-t 95 % confidence interval;
// the stable JSON shape `chatsim run` prints and later commands read. Pure; must not import the
// model or anything with I/O.

import { mean, sampleStandardDeviation } from 'simple-statistics';
import { formatClock } from '../units.js';
import {
  AGENT_METRIC_NAMES,
  GROUP_METRIC_NAMES,
  INTERVAL_METRIC_NAMES,
  OVERALL_METRIC_NAMES,
  type AgentMetricName,
  type GroupMetricName,
  type IntervalMetricName,
  type OverallMetricName,
} from './catalogue.js';
import type { RunMetrics } from './collector.js';
import { tQuantile } from './quantile.js';
import { summariseDistributions, type DistributionSummary } from './distributions.js';

/** Confidence level of the intervals. */
export const CONFIDENCE_LEVEL = 0.95;

/** One metric over replications. `null` where there is no finite value (JSON has no NaN). */
export interface MetricSummary {
  /** Mean over the replications where the metric is finite. */
  mean: number | null;
  /** `mean ± t_{0.975, n−1}·s/√n`; null with fewer than 2 finite values. */
  ci95: [number, number] | null;
}

/** Mean of one interval-of-the-day metric over replications; `start` is `HH:MM`. */
export type IntervalSummary = { index: number; start: string; startSec: number } & Record<
  IntervalMetricName,
  number | null
>;
/** Means of one skill group's metrics over replications. */
export type GroupSummary = Record<GroupMetricName, number | null>;
/** Means of one agent's metrics over replications. */
export type AgentSummary = { id: string; group: string } & Record<AgentMetricName, number | null>;

/** Replications summarised; keys always in the catalogue's order, so the JSON is byte-stable. */
export interface Summary {
  metrics: Record<OverallMetricName, MetricSummary>;
  intervals: IntervalSummary[];
  groups: Record<string, GroupSummary>;
  agents: AgentSummary[];
  /** Means per priority class, when the runs have classes. */
  classes?: Record<string, GroupSummary>;
  /** Averaged distributions, when every run has them (the collector's always do). */
  distributions?: DistributionSummary;
}

const tCache = new Map<number, number>();

/** Two-sided critical value t_{(1+level)/2, df}, memoised (replication counts repeat). */
function criticalT(df: number): number {
  let t = tCache.get(df);
  if (t === undefined) {
    t = tQuantile((1 + CONFIDENCE_LEVEL) / 2, df);
    tCache.set(df, t);
  }
  return t;
}

/** Finite values of `values` in order. */
function finite(values: readonly number[]): number[] {
  return values.filter((v) => Number.isFinite(v));
}

/**
 * Mean and 95 % confidence interval of one metric over replications, ignoring non-finite
 * replications. The interval is `mean ± t_{0.975, n−1}·s/√n`, `s` the sample standard deviation.
 * @example summariseValues([1, 2, 3]) // { mean: 2, ci95: [−0.484…, 4.484…] }
 */
export function summariseValues(values: readonly number[]): MetricSummary {
  const xs = finite(values);
  if (xs.length === 0) return { mean: null, ci95: null };
  const m = mean(xs);
  if (xs.length < 2) return { mean: m, ci95: null };
  const half = (criticalT(xs.length - 1) * sampleStandardDeviation(xs)) / Math.sqrt(xs.length);
  return { mean: m, ci95: [m - half, m + half] };
}

/** Mean of the finite values, or null. */
function meanOrNull(values: readonly number[]): number | null {
  const xs = finite(values);
  return xs.length === 0 ? null : mean(xs);
}

function sameShape(runs: readonly RunMetrics[]): void {
  const [first] = runs;
  const groupIds = Object.keys(first.groups).join('\u0000');
  const agentIds = first.agents.map((a) => a.id).join('\u0000');
  runs.forEach((run, r) => {
    if (run.intervals.length !== first.intervals.length) {
      throw new RangeError(`run ${r} has ${run.intervals.length} intervals, run 0 has ${first.intervals.length}`);
    }
    if (Object.keys(run.groups).join('\u0000') !== groupIds) {
      throw new RangeError(`run ${r} has other skill groups than run 0`);
    }
    if (run.agents.map((a) => a.id).join('\u0000') !== agentIds) {
      throw new RangeError(`run ${r} has other agents than run 0`);
    }
  });
}

/**
 * Summarises replications of one scenario: overall metrics with mean and 95 % CI; per interval,
 * group and agent the mean. Non-finite values (empty denominators) are left out of a metric's mean;
 * a metric with no finite value is `null`.
 * @throws RangeError when `runs` is empty or the runs differ in intervals, groups or agents.
 * @example summariseReplications(runs).metrics.frtMean // { mean: 18.2, ci95: [17.1, 19.3] }
 */
export function summariseReplications(runs: readonly RunMetrics[]): Summary {
  if (runs.length === 0) throw new RangeError('summariseReplications needs at least one run');
  sameShape(runs);
  const [first] = runs;

  const metrics = {} as Record<OverallMetricName, MetricSummary>;
  for (const name of OVERALL_METRIC_NAMES) metrics[name] = summariseValues(runs.map((run) => run.overall[name]));

  const intervals = first.intervals.map((interval, k) => {
    const out = {
      index: interval.index,
      start: formatClock(interval.startSec),
      startSec: interval.startSec,
    } as IntervalSummary;
    for (const name of INTERVAL_METRIC_NAMES) out[name] = meanOrNull(runs.map((run) => run.intervals[k][name]));
    return out;
  });

  const groups: Record<string, GroupSummary> = {};
  for (const id of Object.keys(first.groups)) {
    const out = {} as GroupSummary;
    for (const name of GROUP_METRIC_NAMES) out[name] = meanOrNull(runs.map((run) => run.groups[id][name]));
    groups[id] = out;
  }

  const agents = first.agents.map((agent, i) => {
    const out = { id: agent.id, group: agent.group } as AgentSummary;
    for (const name of AGENT_METRIC_NAMES) out[name] = meanOrNull(runs.map((run) => run.agents[i][name]));
    return out;
  });

  const withDistributions = runs.every((run) => run.distributions !== undefined);
  let classes: Record<string, GroupSummary> | undefined;
  if (runs.every((run) => run.classes !== undefined)) {
    classes = {};
    for (const id of Object.keys(first.classes!)) {
      const out = {} as GroupSummary;
      for (const name of GROUP_METRIC_NAMES) out[name] = meanOrNull(runs.map((run) => run.classes![id][name]));
      classes[id] = out;
    }
  }
  return {
    metrics,
    intervals,
    groups,
    agents,
    ...(classes !== undefined ? { classes } : {}),
    ...(withDistributions ? { distributions: summariseDistributions(runs.map((run) => run.distributions!)) } : {}),
  };
}
