// `chatsim run <file>`: loads a scenario, runs its replications and prints the metrics with 95 %
// confidence intervals; `--json` writes the full, stable result that later commands read (the
// kernel's RunDocument); `--trace FILE` simulates exactly a trace's visitors instead (one
// replication); `--records FILE` writes one replication's records. Parse options → API → render →
// write; the shared option parsing of the commands that simulate, and the metric table `measure`
// prints too, live here.

import type { Io } from '../io.js';
import { EXIT_INVALID, EXIT_OK } from '../io.js';
import { formatClock, formatDuration } from '../../core/units.js';
import { ChatsimError } from '../../core/errors.js';
import type { TraceVisitor } from '../../core/trace.js';
import { INTERVAL_METRICS } from '../../core/metrics/index.js';
import { BOUNDS } from '../../scenarios/schema.js';
import {
  METRICS,
  defaultWorkers,
  formatIssues,
  loadScenarioFileWithText,
  runReplicationsParallel,
  runResultDocument,
  runTrace,
  readTrace,
  writeRecords,
  RECORDS_FORMAT,
  type RecordsRun,
  type ReplicationResult,
  type Scenario,
  type Summary,
} from '../../api/index.js';
import { progress } from '../progress.js';
import { SPARSE_MARK, formatCi, formatValue, jsonLinesKind, linesOf, refuseOverwrite, sparseNote, table, toJson, writeResultFile, type ResultKind } from '../output.js';
import { parseCount, parseDurationOption, parsePolicyOption } from '../options.js';
import { CLI_MSG, grouped } from '../messages.js';
import { DEFAULT_MAX_VISITORS, estimateWork, overBudget } from '../../sim/experiments/budget.js';

export interface RunCommandOptions {
  /** The scenario file; absent with `trace`. */
  file?: string;
  /** Simulate exactly this trace (one replication) instead of a scenario. */
  trace?: string;
  /** Write the conversations and agent samples of one replication here (the records codec). */
  records?: string;
  /** Which replication `records` holds (1-based; default 1). */
  recordsReplication?: string;
  seed?: string;
  replications?: string;
  policy?: string;
  warmup?: string;
  json?: string;
  force?: boolean;
  workers?: string;
  maxVisitors?: string;
  quiet?: boolean;
  /** Also print the table of the intervals of the day (分时段). */
  intervals?: boolean;
}

/** Most worker threads a command may start. */
export const MAX_WORKERS = 256;
/** Largest --max-visitors (a trillion: beyond it the estimate itself means little). */
export const MAX_VISITORS_OPTION = 1e12;

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

/** The run options shared by commands that simulate, parsed. */
export interface RunOptionValues {
  ok: true;
  seed?: string;
  replications?: number;
  policy?: string;
  warmupSec?: number;
  workers: number;
  /** The visitors budget (`--max-visitors`, else the default). */
  maxVisitors: number;
}

/** Parses the run options shared by commands that simulate; returns an error line or the values. */
export function parseRunOptions(opts: Omit<RunCommandOptions, 'file' | 'json' | 'force' | 'quiet'>, command = 'run'): RunOptionValues | { ok: false; error: string } {
  const out: RunOptionValues = { ok: true, workers: defaultWorkers(), maxVisitors: DEFAULT_MAX_VISITORS };
  const fail = (error: string) => ({ ok: false as const, error: `chatsim ${command}: ${error}` });
  if (opts.workers !== undefined) {
    const n = parseCount('--workers', opts.workers, { min: 1, max: MAX_WORKERS });
    if (!n.ok) return fail(n.error);
    out.workers = n.value;
  }
  if (opts.seed !== undefined) {
    if (opts.seed.trim() === '') return fail(CLI_MSG.empty('--seed'));
    out.seed = opts.seed;
  }
  if (opts.replications !== undefined) {
    const n = parseCount('--replications', opts.replications, { min: 1, max: BOUNDS.maxReplications });
    if (!n.ok) return fail(n.error);
    out.replications = n.value;
  }
  if (opts.policy !== undefined) {
    const p = parsePolicyOption(opts.policy);
    if (!p.ok) return fail(p.error);
    out.policy = p.value;
  }
  if (opts.warmup !== undefined) {
    const w = parseDurationOption('--warmup', opts.warmup, { example: '30m or 2h', maxSec: BOUNDS.maxDurationSec });
    if (!w.ok) return fail(w.error);
    out.warmupSec = w.value;
  }
  if (opts.maxVisitors !== undefined) {
    const n = parseCount('--max-visitors', opts.maxVisitors, { min: 1, max: MAX_VISITORS_OPTION });
    if (!n.ok) return fail(n.error);
    out.maxVisitors = n.value;
  }
  return out;
}

