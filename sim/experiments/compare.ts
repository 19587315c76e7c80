// Policy comparison on common random numbers: every policy runs the same replications (same
// seeds, same streams, so the same visitors), and each metric gets its mean, 95 % CI and the
// paired difference against the first policy. Pure; must not import cli/.

import type { RunMetrics, MetricSummary, MetricScope } from '../../core/metrics/index.js';
import { estimateDifference, estimateMetric, metricSummary } from '../../core/metrics/index.js';

/** A paired difference `policy − baseline` over replications. */
export interface PairedDifference extends MetricSummary {
  /** True when the 95 % CI of the difference excludes 0. */
  significant: boolean;
}

export interface PolicyComparison {
  policy: string;
  metrics: Record<string, MetricSummary>;
  /** Against the first policy; null for the first policy itself. */
  differences: Record<string, PairedDifference> | null;
}

/**
 * Compares policies from their replications: `runs[p][r]` is replication r of policy p, with the
 * same r on the same streams for every p.
 * @example comparePolicies(['least-loaded', 'round-robin'], runs, ['frtMean'])
 */
export function comparePolicies(policies: readonly string[], runs: ReadonlyArray<readonly RunMetrics[]>, metricNames: readonly string[]): PolicyComparison[] {
  const overall: MetricScope = { kind: 'overall' };
  const pooled = (p: number, m: string) => runs[p].length > 0 && runs[p].every((run) => run.ratios?.overall[m] !== undefined);
  // the estimates (pooled ratios, means) of every policy, and their paired differences from the first
  const estimates = policies.map((_, p) => new Map(metricNames.map((m) => [m, estimateMetric(runs[p], overall, m)])));
  return policies.map((policy, p) => {
    const metrics: Record<string, MetricSummary> = {};
    for (const m of metricNames) metrics[m] = metricSummary(estimates[p].get(m)!, m, pooled(p, m));
    let differences: Record<string, PairedDifference> | null = null;
    if (p > 0) {
      differences = {};
      for (const m of metricNames) {
        const s = estimateDifference(estimates[p].get(m)!, estimates[0].get(m)!);
        differences[m] = { ...s, significant: s.ci95 !== null && (s.ci95[0] > 0 || s.ci95[1] < 0) };
      }
    }
    return { policy, metrics, differences };
  });
}
