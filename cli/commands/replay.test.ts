// `chatsim replay` and `chatsim compare-live` through the CLI: a short window of a scenario against
// a loopback `chatsim serve`, its tables and compare-live document, Ctrl-C, the budget and the
// tolerance verdicts (exit 1 on a miss).

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readMeasured } from '../../api/replay.js';
import { memoryIo } from '../io.js';
import { main } from '../main.js';
import { startServer } from '../../backend/server.js';
import { loadScenario } from '../../scenarios/load.js';
import { parseLiveTolerances, compareLive } from '../../core/live-compare.js';

const YAML = readFileSync(new URL('../../loadgen/test-fixtures/replay-hour.yaml', import.meta.url), 'utf8');
const ADMIN = 'cli-replay-admin-token-0123';

async function withServer<T>(scale: number, f: (url: string, tokens: string) => Promise<T>): Promise<T> {
  const loaded = loadScenario(YAML, 'replay-hour.yaml');
  if (!loaded.ok) throw new Error('bad fixture');
  const server = await startServer({ scenario: loaded.scenario, timeScale: scale, checkInvariants: true, adminToken: ADMIN });
  try {
    return await f(server.url, JSON.stringify({ admin: ADMIN, agents: server.tokens.agents }));
  } finally {
    await server.close();
  }
}

describe('chatsim replay', () => {
  it('replays a window, prints the measured table and the comparison, writes a compare-live document', async () => {
    await withServer(120, async (url, tokens) => {
      const io = memoryIo({ 'hour.yaml': YAML, 'tokens.json': tokens });
      const code = await main(['replay', 'hour.yaml', '--target', url, '--tokens', 'tokens.json', '--from', '09:00', '--to', '09:10', '--tolerance', '', '--json', 'replay.json', '--quiet'], io);
      expect(io.err).toBe('');
      expect(code, io.out).toBe(0);
      expect(io.out).toMatch(/replayed hour\.yaml: \d+ of \d+ visitors started/);
      expect(io.out).toContain('measured (the backend export');
      expect(io.out).toMatch(/frtP90 +\d/);
      expect(io.out).toMatch(/arrival lag over \d+ visitors: p50/);
      const doc = JSON.parse(io.files.get('replay.json')!);
      expect(doc).toMatchObject({ tool: 'chatsim', kind: 'compare-live', pass: true });
      expect(doc.replay.lostMessages).toBe(0);
      expect(doc.replay.t0Sec).toBe(9 * 3600);
      // what the report draws: each side's FRT histogram and intervals; the backend's clock against the trace's
      expect(doc.sides.predicted).toMatchObject({ source: 'run', slTimeSec: 30, intervalSec: 1800, clockOffsetSec: 0 });
      expect(doc.sides.measured).toMatchObject({ source: 'export', slTimeSec: 30, intervalSec: 1800, clockOffsetSec: 0 });
      const offset = doc.replay.serverClockOffsetSec;
      expect(offset).toBeGreaterThan(9 * 3600 - 120 * 60); // the server's clock started at most a minute of wall time (two hours of scenario time) before the replay
      expect(offset).toBeLessThan(9 * 3600);
      const arrivals = (side: { intervals: Array<{ arrivals: number | null }> }) => side.intervals.reduce((n, r) => n + (r.arrivals ?? 0), 0);
      expect(arrivals(doc.sides.measured)).toBe(doc.rows.find((r: { metric: string }) => r.metric === 'offered').measured);
      expect(arrivals(doc.sides.predicted)).toBe(doc.rows.find((r: { metric: string }) => r.metric === 'offered').predicted);
      // moved onto the trace's clock, the backend's conversations fall in the window's intervals, as predicted
      const busy = (side: { intervals: Array<{ start: string; arrivals: number | null }> }) => side.intervals.filter((r) => (r.arrivals ?? 0) > 0).map((r) => r.start);
      expect(busy(doc.sides.measured)).toEqual(['09:00']);
      expect(busy(doc.sides.predicted)).toEqual(['09:00']);
      expect(doc.sides.measured.frt.share.reduce((n: number, x: number | null) => n + (x ?? 0), 0)).toBeCloseTo(1 - doc.sides.measured.frt.overflowShare, 9);

      // the replay result is a "measured" side for compare-live; a tolerance of 0 % fails (exit 1)
      io.out = '';
      expect(await main(['run', 'hour.yaml', '--replications', '1', '--json', 'run.json', '--quiet'], io)).toBe(0);
      io.out = '';
      expect(await main(['compare-live', '--predicted', 'run.json', '--measured', 'replay.json', '--tolerance', 'offered=0%', '--json', 'again.json'], io)).toBe(1);
      expect(io.out).toMatch(/FAILED: offered=0%/);
      // read back as the measured side, the replay keeps its histogram, intervals and clock offset; the predicted side is run.json's
      const again = JSON.parse(io.files.get('again.json')!);
      expect(again.sides.measured).toEqual(doc.sides.measured);
      const run = JSON.parse(io.files.get('run.json')!);
      expect(again.sides.predicted.frt).toEqual(run.distributions.frt);
      expect(again.sides.predicted.intervals.map((r: { frtP90: number | null }) => r.frtP90)).toEqual(run.intervals.map((r: { frtP90: number | null }) => r.frtP90));
      // and chatsim report draws it
      expect(await main(['report', 'replay.json', '--out', 'live.html'], io)).toBe(0);
      expect(io.files.get('live.html')).toContain('id="replay-frt-overlay"');
    });
  });

  it('refuses a window over its budget and a time scale the server does not run at', async () => {
    await withServer(600, async (url, tokens) => {
      const io = memoryIo({ 'hour.yaml': YAML, 'tokens.json': tokens });
      expect(await main(['replay', 'hour.yaml', '--target', url, '--tokens', 'tokens.json', '--max-visitors', '10'], io)).toBe(2);
      expect(io.err).toMatch(/over the budget of 10: narrow it with --from\/--to, or raise --max-visitors/);
      io.err = '';
      expect(await main(['replay', 'hour.yaml', '--target', url, '--tokens', 'tokens.json', '--time-scale', '60'], io)).toBe(2);
      expect(io.err).toMatch(/runs at about 600: start chatsim serve with --time-scale 60/);
    });
  });

  it('stops cleanly on Ctrl-C and still reports what was measured (exit 1)', async () => {
    await withServer(120, async (url, tokens) => {
      const { replayCommand } = await import('./replay.js');
      const io = memoryIo({ 'hour.yaml': YAML, 'tokens.json': tokens });
      const interrupted = new Promise((r) => setTimeout(r, 2000));
      const code = await replayCommand({ file: 'hour.yaml', target: url, tokens: 'tokens.json', from: '09:00', to: '10:00', json: 'out.json', quiet: true, interrupted }, io);
      expect(code).toBe(1);
      expect(io.out).toContain('STOPPED early');
      expect(JSON.parse(io.files.get('out.json')!).replay.stopped).toBe(true);
    });
  });
});

