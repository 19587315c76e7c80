// The pure pieces of bench:backend: CPU share over a window from /proc samples, and the quantile rule.
import { describe, expect, it } from 'vitest';
// @ts-expect-error a plain .mjs script without types
import { cpuShareBetween, histogramQuantileMs, quantileOf } from './bench-figures.mjs';

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

  it('bounds a quantile of a Prometheus histogram by its bucket, over the matching series summed', () => {
    const text = [
      '# HELP h_seconds x',
      'h_seconds_bucket{le="0.001",route="/a",status="201"} 50',
      'h_seconds_bucket{le="0.005",route="/a",status="201"} 90',
      'h_seconds_bucket{le="0.1",route="/a",status="201"} 99',
      'h_seconds_bucket{le="+Inf",route="/a",status="201"} 100',
      'h_seconds_bucket{le="0.001",route="/a",status="500"} 0',
      'h_seconds_bucket{le="0.005",route="/a",status="500"} 0',
      'h_seconds_bucket{le="0.1",route="/a",status="500"} 0',
      'h_seconds_bucket{le="+Inf",route="/a",status="500"} 100',
      'h_seconds_bucket{le="0.001",route="/b",status="201"} 7',
      'h_seconds_bucket{le="+Inf",route="/b",status="201"} 7',
    ].join('\n');
    expect(histogramQuantileMs(text, 'h_seconds', { route: '/a', status: '201' }, 0.5)).toBe(1);
    expect(histogramQuantileMs(text, 'h_seconds', { route: '/a', status: '201' }, 0.9)).toBe(5);
    expect(histogramQuantileMs(text, 'h_seconds', { route: '/a', status: '201' }, 0.99)).toBe(100);
    expect(histogramQuantileMs(text, 'h_seconds', { route: '/a', status: '201' }, 1)).toBe(Infinity);
    // both statuses of /a: 200 observations, 90 within 5 ms, half of them past 0.1 s
    expect(histogramQuantileMs(text, 'h_seconds', { route: '/a' }, 0.45)).toBe(5);
    expect(histogramQuantileMs(text, 'h_seconds', { route: '/a' }, 0.5)).toBe(Infinity);
    expect(histogramQuantileMs(text, 'h_seconds', { route: '/c' }, 0.5)).toBeNull();
  });
});
