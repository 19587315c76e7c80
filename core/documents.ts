// The result documents, defined once: what `chatsim run`, `compare`, `sweep`, `staff`, `check` and `backtest`
// write with `--json` (the commands), what reports read (reports/results.ts), and what the backend
// and the load tests will write from measured records. Types and pure builders from kernel types;
// the builders fix the key order, so the JSON is byte-stable. Imports only the kernel.

import type { AgentGroup } from './scenario.js';
import type { MetricSummary, Summary } from './metrics/summary.js';
import type { TargetResult } from './metrics/sla.js';
import { formatClock } from './units.js';
import type { LiveComparison, LiveLag, LiveSide } from './live-compare.js';

/** The `tool` of every chatsim document (how an earlier result is told from a user's file). */
export const DOCUMENT_TOOL = 'chatsim';

/** The kinds of result document, in the order the commands are listed. */
export const DOCUMENT_KINDS = ['run', 'compare', 'sweep', 'staff', 'check', 'backtest', 'compare-live'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/** The scenario a document is about: its `name:` and the file it was loaded from (as given). */
export interface ScenarioRef {
  name: string;
  file: string;
}

/** The fields every document starts with, in this order. */
export interface DocumentHeader<K extends DocumentKind> {
  tool: typeof DOCUMENT_TOOL;
  /** chatsim's version that wrote it (package.json). */
  version: string;
  kind: K;
  scenario: ScenarioRef;
}

/** What every builder needs besides its results: the writer's version and the scenario. */
export interface DocumentMeta {
  /** chatsim's version (the API passes `VERSION`). */
  version: string;
  scenario: ScenarioRef;
}

// ---------------------------------------------------------------------------------------- run

/** The parameters of a run, as a run document states them (seconds for every time). */
export interface RunParameters {
  /** Base seed; replication r ran on `<seed>/rep-<r>`. */
  seed: string;
  replications: number;
  /** Routing policy name. */
  policy: string;
  /** Service-level threshold T, seconds. */
  slTimeSec: number;
  /** Conversations and agent time before this instant are not measured, seconds. */
  warmupSec: number;
  /** Length of an interval of the day, seconds. */
  intervalSec: number;
  /** Simulated time, seconds (days × 86,400). */
  horizonSec: number;
}

/**
 * `chatsim run --json`: the full, stable result that later commands and reports read: the header,
 * the run's parameters, its {@link Summary} (overall metrics with CIs; intervals, groups, agents,
 * classes when the scenario has them, distributions: see core/metrics/summary.ts) and the sla
 * verdicts when the scenario has targets.
 */
export interface RunDocument extends DocumentHeader<'run'>, RunParameters, Summary {
  /** The scenario's sla targets evaluated on this run (absent when it has none). */
  targets?: TargetResult[];
}

/** What a run document says besides its summary. */
export interface RunMeta extends DocumentMeta, RunParameters {
  /** The sla targets evaluated on the same runs; left out of the document when absent or empty. */
  targets?: readonly TargetResult[];
}

/**
 * The run document of a summary (of simulated replications, or of one measured run: the same
 * builder for the simulator, the backend export and the load tests).
 * @example
 * const doc = runDocument(summariseReplications(runs), {
 *   version: VERSION, scenario: { name: scenario.name, file: 'day.yaml' }, seed: '1', replications: runs.length,
 *   policy: 'least-loaded', slTimeSec: 20, warmupSec: 0, intervalSec: 1800, horizonSec: 86400,
 * });
 */
export function runDocument(summary: Summary, meta: RunMeta): RunDocument {
  return {
    ...header('run', meta),
    seed: meta.seed,
    replications: meta.replications,
    policy: meta.policy,
    slTimeSec: meta.slTimeSec,
    warmupSec: meta.warmupSec,
    intervalSec: meta.intervalSec,
    horizonSec: meta.horizonSec,
    metrics: summary.metrics,
    intervals: summary.intervals,
    groups: summary.groups,
    agents: summary.agents,
    ...(summary.classes ? { classes: summary.classes } : {}),
    ...(summary.distributions ? { distributions: summary.distributions } : {}),
    ...(meta.targets && meta.targets.length > 0 ? { targets: [...meta.targets] } : {}),
  };
}

// ------------------------------------------------------------------------------------ compare

/** A paired difference `policy − baseline` over replications (same seeds, same visitors). */
export interface PairedDifference extends MetricSummary {
  /** True when the 95 % CI of the difference excludes 0. */
  significant: boolean;
}

/** One policy of a comparison: each metric's summary and its difference against the baseline. */
export interface PolicyComparison {
  policy: string;
  metrics: Record<string, MetricSummary>;
  /** Against the first policy; null for the first policy itself. */
  differences: Record<string, PairedDifference> | null;
}

/** `chatsim compare --json`. */
export interface CompareDocument extends DocumentHeader<'compare'> {
  seed: string;
  replications: number;
  /** Seconds. */
  warmupSec: number;
  /** Seconds. */
  slTimeSec: number;
  /** The first policy, that the others are compared with. */
  baseline: string;
  /** The compared metrics, in order. */
  metrics: string[];
  policies: PolicyComparison[];
}

/** What a compare document says besides its rows. */
export interface CompareMeta extends DocumentMeta {
  seed: string;
  replications: number;
  /** Seconds. */
  warmupSec: number;
  /** Seconds. */
  slTimeSec: number;
  metrics: readonly string[];
}

/**
 * The compare document of compared policies (the first is the baseline).
 * @example compareDocument(comparePolicies(policies, runs, metrics), { version: VERSION, scenario, seed: '1', replications: 10, warmupSec: 0, slTimeSec: 20, metrics })
 */
export function compareDocument(rows: readonly PolicyComparison[], meta: CompareMeta): CompareDocument {
  if (rows.length === 0) throw new RangeError('compareDocument needs at least one policy');
  return {
    ...header('compare', meta),
    seed: meta.seed,
    replications: meta.replications,
    warmupSec: meta.warmupSec,
    slTimeSec: meta.slTimeSec,
    baseline: rows[0].policy,
    metrics: [...meta.metrics],
    policies: [...rows],
  };
}

// -------------------------------------------------------------------------------------- sweep

/** A setting of a sweep parameter: a number, or text (a policy name). */
export type SweepValue = number | string;

/** One point of a sweep's grid: its settings (path → value) and each chosen metric's summary. */
export interface SweepPoint {
  settings: Record<string, SweepValue>;
  metrics: Record<string, MetricSummary>;
}

/** One swept scenario field and its values, in grid order. */
export interface SweepParameter {
  path: string;
  values: SweepValue[];
}

/** `chatsim sweep --json`. */
export interface SweepDocument extends DocumentHeader<'sweep'> {
  seed: string;
  /** Replications per point. */
  replications: number;
  /** Seconds. */
  slTimeSec: number;
  parameters: SweepParameter[];
  /** The summarised metrics, in order. */
  metrics: string[];
  /** One per grid point, in grid order. */
  runs: SweepPoint[];
}

/** What a sweep document says besides its points. */
export interface SweepMeta extends DocumentMeta {
  seed: string;
  replications: number;
  /** Seconds. */
  slTimeSec: number;
  /** Only `path` and `values` are written. */
  parameters: ReadonlyArray<Readonly<SweepParameter>>;
  metrics: readonly string[];
}

/**
 * The sweep document of a grid's points.
 * @example sweepDocument(points, { version: VERSION, scenario, seed: '1', replications: 5, slTimeSec: 20, parameters: specs, metrics: ['serviceLevel'] })
 */
export function sweepDocument(points: readonly SweepPoint[], meta: SweepMeta): SweepDocument {
  return {
    ...header('sweep', meta),
    seed: meta.seed,
    replications: meta.replications,
    slTimeSec: meta.slTimeSec,
    parameters: meta.parameters.map((p) => ({ path: p.path, values: [...p.values] })),
    metrics: [...meta.metrics],
    runs: [...points],
  };
}

// -------------------------------------------------------------------------------------- staff

/** The simple-formula estimates for one interval (agents), null where a formula has nothing to say. */
export interface FormulaEstimates {
  /** Erlang C on agents × cap servers, the holding time per chat slot, no abandonment. */
  erlangC: number | null;
  /** Erlang A: the same servers with exponential patience (the scenario's mean patience). */
  erlangA: number | null;
  /** The concurrency-factor rule: Erlang C on one server per agent, handle time ÷ cap. */
  concurrencyFactor: number | null;
}

/** One staffing interval of the day. */
export interface StaffInterval extends FormulaEstimates {
  index: number;
  /** Start within the day, seconds. */
  startSec: number;
  /** Offered chats per hour in this interval (mean over the scenario's days, before daily noise). */
  ratePerHour: number;
  /** Fewest agents found by simulation for this interval. */
  agents: number;
  /** Agents on in the roster (more than `agents` where shifts were lengthened to the minimum shift). */
  rostered: number;
  /** True when one agent fewer in this interval misses a target (checked at the end). */
  binding: boolean;
  /** True when even `maxAgents` misses a target here. */
  unreachable: boolean;
  /** Interval arrivals in the final roster's simulation (mean). */
  arrivals: number;
  /** Each target metric's mean in this interval with the roster. */
  metrics: Record<string, number | null>;
}

/** What the staffing search finds (sim/experiments/staff.ts). */
export interface StaffResult {
  template: string;
  /** Seconds. */
  intervalSec: number;
  seed: string;
  replications: number;
  /** Mean slot holding time per chat used by the formulas: first reply, rounds, wrap-up, seconds. */
  holdingTimeSec: number;
  /** Mean patience used by Erlang A, seconds (Infinity when visitors never leave; null in JSON). */
  patienceSec: number;
  intervals: StaffInterval[];
  /** The roster as agent groups of the template kind, with daily shifts. */
  roster: AgentGroup[];
  /** Σ agents × interval hours per day (the per-interval minimum). */
  agentHoursPerDay: number;
  /** Σ rostered agents × interval hours per day (equal to `agentHoursPerDay` without a minimum shift). */
  rosterAgentHoursPerDay: number;
  /** Minimum shift honoured, seconds (0 = none). */
  minShiftSec: number;
  /** Whether every target holds in every interval with the roster (it should; false flags a surprise). */
  rosterMeetsTargets: boolean;
  /** Distinct candidate rosters simulated (a roster met again is not simulated again). */
  evaluations: number;
  /** The roster's overall metrics (mean over replications) for the targets' metrics. */
  overall: Record<string, number | null>;
}

/** A roster group as a staff document writes it: shifts as clock times. */
export interface RosterEntry {
  id: string;
  count: number;
  /** `HH:MM` within the day (`24:00` for midnight at the end). */
  shifts: Array<{ start: string; end: string }>;
}

/** `chatsim staff --json`: the search's result with the targets' text and the roster in clock times. */
export interface StaffDocument extends DocumentHeader<'staff'>, Omit<StaffResult, 'roster'> {
  /** The targets as given, e.g. `serviceLevel >= 80%`. */
  targets: string[];
  roster: RosterEntry[];
}

/** What a staff document says besides the result. */
export interface StaffMeta extends DocumentMeta {
  /** The targets as given. */
  targets: readonly string[];
}

/**
 * The staff document of a staffing result.
 * @example staffDocument(staff(scenario, { targets }), { version: VERSION, scenario, targets: targets.map((t) => t.text) })
 */
export function staffDocument(result: StaffResult, meta: StaffMeta): StaffDocument {
  return {
    ...header('staff', meta),
    targets: [...meta.targets],
    ...result,
    roster: result.roster.map((g) => ({ id: g.id, count: g.count, shifts: g.shifts.map((s) => ({ start: formatClock(s.startSec), end: formatClock(s.endSec) })) })),
  };
}

// -------------------------------------------------------------------------------------- check

/** `chatsim check --json`: the verdict on every sla target. */
export interface CheckDocument extends DocumentHeader<'check'> {
  seed: string;
  replications: number;
  policy: string;
  /** Every target met. */
  pass: boolean;
  targets: TargetResult[];
}

/** What a check document says besides the verdicts. */
export interface CheckMeta extends DocumentMeta {
  seed: string;
  replications: number;
  policy: string;
}

/**
 * The check document of evaluated targets; `pass` when every one is met.
 * @example checkDocument(evaluateTargets(scenario.sla, result.runs), { version: VERSION, scenario, seed: '1', replications: 10, policy: 'least-loaded' })
 */
export function checkDocument(targets: readonly TargetResult[], meta: CheckMeta): CheckDocument {
  return {
    ...header('check', meta),
    seed: meta.seed,
    replications: meta.replications,
    policy: meta.policy,
    pass: targets.every((x) => x.pass),
    targets: [...targets],
  };
}

// ------------------------------------------------------------------------------------- backtest

/** What one cell (an interval of the day pooled over days, a day, the period) shows; NaN when nothing was offered. */
export interface BacktestCell {
  /** Contacts offered to people (per day, for an interval of the day pooled over days). */
  offered: number;
  /** Abandoned / offered. */
  abandonment: number;
  /** Queue wait over all offered, seconds. */
  meanWaitSec: number;
  /** SL(T): answered by a person within T / offered. */
  serviceLevel: number;
}

/** A comparison row: one interval of the day (pooled over the days compared) or one day. */
export interface BacktestRow {
  /** `07:00` for an interval, `1999-03-01` for a day. */
  label: string;
  /** The day type (day rows). */
  dayType?: string;
  actual: BacktestCell;
  predicted: BacktestCell;
  /** The naive forecast "the fit period repeats" (when the fit logs were given). */
  naive?: BacktestCell;
}

/** Error measures of one forecast against the log. */
export interface BacktestScores {
  /** MAPE of hourly abandonment over the scored hours (intervals pooled over days). */
  abandonmentMape: number;
  /** MAPE of hourly offered over the scored hours. */
  offeredMape: number;
  /** MAPE of hourly mean wait over the scored hours. */
  meanWaitMape: number;
  /** Mean over days of |SL(T) predicted − actual|, percentage points. */
  dailySlErrorPp: number;
  /** Largest daily |SL error|, pp. */
  dailySlMaxErrorPp: number;
  /** Share of days whose SL error is within ±3 pp. */
  dailySlWithin3pp: number;
  /** Whole period, predicted − actual, pp (signed). */
  periodSlErrorPp: number;
  periodAbandonmentErrorPp: number;
}

/** A backtest's result: the scenario on the log's calendar against the log (and the naive forecast). */
export interface BacktestResult {
  /** Interval of the day of the comparison and the SL threshold T, seconds. */
  intervalSec: number;
  slTimeSec: number;
  replications: number;
  seed: string;
  /** Hours of the day [from, to) scored by the hourly errors. */
  hours: [number, number];
  /** Days compared (holidays left out) and left out. */
  days: string[];
  holidaysLeftOut: string[];
  byInterval: BacktestRow[];
  byDay: BacktestRow[];
  period: { actual: BacktestCell; predicted: BacktestCell; naive?: BacktestCell };
  scores: { predicted: BacktestScores; naive?: BacktestScores };
}

/** `chatsim backtest --json`. */
export interface BacktestDocument extends DocumentHeader<'backtest'>, BacktestResult {
  /** The logs compared against, and the fit period's logs behind the naive forecast. */
  logs: string[];
  fitLogs: string[];
}

export interface BacktestMeta extends DocumentMeta {
  logs: readonly string[];
  fitLogs: readonly string[];
}

/**
 * The backtest document.
 * @example documentJson(backtestDocument(result, { version, scenario: { name, file }, logs: ['mar.txt.gz'], fitLogs: [] }))
 */
export function backtestDocument(result: BacktestResult, meta: BacktestMeta): BacktestDocument {
  return { ...header('backtest', meta), logs: [...meta.logs], fitLogs: [...meta.fitLogs], ...result };
}

// ------------------------------------------------------------------------------- compare-live

/** What a replay did on its own side (the load's fidelity and losses), in a compare-live document. */
export interface ReplaySection {
  target: string;
  timeScale: number;
  /** Scenario instants of T0 and the window's end, seconds. */
  t0Sec: number;
  toSec: number;
  /** Trace visitors in the window, and how many started a conversation (deflected ones do not). */
  visitors: number;
  started: number;
  /** Visits by how they ended, from the visitor's side. */
  outcomes: Record<string, number>;
  /** How late visitors started against their scheduled instants. */
  lag: LiveLag;
  /** Messages acknowledged by one side and never delivered to the other, in conversations both saw to the close. */
  lostMessages: number;
  messagesSent: number;
  /** Failed transport calls, and the first 20 of them. */
  errorCount: number;
  errors: string[];
  /** Invariant violations the backend counted (null when not asked). */
  violations: number | null;
  stopped: boolean;
  wallSec: number;
  /**
   * Scenario seconds to add to the backend's instants to put them on the trace's clock (the
   * backend's clock counts from the server's start, the replay's from T0 = `t0Sec`), from one
   * `/health` reading after the replay; null when it could not be read (absent in older documents).
   */
  serverClockOffsetSec?: number | null;
}

/**
 * `chatsim replay --json` and `chatsim compare-live --json`: predicted vs measured side by side,
 * with tolerances and verdicts; the replay's own figures when a replay produced it; the measured
 * run's full summary so a later `compare-live` can read this file as "measured".
 */
export interface CompareLiveDocument extends DocumentHeader<'compare-live'> {
  /** Where each side came from (files, or `replay of <trace>`). */
  predictedFrom: string;
  measuredFrom: string;
  tolerances: string[];
  pass: boolean;
  failed: string[];
  rows: LiveComparison['rows'];
  replay?: ReplaySection;
  /** Measured metric values by name (the kernel's definitions), for reading this file back. */
  measured: Record<string, number | null>;
  /**
   * Each side's FRT histogram and per-interval rows, for `chatsim report` (see LiveSide: null
   * fields where a source has none, e.g. a k6 summary). Absent in documents written before it
   * existed: they report the table only.
   */
  sides?: { predicted: LiveSide; measured: LiveSide };
}

/** What a compare-live document says besides the comparison. */
export interface CompareLiveMeta extends DocumentMeta {
  predictedFrom: string;
  measuredFrom: string;
  tolerances: readonly string[];
  measured: Readonly<Record<string, number | null>>;
  replay?: ReplaySection;
  /** Each side's distribution and per-interval rows. */
  sides: { predicted: LiveSide; measured: LiveSide };
}

/**
 * The compare-live document of a comparison.
 * @example compareLiveDocument(compareLive(p, m, tol), { version: VERSION, scenario, predictedFrom: 'run.json', measuredFrom: 'export.jsonl', tolerances: [], measured: m, sides: { predicted, measured } })
 */
export function compareLiveDocument(c: LiveComparison, meta: CompareLiveMeta): CompareLiveDocument {
  return {
    ...header('compare-live', meta),
    predictedFrom: meta.predictedFrom,
    measuredFrom: meta.measuredFrom,
    tolerances: [...meta.tolerances],
    pass: c.pass,
    failed: [...c.failed],
    rows: c.rows.map((r) => ({ ...r })),
    ...(meta.replay !== undefined ? { replay: meta.replay } : {}),
    measured: { ...meta.measured },
    sides: { predicted: meta.sides.predicted, measured: meta.sides.measured },
  };
}

// ------------------------------------------------------------------------------------------ all

/** Any result document. */
export type ResultDocument = RunDocument | CompareDocument | SweepDocument | StaffDocument | CheckDocument | BacktestDocument | CompareLiveDocument;

/**
 * A document as its file holds it: two-space indent, NaN and ±Infinity as null (JSON has neither),
 * a trailing newline. Key order is the builders'.
 * @example documentJson({ a: NaN }) // '{\n  "a": null\n}\n'
 */
export function documentJson(value: unknown): string {
  return JSON.stringify(value, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2) + '\n';
}

function header<K extends DocumentKind>(kind: K, meta: DocumentMeta): DocumentHeader<K> {
  return { tool: DOCUMENT_TOOL, version: meta.version, kind, scenario: { name: meta.scenario.name, file: meta.scenario.file } };
}
