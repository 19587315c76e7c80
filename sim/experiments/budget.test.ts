// The work estimate printed before a run (issue 14): close to what a run does, and the budget.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../scenarios/load.js';
import { DEFAULT_MAX_VISITORS, estimateWork, overBudget } from './budget.js';
import { runReplications } from './run.js';

function example(name: string) {
  const r = loadScenario(readFileSync(new URL(`../../scenarios/examples/${name}`, import.meta.url), 'utf8'), name);
  if (!r.ok) throw new Error(`${name} does not load`);
  return r.scenario;
}

describe('estimateWork', () => {
  it.each(['webshop-day.yaml', 'promo-peak.yaml', 'marketplace-week.yaml', 'skills-overflow.yaml'])('expects about the visitors and events %s simulates', (name) => {
    const scenario = example(name);
    const e = estimateWork(scenario, { replications: 4 });
    const stats = runReplications(scenario, { replications: 4 }).stats;
    const visitors = stats.reduce((s, x) => s + x.visitors, 0);
    const events = stats.reduce((s, x) => s + x.events, 0);
    expect(e.visitors / visitors).toBeGreaterThan(0.85);
    expect(e.visitors / visitors).toBeLessThan(1.15);
    // an upper estimate of the events (every visitor counted with all their rounds, though some
    // leave early), within a factor of four (measured 1.5 to 3.5)
    expect(e.events / events).toBeGreaterThan(0.8);
    expect(e.events / events).toBeLessThan(4);
  });
  it('multiplies by replications and runs, and returning visitors by 1 / (1 − share)', () => {
    const scenario = example('webshop-day.yaml');
    const one = estimateWork(scenario, { replications: 1 });
    expect(estimateWork(scenario, { replications: 10, runs: 3 }).visitors).toBeCloseTo(one.visitors * 30, 6);
    const back = { ...scenario, groups: scenario.groups.map((g) => ({ ...g, returning: { share: 0.5, after: { kind: 'fixed' as const, value: 60 }, waitSec: 0, fallback: 'least-loaded' } })) };
    expect(estimateWork(back, { replications: 1 }).visitors).toBeCloseTo(one.visitors * 2, 6);
  });
});

describe('overBudget', () => {
  it('names the budget a run exceeds', () => {
    const scenario = example('webshop-day.yaml');
    expect(overBudget(estimateWork(scenario, { replications: 10 }))).toBeNull();
    expect(overBudget(estimateWork(scenario, { replications: 10 }), 1000)).toMatchObject({ kind: 'visitors', limit: 1000 });
    expect(DEFAULT_MAX_VISITORS).toBe(20_000_000);
  });
});
