// The pure pieces of bench:backend: CPU share over a window from /proc samples, and the quantile rule.
import { describe, expect, it } from 'vitest';
// @ts-expect-error a plain .mjs script without types
import { cpuShareBetween, quantileOf } from './bench-figures.mjs';

describe('bench:backend figures', () => {
  const samples = [{ atMs: 0, cpuSec: 0 }, { atMs: 1000, cpuSec: 0.2 }, { atMs: 2000, cpuSec: 1.2 }, { atMs: 3000, cpuSec: 1.4 }];

  it('takes the CPU share over a window, interpolating its ends between samples', () => {
    expect(cpuShareBetween(samples, 0, 3000)).toBeCloseTo(1.4 / 3, 12);
    expect(cpuShareBetween(samples, 1000, 2000)).toBeCloseTo(1, 12);
    // 500 → 0.1, 2500 → 1.3: 1.2 CPU s over 2 s
    expect(cpuShareBetween(samples, 500, 2500)).toBeCloseTo(0.6, 12);
  });

  it('says null for a window the samples do not cover, or an empty one', () => {
    expect(cpuShareBetween(samples, -1, 1000)).toBeNull();
    expect(cpuShareBetween(samples, 0, 3001)).toBeNull();
    expect(cpuShareBetween(samples, 1000, 1000)).toBeNull();
    expect(cpuShareBetween(samples.slice(0, 1), 0, 0)).toBeNull();
  });

  it('reports the quantile at index ⌊p·n⌋, rounded to 0.01', () => {
    expect(quantileOf([], 0.5)).toBeNull();
    expect(quantileOf([1, 2, 3, 4], 0.5)).toBe(3);
    expect(quantileOf([1, 2, 3, 4], 0.99)).toBe(4);
    expect(quantileOf([1.234, 5], 1)).toBe(5);
    expect(quantileOf([1.234], 0)).toBe(1.23);
  });
});
