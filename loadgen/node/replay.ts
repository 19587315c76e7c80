// The Node runner: replays a trace's visitors and agents against a live backend over the Node
// transports, from the trace's T0 (or `--from`) at a time scale, launching each visitor shortly
// before its instant (memory bounded by the visitors in flight, not the trace), and collects what
// the load itself measures: arrival lag, outcomes, lost messages, failed calls. Then it fetches the
// backend's export (kernel records) for the metrics. Ctrl-C (the stop signal) ends it cleanly.
// Imports the kernel, the behaviour and the Node transports.

import { agentTable } from '../../core/roster.js';
import type { Scenario } from '../../core/scenario.js';
import type { TraceVisitor } from '../../core/trace.js';
import { quantileSorted } from '../../core/metrics/quantile.js';
import type { ReplaySection } from '../../core/documents.js';
import type { LiveLag } from '../../core/live-compare.js';
import { runAgentBot, type BotSummary } from '../behaviour/agent-bot.js';
import { StopSignal } from '../behaviour/mailbox.js';
import type { Recorder } from '../behaviour/ports.js';
import { inWindow, replayStartSec, scenarioSec, wallAt, type ReplayTimeline } from '../behaviour/timeline.js';
import { runVisitor, type VisitOutcome } from '../behaviour/visitor.js';
import { NodeAgentTransport, NodeClock, NodeVisitorTransport } from './transports.js';

/** Wall ms between the bots being logged in and T0: time for them to say they are online. */
export const REPLAY_LEAD_MS = 300;
/** A visitor is launched this long (wall ms) before its instant, so its start is not late. */
export const LAUNCH_AHEAD_MS = 50;

/** What {@link replayTrace} needs. */
export interface ReplayOptions {
  /** `http://host:port` of the backend (`chatsim serve`). */
  target: string;
  scenario: Scenario;
  /** The trace's visitors in arrival order (index = trace line − 2). */
  visitors: readonly TraceVisitor[];
  /** Agent tokens by agent id (the server's tokens file). */
  agentTokens: Record<string, string>;
  adminToken: string;
  /** Scenario seconds per wall second; must be the server's `--time-scale`. */
  timeScale: number;
  fromSec?: number;
  toSec?: number;
  /** Stop early (Ctrl-C): what was measured is still returned. */
  stop?: StopSignal;
  onProgress?: (done: number, total: number) => void;
}

/** Quantiles of the arrival lag, wall ms and the scenario seconds they stand for (the kernel's `LiveLag`). */
export type LagSummary = LiveLag;

/**
 * What a replay measured on its own side (the compare-live document's replay section, without the
 * server's invariant count, which only its owner can ask), the bots' totals and the backend's export.
 */
export interface ReplayResult extends Omit<ReplaySection, 'violations' | 'outcomes'> {
  outcomes: Partial<Record<VisitOutcome, number>>;
  bots: BotSummary;
  /** The backend's export (records JSON Lines), null when it could not be fetched. */
  exportText: string | null;
}

class RunRecorder implements Recorder {
  lags: number[] = [];
  errors: string[] = [];
  errorCount = 0;
  sent = 0;
  /** Per conversation: [visitor sent (after the first), agent received, agent sent, visitor received]. */
  counts = new Map<number, [number, number, number, number]>();
  outcomes: Partial<Record<VisitOutcome, number>> = {};
  /** Conversations the visitor saw through to the agent's (or the silent) close. */
  served = new Set<number>();
  outcome(_v: number, o: VisitOutcome, id: number): void {
    this.outcomes[o] = (this.outcomes[o] ?? 0) + 1;
    if (o === 'served') this.served.add(id);
  }
  private c(id: number): [number, number, number, number] {
    let x = this.counts.get(id);
    if (x === undefined) this.counts.set(id, (x = [-1, 0, 0, 0]));
    return x;
  }
  arrivalLag(_v: number, ms: number): void { this.lags.push(ms); }
  messageSent(role: 'visitor' | 'agent', id: number): void {
    this.sent++;
    this.c(id)[role === 'visitor' ? 0 : 2]++;
  }
  messageReceived(role: 'visitor' | 'agent', id: number): void { this.c(id)[role === 'agent' ? 1 : 3]++; }
  error(where: string, message: string): void {
    if (this.errors.length < 20) this.errors.push(`${where}: ${message}`);
    this.errorCount++;
  }
}

function lagSummary(lagsMs: number[], timeScale: number): LagSummary {
  const s = lagsMs.slice().sort((a, b) => a - b);
  const q = (p: number) => (s.length === 0 ? null : quantileSorted(s, p));
  const sec = (ms: number | null) => (ms === null ? null : (ms / 1000) * timeScale);
  const p50 = q(0.5), p99 = q(0.99), max = s.length === 0 ? null : s[s.length - 1];
  return { count: s.length, p50Ms: p50, p99Ms: p99, maxMs: max, p50Sec: sec(p50), p99Sec: sec(p99), maxSec: sec(max) };
}

/**
 * Replays `visitors` against `target` and returns what it measured and the backend's export.
 * @example const r = await replayTrace({ target: server.url, scenario, visitors, agentTokens: server.tokens.agents, adminToken, timeScale: 60 });
 */
export async function replayTrace(o: ReplayOptions): Promise<ReplayResult> {
  const clock = new NodeClock();
  try {
    return await replay(o, clock);
  } finally {
    clock.cancelAll();
  }
}

