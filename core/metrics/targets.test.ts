import { describe, expect, it } from 'vitest';
import { atRisk, margin, meets, parseTarget, type Target } from './targets.js';

function target(text: string): Target {
  const r = parseTarget(text);
  if (!r.ok) throw new Error(r.error);
  return r.target;
}

describe('targets', () => {
  it('parses shares, durations and counts', () => {
    expect(parseTarget('serviceLevel >= 80%')).toEqual({ ok: true, target: { metric: 'serviceLevel', op: '>=', value: 0.8, text: 'serviceLevel >= 80%' } });
    expect(parseTarget('abandonRate<=0.05')).toMatchObject({ ok: true, target: { op: '<=', value: 0.05 } });
    expect(parseTarget('frtP90 <= 30s')).toMatchObject({ ok: true, target: { value: 30 } });
    expect(parseTarget('queueWaitMean ≤ 1m30s')).toMatchObject({ ok: true, target: { op: '<=', value: 90 } });
    expect(parseTarget('chatsPerAgentHour > 15')).toMatchObject({ ok: true, target: { op: '>', value: 15 } });
  });
  it('explains what is wrong', () => {
    const err = (t: string) => { const r = parseTarget(t); return r.ok ? '' : r.error; };
    expect(err('serviceLevel 80%')).toMatch(/<metric> <op> <value>/);
    expect(err('serviceLevle >= 80%')).toMatch(/did you mean "serviceLevel"/);
    expect(err('serviceLevel >= 80')).toMatch(/write 80% or 0\.8/);
    expect(err('frtP90 <= soon')).toMatch(/not a duration/);
    expect(err('serviceLevel >= 120%')).toMatch(/between 0 and 100%/);
  });
  it('checks, measures the margin and flags CIs that straddle the threshold', () => {
    const t = target('serviceLevel >= 80%');
    expect(meets(0.81, t)).toBe(true);
    expect(meets(0.79, t)).toBe(false);
    expect(meets(null, t)).toBe(false);
    expect(margin(0.75, t)).toBeCloseTo(-0.05, 12);
    expect(atRisk([0.78, 0.83], t)).toBe(true);
    expect(atRisk([0.81, 0.83], t)).toBe(false);
    const u = target('frtP90 <= 30s');
    expect(margin(25, u)).toBe(5);
    expect(meets(30, u)).toBe(true);
  });
});
