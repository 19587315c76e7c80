// Live replay and predicted vs measured through the API: replay a trace against a live backend with
// the Node runner, predict the same visitors with the simulator, measure the backend's export with
// the kernel's metric code, and compare them; read the "measured" side from a backend export, a
// replay result or a k6 summary. Apart from the main entry (`chatsim/replay`) so simulating never
// loads ws. Must not import cli/.

import { ChatsimError, EXIT_INVALID } from '../core/errors.js';
import { compareLiveDocument, type CompareLiveDocument, type ReplaySection } from '../core/documents.js';
import { bareLiveSide, compareLive, liveSide, LIVE_METRICS, parseLiveTolerances, type LiveComparison, type LiveLag, type LiveSide } from '../core/live-compare.js';
import type { Summary } from '../core/metrics/summary.js';
import { RECORDS_FORMAT } from '../core/records-codec.js';
import type { TraceHeader, TraceVisitor } from '../core/trace.js';
import { StopSignal } from '../loadgen/behaviour/mailbox.js';
import { inWindow } from '../loadgen/behaviour/timeline.js';
import { replayTrace, type ReplayResult } from '../loadgen/node/replay.js';
import { decodeK6Summary, K6_SUMMARY_FORMAT, type K6Summary } from '../loadgen/k6/summary.js';
import { runTrace } from '../sim/experiments/run.js';
import { measureRecords } from './measure.js';
import { VERSION } from './version.js';

export { StopSignal } from '../loadgen/behaviour/mailbox.js';
export { replayTrace, type ReplayOptions, type ReplayResult, type LagSummary } from '../loadgen/node/replay.js';
export { bareLiveSide, compareLive, liveSide, parseLiveTolerances, DEFAULT_LIVE_TOLERANCES, LIVE_INTERVAL_METRICS, LIVE_METRICS, type LiveComparison, type LiveIntervalRow, type LiveRow, type LiveSide, type LiveTolerance } from '../core/live-compare.js';
export { compareLiveDocument, type CompareLiveDocument, type ReplaySection } from '../core/documents.js';

/** Visitors a replay takes without being told it may take more (a bounded load by default). */
export const DEFAULT_REPLAY_MAX_VISITORS = 5000;
/** Wall seconds a replay may last without being told it may take more. */
export const DEFAULT_REPLAY_MAX_WALL_SEC = 600;

/**
 * The backend's time scale: as its `/health` says (`timeScale`), else from two readings of its scenario clock `gapMs` wall ms apart:
 * snapped to 2 significant digits when within 1 % of them (servers run at 60, 120, 600…), else 3.
 * @example const timeScale = await serverTimeScale('http://127.0.0.1:8080'); // 60
 */
export async function serverTimeScale(target: string, gapMs = 300): Promise<number> {
  const read = async () => {
    const t0 = Date.now();
    const r = await fetch(`${target}/health`);
    const body = (await r.json()) as { now: number; timeScale?: number };
    return { wall: (t0 + Date.now()) / 2, now: body.now, timeScale: body.timeScale };
  };
  const a = await read();
  // chatsim serve says its scale; another backend is timed
  if (typeof a.timeScale === 'number' && a.timeScale > 0) return a.timeScale;
  await new Promise((r) => setTimeout(r, gapMs));
  const b = await read();
  const x = (b.now - a.now) / ((b.wall - a.wall) / 1000);
  const nice = Number(x.toPrecision(2));
  return Math.abs(x - nice) <= 0.01 * nice ? nice : Number(x.toPrecision(3));
}

/**
 * Metric values by name from a summary (the estimate of each).
 * @example summaryValues(runTrace(header, visitors).summary).frtP90
 */
export function summaryValues(s: Pick<Summary, 'metrics'>): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  const metrics = s.metrics as unknown as Record<string, { mean: number | null } | undefined>;
  for (const name of LIVE_METRICS) out[name] = metrics[name]?.mean ?? null;
  return out;
}

