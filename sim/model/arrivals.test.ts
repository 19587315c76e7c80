import { describe, expect, it } from 'vitest';
import { ArrivalProcess, TraceArrivals, dailyMultipliers, rateSegments } from './arrivals.js';
import { stream } from '../engine/random.js';
import { group } from '../test-helpers/scenario.js';
import { DAY_SEC } from '../../core/units.js';

/** 99.9 % two-sided normal quantile: the tolerance of every statistical check below. */
const Z = 3.29;

describe('rateSegments', () => {
  const g = group('g', 0, {
    arrivals: {
      windows: [
        { fromSec: 8 * 3600, toSec: 12 * 3600, ratePerSec: 0.1 },
        { fromSec: 12 * 3600, toSec: 18 * 3600, ratePerSec: 0.2 },
      ],
      promos: [{ name: 'flash', startAt: DAY_SEC + 10 * 3600, endAt: DAY_SEC + 11 * 3600, factor: 3 }],
      dailyCv: 0,
    },
  });

  it('gives constant spans per day, leaves out zero-rate time, and applies promo factors and daily multipliers', () => {
    const segs = rateSegments(g, 2 * DAY_SEC, [1, 2]);
    expect(segs).toEqual([
      { startAt: 8 * 3600, endAt: 12 * 3600, ratePerSec: 0.1 },
      { startAt: 12 * 3600, endAt: 18 * 3600, ratePerSec: 0.2 },
      { startAt: DAY_SEC + 8 * 3600, endAt: DAY_SEC + 10 * 3600, ratePerSec: 0.2 },
      { startAt: DAY_SEC + 10 * 3600, endAt: DAY_SEC + 11 * 3600, ratePerSec: 0.1 * 3 * 2 },
      { startAt: DAY_SEC + 11 * 3600, endAt: DAY_SEC + 12 * 3600, ratePerSec: 0.2 },
      { startAt: DAY_SEC + 12 * 3600, endAt: DAY_SEC + 18 * 3600, ratePerSec: 0.4 },
    ]);
  });

  it('merges touching spans of equal rate and stops at the horizon', () => {
    const flat = group('f', 3600, {});
    expect(rateSegments(flat, 3 * DAY_SEC)).toEqual([{ startAt: 0, endAt: 3 * DAY_SEC, ratePerSec: 1 }]);
    expect(rateSegments(g, 10 * 3600)).toEqual([{ startAt: 8 * 3600, endAt: 10 * 3600, ratePerSec: 0.1 }]);
  });

  it('holds a window only on the days of the run it lists (modulo 7)', () => {
    const weekly = group('w', 0, {
      arrivals: {
        windows: [
          { fromSec: 9 * 3600, toSec: 17 * 3600, ratePerSec: 0.1, runDays: [0, 1, 2, 3, 4] },
          { fromSec: 10 * 3600, toSec: 14 * 3600, ratePerSec: 0.05, runDays: [5] },
        ],
        promos: [],
        dailyCv: 0,
      },
    });
    const segs = rateSegments(weekly, 8 * DAY_SEC);
    // days 0–4 and 7 (= 0 mod 7) at 0.1 from 9 to 17; day 5 at 0.05 from 10 to 14; day 6 none
    expect(segs.map((s) => [Math.floor(s.startAt / DAY_SEC), s.ratePerSec])).toEqual([[0, 0.1], [1, 0.1], [2, 0.1], [3, 0.1], [4, 0.1], [5, 0.05], [7, 0.1]]);
    expect(segs[5]).toEqual({ startAt: 5 * DAY_SEC + 10 * 3600, endAt: 5 * DAY_SEC + 14 * 3600, ratePerSec: 0.05 });
  });

  it('is empty when the rate is zero everywhere', () => {
    expect(rateSegments(group('z', 0), DAY_SEC)).toEqual([]);
  });
});

