import { describe, expect, it } from 'vitest';
import { quantileSorted, quantilesInPlace, studentTUpperTail, tQuantile } from './quantile.js';
import { stream } from '../../sim/engine/random.js';

describe('quantileSorted (type 7)', () => {
  it('interpolates between order statistics like numpy', () => {
    const four = Float64Array.of(1, 2, 3, 4);
    expect(quantileSorted(four, 0.5)).toBe(2.5); // h = 1.5
    expect(quantileSorted(four, 0.9)).toBeCloseTo(3.7, 14); // h = 2.7
    expect(quantileSorted(four, 0)).toBe(1);
    expect(quantileSorted(four, 1)).toBe(4);
    const five = Float64Array.of(10, 20, 30, 40, 50);
    expect(quantileSorted(five, 0.5)).toBe(30); // h = 2 exactly
    expect(quantileSorted(five, 0.95)).toBeCloseTo(48, 12); // h = 3.8
    expect(quantileSorted(five, 0.99)).toBeCloseTo(49.6, 12); // h = 3.96
    expect(quantileSorted(five, 0.25)).toBe(20); // h = 1
    expect(quantileSorted([7], 0.99)).toBe(7);
  });
  it('gives NaN for no values or a probability outside [0, 1]', () => {
    expect(quantileSorted(new Float64Array(0), 0.5)).toBeNaN();
    expect(quantileSorted([1, 2], 1.5)).toBeNaN();
    expect(quantileSorted([1, 2], NaN)).toBeNaN();
  });
});

describe('quantilesInPlace (selection)', () => {
  const ps = [0, 0.01, 0.5, 0.9, 0.95, 0.99, 1];
  /** What sorting gives, for comparison. */
  const bySort = (values: Float64Array) => {
    const sorted = values.slice().sort();
    return ps.map((p) => quantileSorted(sorted, p));
  };

  it('gives exactly what sorting gives, on random, tied, sorted and reversed inputs of every size', () => {
    const rng = stream('quantiles', 'test');
    const shapes: Array<(n: number) => Float64Array> = [
      (n) => Float64Array.from({ length: n }, () => -Math.log(rng()) * 20),
      // mostly zeros, like FRTs of agents who take chats at once, with a tail
      (n) => Float64Array.from({ length: n }, () => (rng() < 0.9 ? 0 : Math.floor(rng() * 5))),
      (n) => Float64Array.from({ length: n }, (_, i) => i),
      (n) => Float64Array.from({ length: n }, (_, i) => n - i),
      (n) => new Float64Array(n).fill(7),
      // organ pipe: a classic bad case for median-of-three pivots
      (n) => Float64Array.from({ length: n }, (_, i) => Math.min(i, n - i)),
    ];
    for (const shape of shapes) {
      for (const n of [1, 2, 3, 5, 16, 17, 18, 100, 1001, 20_000]) {
        const values = shape(n);
        const expected = bySort(values);
        const work = values.slice();
        expect(quantilesInPlace(work, ps)).toEqual(expected);
        // still a permutation of the values
        expect(work.slice().sort()).toEqual(values.slice().sort());
      }
    }
  });

  it('gives NaN without values and refuses probabilities out of order', () => {
    expect(quantilesInPlace(new Float64Array(0), [0.5, 0.9])).toEqual([NaN, NaN]);
    expect(() => quantilesInPlace(Float64Array.of(1, 2), [0.9, 0.5])).toThrow(/ascend/);
  });
});

describe('tQuantile', () => {
  it('matches the t table at 0.975', () => {
    const table: Array<[number, number]> = [
      [1, 12.706], [2, 4.303], [4, 2.776], [9, 2.262], [19, 2.093], [29, 2.045], [100, 1.984], [1e6, 1.96], [Infinity, 1.96],
    ];
    for (const [df, t] of table) expect(tQuantile(0.975, df), `df ${df}`).toBeCloseTo(t, 3);
  });
  it('matches closed forms and known values to many digits', () => {
    const p = 0.975;
    expect(tQuantile(p, 1)).toBeCloseTo(Math.tan(Math.PI * (p - 0.5)), 9); // Cauchy
    expect(tQuantile(p, 2)).toBeCloseTo((2 * p - 1) / Math.sqrt(2 * p * (1 - p)), 11);
    expect(tQuantile(0.995, 2)).toBeCloseTo(0.99 / Math.sqrt(2 * 0.995 * 0.005), 10);
    expect(tQuantile(p, 3)).toBeCloseTo(3.182446305284263, 10);
    expect(tQuantile(p, Infinity)).toBeCloseTo(1.959963984540054, 10);
    expect(tQuantile(0.995, Infinity)).toBeCloseTo(2.5758293035489, 10);
    // Past the switch to the Cornish–Fisher expansion it stays continuous.
    expect(tQuantile(p, 1e5 + 1)).toBeCloseTo(tQuantile(p, 1e5), 9);
    expect(tQuantile(p, 1e6)).toBeCloseTo(1.959963984540054 + 2.3722 / 1e6, 9);
  });
  it('inverts the upper tail, is symmetric and rejects bad input', () => {
    for (const df of [1, 2.5, 7, 30, 500]) {
      for (const q of [0.6, 0.9, 0.975, 0.999]) {
        expect(studentTUpperTail(tQuantile(q, df), df)).toBeCloseTo(1 - q, 12);
      }
    }
    expect(tQuantile(0.025, 9)).toBe(-tQuantile(0.975, 9));
    expect(tQuantile(0.5, 4)).toBe(0);
    expect(tQuantile(0, 4)).toBeNaN();
    expect(tQuantile(1, 4)).toBeNaN();
    expect(tQuantile(0.9, 0)).toBeNaN();
  });
});
