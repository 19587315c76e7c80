import { describe, expect, it } from 'vitest';
import { agents, expo, fixed, group, scenario } from '../test-helpers/scenario.js';
import { runChecked } from '../test-helpers/run.js';
import type { Scenario } from '../../core/scenario.js';

const H = 3600;

/** Busy agents; half the served visitors come back within about an hour. */
const shop = (returning?: { waitSec: number; fallback?: string }): Scenario => scenario({
  groups: [group('g', 90, {
    patience: expo(600),
    rounds: fixed(3),
    thinkTime: expo(60),
    service: { firstReply: { kind: 'uniform', min: 3, max: 15 }, nextReply: expo(15), wrapUp: fixed(30) },
    ...(returning ? { returning: { share: 0.5, after: expo(H), waitSec: returning.waitSec, fallback: returning.fallback ?? 'least-loaded' } } : {}),
  })],
  agents: [agents('a', 4, ['g'], { maxConcurrent: 3, shifts: [{ startSec: 8 * H, endSec: 22 * H }] })],
});

describe('returning visitors and sticky routing', () => {
  it('returning visitors go back to their agent when free; waiting for them raises the share', () => {
    const now = runChecked(shop({ waitSec: 0 }), '3');
    const wait = runChecked(shop({ waitSec: 120 }), '3');
    const r0 = now.byId.filter((r) => (r.previousAgent ?? -1) >= 0);
    expect(r0.length / now.byId.length).toBeGreaterThan(0.2);
    const s0 = now.metrics.overall.stickyRate;
    const s1 = wait.metrics.overall.stickyRate;
    // with 4 agents a random pick would give 25 %
    expect(s0).toBeGreaterThan(0.5);
    // measured: 60 % back to the same agent when only a free slot counts, 85 % waiting up to 2 min
    expect(s1).toBeGreaterThan(s0 + 0.15);
  });

  it('a returning visitor keeps their priority class (and draws from its patience)', () => {
    const s = scenario({
      groups: [group('g', 60, {
        patience: expo(600), rounds: fixed(2), thinkTime: expo(60),
        service: { firstReply: fixed(5), nextReply: fixed(5), wrapUp: fixed(10) },
        classShares: [0.3, 0.7],
        returning: { share: 0.8, after: expo(600), waitSec: 0, fallback: 'least-loaded' },
      })],
      agents: [agents('a', 3, ['g'], { maxConcurrent: 3 })],
      classes: [{ id: 'vip', share: 0.3, priority: 60, slTimeSec: 20 }, { id: 'standard', share: 0.7, priority: 0, slTimeSec: 20 }],
      agingPerSec: 1,
    });
    const { byId } = runChecked(s, '4');
    const returns = byId.filter((r) => (r.previousAgent ?? -1) >= 0);
    expect(returns.length).toBeGreaterThan(100);
    // a return's class is its first visit's: both classes come back, in about the first visits' shares
    const vip = returns.filter((r) => r.classIndex === 0).length / returns.length;
    const vipFirst = byId.filter((r) => (r.previousAgent ?? -1) < 0 && r.classIndex === 0).length / byId.filter((r) => (r.previousAgent ?? -1) < 0).length;
    expect(vip).toBeGreaterThan(0.15);
    expect(Math.abs(vip - vipFirst)).toBeLessThan(3.29 * Math.sqrt(vipFirst * (1 - vipFirst) / returns.length));
  });

  it('first visits are the same with or without returns (returns draw from their own streams)', () => {
    const none = runChecked(shop(), '3').byId;
    const withReturns = runChecked(shop({ waitSec: 60 }), '3').byId;
    const first = withReturns.filter((r) => (r.previousAgent ?? -1) < 0).map((r) => [r.arrivalAt, r.patienceAt]);
    expect(first).toEqual(none.map((r) => [r.arrivalAt, r.patienceAt]));
  });

  it('waits for the busy previous agent up to the limit, then falls back', () => {
    const s = scenario({
      groups: [group('g', 10, {
        service: { firstReply: fixed(1), nextReply: fixed(0), wrapUp: fixed(500) },
        returning: { share: 1, after: fixed(100), waitSec: 300, fallback: 'least-loaded' },
      })],
      agents: [agents('a', 2, ['g'], { shifts: [{ startSec: 0, endSec: 2 * H }] })],
    });
    // agent 0 serves the chat at 10 (released 511); agent 1 takes the one at 20 (released 521)
    // the first visitor returns at 611 and finds agent 0 free; then a chat at 615 goes to agent 1,
    // the second visitor returns at 621 (agent 1 busy until 1116): waits until 921, then falls back
    const { byId } = runChecked(s, '1', { arrivals: { g: [10, 20, 612] } });
    const returns = byId.filter((r) => r.previousAgent !== undefined && r.previousAgent >= 0);
    const back1 = returns.find((r) => r.previousAgent === 0 && r.arrivalAt === 611)!;
    expect(back1.agents[0]).toBe(0);
    expect(back1.assignedAt).toBe(611);
    const back2 = returns.find((r) => r.previousAgent === 1 && r.arrivalAt === 621)!;
    expect(back2.queuedAt).toBe(621);
    expect(back2.assignedAt).toBe(1112); // nobody free at 921: the fallback queues it; agent 0 frees at 1112
    expect(back2.agents[0]).toBe(0);
  });
});
