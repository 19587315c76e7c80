// End to end, the Node half: the live backend on a loopback ephemeral port, a one-hour scenario of a
// few hundred visitors replayed at time scale 120 by the Node runner, against the simulator's
// prediction of the same trace.

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../scenarios/load.js';
import { startServer } from '../backend/server.js';
import { TraceReader } from '../core/trace-codec.js';
import { traceLines } from './trace.js';
import { replayAndCompare } from './replay.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const SCALE = 120;

describe('replay end to end (Node runner)', () => {
  it('replays an hour against chatsim serve as the simulator predicts it', async () => {
    const loaded = loadScenario(readFileSync(join(HERE, '../loadgen/test-fixtures/replay-hour.yaml'), 'utf8'), 'replay-hour.yaml');
    if (!loaded.ok) throw new Error('bad fixture');
    const reader = new TraceReader([...traceLines(loaded.scenario)], 'replay-hour.trace');
    const header = reader.first();
    const visitors = [...reader];
    expect(visitors.length).toBeGreaterThan(200);
    const server = await startServer({ scenario: header.scenario, timeScale: SCALE, checkInvariants: true, adminToken: 'e2e-admin-token-0123456789' });
    try {
      const r = await replayAndCompare({
        header, visitors, target: server.url, agentTokens: server.tokens.agents, adminToken: 'e2e-admin-token-0123456789',
        timeScale: SCALE, fromSec: 9 * 3600, toSec: 10 * 3600, tolerances: 'frtP50=10%,frtP90=10%,abandonRate=2pp,abandonRateTotal=2pp', source: 'replay-hour.yaml',
        violations: () => server.violations(),
      });
      const table = r.comparison.rows.map((x) => `${x.metric.padEnd(18)} ${String(x.predicted?.toFixed(3)).padStart(10)} ${String(x.measured?.toFixed(3)).padStart(10)} ${x.pass ?? ''}`).join('\n');
      console.log(`${table}\nlag ${JSON.stringify(r.replay.lag)}\nlost ${r.replay.lostMessages} errors ${r.replay.errorCount} ${r.replay.errors.slice(0, 5).join(' | ')}\noutcomes ${JSON.stringify(r.replay.outcomes)} wall ${r.replay.wallSec}s bots ${JSON.stringify(r.replay.bots)}`);
      expect(r.replay.errorCount).toBe(0);
      expect(r.replay.lostMessages).toBe(0);
      expect(await server.violations()).toBe(0);
      expect(r.comparison.failed).toEqual([]);
      expect(r.replay.lag.p99Ms!).toBeLessThanOrEqual(25);
      expect(r.replay.wallSec).toBeLessThanOrEqual(60);
    } finally {
      await server.close();
    }
  });
});
