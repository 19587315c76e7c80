// Tests of the Erlang C / Erlang A formulas: published worked examples, an independent birth–death chain
// computation, limits (θ → 0), large n, monotonicity and input errors.

import { describe, expect, it } from 'vitest';
import { erlangA, erlangB, erlangC, ErlangInputError, logInverseErlangB, type ErlangResult } from './erlang.js';

/** Agreement demanded between the formulas and the exact chain. */
const CHAIN_TOLERANCE = 1e-8;

/** What the exact chain gives; times in seconds. */
interface ChainResult {
  pWait: number;
  pAbandon: number;
  meanWait: number;
  meanWaitQueued: number;
  serviceLevel: number;
}

/**
 * The M/M/n+M queue solved directly: the stationary law of the birth–death chain (birth λ, death
 * min(k, n)μ + max(k − n, 0)θ) truncated where negligible, and SL(T) from the tagged customer's phase
 * process (i ahead: advance at nμ + iθ, leave at θ) by uniformisation. θ = 0 gives M/M/n (Erlang C).
 */
function chain(ratePerSec: number, ahtSec: number, n: number, patienceSec: number, slTimeSec: number): ChainResult {
  const mu = 1 / ahtSec;
  const theta = Number.isFinite(patienceSec) ? 1 / patienceSec : 0;
  const logPi = [0];
  let maxLog = 0;
  for (let k = 1; ; k++) {
    const death = Math.min(k, n) * mu + Math.max(k - n, 0) * theta;
    const v = logPi[k - 1] + Math.log(ratePerSec / death);
    logPi.push(v);
    maxLog = Math.max(maxLog, v);
    if (k > n && v < maxLog - 50 && v < logPi[k - 1]) break;
  }
  const weights = logPi.map((v) => Math.exp(v - maxLog));
  const total = weights.reduce((s, w) => s + w, 0);
  const pi = weights.map((w) => w / total);
  const top = pi.length - 1;

  let pWait = 0;
  let queue = 0;
  for (let k = n; k <= top; k++) {
    pWait += pi[k];
    queue += (k - n) * pi[k];
  }
  const meanWait = queue / ratePerSec;

  // P(served within T | i ahead), i = 0..top − n, by uniformisation.
  const maxAhead = top - n;
  const rate = n * mu + (maxAhead + 1) * theta;
  const served = new Float64Array(maxAhead + 1); // Σ_m Poisson(m) · w_m
  let w = new Float64Array(maxAhead + 1); // P(served within m uniformised steps | i ahead)
  const mean = rate * slTimeSec;
  let logP = -mean;
  for (let m = 0; ; m++) {
    if (m > 0) {
      logP += Math.log(mean / m);
      const next = new Float64Array(maxAhead + 1);
      for (let i = 0; i <= maxAhead; i++) {
        const advance = n * mu + i * theta;
        const stay = rate - advance - theta;
        next[i] = (advance / rate) * (i === 0 ? 1 : w[i - 1]) + (stay / rate) * w[i];
      }
      w = next;
    }
    const p = Math.exp(logP);
    for (let i = 0; i <= maxAhead; i++) served[i] += p * w[i];
    if (mean === 0 || (m > mean && p < 1e-20)) break; // the Poisson tail beyond is smaller still
  }
  let serviceLevel = 1 - pWait;
  for (let k = n; k <= top; k++) serviceLevel += pi[k] * served[k - n];

  return {
    pWait,
    pAbandon: (theta * queue) / ratePerSec,
    meanWait,
    meanWaitQueued: meanWait / pWait,
    serviceLevel,
  };
}

function expectMatchesChain(r: ErlangResult, c: ChainResult): void {
  expect(Math.abs(r.pWait - c.pWait)).toBeLessThan(CHAIN_TOLERANCE);
  expect(Math.abs(r.pAbandon - c.pAbandon)).toBeLessThan(CHAIN_TOLERANCE);
  expect(Math.abs(r.serviceLevel - c.serviceLevel)).toBeLessThan(CHAIN_TOLERANCE);
  expect(Math.abs(r.meanWait - c.meanWait)).toBeLessThan(CHAIN_TOLERANCE * Math.max(1, c.meanWait));
  expect(Math.abs(r.meanWaitQueued - c.meanWaitQueued)).toBeLessThan(CHAIN_TOLERANCE * Math.max(1, c.meanWaitQueued));
}