describe('ArrivalProcess', () => {
  const segs = [
    { startAt: 100, endAt: 1100, ratePerSec: 0.05 },
    { startAt: 2000, endAt: 2500, ratePerSec: 0.4 },
  ];
  const draw = (seed: string) => {
    const p = new ArrivalProcess(segs, stream(seed, 'arrivals'));
    const out: number[] = [];
    for (let t = p.next(); t < Infinity; t = p.next()) out.push(t);
    return out;
  };

  it('gives ascending instants inside the segments only, then Infinity for good', () => {
    const p = new ArrivalProcess(segs, stream('a', 'arrivals'));
    let last = -Infinity;
    let n = 0;
    for (let t = p.next(); t < Infinity; t = p.next(), n++) {
      expect(t).toBeGreaterThanOrEqual(last);
      expect(segs.some((s) => t >= s.startAt && t < s.endAt)).toBe(true);
      last = t;
    }
    expect(n).toBeGreaterThan(0);
    expect(p.next()).toBe(Infinity);
    expect(p.next()).toBe(Infinity);
    expect(new ArrivalProcess([], stream('a', 'arrivals')).next()).toBe(Infinity);
  });

  it('has Poisson counts: the mean per segment is rate × length and the variance equals the mean', () => {
    const R = 400;
    const counts = [[], []] as number[][];
    for (let r = 0; r < R; r++) {
      const xs = draw(`poisson/${r}`);
      counts[0].push(xs.filter((t) => t < 1100).length);
      counts[1].push(xs.filter((t) => t >= 2000).length);
    }
    segs.forEach((s, i) => {
      const expected = (s.endAt - s.startAt) * s.ratePerSec; // 50 and 200
      const mean = counts[i].reduce((a, b) => a + b, 0) / R;
      // the standard error of the mean of R Poisson counts is sqrt(λ / R)
      expect(Math.abs(mean - expected)).toBeLessThan(Z * Math.sqrt(expected / R));
      const variance = counts[i].reduce((a, b) => a + (b - mean) ** 2, 0) / (R - 1);
      // var of the sample variance of a Poisson(λ) is ≈ (λ + 2λ²) / R for large λ
      expect(Math.abs(variance - expected)).toBeLessThan(Z * Math.sqrt((expected + 2 * expected * expected) / R));
    });
  });

  it('spreads arrivals uniformly within a constant-rate segment', () => {
    let firstHalf = 0;
    let total = 0;
    for (let r = 0; r < 200; r++) {
      for (const t of draw(`uniform/${r}`)) {
        if (t >= 2000) {
          total++;
          if (t < 2250) firstHalf++;
        }
      }
    }
    expect(Math.abs(firstHalf / total - 0.5)).toBeLessThan(Z * Math.sqrt(0.25 / total));
  });

  it('replays the same instants for the same stream', () => {
    expect(draw('same')).toEqual(draw('same'));
    expect(draw('same')).not.toEqual(draw('other'));
  });
});

describe('dailyMultipliers', () => {
  it('are all 1 without day-to-day variation', () => {
    expect(dailyMultipliers(5, 0, stream('d', 'daily'))).toEqual([1, 1, 1, 1, 1]);
  });

  it('have mean 1 and the coefficient of variation asked for', () => {
    const cv = 0.3;
    const n = 20_000;
    const xs = dailyMultipliers(n, cv, stream('cv', 'daily'));
    const mean = xs.reduce((a, b) => a + b, 0) / n;
    const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
    expect(xs.every((x) => x > 0)).toBe(true);
    expect(Math.abs(mean - 1)).toBeLessThan(Z * cv / Math.sqrt(n));
    // the sample sd of a gamma has a standard error of about sd·sqrt((κ + 2) / 4n), κ the excess kurtosis 6cv²
    expect(Math.abs(sd - cv)).toBeLessThan(Z * cv * Math.sqrt((6 * cv * cv + 2) / (4 * n)));
  });
});

describe('TraceArrivals', () => {
  it('gives the instants it was given, then Infinity', () => {
    const t = new TraceArrivals([1, 2, 2, 5]);
    expect([t.next(), t.next(), t.next(), t.next(), t.next(), t.next()]).toEqual([1, 2, 2, 5, Infinity, Infinity]);
  });

  it('refuses instants out of order, naming the index', () => {
    expect(() => new TraceArrivals([1, 3, 2])).toThrow('index 2');
  });
});
