// `chatsim staff <file> --target "serviceLevel >= 80%" …`: the fewest agents per interval of the day
// meeting every target, found by simulation; beside it the Erlang C, Erlang A and concurrency-factor
// estimates. `--out FILE` writes the scenario with the roster as its agents (and the targets as
// per-interval sla entries, so `chatsim check FILE` verifies it; scenarios/write-roster.ts); `--json
// FILE` the whole result. Parse options → API → render → write.

import type { Io } from '../io.js';
import { EXIT_FAIL, EXIT_INVALID, EXIT_OK } from '../io.js';
import { DAY_SEC, formatClock, formatDuration } from '../../core/units.js';
import {
  METRICS,
  StaffError,
  formatIssues,
  intervalText,
  loadScenario,
  parseTarget,
  rosterScenarioText,
  staff,
  staffResultDocument,
  type StaffResult,
  type Target,
} from '../../api/index.js';
import { formatValue, table, toJson, writeResultFile } from '../output.js';
import { budgetProblem, loadCommandScenario, outputProblem, parseRunOptions, warmupProblem } from './run.js';
import { parseCount, parseDurationOption } from '../options.js';
import { CLI_MSG } from '../messages.js';
import { MSG } from '../../scenarios/messages.js';
import { BOUNDS } from '../../scenarios/schema.js';
import { MIN_STAFF_INTERVAL_SEC, targetNeeds } from '../../sim/experiments/staff.js';
import { progress } from '../progress.js';

export interface StaffCommandOptions {
  file: string;
  target: string[];
  interval?: string;
  template?: string;
  maxAgents?: string;
  minShift?: string;
  seed?: string;
  replications?: string;
  warmup?: string;
  maxVisitors?: string;
  out?: string;
  json?: string;
  force?: boolean;
  quiet?: boolean;
}

const unitOf = (metric: string) => METRICS.find((m) => m.name === metric)?.unit ?? 'count';
const est = (n: number | null) => (n === null ? '–' : String(n));

/** The per-interval table: rate, the three formula estimates, the simulated answer and the targets' values. */
export function renderStaff(r: StaffResult, targets: readonly Target[]): string {
  const metrics = [...new Set(targets.map((t) => t.metric))];
  const withRoster = r.minShiftSec > 0;
  const rows: string[][] = [['interval', 'chats/h', 'Erlang C', 'Erlang A', 'conc. factor', 'simulated', ...(withRoster ? ['rostered'] : []), ...metrics, '']];
  for (const i of r.intervals) {
    if (i.ratePerHour === 0 && i.agents === 0) continue;
    rows.push([
      `${formatClock(i.startSec)}–${formatClock(i.startSec + r.intervalSec)}`,
      i.ratePerHour.toFixed(0),
      est(i.erlangC), est(i.erlangA), est(i.concurrencyFactor),
      String(i.agents),
      ...(withRoster ? [String(i.rostered)] : []),
      ...metrics.map((m) => formatValue(i.metrics[m], unitOf(m))),
      i.unreachable ? 'UNREACHABLE' : '',
    ]);
  }
  const sum = (f: (i: StaffResult['intervals'][number]) => number | null) => {
    let s = 0;
    for (const i of r.intervals) { const v = f(i); if (v === null) return null; s += v; }
    return (s * r.intervalSec) / 3600;
  };
  const hours = (h: number | null) => (h === null ? '–' : `${h.toFixed(1)} h`);
  rows.push(['agent-hours/day', '', hours(sum((i) => i.erlangC)), hours(sum((i) => i.erlangA)), hours(sum((i) => i.concurrencyFactor)), hours(r.agentHoursPerDay), ...(withRoster ? [hours(r.rosterAgentHoursPerDay)] : []), ...metrics.map(() => ''), '']);
  return table(rows, (c) => c >= 1 && c < rows[0].length - 1);
}

