// Summary of replications: per metric the estimate over runs (the mean of a count or quantile, the
// pooled ratio of a ratio metric; see ./estimate.ts) with its 95 % confidence interval; the stable
// JSON shape `chatsim run` prints and later commands read. Pure; imports only the kernel.

import { formatClock } from '../units.js';
import {
  AGENT_METRICS,
  CONVERSATION_METRIC_NAMES,
  INTERVAL_METRICS,
  AGENT_METRIC_NAMES,
  GROUP_METRIC_NAMES,
  INTERVAL_METRIC_NAMES,
  OVERALL_METRIC_NAMES,
  type AgentMetricName,
  type GroupMetricName,
  type IntervalMetricName,
  type OverallMetricName,
} from './catalogue.js';
import type { RatioParts, RunMetrics } from './collector.js';
import { summariseDistributions, type DistributionSummary } from './distributions.js';
import { MIN_BASIS, estimateMean, estimateRatio, type Estimate, type FeasibleRange } from './estimate.js';

export { CONFIDENCE_LEVEL } from './estimate.js';

/** One metric over replications. `null` where there is no finite value (JSON has no NaN). */
export interface MetricSummary {
  /**
   * The estimate: for a ratio metric the pooled ratio Σ numerators / Σ denominators over every
   * replication; otherwise the mean over the replications where the metric is finite.
   */
  mean: number | null;
  /**
   * 95 % interval (delta method for a ratio, Student t for a mean), inside the feasible range
   * (shares in [0, 1], everything else ≥ 0); null with fewer than 2 replications.
   */
  ci95: [number, number] | null;
  /**
   * Present when the value rests on fewer than `minimum` conversations over all replications (its
   * pooled denominator `basis`): the interval may be too narrow. More replications or a longer
   * horizon fix it.
   */
  sparse?: { basis: number; minimum: number };
}

/** Where a metric lives in a run. */
export type MetricScope =
  | { kind: 'overall' }
  | { kind: 'interval'; index: number }
  | { kind: 'group'; id: string }
  | { kind: 'class'; id: string }
  | { kind: 'agent'; index: number };

/** Units by metric name (agent metrics as `agent:<name>`), for the feasible range of intervals. */
const UNIT_OF = new Map<string, string>(
  [...INTERVAL_METRICS, ...AGENT_METRICS.map((m) => ({ ...m, name: `agent:${m.name}` }))].map((m) => [m.name, m.unit]),
);
const CONVERSATION = new Set<string>(CONVERSATION_METRIC_NAMES);

function feasibleOf(name: string, scope: MetricScope): FeasibleRange {
  return UNIT_OF.get(scope.kind === 'agent' ? `agent:${name}` : name) === 'rate' ? 'share' : 'nonNegative';
}

function valuesOf(run: RunMetrics, scope: MetricScope): Record<string, number> | undefined {
  // agent rows also hold id and group (strings); only metric names are read
  switch (scope.kind) {
    case 'overall': return run.overall;
    case 'interval': return run.intervals[scope.index];
    case 'group': return run.groups[scope.id];
    case 'class': return run.classes?.[scope.id];
    case 'agent': return run.agents[scope.index] as unknown as Record<string, number>;
  }
}

function partsOf(run: RunMetrics, scope: MetricScope): RatioParts | undefined {
  const p = run.ratios;
  if (p === undefined) return undefined;
  switch (scope.kind) {
    case 'overall': return p.overall;
    case 'interval': return p.intervals[scope.index];
    case 'group': return p.groups[scope.id];
    case 'class': return p.classes?.[scope.id];
    case 'agent': return p.agents[scope.index];
  }
}

/**
 * The estimate of metric `name` in `scope` over replications: the pooled ratio when every run
 * carries the metric's numerator and denominator, else the mean of the runs' values. The one
 * estimator behind every summary, comparison, target check and staffing verdict.
 * @example estimateMetric(result.runs, { kind: 'overall' }, 'queueWaitMean').mean
 */
