// Each estimator against a case computed by hand (the working is in the comments).
import { describe, expect, it } from 'vitest';
import { exponentialPatienceMle, kaplanMeier, patienceQuantiles, survivalAt, type WaitObservation } from './patience.js';
import { dailyCv, intervalRates, meanVariance, pooledDailyCv } from './arrivals.js';
import { empiricalQuantiles, fitHandleTime, gammaCdf, ksDistance, normalCdf, piecewiseMean } from './handle-time.js';
import { effectiveStaffing } from './staffing.js';
import { linkRetries, retryShare } from './retries.js';
import { censoredTurnFit } from '../fit.js';
import { bestHeadStart, orderBounds, showsHeadStart, type QueueSpan } from './head-start.js';

// waits 10 (left), 20 (answered), 30 (left), 40 (answered), 50 (left)
const WAITS: WaitObservation[] = [
  { sec: 10, abandoned: true }, { sec: 20, abandoned: false }, { sec: 30, abandoned: true }, { sec: 40, abandoned: false }, { sec: 50, abandoned: true },
];

describe('exponential patience MLE under censoring', () => {
  it('is total waiting time over abandonments', () => {
    // Σt = 150 s, d = 3 → mean 50 s; 95 % interval 50 · exp(∓1.96 / √3)
    const e = exponentialPatienceMle(WAITS);
    expect(e.meanSec).toBe(50);
    expect(e.abandoned).toBe(3);
    expect(e.lowSec).toBeCloseTo(50 / Math.exp(1.959964 / Math.sqrt(3)), 9);
    expect(e.highSec).toBeCloseTo(50 * Math.exp(1.959964 / Math.sqrt(3)), 9);
  });
  it('is infinite when nobody left', () => {
    expect(exponentialPatienceMle([{ sec: 5, abandoned: false }]).meanSec).toBe(Infinity);
  });
});

describe('Kaplan–Meier', () => {
  it('multiplies 1 − d/n at each abandonment', () => {
    // t=10: 5 at risk → S = 4/5; t=30: 3 at risk → S = 4/5 · 2/3 = 8/15; t=50: 1 at risk → 0
    const km = kaplanMeier(WAITS);
    expect(km.map((s) => [s.sec, s.atRisk, s.events])).toEqual([[10, 5, 1], [30, 3, 1], [50, 1, 1]]);
    expect(km[0].survival).toBeCloseTo(0.8, 12);
    expect(km[1].survival).toBeCloseTo(8 / 15, 12);
    expect(km[2].survival).toBe(0);
    expect(survivalAt(km, 29)).toBeCloseTo(0.8, 12);
  });
  it('keeps a visitor answered at the instant of an abandonment at risk then', () => {
    // both at t=5: 2 at risk, 1 event → S = 1/2
    expect(kaplanMeier([{ sec: 5, abandoned: false }, { sec: 5, abandoned: true }])[0]).toEqual({ sec: 5, atRisk: 2, events: 1, survival: 0.5 });
  });
  it('becomes quantile points with an exponential tail where too few are at risk', () => {
    // trusted while ≥ 2 at risk: steps at 10 (F = 0.2) and 30 (F = 7/15 ≈ 0.467)
    // p=0.1 → 10; p=0.2 → 10 (dropped, not rising); p=0.4 → 30;
    // p=0.5 → tail 30 + 50·ln((8/15)/0.5) = 33.227 → 33.2; p = 1 ← p = 0.999: 30 + 50·ln((8/15)/0.001) = 343.96 → 344
    const q = patienceQuantiles(kaplanMeier(WAITS), { minAtRisk: 2, tailMeanSec: 50, probabilities: [0.1, 0.2, 0.4, 0.5] });
    expect(q).toEqual([[0, 0], [0.1, 10], [0.4, 30], [0.5, 33.2], [1, 344]]);
  });
});

describe('arrivals', () => {
  it('averages counts per interval with a Poisson-or-more interval', () => {
    // interval 0: counts 2, 4 → mean 3; variance 2 < mean 3, so se = √(3/2)
    const r = intervalRates([[2, 0], [4, 0]], 3600);
    expect(r[0].ratePerSec).toBeCloseTo(3 / 3600, 12);
    expect(r[0].highPerSec * 3600).toBeCloseTo(3 + 1.959964 * Math.sqrt(1.5), 9);
    expect(r[1].ratePerSec).toBe(0);
  });
  it('estimates the daily cv beyond Poisson by moments', () => {
    // totals 90 110 100 140 60: m = 100, s² = (100+100+0+1600+1600)/4 = 850 → c² = (850 − 100)/100² = 0.075
    const d = dailyCv([90, 110, 100, 140, 60]);
    expect(d.variance).toBeCloseTo(850, 9);
    expect(d.cv).toBeCloseTo(Math.sqrt(0.075), 12);
    // less spread than Poisson: 0
    expect(dailyCv([100, 101, 99]).cv).toBe(0);
    // pooled with weights days − 1: (4·0.075 + 1·c²) / 5
    const other = dailyCv([10, 30]); // m 20, s² 200 → c² = 180/400 = 0.45
    expect(pooledDailyCv([d, other])).toBeCloseTo(Math.sqrt((4 * 0.075 + 0.45) / 5), 12);
    expect(meanVariance([1, 2, 3, 4])).toEqual({ mean: 2.5, variance: 5 / 3 });
  });
});

