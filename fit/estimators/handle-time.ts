// Handle (service) times: a lognormal and a gamma fitted by maximum likelihood, each rescaled to
// keep the sample mean, and an empirical quantile table; the one closest to the data by the
// Kolmogorov–Smirnov distance is chosen (empirical when neither parametric form comes within
// `maxKs`). Pure functions; imports nothing.

/** A fitted handle-time distribution, every time in seconds. */
export type HandleFit =
  | { kind: 'lognormal'; mean: number; cv: number; ks: number }
  | { kind: 'gamma'; mean: number; cv: number; ks: number }
  | { kind: 'quantiles'; points: Array<[number, number]>; mean: number; ks: number };

/** All three candidates and the choice, for the comment the scenario writer prints. */
export interface HandleTimeFit {
  chosen: HandleFit;
  candidates: HandleFit[];
  n: number;
  /** Sample mean and its 95 % interval (normal approximation), seconds. */
  mean: number;
  meanLow: number;
  meanHigh: number;
}

/** A parametric fit is kept when its KS distance is at most this (else the empirical table). */
export const DEFAULT_MAX_KS = 0.03;
/** Values below this are raised to it before taking logs (a 0 s call exists in real logs). */
export const MIN_HANDLE_SEC = 0.5;
/** Probabilities of the empirical table (besides 0 and 1). */
export const HANDLE_PROBABILITIES = [0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99] as const;

/**
 * Fits handle times and chooses by goodness of fit, the mean kept in every candidate.
 * @example fitHandleTime([30, 45, 60, 200]).chosen.kind // 'lognormal' | 'gamma' | 'quantiles'
 */
export function fitHandleTime(values: readonly number[], maxKs = DEFAULT_MAX_KS): HandleTimeFit {
  const xs = values.map((v) => Math.max(MIN_HANDLE_SEC, v)).sort((a, b) => a - b);
  const n = xs.length;
  if (n === 0) throw new Error('fitHandleTime: no values');
  let sum = 0;
  let sumLog = 0;
  for (const x of xs) {
    sum += x;
    sumLog += Math.log(x);
  }
  const mean = sum / n;
  const meanLog = sumLog / n;
  let ssLog = 0;
  let ss = 0;
  for (const x of xs) {
    ssLog += (Math.log(x) - meanLog) ** 2;
    ss += (x - mean) ** 2;
  }
  const sigma = Math.sqrt(ssLog / n);
  const sd = n > 1 ? Math.sqrt(ss / (n - 1)) : 0;
  const half = 1.959964 * sd / Math.sqrt(n);

  const candidates: HandleFit[] = [];
  if (sigma > 0) {
    // lognormal: σ by MLE, μ moved so the mean is the sample mean
    const mu = Math.log(mean) - (sigma * sigma) / 2;
    const cv = Math.sqrt(Math.expm1(sigma * sigma));
    candidates.push({ kind: 'lognormal', mean, cv, ks: ksDistance(xs, (x) => normalCdf((Math.log(x) - mu) / sigma)) });
    // gamma: shape by Minka's approximation of the MLE, scale so the mean is the sample mean
    const s = Math.log(mean) - meanLog;
    const shape = s > 0 ? (3 - s + Math.sqrt((s - 3) ** 2 + 24 * s)) / (12 * s) : 1e6;
    candidates.push({ kind: 'gamma', mean, cv: 1 / Math.sqrt(shape), ks: ksDistance(xs, (x) => gammaCdf(shape, x * shape / mean)) });
  }
  const points = empiricalQuantiles(xs, mean);
  candidates.push({ kind: 'quantiles', points, mean, ks: ksDistance(xs, (x) => piecewiseCdf(points, x)) });
  const parametric = candidates.filter((c) => c.kind !== 'quantiles').sort((a, b) => a.ks - b.ks);
  const chosen = parametric.length > 0 && parametric[0].ks <= maxKs ? parametric[0] : candidates[candidates.length - 1];
  return { chosen, candidates, n, mean, meanLow: mean - half, meanHigh: mean + half };
}

