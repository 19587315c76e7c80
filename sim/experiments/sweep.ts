// Parameter sweeps: the grid of `--set PATH=VALUES` settings, each point a scenario variant run on
// the same seeds (common random numbers), summarised per metric. Scenario text in, numbers out; no
// file or terminal I/O (must not import cli/ beyond types).

import { loadScenario, formatIssues } from '../../scenarios/load.js';
import { applyOverrides, grid, type OverrideSpec, type OverrideValue } from '../../scenarios/overrides.js';
import type { Scenario } from '../../core/scenario.js';
import type { MetricSummary } from '../../core/metrics/index.js';
import { runReplicationsParallel } from './run.js';

/** Most grid points a sweep runs (a guard against a typo multiplying the grid). */
export const MAX_SWEEP_POINTS = 2000;

/** One point of the grid: its settings and the summary of each chosen metric. */
export interface SweepPoint {
  settings: Record<string, OverrideValue>;
  metrics: Record<string, MetricSummary>;
}

export interface SweepOptions {
  seed?: string;
  replications?: number;
  policy?: string;
  warmupSec?: number;
  workers?: number;
  /** Called after each replication with (done, total) over the whole sweep. */
  onProgress?: (done: number, total: number) => void;
}

/** A grid point's scenario, or why it cannot be built (named by its settings). */
export type SweepVariant = { ok: true; settings: Record<string, OverrideValue>; scenario: Scenario } | { ok: false; error: string };

/** Describes settings as `a=1, b=x`. */
export function settingsText(settings: Record<string, OverrideValue>): string {
  return Object.entries(settings).map(([k, v]) => `${k}=${v}`).join(', ');
}

/**
 * Builds every grid point's scenario from the scenario text. Fails on the first point that does
 * not validate, saying which settings made it invalid and why.
 */
export function sweepVariants(text: string, file: string, specs: readonly OverrideSpec[]): { ok: true; variants: Array<{ settings: Record<string, OverrideValue>; scenario: Scenario }> } | { ok: false; error: string } {
  const points = grid(specs);
  if (points.length > MAX_SWEEP_POINTS) return { ok: false, error: `the grid has ${points.length} points; at most ${MAX_SWEEP_POINTS} (narrow the --set ranges or add a step, e.g. 8..40:4)` };
  const variants: Array<{ settings: Record<string, OverrideValue>; scenario: Scenario }> = [];
  for (const settings of points) {
    const applied = applyOverrides(text, specs.map((spec) => ({ spec, value: settings[spec.path] })));
    if (!applied.ok) return { ok: false, error: applied.error };
    const loaded = loadScenario(applied.text, file);
    if (!loaded.ok) {
      const lines = formatIssues(loaded.issues).trimEnd().split('\n').map((l) => '  ' + l.replace(/^\S+?:\d+:\d+\s+/, ''));
      return { ok: false, error: `with ${settingsText(settings)} the scenario is invalid:\n${lines.join('\n')}` };
    }
    variants.push({ settings, scenario: loaded.scenario });
  }
  return { ok: true, variants };
}

/**
 * Runs every variant on the same seed and replications and summarises `metricNames` (overall).
 * @example const pts = await runSweep(variants, ['serviceLevel'], { replications: 10 });
 */
export async function runSweep(variants: ReadonlyArray<{ settings: Record<string, OverrideValue>; scenario: Scenario }>, metricNames: readonly string[], options: SweepOptions = {}): Promise<SweepPoint[]> {
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
