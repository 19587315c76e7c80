import { describe, expect, it } from 'vitest';
import { simulate, ModelError } from './contact-centre.js';
import { ArrayRecorder, agents, expo, fixed, group, mmnm, scenario } from '../test-helpers/scenario.js';
import { rosterCheck } from '../../core/roster.js';
import { checkInvariants } from '../../core/invariants.js';
import { agentTable } from '../../core/roster.js';
import { POLICY_NAMES } from '../../core/routing/policies.js';
import type { Scenario } from '../../core/scenario.js';

function run(s: Scenario, seed = '1', extra: { policy?: string; arrivals?: Record<string, number[]> } = {}) {
  const rec = new ArrayRecorder();
  const stats = simulate(s, { seed, recorder: rec, ...extra });
  const caps = agentTable(s).map((a) => a.cap);
  expect(checkInvariants(rec.records, rec.samples, caps, stats.visitors, rosterCheck(s))).toEqual([]);
  const byId = [...rec.records].sort((a, b) => a.id - b.id);
  return { rec, stats, byId };
}

const webshopLike = (): Scenario => scenario({
  groups: [
    group('presales', 120, {
      arrivals: { windows: [{ fromSec: 8 * 3600, toSec: 12 * 3600, ratePerSec: 150 / 3600 }, { fromSec: 12 * 3600, toSec: 22 * 3600, ratePerSec: 90 / 3600 }], promos: [{ name: 'p', startAt: 20 * 3600, endAt: 21 * 3600, factor: 3 }], dailyCv: 0.2 },
      patience: { kind: 'lognormal', mu: Math.log(80), sigma: 0.8 },
      rounds: { kind: 'uniform', min: 1, max: 6 },
      thinkTime: expo(40),
      service: { firstReply: expo(12), nextReply: expo(20), wrapUp: fixed(30) },
    }),
    group('aftersales', 60, {
      patience: expo(120),
      rounds: { kind: 'empirical', values: [2, 3, 4] },
      thinkTime: expo(60),
      service: { firstReply: expo(15), nextReply: expo(25), wrapUp: expo(45) },
    }),
  ],
  agents: [
    agents('senior', 3, ['presales', 'aftersales'], { maxConcurrent: 6, speed: 1.3, rank: 1, slowdown: 0.1, shifts: [{ startSec: 8 * 3600, endSec: 16 * 3600 }] }),
    agents('evening', 3, ['presales'], { maxConcurrent: 5, speed: 1, rank: 2, slowdown: 0, shifts: [{ startSec: 14 * 3600, endSec: 22 * 3600 }] }),
    agents('novice', 2, ['aftersales'], { maxConcurrent: 3, speed: 0.7, rank: 3, slowdown: 0.3 }),
  ],
});

describe('contact-centre model', () => {
  it('keeps every invariant under every policy, with shifts, skills, caps, rounds and slowdown', () => {
    for (const policy of POLICY_NAMES) {
      for (const seed of ['1', '2', '3']) {
        const { stats, rec } = run(webshopLike(), seed, { policy });
        expect(stats.visitors).toBeGreaterThan(1000);
        const outcomes = new Set(rec.records.map((r) => r.outcome));
        expect(outcomes.has('served') && outcomes.has('abandonedInQueue')).toBe(true);
      }
    }
  });

  it('is deterministic: same scenario and seed, same records', () => {
    const a = run(webshopLike(), '7');
    const b = run(webshopLike(), '7');
    expect(b.byId).toEqual(a.byId);
    expect(b.rec.samples).toEqual(a.rec.samples);
    const c = run(webshopLike(), '8');
    expect(c.byId).not.toEqual(a.byId);
  });

  it('replays the same visitors when an agent is added or the policy changes (common random numbers)', () => {
    const base = webshopLike();
    const more = webshopLike();
    more.agents[0].count += 1;
    const a = run(base, '5').byId;
    const b = run(more, '5').byId;
    const c = run(base, '5', { policy: 'round-robin' }).byId;
    expect(b.length).toBe(a.length);
    expect(c.length).toBe(a.length);
    const key = (r: (typeof a)[number]) => [r.id, r.groupIndex, r.arrivalAt, r.patienceAt];
    expect(b.map(key)).toEqual(a.map(key));
    expect(c.map(key)).toEqual(a.map(key));
    // rounds are the visitor's too: every served conversation has the same number of turns
    const turns = (rs: typeof a) => new Map(rs.filter((r) => r.outcome === 'served' && r.closedAt === r.closedAt).map((r) => [r.id, r.visitorMessageAt.length]));
    const ta = turns(a);
    let compared = 0;
    for (const [id, n] of turns(b)) if (ta.has(id)) { expect(n).toBe(ta.get(id)); compared++; }
    expect(compared).toBeGreaterThan(1000);
    // the extra agent changed what happened
    expect(b.filter((r) => r.outcome === 'abandonedInQueue').length).toBeLessThan(a.filter((r) => r.outcome === 'abandonedInQueue').length);
  });

  it('fails on an unknown policy with the known names', () => {
    expect(() => simulate(webshopLike(), { seed: '1', recorder: new ArrayRecorder(), policy: 'fastest' })).toThrow(ModelError);
    expect(() => simulate(webshopLike(), { seed: '1', recorder: new ArrayRecorder(), policy: 'fastest' })).toThrow(/least-loaded/);
  });
});

