// The k6 load test of a trace, bundled by esbuild into one ES module (dist/loadgen/k6/chatsim-k6.js)
// that imports only k6's built-in modules. Visitors: a shared-iterations scenario over the trace in
// a SharedArray, iteration i plays row i at T0 + (at − first arrival) / timeScale. Agents: one VU
// per agent of the roster. Metrics, thresholds (from the scenario's `sla:`) and the chatsim
// summary (summary.ts). Imports k6 modules and this folder; the behaviour lives in k6-visitor.ts
// and k6-agent.ts until loadgen/behaviour/ takes it over.
/// <reference types="k6" />

import http from 'k6/http';
import exec from 'k6/execution';
import { SharedArray } from 'k6/data';
import { k6Settings, visitorVus, visitBoundSec } from './env.js';
import { traceRows, type TraceFacts, type VisitorRow } from './trace-rows.js';
import { k6Thresholds } from './thresholds.js';
import { K6_TREND_STATS, k6Summary, type K6SummaryData } from './summary.js';
import { playVisitor } from './k6-visitor.js';
import { runAgent } from './k6-agent.js';

const settings = k6Settings(__ENV);

let parsed: ReturnType<typeof traceRows> | undefined;
const trace = () => (parsed ??= traceRows(open(settings.trace), settings.trace));
const rows: VisitorRow[] = new SharedArray('chatsim-visitors', () => trace().rows) as unknown as VisitorRow[];
const meta = new SharedArray('chatsim-facts', () => [{ facts: trace().facts, sla: trace().sla }])[0] as { facts: TraceFacts; sla: ReturnType<typeof traceRows>['sla'] };
const facts = meta.facts;
const tokens = JSON.parse(open(settings.tokens)) as { admin?: string; agents: Record<string, string> };

const spanSec = facts.lastAtSec - facts.firstAtSec;
const longestVisitSec = rows.reduce((m, r) => Math.max(m, visitBoundSec(r)), 0);
/** Wall ms from T0 until a visit that has not ended counts as unfinished. */
const visitsEndMs = ((spanSec + longestVisitSec + facts.drainSec) * 1000) / settings.timeScale;
const leadMs = settings.t0Ms === undefined ? settings.leadMs : Math.max(0, settings.t0Ms - Date.now());
const maxDuration = `${Math.ceil((leadMs + visitsEndMs) / 1000) + 30}s`;
const { thresholds } = k6Thresholds(meta.sla);

export const options = {
  scenarios: {
    agents: { executor: 'per-vu-iterations', vus: Math.max(1, facts.agents.length), iterations: 1, maxDuration, exec: 'agent', gracefulStop: '10s' },
    ...(rows.length > 0 ? { visitors: { executor: 'shared-iterations', vus: settings.vus ?? visitorVus(rows), iterations: rows.length, maxDuration, exec: 'visitor', gracefulStop: '10s' } } : {}),
  },
  thresholds,
  summaryTrendStats: [...K6_TREND_STATS],
  setupTimeout: '60s',
};

/** What setup() hands every VU: the replay's start. */
interface SetupData { t0Ms: number }

export function setup(): SetupData {
  const health = http.get(`${settings.target}/health`);
  if (health.status !== 200) exec.test.abort(`chatsim: ${settings.target}/health answered ${health.status}; is chatsim serve running there?`);
  return { t0Ms: settings.t0Ms ?? Date.now() + settings.leadMs };
}

const ctx = () => ({ settings, facts, tokens, rows });

/** One visitor: row `exec.scenario.iterationInTest` of the trace. */
export function visitor(data: SetupData): void {
  const i = exec.scenario.iterationInTest;
  playVisitor(ctx(), rows[i], i, data.t0Ms, data.t0Ms + visitsEndMs);
}

/** One agent: VU `exec.vu.idInTest` of this scenario's VUs (its one iteration's number in the test). */
export function agent(data: SetupData): void {
  // VU ids are shared by both scenarios, so the agent is the iteration's number (0-based, unique
  // across every instance of a split run): each agent VU runs exactly one iteration.
  const i = exec.scenario.iterationInTest;
  if (i >= facts.agents.length) return;
  runAgent(ctx(), facts.agents[i], data.t0Ms + (spanSec * 1000) / settings.timeScale, data.t0Ms + visitsEndMs);
}

export function handleSummary(data: K6SummaryData): Record<string, string> {
  const t0Ms = (data as { setup_data?: SetupData }).setup_data?.t0Ms ?? settings.t0Ms ?? 0;
  const s = k6Summary(data, {
    scenario: facts.scenario, seed: facts.seed, replication: facts.replication, timeScale: settings.timeScale,
    t0Ms, firstAtSec: facts.firstAtSec, visitors: rows.length, agents: facts.agents.length,
  });
  const f = (x: number | null, d = 1) => (x === null ? '–' : x.toFixed(d));
  const line = `chatsim: ${s.offered} offered, ${s.answered} answered, ${s.abandoned} abandoned; FRT p50 ${f(s.firstResponseSec.p50)} s p90 ${f(s.firstResponseSec.p90)} s (scenario); arrival lag p99 ${f(s.arrivalLagMs.p99)} ms; ${s.messagesLost} lost, ${s.unfinished} unfinished, ${s.errors} errors; thresholds ${s.passed ? 'passed' : 'FAILED'}; summary ${settings.summary}\n`;
  return { [settings.summary]: JSON.stringify(s, null, 2) + '\n', stdout: line };
}