export function estimateMetric(runs: readonly RunMetrics[], scope: MetricScope, name: string): Estimate {
  const feasible = feasibleOf(name, scope);
  const parts = runs.map((run) => partsOf(run, scope)?.[name]);
  if (runs.length > 0 && parts.every((p) => p !== undefined)) {
    return estimateRatio(parts.map((p) => p![0]), parts.map((p) => p![1]), feasible);
  }
  return estimateMean(runs.map((run) => valuesOf(run, scope)?.[name] ?? NaN), feasible);
}

/** An estimate as the JSON shows it, flagged when a conversation metric's ratio rests on few conversations. */
export function metricSummary(e: Estimate, name: string): MetricSummary {
  const out: MetricSummary = { mean: e.mean, ci95: e.ci95 };
  if (e.pooled && CONVERSATION.has(name) && e.basis > 0 && e.basis < MIN_BASIS) out.sparse = { basis: e.basis, minimum: MIN_BASIS };
  return out;
}

/**
 * {@link estimateMetric} as the JSON shows it: estimate, interval and the sparse flag.
 * @example summariseMetric(result.runs, { kind: 'group', id: 'presales' }, 'frtMean')
 */
export function summariseMetric(runs: readonly RunMetrics[], scope: MetricScope, name: string): MetricSummary {
  return metricSummary(estimateMetric(runs, scope, name), name);
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

/**
 * Mean and 95 % interval of plain per-replication values (no pooling): counts, quantiles, or
 * differences. Non-finite values are left out.
 * @example summariseValues([1, 2, 3]) // { mean: 2, ci95: [0, 4.484…] }
 */
export function summariseValues(values: readonly number[], feasible: FeasibleRange = 'nonNegative'): MetricSummary {
  const e = estimateMean(values, feasible);
  return { mean: e.mean, ci95: e.ci95 };
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
 * Summarises replications of one scenario: overall metrics with their estimate and 95 % CI; per
 * interval, group, class and agent the estimate. A ratio metric is pooled over the replications
 * (Σ numerators / Σ denominators); other metrics are averaged over the replications where they are
 * finite; a metric with no value is `null`.
 * @throws RangeError when `runs` is empty or the runs differ in intervals, groups or agents.
 * @example summariseReplications(runs).metrics.frtMean // { mean: 18.2, ci95: [17.1, 19.3] }
 */
export function summariseReplications(runs: readonly RunMetrics[]): Summary {
  if (runs.length === 0) throw new RangeError('summariseReplications needs at least one run');
  sameShape(runs);
  const [first] = runs;

  const overall: MetricScope = { kind: 'overall' };
  const metrics = {} as Record<OverallMetricName, MetricSummary>;
  for (const name of OVERALL_METRIC_NAMES) metrics[name] = summariseMetric(runs, overall, name);
  const valueIn = (scope: MetricScope, name: string) => estimateMetric(runs, scope, name).mean;

  const intervals = first.intervals.map((interval, k) => {
    const out = {
      index: interval.index,
      start: formatClock(interval.startSec),
      startSec: interval.startSec,
    } as IntervalSummary;
    for (const name of INTERVAL_METRIC_NAMES) out[name] = valueIn({ kind: 'interval', index: k }, name);
    return out;
  });

  const groups: Record<string, GroupSummary> = {};
  for (const id of Object.keys(first.groups)) {
    const out = {} as GroupSummary;
    for (const name of GROUP_METRIC_NAMES) out[name] = valueIn({ kind: 'group', id }, name);
    groups[id] = out;
  }

  const agents = first.agents.map((agent, i) => {
    const out = { id: agent.id, group: agent.group } as AgentSummary;
    for (const name of AGENT_METRIC_NAMES) out[name] = valueIn({ kind: 'agent', index: i }, name);
    return out;
  });

  const withDistributions = runs.every((run) => run.distributions !== undefined);
  let classes: Record<string, GroupSummary> | undefined;
  if (runs.every((run) => run.classes !== undefined)) {
    classes = {};
    for (const id of Object.keys(first.classes!)) {
      const out = {} as GroupSummary;
      for (const name of GROUP_METRIC_NAMES) out[name] = valueIn({ kind: 'class', id }, name);
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