describe('the same-instant race between patience and assignment', () => {
  // One agent, cap 1. Visitor 0 arrives at 0 and holds the slot for exactly 100 s (think time of
  // round 2). Visitor 1 arrives at 10 with patience 90 s: their patience ends at 100, the instant
  // the slot frees.
  const race = (firstReply: number): Scenario => scenario({
    groups: [group('g', 1, { patience: fixed(90), rounds: fixed(2), thinkTime: fixed(100), service: { firstReply: fixed(firstReply), nextReply: fixed(0), wrapUp: fixed(0) } })],
    agents: [agents('a', 1, ['g'])],
  });
  it('assigns first: a first reply due at that instant counts as answered', () => {
    const { byId } = run(race(0), '1', { arrivals: { g: [0, 10] } });
    expect(byId[1]).toMatchObject({ outcome: 'served', queuedAt: 10, assignedAt: 100, firstReplyAt: 100 });
  });
  it('then the visitor leaves as abandoned after assignment when the reply is still to come', () => {
    const { byId } = run(race(5), '1', { arrivals: { g: [0, 10] } });
    // visitor 0: assigned at 0, replies at 5, think 100 → 105 closes; visitor 1 waits until 105 > 100
    expect(byId[1]).toMatchObject({ outcome: 'abandonedInQueue', abandonedAt: 100 });
    const { byId: b2 } = run(race(5), '1', { arrivals: { g: [0, 15] } });
    // now visitor 1's patience ends at 105, the instant the slot frees: assigned, then leaves unanswered
    expect(b2[1]).toMatchObject({ outcome: 'abandonedAfterAssign', assignedAt: 105, abandonedAt: 105, releasedAt: 105 });
  });
  it('a visitor leaves in the queue one instant before the slot frees', () => {
    const { byId } = run(race(0), '1', { arrivals: { g: [0, 9.999] } });
    expect(byId[1]).toMatchObject({ outcome: 'abandonedInQueue' });
    expect(byId[1].abandonedAt).toBeCloseTo(99.999, 9);
  });
});

