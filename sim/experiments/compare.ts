// Policy comparison on common random numbers: every policy runs the same replications (same
// seeds, same streams, so the same visitors), and each metric gets its mean, 95 % CI and the
// paired difference against the first policy. Pure; must not import cli/.

import type { RunMetrics, MetricSummary } from '../../core/metrics/index.js';
import { summariseValues } from '../../core/metrics/index.js';

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
  const value = (run: RunMetrics, m: string) => (run.overall as Record<string, number>)[m];
  return policies.map((policy, p) => {
    const metrics: Record<string, MetricSummary> = {};
    for (const m of metricNames) metrics[m] = summariseValues(runs[p].map((run) => value(run, m)));
    let differences: Record<string, PairedDifference> | null = null;
    if (p > 0) {
      differences = {};
      for (const m of metricNames) {
        const diffs: number[] = [];
        const n = Math.min(runs[p].length, runs[0].length);
        for (let r = 0; r < n; r++) {
          const d = value(runs[p][r], m) - value(runs[0][r], m);
          if (Number.isFinite(d)) diffs.push(d);
        }
        const s = summariseValues(diffs);
        differences[m] = { ...s, significant: s.ci95 !== null && (s.ci95[0] > 0 || s.ci95[1] < 0) };
      }
    }
    return { policy, metrics, differences };
  });
}
