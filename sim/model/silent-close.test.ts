import { describe, expect, it } from 'vitest';
import { agents, expo, fixed, group, scenario } from '../test-helpers/scenario.js';
import { runChecked } from '../test-helpers/run.js';
import { computeMetrics } from '../../core/metrics/collector.js';
import { metricsContext } from '../../core/metrics/index.js';
import type { ConversationRecord } from '../../core/records.js';
import type { Scenario } from '../../core/scenario.js';

const shop = (silentCloseSec?: number): Scenario => scenario({
  groups: [group('g', 120, {
    patience: expo(300),
    rounds: fixed(5),
    thinkTime: expo(60),
    service: { firstReply: fixed(8), nextReply: fixed(12), wrapUp: fixed(30) },
    ...(silentCloseSec ? { silentCloseSec } : {}),
  })],
  agents: [agents('a', 3, ['g'], { maxConcurrent: 4 })],
});

describe('silent close and the invalid (one-sided) conversation rate', () => {
  it('the system closes a conversation once the visitor is silent for the limit', () => {
    const open = runChecked(shop(), '5');
    const closing = runChecked(shop(90), '5');
    const m = closing.metrics.overall;
    // 4 think times of mean 60 s: P(one exceeds 90 s) = 1 − (1 − e^−1.5)^4 ≈ 61 %
    expect(m.silentCloseRate).toBeGreaterThan(0.5);
    expect(m.silentCloseRate).toBeLessThan(0.72);
    expect(open.metrics.overall.silentCloseRate).toBe(0);
    // fewer rounds: shorter conversations and less agent time
    expect(m.conversationDurationMean).toBeLessThan(open.metrics.overall.conversationDurationMean);
    expect(m.occupancy).toBeLessThan(open.metrics.overall.occupancy);
    for (const r of closing.byId) {
      if (!r.silentClosed || r.outcome !== 'served' || !(r.closedAt === r.closedAt)) continue;
      expect(r.closedAt - r.agentMessageAt[r.agentMessageAt.length - 1]).toBeCloseTo(90, 9);
      expect(r.visitorMessageAt.length).toBe(r.agentMessageAt.length);
    }
    // the visitors are the same (their draws are made before the cut)
    expect(closing.byId.map((r) => r.patienceAt)).toEqual(open.byId.map((r) => r.patienceAt));
  });

  it('invalid rate: offered conversations where only one side wrote a manual message', () => {
    const { metrics } = runChecked(shop(90), '5');
    // the visitor always writes first, so in the model one-sided means no person ever answered
    expect(metrics.overall.invalidRate).toBeCloseTo(1 - metrics.overall.connectionRate, 12);
    expect(metrics.overall.invalidRate).toBeGreaterThan(0);
    // from records of any source: an agent-initiated chat the visitor never answered is one-sided too
    const s = shop();
    const base: ConversationRecord = {
      id: 0, groupIndex: 0, arrivalAt: 100, patienceAt: Infinity, queuedAt: NaN, assignedAt: 100, firstReplyAt: 110,
      abandonedAt: NaN, closedAt: 200, releasedAt: 230, endedAt: 230, outcome: 'served', agents: [0],
      visitorMessageAt: [100], agentMessageAt: [110],
    };
    const proactive = { ...base, id: 1, visitorMessageAt: [], agentMessageAt: [110] };
    const m = computeMetrics(metricsContext(s), [base, proactive], [], 300).overall;
    expect(m.invalidRate).toBe(0.5);
  });
});
