import { describe, expect, it } from 'vitest';
import { addSpanByInterval, intervalOfDay, secondsByInterval, validateMetricsContext } from './context.js';
import { CTX } from './test-helpers/fixture.js';

describe('interval arithmetic', () => {
  it('finds the interval of the day of any instant', () => {
    expect(intervalOfDay(0, 1800)).toBe(0);
    expect(intervalOfDay(1799.9, 1800)).toBe(0);
    expect(intervalOfDay(1800, 1800)).toBe(1);
    expect(intervalOfDay(86_400 + 3_700, 1800)).toBe(2);
    expect(intervalOfDay(86_399, 1800)).toBe(47);
  });
  it('splits spans exactly at boundaries, over days', () => {
    const out = new Float64Array(24);
    addSpanByInterval(out, 82_000, 86_400 + 4_000, 3600, 2);
    expect(out[22]).toBe(2 * 800);
    expect(out[23]).toBe(2 * 3600);
    expect(out[0]).toBe(2 * 3600);
    expect(out[1]).toBe(2 * 400);
    expect(out.reduce((a, b) => a + b, 0)).toBe(2 * 8400);
    addSpanByInterval(out, 10, 10, 3600);
    addSpanByInterval(out, 20, 10, 3600);
    expect(out.reduce((a, b) => a + b, 0)).toBe(2 * 8400);
  });
  it('counts measured seconds per interval over several days', () => {
    const s = secondsByInterval(5400, 2 * 86_400 + 1800, 3600);
    expect(s[0]).toBe(3600 + 1800); // day 0 starts at 01:30, so interval 0 only on days 1 and 2
    expect(s[1]).toBe(1800 + 3600);
    expect(s[2]).toBe(2 * 3600);
    expect(s[23]).toBe(2 * 3600);
  });
});

describe('validateMetricsContext', () => {
  it('accepts the fixture and lists every problem at once', () => {
    expect(validateMetricsContext(CTX)).toEqual([]);
    expect(
      validateMetricsContext({
        ...CTX,
        intervalSec: 7,
        warmupSec: -1,
        groups: ['a', 'a'],
        agents: [{ id: 'x', group: 'g', cap: 1.5 }],
      }),
    ).toEqual([
      'intervalSec must divide 86400 (got 7)',
      'warmupSec must be a finite number ≥ 0 (got -1)',
      'groups must have distinct ids (a appears twice)',
      'agents[0].cap must be an integer ≥ 0 (got 1.5)',
    ]);
  });
});
