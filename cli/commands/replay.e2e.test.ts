// End to end, the Node half: `chatsim serve` as its own process on a loopback ephemeral port, a
// one-hour scenario of a few hundred visitors replayed at time scale 120 (30 s of wall time) by the
// Node runner, against the simulator's prediction of the same trace: FRT p50/p90 within ±10 %,
// abandonment within ±2 pp, nothing lost, no invariant violated, and the arrival lag.
// Needs `npm run build` (npm test runs it first): the server runs as the built CLI, apart from the
// runner, so neither one's event loop delays the other.

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { loadScenario } from '../../scenarios/load.js';
import { TraceReader } from '../../core/trace-codec.js';
import { traceLines } from '../../api/trace.js';
import { replayAndCompare } from '../../api/replay.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
const CLI = join(ROOT, 'dist/cli/main.js');
const FIXTURE = join(ROOT, 'loadgen/test-fixtures/replay-hour.yaml');
const ADMIN = 'e2e-replay-admin-token-0123456789';
const SCALE = 120;
/**
 * The issue's bound: arrival lag p99 ≤ 25 ms of wall time (3 s of scenario time at scale 120). An
 * idle 2-core machine gives 2–10 ms; sharing both cores with the other test files it reached ~30 ms
 * (timer lateness under CPU contention, not the runner), so `npm test` runs the live end-to-end
 * files after the rest, one at a time (`npm run test:live`). FRT is measured by the backend from the
 * visitor's arrival as it stored it, so a late start does not shift FRT; only the bots' own
 * lateness does (about 3 ms of wall per reply, 0.3 s of scenario time at scale 120).
 */
const LAG_P99_MAX_MS = 25;

const dirs: string[] = [];
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function serve(): Promise<{ url: string; tokensFile: string; proc: ChildProcess }> {
  const dir = mkdtempSync(join(tmpdir(), 'chatsim-replay-e2e-'));
  dirs.push(dir);
  const proc = spawn(process.execPath, [CLI, 'serve', '--scenario', FIXTURE, '--time-scale', String(SCALE), '--db', join(dir, 'live.db'), '--check-invariants'], {
    env: { ...process.env, CHATSIM_ADMIN_TOKEN: ADMIN }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(proc);
  let out = '';
  proc.stdout!.on('data', (d) => { out += d; });
  proc.stderr!.on('data', (d) => { out += d; });
  const deadline = Date.now() + 15_000;
  for (;;) {
    const m = /listening on (http:\/\/\S+)/.exec(out);
    const t = /tokens \(admin and agents, owner-only file\): (\S+)/.exec(out);
    if (m && t) return { url: m[1], tokensFile: t[1], proc };
    if (proc.exitCode !== null || Date.now() > deadline) throw new Error(`serve did not start: ${out}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function violations(url: string): Promise<number> {
  const res = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${ADMIN}` } });
  const m = /^chatsim_invariant_violations_total (\d+)/m.exec(await res.text());
  return m ? Number(m[1]) : NaN;
}

describe.skipIf(!existsSync(CLI))('replay end to end (Node runner against chatsim serve)', () => {
  it('replays an hour as the simulator predicts it', async () => {
    const loaded = loadScenario(readFileSync(FIXTURE, 'utf8'), 'replay-hour.yaml');
    if (!loaded.ok) throw new Error('bad fixture');
    const reader = new TraceReader([...traceLines(loaded.scenario)], 'replay-hour.trace');
    const header = reader.first();
    const visitors = [...reader];
    expect(visitors.length).toBeGreaterThan(200);
    const server = await serve();
    const tokens = JSON.parse(readFileSync(server.tokensFile, 'utf8')) as { agents: Record<string, string> };
    const r = await replayAndCompare({
      header, visitors, target: server.url, agentTokens: tokens.agents, adminToken: ADMIN, timeScale: SCALE,
      fromSec: 9 * 3600, toSec: 10 * 3600, tolerances: 'frtP50=10%,frtP90=10%,abandonRate=2pp,abandonRateTotal=2pp', source: 'replay-hour.yaml',
      violations: () => violations(server.url),
    });
    const fmt = (x: number | null) => (x === null ? '–' : x.toFixed(3));
    console.log([
      ...r.comparison.rows.map((x) => `${x.metric.padEnd(18)} ${fmt(x.predicted).padStart(10)} ${fmt(x.measured).padStart(10)} ${x.deltaRelative === null ? '' : (x.deltaRelative * 100).toFixed(1) + ' %'} ${x.pass ?? ''}`),
      `lag ${JSON.stringify(r.replay.lag)}`,
      `lost ${r.replay.lostMessages} of ${r.replay.messagesSent}, errors ${r.replay.errorCount} ${r.replay.errors.slice(0, 3).join(' | ')}`,
      `outcomes ${JSON.stringify(r.replay.outcomes)}, wall ${r.replay.wallSec.toFixed(1)} s, violations ${r.document.replay?.violations}`,
    ].join('\n'));
    expect(r.replay.errorCount).toBe(0);
    expect(r.replay.lostMessages).toBe(0);
    expect(r.document.replay?.violations).toBe(0);
    expect(r.comparison.failed).toEqual([]);
    expect(r.replay.lag.p99Ms!).toBeLessThanOrEqual(LAG_P99_MAX_MS);
    expect(r.replay.wallSec).toBeLessThanOrEqual(60);
    server.proc.kill('SIGTERM');
  });
});
