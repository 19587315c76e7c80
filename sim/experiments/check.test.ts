import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { loadScenario } from '../../scenarios/load.js';
import type { Scenario } from '../../core/scenario.js';
import { evaluateTargets } from '../../core/metrics/sla.js';
import { runReplications } from './run.js';
import { checkScenario } from './check.js';

const text = readFileSync(new URL('./__fixtures__/staff-small.yaml', import.meta.url), 'utf8');
function load(extra: string): Scenario {
  const r = loadScenario(text + extra, 'small.yaml');
  if (!r.ok) throw new Error('fixture invalid');
  return r.scenario;
}

describe('checkScenario', () => {
  it('evaluates every sla target on the same replications a run makes', async () => {
    const scenario = load('sla:\n  - serviceLevel >= 10%\n  - frtP90 <= 1s\n  - { target: "abandonRate <= 50%", per: interval }\n');
    const check = await checkScenario(scenario, { replications: 3, workers: 2 });
    const run = runReplications(scenario, { replications: 3 });
    expect(JSON.stringify(check.replications)).toBe(JSON.stringify(run));
    expect(check.targets).toEqual(evaluateTargets(scenario.sla, run.runs));
    expect(check.targets.map((t) => [t.text, t.pass])).toEqual([['serviceLevel >= 10%', true], ['frtP90 <= 1s', false], ['abandonRate <= 50%', true]]);
    expect(check.pass).toBe(false);
  });

  it('passes when every target is met, and trivially without targets', async () => {
    expect((await checkScenario(load('sla:\n  - serviceLevel >= 10%\n'), { replications: 2, workers: 1 })).pass).toBe(true);
    const none = await checkScenario(load(''), { replications: 2, workers: 1 });
    expect([none.targets, none.pass]).toEqual([[], true]);
  });
});
