// Policy comparison on common random numbers: every policy runs the same replications (same
// seeds, same streams, so the same visitors), and each metric gets its mean, 95 % CI and the
// paired difference against the first policy. No file or terminal I/O; must not import cli/.

import type { RunMetrics, MetricSummary, MetricScope } from '../../core/metrics/index.js';
import { estimateDifference, estimateMetric, metricSummary } from '../../core/metrics/index.js';
import type { PairedDifference, PolicyComparison } from '../../core/documents.js';
import type { Scenario } from '../../core/scenario.js';
import { runReplicationsParallel, DEFAULT_REPLICATIONS, type ReplicationOptions } from './run.js';

export type { PairedDifference, PolicyComparison } from '../../core/documents.js';

/**
 * Compares policies from their replications: `runs[p][r]` is replication r of policy p, with the
 * same r on the same streams for every p.
 * @example comparePolicies(['least-loaded', 'round-robin'], runs, ['frtMean'])
 */
export function comparePolicies(policies: readonly string[], runs: ReadonlyArray<readonly RunMetrics[]>, metricNames: readonly string[]): PolicyComparison[] {
  const overall: MetricScope = { kind: 'overall' };
  // the estimates (pooled ratios, means) of every policy, and their paired differences from the first
  const estimates = policies.map((_, p) => new Map(metricNames.map((m) => [m, estimateMetric(runs[p], overall, m)])));
  return policies.map((policy, p) => {
    const metrics: Record<string, MetricSummary> = {};
    for (const m of metricNames) metrics[m] = metricSummary(estimates[p].get(m)!, m);
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

/** Options of `runComparison`: those of replications, without the policy (each run has its own). */
export type ComparisonOptions = Omit<ReplicationOptions, 'policy'>;

/** A comparison run: the settings every policy ran with and one row per policy. */
export interface ComparisonResult {
  seed: string;
  replications: number;
  /** Seconds. */
  warmupSec: number;
  rows: PolicyComparison[];
}

/**
 * Runs every policy on the same replications (workers as in `runReplicationsParallel`) and
 * compares them on `metricNames`. `onProgress` counts replications over all policies.
 * @example const { rows } = await runComparison(scenario, ['least-loaded', 'round-robin'], ['frtMean'], { replications: 10 });
 */
export async function runComparison(scenario: Scenario, policies: readonly string[], metricNames: readonly string[], options: ComparisonOptions = {}): Promise<ComparisonResult> {
  const seed = options.seed ?? scenario.seed;
  const replications = options.replications ?? scenario.replications ?? DEFAULT_REPLICATIONS;
  const warmupSec = options.warmupSec ?? scenario.warmupSec;
  const runs: RunMetrics[][] = [];
  for (let p = 0; p < policies.length; p++) {
    const r = await runReplicationsParallel(scenario, {
      seed, replications, warmupSec, policy: policies[p], workers: options.workers,
      onProgress: (d) => options.onProgress?.(p * replications + d, policies.length * replications),
    });
    runs.push(r.runs);
  }
  return { seed, replications, warmupSec, rows: comparePolicies(policies, runs, metricNames) };
}