describe('handle time', () => {
  it('keeps the mean in every candidate and picks by KS distance', () => {
    // a lognormal sample by its exact quantiles: median 60 s, σ = 0.8
    const xs: number[] = [];
    for (let i = 0; i < 2000; i++) xs.push(60 * Math.exp(0.8 * inverseNormal((i + 0.5) / 2000)));
    const f = fitHandleTime(xs);
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    for (const c of f.candidates) expect(c.mean).toBeCloseTo(mean, 6);
    expect(f.chosen.kind).toBe('lognormal');
    if (f.chosen.kind === 'lognormal') expect(f.chosen.cv).toBeCloseTo(Math.sqrt(Math.expm1(0.64)), 2);
  });
  it('falls back to the empirical table for a two-point mixture, mean kept', () => {
    const xs = [...Array(500).fill(10), ...Array(500).fill(300)];
    const f = fitHandleTime(xs);
    expect(f.chosen.kind).toBe('quantiles');
    if (f.chosen.kind === 'quantiles') expect(piecewiseMean(f.chosen.points)).toBeCloseTo(155, 0);
  });
  it('pieces: KS distance, the normal and gamma CDFs, the empirical table', () => {
    // F_n of {1, 2} vs uniform(0, 2): at 1, F = 0.5 and F_n jumps 0 → 0.5 → 1 at 2: sup = 0.5
    expect(ksDistance([1, 2], (x) => x / 2)).toBe(0.5);
    expect(normalCdf(1.959964)).toBeCloseTo(0.975, 6);
    // gamma shape 1 is exponential: P(1, x) = 1 − e^−x; shape 2: 1 − e^−x (1 + x)
    expect(gammaCdf(1, 0.7)).toBeCloseTo(1 - Math.exp(-0.7), 12);
    expect(gammaCdf(2, 3)).toBeCloseTo(1 - Math.exp(-3) * 4, 12);
    // [1, 2, 3, 4] at p = 0, .05, …, 1: linear, mean 2.5 already
    const q = empiricalQuantiles([1, 2, 3, 4], 2.5);
    expect(q[0]).toEqual([0, 1]);
    expect(q[q.length - 1]).toEqual([1, 4]);
    expect(piecewiseMean(q)).toBeCloseTo(2.5, 1);
  });
});

describe('effective staffing', () => {
  it('reads busy agents while someone waited, a day without queueing by its peak', () => {
    // day 1, hour 0: agents busy 0–3600 and 1800–3600, a wait 2000–2600 → 2 busy while waiting
    // day 2, hour 0: one agent busy 0–1800, nobody waits → its peak, 1
    // estimate (2 + 1) / 2 = 1.5; uncorrected pooled busy-while-waiting = 2; peak mean 1.5
    const days = [
      { busy: [{ startSec: 0, endSec: 3600 }, { startSec: 1800, endSec: 3600 }], waiting: [{ startSec: 2000, endSec: 2600 }], agentsSeen: [3] },
      { busy: [{ startSec: 0, endSec: 1800 }], waiting: [], agentsSeen: [1] },
    ];
    const s = effectiveStaffing(days, 3600, { method: 'interval' })[0];
    expect(s.agents).toBe(1.5);
    expect(s.busyWhileWaiting).toBe(2);
    expect(s.peakBusy).toBe(1.5);
    // mean busy (3600 + 1800 + 1800) / (2 · 3600) = 1; queueing 600 / 7200
    expect(s.meanBusy).toBe(1);
    expect(s.queueingShare).toBeCloseTo(600 / 7200, 12);
    expect(s.queueingDays).toBe(1);
    expect([s.low, s.high]).toEqual([1.5, 2]);
  });
  it('by default time-averages the agents available moment by moment, the most busy within ±10 min while nobody waits', () => {
    // 10-s bins. Day 1: 1 busy before 1800 s, 2 after → available 1 until 1200 s (2 is within 10 min
    // only from 1200 s), then 2: (1200·1 + 2400·2) / 3600 = 5/3.
    // Day 2: 1 busy until 1800 s, seen within 10 min until 2400 s: 2400 / 3600 = 2/3. Mean 7/6.
    const days = [
      { busy: [{ startSec: 0, endSec: 3600 }, { startSec: 1800, endSec: 3600 }], waiting: [{ startSec: 2000, endSec: 2600 }] },
      { busy: [{ startSec: 0, endSec: 1800 }], waiting: [] },
    ];
    expect(effectiveStaffing(days, 3600)[0].agents).toBeCloseTo(7 / 6, 12);
    // without agent names the high end is the peak + 1
    expect(effectiveStaffing(days, 3600)[0].high).toBe(2.5);
  });
});

