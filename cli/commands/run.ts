// `chatsim run <file>`: loads a scenario, runs its replications and prints the metrics with 95 %
// confidence intervals; `--json` writes the full, stable result that later commands read (the
// kernel's RunDocument). Parse options → API → render → write; the shared option parsing of the
// commands that simulate lives here too.

import type { Io } from '../io.js';
import { EXIT_INVALID, EXIT_OK } from '../io.js';
import { suggest } from '../../scenarios/messages.js';
import { parseDuration, formatDuration } from '../../core/units.js';
import { getPolicy, POLICY_NAMES } from '../../core/routing/policies.js';
import {
  METRICS,
  defaultWorkers,
  formatIssues,
  loadScenarioFileWithText,
  runReplicationsParallel,
  runResultDocument,
  type ReplicationResult,
  type Scenario,
} from '../../api/index.js';
import { progress } from '../progress.js';
import { SPARSE_MARK, formatCi, formatValue, sparseNote, table, toJson, writeResultFile } from '../output.js';

export interface RunCommandOptions {
  file: string;
  seed?: string;
  replications?: string;
  policy?: string;
  warmup?: string;
  json?: string;
  force?: boolean;
  workers?: string;
  quiet?: boolean;
}

/**
 * Loads a command's scenario file; when it cannot be read or is invalid, prints every located issue
 * on stderr and returns null (the command then exits 2).
 */
export function loadCommandScenario(file: string, io: Io): { scenario: Scenario; text: string } | null {
  const loaded = loadScenarioFileWithText(file, io);
  if (loaded.ok) return loaded;
  io.stderr(formatIssues(loaded.issues));
  return null;
}

/** The error line when a warm-up does not end before the scenario's horizon, else null. */
export function warmupProblem(command: string, warmupSec: number | undefined, scenario: Scenario): string | null {
  if (warmupSec === undefined || warmupSec < scenario.horizonSec) return null;
  return `chatsim ${command}: the warm-up (${formatDuration(warmupSec)}) is not shorter than the horizon (${scenario.days} day${scenario.days > 1 ? 's' : ''})`;
}

/** Parses the run options shared by commands that simulate; returns an error line or the values. */
export function parseRunOptions(opts: Omit<RunCommandOptions, 'file' | 'json' | 'force' | 'quiet'>, command = 'run'):
  { ok: true; seed?: string; replications?: number; policy?: string; warmupSec?: number; workers: number } | { ok: false; error: string } {
  const out: { ok: true; seed?: string; replications?: number; policy?: string; warmupSec?: number; workers: number } = { ok: true, workers: defaultWorkers() };
  if (opts.workers !== undefined) {
    const n = Number(opts.workers);
    if (!Number.isInteger(n) || n < 1) return { ok: false, error: `chatsim ${command}: --workers must be an integer ≥ 1 (got "${opts.workers}")` };
    out.workers = n;
  }
  if (opts.seed !== undefined) {
    if (opts.seed.trim() === '') return { ok: false, error: `chatsim ${command}: --seed must not be empty` };
    out.seed = opts.seed;
  }
  if (opts.replications !== undefined) {
    const n = Number(opts.replications);
    if (!Number.isInteger(n) || n < 1) return { ok: false, error: `chatsim ${command}: --replications must be an integer ≥ 1 (got "${opts.replications}")` };
    out.replications = n;
  }
  if (opts.policy !== undefined) {
    if (!getPolicy(opts.policy)) {
      const hint = suggest(opts.policy, POLICY_NAMES);
      return { ok: false, error: `chatsim ${command}: unknown policy "${opts.policy}"${hint ? ` — did you mean "${hint}"?` : ''} (known: ${POLICY_NAMES.join(', ')})` };
    }
    out.policy = opts.policy;
  }
  if (opts.warmup !== undefined) {
    const w = parseDuration(opts.warmup);
    if (w === undefined) return { ok: false, error: `chatsim ${command}: --warmup "${opts.warmup}" is not a duration (try 30m or 2h)` };
    out.warmupSec = w;
  }
  return out;
}

