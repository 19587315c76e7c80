// `chatsim compare <file> --policies a,b,c`: runs every policy on the same visitors (common random
// numbers) and prints each metric's mean and CI with the paired difference against the first.
// Listing a policy twice is an A/A test: its differences are exactly zero.

import type { Io } from '../io.js';
import { EXIT_INVALID, EXIT_OK } from '../io.js';
import { suggest } from '../../scenarios/messages.js';
import { parsePolicyOption } from '../options.js';
import { METRICS, compareResultDocument, runComparison, type PolicyComparison } from '../../api/index.js';
import { SPARSE_MARK, formatCi, formatDifference, formatDifferenceCi, formatValue, sparseNote, table, toJson, writeResultFile } from '../output.js';
import { budgetProblem, loadCommandScenario, outputProblem, parseRunOptions, warmupProblem } from './run.js';
import { progress } from '../progress.js';

/** Metrics shown when `--metrics` is not given. */
export const DEFAULT_COMPARE_METRICS = [
  'serviceLevel', 'frtMean', 'frtP90', 'frtP99', 'avgResponseTime', 'abandonRate', 'abandonAfterAssignRate',
  'queueWaitMean', 'occupancy', 'utilisation', 'chatsPerAgentHour',
] as const;

export interface CompareCommandOptions {
  file: string;
  policies: string;
  metrics?: string;
  seed?: string;
  replications?: string;
  warmup?: string;
  workers?: string;
  maxVisitors?: string;
  json?: string;
  force?: boolean;
  quiet?: boolean;
}

/** Parses `--metrics` (comma list or `all`); returns names or an error line. */
export function parseMetricList(text: string | undefined, defaults: readonly string[], command: string): { ok: true; names: string[] } | { ok: false; error: string } {
  if (text === undefined) return { ok: true, names: [...defaults] };
  const known = METRICS.map((m) => m.name as string);
  if (text.trim() === 'all') return { ok: true, names: known };
  const names = text.split(',').map((s) => s.trim()).filter(Boolean);
  for (const n of names) {
    if (!known.includes(n)) {
      const hint = suggest(n, known);
      return { ok: false, error: `chatsim ${command}: unknown metric "${n}"${hint ? ` — did you mean "${hint}"?` : ''} (see chatsim run's table for the names)` };
    }
  }
  if (names.length === 0) return { ok: false, error: `chatsim ${command}: --metrics lists no metric` };
  return { ok: true, names };
}

/** Renders the comparison as one row per metric and policy. */
export function renderComparison(rows: PolicyComparison[], metricNames: readonly string[]): string {
  const unit = (m: string) => METRICS.find((x) => x.name === m)?.unit ?? 'count';
  const out: string[][] = [['metric', 'policy', 'mean', '95% CI', `Δ vs ${rows[0].policy}`, '95% CI of Δ', '']];
  for (const m of metricNames) {
    rows.forEach((row, p) => {
      const s = row.metrics[m];
      const d = row.differences?.[m];
      const u = unit(m);
      out.push([
        p === 0 ? m : '',
        row.policy,
        formatValue(s.mean, u),
        formatCi(s.ci95, u) + (s.sparse ? SPARSE_MARK : ''),
        d ? formatDifference(d.mean, u) : '',
        d ? formatDifferenceCi(d.ci95, u) : '',
        d ? (d.mean === null ? '' : d.significant ? 'significant' : 'no difference') : 'baseline',
      ]);
    });
  }
  const sparse = sparseNote(metricNames.flatMap((m) => rows.map((row): [string, { basis: number; minimum: number } | undefined] => [`${m} (${row.policy})`, row.metrics[m].sparse])));
  return table(out, (c) => c >= 2 && c <= 5) + sparse;
}

/** Runs `chatsim compare`. Exit 0, or 2 on invalid input. */
export async function compareCommand(opts: CompareCommandOptions, io: Io): Promise<number> {
  const fail = (msg: string) => { io.stderr(msg + '\n'); return EXIT_INVALID; };
  const policies = opts.policies.split(',').map((s) => s.trim()).filter(Boolean);
  if (policies.length < 2) return fail('chatsim compare: --policies needs at least two policies, e.g. --policies least-loaded,round-robin');
  for (const p of policies) {
    const parsed = parsePolicyOption(p);
    if (!parsed.ok) return fail(`chatsim compare: ${parsed.error}`);
  }
  const metrics = parseMetricList(opts.metrics, DEFAULT_COMPARE_METRICS, 'compare');
  if (!metrics.ok) return fail(metrics.error);
  const parsed = parseRunOptions(opts, 'compare');
  if (!parsed.ok) return fail(parsed.error);
  const outputs = outputProblem(io, 'compare', [[opts.json, 'json']], opts.force);
  if (outputs) return fail(outputs);
  const loaded = loadCommandScenario(opts.file, io);
  if (!loaded) return EXIT_INVALID;
  const scenario = loaded.scenario;
  const seed = parsed.seed ?? scenario.seed;
  const replications = parsed.replications ?? scenario.replications;
  const warmupSec = parsed.warmupSec ?? scenario.warmupSec;
  const warmup = warmupProblem('compare', warmupSec, scenario);
  if (warmup) return fail(warmup);
  const budget = budgetProblem(io, 'compare', scenario, { replications, runs: policies.length, runsWord: 'policies', maxVisitors: parsed.maxVisitors, quiet: opts.quiet });
  if (budget) return fail(budget);

  const bar = progress(io, 'replications', opts.quiet);
  const comparison = await runComparison(scenario, policies, metrics.names, {
    seed, replications, warmupSec, workers: parsed.workers,
    onProgress: (d, total) => bar.update(d, total),
  });
  bar.finish();
  io.stdout(`${scenario.name}: ${policies.length} policies on the same visitors, ${replications} replications each (seed ${seed})\n\n`);
  io.stdout(renderComparison(comparison.rows, metrics.names));
  if (opts.json) {
    const err = writeResultFile(io, opts.json, toJson(compareResultDocument(scenario, opts.file, comparison, metrics.names)), opts.force);
    if (err) return fail(`chatsim compare: ${err}`);
    io.stdout(`wrote ${opts.json}\n`);
  }
  return EXIT_OK;
}