/**
 * Quantile points [p, value] of sorted values at 0, {@link HANDLE_PROBABILITIES} and 1, scaled so
 * the piecewise-linear distribution through them has mean `keepMean` (seconds, rounded to 0.1 s).
 * @example empiricalQuantiles([1, 2, 3, 4], 2.5)
 */
export function empiricalQuantiles(sorted: readonly number[], keepMean: number): Array<[number, number]> {
  const ps = [0, ...HANDLE_PROBABILITIES, 1];
  const raw = ps.map((p) => [p, quantileSorted(sorted, p)] as [number, number]);
  const m = piecewiseMean(raw);
  const k = m > 0 ? keepMean / m : 1;
  const out: Array<[number, number]> = [];
  for (const [p, v] of raw) {
    const value = Math.round(v * k * 10) / 10;
    if (out.length > 0 && value < out[out.length - 1][1]) out.push([p, out[out.length - 1][1]]);
    else out.push([p, value]);
  }
  return out;
}

/** Mean of the distribution whose inverse CDF is linear between the points. */
export function piecewiseMean(points: ReadonlyArray<readonly [number, number]>): number {
  let m = 0;
  for (let i = 1; i < points.length; i++) m += (points[i][0] - points[i - 1][0]) * (points[i][1] + points[i - 1][1]) / 2;
  return m;
}

/** The CDF of that distribution at x. */
export function piecewiseCdf(points: ReadonlyArray<readonly [number, number]>, x: number): number {
  if (x < points[0][1]) return 0;
  for (let i = 1; i < points.length; i++) {
    const [p0, v0] = points[i - 1];
    const [p1, v1] = points[i];
    if (x < v1) return v1 > v0 ? p0 + ((p1 - p0) * (x - v0)) / (v1 - v0) : p0;
  }
  return 1;
}

/** Linear-interpolation quantile of sorted values (type 7, as R and simple-statistics' default). */
export function quantileSorted(sorted: readonly number[], p: number): number {
  if (sorted.length === 1) return sorted[0];
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/**
 * Kolmogorov–Smirnov distance sup |F_n − F| of sorted values against a CDF (evaluated at each
 * distinct value, from both sides of the step).
 * @example ksDistance([1, 2], (x) => x / 2) // 0.5
 */
export function ksDistance(sorted: readonly number[], cdf: (x: number) => number): number {
  const n = sorted.length;
  let d = 0;
  let i = 0;
  while (i < n) {
    const x = sorted[i];
    let j = i;
    while (j < n && sorted[j] === x) j++;
    const f = cdf(x);
    d = Math.max(d, Math.abs(f - i / n), Math.abs(j / n - f));
    i = j;
  }
  return d;
}

/** Standard normal CDF (Abramowitz–Stegun 7.1.26 erf, |error| < 1.5e-7). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const erf = 1 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

/** Regularised lower incomplete gamma P(a, x): the CDF of a gamma(shape a, scale 1) at x. */
export function gammaCdf(a: number, x: number): number {
  if (x <= 0) return 0;
  const lnPre = a * Math.log(x) - x - lnGamma(a);
  if (x < a + 1) {
    let sum = 1 / a;
    let term = sum;
    for (let k = 1; k < 1000; k++) {
      term *= x / (a + k);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * 1e-14) break;
    }
    return Math.min(1, Math.exp(lnPre) * sum);
  }
  // continued fraction for Q(a, x) (modified Lentz)
  let b = x + 1 - a;
  let c = 1e300;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 1000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < 1e-300) d = 1e-300;
    c = b + an / c;
    if (Math.abs(c) < 1e-300) c = 1e-300;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-14) break;
  }
  return Math.max(0, 1 - Math.exp(lnPre) * h);
}

/** ln Γ(a), Lanczos (g = 7, 9 terms). */
export function lnGamma(a: number): number {
  const g = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  if (a < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * a)) - lnGamma(1 - a);
  const z = a - 1;
  let x = g[0];
  for (let i = 1; i < 9; i++) x += g[i] / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(x);
}