function expectFiniteResult(r: ErlangResult): void {
  for (const key of ['pWait', 'meanWait', 'meanWaitQueued', 'pAbandon', 'serviceLevel', 'occupancy'] as const) {
    expect(Number.isFinite(r[key]), key).toBe(true);
    expect(r[key], key).toBeGreaterThanOrEqual(0);
  }
  for (const key of ['pWait', 'pAbandon', 'serviceLevel', 'occupancy'] as const) expect(r[key], key).toBeLessThanOrEqual(1);
}

describe('erlangB', () => {
  it('matches the direct sum and survives huge n with tiny load', () => {
    const direct = (k: number, a: number): number => {
      let term = 1;
      let sum = 1;
      for (let j = 1; j <= k; j++) {
        term *= a / j;
        sum += term;
      }
      return term / sum;
    };
    for (const [k, a] of [[1, 1], [5, 2], [14, 10], [55, 48], [30, 30]]) {
      expect(erlangB(k, a)).toBeCloseTo(direct(k, a), 13);
    }
    expect(logInverseErlangB(1, 1)).toBeCloseTo(Math.log(2), 15);
    // 1/B(5000, 0.01) ≈ 5000!/0.01^5000: its log is finite although the value is not.
    const l = logInverseErlangB(5000, 0.01);
    expect(Number.isFinite(l)).toBe(true);
    expect(l).toBeGreaterThan(5000 * Math.log(100));
  });
});

describe('erlangC', () => {
  it('matches the Call Centre Helper worked example (100 calls / 30 min, AHT 180 s, 14 agents)', () => {
    // Published figures, also pinned by pyworkforce (rodrigo-arenas/pyworkforce,
    // pyworkforce/queuing/tests/test_erlang.py, asa 0.33 min): P(wait) 0.174, SL 0.888, occupancy 0.714.
    const r = erlangC({ ratePerSec: 100 / 1800, ahtSec: 180, servers: 14, slTimeSec: 0.33 * 60 });
    expect(r.offeredLoad).toBeCloseTo(10, 12);
    expect(r.pWait).toBeCloseTo(0.1741, 4);
    expect(r.serviceLevel).toBeCloseTo(0.888, 3);
    expect(r.occupancy).toBeCloseTo(0.714, 3);
    expect(r.meanWait).toBeCloseTo(0.1741 * 180 / 4, 1); // ASA = C·AHT/(n − a) ≈ 7.8 s
  });

  it('matches the classic 360 calls per half hour, AHT 4 min, 55 agents example', () => {
    // a = 48 Erlangs; P(wait) 23.87 %, SL(20 s) 86.7 %, ASA 8.18 s.
    const r = erlangC({ ratePerSec: 360 / 1800, ahtSec: 240, servers: 55, slTimeSec: 20 });
    expect(r.offeredLoad).toBeCloseTo(48, 12);
    expect(r.pWait).toBeCloseTo(0.2387, 4);
    expect(r.serviceLevel).toBeCloseTo(0.8668, 4);
    expect(r.meanWait).toBeCloseTo(8.184, 3);
    expect(r.meanWaitQueued).toBeCloseTo(240 / 7, 10);
  });

  it('agrees with the exact M/M/n chain', () => {
    for (const [rate, aht, n, t] of [[100 / 1800, 180, 14, 20], [360 / 1800, 240, 55, 20], [0.9, 100, 100, 30], [0.004, 200, 1, 60]]) {
      expectMatchesChain(erlangC({ ratePerSec: rate, ahtSec: aht, servers: n, slTimeSec: t }), chain(rate, aht, n, Infinity, t));
    }
  });

  it('reports an overloaded system as unstable', () => {
    for (const load of [1, 1.2]) {
      const r = erlangC({ ratePerSec: (load * 20) / 240, ahtSec: 240, servers: 20, slTimeSec: 20 });
      expect(r).toMatchObject({ stable: false, pWait: 1, meanWait: Infinity, meanWaitQueued: Infinity, serviceLevel: 0, occupancy: 1, pAbandon: 0 });
    }
  });

  it('stays finite for n = 5000 at 0.5n and 0.99n', () => {
    for (const load of [0.5, 0.99]) {
      const r = erlangC({ ratePerSec: (load * 5000) / 180, ahtSec: 180, servers: 5000, slTimeSec: 20 });
      expect(r.stable).toBe(true);
      expectFiniteResult(r);
    }
  });
});

