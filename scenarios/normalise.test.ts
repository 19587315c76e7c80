// Tests of normalisation: defaults, units to seconds, distribution forms, order, no mutation.

import { describe, expect, it } from 'vitest';
import { normaliseScenario } from './normalise.js';
import type { RawScenario } from './schema.js';
import { validateScenario } from './validate.js';

function raw(over: Record<string, unknown> = {}): RawScenario {
  const data = {
    name: 'n',
    groups: { presales: { arrivals: { rates: [{ from: '09:00', to: '18:00', rate: '360/h' }] } } },
    agents: { team: { count: 3, skills: ['presales'], maxConcurrent: 5 } },
    ...over,
  };
  const r = validateScenario(data);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.raw;
}

function deepFreeze<T>(v: T): T {
  if (typeof v === 'object' && v !== null) {
    for (const child of Object.values(v)) deepFreeze(child);
    Object.freeze(v);
  }
  return v;
}

const fixed = (value: number) => ({ kind: 'fixed', value });

describe('normaliseScenario', () => {
  it('resolves patience by class and by window of the day, the most specific written first', () => {
    const s = normaliseScenario(raw({
      classes: { vip: { share: 0.2, priority: 60 }, gold: { share: 0.3 }, std: { share: 0.5 } },
      service: { wrapUp: '10s' },
      groups: { presales: {
        arrivals: { rates: [{ from: '09:00', to: '18:00', rate: '360/h' }] },
        patience: '2m',
        classPatience: { vip: '10m', gold: 'none' },
        thinkTime: '1m',
        service: { firstReply: '5s' },
        during: [
          { from: '14:00', to: '18:00', classPatience: { gold: '3m' } },
          { from: '09:00', to: '12:00', patience: '90s', classPatience: { vip: '5m' }, thinkTime: '2m', service: { nextReply: '7s' } },
        ],
      } },
    }));
    const g = s.groups[0];
    expect(g.classPatience).toEqual([fixed(600), fixed(Infinity), fixed(120)]);
    // sorted by start; the window's class, else the window's patience, else the group's class, else the group's
    expect(g.during!.map((w) => [w.fromSec, w.toSec])).toEqual([[9 * 3600, 12 * 3600], [14 * 3600, 18 * 3600]]);
    expect(g.during![0].classPatience).toEqual([fixed(300), fixed(90), fixed(90)]);
    expect(g.during![0].patience).toEqual(fixed(90));
    expect(g.during![0].thinkTime).toEqual(fixed(120));
    expect(g.during![0].service).toEqual({ firstReply: fixed(5), nextReply: fixed(7), wrapUp: fixed(10) });
    expect(g.during![1].classPatience).toEqual([fixed(600), fixed(180), fixed(120)]);
    expect(g.during![1].thinkTime).toEqual(fixed(60));
    expect(g.during![1].service).toEqual({ firstReply: fixed(5), nextReply: fixed(0), wrapUp: fixed(10) });
  });

  it('leaves classPatience and during out when the scenario does not write them', () => {
    const g = normaliseScenario(raw()).groups[0];
    expect('classPatience' in g || 'during' in g).toBe(false);
  });

  it('turns the weekdays of a rate window into days of the run from startDay, and lets windows of other weekdays overlap', () => {
    const s = normaliseScenario(raw({
      startDay: 'sun',
      groups: { presales: { arrivals: { rates: [
        { from: '08:00', to: '18:00', rate: '100/h', days: ['sun', 'mon', 'tue', 'wed', 'thu'] },
        { from: '09:00', to: '13:00', rate: '40/h', days: ['fri'] },
      ] } } },
    }));
    // day 0 is a Sunday: sun..thu = 0..4, fri = 5
    expect(s.groups[0].arrivals.windows.map((w) => w.runDays)).toEqual([[0, 1, 2, 3, 4], [5]]);
    expect(validateScenario({ name: 'n', groups: { g: { arrivals: { rates: [{ from: '08:00', to: '18:00', rate: '1/h', days: ['mon'] }, { from: '09:00', to: '10:00', rate: '1/h', days: ['mon', 'tue'] }] } } }, agents: { a: { count: 1, skills: ['g'], maxConcurrent: 1 } } }).ok).toBe(false);
  });

  it('applies every default', () => {
    expect(normaliseScenario(raw())).toEqual({
      name: 'n',
      description: '',
      days: 1,
      horizonSec: 86_400,
      seed: '1',
      replications: 10,
      warmupSec: 0,
      slTimeSec: 20,
      intervalSec: 1800,
      queuePlacementThresholdSec: 60,
      drainSec: 4 * 3600,
      policy: 'least-loaded',
      groups: [{
        id: 'presales',
        arrivals: { windows: [{ fromSec: 9 * 3600, toSec: 18 * 3600, ratePerSec: 0.1 }], promos: [], dailyCv: 0 },
        patience: fixed(Infinity),
        rounds: fixed(1),
        thinkTime: fixed(0),
        service: { firstReply: fixed(0), nextReply: fixed(0), wrapUp: fixed(0) },
      }],
      agents: [{ id: 'team', count: 3, skills: ['presales'], maxConcurrent: 5, speed: 1, rank: 1, slowdown: 0, shifts: [] }],
      sla: [],
    });
  });

  it('converts times to seconds and the horizon to days × 86400', () => {
    const s = normaliseScenario(raw({ days: 3, warmup: '1h30m', slTime: 30, interval: '15m', queuePlacementThreshold: '2m', drain: '1d' }));
    expect(s).toMatchObject({ days: 3, horizonSec: 3 * 86_400, warmupSec: 5400, slTimeSec: 30, intervalSec: 900, queuePlacementThresholdSec: 120, drainSec: 86_400 });
  });

  it('turns the seed into text', () => {
    expect(normaliseScenario(raw({ seed: 42 })).seed).toBe('42');
    expect(normaliseScenario(raw({ seed: 'double-11' })).seed).toBe('double-11');
  });

  it('converts lognormal (mean, cv) and (median, sigma) to log space', () => {
    const s = normaliseScenario(raw({
      service: { firstReply: { dist: 'lognormal', mean: '20s', cv: 0.5 }, nextReply: { dist: 'lognormal', median: '10s', sigma: 0.4 } },
    }));
    const sigma2 = Math.log(1 + 0.25);
    const first = s.groups[0].service.firstReply;
    expect(first.kind).toBe('lognormal');
    if (first.kind !== 'lognormal') return;
    expect(first.sigma).toBeCloseTo(Math.sqrt(sigma2), 12);
    expect(first.mu).toBeCloseTo(Math.log(20) - sigma2 / 2, 12);
    expect(Math.exp(first.mu + first.sigma ** 2 / 2)).toBeCloseTo(20, 10); // the mean survives
    expect(s.groups[0].service.nextReply).toEqual({ kind: 'lognormal', mu: Math.log(10), sigma: 0.4 });
  });

  it('reads a bare scalar as fixed, `none` patience as never leaving, an integer as fixed rounds', () => {
    const s = normaliseScenario(raw({
      groups: { g: { arrivals: { rates: [{ from: '00:00', to: '24:00', rate: '1/s' }] }, patience: '90s', rounds: 3, thinkTime: 12 } },
      agents: { a: { count: 1, skills: ['g'], maxConcurrent: 1 } },
    }));
    expect(s.groups[0]).toMatchObject({ patience: fixed(90), rounds: fixed(3), thinkTime: fixed(12) });
    const none = normaliseScenario(raw({ groups: { g: { arrivals: { rates: [{ from: '00:00', to: '24:00', rate: '1/s' }] }, patience: 'none' } }, agents: { a: { count: 1, skills: ['g'], maxConcurrent: 1 } } }));
    expect(none.groups[0].patience).toEqual(fixed(Infinity));
  });

  it('converts the other distributions, times in seconds and counts as numbers', () => {
    const s = normaliseScenario(raw({
      groups: {
        g: {
          arrivals: { rates: [{ from: '00:00', to: '24:00', rate: '1/s' }] },
          patience: { dist: 'gamma', mean: '1m', cv: 0.5 },
          rounds: { dist: 'uniform', min: 2, max: 6 },
          thinkTime: { dist: 'empirical', quantiles: [[0, '5s'], [0.5, '20s'], [1, '2m']] },
          service: { firstReply: { dist: 'exponential', mean: '15s' }, nextReply: { dist: 'empirical', values: ['10s', 20] }, wrapUp: { dist: 'fixed', value: '30s' } },
        },
      },
      agents: { a: { count: 1, skills: ['g'], maxConcurrent: 1 } },
    }));
    expect(s.groups[0]).toMatchObject({
      patience: { kind: 'gamma', mean: 60, cv: 0.5 },
      rounds: { kind: 'uniform', min: 2, max: 6 },
      thinkTime: { kind: 'quantiles', points: [[0, 5], [0.5, 20], [1, 120]] },
      service: { firstReply: { kind: 'exponential', mean: 15 }, nextReply: { kind: 'empirical', values: [10, 20] }, wrapUp: fixed(30) },
    });
  });

  it('resolves service times field by field: group, then top level, then 0', () => {
    const s = normaliseScenario(raw({
      service: { firstReply: '15s', nextReply: '20s' },
      groups: {
        a: { arrivals: { rates: [{ from: '00:00', to: '24:00', rate: '1/s' }] }, service: { nextReply: '25s', wrapUp: '1m' } },
        b: { arrivals: { rates: [{ from: '00:00', to: '24:00', rate: '1/s' }] } },
      },
      agents: { x: { count: 1, skills: ['a', 'b'], maxConcurrent: 1 } },
    }));
    expect(s.groups.map((g) => g.service)).toEqual([
      { firstReply: fixed(15), nextReply: fixed(25), wrapUp: fixed(60) },
      { firstReply: fixed(15), nextReply: fixed(20), wrapUp: fixed(0) },
    ]);
  });

  it('keeps groups and agents in file order, and sorts windows, promotions and shifts', () => {
    const s = normaliseScenario(raw({
      days: 3,
      groups: {
        zeta: {
          arrivals: {
            rates: [{ from: '12:00', to: '18:00', rate: '60/h' }, { from: '08:00', to: '12:00', rate: '120/h' }],
            promos: [{ name: 'later', day: 2, from: '20:00', to: '22:00', factor: 8 }, { from: '10:00', to: '11:00', factor: 2 }],
          },
        },
        alpha: { arrivals: { rates: [{ from: '00:00', to: '24:00', rate: '1/s' }] } },
      },
      agents: {
        zz: { count: 1, skills: ['zeta', 'alpha'], maxConcurrent: 2, shifts: [{ start: '13:00', end: '17:00' }, { start: '08:00', end: '12:00' }] },
        aa: { count: 1, skills: ['alpha'], maxConcurrent: 1, speed: 1.2, rank: 2, slowdown: 0.1 },
      },
    }));
    expect(s.groups.map((g) => g.id)).toEqual(['zeta', 'alpha']);
    expect(s.agents.map((a) => a.id)).toEqual(['zz', 'aa']);
    expect(s.groups[0].arrivals.windows).toEqual([
      { fromSec: 8 * 3600, toSec: 12 * 3600, ratePerSec: 120 / 3600 },
      { fromSec: 12 * 3600, toSec: 18 * 3600, ratePerSec: 60 / 3600 },
    ]);
    expect(s.groups[0].arrivals.promos).toEqual([
      { name: 'promo-2', startAt: 10 * 3600, endAt: 11 * 3600, factor: 2 },
      { name: 'later', startAt: 2 * 86_400 + 20 * 3600, endAt: 2 * 86_400 + 22 * 3600, factor: 8 },
    ]);
    expect(s.agents[0].shifts).toEqual([{ startSec: 8 * 3600, endSec: 12 * 3600 }, { startSec: 13 * 3600, endSec: 17 * 3600 }]);
    expect(s.agents[1]).toMatchObject({ speed: 1.2, rank: 2, slowdown: 0.1 });
  });

  it('never mutates its input', () => {
    const input = raw({
      service: { firstReply: '15s' },
      agents: { team: { count: 3, skills: ['presales'], maxConcurrent: 5, shifts: [{ start: '13:00', end: '17:00' }, { start: '08:00', end: '12:00' }] } },
    });
    const before = structuredClone(input);
    const s = normaliseScenario(deepFreeze(input));
    expect(input).toEqual(before);
    s.agents[0].skills.push('x'); // the output shares no arrays with the input
    expect(input.agents.team.skills).toEqual(['presales']);
  });
});

describe('the sla block', () => {
  it('normalises targets with their scope', async () => {
    const { loadScenario } = await import('./load.js');
    const text = [
      'name: s',
      'groups: { g: { arrivals: { rates: [ { from: "09:00", to: "18:00", rate: 60/h } ] } } }',
      'agents: { a: { count: 2, skills: [g], maxConcurrent: 3 } }',
      'sla:',
      '  - serviceLevel >= 80%',
      '  - { target: "frtP90 <= 45s", per: interval }',
      '  - { target: "abandonRate <= 0.05", group: g }',
    ].join('\n');
    const r = loadScenario(text, 's.yaml');
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.scenario.sla).toEqual([
      { metric: 'serviceLevel', op: '>=', value: 0.8, text: 'serviceLevel >= 80%', scope: 'overall' },
      { metric: 'frtP90', op: '<=', value: 45, text: 'frtP90 <= 45s', scope: 'interval' },
      { metric: 'abandonRate', op: '<=', value: 0.05, text: 'abandonRate <= 0.05', scope: 'group', group: 'g' },
    ]);
  });
});
