// Samplers for the distributions scenarios name, with parameters as people think of them (mean and
// cv, median and sigma). Pure functions of the stream passed in; must not import sim/model.

import type { DistributionSpec } from '../../core/scenario.js';
import type { Rng } from './random.js';

/** A distribution that can be sampled from a stream. */
export interface Sampler {
  /** One draw, using as many uniforms from `rng` as the method needs (none for `fixed`). */
  sample(rng: Rng): number;
  /** The distribution's mean (seconds for durations). */
  readonly mean: number;
  /** True when `sample` never draws from the stream. */
  readonly constant: boolean;
}

/** A standard normal draw (Box–Muller, one value per two uniforms; no cached state). */
export function standardNormal(rng: Rng): number {
  const u1 = rng();
  const u2 = rng();
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

/** A gamma(shape, 1) draw (Marsaglia & Tsang 2000; shape < 1 boosted by U^(1/shape)). */
export function standardGamma(shape: number, rng: Rng): number {
  if (shape < 1) {
    const g = standardGamma(shape + 1, rng);
    return g * Math.pow(rng(), 1 / shape);
  }
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = standardNormal(rng);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = rng();
    if (u < 1 - 0.0331 * x * x * x * x) return d * v;
    if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

class Fixed implements Sampler {
  readonly constant = true;
  constructor(readonly value: number) {}
  get mean(): number { return this.value; }
  sample(): number { return this.value; }
}

class Exponential implements Sampler {
  readonly constant = false;
  constructor(readonly mean: number) {}
  sample(rng: Rng): number { return -Math.log(1 - rng()) * this.mean; }
}

/**
 * Standard normals two at a time (Marsaglia's polar method: no trigonometry, 1.27 pairs of
 * uniforms per pair of normals), the second of each pair kept for the next draw *from the same
 * stream*: a spare is never handed to another stream, so what one stream yields depends only on
 * the calls made on it (streams stay independent). One inline slot for the first stream seen, a
 * map for any other (the model draws each distribution from one or two streams).
 */
export class PairedNormals {
  private rng0: Rng | null = null;
  private spare0 = 0;
  private has0 = false;
  private others: Map<Rng, number> | null = null;
  private second = 0;

  /** One standard normal draw from `rng`. */
  draw(rng: Rng): number {
    if (rng === this.rng0 || this.rng0 === null) {
      this.rng0 = rng;
      if (this.has0) {
        this.has0 = false;
        return this.spare0;
      }
      const z = this.pair(rng);
      this.spare0 = this.second;
      this.has0 = true;
      return z;
    }
    const others = (this.others ??= new Map());
    const spare = others.get(rng);
    if (spare !== undefined) {
      others.delete(rng);
      return spare;
    }
    const z = this.pair(rng);
    others.set(rng, this.second);
    return z;
  }

  /** A fresh pair: returns the first, leaves the second in `second`. */
  private pair(rng: Rng): number {
    let u: number;
    let v: number;
    let s: number;
    do {
      u = 2 * rng() - 1;
      v = 2 * rng() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const m = Math.sqrt((-2 * Math.log(s)) / s);
    this.second = v * m;
    return u * m;
  }
}

class Lognormal implements Sampler {
  readonly constant = false;
  readonly mean: number;
  private readonly normals = new PairedNormals();
  constructor(readonly mu: number, readonly sigma: number) {
    this.mean = Math.exp(mu + (sigma * sigma) / 2);
  }
  sample(rng: Rng): number { return Math.exp(this.mu + this.sigma * this.normals.draw(rng)); }
}

class Gamma implements Sampler {
  readonly constant = false;
  private readonly shape: number;
  private readonly scale: number;
  constructor(readonly mean: number, cv: number) {
    this.shape = 1 / (cv * cv);
    this.scale = mean * cv * cv;
  }
  sample(rng: Rng): number { return standardGamma(this.shape, rng) * this.scale; }
}

class Uniform implements Sampler {
  readonly constant = false;
  readonly mean: number;
  constructor(readonly min: number, readonly max: number) { this.mean = (min + max) / 2; }
  sample(rng: Rng): number { return this.min + (this.max - this.min) * rng(); }
}

class Empirical implements Sampler {
  readonly constant = false;
  readonly mean: number;
  private readonly values: Float64Array;
  constructor(values: readonly number[]) {
    this.values = Float64Array.from(values);
    this.mean = values.reduce((a, b) => a + b, 0) / values.length;
  }
  sample(rng: Rng): number { return this.values[Math.floor(rng() * this.values.length)]; }
}

/** Piecewise-linear inverse CDF through (p, value) points. */
class QuantileTable implements Sampler {
  readonly constant = false;
  readonly mean: number;
  private readonly ps: Float64Array;
  private readonly vs: Float64Array;
  constructor(points: ReadonlyArray<readonly [number, number]>) {
    this.ps = Float64Array.from(points.map((p) => p[0]));
    this.vs = Float64Array.from(points.map((p) => p[1]));
    let m = 0;
    for (let i = 1; i < points.length; i++) m += (this.ps[i] - this.ps[i - 1]) * (this.vs[i] + this.vs[i - 1]) / 2;
    this.mean = m;
  }
  sample(rng: Rng): number {
    const u = rng();
    const ps = this.ps;
    let lo = 0;
    let hi = ps.length - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (ps[mid] <= u) lo = mid; else hi = mid;
    }
    const span = ps[hi] - ps[lo];
    return span > 0 ? this.vs[lo] + ((u - ps[lo]) / span) * (this.vs[hi] - this.vs[lo]) : this.vs[hi];
  }
}

/**
 * Builds the sampler of a normalised distribution.
 * @example sampler({ kind: 'exponential', mean: 90 }).sample(rng) // seconds
 */
export function sampler(spec: DistributionSpec): Sampler {
  switch (spec.kind) {
    case 'fixed': return new Fixed(spec.value);
    case 'exponential': return new Exponential(spec.mean);
    case 'lognormal': return new Lognormal(spec.mu, spec.sigma);
    case 'gamma': return new Gamma(spec.mean, spec.cv);
    case 'uniform': return new Uniform(spec.min, spec.max);
    case 'empirical': return new Empirical(spec.values);
    case 'quantiles': return new QuantileTable(spec.points);
  }
}

/** Lognormal parameters from a mean and coefficient of variation. */
export function lognormalFromMeanCv(mean: number, cv: number): { mu: number; sigma: number } {
  const s2 = Math.log(1 + cv * cv);
  return { mu: Math.log(mean) - s2 / 2, sigma: Math.sqrt(s2) };
}