async function replay(o: ReplayOptions, clock: NodeClock): Promise<ReplayResult> {
  const started = clock.now();
  const stop = o.stop ?? new StopSignal();
  const finish = new StopSignal();
  const fromSec = o.fromSec ?? 0;
  const toSec = o.toSec ?? o.scenario.horizonSec;
  const indices: number[] = [];
  o.visitors.forEach((v, i) => { if (inWindow(v, fromSec, toSec)) indices.push(i); });
  const firstAt = indices.length > 0 ? o.visitors[indices[0]].at : Infinity;
  const timeline: ReplayTimeline = { t0Sec: replayStartSec(o.scenario, firstAt, fromSec, toSec), toSec, timeScale: o.timeScale, startWallMs: started + REPLAY_LEAD_MS };
  const recorder = new RunRecorder();

  const agents = agentTable(o.scenario);
  // T0's wall instant is fixed once every bot is logged in (see AgentBotContext.go)
  let loggedIn = 0;
  let allIn!: () => void;
  const allLoggedIn = new Promise<void>((r) => { allIn = r; });
  let go!: () => void;
  const botCtx = {
    clock, timeline, scenario: o.scenario, visitors: (i: number) => o.visitors[i], recorder, stop, finish,
    loggedIn: () => { if (++loggedIn === agents.length) allIn(); }, go: new Promise<void>((r) => { go = r; }),
  };
  const bots = agents.map((a, i) => {
    const token = o.agentTokens[a.id];
    if (token === undefined) {
      recorder.error(`agent ${a.id}`, 'no token for this agent in the tokens file');
      botCtx.loggedIn();
      return Promise.resolve<BotSummary | null>(null);
    }
    return runAgentBot(botCtx, i, new NodeAgentTransport(o.target, token));
  });
  if (agents.length === 0) allIn();
  await Promise.race([allLoggedIn, stop.wait()]);
  // one request to warm the visitors' HTTP client (its first use costs tens of ms)
  await fetch(`${o.target}/health`).then((r) => r.text()).catch(() => '');
  timeline.startWallMs = clock.now() + REPLAY_LEAD_MS;
  go();

  const visitorCtx = { clock, timeline, scenario: o.scenario, recorder, stop };
  const inFlight = new Set<Promise<unknown>>();
  let done = 0;
  let startedCount = 0;
  for (const i of indices) {
    if (stop.stopped) break;
    const v = o.visitors[i];
    await Promise.race([clock.sleepUntil(wallAt(timeline, v.at) - LAUNCH_AHEAD_MS), stop.wait()]);
    if (stop.stopped) break;
    if (v.deflection === undefined) startedCount++;
    const p = runVisitor(visitorCtx, i, v, new NodeVisitorTransport(o.target)).then((outcome) => {
      if (outcome === 'failed') recorder.outcomes.failed = (recorder.outcomes.failed ?? 0) + 1;
      done++;
      o.onProgress?.(done, indices.length);
    });
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p));
  }
  while (inFlight.size > 0) await Promise.all([...inFlight]);
  finish.stop();
  const summaries = (await Promise.all(bots)).filter((b): b is BotSummary => b !== null);
  const botTotal: BotSummary = { assigned: 0, replies: 0, closed: 0, ignored: 0, unknownVisitors: 0 };
  for (const b of summaries) for (const k of Object.keys(botTotal) as Array<keyof BotSummary>) botTotal[k] += b[k];

  // Lost: acknowledged by one side, never delivered to the other, in conversations both sides saw
  // to the close (a visitor leaving as the reply comes is a race, not a loss).
  let lost = 0;
  for (const [id, [vs, ar, as, vr]] of recorder.counts) {
    if (recorder.served.has(id)) lost += Math.max(0, as - vr) + Math.max(0, vs - ar);
  }
  let serverClockOffsetSec: number | null = null;
  try {
    const before = clock.now();
    const body = (await (await fetch(`${o.target}/health`)).json()) as { now?: unknown };
    const at = (before + clock.now()) / 2;
    if (typeof body.now === 'number') serverClockOffsetSec = timeline.t0Sec + scenarioSec(timeline, at - timeline.startWallMs) - body.now;
  } catch (e) {
    recorder.error('health', (e as Error).message);
  }
  let exportText: string | null = null;
  try {
    const res = await fetch(`${o.target}/api/v1/export`, { headers: { authorization: `Bearer ${o.adminToken}` } });
    if (res.ok) exportText = await res.text();
    else recorder.error('export', `${res.status} ${(await res.text()).slice(0, 200)}`);
  } catch (e) {
    recorder.error('export', (e as Error).message);
  }
  return {
    target: o.target, timeScale: o.timeScale, t0Sec: timeline.t0Sec, toSec,
    visitors: indices.length, started: startedCount, outcomes: recorder.outcomes,
    lag: lagSummary(recorder.lags, o.timeScale),
    lostMessages: lost, messagesSent: recorder.sent,
    errors: recorder.errors, errorCount: recorder.errorCount, bots: botTotal,
    stopped: stop.stopped, wallSec: (clock.now() - started) / 1000, exportText, serverClockOffsetSec,
  };
}

/** Scenario seconds a wall lag stands for (re-exported for the renderers). */
export { scenarioSec };
