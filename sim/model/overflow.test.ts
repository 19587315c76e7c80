import { describe, expect, it } from 'vitest';
import { agents, expo, fixed, group, scenario } from '../test-helpers/scenario.js';
import { runChecked } from '../test-helpers/run.js';
import type { Scenario } from '../../core/scenario.js';

const service = { firstReply: { kind: 'uniform' as const, min: 3, max: 15 }, nextReply: expo(15), wrapUp: fixed(30) };

/** Pre-sales understaffed, after-sales with room to spare; pre-sales may overflow to the after-sales team. */
const shop = (overflow?: Array<{ afterSec: number; agentGroups: string[] }>): Scenario => scenario({
  groups: [
    group('presales', 260, { patience: expo(600), rounds: fixed(3), thinkTime: expo(60), service, ...(overflow ? { overflow } : {}) }),
    group('aftersales', 60, { patience: expo(300), rounds: fixed(3), thinkTime: expo(60), service }),
  ],
  agents: [
    agents('pre', 3, ['presales'], { maxConcurrent: 4 }),
    agents('after', 3, ['aftersales'], { maxConcurrent: 4 }),
    agents('tech', 2, ['aftersales'], { maxConcurrent: 2 }),
  ],
});

describe('overflow rings and skill levels', () => {
  it('overflow lowers the waits of the overflowing group, at a small cost to the other', () => {
    const none = runChecked(shop(), '2');
    const ring = runChecked(shop([{ afterSec: 60, agentGroups: ['after'] }]), '2');
    const pre0 = none.metrics.groups.presales;
    const pre1 = ring.metrics.groups.presales;
    // measured: mean wait of those queued 81 s → 34 s, abandonment 12.4 % → 4.3 %
    expect(pre0.queueWaitMean).toBeGreaterThan(60);
    expect(pre1.queueWaitMean).toBeLessThan(pre0.queueWaitMean * 0.6);
    expect(pre1.abandonRate).toBeLessThan(pre0.abandonRate / 2);
    expect(ring.metrics.groups.aftersales.queueWaitMeanAll).toBeGreaterThanOrEqual(none.metrics.groups.aftersales.queueWaitMeanAll);
    // no overflowed chat went to another agent before 60 s in queue, nor to the tech team
    const preAgents = new Set([0, 1, 2]);
    let overflowed = 0;
    for (const r of ring.byId) {
      if (r.groupIndex !== 0 || !(r.assignedAt === r.assignedAt) || preAgents.has(r.agents[0])) continue;
      overflowed++;
      expect(r.assignedAt - r.queuedAt).toBeGreaterThanOrEqual(60 - 1e-9);
      expect([3, 4, 5]).toContain(r.agents[0]);
    }
    expect(overflowed).toBeGreaterThan(500);
    // same visitors (common random numbers)
    expect(ring.byId.map((r) => r.arrivalAt)).toEqual(none.byId.map((r) => r.arrivalAt));
  });

  it('a second ring adds its agents later', () => {
    const one = runChecked(shop([{ afterSec: 60, agentGroups: ['tech'] }]), '2');
    const two = runChecked(shop([{ afterSec: 60, agentGroups: ['tech'] }, { afterSec: 120, agentGroups: ['after'] }]), '2');
    const to = (rs: typeof two.byId, agentsOf: number[]) => rs.filter((r) => r.groupIndex === 0 && agentsOf.includes(r.agents[0]));
    expect(to(two.byId, [6, 7]).length).toBeGreaterThan(10);
    expect(to(two.byId, [3, 4, 5]).length).toBeGreaterThan(10);
    for (const r of to(two.byId, [6, 7])) expect(r.assignedAt - r.queuedAt).toBeGreaterThanOrEqual(60 - 1e-9);
    for (const r of to(two.byId, [3, 4, 5])) expect(r.assignedAt - r.queuedAt).toBeGreaterThanOrEqual(120 - 1e-9);
    expect(to(one.byId, [3, 4, 5])).toEqual([]);
    expect(two.metrics.groups.presales.abandonRate).toBeLessThan(one.metrics.groups.presales.abandonRate);
  });

  it('an agent takes chats of its highest-level skill first, and chats go to the highest-level free agents', () => {
    const s = (levels: boolean) => scenario({
      groups: [group('presales', 10, { service: { firstReply: fixed(1), nextReply: fixed(0), wrapUp: fixed(100) } }), group('aftersales', 10)],
      agents: [agents('both', 1, ['presales', 'aftersales'], levels ? { skillLevels: { presales: 2, aftersales: 1 } } : {})],
    });
    // busy with pre-sales until 201; an after-sales chat waits from 150, a pre-sales one from 160
    const arrivals = { presales: [100, 160], aftersales: [150] };
    const plain = runChecked(s(false), '1', { arrivals }).byId;
    const leveled = runChecked(s(true), '1', { arrivals }).byId;
    const at = (rs: typeof plain, group: number, arrival: number) => rs.find((r) => r.groupIndex === group && r.arrivalAt === arrival)!.assignedAt;
    expect(at(plain, 1, 150)).toBe(201); // oldest first
    expect(at(leveled, 0, 160)).toBe(201); // its primary skill first
    expect(at(leveled, 1, 150)).toBeGreaterThan(201);

    const pick = scenario({
      groups: [group('presales', 10, { service: { firstReply: fixed(1), nextReply: fixed(0), wrapUp: fixed(100) } })],
      agents: [
        agents('low', 1, ['presales'], { skillLevels: { presales: 1 } }),
        agents('high', 1, ['presales'], { skillLevels: { presales: 3 } }),
      ],
    });
    const { byId } = runChecked(pick, '1', { arrivals: { presales: [10, 10] } });
    expect(byId.map((r) => r.agents[0])).toEqual([1, 0]); // the level-3 agent first, then the other
  });
});
