// Staffing that follows the day's volume: each day fields count × m^elasticity agents on average
// (m the day's drawn volume multiplier), so busy days get more agents; elasticity 0 is the plain
// roster; a trace header, which cannot hold the day's draw, refuses it (api/trace.test.ts: writing one).

import { describe, expect, it } from 'vitest';
import { agents, expo, group, scenario } from '../test-helpers/scenario.js';
import { ArrayRecorder } from '../../core/records.js';
import { encodeRecord } from '../../core/records-codec.js';
import { decodeScenarioJson, encodeDeep } from '../../core/scenario-json.js';
import type { Scenario } from '../../core/scenario.js';
import { simulate } from './contact-centre.js';
import { spansOnDays } from './follows-volume.js';

const H = 3600;
const DAYS = 80;
const Z = 3.29;

const following = (elasticity: number): Scenario => scenario({
  days: DAYS,
  drainSec: 0,
  groups: [group('g', 0, {
    arrivals: { windows: [{ fromSec: 8 * H, toSec: 18 * H, ratePerSec: 100 / H }], promos: [], dailyCv: 0.4 },
    patience: expo(120), rounds: { kind: 'fixed', value: 2 }, thinkTime: expo(150),
  })],
  agents: [agents('team', 5, ['g'], { shifts: [{ startSec: 8 * H, endSec: 18 * H }], followsVolume: { groups: ['g'], elasticity, max: 14 } })],
});

function byDay(s: Scenario) {
  const rec = new ArrayRecorder();
  simulate(s, { seed: 'follow/rep-1', recorder: rec });
  const arrivals = new Array<number>(DAYS).fill(0);
  for (const r of rec.records) arrivals[Math.floor(r.arrivalAt / 86400)]++;
  const onDay = Array.from({ length: DAYS }, () => new Set<number>());
  for (const x of rec.samples) if (x.online) onDay[Math.floor(x.at / 86400)].add(x.agentIndex);
  return { rec, arrivals, agents: onDay.map((set) => set.size) };
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
function correlation(xs: number[], ys: number[]): number {
  const mx = mean(xs);
  const my = mean(ys);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  xs.forEach((x, i) => { sxy += (x - mx) * (ys[i] - my); sxx += (x - mx) ** 2; syy += (ys[i] - my) ** 2; });
  return sxy / Math.sqrt(sxx * syy);
}

describe('staffing that follows the day\'s volume', () => {
  it('fields count × m agents on average at elasticity 1, more on busier days', () => {
    const { arrivals, agents: perDay } = byDay(following(1));
    // E[5 · m + u rounded down] = 5 (m of mean 1); sd of 5 · m is 5 · 0.4 = 2 (plus rounding)
    expect(Math.abs(mean(perDay) - 5)).toBeLessThan(Z * Math.sqrt(4 + 1 / 12) / Math.sqrt(DAYS));
    // a day's arrivals are Poisson about 1000 · m, its agents 5 · m rounded: nearly in step
    expect(correlation(arrivals, perDay)).toBeGreaterThan(0.8);
    expect(Math.max(...perDay)).toBeLessThanOrEqual(14);
  });

  it('at elasticity 0 is the plain roster: the same conversations as without it', () => {
    const plain = following(0);
    const without: Scenario = { ...plain, agents: [{ ...plain.agents[0], followsVolume: undefined }] };
    const a = byDay(plain);
    const b = byDay(without);
    expect(a.agents.every((n) => n === 5)).toBe(true);
    expect(a.rec.records.map((r) => JSON.stringify(encodeRecord(r)))).toEqual(b.rec.records.map((r) => JSON.stringify(encodeRecord(r))));
  });

  it('cuts an agent\'s spans to the days it works, across midnight', () => {
    const D = 86400;
    expect(spansOnDays([[0.5 * D, 2.5 * D]], (d) => d !== 1)).toEqual([[0.5 * D, D], [2 * D, 2.5 * D]]);
    expect(spansOnDays([[0.5 * D, 2.5 * D]], () => true)).toEqual([[0.5 * D, 2.5 * D]]);
  });

  it('is refused by a trace header (a trace does not hold the agents each day drew)', () => {
    expect(() => decodeScenarioJson(encodeDeep(following(1)))).toThrow(/followsVolume\) is simulator-only/);
  });
});
