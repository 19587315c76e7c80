import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { applyOverrides, grid, parseOverride, type OverrideSpec } from './overrides.js';
import { loadScenario } from './load.js';

const spec = (text: string): OverrideSpec => {
  const r = parseOverride(text);
  if (!r.ok) throw new Error(r.error);
  return r.spec;
};

describe('parseOverride', () => {
  it('expands lists and ranges, keeping strings such as durations', () => {
    expect(spec('agents.senior.count=8..12').values).toEqual([8, 9, 10, 11, 12]);
    expect(spec('agents.senior.count=8..12:2').values).toEqual([8, 10, 12]);
    expect(spec('x=0.1..0.3:0.1').values).toEqual([0.1, 0.2, 0.3]);
    expect(spec('agents.novice.maxConcurrent=3,5,8').values).toEqual([3, 5, 8]);
    expect(spec('slTime=10s,20s,1m').values).toEqual(['10s', '20s', '1m']);
    expect(spec('x=1,4..5').values).toEqual([1, 4, 5]);
    expect(spec('groups.a.arrivals.rates.1.rate=100/h').segments).toEqual(['groups', 'a', 'arrivals', 'rates', 1, 'rate']);
  });

  it('rejects malformed specs with a message naming the problem', () => {
    const err = (t: string) => { const r = parseOverride(t); return r.ok ? '' : r.error; };
    expect(err('agents.senior.count')).toMatch(/not PATH=VALUES/);
    expect(err('=3')).toMatch(/not PATH=VALUES/);
    expect(err('a..b=3')).toMatch(/empty segment/);
    expect(err('x=5..1')).toMatch(/runs backwards/);
    expect(err('x=1,,2')).toMatch(/empty value/);
    expect(err('x=1..5000')).toMatch(/at most 1000/);
  });
});

describe('grid', () => {
  it('crosses every value, the first parameter varying slowest', () => {
    expect(grid([{ path: 'a', values: [1, 2] }, { path: 'b', values: ['x', 'y', 'z'] }])).toEqual([
      { a: 1, b: 'x' }, { a: 1, b: 'y' }, { a: 1, b: 'z' }, { a: 2, b: 'x' }, { a: 2, b: 'y' }, { a: 2, b: 'z' },
    ]);
  });
});

describe('applyOverrides', () => {
  const text = readFileSync(new URL('./examples/webshop-day.yaml', import.meta.url), 'utf8');

  it('changes the field, keeps the rest and the comments, and the result validates', () => {
    const r = applyOverrides(text, [{ spec: spec('agents.senior.count=7'), value: 7 }, { spec: spec('groups.presales.arrivals.rates.1.rate=150/h'), value: '150/h' }]);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.text).toContain('# late-morning peak');
    const loaded = loadScenario(r.text, 'x.yaml');
    expect(loaded.ok).toBe(true);
    if (!loaded.ok) return;
    expect(loaded.scenario.agents.find((a) => a.id === 'senior')!.count).toBe(7);
    expect(loaded.scenario.groups[0].arrivals.windows[1].ratePerSec).toBeCloseTo(150 / 3600, 12);
    // untouched fields are unchanged
    const before = loadScenario(text, 'x.yaml');
    if (!before.ok) throw new Error('example invalid');
    expect(loaded.scenario.agents.find((a) => a.id === 'presales-day')).toEqual(before.scenario.agents.find((a) => a.id === 'presales-day'));
  });

  it('adds a missing optional key, which the validator then judges', () => {
    const r = applyOverrides(text, [{ spec: spec('agents.presales-day.speed=1.5'), value: 1.5 }]);
    expect(r.ok).toBe(true);
    if (r.ok) {
      const loaded = loadScenario(r.text, 'x.yaml');
      expect(loaded.ok && loaded.scenario.agents.find((a) => a.id === 'presales-day')!.speed).toBe(1.5);
    }
  });

  it('names a missing parent and suggests the near key with the whole path', () => {
    const r = applyOverrides(text, [{ spec: spec('agents.senoir.count=3'), value: 3 }]);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/agents has no "senoir" — did you mean "agents\.senior\.count"\?/);
    const r2 = applyOverrides(text, [{ spec: spec('groups.presales.arrivals.rates.9.rate=3'), value: 3 }]);
    if (!r2.ok) expect(r2.error).toMatch(/has 6 entries/);
    expect(r2.ok).toBe(false);
    const r3 = applyOverrides(text, [{ spec: spec('days.x=3'), value: 3 }]);
    if (!r3.ok) expect(r3.error).toMatch(/days is a single value/);
    expect(r3.ok).toBe(false);
  });
});
