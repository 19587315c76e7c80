import { describe, expect, it } from 'vitest';
import { RandomStreams, replicationSeed, stream } from './random.js';
import { sampler, lognormalFromMeanCv, PairedNormals } from './distributions.js';
import { mean, sampleStandardDeviation } from 'simple-statistics';

function draws(rng: () => number, n: number): number[] {
  return Array.from({ length: n }, () => rng());
}

describe('random streams', () => {
  it('replays the same stream for the same seed and name', () => {
    expect(draws(stream('42', 'arrivals:presales'), 5)).toEqual(draws(stream('42', 'arrivals:presales'), 5));
  });
  it('gives different streams for different names, seeds and replications', () => {
    const a = draws(stream('42', 'arrivals:presales'), 3);
    expect(draws(stream('42', 'arrivals:aftersales'), 3)).not.toEqual(a);
    expect(draws(stream('43', 'arrivals:presales'), 3)).not.toEqual(a);
    expect(draws(stream(replicationSeed('42', 2), 'arrivals:presales'), 3)).not.toEqual(
      draws(stream(replicationSeed('42', 1), 'arrivals:presales'), 3));
    expect(replicationSeed('42', 3)).toBe('42/rep-3');
  });
  it('keeps streams independent of the order they are used in', () => {
    const s1 = new RandomStreams('7');
    const x1 = draws(s1.get('a'), 3);
    draws(s1.get('b'), 100);
    const x2 = draws(s1.get('a'), 3);
    const s2 = new RandomStreams('7');
    expect(draws(s2.get('a'), 6)).toEqual([...x1, ...x2]);
  });
  it('draws 53-bit doubles strictly inside (0, 1)', () => {
    const r = stream('bits', 'x');
    let fine = 0;
    for (let i = 0; i < 100000; i++) {
      const u = r();
      expect(u > 0 && u < 1).toBe(true);
      if (u * 2 ** 32 !== Math.floor(u * 2 ** 32)) fine++;
    }
    expect(fine).toBeGreaterThan(99000); // more than 32 bits of resolution
  });
});

describe('distributions', () => {
  const N = 200000;
  // The sample mean must be within 4.5 standard errors of the true mean (false alarm ~ 1e-5).
  function checkMean(spec: Parameters<typeof sampler>[0], trueMean: number, trueSd: number) {
    const s = sampler(spec);
    expect(s.mean).toBeCloseTo(trueMean, 9);
    const rng = stream('dist', JSON.stringify(spec));
    const xs = Array.from({ length: N }, () => s.sample(rng));
    expect(Math.abs(mean(xs) - trueMean)).toBeLessThan(4.5 * trueSd / Math.sqrt(N));
    if (trueSd > 0) expect(sampleStandardDeviation(xs) / trueSd).toBeGreaterThan(0.95);
    return xs;
  }
  it('exponential(mean)', () => { checkMean({ kind: 'exponential', mean: 90 }, 90, 90); });
  it('lognormal(mean, cv)', () => {
    const { mu, sigma } = lognormalFromMeanCv(20, 0.5);
    checkMean({ kind: 'lognormal', mu, sigma }, 20, 10);
  });
  it('gamma(mean, cv) including cv > 1', () => {
    checkMean({ kind: 'gamma', mean: 1, cv: 0.2 }, 1, 0.2);
    checkMean({ kind: 'gamma', mean: 50, cv: 1.5 }, 50, 75);
  });
  it('uniform(min, max)', () => { checkMean({ kind: 'uniform', min: 2, max: 8 }, 5, 6 / Math.sqrt(12)); });
  it('fixed draws nothing', () => {
    const s = sampler({ kind: 'fixed', value: 30 });
    expect(s.constant).toBe(true);
    expect(s.sample(() => { throw new Error('drew'); })).toBe(30);
  });
  it('empirical values and quantile tables', () => {
    const xs = checkMean({ kind: 'empirical', values: [1, 2, 3, 10] }, 4, Math.sqrt(((9 + 4 + 1 + 36) / 4)));
    expect(new Set(xs)).toEqual(new Set([1, 2, 3, 10]));
    const q = checkMean({ kind: 'quantiles', points: [[0, 0], [0.5, 10], [1, 30]] }, 0.5 * 5 + 0.5 * 20, Math.sqrt(0.5 * (100 / 3) + 0.5 * (100 + 300 + 900) / 3 - 12.5 ** 2));
    expect(q.reduce((a, b) => Math.min(a, b))).toBeGreaterThanOrEqual(0);
    expect(q.reduce((a, b) => Math.max(a, b))).toBeLessThanOrEqual(30);
  });
});

describe('paired normals (lognormal draws)', () => {
  const N = 200000;
  it('are standard normal: mean, variance and tail shares within their sampling error', () => {
    const p = new PairedNormals();
    const rng = stream('normals', 'moments');
    const zs = Array.from({ length: N }, () => p.draw(rng));
    // mean within 4.5 standard errors; variance of N(0,1) draws has sd sqrt(2/N)
    expect(Math.abs(mean(zs))).toBeLessThan(4.5 / Math.sqrt(N));
    const v = zs.reduce((a, z) => a + z * z, 0) / N;
    expect(Math.abs(v - 1)).toBeLessThan(4.5 * Math.sqrt(2 / N));
    // P(|Z| > 1.96) = 0.05 and P(Z > 2.576) = 0.005, each within 4.5 binomial standard errors
    const share = (pred: (z: number) => boolean, q: number) => {
      const k = zs.filter(pred).length / N;
      expect(Math.abs(k - q)).toBeLessThan(4.5 * Math.sqrt(q * (1 - q) / N));
    };
    share((z) => Math.abs(z) > 1.959964, 0.05);
    share((z) => z > 2.575829, 0.005);
    // consecutive draws (the two halves of a pair, and across pairs) are uncorrelated
    let c = 0;
    for (let i = 1; i < N; i++) c += zs[i] * zs[i - 1];
    expect(Math.abs(c / (N - 1))).toBeLessThan(4.5 / Math.sqrt(N));
  });

  it('never hands one stream the spare of another: a stream yields the same draws however calls interleave', () => {
    const alone = new PairedNormals();
    const a1 = stream('7', 'a');
    const want = Array.from({ length: 9 }, () => alone.draw(a1));
    const shared = new PairedNormals();
    const a2 = stream('7', 'a');
    const b = stream('7', 'b');
    const c = stream('7', 'c');
    const got: number[] = [];
    for (let i = 0; i < 9; i++) {
      got.push(shared.draw(a2));
      for (let k = 0; k <= i % 3; k++) shared.draw(i % 2 === 0 ? b : c);
    }
    expect(got).toEqual(want);
  });

  it('lognormal(median, sigma) puts half its draws below the median', () => {
    const s = sampler({ kind: 'lognormal', mu: Math.log(30), sigma: 0.8 });
    const rng = stream('normals', 'median');
    const below = Array.from({ length: N }, () => s.sample(rng)).filter((x) => x < 30).length / N;
    expect(Math.abs(below - 0.5)).toBeLessThan(4.5 * Math.sqrt(0.25 / N));
  });
});
