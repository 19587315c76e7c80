// Parameter sweeps: each scenario variant of a grid (scenarios/sweep-variants.ts builds them) run on
// the same seeds (common random numbers), summarised per metric. Scenarios in, numbers out; no file
// or terminal I/O (must not import cli/).

import type { SweepVariant } from '../../scenarios/sweep-variants.js';
import type { Scenario } from '../../core/scenario.js';
import type { MetricSummary } from '../../core/metrics/index.js';
import type { SweepPoint } from '../../core/documents.js';
import { runReplicationsParallel } from './run.js';

export type { SweepPoint } from '../../core/documents.js';

export interface SweepOptions {
  seed?: string;
  replications?: number;
  policy?: string;
  /** Seconds. */
  warmupSec?: number;
  workers?: number;
  /** Called after each replication with (done, total) over the whole sweep. */
  onProgress?: (done: number, total: number) => void;
}

/**
 * Runs every variant on the same seed and replications and summarises `metricNames` (overall).
 * @example const pts = await runSweep(variants, ['serviceLevel'], { replications: 10 });
 */
export async function runSweep(variants: readonly SweepVariant[], metricNames: readonly string[], options: SweepOptions = {}): Promise<SweepPoint[]> {
  const out: SweepPoint[] = [];
  const per = (s: Scenario) => options.replications ?? s.replications;
  const total = variants.reduce((n, v) => n + per(v.scenario), 0);
  let before = 0;
  for (const v of variants) {
    const r = await runReplicationsParallel(v.scenario, {
      seed: options.seed, replications: per(v.scenario), policy: options.policy, warmupSec: options.warmupSec, workers: options.workers,
      onProgress: (d) => options.onProgress?.(before + d, total),
    });
    before += per(v.scenario);
    const metrics: Record<string, MetricSummary> = {};
    for (const m of metricNames) metrics[m] = (r.summary.metrics as Record<string, MetricSummary>)[m];
    out.push({ settings: v.settings, metrics });
  }
  return out;
}
