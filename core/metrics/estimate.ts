// Estimators across replications, one definition for every summary, comparison and target check:
// a count or quantile is the mean of its replications; a ratio metric (frtMean = Σ FRT / answered,
// occupancy = slot-seconds / capacity-seconds, …) is the pooled ratio Σ numerators / Σ denominators,
// with a delta-method interval. Intervals stay in the feasible range, and a value resting on few
// conversations is flagged. Pure; imports only the kernel.

import { tQuantile } from './quantile.js';

/** Confidence level of every interval. */
export const CONFIDENCE_LEVEL = 0.95;

/**
 * Fewest conversations behind a ratio metric (its pooled denominator: answered for frtMean, queued
 * for queueWaitMean, …) for its interval to be trusted. The delta-method interval rests on the
 * pooled ratio being near normal. A wait or a time to abandon is skewed like an exponential
 * (skewness 2), and the mean of m of them has skewness 2/√m: at m = 100 that is 0.2, where the
 * two tails of a 95 % interval still hold about 2.5 % each; well below, most replications see none
 * or one such conversation and the interval is too narrow (at 100 servers, ρ = 0.7, 20 replications,
 * ~60 queued in all: every wait interval missed the Erlang C value).
 */
export const MIN_BASIS = 100;

/**
 * Relative size below which a paired difference is rounding noise, not a difference: two
 * estimates equal but for the order of a floating-point sum differ by about 1e-16 of their size.
 */
export const FLOAT_NOISE = 1e-9;

/** What values a metric can take, so intervals are clipped to it. */
export type FeasibleRange = 'share' | 'nonNegative';

/** One metric estimated over replications. */
export interface Estimate {
  /** The estimate, or null when no replication defines it. */
  mean: number | null;
  /** 95 % interval; null with fewer than two replications (or none defining it). */
  ci95: [number, number] | null;
  /** Conversations (or events) behind the estimate: the pooled denominator of a ratio, the total of a count. */
  basis: number;
  /** Whether it is a pooled ratio (Σ numerators / Σ denominators) rather than a mean of replications. */
  pooled: boolean;
  /**
   * Each replication's linearised deviation from the estimate (NaN where it does not define the
   * metric): the mean's `x_r − x̄`, the ratio's `(y_r − R·x_r) / x̄`. A paired difference of two
   * estimates on the same replications is built from these.
   */
  influence: Float64Array;
}

const tCache = new Map<number, number>();

/** Two-sided critical value t_{(1+level)/2, df}, memoised (replication counts repeat). */
export function criticalT(df: number): number {
  let t = tCache.get(df);
  if (t === undefined) {
    t = tQuantile((1 + CONFIDENCE_LEVEL) / 2, df);
    tCache.set(df, t);
  }
  return t;
}

/** `-ln(α/2)`: the upper 95 % bound of a Poisson mean when none was seen (≈ 3.69). */
const ZERO_EVENTS_UPPER = -Math.log((1 - CONFIDENCE_LEVEL) / 2);

function clip(lo: number, hi: number, feasible: FeasibleRange): [number, number] {
  const top = feasible === 'share' ? 1 : Infinity;
  return [Math.min(Math.max(lo, 0), top), Math.min(Math.max(hi, 0), top)];
}

/** `m ± t·√(Σ d² / (k (k − 1)))` over the finite deviations `d`, or null with fewer than two. */
function interval(m: number, influence: Float64Array, feasible: FeasibleRange): [number, number] | null {
  let k = 0;
  let ss = 0;
  for (const d of influence) {
    if (d === d) {
      k++;
      ss += d * d;
    }
  }
  if (k < 2) return null;
  const half = criticalT(k - 1) * Math.sqrt(ss / (k * (k - 1)));
  return clip(m - half, m + half, feasible);
}

/**
 * The mean over replications of a count, quantile or other per-replication value (non-finite
 * replications left out) with a Student-t interval. When every replication counted zero, the
 * interval is the Poisson bound `[0, 3.69 / n]` rather than `[0, 0]`.
 * @example estimateMean([3, 5, 4], 'nonNegative').mean // 4
 */
