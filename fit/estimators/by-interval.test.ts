// The "where it moves" rule and the wrap-up gaps against cases computed by hand.
import { describe, expect, it } from 'vitest';
import { handleRatios, movingWindows, patienceRatios } from './by-interval.js';
import { wrapUpGaps } from './wrap-up.js';
import { volumeElasticity } from './staffing.js';

/** n values with mean m and sample standard deviation exactly s: m ± s·√((n−1)/n), alternating (n even). */
const sample = (n: number, m: number, s: number) => Array.from({ length: n }, (_, k) => m + (k % 2 === 0 ? 1 : -1) * s * Math.sqrt((n - 1) / n));

describe('handle time by interval', () => {
  it('keeps a ratio beyond 3 standard errors and 10 %, rounded to 0.05', () => {
    // 100 values of mean 230, sd 100 against 200: ratio 1.15, se = 100 / (√100 · 200) = 0.05, z = 3 → not beyond
    // 100 values of mean 240: ratio 1.2, z = 4 → kept as 1.2; mean 215, sd 10: z = 15 but 7.5 % < 10 % → not kept
    const [a, b, c] = handleRatios([sample(100, 230, 100), sample(100, 240, 100), sample(100, 215, 10)], 200);
    expect(a.measured).toBeCloseTo(1.15, 9);
    expect(a.se).toBeCloseTo(0.05, 9);
    expect([a.moves, b.moves, c.moves]).toEqual([false, true, false]);
    expect(b.ratio).toBe(1.2);
    expect([a.ratio, c.ratio]).toEqual([1, 1]);
  });

  it('never keeps an interval with fewer than 50 handle times', () => {
    expect(handleRatios([sample(48, 400, 10)], 200)[0].moves).toBe(false);
  });
});

describe('patience by interval', () => {
  it('compares exponential MLEs on the log scale, se 1/√abandonments', () => {
    // 100 abandonments, 16,000 s waited: MLE 160 s against 100 s, ln 1.6 = 0.47 > 3 · 0.1 → 1.6
    // 100 abandonments, 12,500 s: ln 1.25 = 0.223 < 0.3 → not kept
    const [a, b] = patienceRatios([{ waitedSec: 16_000, abandoned: 100 }, { waitedSec: 12_500, abandoned: 100 }], 100);
    expect(a.ratio).toBe(1.6);
    expect(a.se).toBeCloseTo(0.1, 9);
    expect(b.moves).toBe(false);
  });
});

describe('windows of the day', () => {
  const r = (measured: number, n = 400, se = 0.01) => ({ ratio: Math.round(measured * 20) / 20, measured, se, n, moves: measured !== 1 });
  it('pools adjacent intervals that agree within their errors, and cuts where the other quantity changes', () => {
    // handle: hours 8–10 at 1.21, 1.19 (agree: |1.19 − 1.21| = 0.02 ≤ 3·√(0.01² + 0.01²) = 0.042), hour 10 at 1.4
    const handle = Array.from({ length: 24 }, () => r(1));
    handle[8] = r(1.21);
    handle[9] = r(1.19);
    handle[10] = r(1.4);
    const patience = Array.from({ length: 24 }, () => r(1));
    patience[9] = { ratio: 0.8, measured: 0.8, se: 0.1, n: 100, moves: true };
    const w = movingWindows(handle, patience, 3600);
    expect(w.map((x) => [x.fromSec / 3600, x.toSec / 3600, x.handleRatio, x.patienceRatio])).toEqual([
      [8, 9, 1.2, 1], [9, 10, 1.2, 0.8], [10, 11, 1.4, 1],
    ]);
    expect(w[0].handleN).toBe(800);
  });
});

describe('wrap-up gaps', () => {
  it('measures the gap before a call already waiting, leaves out the others and breaks', () => {
    const a = { startSec: 0, endSec: 100, waitingFromSec: NaN };
    const b = { startSec: 106, endSec: 200, waitingFromSec: 50 }; // waited from 50 < 100: gap 6
    const c = { startSec: 230, endSec: 300, waitingFromSec: 210 }; // started waiting after b ended: no gap
    const d = { startSec: 400, endSec: 500, waitingFromSec: 250 }; // waited since 250 < 300, gap 100 > 60: a break
    const e = { startSec: 504, endSec: 600, waitingFromSec: 450 }; // gap 4
    const { gaps, after } = wrapUpGaps([[e, c, a, d, b]]);
    expect(gaps).toEqual([6, 4]);
    expect(after.get(a)).toBe(6);
    expect(after.get(d)).toBe(4);
    expect(after.has(b) || after.has(c)).toBe(false);
  });
});

describe('staffing against the day\'s volume', () => {
  // one interval queueing all hour (share 1); busy-while-waiting 5, 7.5, 10 on days of 100, 150, 200 contacts:
  // the type's 7.5, so log index = log(bww / 7.5) = log(volume / 150) exactly: slope 1, no residual
  const staffing = (bww: number) => [{ agents: bww, busyWhileWaiting: bww, peakBusy: bww, meanBusy: bww, queueingShare: 1, queueingDays: 1, low: bww, high: bww }];
  it('is the slope of the log staffing index on log volume', () => {
    const v = volumeElasticity([100, 150, 200].map((volume) => ({ type: 'w', volume, staffing: staffing(volume / 20) })), 3600);
    expect(v.elasticity).toBeCloseTo(1, 12);
    expect(v.se).toBeCloseTo(0, 12);
    expect(v.days).toBe(3);
  });
  it('is 0 for a fixed roster, and leaves out intervals with under a minute of queueing', () => {
    const fixed = volumeElasticity([100, 150, 200].map((volume) => ({ type: 'w', volume, staffing: staffing(6) })), 3600);
    expect(fixed.elasticity).toBe(0);
    const quiet = [{ ...staffing(3)[0], queueingShare: 50 / 3600 }];
    expect(volumeElasticity([{ type: 'w', volume: 100, staffing: quiet }, { type: 'w', volume: 200, staffing: quiet }], 3600).days).toBe(0);
  });
});
