import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { loadScenario } from '../../scenarios/load.js';
import type { Scenario } from '../../core/scenario.js';
import { METRICS } from '../../core/metrics/index.js';
import { runReplications } from './run.js';
import { comparePolicies, runComparison } from './compare.js';

const text = readFileSync(new URL('./__fixtures__/staff-small.yaml', import.meta.url), 'utf8');
function small(): Scenario {
  const r = loadScenario(text, 'staff-small.yaml');
  if (!r.ok) throw new Error('fixture invalid');
  return r.scenario;
}
const ALL = METRICS.map((m) => m.name);

describe('comparePolicies', () => {
  const scenario = small();

  it('A/A: a policy against itself differs by exactly 0 in every metric, never significantly', async () => {
    const { rows } = await runComparison(scenario, ['least-loaded', 'least-loaded'], ALL, { replications: 4, workers: 2 });
    expect(rows[0].differences).toBeNull();
    for (const m of ALL) {
      const d = rows[1].differences![m];
      expect(rows[1].metrics[m], m).toEqual(rows[0].metrics[m]);
      if (rows[0].metrics[m].mean === null) continue; // no finite value in any replication
      expect(d.mean, m).toBe(0);
      expect(d.ci95 === null || (d.ci95[0] === 0 && d.ci95[1] === 0), m).toBe(true);
      expect(d.significant, m).toBe(false);
    }
  });

  it('pairs replication r with replication r: the difference is the mean of the per-replication differences', () => {
    const a = runReplications(scenario, { replications: 4, policy: 'least-loaded' }).runs;
    const b = runReplications(scenario, { replications: 4, policy: 'round-robin' }).runs;
    const [, rr] = comparePolicies(['least-loaded', 'round-robin'], [a, b], ['frtMean', 'offered']);
    const diffs = a.map((run, r) => b[r].overall.frtMean - run.overall.frtMean);
    expect(rr.differences!.frtMean.mean).toBeCloseTo(diffs.reduce((s, x) => s + x, 0) / diffs.length, 12);
    // the same visitors under both policies (common random numbers)
    expect(rr.differences!.offered).toEqual({ mean: 0, ci95: [0, 0], significant: false });
  });

  it('runs every policy on the same seeds and counts progress over all of them', async () => {
    const seen: Array<[number, number]> = [];
    const c = await runComparison(scenario, ['least-loaded', 'round-robin', 'experienced-first'], ['serviceLevel'], { replications: 2, workers: 1, seed: 's', onProgress: (d, t) => seen.push([d, t]) });
    expect([c.seed, c.replications, c.warmupSec]).toEqual(['s', 2, scenario.warmupSec]);
    expect(c.rows.map((r) => r.policy)).toEqual(['least-loaded', 'round-robin', 'experienced-first']);
    expect(seen).toEqual([[1, 6], [2, 6], [3, 6], [4, 6], [5, 6], [6, 6]]);
    const alone = runReplications(scenario, { replications: 2, seed: 's', policy: 'round-robin' });
    expect(c.rows[1].metrics.serviceLevel).toEqual(alone.summary.metrics.serviceLevel);
  });
});