describe('agents', () => {
  it('stretch replies with load: delay × (1 + slowdown × (held − 1)), divided by speed', () => {
    const s = scenario({
      groups: [group('g', 1, { rounds: fixed(2), thinkTime: fixed(50), service: { firstReply: fixed(10), nextReply: fixed(20), wrapUp: fixed(5) } })],
      agents: [agents('a', 1, ['g'], { maxConcurrent: 3, slowdown: 0.5, speed: 2 })],
    });
    const { byId } = run(s, '1', { arrivals: { g: [0, 1, 2] } });
    expect(byId[0].firstReplyAt).toBeCloseTo(5, 9); // 10 / 2 × 1
    expect(byId[1].firstReplyAt).toBeCloseTo(1 + 7.5, 9); // × 1.5 with 2 held
    expect(byId[2].firstReplyAt).toBeCloseTo(2 + 10, 9); // × 2 with 3 held
    // visitor 0 writes again at 55 while 3 are held: 20 / 2 × 2 = 20
    expect(byId[0].visitorMessageAt).toEqual([0, 55]);
    expect(byId[0].agentMessageAt[1]).toBeCloseTo(75, 9);
    expect(byId[0].releasedAt).toBeCloseTo(80, 9);
  });

  it('work shifts: nothing is assigned off shift, open chats are finished after the shift ends', () => {
    const s = scenario({
      groups: [group('g', 1, { rounds: fixed(2), thinkTime: fixed(600), patience: fixed(Infinity) })],
      agents: [agents('a', 1, ['g'], { maxConcurrent: 2, shifts: [{ startSec: 9 * 3600, endSec: 10 * 3600 }] })],
      drainSec: 3600,
    });
    const { byId, rec } = run(s, '1', { arrivals: { g: [8 * 3600, 9.9 * 3600, 10.5 * 3600] } });
    expect(byId[0]).toMatchObject({ outcome: 'served', queuedAt: 8 * 3600, assignedAt: 9 * 3600 });
    expect(byId[1].assignedAt).toBe(9.9 * 3600);
    expect(byId[1].releasedAt).toBeCloseTo(9.9 * 3600 + 600, 6); // after the shift's end
    // the next day's shift takes the last chat (infinite patience) at 09:00 on day 1 — beyond the drain
    expect(byId[2]).toMatchObject({ outcome: 'unanswered' });
    expect(rec.samples.some((x) => x.at === 10 * 3600 && !x.online && x.held === 1)).toBe(true);
  });

  it('a cut-off mid-conversation keeps only what happened by then, whether replies are events or planned', () => {
    // one chat held alone, so a slowdown stretches nothing: the event path (slowdown > 0) and the
    // planned path (slowdown 0) must give the same record. Timeline from 86350 (horizon 86400):
    // replies 86360, 86420, 86480; visitor messages 86380, 86440; closed 86480, released 86510.
    const cutAt = (drainSec: number, slowdown: number, arrivalAt = 86350) => {
      const s = scenario({
        groups: [group('g', 1, { rounds: fixed(3), thinkTime: fixed(20), service: { firstReply: fixed(10), nextReply: fixed(40), wrapUp: fixed(30) } })],
        agents: [agents('a', 1, ['g'], { maxConcurrent: 2, slowdown })],
        drainSec,
      });
      const { byId, stats } = run(s, '1', { arrivals: { g: [arrivalAt] } });
      expect(stats.cut).toBe(true);
      return byId[0];
    };
    for (const slowdown of [0.1, 0]) {
      // before the last reply: the answer to the visitor's third message has not come
      const a = cutAt(50, slowdown);
      expect(a).toMatchObject({ outcome: 'served', endedAt: 86450, firstReplyAt: 86360 });
      expect(a.visitorMessageAt).toEqual([86350, 86380, 86440]);
      expect(a.agentMessageAt).toEqual([86360, 86420]);
      expect(a.closedAt).toBeNaN();
      // after the last reply, before the wrap-up ends: closed, not released
      const b = cutAt(90, slowdown);
      expect(b).toMatchObject({ outcome: 'served', endedAt: 86490, closedAt: 86480 });
      expect(b.agentMessageAt).toEqual([86360, 86420, 86480]);
      expect(b.releasedAt).toBeNaN();
      // between a visitor message and its answer
      const c = cutAt(10, slowdown);
      expect(c.visitorMessageAt).toEqual([86350, 86380]);
      expect(c.agentMessageAt).toEqual([86360]);
      // between the assignment (86395) and the first reply (86405): unanswered
      const d = cutAt(3, slowdown, 86395);
      expect(d).toMatchObject({ outcome: 'unanswered', assignedAt: 86395, endedAt: 86403 });
      expect(d.firstReplyAt).toBeNaN();
      expect(d.agentMessageAt).toEqual([]);
      expect(d.visitorMessageAt).toEqual([86395]);
    }
  });

  it('experienced-first fills the lowest rank first; round-robin rotates', () => {
    const s = scenario({
      groups: [group('g', 1, { rounds: fixed(2), thinkTime: fixed(1000) })],
      agents: [agents('novice', 2, ['g'], { rank: 2, maxConcurrent: 2 }), agents('expert', 1, ['g'], { rank: 1, maxConcurrent: 2 })],
    });
    const arrivals = { g: [0, 1, 2, 3, 4] };
    const ef = run(s, '1', { policy: 'experienced-first', arrivals }).byId.map((r) => r.agents[0]);
    expect(ef.slice(0, 2)).toEqual([2, 2]);
    const rr = run(s, '1', { policy: 'round-robin', arrivals }).byId.map((r) => r.agents[0]);
    expect(rr).toEqual([0, 1, 2, 0, 1]);
    const ll = run(s, '1', { policy: 'least-loaded', arrivals }).byId.map((r) => r.agents[0]);
    expect(ll.slice(0, 3).sort()).toEqual([0, 1, 2]);
  });

  it('a multi-skilled agent takes the longest-waiting chat across its skills', () => {
    const s = scenario({
      groups: [group('a', 1, { rounds: fixed(2), thinkTime: fixed(100) }), group('b', 1, { rounds: fixed(2), thinkTime: fixed(100) })],
      agents: [agents('x', 1, ['a', 'b'])],
    });
    const { byId } = run(s, '1', { arrivals: { a: [0, 20], b: [10] } });
    const order = byId.map((r) => [r.groupIndex, r.assignedAt]);
    expect(order).toEqual([[0, 0], [1, 100], [0, 200]]); // ids follow arrival order
  });
});

describe('M/M/n+M sanity', () => {
  it('serves everyone when agents are plentiful', () => {
    const { byId } = run(mmnm({ ratePerSec: 0.1, ahtSec: 60, servers: 50, patienceSec: 100 }));
    expect(byId.every((r) => r.outcome === 'served' && r.queuedAt !== r.queuedAt)).toBe(true);
  });
});
