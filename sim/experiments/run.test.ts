import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { loadScenario } from '../../scenarios/load.js';
import type { Scenario } from '../../core/scenario.js';
import { replicationSeed } from '../engine/random.js';
import { DEFAULT_REPLICATIONS, runReplication, runReplications, runReplicationsParallel, type ReplicationResult } from './run.js';

const text = readFileSync(new URL('./__fixtures__/staff-small.yaml', import.meta.url), 'utf8');
function small(): Scenario {
  const r = loadScenario(text, 'staff-small.yaml');
  if (!r.ok) throw new Error('fixture invalid');
  return r.scenario;
}

/** Everything a result holds, as bytes (NaN-safe: JSON.stringify writes NaN as null either way). */
const bytes = (r: ReplicationResult) => JSON.stringify(r);

describe('runReplications', () => {
  const scenario = small();

  it('runs replication r on the streams <seed>/rep-r and summarises them in order', () => {
    const r = runReplications(scenario, { replications: 3, seed: 'x' });
    expect(r.seed).toBe('x');
    expect(r.runs).toHaveLength(3);
    for (let k = 1; k <= 3; k++) {
      const one = runReplication(scenario, replicationSeed('x', k), scenario.policy, scenario.warmupSec);
      expect(JSON.stringify(r.runs[k - 1])).toBe(JSON.stringify(one.metrics));
      expect(r.stats[k - 1]).toEqual(one.stats);
    }
    expect(r.summary.metrics.offered.mean).toBeCloseTo(r.runs.reduce((s, x) => s + x.overall.offered, 0) / 3, 9);
  });

  it('takes seed, replications, policy and warm-up from the scenario unless told', () => {
    const r = runReplications(scenario);
    expect([r.seed, r.replications, r.policy, r.warmupSec]).toEqual([scenario.seed, scenario.replications, scenario.policy, scenario.warmupSec]);
    const o = runReplications(scenario, { seed: '9', replications: 2, policy: 'round-robin', warmupSec: 1800 });
    expect([o.seed, o.replications, o.policy, o.warmupSec]).toEqual(['9', 2, 'round-robin', 1800]);
    expect(DEFAULT_REPLICATIONS).toBe(10);
  });

  it('a different seed gives other visitors; the same seed the same bytes', () => {
    expect(bytes(runReplications(scenario, { replications: 2, seed: 'a' }))).toBe(bytes(runReplications(scenario, { replications: 2, seed: 'a' })));
    expect(bytes(runReplications(scenario, { replications: 2, seed: 'a' }))).not.toBe(bytes(runReplications(scenario, { replications: 2, seed: 'b' })));
  });

  it('reports progress after each replication', () => {
    const seen: Array<[number, number]> = [];
    runReplications(scenario, { replications: 3, onProgress: (d, t) => seen.push([d, t]) });
    expect(seen).toEqual([[1, 3], [2, 3], [3, 3]]);
  });
});

/** A day of 120,000 one-round chats: well over CLOCK_EVERY_EVENTS events in one replication. */
function busyDay(): Scenario {
  const r = loadScenario(`name: busy
days: 1
seed: 5
service:
  firstReply: { dist: exponential, mean: 20s }
  wrapUp: 5s
groups:
  web:
    arrivals: { rates: [{ from: "00:00", to: "24:00", rate: 5000/h }] }
    patience: { dist: exponential, mean: 60s }
    rounds: 1
agents:
  staff: { count: 30, skills: [web], maxConcurrent: 1 }
`, 'busy.yaml');
  if (!r.ok) throw new Error('busy scenario invalid');
  return r.scenario;
}

describe('progress inside a long replication', () => {
  const scenario = busyDay();
  const plain = runReplications(scenario, { replications: 1 });

  it('is reported as a rising fraction before the replication ends, and changes nothing in the result', () => {
    const seen: number[] = [];
    const r = runReplications(scenario, { replications: 1, onProgress: (d) => seen.push(d) });
    expect(bytes(r)).toBe(bytes(plain));
    expect(seen.length).toBeGreaterThan(1);
    expect(seen.at(-1)).toBe(1);
    const inside = seen.slice(0, -1);
    for (const f of inside) expect(f > 0 && f < 1).toBe(true);
    for (let i = 1; i < inside.length; i++) expect(inside[i]).toBeGreaterThanOrEqual(inside[i - 1]);
  });

  it('comes from the workers too, summed over the replications running', async () => {
    const seen: number[] = [];
    const sequential = runReplications(scenario, { replications: 2 });
    const r = await runReplicationsParallel(scenario, { replications: 2, workers: 2, onProgress: (d) => seen.push(d) });
    expect(bytes(r)).toBe(bytes(sequential));
    expect(seen.some((d) => d > 0 && d < 1)).toBe(true);
    expect(seen.at(-1)).toBe(2);
  });
});

describe('runReplicationsParallel', () => {
  const scenario = small();
  const sequential = runReplications(scenario, { replications: 5, seed: 'p' });

  for (const workers of [1, 2, 3, 8]) {
    it(`equals the sequential run byte for byte with ${workers} worker(s)`, async () => {
      const done: number[] = [];
      const parallel = await runReplicationsParallel(scenario, { replications: 5, seed: 'p', workers, onProgress: (d, t) => { expect(t).toBe(5); done.push(d); } });
      expect(bytes(parallel)).toBe(bytes(sequential));
      expect(done).toEqual([1, 2, 3, 4, 5]);
    });
  }

  it('rejects, naming the replication, when a worker fails (as a plain Error: the ModelError does not cross the thread)', async () => {
    await expect(runReplicationsParallel(scenario, { replications: 2, workers: 2, policy: 'no-such-policy' })).rejects.toThrow(/^replication \d: unknown routing policy/);
  });
});
