// The k6 load test of a trace, bundled by esbuild into one ES module (dist/loadgen/k6/chatsim-k6.js)
// that imports only k6's built-in modules. Visitors: a shared-iterations scenario over the window's
// visitors (CHATSIM_FROM / CHATSIM_TO; the whole trace by default) in a SharedArray; iteration i
// plays the window's i-th visitor (loadgen/behaviour/visitor.ts), which sleeps until
// T0 + (at − t0) / timeScale and records how late it started; T0 is the window's replayStartSec. Agents: one VU per agent of the
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
import { k6Settings, traceWindow, type TraceWindow } from './env.js';
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

/** The window replayed (CHATSIM_FROM / CHATSIM_TO, scenario seconds; default the whole trace). */
const fromSec = settings.fromSec ?? 0;
const toSec = settings.toSec ?? scenario.horizonSec;
/** The window's visitors and what every VU needs of them, computed once. */
const facts = new SharedArray('chatsim-facts', () => [traceWindow(lines.slice(1).map(traceVisitorOf), fromSec, toSec)])[0] as TraceWindow;
const tokens = JSON.parse(open(settings.tokens)) as { admin?: string; agents: Record<string, string> };
const agents = agentTable(scenario);

const t0Sec = replayStartSec(scenario, facts.firstAtSec, fromSec, toSec);
const wallOf = (sec: number) => (sec * 1000) / settings.timeScale;
/** Wall ms from T0 until visits still open are stopped (and count as unfinished). */
const visitsEndMs = wallOf(Math.max(0, facts.lastAtSec - t0Sec) + facts.longestVisitSec + scenario.drainSec);
const leadMs = settings.t0Ms === undefined ? settings.leadMs : Math.max(0, settings.t0Ms - Date.now());
const maxDuration = `${Math.ceil((leadMs + visitsEndMs) / 1000) + 30}s`;

export const options = {
  scenarios: {
    agents: { executor: 'per-vu-iterations', vus: Math.max(1, agents.length), iterations: 1, maxDuration, exec: 'agent', gracefulStop: '10s' },
    ...(facts.count > 0 ? { visitors: { executor: 'shared-iterations', vus: Math.min(settings.vus ?? facts.vus, facts.count), iterations: facts.count, maxDuration, exec: 'visitor', gracefulStop: '10s' } } : {}),
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

const timelineOf = (data: SetupData): ReplayTimeline => ({ t0Sec, toSec, timeScale: settings.timeScale, startWallMs: data.t0Ms });

/** Stops `stop` at wall instant `atMs` (a clock timer, dropped with the clock's). */
function stopAt(clock: K6Clock, stop: StopSignal, atMs: number): void {
  clock.sleepUntil(atMs).then(() => stop.stop(), () => {});
}

/** One visitor: the window's `exec.scenario.iterationInTest`-th (unique across a split run), trace visitor `first + that`. */
export async function visitor(data: SetupData): Promise<void> {
  const n = exec.scenario.iterationInTest;
  if (n >= facts.count) return;
  const i = facts.first + n;
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
    t0Ms: data.setup_data?.t0Ms ?? settings.t0Ms ?? 0, firstAtSec: t0Sec, visitors: facts.count, agents: agents.length,
  });
  const f = (x: number | null, d = 1) => (x === null ? '–' : x.toFixed(d));
  const line = `chatsim: ${s.offered} offered, ${s.answered} answered, ${s.abandoned} abandoned; FRT p50 ${f(s.firstResponseSec.p50)} s p90 ${f(s.firstResponseSec.p90)} s (scenario); arrival lag p99 ${f(s.arrivalLagMs.p99)} ms; ${s.messagesLost} lost, ${s.unfinished} unfinished, ${s.errors} errors; thresholds ${s.passed ? 'passed' : 'FAILED'}; summary ${settings.summary}\n`;
  return { [settings.summary]: JSON.stringify(s, null, 2) + '\n', stdout: line };
}
