import { describe, expect, it } from 'vitest';
import { OVERALL_METRIC_NAMES, computeMetrics, summariseReplications, summariseValues } from './index.js';
import { CTX, END_AT, records, samples } from './test-helpers/fixture.js';

/** t_{0.975} for 2 and 3 degrees of freedom (closed form for 2; table value for 3). */
const T_2 = 0.95 / Math.sqrt(2 * 0.975 * 0.025);
const T_3 = 3.182446305284263;

describe('summariseValues', () => {
  it('gives the mean and mean ± t·s/√n, clipped to the feasible range', () => {
    const r = summariseValues([1, 2, 3]); // s = 1
    expect(r.mean).toBe(2);
    expect(2 - T_2 / Math.sqrt(3)).toBeLessThan(0);
    expect(r.ci95![0]).toBe(0); // a count is never below 0
    expect(r.ci95![1]).toBeCloseTo(2 + T_2 / Math.sqrt(3), 10);
    const share = summariseValues([0.9, 0.99, 0.999], 'share');
    expect(share.ci95![1]).toBe(1);
    const h = summariseValues([10, 12, 14, 20]); // mean 14, Σ(x − x̄)² = 16 + 4 + 0 + 36 = 56
    const half = (T_3 * Math.sqrt(56 / 3)) / 2;
    expect(h.mean).toBe(14);
    expect(h.ci95![0]).toBeCloseTo(14 - half, 10);
    expect(h.ci95![1]).toBeCloseTo(14 + half, 10);
    expect(summariseValues([5, 5, 5]).ci95).toEqual([5, 5]);
  });
  it('ignores NaN replications and gives null without finite values', () => {
    expect(summariseValues([NaN, 5])).toEqual({ mean: 5, ci95: null });
    expect(summariseValues([NaN, NaN])).toEqual({ mean: null, ci95: null });
    expect(summariseValues([])).toEqual({ mean: null, ci95: null });
    const r = summariseValues([1, NaN, 2, 3, Infinity]);
    expect(r.mean).toBe(2);
    expect(r.ci95![1]).toBeCloseTo(2 + T_2 / Math.sqrt(3), 10);
  });
});

describe('summariseReplications', () => {
  const full = computeMetrics(CTX, records(), samples(), END_AT);
  const empty = computeMetrics(CTX, [], [], END_AT);
  const firstHalf = computeMetrics(CTX, records().slice(0, 3), samples(), END_AT);

  it('summarises every metric, in catalogue order, with null for NaN', () => {
    const s = summariseReplications([full, empty, firstHalf]);
    expect(Object.keys(s)).toEqual(['metrics', 'intervals', 'groups', 'agents', 'distributions']);
    expect(Object.keys(s.metrics)).toEqual([...OVERALL_METRIC_NAMES]);
    // offered: 6, 0, 2
    expect(s.metrics.offered.mean).toBeCloseTo(8 / 3, 12);
    const sd = Math.sqrt(((6 - 8 / 3) ** 2 + (8 / 3) ** 2 + (2 - 8 / 3) ** 2) / 2);
    expect(s.metrics.offered.ci95![1]).toBeCloseTo(8 / 3 + (T_2 * sd) / Math.sqrt(3), 10);
    expect(s.metrics.offered.ci95![0]).toBe(0); // 8/3 − t·s/√3 < 0: clipped
    // frtMean pooled: (125 + 0 + 110) / (3 + 0 + 2) answered, not the mean of 125/3 and 55
    expect(s.metrics.frtMean.mean).toBeCloseTo(235 / 5, 12);
    expect(s.metrics.frtMean.sparse).toEqual({ basis: 5, minimum: 100 });
    // one abandonment in one replication: no interval, and flagged
    expect(s.metrics.timeToAbandonMean).toEqual({ mean: 40, ci95: null, sparse: { basis: 1, minimum: 100 } });
    expect(s.intervals[1]).toMatchObject({ index: 1, start: '01:00', startSec: 3600 });
    expect(Object.keys(s.intervals[1]).slice(0, 4)).toEqual(['index', 'start', 'startSec', 'arrivals']);
    expect(s.intervals[5].frtP90).toBeNull();
    expect(s.intervals[1].arrivals).toBeCloseTo(5 / 3, 12); // 3, 0, 2
    expect(s.groups.support.frtMean).toBe(15);
    expect(s.groups.sales.frtMean).toBe(55);
    // pooled: b-1 first-replied 2 (115 s) in the full run, 1 (100 s) in the first half; occupancy 1400 of 6400 slot-seconds twice
    expect(s.agents[1]).toMatchObject({ id: 'b-1', group: 'b', frtMean: 215 / 3, occupancy: 2800 / 12_800 });
    expect(JSON.stringify(s)).not.toMatch(/NaN/);
  });

  it('is byte-identical for the same input', () => {
    expect(JSON.stringify(summariseReplications([full, empty]))).toBe(JSON.stringify(summariseReplications([full, empty])));
  });

  it('rejects no runs and runs of different shape', () => {
    expect(() => summariseReplications([])).toThrow(/at least one run/);
    const other = computeMetrics({ ...CTX, intervalSec: 1800 }, [], [], END_AT);
    expect(() => summariseReplications([full, other])).toThrow(/intervals/);
    const renamed = computeMetrics({ ...CTX, groups: ['sales', 'tech'] }, [], [], END_AT);
    expect(() => summariseReplications([full, renamed])).toThrow(/skill groups/);
  });
});