describe('erlangA', () => {
  it('matches pyworkforce\'s exact M/M/n+M figures (100 / 30 min, AHT 3 min, patience 5 min, 14 agents)', () => {
    // rodrigo-arenas/pyworkforce, pyworkforce/queuing/tests/test_abandonment.py (exact chain):
    // P(wait) 0.14526, P(abandon) 0.013984, occupancy 0.704297, ASA 0.069919 min, SL(20 s) 0.916792.
    const r = erlangA({ ratePerSec: 100 / 1800, ahtSec: 180, servers: 14, patienceSec: 300, slTimeSec: 20 });
    expect(r.pWait).toBeCloseTo(0.14526, 5);
    expect(r.pAbandon).toBeCloseTo(0.013984, 6);
    expect(r.occupancy).toBeCloseTo(0.704297, 6);
    expect(r.meanWait / 60).toBeCloseTo(0.069919, 6);
    expect(r.serviceLevel).toBeCloseTo(0.916792, 6);
  });

  it('agrees with the exact birth–death chain to 1e-8', () => {
    const cases: [number, number, number, number, number][] = [
      [100 / 1800, 180, 14, 300, 20], // the pyworkforce case
      [0.1, 180, 14, 60, 20], // 29 % over capacity
      [0.05, 180, 3, 5, 2], // patience far shorter than service
      [0.02, 300, 1, 120, 10], // one server, six times overloaded
      [0.5, 240, 100, 90, 20], // 120 Erlangs on 100 servers
      [1, 240, 200, 45, 15], // 240 Erlangs on 200 servers
      [0.2, 60, 10, 1000, 30], // long patience, overloaded
      [0.3, 30, 12, 20, 0], // T = 0
      [0.01, 600, 8, 200, 3600], // light load, long T
      [0.5, 40, 25, 2000, 20], // near capacity, patient
    ];
    for (const [rate, aht, n, patience, t] of cases) {
      const r = erlangA({ ratePerSec: rate, ahtSec: aht, servers: n, patienceSec: patience, slTimeSec: t });
      expectMatchesChain(r, chain(rate, aht, n, patience, t));
      expect(r.pAbandon).toBeCloseTo(r.meanWait / patience, 14);
    }
  });

  it('approaches Erlang C as patience grows, with an error proportional to θ', () => {
    for (const [rate, aht, n] of [[100 / 1800, 180, 14], [360 / 1800, 240, 55], [0.9, 100, 100]]) {
      const c = erlangC({ ratePerSec: rate, ahtSec: aht, servers: n, slTimeSec: 20 });
      const gap = (patienceSec: number): number => {
        const a = erlangA({ ratePerSec: rate, ahtSec: aht, servers: n, patienceSec, slTimeSec: 20 });
        expect(a.pAbandon).toBeLessThan(1e3 / patienceSec);
        expect(Math.abs(a.pWait - c.pWait)).toBeLessThan(1e4 / patienceSec);
        expect(Math.abs(a.serviceLevel - c.serviceLevel)).toBeLessThan(1e4 / patienceSec);
        expect(Math.abs(a.meanWaitQueued / c.meanWaitQueued - 1)).toBeLessThan(1e4 / patienceSec);
        return a.meanWait / c.meanWait - 1;
      };
      // First order in θ: a 100 times longer patience leaves a 100 times smaller gap.
      expect(gap(1e8) / gap(1e10)).toBeCloseTo(100, 1);
      expect(Math.abs(gap(1e14))).toBeLessThan(1e-10);
    }
  });

  it('is stable above capacity and tends to the fluid limit there', () => {
    // n = 5000, a = 6000: a share (λ − nμ)/λ = 1/6 must abandon; waits ≈ patience · that share.
    const r = erlangA({ ratePerSec: 6000 / 180, ahtSec: 180, servers: 5000, patienceSec: 60, slTimeSec: 20 });
    expect(r.stable).toBe(true);
    expect(r.pAbandon).toBeCloseTo(1 / 6, 4);
    expect(r.meanWait).toBeCloseTo(10, 2);
    expect(r.occupancy).toBeCloseTo(1, 6);
  });

  it('stays finite for n = 5000 at 0.5n, 0.99n and 1.2n, and with extreme patience', () => {
    for (const load of [0.5, 0.99, 1.2]) {
      for (const patience of [1, 60, 1e7]) {
        const r = erlangA({ ratePerSec: (load * 5000) / 180, ahtSec: 180, servers: 5000, patienceSec: patience, slTimeSec: 20 });
        expectFiniteResult(r);
      }
    }
    expectFiniteResult(erlangA({ ratePerSec: 1e-4, ahtSec: 180, servers: 5000, patienceSec: 60, slTimeSec: 20 }));
  });
});