/**
 * Checks every output file a command will write before any work starts (an existing file that is
 * not an earlier chatsim result is refused); returns the error line, or null.
 */
export function outputProblem(io: Io, command: string, outputs: ReadonlyArray<readonly [string | undefined, ResultKind]>, force?: boolean): string | null {
  for (const [path, kind] of outputs) {
    const refused = path ? refuseOverwrite(io, path, force, kind) : null;
    if (refused) return `chatsim ${command}: ${refused}`;
  }
  return null;
}

/**
 * Estimates the work before it starts, of `replications` replications of each scenario given (a
 * sweep's variants, or one scenario run `runs` times, e.g. once per policy compared): prints the
 * estimate on stderr (unless quiet) and returns the error line when it is over the budget, else null.
 */
export function budgetProblem(
  io: Io,
  command: string,
  scenarios: Scenario | readonly Scenario[],
  o: { replications?: number; runs?: number; runsWord?: string; each?: string; maxVisitors: number; quiet?: boolean },
): string | null {
  const list = Array.isArray(scenarios) ? scenarios : [scenarios as Scenario];
  const runs = Array.isArray(scenarios) ? 1 : (o.runs ?? 1);
  const parts = list.map((s) => estimateWork(s, { replications: o.replications ?? s.replications, runs }));
  const estimate = parts.reduce((a, b) => ({
    ...a,
    visitorsPerReplication: Math.max(a.visitorsPerReplication, b.visitorsPerReplication),
    visitors: a.visitors + b.visitors,
    events: a.events + b.events,
    runs: a.runs + b.runs,
    memoryBytesPerWorker: Math.max(a.memoryBytesPerWorker, b.memoryBytesPerWorker),
  }));
  const over = overBudget(estimate, o.maxVisitors);
  if (over) return CLI_MSG.overBudget(command, over.kind, over.estimate, over.limit, o.maxVisitors);
  if (!o.quiet) io.stderr(CLI_MSG.estimate(command, estimate, o.runsWord ?? 'runs', o.each) + '\n');
  return null;
}

/** Renders the overall metrics table of a run for the terminal. */
export function renderRunTable(scenario: Scenario, r: ReplicationResult, terminalColumns?: number): string {
  const visitors = r.stats.reduce((s, x) => s + x.visitors, 0) / r.stats.length;
  const head = [
    `${scenario.name}: ${scenario.days} day${scenario.days > 1 ? 's' : ''}, ${r.replications} replication${r.replications > 1 ? 's' : ''} (seed ${r.seed}), policy ${r.policy}, ~${Math.round(visitors)} visitors per replication`,
    `SL(T) with T = ${formatDuration(scenario.slTimeSec)}` + (r.warmupSec > 0 ? `; warm-up ${formatDuration(r.warmupSec)} not measured` : ''),
    '',
  ].join('\n');
  const cut = r.stats.filter((s) => s.cut).length;
  const warn = cut > 0 ? `\nnote: in ${cut} replication(s) the drain limit ended the run with conversations still open; they count as unanswered.\n` : '';
  return head + '\n' + renderMetricsTable(r.summary, unusedMechanismMetrics(scenario), terminalColumns) + warn;
}

/**
 * The metric table of a summary (of simulated replications, or of measured records: `chatsim
 * measure`), every metric but `unused`, then the notes and the tables by skill group and class.
 */
export function renderMetricsTable(summary: Summary, unused: readonly string[], terminalColumns?: number): string {
  const rows: string[][] = [['metric', 'mean', '95% CI', 'meaning']];
  for (const m of METRICS) {
    if (unused.includes(m.name)) continue;
    const v = summary.metrics[m.name];
    rows.push([m.name, formatValue(v?.mean, m.unit), formatCi(v?.ci95, m.unit) + (v?.sparse ? SPARSE_MARK : ''), m.description]);
  }
  const sparse = sparseNote(METRICS.filter((m) => !unused.includes(m.name)).map((m) => [m.name, summary.metrics[m.name]?.sparse]));
  const hidden = unused.length > 0 ? `\nnot shown (mechanisms this scenario does not use; always in --json): ${unused.join(', ')}\n` : '';
  let breakdown = '';
  const groups = Object.entries(summary.groups);
  if (groups.length > 1) breakdown += '\nby skill group (all replications pooled):\n' + breakdownTable('group', groups);
  const classes = Object.entries(summary.classes ?? {});
  if (classes.length > 0) breakdown += '\nby priority class (all replications pooled; serviceLevel with each class\'s own T):\n' + breakdownTable('class', classes);
  const fit = terminalColumns !== undefined ? { width: terminalColumns, column: 3 } : undefined;
  return table(rows, (c) => c === 1 || c === 2, fit) + sparse + hidden + breakdown;
}

