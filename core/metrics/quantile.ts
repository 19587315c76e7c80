// Order-statistic quantiles (type 7) and the Student-t quantile used for confidence intervals. Pure
// numerics; must not import the model, scenarios or anything with I/O.

import { gammaln } from 'simple-statistics';

/**
 * Quantile `p` of values already sorted ascending, by linear interpolation between order statistics
 * (Hyndman & Fan type 7, numpy's and R's default): with `h = (n − 1)·p`,
 * `x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋ + 1] − x[⌊h⌋])`. `NaN` when there are no values.
 * @param sorted values in ascending order (a typed array sorted with `.sort()` is numeric)
 * @param p probability in [0, 1]
 * @returns the quantile, in the values' unit
 * @example quantileSorted(Float64Array.of(1, 2, 3, 4), 0.9) // 3.7
 */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0 || !(p >= 0 && p <= 1)) return NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const frac = h - lo;
  if (lo + 1 >= n || frac === 0) return sorted[lo];
  return sorted[lo] + frac * (sorted[lo + 1] - sorted[lo]);
}

/** Ranges this short are finished by insertion sort. */
const SELECT_INSERTION_MAX = 16;

/** Sorts `a[left..right]` (inclusive) ascending by insertion: short ranges. */
function insertionSort(a: Float64Array, left: number, right: number): void {
  for (let i = left + 1; i <= right; i++) {
    const v = a[i];
    let j = i - 1;
    while (j >= left && a[j] > v) {
      a[j + 1] = a[j];
      j--;
    }
    a[j + 1] = v;
  }
}

/**
 * Moves the k-th smallest of `a[left..right]` (inclusive) to index `k`, with nothing larger before
 * it and nothing smaller after it (quickselect: median-of-three pivot, Hoare partition, which splits
 * runs of equal values evenly). Deterministic. Past 2·log₂ n rounds it sorts what is left instead,
 * so no input makes it quadratic. Values must not be NaN.
 */
function selectInPlace(a: Float64Array, left: number, right: number, k: number): void {
  let rounds = 2 * Math.ceil(Math.log2(right - left + 2));
  while (right - left > SELECT_INSERTION_MAX) {
    if (rounds-- === 0) {
      a.subarray(left, right + 1).sort();
      return;
    }
    // median of three to a[mid], with a[left] ≤ a[mid] ≤ a[right]
    const mid = (left + right) >>> 1;
    if (a[mid] < a[left]) swap(a, mid, left);
    if (a[right] < a[left]) swap(a, right, left);
    if (a[right] < a[mid]) swap(a, right, mid);
    const pivot = a[mid];
    let i = left;
    let j = right;
    for (;;) {
      do i++; while (a[i] < pivot);
      do j--; while (a[j] > pivot);
      if (i >= j) break;
      swap(a, i, j);
    }
    // a[left..j] ≤ pivot ≤ a[j+1..right]
    if (k <= j) right = j;
    else left = j + 1;
  }
  insertionSort(a, left, right);
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i];
  a[i] = a[j];
  a[j] = t;
}

/**
 * Quantiles `ps` (ascending, each in [0, 1]) of `values`, exactly as {@link quantileSorted} gives them
 * on the sorted values, but by selection: O(n) per quantile instead of an O(n log n) sort. Reorders
 * `values` (it stays a permutation of them). `NaN`s when there are no values. Values must not be NaN.
 * @example quantilesInPlace(Float64Array.of(4, 1, 3, 2), [0.5, 0.9]) // [2.5, 3.7]
 */
export function quantilesInPlace(values: Float64Array, ps: readonly number[]): number[] {
  const n = values.length;
  const out: number[] = [];
  // every order statistic below `done` is in place (and everything after it is no smaller)
  let done = 0;
  const place = (k: number): number => {
    if (k >= done) {
      selectInPlace(values, done, n - 1, k);
      done = k + 1;
    }
    return values[k];
  };
  for (let q = 0; q < ps.length; q++) {
    const p = ps[q];
    if (q > 0 && !(p >= ps[q - 1])) throw new RangeError(`quantilesInPlace: probabilities must ascend (${ps.join(', ')})`);
    if (n === 0 || !(p >= 0 && p <= 1)) {
      out.push(NaN);
      continue;
    }
    const h = (n - 1) * p;
    const lo = Math.floor(h);
    const frac = h - lo;
    const x = place(lo);
    out.push(lo + 1 >= n || frac === 0 ? x : x + frac * (place(lo + 1) - x));
  }
  return out;
}

/** Iterations of the continued fraction before giving up (it converges in far fewer). */
const BETA_CF_MAX_ITERATIONS = 1000;
/** Relative tolerance of the continued fraction. */
const BETA_CF_EPSILON = 1e-16;
/** Guard against division by zero in Lentz's method. */
const BETA_CF_TINY = 1e-300;
/** Bisection stops when the bracket is narrower than this, relative to its upper end. */
const T_QUANTILE_RELATIVE_TOLERANCE = 1e-14;
/** Bisection steps at most (each halves the bracket; 200 is far past double precision). */
const T_QUANTILE_MAX_STEPS = 200;

