// The k6 load test of a trace, bundled by esbuild into one ES module (dist/loadgen/k6/chatsim-k6.js)
// that imports only k6's built-in modules. Visitors: a shared-iterations scenario over the trace in
// a SharedArray; iteration i plays trace visitor i (loadgen/behaviour/visitor.ts), which sleeps
// until T0 + (at − t0) / timeScale and records how late it started. Agents: one VU per agent of the
// roster (loadgen/behaviour/agent-bot.ts). The transports, the recorder, the options, thresholds
// from the scenario's `sla:` and the chatsim summary are this layer's. Imports k6 modules, the
// behaviour, the kernel and this folder.
/// <reference types="k6" />

import http from 'k6/http';
import exec from 'k6/execution';
import { SharedArray } from 'k6/data';
import { agentTable } from '../../core/roster.js';
import { runVisitor } from '../behaviour/visitor.js';
import { runAgentBot } from '../behaviour/agent-bot.js';
import { StopSignal } from '../behaviour/mailbox.js';
import { replayStartSec, wallAt, type ReplayTimeline } from '../behaviour/timeline.js';
import { k6Settings, visitorVus, visitBoundSec } from './env.js';
import { traceHeaderOf, traceLinesOf, traceVisitorOf } from './trace-lines.js';
import { k6Thresholds } from './thresholds.js';
import { K6_TREND_STATS, k6Summary, type K6SummaryData } from './summary.js';
import { K6AgentTransport, K6Clock, K6VisitorTransport } from './transports.js';
import { k6Recorder } from './recorder.js';

const settings = k6Settings(__ENV);
const debug = __ENV.CHATSIM_DEBUG !== undefined && __ENV.CHATSIM_DEBUG !== '';

/** The header line, then one line per visitor (one copy for all VUs). */
const lines = new SharedArray('chatsim-trace', () => traceLinesOf(open(settings.trace), settings.trace)) as unknown as string[];
const header = traceHeaderOf(lines[0], settings.trace);
const scenario = header.scenario;
const visitors = lines.length - 1;
const visitorAt = (i: number) => (i >= 0 && i < visitors ? traceVisitorOf(lines[i + 1]) : undefined);

/** What every VU needs of the whole trace, computed once. */
interface TraceFacts { firstAtSec: number; lastAtSec: number; longestVisitSec: number; vus: number }
const facts = new SharedArray('chatsim-facts', () => {
  const all = lines.slice(1).map(traceVisitorOf);
  return [{
    firstAtSec: all.length > 0 ? all[0].at : Infinity,
    lastAtSec: all.length > 0 ? all[all.length - 1].at : 0,
    longestVisitSec: all.reduce((m, v) => Math.max(m, visitBoundSec(v)), 0),
    vus: visitorVus(all),
  } satisfies TraceFacts];
})[0] as TraceFacts;
const tokens = JSON.parse(open(settings.tokens)) as { admin?: string; agents: Record<string, string> };
const agents = agentTable(scenario);

const t0Sec = replayStartSec(scenario, facts.firstAtSec);
const wallOf = (sec: number) => (sec * 1000) / settings.timeScale;
/** Wall ms from T0 until visits still open are stopped (and count as unfinished). */
const visitsEndMs = wallOf(Math.max(0, facts.lastAtSec - t0Sec) + facts.longestVisitSec + scenario.drainSec);
const leadMs = settings.t0Ms === undefined ? settings.leadMs : Math.max(0, settings.t0Ms - Date.now());
const maxDuration = `${Math.ceil((leadMs + visitsEndMs) / 1000) + 30}s`;

export const options = {
  scenarios: {
    agents: { executor: 'per-vu-iterations', vus: Math.max(1, agents.length), iterations: 1, maxDuration, exec: 'agent', gracefulStop: '10s' },
    ...(visitors > 0 ? { visitors: { executor: 'shared-iterations', vus: settings.vus ?? facts.vus, iterations: visitors, maxDuration, exec: 'visitor', gracefulStop: '10s' } } : {}),
  },
  thresholds: k6Thresholds(scenario.sla).thresholds,
  summaryTrendStats: [...K6_TREND_STATS],
  setupTimeout: '60s',
};

/** What setup() hands every VU: the replay's start, epoch ms. */
interface SetupData { t0Ms: number }