/** Acklam's inverse normal CDF (|error| < 1.2e-9), for building exact-quantile samples. */
function inverseNormal(p: number): number {
  const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
  const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
  const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const lo = 0.02425;
  if (p < lo) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  if (p > 1 - lo) return -inverseNormal(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

describe('retries after abandoning', () => {
  const o = (visitor: string | undefined, group: string, at: number, abandonedAt = NaN, endedAt = NaN) => ({ visitor, group, at, abandonedAt, endedAt });
  // a: leaves at 30, back at 90 (d = 60), leaves at 100, back at 4000 (d = 3900 > window 3600: not a retry)
  // b: leaves at 50, back in another group at 80 (not a retry), then in g at 5000 (d = 4950: no)
  // c: leaves at 9000; its window (to 12600) runs past the log's end (10000): not eligible
  // d: leaves at 200, back at 1200 (d = 1000), served, ends 1300; calls again at 2000 (served again within the window)
  // an unidentified visitor leaves at 10 (counted as abandoned, not identified)
  const obs = [
    o('a', 'g', 0, 30), o('a', 'g', 90, 100), o('a', 'g', 4000, NaN, 4100),
    o('b', 'g', 20, 50), o('b', 'h', 80, NaN, 120), o('b', 'g', 5000, NaN, 5100),
    o('c', 'g', 8950, 9000), o('c', 'g', 9500),
    o('d', 'g', 150, 200), o('d', 'g', 1200, NaN, 1300), o('d', 'g', 2000, NaN, 2100),
    o(undefined, 'g', 5, 10),
  ];
  const links = linkRetries(obs, 3600, 10_000);
  const g = links.groups.get('g')!;

  it('links a visitor\'s next contact in the group within the window after leaving', () => {
    // abandoned in g: a×2, b, c, d, the unidentified one = 6; identified 5; eligible (left by 6400): a×2, b, d = 4
    expect([g.abandoned, g.identified, g.eligible, g.retried]).toEqual([6, 5, 4, 2]);
    expect(g.delays).toEqual([60, 1000]);
    // c left at 9000 and came back at 9500: a retry, though not in the share (censored)
    expect([...links.retryOf].sort((x, y) => x[0] - y[0])).toEqual([[1, 0], [7, 6], [9, 8]]);
    expect(g.longestChain).toBe(1);
    // served with windows ending by 10000: a at 4100, d at 1300 and 2100; b's 5100 too = 4; d's 1300 → 2000 is the one called again
    expect([g.served, g.servedAgain]).toEqual([4, 1]);
  });

  it('counts chains of retries, and the Wilson interval', () => {
    const chain = linkRetries([o('a', 'g', 0, 10), o('a', 'g', 20, 30), o('a', 'g', 40, 50), o('a', 'g', 60)], 100, 1000);
    expect(chain.groups.get('g')!.longestChain).toBe(3);
    // 50 of 100: centre (0.5 + z²/200) / (1 + z²/100) = 0.5, half z·√(0.0025 + z²/40000) / (1 + z²/100) = 0.0961
    const s = retryShare(50, 100);
    expect(s.share).toBe(0.5);
    expect(s.low).toBeCloseTo(0.4038, 4);
    expect(s.high).toBeCloseTo(0.5962, 4);
    expect(retryShare(0, 0).share).toBeNaN();
  });
});

describe('first-reply delays censored by visitors who leave after assignment', () => {
  it('small samples: the censored exponential MLE tail alone (no point has 30 at risk)', () => {
    // replies 10, 20, 30; one visitor left 15 s after assignment: mean (10 + 20 + 30 + 15) / 3 = 25 s;
    // t(p) = 25 · ln(1 / (1 − p)): p = 0.5 → 17.3 s; the table ends at p = 1 with t(0.999) = 172.7 s
    const t = censoredTurnFit([10, 20, 30], [15]);
    if (!('censored' in t)) throw new Error('not censored');
    expect(t.censored.exponential.meanSec).toBe(25);
    expect([t.censored.n, t.censored.censored]).toEqual([4, 1]);
    expect(t.censored.quantiles.find(([p]) => p === 0.5)).toEqual([0.5, 17.3]);
    expect(t.censored.quantiles[t.censored.quantiles.length - 1]).toEqual([1, 172.7]);
  });

  it('the Kaplan–Meier curve where it is trusted, then the tail; served chats alone are kept under 2 % censored', () => {
    // 40 replies at 10 s, 20 at 20 s, 40 left at 15 s: at 10 s, 40 of 100 at risk reply: F = 0.4; at
    // 20 s only 20 are at risk (< 30): the tail from (10 s, F 0.4) with the MLE mean
    // (400 + 400 + 600) / 60 = 23.33 s: t(0.45) = 10 + 23.33 · ln(0.6 / 0.55) = 12.0 s
    const t = censoredTurnFit([...Array(40).fill(10), ...Array(20).fill(20)], Array(40).fill(15));
    if (!('censored' in t)) throw new Error('not censored');
    expect(t.censored.quantiles.slice(0, 3)).toEqual([[0, 0], [0.05, 10], [0.45, 12]]);
    // the served chats alone would say a mean of 13.3 s
    expect(t.censored.mean).toBeGreaterThan(20);
    const few = censoredTurnFit(Array(100).fill(10).map((x, i) => x + i), [5]);
    expect('fit' in few).toBe(true);
  });
});

describe('head start from the order of service', () => {
  // one day: vip V1 queued 50 taken 60, V2 queued 70 taken 200; std S1 queued 10 taken 90, S2 queued
  // 20 left (abandoned) 150, S3 queued 100 taken 120.
  //   60: V1 taken while S1, S2 wait → H ≥ 50 − 10 = 40, H ≥ 50 − 20 = 30
  //   90: S1 taken while V2 waits → H ≤ 70 − 10 = 60
  //  120: S3 taken while V2 waits → H ≤ 70 − 100 = −30
  //  200: V2 taken, no std waits
  const span = (classId: string, queuedSec: number, leftSec: number, taken = true, pool = 'd1'): QueueSpan => ({ pool, classId, queuedSec, leftSec, taken });
  const SPANS = [span('vip', 50, 60), span('vip', 70, 200), span('std', 10, 90), span('std', 20, 150, false), span('std', 100, 120)];

  it('pairs each service start with the other class still waiting', () => {
    const bounds = orderBounds(SPANS, 'vip', 'std');
    expect(bounds).toEqual([40, 30, 60, -30].map((value, i) => ({ value, lower: i < 2, pool: 'd1' })));
    // the cap keeps the longest-waiting competitor (S1, queued 10)
    expect(orderBounds(SPANS, 'vip', 'std', 1).filter((b) => b.lower)).toEqual([{ value: 40, lower: true, pool: 'd1' }]);
    // another pool (day) competes with nobody
    expect(orderBounds([span('vip', 50, 60), span('std', 10, 90, true, 'd2')], 'vip', 'std')).toEqual([]);
  });

  it('takes the H satisfying the most pairs, its range within a standard error, and z against FCFS', () => {
    // satisfied: H = −30 → 2, 0 → 1, 30 → 2, 40 → 3, 60 → 3: the best run 40–60, H = 50 (3 of 4);
    // H = 0 satisfies only H ≤ 60 (1 of 4). Range: counts ≥ 3 − √(0.75 · 0.25 · 4) = 2.13 → 40–60.
    // McNemar: 2 pairs only H = 50 orders, 0 only H = 0 → z = 2 / √2.
    const e = bestHeadStart(orderBounds(SPANS, 'vip', 'std'))!;
    expect(e.sec).toBe(50);
    expect([e.lo, e.hi]).toEqual([40, 60]);
    expect(e.agreement).toBe(0.75);
    expect(e.fcfsAgreement).toBe(0.25);
    expect(e.z).toBeCloseTo(Math.SQRT2, 12);
    expect(showsHeadStart(e)).toBe(false); // 4 pairs, z 1.4: too few to show
    expect(bestHeadStart([])).toBeUndefined();
    // a second day repeating the first: the resamples all give 50, the range stays 40–60
    const twice = [...orderBounds(SPANS, 'vip', 'std'), ...orderBounds(SPANS.map((x) => ({ ...x, pool: 'd2' })), 'vip', 'std')];
    expect(bestHeadStart(twice)).toMatchObject({ sec: 50, lo: 40, hi: 60, pairs: 8, agreement: 0.75 });
  });
});