export function estimateMean(values: readonly number[], feasible: FeasibleRange = 'nonNegative'): Estimate {
  const influence = new Float64Array(values.length).fill(NaN);
  let k = 0;
  let sum = 0;
  for (const v of values) {
    if (Number.isFinite(v)) {
      k++;
      sum += v;
    }
  }
  if (k === 0) return { mean: null, ci95: null, basis: 0, pooled: false, influence };
  const m = sum / k;
  values.forEach((v, r) => { if (Number.isFinite(v)) influence[r] = v - m; });
  let ci = interval(m, influence, feasible);
  if (ci !== null && sum === 0 && feasible === 'nonNegative') ci = [0, ZERO_EVENTS_UPPER / k];
  return { mean: m, ci95: ci, basis: sum, pooled: false, influence };
}

/**
 * The pooled ratio `R = Σ y / Σ x` of replications' numerators `y` and denominators `x`, with the
 * delta-method (ratio-estimator) interval `R ± t_{n−1} · √(Σ d² / (n (n − 1)))`, where
 * `d_r = (y_r − R·x_r) / x̄`: replications with an empty denominator count, with d = 0 and a share
 * of x̄. No interval when fewer than two replications have a denominator. A share with no hit (or
 * all hits) gets the exact binomial bound `1 − 0.025^{1/Σx}` on its open side instead of a
 * zero-width interval.
 * @example estimateRatio([10, 30], [2, 4], 'nonNegative').mean // 40 / 6 ≈ 6.67
 */
export function estimateRatio(numerators: readonly number[], denominators: readonly number[], feasible: FeasibleRange): Estimate {
  const n = numerators.length;
  const influence = new Float64Array(n).fill(NaN);
  let x = 0;
  let y = 0;
  for (let r = 0; r < n; r++) {
    const den = denominators[r];
    const num = numerators[r];
    if (Number.isFinite(den) && Number.isFinite(num)) {
      x += den;
      y += num;
    }
  }
  if (!(x > 0)) return { mean: null, ci95: null, basis: 0, pooled: true, influence };
  const ratioHat = y / x;
  const xBar = x / n;
  let contributing = 0;
  for (let r = 0; r < n; r++) {
    const den = denominators[r];
    const num = numerators[r];
    if (Number.isFinite(den) && Number.isFinite(num)) {
      influence[r] = (num - ratioHat * den) / xBar;
      if (den > 0) contributing++;
    }
  }
  // with a single replication behind the ratio there is nothing to measure its spread by
  let ci = contributing < 2 ? null : interval(ratioHat, influence, feasible);
  if (ci !== null && feasible === 'share') {
    const edge = 1 - Math.pow((1 - CONFIDENCE_LEVEL) / 2, 1 / x);
    if (y === 0) ci = [0, Math.max(ci[1], edge)];
    else if (y === x) ci = [Math.min(ci[0], 1 - edge), 1];
  }
  return { mean: ratioHat, ci95: ci, basis: x, pooled: true, influence };
}

/**
 * The paired difference `a − b` of two estimates over the same replications (common random
 * numbers), with the interval from the replications' paired deviations; null when either is.
 * @example estimateDifference(estimateMean([2, 3]), estimateMean([1, 1])).mean // 1.5
 */
export function estimateDifference(a: Estimate, b: Estimate): { mean: number | null; ci95: [number, number] | null } {
  if (a.mean === null || b.mean === null) return { mean: null, ci95: null };
  const m = a.mean - b.mean;
  // a difference within rounding noise of the values (sums taken in another order) is exactly 0
  const noise = FLOAT_NOISE * Math.max(Math.abs(a.mean), Math.abs(b.mean));
  const n = Math.min(a.influence.length, b.influence.length);
  const d = new Float64Array(n);
  for (let r = 0; r < n; r++) d[r] = a.influence[r] - b.influence[r];
  let k = 0;
  let sum = 0;
  for (const v of d) if (v === v) { k++; sum += v; }
  if (k < 2) return { mean: m, ci95: null };
  // centre the deviations of the replications both define (a mean over a subset of them)
  const centre = sum / k;
  let ss = 0;
  for (const v of d) if (v === v) ss += (v - centre) * (v - centre);
  const half = criticalT(k - 1) * Math.sqrt(ss / (k * (k - 1)));
  if (Math.abs(m) + half <= noise) return { mean: 0, ci95: [0, 0] };
  return { mean: m, ci95: [m - half, m + half] };
}
