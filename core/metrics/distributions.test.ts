import { describe, expect, it } from 'vitest';
import {
  FRT_BIN_EDGES_SEC,
  SERVICE_BUCKET_NAMES,
  computeMetrics,
  frtHistogram,
  serviceBuckets,
  summariseDistributions,
  summariseReplications,
} from './index.js';
import { CTX, END_AT, records, samples } from './test-helpers/fixture.js';

describe('frtHistogram', () => {
  it('puts each FRT in its right-closed 5 s bin, 0 in the first, above 600 s in the overflow', () => {
    const h = frtHistogram(Float64Array.of(0, 5, 5.1, 10, 600, 600.5));
    expect(h.binEdgesSec).toEqual([...FRT_BIN_EDGES_SEC]);
    expect(h.share).toHaveLength(120);
    expect(h.share[0]).toBeCloseTo(2 / 6, 12);
    expect(h.share[1]).toBeCloseTo(2 / 6, 12);
    expect(h.share[119]).toBeCloseTo(1 / 6, 12);
    expect(h.overflowShare).toBeCloseTo(1 / 6, 12);
    expect(h.share.reduce((a, b) => a + b, 0) + h.overflowShare).toBeCloseTo(1, 12);
  });
  it('is NaN without answered conversations', () => {
    const h = frtHistogram(new Float64Array(0));
    expect(h.share.every(Number.isNaN)).toBe(true);
    expect(h.overflowShare).toBeNaN();
  });
});

describe('serviceBuckets', () => {
  it('splits offered into FRT bands, abandoned and unanswered, summing to 1', () => {
    const b = serviceBuckets(Float64Array.of(20, 21, 60, 61, 180, 181, 600, 601), 20, 10, 1, 1);
    expect(b).toEqual({ withinSl: 0.1, upTo1m: 0.2, upTo3m: 0.2, upTo10m: 0.2, over10m: 0.1, abandoned: 0.1, unanswered: 0.1 });
  });
  it('keeps bands above T only: with T = 90 s the (T, 60 s] band is empty', () => {
    const b = serviceBuckets(Float64Array.of(30, 90, 120), 90, 3, 0, 0);
    expect(b.withinSl).toBeCloseTo(2 / 3, 12);
    expect(b.upTo1m).toBe(0);
    expect(b.upTo3m).toBeCloseTo(1 / 3, 12);
  });
});

describe('distributions from the collector', () => {
  const m = computeMetrics(CTX, records(), samples(), END_AT);
  const d = m.distributions!;

  it('histograms the measured FRTs (10, 15 and 100 s)', () => {
    expect(d.frt.share[1]).toBeCloseTo(1 / 3, 12);
    expect(d.frt.share[2]).toBeCloseTo(1 / 3, 12);
    expect(d.frt.share[19]).toBeCloseTo(1 / 3, 12);
    expect(d.frt.overflowShare).toBe(0);
  });

  it('gives service buckets whose first equals the service level', () => {
    expect(d.serviceBuckets.withinSl).toBe(m.overall.serviceLevel);
    expect(d.serviceBuckets).toEqual({ withinSl: 2 / 6, upTo1m: 0, upTo3m: 1 / 6, upTo10m: 0, over10m: 0, abandoned: 2 / 6, unanswered: 1 / 6 });
  });

  it('gives each agent its occupancy per hour of the day, NaN while offline', () => {
    const [a, b] = d.agentHours.agents;
    expect(d.agentHours.hourSec).toBe(3600);
    expect(a.id).toBe('a-1');
    expect(a.occupancy).toHaveLength(24);
    expect(a.occupancy[0]).toBe(0); // online from warm-up (1000 s), holding nothing
    expect(a.occupancy[1]).toBeCloseTo((1800 * 1 + 1800 * 2) / (3600 * 2), 12);
    expect(a.occupancy[2]).toBeCloseTo(1800 / (1800 * 2), 12); // draining one chat until 9000 s
    expect(a.occupancy[3]).toBeNaN();
    expect(b.occupancy[22]).toBe(0);
    expect(b.occupancy[23]).toBeCloseTo(1400 / 3600, 12);
    expect(b.occupancy[0]).toBeNaN(); // day 1, 00:00–01:00 is the drain: outside the measured window
  });

  it('averages over replications cell by cell, null where no replication has a value', () => {
    const empty = computeMetrics(CTX, [], [], END_AT);
    const s = summariseReplications([m, empty]).distributions!;
    expect(s.serviceBuckets.withinSl).toBeCloseTo(2 / 6, 12); // the empty run has none: left out
    expect(s.frt.share[1]).toBeCloseTo(1 / 3, 12);
    expect(s.agentHours.agents[0].occupancy[1]).toBe(0.75); // nobody online in the empty run: left out
    expect(s.agentHours.agents[0].occupancy[5]).toBeNull();
    expect(Object.keys(s.serviceBuckets)).toEqual([...SERVICE_BUCKET_NAMES]);
    expect(() => summariseDistributions([])).toThrow(RangeError);
  });
});
