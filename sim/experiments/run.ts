// Replications of one scenario: runs the model R times on the streams `<seed>/rep-<r>`, collects
// each run's metrics and summarises them (mean and 95 % CI). No I/O; must not import cli/.

import type { Scenario } from '../../scenarios/types.js';
import { replicationSeed } from '../engine/random.js';
import { simulate, type RunStats } from '../model/contact-centre.js';
import { agentTable } from '../model/agents.js';
import { MetricsCollector, summariseReplications, type MetricsContext, type RunMetrics, type Summary } from '../metrics/index.js';

/** Default number of replications when neither the scenario nor the caller says. */
export const DEFAULT_REPLICATIONS = 10;

export interface ReplicationOptions {
  /** Base seed; replication r (1-based) uses `<seed>/rep-<r>`. Default: the scenario's. */
  seed?: string;
  /** Default: the scenario's. */
  replications?: number;
  /** Routing policy name; default: the scenario's. */
  policy?: string;
  /** Warm-up in seconds; default: the scenario's. */
  warmupSec?: number;
  /** Called after each replication with (done, total). */
  onProgress?: (done: number, total: number) => void;
}

export interface ReplicationResult {
  seed: string;
  replications: number;
  policy: string;
  warmupSec: number;
  summary: Summary;
  runs: RunMetrics[];
  stats: RunStats[];
}

/** The metrics context of a scenario (with an optional warm-up override). */
export function metricsContext(scenario: Scenario, warmupSec = scenario.warmupSec): MetricsContext {
  return {
    groups: scenario.groups.map((g) => g.id),
    agents: agentTable(scenario).map((a) => ({ id: a.id, group: a.group, cap: a.cap })),
    horizonSec: scenario.horizonSec,
    warmupSec,
    slTimeSec: scenario.slTimeSec,
    intervalSec: scenario.intervalSec,
    queuePlacementThresholdSec: scenario.queuePlacementThresholdSec,
  };
}

/** Runs one replication and returns its metrics and run statistics. */
export function runReplication(scenario: Scenario, seed: string, policy: string, warmupSec: number): { metrics: RunMetrics; stats: RunStats } {
  const collector = new MetricsCollector(metricsContext(scenario, warmupSec));
  const stats = simulate(scenario, { seed, policy, recorder: collector });
  return { metrics: collector.finish(stats.endAt), stats };
}

/**
 * Runs the replications of a scenario and summarises them.
 * @example const r = runReplications(scenario, { replications: 20 }); r.summary.metrics.frtMean.mean
 */
export function runReplications(scenario: Scenario, options: ReplicationOptions = {}): ReplicationResult {
  const seed = options.seed ?? scenario.seed;
  const replications = options.replications ?? scenario.replications ?? DEFAULT_REPLICATIONS;
  const policy = options.policy ?? scenario.policy;
  const warmupSec = options.warmupSec ?? scenario.warmupSec;
  const runs: RunMetrics[] = [];
  const stats: RunStats[] = [];
  for (let r = 1; r <= replications; r++) {
    const one = runReplication(scenario, replicationSeed(seed, r), policy, warmupSec);
    runs.push(one.metrics);
    stats.push(one.stats);
    options.onProgress?.(r, replications);
  }
  return { seed, replications, policy, warmupSec, summary: summariseReplications(runs), runs, stats };
}
