// `chatsim sweep <file> --set PATH=VALUES …`: the grid of scenario variants (every combination of
// the --set values), each run on the same seeds, one row per point with the chosen metrics' means
// and 95 % CIs. Table on stdout, `--csv FILE`, `--json FILE`.

import type { Io } from '../io.js';
import { EXIT_INVALID, EXIT_OK } from '../io.js';
import { METRICS, parseOverride, runSweep, sweepResultDocument, sweepVariants, type OverrideSpec, type SweepPoint } from '../../api/index.js';
import { formatCi, formatValue, table, toCsv, toJson, writeResultFile } from '../output.js';
import { budgetProblem, loadCommandScenario, outputProblem, parseRunOptions, warmupProblem } from './run.js';
import { parseMetricList } from './compare.js';
import { progress } from '../progress.js';

/** Columns shown when `--metrics` is not given. */
export const DEFAULT_SWEEP_METRICS = ['serviceLevel', 'frtMean', 'frtP90', 'abandonRate', 'occupancy', 'chatsPerAgentHour'] as const;

export interface SweepCommandOptions {
  file: string;
  set: string[];
  metrics?: string;
  seed?: string;
  replications?: string;
  policy?: string;
  warmup?: string;
  workers?: string;
  maxVisitors?: string;
  csv?: string;
  json?: string;
  force?: boolean;
  quiet?: boolean;
}

const unitOf = (metric: string) => METRICS.find((m) => m.name === metric)?.unit ?? 'count';

/** One row per grid point: the settings, then each metric as `mean [lo, hi]`. */
export function renderSweep(specs: readonly OverrideSpec[], points: readonly SweepPoint[], metricNames: readonly string[]): string {
  const rows: string[][] = [[...specs.map((s) => s.path), ...metricNames]];
  for (const p of points) {
    rows.push([
      ...specs.map((s) => String(p.settings[s.path])),
      ...metricNames.map((m) => {
        const v = p.metrics[m];
        const ci = formatCi(v?.ci95, unitOf(m));
        return formatValue(v?.mean, unitOf(m)) + (ci ? ` ${ci}` : '');
      }),
    ]);
  }
  return table(rows, (c) => c >= specs.length);
}

/** CSV: a column per parameter, then `<metric>`, `<metric>Lo`, `<metric>Hi` (raw values: seconds, fractions). */
export function sweepCsv(specs: readonly OverrideSpec[], points: readonly SweepPoint[], metricNames: readonly string[]): string {
  const header = [...specs.map((s) => s.path), ...metricNames.flatMap((m) => [m, `${m}Lo`, `${m}Hi`])];
  const rows = points.map((p) => [
    ...specs.map((s) => p.settings[s.path]),
    ...metricNames.flatMap((m) => {
      const v = p.metrics[m];
      return [v?.mean ?? null, v?.ci95?.[0] ?? null, v?.ci95?.[1] ?? null];
    }),
  ]);
  return toCsv([header, ...rows]);
}

/** Runs `chatsim sweep`. Exit 0, or 2 on invalid input. */
export async function sweepCommand(opts: SweepCommandOptions, io: Io): Promise<number> {
  const fail = (msg: string) => { io.stderr(msg + '\n'); return EXIT_INVALID; };
  if (!opts.set || opts.set.length === 0) return fail('chatsim sweep: give at least one --set PATH=VALUES, e.g. --set agents.senior.count=2..6');
  const specs: OverrideSpec[] = [];
  for (const s of opts.set) {
    const p = parseOverride(s);
    if (!p.ok) return fail(`chatsim sweep: ${p.error}`);
    if (specs.some((x) => x.path === p.spec.path)) return fail(`chatsim sweep: --set ${p.spec.path} is given twice; put all its values in one --set`);
    specs.push(p.spec);
  }
  const metrics = parseMetricList(opts.metrics, DEFAULT_SWEEP_METRICS, 'sweep');
  if (!metrics.ok) return fail(metrics.error);
  const parsed = parseRunOptions(opts, 'sweep');
  if (!parsed.ok) return fail(parsed.error);
  const outputs = outputProblem(io, 'sweep', [[opts.csv, 'other'], [opts.json, 'json']], opts.force);
  if (outputs) return fail(outputs);
  const base = loadCommandScenario(opts.file, io);
  if (!base) return EXIT_INVALID;
  const built = sweepVariants(base.text, opts.file, specs);
  if (!built.ok) return fail(`chatsim sweep: ${built.error}`);
  for (const v of built.variants) {
    const warmup = warmupProblem('sweep', parsed.warmupSec ?? v.scenario.warmupSec, v.scenario);
    if (warmup) return fail(warmup);
  }
  const scenario = base.scenario;
  const seed = parsed.seed ?? scenario.seed;
  const replications = parsed.replications ?? scenario.replications;
  const budget = budgetProblem(io, 'sweep', built.variants.map((v) => v.scenario), { replications, runsWord: 'points', maxVisitors: parsed.maxVisitors, quiet: opts.quiet });
  if (budget) return fail(budget);
  const bar = progress(io, 'replications', opts.quiet);
  const points = await runSweep(built.variants, metrics.names, {
    seed, replications, policy: parsed.policy, warmupSec: parsed.warmupSec, workers: parsed.workers,
    onProgress: (d, t) => bar.update(d, t),
  });
  bar.finish();
  io.stdout(`${scenario.name}: ${points.length} point${points.length > 1 ? 's' : ''}, ${replications} replications each on the same seeds (seed ${seed})\n\n`);
  io.stdout(renderSweep(specs, points, metrics.names));
  if (opts.csv) {
    const err = writeResultFile(io, opts.csv, sweepCsv(specs, points, metrics.names), opts.force, 'other');
    if (err) return fail(`chatsim sweep: ${err}`);
    io.stdout(`wrote ${opts.csv}\n`);
  }
  if (opts.json) {
    const doc = sweepResultDocument(scenario, opts.file, points, { seed, replications, parameters: specs, metrics: metrics.names });
    const err = writeResultFile(io, opts.json, toJson(doc), opts.force);
    if (err) return fail(`chatsim sweep: ${err}`);
    io.stdout(`wrote ${opts.json}\n`);
  }
  return EXIT_OK;
}