export function setup(): SetupData {
  const health = http.get(`${settings.target}/health`);
  if (health.status !== 200) exec.test.abort(`chatsim: ${settings.target}/health answered ${health.status}; is chatsim serve running there?`);
  return { t0Ms: settings.t0Ms ?? Date.now() + settings.leadMs };
}

const timelineOf = (data: SetupData): ReplayTimeline => ({ t0Sec, toSec: scenario.horizonSec, timeScale: settings.timeScale, startWallMs: data.t0Ms });

/** Stops `stop` at wall instant `atMs` (a clock timer, dropped with the clock's). */
function stopAt(clock: K6Clock, stop: StopSignal, atMs: number): void {
  clock.sleepUntil(atMs).then(() => stop.stop(), () => {});
}

/** One visitor: trace visitor `exec.scenario.iterationInTest` (unique across a split run). */
export async function visitor(data: SetupData): Promise<void> {
  const i = exec.scenario.iterationInTest;
  const v = visitorAt(i);
  if (v === undefined) return;
  const clock = new K6Clock();
  const stop = new StopSignal();
  stopAt(clock, stop, data.t0Ms + visitsEndMs);
  const tags = { group: scenario.groups[v.group].id };
  try {
    await runVisitor({ clock, timeline: timelineOf(data), scenario, recorder: k6Recorder(settings.timeScale, scenario.slTimeSec, tags, debug), stop }, i, v, new K6VisitorTransport(settings.target, tags));
  } finally {
    clock.clear();
  }
}

/** How often an agent asks whether the visits are over, wall ms. */
const POLL_MS = 500;

/**
 * One agent: the scenario's `exec.scenario.iterationInTest`-th (each agent VU runs one iteration;
 * VU ids are shared with the visitor scenario, so `exec.vu.idInTest` would need an offset that k6
 * does not promise).
 */
export async function agent(data: SetupData): Promise<void> {
  const i = exec.scenario.iterationInTest;
  if (i >= agents.length) return;
  const token = tokens.agents[agents[i].id];
  const recorder = k6Recorder(settings.timeScale, scenario.slTimeSec, { agent: agents[i].id }, debug);
  if (token === undefined) {
    recorder.error(`agent ${agents[i].id}`, `no token in ${settings.tokens}`);
    return;
  }
  const clock = new K6Clock();
  const stop = new StopSignal();
  const finish = new StopSignal();
  stopAt(clock, stop, data.t0Ms + visitsEndMs + 10_000);
  const timeline = timelineOf(data);
  const lastArrivalMs = wallAt(timeline, facts.lastAtSec);
  // No more visitors once the last has arrived and nothing is open on the backend: finish up.
  const watch = async () => {
    while (!finish.stopped && !stop.stopped) {
      await Promise.race([clock.sleep(POLL_MS), stop.wait()]);
      if (stop.stopped || clock.now() < lastArrivalMs + POLL_MS) continue;
      const r = await http.asyncRequest('GET', `${settings.target}/health`);
      if (r.status === 200 && (JSON.parse(String(r.body)) as { open: number }).open === 0) finish.stop();
    }
  };
  try {
    await Promise.all([
      runAgentBot({ clock, timeline, scenario, visitors: visitorAt, recorder, stop, finish }, i, new K6AgentTransport(settings.target, token)).then(() => finish.stop()),
      watch(),
    ]);
  } finally {
    clock.clear();
  }
}

export function handleSummary(data: K6SummaryData & { setup_data?: SetupData }): Record<string, string> {
  const s = k6Summary(data, {
    scenario: scenario.name, seed: header.seed, replication: header.replication, timeScale: settings.timeScale,
    t0Ms: data.setup_data?.t0Ms ?? settings.t0Ms ?? 0, firstAtSec: t0Sec, visitors, agents: agents.length,
  });
  const f = (x: number | null, d = 1) => (x === null ? '–' : x.toFixed(d));
  const line = `chatsim: ${s.offered} offered, ${s.answered} answered, ${s.abandoned} abandoned; FRT p50 ${f(s.firstResponseSec.p50)} s p90 ${f(s.firstResponseSec.p90)} s (scenario); arrival lag p99 ${f(s.arrivalLagMs.p99)} ms; ${s.messagesLost} lost, ${s.unfinished} unfinished, ${s.errors} errors; thresholds ${s.passed ? 'passed' : 'FAILED'}; summary ${settings.summary}\n`;
  return { [settings.summary]: JSON.stringify(s, null, 2) + '\n', stdout: line };
}
