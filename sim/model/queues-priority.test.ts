import { describe, expect, it } from 'vitest';
import { agents, expo, fixed, group, scenario } from '../test-helpers/scenario.js';
import { runChecked } from '../test-helpers/run.js';
import type { PriorityClass, Scenario } from '../../core/scenario.js';

const service = { firstReply: { kind: 'uniform' as const, min: 3, max: 15 }, nextReply: expo(15), wrapUp: fixed(30) };
const classes = (vipPriority: number): PriorityClass[] => [
  { id: 'vip', share: 0.1, priority: vipPriority, slTimeSec: 10 },
  { id: 'standard', share: 0.9, priority: 0, slTimeSec: 30 },
];

/** One busy skill group; 10 % VIP. */
const busy = (c?: PriorityClass[]): Scenario => scenario({
  groups: [group('g', 250, { patience: expo(600), rounds: fixed(3), thinkTime: expo(60), service, ...(c ? { classShares: c.map((x) => x.share) } : {}) })],
  agents: [agents('a', 3, ['g'], { maxConcurrent: 4 })],
  ...(c ? { classes: c, agingPerSec: 1 } : {}),
});

describe('priority classes with aging', () => {
  it('VIP waits far less than standard under load; per-class metrics use the class SLA time', () => {
    const { metrics, byId } = runChecked(busy(classes(300)), '2');
    const vip = metrics.classes!.vip;
    const std = metrics.classes!.standard;
    expect(std.queueWaitMeanAll).toBeGreaterThan(30);
    // measured (seed 2): ≈ 12 s against ≈ 73 s over all conversations of the class
    expect(vip.queueWaitMeanAll).toBeLessThan(std.queueWaitMeanAll * 0.25);
    expect(vip.offered / (vip.offered + std.offered)).toBeCloseTo(0.1, 1);
    // per-class SL(T) with the class's own T, from the records
    const vipRecords = byId.filter((r) => r.classIndex === 0);
    const hits = vipRecords.filter((r) => r.outcome === 'served' && r.firstReplyAt - r.arrivalAt <= 10).length;
    expect(vip.serviceLevel).toBeCloseTo(hits / vipRecords.length, 12);
    expect(vip.offered + std.offered).toBe(metrics.overall.offered);
  });

  it('without priority both classes wait alike; classes never shift the visitors (common random numbers)', () => {
    const flat = runChecked(busy(classes(0)), '2');
    const none = runChecked(busy(), '2');
    const { vip, standard } = flat.metrics.classes!;
    expect(Math.abs(vip.queueWaitMeanAll - standard.queueWaitMeanAll)).toBeLessThan(standard.queueWaitMeanAll * 0.3);
    const key = (r: { id: number; arrivalAt: number; patienceAt: number }) => [r.id, r.arrivalAt, r.patienceAt];
    expect(flat.byId.map(key)).toEqual(none.byId.map(key));
    // with one class of priority 0 the queue is first-come first-served: the same run
    expect(flat.metrics.overall).toEqual(none.metrics.overall);
  });

  it('ages: a standard chat that has waited longer than the VIP head start goes first', () => {
    const s = scenario({
      groups: [
        group('std', 10, { classShares: [0, 1], service: { firstReply: fixed(1), nextReply: fixed(0), wrapUp: fixed(100) } }),
        group('vipg', 10, { classShares: [1, 0], service: { firstReply: fixed(1), nextReply: fixed(0), wrapUp: fixed(100) } }),
      ],
      agents: [agents('a', 1, ['std', 'vipg'])],
      classes: classes(60),
      agingPerSec: 1,
    });
    // busy 0–101 with a std chat; std waits from 10 and from 50, vip from 30: keys 10, 50, 30 − 60 = −30
    const order = (arrivals: { std: number[]; vipg: number[] }) => runChecked(s, '1', { arrivals }).byId
      .filter((r) => r.queuedAt === r.queuedAt).sort((a, b) => a.assignedAt - b.assignedAt).map((r) => `${r.groupIndex === 0 ? 'std' : 'vip'}@${r.arrivalAt}`);
    expect(order({ std: [0, 10, 50], vipg: [30] })).toEqual(['vip@30', 'std@10', 'std@50']);
    // a std chat queued at 1 (key 1) against a vip queued at 80 (key 20): the std one ages past it
    expect(order({ std: [0, 1], vipg: [80] })).toEqual(['std@1', 'vip@80']);
  });
});