/** Continued fraction for the incomplete beta function (modified Lentz; Numerical Recipes betacf). */
function betaContinuedFraction(a: number, b: number, x: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < BETA_CF_TINY) d = BETA_CF_TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= BETA_CF_MAX_ITERATIONS; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < BETA_CF_TINY) d = BETA_CF_TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < BETA_CF_TINY) c = BETA_CF_TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < BETA_CF_TINY) d = BETA_CF_TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < BETA_CF_TINY) c = BETA_CF_TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < BETA_CF_EPSILON) break;
  }
  return h;
}

/** ln Γ(½) = ln √π. */
const LN_GAMMA_HALF = 0.5 * Math.log(Math.PI);
/** From this `a` on, ln B(a, ½) uses the asymptotic series (error < 1e-13) instead of ln Γ differences. */
const LOG_BETA_SERIES_FROM = 100;

/**
 * ln B(a, b). For `b = ½` and large `a` (Student's t with many degrees of freedom) the difference
 * ln Γ(a + ½) − ln Γ(a) cancels badly, so it uses its series ½·ln a − 1/(8a) + 1/(192a³) − ….
 */
export function logBeta(a: number, b: number): number {
  if (b === 0.5 && a >= LOG_BETA_SERIES_FROM) {
    return LN_GAMMA_HALF - (0.5 * Math.log(a) - 1 / (8 * a) + 1 / (192 * a * a * a));
  }
  return gammaln(a) + gammaln(b) - gammaln(a + b);
}

/**
 * Regularised incomplete beta `I_x(a, b)`. Takes `x` and `1 − x` separately so that callers can
 * pass a small `1 − x` without cancellation.
 */
export function regularisedIncompleteBeta(a: number, b: number, x: number, oneMinusX = 1 - x): number {
  if (x <= 0) return 0;
  if (oneMinusX <= 0) return 1;
  const logX = x > 0.5 ? Math.log1p(-oneMinusX) : Math.log(x);
  const logOneMinusX = oneMinusX > 0.5 ? Math.log1p(-x) : Math.log(oneMinusX);
  const logFront = a * logX + b * logOneMinusX - logBeta(a, b);
  const front = Math.exp(logFront);
  if (x < (a + 1) / (a + b + 2)) return (front * betaContinuedFraction(a, b, x)) / a;
  return 1 - (front * betaContinuedFraction(b, a, oneMinusX)) / b;
}

/**
 * Upper tail `P(T > t)` of Student's t with `df` degrees of freedom, for `t ≥ 0`:
 * `½·I_{df/(df+t²)}(df/2, ½)`.
 */
export function studentTUpperTail(t: number, df: number): number {
  if (t <= 0) return t === 0 ? 0.5 : 1 - studentTUpperTail(-t, df);
  const t2 = t * t;
  return 0.5 * regularisedIncompleteBeta(df / 2, 0.5, df / (df + t2), t2 / (df + t2));
}

/**
 * From these degrees of freedom on, the incomplete-beta route loses digits (a ≈ df/2 is huge), so the
 * quantile comes from the Cornish–Fisher expansion in 1/df around the normal quantile instead.
 */
const T_EXPANSION_DF = 1e5;

/** Cornish–Fisher terms g1…g3 of t = z + g1/df + g2/df² + g3/df³ (Abramowitz & Stegun 26.7.5). */
function cornishFisherT(z: number, df: number): number {
  const z2 = z * z;
  const g1 = (z * (z2 + 1)) / 4;
  const g2 = (z * ((5 * z2 + 16) * z2 + 3)) / 96;
  const g3 = (z * (((3 * z2 + 19) * z2 + 17) * z2 - 15)) / 384;
  return z + (g1 + (g2 + g3 / df) / df) / df;
}

/** Fixed-point steps to recover z from t at {@link T_EXPANSION_DF} (each gains ~5 digits). */
const NORMAL_FROM_T_STEPS = 4;

/**
 * Quantile `p` of Student's t distribution with `df` degrees of freedom (df > 0, not necessarily
 * whole), by bisection on the regularised incomplete beta (Cornish–Fisher past 1e5 df). Accurate to
 * about 1e-11 relative. `df = Infinity` gives the standard normal quantile.
 * @param p probability in (0, 1)
 * @param df degrees of freedom, > 0
 * @example tQuantile(0.975, 9) // 2.2621571627…
 */
export function tQuantile(p: number, df: number): number {
  if (!(p > 0 && p < 1) || !(df > 0)) return NaN;
  if (p === 0.5) return 0;
  if (p < 0.5) return -tQuantile(1 - p, df);
  if (df > T_EXPANSION_DF) {
    // z solves t(T_EXPANSION_DF) = cornishFisherT(z, T_EXPANSION_DF); then expand at df.
    const tAtSwitch = tQuantile(p, T_EXPANSION_DF);
    let z = tAtSwitch;
    for (let i = 0; i < NORMAL_FROM_T_STEPS; i++) z -= cornishFisherT(z, T_EXPANSION_DF) - tAtSwitch;
    return Number.isFinite(df) ? cornishFisherT(z, df) : z;
  }
  const tail = 1 - p;
  let lo = 0;
  let hi = 1;
  while (studentTUpperTail(hi, df) > tail) {
    lo = hi;
    hi *= 2;
    if (!Number.isFinite(hi)) return Infinity;
  }
  for (let step = 0; step < T_QUANTILE_MAX_STEPS && hi - lo > T_QUANTILE_RELATIVE_TOLERANCE * hi; step++) {
    const mid = 0.5 * (lo + hi);
    if (studentTUpperTail(mid, df) > tail) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}