/** Renders the overall metrics table of a run for the terminal. */
export function renderRunTable(scenario: Scenario, r: ReplicationResult): string {
  const visitors = r.stats.reduce((s, x) => s + x.visitors, 0) / r.stats.length;
  const head = [
    `${scenario.name}: ${scenario.days} day${scenario.days > 1 ? 's' : ''}, ${r.replications} replication${r.replications > 1 ? 's' : ''} (seed ${r.seed}), policy ${r.policy}, ~${Math.round(visitors)} visitors per replication`,
    `SL(T) with T = ${formatDuration(scenario.slTimeSec)}` + (r.warmupSec > 0 ? `; warm-up ${formatDuration(r.warmupSec)} not measured` : ''),
    '',
  ].join('\n');
  const rows: string[][] = [['metric', 'mean', '95% CI', 'meaning']];
  const unused = unusedMechanismMetrics(scenario);
  for (const m of METRICS) {
    if (unused.includes(m.name)) continue;
    const v = r.summary.metrics[m.name];
    rows.push([m.name, formatValue(v?.mean, m.unit), formatCi(v?.ci95, m.unit) + (v?.sparse ? SPARSE_MARK : ''), m.description]);
  }
  const sparse = sparseNote(METRICS.filter((m) => !unused.includes(m.name)).map((m) => [m.name, r.summary.metrics[m.name]?.sparse]));
  const hidden = unused.length > 0 ? `\nnot shown (mechanisms this scenario does not use; always in --json): ${unused.join(', ')}\n` : '';
  const cut = r.stats.filter((s) => s.cut).length;
  const warn = cut > 0 ? `\nnote: in ${cut} replication(s) the drain limit ended the run with conversations still open; they count as unanswered.\n` : '';
  let breakdown = '';
  const groups = Object.entries(r.summary.groups);
  if (groups.length > 1) breakdown += '\nby skill group (all replications pooled):\n' + breakdownTable('group', groups);
  const classes = Object.entries(r.summary.classes ?? {});
  if (classes.length > 0) breakdown += '\nby priority class (all replications pooled; serviceLevel with each class\'s own T):\n' + breakdownTable('class', classes);
  return head + '\n' + table(rows, (c) => c === 1 || c === 2) + sparse + hidden + breakdown + warn;
}

/**
 * Metrics that only an operations mechanism can move, for the mechanisms `scenario` leaves out:
 * they are 0 % (or –) by construction there, so the terminal table leaves them out.
 */
export function unusedMechanismMetrics(scenario: Scenario): string[] {
  const anyGroup = (has: (g: Scenario['groups'][number]) => boolean) => scenario.groups.some(has);
  const out: string[] = [];
  if (scenario.autoTransfer === undefined) out.push('transferRate');
  if (!anyGroup((g) => g.leaveMessage !== undefined)) out.push('leftMessageRate');
  if (!anyGroup((g) => g.deflection !== undefined)) out.push('deflectedRate');
  if (!anyGroup((g) => g.returning !== undefined)) out.push('stickyRate');
  if (!anyGroup((g) => g.silentCloseSec !== undefined)) out.push('silentCloseRate');
  return out;
}

/** Columns of the per-group and per-class tables under the run table. */
const BREAKDOWN_METRICS = ['offered', 'serviceLevel', 'frtMean', 'frtP90', 'queueWaitMean', 'abandonRate', 'connectionRate'] as const;

/** One row per skill group or priority class with the key metrics' means. */
function breakdownTable(label: string, entries: ReadonlyArray<[string, Record<string, number | null>]>): string {
  const unit = (m: string) => METRICS.find((x) => x.name === m)?.unit ?? 'count';
  const rows: string[][] = [[label, ...BREAKDOWN_METRICS]];
  for (const [id, values] of entries) rows.push([id, ...BREAKDOWN_METRICS.map((m) => formatValue(m === 'offered' ? roundOrNull(values[m]) : values[m], unit(m)))]);
  return table(rows);
}

function roundOrNull(x: number | null | undefined): number | null {
  return x === null || x === undefined ? null : Math.round(x);
}

/** Runs `chatsim run`. Exit 0, or 2 on invalid input. */
export async function runCommand(opts: RunCommandOptions, io: Io): Promise<number> {
  const parsed = parseRunOptions(opts);
  if (!parsed.ok) {
    io.stderr(parsed.error + '\n');
    return EXIT_INVALID;
  }
  const loaded = loadCommandScenario(opts.file, io);
  if (!loaded) return EXIT_INVALID;
  const scenario = loaded.scenario;
  const warmup = warmupProblem('run', parsed.warmupSec, scenario);
  if (warmup) {
    io.stderr(warmup + '\n');
    return EXIT_INVALID;
  }
  const bar = progress(io, 'replications', opts.quiet);
  const result = await runReplicationsParallel(scenario, {
    seed: parsed.seed,
    replications: parsed.replications,
    policy: parsed.policy,
    warmupSec: parsed.warmupSec,
    workers: parsed.workers,
    onProgress: (d, t) => bar.update(d, t),
  });
  bar.finish();
  io.stdout(renderRunTable(scenario, result));
  if (opts.json) {
    const err = writeResultFile(io, opts.json, toJson(runResultDocument(scenario, opts.file, result)), opts.force);
    if (err) {
      io.stderr(`chatsim run: ${err}\n`);
      return EXIT_INVALID;
    }
    io.stdout(`wrote ${opts.json}\n`);
  }
  return EXIT_OK;
}