describe('monotonicity in servers', () => {
  it('more servers never raise pWait, meanWait or pAbandon, nor lower SL', () => {
    const rate = 0.5;
    const aht = 240; // 120 Erlangs
    let prevA: ErlangResult | undefined;
    let prevC: ErlangResult | undefined;
    for (let n = 60; n <= 180; n++) {
      const a = erlangA({ ratePerSec: rate, ahtSec: aht, servers: n, patienceSec: 90, slTimeSec: 20 });
      const c = erlangC({ ratePerSec: rate, ahtSec: aht, servers: n, slTimeSec: 20 });
      if (prevA) {
        expect(a.pWait).toBeLessThanOrEqual(prevA.pWait);
        expect(a.meanWait).toBeLessThanOrEqual(prevA.meanWait);
        expect(a.pAbandon).toBeLessThanOrEqual(prevA.pAbandon);
        expect(a.serviceLevel).toBeGreaterThanOrEqual(prevA.serviceLevel);
      }
      if (prevC) {
        expect(c.pWait).toBeLessThanOrEqual(prevC.pWait);
        expect(c.meanWait).toBeLessThanOrEqual(prevC.meanWait);
        expect(c.serviceLevel).toBeGreaterThanOrEqual(prevC.serviceLevel);
      }
      prevA = a;
      prevC = c;
    }
  });
});

describe('input errors', () => {
  const base = { ratePerSec: 0.1, ahtSec: 180, servers: 20, slTimeSec: 20 };
  it.each([
    [{ ...base, ratePerSec: 0 }, 'ratePerSec must be a positive finite number (got 0)'],
    [{ ...base, ratePerSec: Number.NaN }, 'ratePerSec must be a positive finite number (got NaN)'],
    [{ ...base, ahtSec: -1 }, 'ahtSec must be a positive finite number (got -1)'],
    [{ ...base, servers: 2.5 }, 'servers must be a whole number from 1 to 1000000 (got 2.5)'],
    [{ ...base, servers: 0 }, 'servers must be a whole number from 1 to 1000000 (got 0)'],
    [{ ...base, slTimeSec: Infinity }, 'slTimeSec must be a finite number ≥ 0 (got Infinity)'],
  ])('rejects %o', (input, message) => {
    expect(() => erlangC(input)).toThrow(ErlangInputError);
    expect(() => erlangC(input)).toThrow(message);
    expect(() => erlangA({ ...input, patienceSec: 60 })).toThrow(message);
  });
  it('rejects a missing or bad patience', () => {
    expect(() => erlangA({ ...base, patienceSec: 0 })).toThrow('patienceSec must be a positive finite number (got 0)');
    expect(() => erlangA({ ...base, patienceSec: Infinity })).toThrow(ErlangInputError);
  });
});
