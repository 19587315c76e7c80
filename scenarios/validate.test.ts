// Tests of validation on plain data: schema and cross-field problems together, by path; no mutation.

import { describe, expect, it } from 'vitest';
import { validateScenario, type ScenarioProblem } from './validate.js';

/** A small valid scenario as parsed YAML. */
function minimal(): Record<string, any> {
  return {
    name: 'min',
    groups: { presales: { arrivals: { rates: [{ from: '09:00', to: '18:00', rate: '100/h' }] } } },
    agents: { team: { count: 3, skills: ['presales'], maxConcurrent: 5 } },
  };
}

function deepFreeze<T>(v: T): T {
  if (typeof v === 'object' && v !== null) {
    for (const child of Object.values(v)) deepFreeze(child);
    Object.freeze(v);
  }
  return v;
}

function problems(data: unknown): ScenarioProblem[] {
  const r = validateScenario(data);
  if (r.ok) throw new Error('expected problems');
  return r.problems;
}

const at = (ps: ScenarioProblem[]) => ps.map((p) => `${p.path.join('.')}: ${p.message}`);

describe('validateScenario', () => {
  it('accepts a minimal scenario and returns the same values, without defaults', () => {
    const data = deepFreeze(minimal());
    const r = validateScenario(data);
    expect(r).toEqual({ ok: true, raw: data });
  });

  it('never mutates its input, valid or not', () => {
    const bad = minimal();
    bad.agents.team.maxConcurrent = 0;
    bad.extra = true;
    const snapshot = structuredClone(bad);
    validateScenario(deepFreeze(bad));
    expect(bad).toEqual(snapshot);
  });

  it('refuses an empty document and a non-mapping', () => {
    expect(at(problems(null))).toEqual([': the file is empty; a scenario needs at least name, groups and agents']);
    expect(at(problems('hello'))[0]).toMatch(/must be a mapping of settings.*\(got "hello"\)/);
  });

  it('accepts every distribution form', () => {
    const data = minimal();
    data.service = {
      firstReply: { dist: 'lognormal', mean: '15s', cv: 0.6 },
      nextReply: { dist: 'lognormal', median: 12, sigma: 0.5 },
      wrapUp: '30s',
    };
    Object.assign(data.groups.presales, {
      patience: 'none',
      rounds: { dist: 'empirical', values: [2, 3, 5] },
      thinkTime: { dist: 'empirical', quantiles: [[0, '5s'], [0.5, '20s'], [1, '2m']] },
    });
    data.groups.other = {
      arrivals: { rates: [{ from: '00:00', to: '24:00', rate: '36/h' }], dailyCv: 0.2, promos: [{ from: '20:00', to: '22:00', factor: 8 }] },
      patience: { dist: 'gamma', mean: 60, cv: 1 },
      rounds: { dist: 'uniform', min: 1, max: 4 },
      thinkTime: { dist: 'fixed', value: '1m' },
      service: { firstReply: { dist: 'exponential', mean: '20s' } },
    };
    data.agents.team.skills.push('other');
    expect(validateScenario(data).ok).toBe(true);
  });

  it('reports schema problems and cross-field problems together', () => {
    const data = minimal();
    data.days = 0;
    data.groups.presales.arrivals.rates.push({ from: '17:00', to: '20:00', rate: '50/h' });
    data.agents.team.skills = ['presale'];
    expect(at(problems(data))).toEqual([
      'days: must be a whole number from 1 to 366 (got 0)',
      'groups.presales.arrivals.rates.1: rate window 17:00–20:00 overlaps rate window 09:00–18:00 (rates[0]); windows must not overlap',
      'agents.team.skills.0: "presale" is not a skill group of this scenario; did you mean "presales"? (skill groups: presales)',
    ]);
  });

  it('reports a typo as an unknown key with a suggestion, not also as a missing key', () => {
    const data = minimal();
    delete data.agents.team.maxConcurrent;
    data.agents.team.maxConcurent = 5;
    const ps = problems(data);
    expect(ps).toHaveLength(1);
    expect(ps[0]).toMatchObject({ path: ['agents', 'team', 'maxConcurent'], at: 'key' });
    expect(ps[0].message).toMatch(/did you mean "maxConcurrent"\?/);
  });

  it('offers the keys of the distribution that was named', () => {
    const data = minimal();
    data.groups.presales.patience = { dist: 'exponential', mean: '90s', cv: 1 };
    expect(at(problems(data))).toEqual(['groups.presales.patience.cv: unknown setting "cv" (allowed here: dist, mean)']);
  });

  it('says "no agents" once rather than once per skill group', () => {
    const data = minimal();
    data.agents.team.count = 0;
    expect(at(problems(data))).toEqual(['agents: no agents: every agent group has count 0 (got 0 agents in total)']);
  });

  it('names a skill group that no staffed agent group serves', () => {
    const data = minimal();
    data.groups.aftersales = structuredClone(data.groups.presales);
    data.agents.returns = { count: 0, skills: ['aftersales'], maxConcurrent: 5 };
    expect(problems(data)).toEqual([
      { path: ['groups', 'aftersales'], at: 'key', message: expect.stringContaining('no agent group with count ≥ 1 has skill "aftersales"') },
    ]);
  });

  it('checks promotion days against the horizon and warm-up against it too', () => {
    const data = minimal();
    data.days = 2;
    data.warmup = '2d';
    data.groups.presales.arrivals.promos = [{ day: 2, from: '20:00', to: '22:00', factor: 8 }];
    expect(at(problems(data))).toEqual([
      'groups.presales.arrivals.promos.0.day: must be a day of the simulation, from 0 to 1 (day 0 is the first of 2 days) (got 2)',
      'warmup: must be shorter than the simulated horizon of 2 days (got "2d")',
    ]);
  });

  it('refuses overlapping shifts and shifts that end before they start', () => {
    const data = minimal();
    data.agents.team.shifts = [{ start: '08:00', end: '13:00' }, { start: '12:00', end: '17:00' }, { start: '22:00', end: '06:00' }];
    expect(at(problems(data))).toEqual([
      'agents.team.shifts.2.end: shift end 06:00 is before start 22:00; a shift ends after it starts, within one day (split a night shift in two)',
      'agents.team.shifts.1: shift 12:00–17:00 overlaps shift 08:00–13:00 (shifts[0]); shifts must not overlap',
    ]);
  });

  it('accepts windows that touch, and 24:00 as an end', () => {
    const data = minimal();
    data.groups.presales.arrivals.rates = [{ from: '12:00', to: '24:00', rate: '1/s' }, { from: '00:00', to: '12:00', rate: 0 }];
    expect(validateScenario(data).ok).toBe(true);
  });

  it('checks quantile tables', () => {
    const data = minimal();
    data.groups.presales.thinkTime = { dist: 'empirical', quantiles: [[0.1, 5], [0.9, 20]] };
    expect(at(problems(data))).toEqual([
      'groups.presales.thinkTime.quantiles.0.0: the first probability must be exactly 0 (got 0.1)',
      'groups.presales.thinkTime.quantiles.1.0: the last probability must be exactly 1 (got 0.9)',
    ]);
  });

  it('reports one problem per mistake, not its consequences', () => {
    const data = minimal();
    data.interval = 0;
    data.agents.team.skills = [];
    expect(at(problems(data))).toEqual([
      'interval: must be longer than 0 (got 0)',
      'agents.team.skills: must list at least one skill group (got an empty list)',
    ]);
  });

  it('refuses infinite and fractional counts', () => {
    const data = minimal();
    data.replications = Infinity;
    data.days = 1.5;
    data.seed = 1.5;
    expect(at(problems(data))).toEqual([
      'days: must be a whole number from 1 to 366 (got 1.5)',
      'seed: must be text or a whole number (got 1.5)',
      'replications: must be a whole number ≥ 1 (got Infinity)',
    ]);
  });
});