/** Columns of the interval table (`run --intervals`). */
const INTERVAL_COLUMNS = ['arrivalsPerDay', 'serviceLevel', 'frtP90', 'queueWaitMean', 'abandonRate', 'queueLengthMean', 'agentsOnlineMean', 'occupancy'] as const;

/**
 * The intervals of the day with arrivals, one row each: the day's shape (分时段), all measured days
 * together, values pooled over the replications. The interval with the highest FRT p90 is marked.
 */
export function renderIntervalTable(r: ReplicationResult, intervalSec: number): string {
  const unit = (m: string) => INTERVAL_METRICS.find((x) => x.name === m)?.unit ?? 'count';
  const rows: string[][] = [['interval', ...INTERVAL_COLUMNS, '']];
  const withArrivals = r.summary.intervals.filter((i) => (i.arrivals ?? 0) > 0);
  let worst = -1;
  for (const i of withArrivals) if (i.frtP90 !== null && (worst < 0 || i.frtP90 > (r.summary.intervals[worst].frtP90 ?? -Infinity))) worst = i.index;
  for (const i of withArrivals) {
    const end = formatClock(i.startSec + intervalSec);
    rows.push([
      `${i.start}–${end}`,
      ...INTERVAL_COLUMNS.map((m) => (m === 'arrivalsPerDay' ? formatValue(i[m] === null ? null : Math.round(i[m]! * 10) / 10, 'count') : formatValue(i[m], unit(m)))),
      i.index === worst ? '← highest frtP90' : '',
    ]);
  }
  if (withArrivals.length === 0) return '\nby interval of the day: no arrivals measured\n';
  return `\nby interval of the day (${formatDuration(intervalSec)}; arrivals per day, all replications pooled):
` + table(rows, (c) => c >= 1 && c <= INTERVAL_COLUMNS.length);
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
const BREAKDOWN_METRICS = ['offered', 'serviceLevel', 'frtMean', 'frtP90', 'queueWaitMean', 'abandonRate', 'abandonRateTotal', 'connectionRate'] as const;

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

/** What an earlier records file of ours starts with (it may be replaced without --force). */
export const RECORDS_KIND = jsonLinesKind(RECORDS_FORMAT);

/** Runs `chatsim run`. Exit 0, or 2 on invalid input. */
export async function runCommand(opts: RunCommandOptions, io: Io): Promise<number> {
  const parsed = parseRunOptions(opts);
  if (!parsed.ok) {
    io.stderr(parsed.error + '\n');
    return EXIT_INVALID;
  }
  const fail = (msg: string) => { io.stderr(msg + '\n'); return EXIT_INVALID; };
  if ((opts.file === undefined) === (opts.trace === undefined)) return fail('chatsim run: give a scenario file or --trace FILE (one of them)');
  const outputs = outputProblem(io, 'run', [[opts.json, 'json'], [opts.records, RECORDS_KIND]], opts.force);
  if (outputs) return fail(outputs);
  if (opts.recordsReplication !== undefined && opts.records === undefined) return fail('chatsim run: --records-replication needs --records FILE');
  if (opts.trace !== undefined) return runTraceCommand(opts as RunCommandOptions & { trace: string }, parsed, io);
  const loaded = loadCommandScenario(opts.file!, io);
  if (!loaded) return EXIT_INVALID;
  const scenario = loaded.scenario;
  const warmup = warmupProblem('run', parsed.warmupSec, scenario);
  if (warmup) return fail(warmup);
  let recordsReplication = 1;
  if (opts.recordsReplication !== undefined) {
    const replications = parsed.replications ?? scenario.replications;
    const n = parseCount('--records-replication', opts.recordsReplication, { min: 1, max: replications });
    if (!n.ok) return fail(`chatsim run: ${n.error} (the run has ${replications} replication${replications === 1 ? '' : 's'})`);
    recordsReplication = n.value;
  }
  const budget = budgetProblem(io, 'run', scenario, { replications: parsed.replications, maxVisitors: parsed.maxVisitors, quiet: opts.quiet });
  if (budget) return fail(budget);
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
  const records = opts.records === undefined ? undefined : {
    file: opts.records,
    run: { seed: result.seed, replication: recordsReplication, endAt: result.stats[recordsReplication - 1].endAt, source: `chatsim run ${opts.file} seed ${result.seed} replication ${recordsReplication}` },
  };
  return finishRun(opts, io, scenario, opts.file!, result, records);
}

/**
 * Prints a run's tables and writes its --json document and --records file (the replication
 * `records.run` says, simulated once more with its records streamed to the file).
 */
function finishRun(opts: RunCommandOptions, io: Io, scenario: Scenario, file: string, result: ReplicationResult, records?: { file: string; run: RecordsRun }): number {
  io.stdout(renderRunTable(scenario, result, io.stdoutColumns));
  if (opts.intervals) io.stdout(renderIntervalTable(result, scenario.intervalSec));
  if (opts.json) {
    const err = writeResultFile(io, opts.json, toJson(runResultDocument(scenario, file, result)), opts.force);
    if (err) {
      io.stderr(`chatsim run: ${err}\n`);
      return EXIT_INVALID;
    }
    io.stdout(`wrote ${opts.json}\n`);
  }
  if (records !== undefined) {
    const out = io.createWriter(records.file);
    let conversations: number;
    try {
      conversations = writeRecords(scenario, { policy: result.policy, warmupSec: result.warmupSec, ...records.run }, out);
    } finally {
      out.close();
    }
    io.stdout(`wrote ${records.file}: ${grouped(conversations)} conversations of replication ${records.run.replication}\n`);
  }
  return EXIT_OK;
}

/**
 * The trace's visitors, refused (exit 2) as soon as there are more than the visitors budget
 * (`--max-visitors`): a trace's size is known only as it is read, so the check runs while it is
 * simulated, and a trace over the budget stops after the budget's worth of visitors.
 */
function withinBudget(visitors: Iterable<TraceVisitor>, file: string, maxVisitors: number): Iterable<TraceVisitor> {
  return {
    *[Symbol.iterator]() {
      let n = 0;
      for (const v of visitors) {
        if (++n > maxVisitors) {
          throw new ChatsimError(`${file} holds more than ${grouped(maxVisitors)} visitors, the budget; cut the trace, or raise the budget with --max-visitors N if the machine can take it`);
        }
        yield v;
      }
    },
  };
}

/** `chatsim run --trace FILE`: one replication of exactly the trace's visitors, under its scenario. */
function runTraceCommand(opts: RunCommandOptions & { trace: string }, parsed: RunOptionValues, io: Io): number {
  const fail = (msg: string) => { io.stderr(msg + '\n'); return EXIT_INVALID; };
  if (opts.seed !== undefined || opts.replications !== undefined) return fail('chatsim run: the trace fixes the seed and the replication; leave out --seed and --replications with --trace');
  if (opts.recordsReplication !== undefined) return fail('chatsim run: a trace is one replication; leave out --records-replication with --trace');
  if (opts.workers !== undefined) return fail('chatsim run: a trace is one replication, simulated in one thread; leave out --workers with --trace');
  const trace = readTrace(linesOf(io, opts.trace), opts.trace);
  const header = trace.first();
  const scenario = header.scenario;
  const warmup = warmupProblem('run', parsed.warmupSec, scenario);
  if (warmup) return fail(warmup);
  const options = { ...(parsed.policy !== undefined ? { policy: parsed.policy } : {}), ...(parsed.warmupSec !== undefined ? { warmupSec: parsed.warmupSec } : {}) };
  const result = runTrace(header, withinBudget(trace, opts.trace, parsed.maxVisitors), options);
  const records = opts.records === undefined ? undefined : {
    file: opts.records,
    run: {
      seed: header.seed, replication: header.replication, endAt: result.stats[0].endAt, source: `chatsim run --trace ${opts.trace}`,
      visitors: readTrace(linesOf(io, opts.trace), opts.trace),
    },
  };
  return finishRun(opts, io, scenario, opts.trace, result, records);
}