/** The measured side and the lag, read from a file's text. */
export interface MeasuredSide {
  values: Record<string, number | null>;
  lag?: LiveLag;
  /** What the file was: 'export' | 'replay' | 'run' | 'k6'. */
  kind: string;
  /** The full summary, for a backend export (the metric table of `chatsim measure`). */
  summary?: Summary;
  /** Its FRT histogram and per-interval rows where the file has them (not a k6 summary). */
  side: LiveSide;
}

/**
 * Reads the measured side from a backend export (records JSON Lines: through the kernel's metric
 * code), a compare-live / replay document (its `measured`), a run document (`chatsim measure
 * --json`), or a k6 summary (`handleSummary` JSON: chat_* trends in scenario seconds, counters).
 * @throws {ChatsimError} (exit 2) when the text is none of them
 * @example readMeasured(readFileSync('export.jsonl', 'utf8'), 'export.jsonl').values.frtP90
 */
export function readMeasured(text: string, file: string): MeasuredSide {
  const firstLine = text.slice(0, text.indexOf('\n') < 0 ? text.length : text.indexOf('\n'));
  let head: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  try { head = JSON.parse(firstLine); } catch { head = undefined; }
  if (head?.format === RECORDS_FORMAT) {
    const m = measureRecords([{ file, lines: text.split('\n').filter((l) => l !== '') }]);
    // the backend's clock counts from its start: unknown against the trace's here (a replay measures it)
    return { values: summaryValues(m.summary), kind: 'export', summary: m.summary, side: liveSide(m.summary, { source: 'export', slTimeSec: m.context.slTimeSec, intervalSec: m.context.intervalSec, clockOffsetSec: null }) };
  }
  let doc: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  try { doc = JSON.parse(text); } catch {
    throw new ChatsimError(`${file}: neither a records file (backend export) nor JSON`, { exitCode: EXIT_INVALID });
  }
  if (doc?.tool === 'chatsim' && doc.kind === 'compare-live') {
    // an older document has no sides: its overall values only
    return { values: doc.measured, ...(doc.replay?.lag ? { lag: doc.replay.lag } : {}), kind: 'replay', side: doc.sides?.measured ?? bareLiveSide('replay') };
  }
  if (doc?.tool === 'chatsim' && doc.kind === 'run') {
    // `chatsim measure --json` (no seed, no policy) measured a backend export: its clock is the backend's
    const measuredExport = doc.seed === '' && doc.policy === '';
    return { values: summaryValues(doc), kind: 'run', side: runSide(doc, measuredExport ? null : 0) };
  }
  if (doc?.format === K6_SUMMARY_FORMAT) return k6SummaryValues(decodeK6Summary(text, file));
  if (doc?.metrics?.chat_first_response_time !== undefined) return k6Values(doc);
  throw new ChatsimError(`${file}: not a backend export, a replay or compare-live result, a run document or a k6 summary`, { exitCode: EXIT_INVALID });
}

/** The measured side of the chatsim k6 script's own summary (`chatsim-summary.json`): its fields carry the kernel's names. */
function k6SummaryValues(k: K6Summary): MeasuredSide {
  const values: Record<string, number | null> = {
    offered: k.offered, answered: k.answered,
    frtMean: k.firstResponseSec.mean, frtP50: k.firstResponseSec.p50, frtP90: k.firstResponseSec.p90, frtP99: k.firstResponseSec.p99,
    queueWaitMean: k.queueWaitSec.mean, avgResponseTime: k.responseSec.mean,
    serviceLevel: k.serviceLevel, abandonRate: k.abandonRate, abandonRateTotal: k.abandonRateTotal,
  };
  const l = k.arrivalLagMs;
  const lag: LiveLag | undefined = l.count === 0 ? undefined : { count: l.count, p50Ms: l.p50, p99Ms: l.p99, maxMs: l.max, p50Sec: null, p99Sec: null, maxSec: null };
  return { values, ...(lag !== undefined ? { lag } : {}), kind: 'k6', side: bareLiveSide('k6') };
}

