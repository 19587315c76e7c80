// Retries after abandoning: a visitor who leaves the queue comes back `after` later as a new
// conversation of the same group, class and visitor; the share and the delay hold over seeds;
// first visits replay unchanged; retries stop at `max` and at the horizon.

import { describe, expect, it } from 'vitest';
import { agents, expo, fixed, group, scenario } from '../test-helpers/scenario.js';
import { runChecked } from '../test-helpers/run.js';
import type { ConversationRecord } from '../../core/records.js';
import type { Scenario, SkillGroup } from '../../core/scenario.js';

const H = 3600;
/** z of a two-sided 99 % interval. */
const Z99 = 2.576;

/** Nobody is ever online: every visitor abandons after their patience; arrivals stop at 20:00. */
const unstaffed = (retry?: SkillGroup['retry']): Scenario => scenario({
  groups: [group('g', 200, {
    arrivals: { windows: [{ fromSec: 0, toSec: 20 * H, ratePerSec: 200 / H }], promos: [], dailyCv: 0 },
    patience: expo(60),
    ...(retry ? { retry } : {}),
  })],
  agents: [agents('a', 1, ['g'], { shifts: [{ startSec: 23 * H, endSec: 24 * H }] })],
});

/** Each record's previous attempt (the same visitor's latest record before it), or undefined. */
function attempts(byId: readonly ConversationRecord[]) {
  const last = new Map<number, ConversationRecord>();
  const out: Array<{ r: ConversationRecord; before: ConversationRecord | undefined }> = [];
  for (const r of [...byId].sort((a, b) => a.arrivalAt - b.arrivalAt || a.id - b.id)) {
    const v = r.visitorId ?? -1;
    out.push({ r, before: last.get(v) });
    last.set(v, r);
  }
  return out;
}

const meanCi = (xs: readonly number[]) => {
  const m = xs.reduce((a, b) => a + b, 0) / xs.length;
  const sd = Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1));
  return { m, half: (Z99 * sd) / Math.sqrt(xs.length) };
};

describe('retries after abandoning', () => {
  it('share of the abandoned come back, after the drawn delay: within the 99 % CI over 20 seeds', () => {
    const share = 0.3;
    const ratios: number[] = [];
    const second: number[] = [];
    const delays: number[] = [];
    for (let seed = 1; seed <= 20; seed++) {
      const { byId } = runChecked(unstaffed({ share, after: expo(600), max: 2 }), String(seed));
      const all = attempts(byId);
      expect(byId.every((r) => r.outcome === 'abandonedInQueue')).toBe(true);
      const first = all.filter((a) => a.before === undefined);
      const retries = all.filter((a) => a.before !== undefined);
      const seconds = retries.filter((a) => a.before!.visitorId !== a.before!.id);
      for (const a of retries) delays.push(a.r.arrivalAt - a.before!.abandonedAt);
      ratios.push((retries.length - seconds.length) / first.length);
      second.push(seconds.length / (retries.length - seconds.length));
      // every visitor's attempts: at most 1 + max
      const per = new Map<number, number>();
      for (const r of byId) per.set(r.visitorId!, (per.get(r.visitorId!) ?? 0) + 1);
      expect(Math.max(...per.values())).toBeLessThanOrEqual(3);
    }
    const r = meanCi(ratios);
    expect(Math.abs(r.m - share)).toBeLessThan(r.half);
    const s = meanCi(second);
    expect(Math.abs(s.m - share)).toBeLessThan(s.half);
    // exponential delays: mean 600 s, standard error 600 / √n
    const d = delays.reduce((a, b) => a + b, 0) / delays.length;
    expect(Math.abs(d - 600)).toBeLessThan((Z99 * 600) / Math.sqrt(delays.length));
  });

  it('offered load rises by the retries, and first visits replay unchanged (their own streams)', () => {
    const none = runChecked(unstaffed(), '7');
    const withRetries = runChecked(unstaffed({ share: 0.5, after: expo(300), max: 1 }), '7');
    const first = withRetries.byId.filter((r) => r.visitorId === r.id);
    expect(first.map((r) => [r.arrivalAt, r.patienceAt])).toEqual(none.byId.map((r) => [r.arrivalAt, r.patienceAt]));
    expect(none.byId.every((r) => r.visitorId === -1)).toBe(true);
    const offered0 = none.metrics.overall.offered;
    const offered1 = withRetries.metrics.overall.offered;
    // each abandoned first visit comes back with probability 1/2: offered × 1.5, within 99 %
    const n = offered0;
    expect(Math.abs(offered1 - 1.5 * n)).toBeLessThan(Z99 * Math.sqrt(n * 0.25));
  });

  it('a hand-worked visitor: retries at abandonment + after, same class, until served or max', () => {
    const s = scenario({
      classes: [{ id: 'vip', share: 0.5, priority: 0, slTimeSec: 20 }, { id: 'std', share: 0.5, priority: 0, slTimeSec: 20 }],
      groups: [group('g', 1, {
        patience: fixed(30), rounds: fixed(1),
        service: { firstReply: fixed(5), nextReply: fixed(0), wrapUp: fixed(10) },
        retry: { share: 1, after: fixed(100), max: 3 },
      })],
      // online from 250 s on: the visitor at 10 leaves at 40 and 170, and is served on the retry at 270
      agents: [agents('a', 1, ['g'], { shifts: [{ startSec: 250, endSec: 2 * H }] })],
    });
    const { byId } = runChecked(s, '1', { arrivals: { g: [10] } });
    expect(byId.map((r) => [r.arrivalAt, r.outcome, r.abandonedAt])).toEqual([
      [10, 'abandonedInQueue', 40],
      [140, 'abandonedInQueue', 170],
      [270, 'served', NaN],
    ]);
    expect(new Set(byId.map((r) => r.visitorId))).toEqual(new Set([byId[0].id]));
    expect(new Set(byId.map((r) => r.classIndex ?? 0)).size).toBe(1);
  });

  it('no retry at or after the horizon', () => {
    const s = scenario({
      groups: [group('g', 1, { patience: fixed(30), retry: { share: 1, after: fixed(1000), max: 3 } })],
      agents: [agents('a', 1, ['g'], { shifts: [{ startSec: 0, endSec: 60 }] })],
    });
    // 84000 + 30 + 1000 = 85030: one retry, which leaves at 85060; the next would come at 86060 < 86400,
    // then 87090 ≥ 86400: none
    const { byId } = runChecked(s, '1', { arrivals: { g: [84000] } });
    expect(byId.map((r) => r.arrivalAt)).toEqual([84000, 85030, 86060]);
    const late = runChecked(s, '1', { arrivals: { g: [85500] } }).byId;
    expect(late.map((r) => r.arrivalAt)).toEqual([85500]);
  });
});
