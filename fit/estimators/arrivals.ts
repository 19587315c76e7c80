// Arrival rates from counts: the mean count per interval of the day over the days of one day type,
// and the day-to-day overdispersion beyond Poisson (the cv of a daily multiplier, `dailyCv`) by the
// method of moments. Pure functions; imports nothing.

/** z of a two-sided 95 % interval. */
const Z95 = 1.959964;

/** The rate of one interval of the day. */
export interface IntervalRate {
  /** Mean arrivals per second in the interval. */
  ratePerSec: number;
  /** 95 % interval of the rate, from the variance of the daily counts (overdispersion included). */
  lowPerSec: number;
  highPerSec: number;
}

/**
 * Mean rate of each interval over days: `counts[d][i]` arrivals on day d in interval i of
 * `intervalSec` seconds. The interval uses the sample variance of the counts across days (at least
 * the Poisson variance, the mean), so day-to-day variation widens it.
 * @example intervalRates([[2, 0], [4, 0]], 3600)[0].ratePerSec // 3 / 3600
 */
export function intervalRates(counts: readonly (readonly number[])[], intervalSec: number): IntervalRate[] {
  const days = counts.length;
  const width = days === 0 ? 0 : counts[0].length;
  const out: IntervalRate[] = [];
  for (let i = 0; i < width; i++) {
    const xs = counts.map((c) => c[i]);
    const { mean, variance } = meanVariance(xs);
    const se = Math.sqrt(Math.max(variance, mean) / Math.max(1, days));
    out.push({ ratePerSec: mean / intervalSec, lowPerSec: Math.max(0, mean - Z95 * se) / intervalSec, highPerSec: (mean + Z95 * se) / intervalSec });
  }
  return out;
}

/** The day-to-day overdispersion of daily totals. */
export interface DailyCv {
  /** cv of a gamma(mean 1) multiplier per day: √max(0, (s² − m) / m²); 0 = Poisson explains it all. */
  cv: number;
  /** Days behind it and their mean total. */
  days: number;
  meanPerDay: number;
  /** Sample variance of the daily totals. */
  variance: number;
}

/**
 * The overdispersion of daily totals beyond Poisson. If a day's rate is the profile times a
 * multiplier M (mean 1, cv c), the daily total N has mean m and variance m + c²m², so
 * `c² = (s² − m) / m²` (method of moments, 0 when the totals vary less than Poisson).
 * @example dailyCv([90, 110, 100, 140, 60]).cv // √((850 − 100) / 100²) ≈ 0.274
 */
export function dailyCv(totals: readonly number[]): DailyCv {
  const { mean, variance } = meanVariance(totals);
  const cv2 = totals.length < 2 || mean <= 0 ? 0 : Math.max(0, (variance - mean) / (mean * mean));
  return { cv: Math.sqrt(cv2), days: totals.length, meanPerDay: mean, variance };
}

/**
 * Daily cvs of several day types pooled into one (the model draws one multiplier per day, whatever
 * its type): c² averaged with weights days − 1, the degrees of freedom of each variance.
 * @example pooledDailyCv([dailyCv([90, 110]), dailyCv([10, 30, 20])])
 */
export function pooledDailyCv(parts: readonly DailyCv[]): number {
  let num = 0;
  let den = 0;
  for (const p of parts) {
    if (p.days < 2) continue;
    num += (p.days - 1) * p.cv * p.cv;
    den += p.days - 1;
  }
  return den === 0 ? 0 : Math.sqrt(num / den);
}

/** Mean and sample variance (n − 1) by Welford's method; variance 0 for fewer than two values. */
export function meanVariance(xs: readonly number[]): { mean: number; variance: number } {
  let mean = 0;
  let m2 = 0;
  let n = 0;
  for (const x of xs) {
    n++;
    const d = x - mean;
    mean += d / n;
    m2 += d * (x - mean);
  }
  return { mean, variance: n > 1 ? m2 / (n - 1) : 0 };
}
