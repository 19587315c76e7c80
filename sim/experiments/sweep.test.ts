import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseOverride, type OverrideSpec } from '../../scenarios/overrides.js';
import { sweepVariants, MAX_SWEEP_POINTS } from '../../scenarios/sweep-variants.js';
import { runReplications } from './run.js';
import { runSweep } from './sweep.js';

const text = readFileSync(new URL('./__fixtures__/staff-small.yaml', import.meta.url), 'utf8');
const spec = (s: string): OverrideSpec => {
  const p = parseOverride(s);
  if (!p.ok) throw new Error(p.error);
  return p.spec;
};
function variants(...sets: string[]) {
  const built = sweepVariants(text, 'small.yaml', sets.map(spec));
  if (!built.ok) throw new Error(built.error);
  return built.variants;
}

describe('sweepVariants (scenarios/)', () => {
  it('builds every point of the grid in order, each a scenario with its settings applied', () => {
    const v = variants('agents.staff.count=3..4', 'agents.staff.maxConcurrent=1,2');
    expect(v.map((x) => x.settings)).toEqual([
      { 'agents.staff.count': 3, 'agents.staff.maxConcurrent': 1 },
      { 'agents.staff.count': 3, 'agents.staff.maxConcurrent': 2 },
      { 'agents.staff.count': 4, 'agents.staff.maxConcurrent': 1 },
      { 'agents.staff.count': 4, 'agents.staff.maxConcurrent': 2 },
    ]);
    expect(v.map((x) => [x.scenario.agents[0].count, x.scenario.agents[0].maxConcurrent])).toEqual([[3, 1], [3, 2], [4, 1], [4, 2]]);
  });

  it('names the settings that make a point invalid, and refuses a grid that is too large', () => {
    const bad = sweepVariants(text, 'small.yaml', [spec('agents.staff.count=2,0')]);
    expect(bad.ok ? '' : bad.error).toBe('with agents.staff.count=0 the scenario is invalid:\n  agents  no agents: every agent group has count 0 (got 0 agents in total)');
    const big = sweepVariants(text, 'small.yaml', [spec('agents.staff.count=1..50'), spec('agents.staff.maxConcurrent=1..41')]);
    expect(MAX_SWEEP_POINTS).toBeLessThan(50 * 41);
    expect(big.ok ? '' : big.error).toBe(`the grid has ${50 * 41} points; at most ${MAX_SWEEP_POINTS} (narrow the --set ranges or add a step, e.g. 8..40:4)`);
  });
});

describe('runSweep', () => {
  it('runs each point on the same seeds: a point equals the replications of its scenario alone', async () => {
    const v = variants('agents.staff.count=3,5');
    const points = await runSweep(v, ['serviceLevel', 'frtMean'], { replications: 3, seed: 'w', workers: 2 });
    expect(points.map((p) => Object.keys(p.metrics))).toEqual([['serviceLevel', 'frtMean'], ['serviceLevel', 'frtMean']]);
    for (const [i, p] of points.entries()) {
      const alone = runReplications(v[i].scenario, { replications: 3, seed: 'w' });
      expect(p.settings).toEqual(v[i].settings);
      expect(p.metrics.serviceLevel).toEqual(alone.summary.metrics.serviceLevel);
      expect(p.metrics.frtMean).toEqual(alone.summary.metrics.frtMean);
    }
    expect(points[1].metrics.serviceLevel.mean!).toBeGreaterThan(points[0].metrics.serviceLevel.mean!);
  });

  it('counts progress over the whole sweep', async () => {
    const seen: number[] = [];
    await runSweep(variants('agents.staff.count=3,4'), ['serviceLevel'], { replications: 2, workers: 1, onProgress: (d, t) => { expect(t).toBe(4); seen.push(d); } });
    expect(seen).toEqual([1, 2, 3, 4]);
  });
});
