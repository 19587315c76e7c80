import { describe, expect, it } from 'vitest';
import { MIN_BASIS, estimateDifference, estimateMean, estimateRatio } from './estimate.js';

/** t_{0.975, 2}, closed form. */
const T_2 = 0.95 / Math.sqrt(2 * 0.975 * 0.025);

describe('estimateRatio', () => {
  it('is the pooled ratio with the delta-method interval, as computed by hand', () => {
    // y = Σ FRT, x = answered per replication: R = 60 / 10 = 6, x̄ = 10/3,
    // d = (y − R·x) / x̄ = (−2, 6, −4) · 0.3 = (−0.6, 1.8, −1.2), Σd² = 5.04,
    // se = √(5.04 / (3 · 2)) = √0.84
    const e = estimateRatio([10, 30, 20], [2, 4, 4], 'nonNegative');
    expect(e.mean).toBe(6);
    expect(e.basis).toBe(10);
    const half = T_2 * Math.sqrt(0.84);
    expect(e.ci95![0]).toBeCloseTo(6 - half, 12);
    expect(e.ci95![1]).toBeCloseTo(6 + half, 12);
    expect([...e.influence].map((d) => Number(d.toFixed(12)))).toEqual([-0.6, 1.8, -1.2]);
  });

  it('differs from the mean of the ratios when the denominators vary (the bias it removes)', () => {
    // 1 conversation waited 100 s in one replication, 99 waited 10 s each in the other
    const e = estimateRatio([100, 990], [1, 99], 'nonNegative');
    expect(e.mean).toBeCloseTo(1090 / 100, 12);
    expect((100 / 1 + 990 / 99) / 2).toBe(55);
  });

  it('counts replications with an empty denominator in x̄, and needs two with one for an interval', () => {
    const e = estimateRatio([10, 0, 30], [1, 0, 3], 'nonNegative');
    expect(e.mean).toBe(10);
    expect(e.influence[1]).toBe(0);
    expect(estimateRatio([40, 0, 0], [1, 0, 0], 'nonNegative')).toMatchObject({ mean: 40, ci95: null, basis: 1 });
    expect(estimateRatio([0, 0], [0, 0], 'share')).toMatchObject({ mean: null, ci95: null, basis: 0 });
    expect(estimateRatio([5], [10], 'share')).toMatchObject({ mean: 0.5, ci95: null });
  });

  it('keeps a share inside [0, 1], with a binomial bound when no (or every) conversation counted', () => {
    const none = estimateRatio([0, 0, 0], [100, 120, 80], 'share');
    expect(none.mean).toBe(0);
    expect(none.ci95![0]).toBe(0);
    expect(none.ci95![1]).toBeCloseTo(1 - Math.pow(0.025, 1 / 300), 12); // ≈ 3.69 / 300
    const all = estimateRatio([100, 120, 80], [100, 120, 80], 'share');
    expect(all.ci95![1]).toBe(1);
    expect(all.ci95![0]).toBeCloseTo(Math.pow(0.025, 1 / 300), 12);
    const wide = estimateRatio([1, 9, 10], [10, 10, 10], 'share');
    expect(wide.ci95![0]).toBe(0);
    expect(wide.ci95![1]).toBeLessThanOrEqual(1);
  });
});

describe('estimateMean', () => {
  it('is the mean of the finite replications with a t interval, counts never below 0', () => {
    const e = estimateMean([1, 2, 3, NaN]);
    expect(e.mean).toBe(2);
    expect(e.ci95![0]).toBe(0);
    expect(e.ci95![1]).toBeCloseTo(2 + T_2 / Math.sqrt(3), 12);
    expect(Number.isNaN(e.influence[3])).toBe(true);
  });

  it('gives the Poisson bound [0, 3.69 / n] when every replication counted zero, not [0, 0]', () => {
    const zero = estimateMean([0, 0, 0, 0]).ci95!;
    expect(zero[0]).toBe(0);
    expect(zero[1]).toBeCloseTo(-Math.log(0.025) / 4, 12);
    expect(estimateMean([5, 5, 5]).ci95).toEqual([5, 5]); // a value that truly never varies
  });
});

describe('estimateDifference', () => {
  it('of means: the mean and interval of the paired differences', () => {
    const a = estimateMean([3, 5, 4, 8]);
    const b = estimateMean([1, 4, 1, 6]);
    // differences 2, 1, 3, 2: mean 2, s² = 2/3
    const d = estimateDifference(a, b);
    expect(d.mean).toBe(2);
    const half = 3.182446305284263 * Math.sqrt(2 / 3 / 4);
    expect(d.ci95![0]).toBeCloseTo(2 - half, 12);
    expect(d.ci95![1]).toBeCloseTo(2 + half, 12);
  });

  it('is exactly 0 with a zero-width interval for the same replications twice (an A/A test)', () => {
    const a = estimateRatio([10, 30, 20], [2, 4, 4], 'nonNegative');
    expect(estimateDifference(a, a)).toEqual({ mean: 0, ci95: [0, 0] });
  });

  it('of pooled ratios: from the paired deviations', () => {
    const a = estimateRatio([12, 30, 26], [2, 4, 4], 'nonNegative'); // R = 6.8
    const b = estimateRatio([10, 30, 20], [2, 4, 4], 'nonNegative'); // R = 6
    const d = estimateDifference(a, b);
    expect(d.mean).toBeCloseTo(0.8, 12);
    // deviations a: (12 − 13.6, 30 − 27.2, 26 − 27.2) · 0.3 = (−0.48, 0.84, −0.36); b: (−0.6, 1.8, −1.2)
    // differences (0.12, −0.96, 0.84), mean 0, Σ² = 0.0144 + 0.9216 + 0.7056 = 1.6416
    const half = T_2 * Math.sqrt(1.6416 / 6);
    expect(d.ci95![0]).toBeCloseTo(0.8 - half, 12);
    expect(d.ci95![1]).toBeCloseTo(0.8 + half, 12);
  });

  it('is exactly 0 when the two differ only by rounding (a sum taken in another order)', () => {
    const a = estimateMean([36.1, 36.2, 36.0]);
    const b = estimateMean([36.1 + 1e-14, 36.2 - 1e-14, 36.0 + 2e-14]);
    expect(estimateDifference(a, b)).toEqual({ mean: 0, ci95: [0, 0] });
    expect(estimateDifference(estimateMean([1, 2, 3.0001]), estimateMean([1, 2, 3])).mean).not.toBe(0);
  });

  it('is null when either side has no value', () => {
    expect(estimateDifference(estimateMean([NaN]), estimateMean([1, 2]))).toEqual({ mean: null, ci95: null });
  });

  it('has a named threshold for sparse values', () => {
    expect(MIN_BASIS).toBe(100);
  });
});
