// The k6 side without k6: the bundle imports only k6's built-in modules (and no experimental one),
// sla targets become k6 thresholds, the script's settings from __ENV, the visitor VUs, and the
// chatsim k6 summary built from k6's summary data and read back.

import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { k6Thresholds } from './thresholds.js';
import { k6Settings, traceWindow, visitorVus, K6EnvError } from './env.js';
import { inWindow, replayStartSec } from '../behaviour/timeline.js';
import { scenarioFrom } from '../../backend/test-helpers/scenario.js';
import { decodeK6Summary, k6Summary, K6SummaryError, K6_METRICS } from './summary.js';
import { kubernetesName } from './manifest.js';
import type { SlaTarget } from '../../core/metrics/targets.js';
import type { TraceVisitor } from '../../core/trace.js';

const BUNDLE = new URL('../../dist/loadgen/k6/chatsim-k6.js', import.meta.url);
const ALLOWED = new Set(['k6', 'k6/http', 'k6/ws', 'k6/websockets', 'k6/metrics', 'k6/data', 'k6/execution', 'k6/timers']);

describe('the bundled script', () => {
  it('is one ES module importing only built-in k6 modules', () => {
    expect(existsSync(BUNDLE), 'dist/loadgen/k6/chatsim-k6.js: run npm run build').toBe(true);
    const text = readFileSync(BUNDLE, 'utf8');
    const specs = [...text.matchAll(/(?:^|[\s;])(?:import|export)\s[^'"`;]*?from\s*['"]([^'"]+)['"]|(?:^|[\s;])import\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/gm)].map((m) => m[1] ?? m[2] ?? m[3] ?? m[4]);
    expect(specs.length).toBeGreaterThan(0);
    expect(specs.filter((s) => !ALLOWED.has(s))).toEqual([]);
    expect(text).not.toMatch(/k6\/experimental|https?:\/\/[^'"\s]*\.js['"]|k6\/x\//);
    for (const name of ['options', 'setup', 'visitor', 'agent', 'handleSummary']) expect(text).toMatch(new RegExp(`export\\s*\\{[^}]*\\b${name}\\b`));
  });
});

const sla = (metric: string, op: SlaTarget['op'], value: number, scope: SlaTarget['scope'] = 'overall', group?: string): SlaTarget =>
  ({ metric, op, value, text: `${metric} ${op} ${value}`, scope, ...(group !== undefined ? { group } : {}) });

describe('k6Thresholds', () => {
  it('maps each measurable target to its custom metric', () => {
    const r = k6Thresholds([
      sla('frtP90', '<=', 30), sla('frtMean', '<', 12.5), sla('serviceLevel', '>=', 0.8), sla('abandonRate', '<=', 0.05),
      sla('frtP99', '<=', 120, 'group', 'sales'), sla('answered', '>', 10), sla('avgResponseTime', '<=', 1 / 3),
    ]);
    expect(r.thresholds).toEqual({
      chat_first_response_time: ['p(90)<=30', 'avg<12.5'],
      chat_service_level: ['rate>=0.8'],
      chat_abandon_queue_rate: ['rate<=0.05'],
      'chat_first_response_time{group:sales}': ['p(99)<=120'],
      chat_answered: ['count>10'],
      chat_response_time: ['avg<=0.333333333333'],
    });
    expect(r.skipped).toEqual([]);
  });

  it('skips per-interval targets and metrics k6 does not measure, saying why', () => {
    const r = k6Thresholds([sla('frtP90', '<=', 45, 'interval'), sla('occupancy', '<=', 0.85)]);
    expect(r.thresholds).toEqual({});
    expect(r.skipped.map((s) => s.why)).toEqual([
      'a per-interval target: k6 thresholds hold over the whole test',
      expect.stringContaining('the k6 script does not measure occupancy'),
    ]);
  });

  it('uses metric names valid for k6 ≥ 0.48', () => {
    for (const name of Object.values(K6_METRICS)) expect(name).toMatch(/^[A-Za-z_][A-Za-z0-9_]{0,127}$/);
  });
});

describe('k6Settings', () => {
  const env = { CHATSIM_TARGET: 'http://127.0.0.1:8080/', CHATSIM_TRACE: 't.jsonl', CHATSIM_TOKENS: 'tokens.json' };
  it('reads the environment with defaults', () => {
    expect(k6Settings({ ...env, CHATSIM_TIME_SCALE: '60', CHATSIM_T0: '1760000000000' })).toEqual({
      target: 'http://127.0.0.1:8080', wsTarget: 'ws://127.0.0.1:8080', trace: 't.jsonl', tokens: 'tokens.json', timeScale: 60,
      t0Ms: 1760000000000, leadMs: 5000, vus: undefined, summary: 'chatsim-summary.json', fromSec: undefined, toSec: undefined,
    });
    expect(k6Settings({ ...env, CHATSIM_TARGET: 'https://chat.example' }).wsTarget).toBe('wss://chat.example');
  });
  it('names every missing or bad variable at once', () => {
    expect(() => k6Settings({ CHATSIM_TIME_SCALE: '-1' })).toThrow(K6EnvError);
    expect(() => k6Settings({ CHATSIM_TIME_SCALE: '-1' })).toThrow('CHATSIM_TARGET is required; CHATSIM_TRACE is required; CHATSIM_TOKENS is required; CHATSIM_TIME_SCALE must be a positive number (got "-1")');
  });
});

describe('the replay window (CHATSIM_FROM / CHATSIM_TO)', () => {
  const env = { CHATSIM_TARGET: 'http://127.0.0.1:8080', CHATSIM_TRACE: 't.jsonl', CHATSIM_TOKENS: 'tokens.json' };
  const row = (at: number): TraceVisitor => ({ at, group: 0, patienceSec: 60, replySec: [10], thinkSec: [], wrapUpSec: 5 });
  const rows = [100, 200, 32_400, 32_500, 35_999, 36_000, 40_000].map(row);

  it('reads the window in scenario seconds and refuses a bad one', () => {
    expect(k6Settings({ ...env, CHATSIM_FROM: '32400', CHATSIM_TO: '36000' })).toMatchObject({ fromSec: 32_400, toSec: 36_000 });
    expect(k6Settings({ ...env, CHATSIM_TO: '36000' })).toMatchObject({ fromSec: undefined, toSec: 36_000 });
    expect(() => k6Settings({ ...env, CHATSIM_FROM: '-5' })).toThrow('CHATSIM_FROM must be scenario seconds ≥ 0 (got "-5")');
    expect(() => k6Settings({ ...env, CHATSIM_FROM: '09:00' })).toThrow('CHATSIM_FROM must be scenario seconds ≥ 0 (got "09:00")');
    expect(() => k6Settings({ ...env, CHATSIM_FROM: '36000', CHATSIM_TO: '32400' })).toThrow('CHATSIM_TO (32400) must come after CHATSIM_FROM (36000)');
  });

  it('makes the window\'s visitors the iterations: iteration i plays trace visitor first + i, as inWindow picks them', () => {
    const w = traceWindow(rows, 32_400, 36_000);
    expect(w).toMatchObject({ first: 2, count: 3, firstAtSec: 32_400, lastAtSec: 35_999, vus: 3 });
    // the iterations cover exactly the visitors the Node runner replays for the same window
    const played = Array.from({ length: w.count }, (_, i) => w.first + i);
    expect(played).toEqual(rows.flatMap((v, i) => (inWindow(v, 32_400, 36_000) ? [i] : [])));
    // without a window: the whole trace, as before
    expect(traceWindow(rows)).toMatchObject({ first: 0, count: rows.length, firstAtSec: 100, lastAtSec: 40_000, vus: visitorVus(rows) });
    expect(traceWindow(rows, 50_000, 60_000)).toMatchObject({ count: 0, firstAtSec: Infinity, vus: 1 });
    expect(() => traceWindow([row(5), row(3)])).toThrow(/visitor 1 arrives before visitor 0/);
  });

  it('starts the window at the Node runner\'s T0: the first arrival or the first agent coming online in it', () => {
    const scenario = scenarioFrom(`name: w
days: 1
groups:
  sales:
    arrivals: { rates: [{ from: "09:00", to: "10:00", rate: 10/h }] }
agents:
  team:
    count: 1
    skills: [sales]
    maxConcurrent: 2
    shifts:
      - { start: "08:00", end: "12:00" }
`);
    const w = traceWindow(rows, 32_400 + 50, 36_000);
    expect(replayStartSec(scenario, w.firstAtSec, 32_450, 36_000)).toBe(32_450); // the agent is already online at --from
    expect(replayStartSec(scenario, traceWindow(rows, 0, 36_000).firstAtSec, 0, 36_000)).toBe(100);
  });
});

describe('visitorVus', () => {
  const row = (at: number, patienceSec = 60): TraceVisitor => ({ at, group: 0, patienceSec, replySec: [10], thinkSec: [], wrapUpSec: 5 });
  it('covers the most visits open at once, with room', () => {
    expect(visitorVus([])).toBe(1);
    // each visit is bounded by 60 + 20 + 5 = 85 s: arrivals 10 s apart overlap 9 at a time
    const rows = Array.from({ length: 100 }, (_, i) => row(i * 10));
    expect(visitorVus(rows)).toBe(Math.ceil(9 * 1.25) + 2);
    expect(visitorVus(rows.slice(0, 3))).toBe(3);
  });
});

describe('the chatsim k6 summary', () => {
  const info = { scenario: 's', seed: '1', replication: 1, timeScale: 60, t0Ms: 1, firstAtSec: 32400, visitors: 10, agents: 2 };
  const data = {
    state: { testRunDurationMs: 31_000 },
    metrics: {
      [K6_METRICS.firstResponse]: { type: 'trend', values: { avg: 12, min: 1, med: 10, max: 40, 'p(90)': 30, 'p(95)': 35, 'p(99)': 39, count: 8 }, thresholds: { 'p(90)<=60': { ok: true } } },
      [K6_METRICS.arrivalLag]: { type: 'trend', values: { avg: 1, min: 0, med: 1, max: 3, 'p(90)': 2, 'p(95)': 2, 'p(99)': 3, count: 10 } },
      [K6_METRICS.offered]: { type: 'counter', values: { count: 10, rate: 0.3 } },
      [K6_METRICS.answered]: { type: 'counter', values: { count: 8, rate: 0.2 } },
      [K6_METRICS.abandoned]: { type: 'counter', values: { count: 2, rate: 0.1 } },
      [K6_METRICS.serviceLevel]: { type: 'rate', values: { rate: 0.7, passes: 7, fails: 3 }, thresholds: { 'rate>=0.8': { ok: false } } },
      [K6_METRICS.messagesSent]: { type: 'counter', values: { count: 30 } },
      [K6_METRICS.messagesDelivered]: { type: 'counter', values: { count: 30 } },
    },
  };
  it('is built from k6 summary data and read back', () => {
    const s = k6Summary(data, info);
    expect(s).toMatchObject({
      format: 'chatsim.k6-summary', version: 1, durationMs: 31_000, offered: 10, answered: 8, abandoned: 2, deflected: 0,
      serviceLevel: 0.7, abandonRate: null, abandonRateTotal: null, messagesLost: 0, unfinished: 0, errors: 0, passed: false,
      firstResponseSec: { count: 8, mean: 12, p50: 10, p90: 30, p99: 39, max: 40 },
      queueWaitSec: { count: 0, mean: null, p90: null },
      thresholds: [{ metric: 'chat_first_response_time', expressions: ['p(90)<=60'], ok: true }, { metric: 'chat_service_level', expressions: ['rate>=0.8'], ok: false }],
    });
    expect(decodeK6Summary(JSON.stringify(s), 'sum.json')).toEqual(s);
  });
  it('says what is wrong with a file that is not one', () => {
    expect(() => decodeK6Summary('{"metrics":{}}', 'k6.json')).toThrow(K6SummaryError);
    expect(() => decodeK6Summary('{"metrics":{}}', 'k6.json')).toThrow('k6.json: format must be "chatsim.k6-summary" (got undefined)');
    expect(() => decodeK6Summary('nope', 'k6.json')).toThrow('k6.json: not JSON');
  });
});

describe('kubernetesName', () => {
  it('makes a DNS-label name', () => {
    expect(kubernetesName('chatsim-Webshop Day!')).toBe('chatsim-webshop-day');
    expect(kubernetesName('---')).toBe('chatsim');
    expect(kubernetesName('x'.repeat(80))).toHaveLength(63);
  });
});