/** Runs `chatsim staff`. Exit 0; 1 when an interval or the roster misses a target; 2 on invalid input. */
export async function staffCommand(opts: StaffCommandOptions, io: Io): Promise<number> {
  const fail = (msg: string) => { io.stderr(msg + '\n'); return EXIT_INVALID; };
  if (!opts.target || opts.target.length === 0) return fail('chatsim staff: give at least one --target, e.g. --target "serviceLevel >= 80%"');
  const targets: Target[] = [];
  for (const t of opts.target) {
    const p = parseTarget(t);
    if (!p.ok) return fail(`chatsim staff: --target ${p.error}`);
    if (targetNeeds(p.target) === 'fewer') return fail(`chatsim staff: --target ${MSG.staffTargetFewer(p.target.text)}`);
    targets.push(p.target);
  }
  const parsed = parseRunOptions({ seed: opts.seed, replications: opts.replications, warmup: opts.warmup, maxVisitors: opts.maxVisitors }, 'staff');
  if (!parsed.ok) return fail(parsed.error);
  let intervalSec: number | undefined;
  if (opts.interval !== undefined) {
    const i = parseDurationOption('--interval', opts.interval, { example: '30m', positive: true });
    if (!i.ok || i.value < MIN_STAFF_INTERVAL_SEC || DAY_SEC % i.value !== 0) return fail(`chatsim staff: ${CLI_MSG.staffInterval(opts.interval, MIN_STAFF_INTERVAL_SEC)}`);
    intervalSec = i.value;
  }
  let minShiftSec: number | undefined;
  if (opts.minShift !== undefined) {
    const m = parseDurationOption('--min-shift', opts.minShift, { example: '4h', maxSec: DAY_SEC });
    if (!m.ok) return fail(`chatsim staff: ${m.error}`);
    minShiftSec = m.value;
  }
  let maxAgents: number | undefined;
  if (opts.maxAgents !== undefined) {
    const n = parseCount('--max-agents', opts.maxAgents, { min: 1, max: BOUNDS.maxAgentsPerGroup });
    if (!n.ok) return fail(`chatsim staff: ${n.error}`);
    maxAgents = n.value;
  }
  const outputs = outputProblem(io, 'staff', [[opts.out, 'other'], [opts.json, 'json']], opts.force);
  if (outputs) return fail(outputs);
  if (opts.out !== undefined && opts.out === opts.file) return fail('chatsim staff: --out must not be the scenario file itself; write the roster to a new file');
  const loaded = loadCommandScenario(opts.file, io);
  if (!loaded) return EXIT_INVALID;
  const { text, scenario } = loaded;
  const warmup = warmupProblem('staff', parsed.warmupSec, scenario);
  if (warmup) return fail(warmup);
  if ((intervalSec ?? scenario.intervalSec) < MIN_STAFF_INTERVAL_SEC) return fail(`chatsim staff: ${MSG.staffIntervalTooShort(intervalSec ?? scenario.intervalSec, MIN_STAFF_INTERVAL_SEC)}`);
  const budget = budgetProblem(io, 'staff', scenario, { replications: parsed.replications, each: ' for each roster tried', maxVisitors: parsed.maxVisitors, quiet: opts.quiet });
  if (budget) return fail(budget);

  const bar = progress(io, 'rosters simulated', opts.quiet);
  let result: StaffResult;
  try {
    result = staff(scenario, {
      targets, intervalSec, template: opts.template, minShiftSec, seed: parsed.seed, replications: parsed.replications, warmupSec: parsed.warmupSec, maxAgents,
      onEvaluation: (n) => bar.update(n, 0),
    });
  } catch (err) {
    bar.finish();
    if (err instanceof StaffError) return fail(`chatsim staff: ${err.message}`);
    throw err;
  }
  bar.finish();

  io.stdout(`${scenario.name}: fewest "${result.template}" agents per ${intervalText(result.intervalSec)} meeting ${targets.map((t) => t.text).join(' and ')} in every interval\n`);
  io.stdout(`(${result.replications} replications, seed ${result.seed}; formulas use ${formatDuration(result.holdingTimeSec)} per chat slot, cap ${scenario.agents.find((a) => a.id === result.template)!.maxConcurrent}, mean patience ${formatDuration(result.patienceSec)}; ${result.evaluations} rosters simulated)\n\n`);
  io.stdout(renderStaff(result, targets));
  const unreachable = result.intervals.filter((i) => i.unreachable);
  if (unreachable.length > 0) io.stdout(`\nnote: ${unreachable.length} interval(s) miss a target even with ${Math.max(...unreachable.map((i) => i.agents))} agents (UNREACHABLE above): the target may be impossible for this kind of agent (e.g. an FRT below the first-reply time), or raise --max-agents.\n`);
  const shiftNote = result.minShiftSec > 0 ? `, shifts of at least ${intervalText(result.minShiftSec)}` : '';
  io.stdout(`\nroster (${result.roster.reduce((s, g) => s + g.count, 0)} agents, ${result.rosterAgentHoursPerDay.toFixed(1)} agent-hours a day${shiftNote}):\n`);
  for (const g of result.roster) io.stdout(`  ${g.id}: ${g.count} × ${g.shifts.map((s) => `${formatClock(s.startSec)}–${formatClock(s.endSec)}`).join(', ')}\n`);

  if (!result.rosterMeetsTargets) io.stdout('\nwarning: the roster misses a target in some interval although the per-interval minimum meets it; check it with chatsim check --out FILE and more replications.\n');
  if (opts.out) {
    const out = rosterScenarioText(text, scenario, result, targets);
    const check = loadScenario(out, opts.out);
    if (!check.ok) return fail(`chatsim staff: the roster scenario does not validate (a bug; please report it):\n${formatIssues(check.issues)}`);
    const err = writeResultFile(io, opts.out, out, opts.force, 'other');
    if (err) return fail(`chatsim staff: ${err}`);
    io.stdout(`wrote ${opts.out} (check it with: chatsim check ${opts.out})\n`);
  }
  if (opts.json) {
    const doc = staffResultDocument(scenario, opts.file, result, targets);
    const err = writeResultFile(io, opts.json, toJson(doc), opts.force);
    if (err) return fail(`chatsim staff: ${err}`);
    io.stdout(`wrote ${opts.json}\n`);
  }
  if (unreachable.length > 0 || !result.rosterMeetsTargets) {
    io.stderr(CLI_MSG.staffUnmet(unreachable.length) + '\n');
    return EXIT_FAIL;
  }
  return EXIT_OK;
}
