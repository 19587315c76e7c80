// Distribution specs: the normalised form every sampled quantity takes (times in seconds). The
// scenario loader produces them, the engine samples them, traces carry them. Imports nothing.

/**
 * A distribution as the simulator samples it (normalised from the YAML forms).
 * Times are seconds. `lognormal` is stored in log space (`mu`, `sigma` of the underlying normal);
 * the YAML forms (mean, cv) and (median, sigma) both normalise to it.
 */
export type DistributionSpec =
  | { kind: 'exponential'; mean: number }
  | { kind: 'lognormal'; mu: number; sigma: number }
  | { kind: 'gamma'; mean: number; cv: number }
  | { kind: 'uniform'; min: number; max: number }
  | { kind: 'fixed'; value: number }
  /** Resample one of `values` with equal probability. */
  | { kind: 'empirical'; values: number[] }
  /** Piecewise-linear inverse CDF through (p, value) points; p from 0 to 1 inclusive, increasing. */
  | { kind: 'quantiles'; points: Array<[p: number, value: number]> };