/**
 * The measured side of a raw k6 `handleSummary` JSON (see {@link readMeasured}): the `chat_*`
 * metrics. Abandonment as the kernel names it: `chat_abandon_queue_rate` is abandonRate (in
 * queue), `chat_abandon_rate` abandonRateTotal; without them, abandoned / offered is the total.
 */
function k6Values(doc: any): MeasuredSide { // eslint-disable-line @typescript-eslint/no-explicit-any
  const m = doc.metrics;
  const v = (name: string, stat: string): number | null => {
    const x = m[name]?.values?.[stat];
    return typeof x === 'number' ? x : null;
  };
  const answered = v('chat_answered', 'count');
  const abandoned = v('chat_abandoned', 'count');
  const offered = answered !== null && abandoned !== null ? answered + abandoned : null;
  const values: Record<string, number | null> = {
    offered, answered,
    frtMean: v('chat_first_response_time', 'avg'), frtP50: v('chat_first_response_time', 'med'),
    frtP90: v('chat_first_response_time', 'p(90)'), frtP99: v('chat_first_response_time', 'p(99)'),
    queueWaitMean: v('chat_queue_wait', 'avg'), avgResponseTime: v('chat_response_time', 'avg'),
    abandonRate: v('chat_abandon_queue_rate', 'rate'),
    abandonRateTotal: v('chat_abandon_rate', 'rate') ?? (offered !== null && offered > 0 ? abandoned! / offered : null),
    serviceLevel: v('chat_service_level', 'rate'),
  };
  const lagMed = v('chat_arrival_lag', 'med');
  const lag: LiveLag | undefined = lagMed === null ? undefined : {
    count: v('chat_arrival_lag', 'count') ?? 0, p50Ms: lagMed, p99Ms: v('chat_arrival_lag', 'p(99)'), maxMs: v('chat_arrival_lag', 'max'), p50Sec: null, p99Sec: null, maxSec: null,
  };
  return { values, ...(lag !== undefined ? { lag } : {}), kind: 'k6', side: bareLiveSide('k6') };
}

/** The side of a run document (older ones without `distributions` have no histogram). */
function runSide(doc: any, clockOffsetSec: number | null): LiveSide { // eslint-disable-line @typescript-eslint/no-explicit-any
  return liveSide({ intervals: Array.isArray(doc.intervals) ? doc.intervals : [], distributions: doc.distributions }, { source: 'run', slTimeSec: doc.slTimeSec, intervalSec: doc.intervalSec, clockOffsetSec });
}

/**
 * Reads the predicted side from a run document's text (`chatsim run --json`).
 * @example readPredicted(readFileSync('run.json', 'utf8'), 'run.json').frtP50
 */
export function readPredicted(text: string, file: string): Record<string, number | null> {
  return readPredictedSide(text, file).values;
}

/**
 * The predicted side with its FRT histogram and per-interval rows (for the compare-live document).
 * @example const { values, side } = readPredictedSide(readFileSync('run.json', 'utf8'), 'run.json');
 */
export function readPredictedSide(text: string, file: string): { values: Record<string, number | null>; side: LiveSide; scenario: string } {
  let doc: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  try { doc = JSON.parse(text); } catch { throw new ChatsimError(`${file}: not JSON`, { exitCode: EXIT_INVALID }); }
  if (doc?.tool !== 'chatsim' || doc.kind !== 'run') throw new ChatsimError(`${file}: not a chatsim run document (chatsim run --json)`, { exitCode: EXIT_INVALID });
  return { values: summaryValues(doc), side: runSide(doc, 0), scenario: typeof doc.scenario?.name === 'string' ? doc.scenario.name : '' };
}

/**
 * The measured side of a replay: the export's instants are the backend's (its clock counts from the
 * server's start), so they are moved onto the trace's clock by the offset the replay read and
 * measured again, and the interval rows fall on the trace's intervals; without the offset, as the
 * backend counted them.
 */