describe('chatsim compare-live', () => {
  it('parses tolerances and judges each', () => {
    expect(parseLiveTolerances('frtP90=10%,abandonRate=2pp,queueWaitMean=5s').map((t) => [t.metric, t.kind, t.value]))
      .toEqual([['frtP90', 'relative', 0.1], ['abandonRate', 'points', 0.02], ['queueWaitMean', 'seconds', 5]]);
    expect(() => parseLiveTolerances('frtP9=10%')).toThrow(/unknown metric "frtP9"/);
    expect(() => parseLiveTolerances('frtP90=2pp')).toThrow(/not a share/);
    const c = compareLive({ frtP90: 40, abandonRate: 0.05 }, { frtP90: 45, abandonRate: 0.06 }, parseLiveTolerances('frtP90=10%,abandonRate=2pp'));
    expect(c.failed).toEqual(['frtP90=10%']);
    expect(c.rows.find((r) => r.metric === 'abandonRate')).toMatchObject({ pass: true });
  });

  it('reads a k6 summary as the measured side', async () => {
    const io = memoryIo({
      'run.json': JSON.stringify({ tool: 'chatsim', kind: 'run', metrics: { frtP90: { mean: 40 }, abandonRate: { mean: 0.05 } } }),
      'k6.json': JSON.stringify({ metrics: { chat_first_response_time: { values: { avg: 20, med: 15, 'p(90)': 41, 'p(99)': 80 } }, chat_answered: { values: { count: 95 } }, chat_abandoned: { values: { count: 5 } }, chat_abandon_queue_rate: { values: { rate: 0.05 } }, chat_abandon_rate: { values: { rate: 0.05 } }, chat_arrival_lag: { values: { count: 100, med: 1, 'p(99)': 4, max: 9 } } } }),
    });
    expect(await main(['compare-live', '--predicted', 'run.json', '--measured', 'k6.json', '--tolerance', 'frtP90=10%,abandonRate=2pp'], io)).toBe(0);
    expect(io.out).toContain('(k6)');
    expect(io.out).toMatch(/arrival lag over 100 visitors: p50 1\.0 ms/);
  });

  it('reads abandonment as the kernel names it: in queue (abandonRate) apart from the total, raw k6 JSON or the script\'s own summary', () => {
    const raw = readMeasured(JSON.stringify({ metrics: { chat_first_response_time: { values: { avg: 20 } }, chat_answered: { values: { count: 90 } }, chat_abandoned: { values: { count: 10 } } } }), 'k6.json');
    expect([raw.values.abandonRate, raw.values.abandonRateTotal]).toEqual([null, 0.1]); // no queue rate given: only the total is known
    const trend = { count: 1, mean: 20, min: 20, p50: 19, p90: 41, p95: 50, p99: 80, max: 80 };
    const none = { count: 0, mean: null, min: null, p50: null, p90: null, p95: null, p99: null, max: null };
    const own = readMeasured(JSON.stringify({
      format: 'chatsim.k6-summary', version: 1, scenario: 's', seed: '1', replication: 1, timeScale: 60, t0Ms: 1, firstAtSec: 0, visitors: 100, agents: 2, durationMs: 1000,
      firstResponseSec: trend, queueWaitSec: none, responseSec: none, arrivalLagMs: { ...trend, count: 100, p50: 1, p99: 4, max: 9 },
      offered: 100, answered: 90, abandoned: 10, deflected: 0, serviceLevel: 0.7, abandonRate: 0.04, abandonRateTotal: 0.1,
      messagesSent: 5, messagesDelivered: 5, messagesLost: 0, unfinished: 0, errors: 0, thresholds: [], passed: true, metrics: {},
    }), 'chatsim-summary.json');
    expect(own.kind).toBe('k6');
    expect([own.values.abandonRate, own.values.abandonRateTotal, own.values.frtP50, own.values.frtP90, own.lag?.p99Ms]).toEqual([0.04, 0.1, 19, 41, 4]);
  });
});