function measuredSide(replay: ReplayResult, side: MeasuredSide | null): LiveSide {
  if (side === null || replay.exportText === null) return bareLiveSide('export');
  const dt = replay.serverClockOffsetSec;
  if (dt === null) return side.side;
  const m = measureRecords([{ file: 'export', lines: replay.exportText.split('\n').filter((l) => l !== '') }], { shiftSec: dt });
  return liveSide(m.summary, { source: 'export', slTimeSec: m.context.slTimeSec, intervalSec: m.context.intervalSec, clockOffsetSec: 0 });
}

/** What {@link replayAndCompare} needs besides the replay's own options. */
export interface ReplayCompareOptions {
  header: TraceHeader;
  visitors: readonly TraceVisitor[];
  target: string;
  agentTokens: Record<string, string>;
  adminToken: string;
  timeScale: number;
  fromSec?: number;
  toSec?: number;
  tolerances?: string;
  stop?: StopSignal;
  onProgress?: (done: number, total: number) => void;
  /** Where the trace came from (for the document). */
  source: string;
  /** Asked after the replay (the server's invariant counter), when known. */
  violations?: () => Promise<number | null>;
}

/** A replay, its prediction and their comparison. */
export interface ReplayCompareResult {
  replay: ReplayResult;
  predicted: Record<string, number | null>;
  measured: Record<string, number | null>;
  /** The measured run's summary (the backend export through the kernel's metric code); null without an export. */
  measuredSummary: Summary | null;
  comparison: LiveComparison;
  document: CompareLiveDocument;
}

/**
 * Predicts the window's visitors with the simulator (`runTrace`), replays them against the
 * backend, measures its export and compares.
 * @example const r = await replayAndCompare({ header, visitors, target: server.url, agentTokens: server.tokens.agents, adminToken, timeScale: 60, source: 'day.trace.jsonl' });
 */
export async function replayAndCompare(o: ReplayCompareOptions): Promise<ReplayCompareResult> {
  const tolerances = parseLiveTolerances(o.tolerances ?? '');
  const scenario = o.header.scenario;
  const fromSec = o.fromSec ?? 0;
  const toSec = o.toSec ?? scenario.horizonSec;
  const windowVisitors = o.visitors.filter((v) => inWindow(v, fromSec, toSec));
  const prediction = runTrace(o.header, windowVisitors).summary;
  const predicted = summaryValues(prediction);
  const replay = await replayTrace({
    target: o.target, scenario, visitors: o.visitors, agentTokens: o.agentTokens, adminToken: o.adminToken, timeScale: o.timeScale,
    fromSec, toSec, stop: o.stop ?? new StopSignal(), ...(o.onProgress ? { onProgress: o.onProgress } : {}),
  });
  const side = replay.exportText === null ? null : readMeasured(replay.exportText, `${o.target}/api/v1/export`);
  const measured = side?.values ?? Object.fromEntries(LIVE_METRICS.map((m) => [m, null]));
  const comparison = compareLive(predicted, measured, tolerances, replay.lag);
  const violations = o.violations ? await o.violations() : null;
  const section: ReplaySection = {
    target: replay.target, timeScale: replay.timeScale, t0Sec: replay.t0Sec, toSec: replay.toSec,
    visitors: replay.visitors, started: replay.started, outcomes: { ...replay.outcomes } as Record<string, number>, lag: replay.lag,
    lostMessages: replay.lostMessages, messagesSent: replay.messagesSent, errorCount: replay.errorCount, errors: replay.errors,
    violations, stopped: replay.stopped, wallSec: replay.wallSec, serverClockOffsetSec: replay.serverClockOffsetSec,
  };
  const document = compareLiveDocument(comparison, {
    version: VERSION, scenario: { name: scenario.name, file: o.source },
    predictedFrom: `chatsim run --trace ${o.source}`, measuredFrom: `${o.target}/api/v1/export`,
    tolerances: tolerances.map((t) => t.text), measured, replay: section,
    sides: {
      predicted: liveSide(prediction, { source: 'run', slTimeSec: scenario.slTimeSec, intervalSec: scenario.intervalSec, clockOffsetSec: 0 }),
      measured: measuredSide(replay, side),
    },
  });
  return { replay, predicted, measured, measuredSummary: side?.summary ?? null, comparison, document };
}
