import { describe, expect, it } from 'vitest';
import type { ConversationRecord } from '../records.js';
import {
  AGENT_METRIC_NAMES,
  INTERVAL_METRIC_NAMES,
  GROUP_METRIC_NAMES,
  OVERALL_METRIC_NAMES,
  MetricsCollector,
  computeMetrics,
  type RunMetrics,
} from './index.js';
import { CTX, END_AT, record, records, sample, samples } from './test-helpers/fixture.js';

/** Every key of `expected` equals (to 12 digits, NaN = NaN) the same key of `actual`. */
function expectMetrics(actual: Record<string, number | string>, expected: Record<string, number | string>): void {
  for (const [key, value] of Object.entries(expected)) {
    const got = actual[key];
    if (typeof value === 'number' && Number.isNaN(value)) expect(got, key).toBeNaN();
    else if (typeof value === 'number') expect(got, key).toBeCloseTo(value, 12);
    else expect(got, key).toBe(value);
  }
}

const run = (): RunMetrics => computeMetrics(CTX, records(), samples(), END_AT);

describe('MetricsCollector on the hand-built run', () => {
  it('computes every overall metric', () => {
    const m = run();
    expect(Object.keys(m.overall)).toEqual([...OVERALL_METRIC_NAMES]);
    expectMetrics(m.overall, {
      offered: 6, // R0 arrived in warm-up
      answered: 3,
      abandonedInQueue: 1,
      abandonedAfterAssign: 1,
      unanswered: 1,
      connectionRate: 3 / 6,
      abandonRate: 1 / 6,
      abandonAfterAssignRate: 1 / 6,
      serviceLevel: 2 / 6, // FRT 10 and 15 ≤ 20; 100 and the three unanswered miss
      frtMean: (10 + 100 + 15) / 3,
      frtP50: 15,
      frtP90: 15 + 0.8 * 85,
      frtP95: 15 + 0.9 * 85,
      frtP99: 15 + 0.98 * 85,
      avgResponseTime: (10 + 30 + 100 + 20 + 15) / 5, // R2's third visitor message has no reply
      queuedRate: 4 / 6,
      queueWaitMean: (90 + 40 + 70 + 4000) / 4, // R5 unanswered: waits until endedAt
      queueWaitMeanAll: (90 + 40 + 70 + 4000) / 6,
      queuePlacementRate: 3 / 6, // 90, 70, 4000 > 60
      timeToAbandonMean: 40,
      conversationDurationMean: (130 + 220 + 15) / 3,
      wrapUpMean: (60 + 30 + 35) / 3,
      transferRate: 1 / 4, // R2 of R1, R2, R4, R6
      // time averages over the measured window [1000, 86400]: R0's queue time after warm-up counts,
      // R5's and b-1's time after the horizon (the drain) does not
      queueLengthMean: (500 + 90 + 40 + 70 + 400) / (86_400 - 1000),
      agentsOnlineMean: (8000 + 6400) / (86_400 - 1000),
      occupancy: (7200 + 1400) / (8000 * 2 + 6400 * 1),
      utilisation: (5400 + 1400) / 14_400,
      chatsPerAgentHour: 3 / 4,
    });
  });

  it('computes interval metrics by arrival, agent spans split at boundaries and across days', () => {
    const { intervals } = run();
    expect(intervals).toHaveLength(24);
    expect(Object.keys(intervals[0])).toEqual(['index', 'startSec', ...INTERVAL_METRIC_NAMES]);
    // 00:00: measured 1000–3600 on day 0 (2600 s); day 1's 00:00–01:00 is the drain, not measured.
    expectMetrics(intervals[0], {
      index: 0, startSec: 0, arrivals: 0, arrivalsPerDay: 0, offered: 0, connectionRate: NaN, frtP90: NaN,
      queueLengthMean: 500 / 2600,
      agentsOnlineMean: 2600 / 2600,
      occupancy: 0,
      utilisation: 0,
      chatsPerAgentHour: 0,
    });
    expectMetrics(intervals[1], {
      index: 1, startSec: 3600, arrivals: 3, arrivalsPerDay: 3, offered: 3, answered: 3,
      serviceLevel: 2 / 3, frtMean: 125 / 3, frtP50: 15, frtP90: 83, queuedRate: 1 / 3, queueWaitMean: 90,
      queuePlacementRate: 1 / 3, transferRate: 1 / 3, avgResponseTime: 35, wrapUpMean: 125 / 3,
      queueLengthMean: 90 / 3600,
      agentsOnlineMean: 1, occupancy: (1800 + 3600) / 7200, utilisation: 1, chatsPerAgentHour: 3,
    });
    expectMetrics(intervals[2], {
      offered: 2, answered: 0, abandonedInQueue: 1, abandonedAfterAssign: 1, abandonRate: 0.5,
      abandonAfterAssignRate: 0.5, timeToAbandonMean: 40, queueWaitMean: 55, queuePlacementRate: 0.5,
      frtMean: NaN, frtP99: NaN, serviceLevel: 0, transferRate: 0, avgResponseTime: NaN,
      queueLengthMean: 110 / 3600,
      agentsOnlineMean: 0.5, occupancy: 0.5, utilisation: 1, chatsPerAgentHour: 0, // a-1 draining after shift
    });
    expectMetrics(intervals[5], {
      offered: 0, agentsOnlineMean: 0, occupancy: NaN, utilisation: NaN, chatsPerAgentHour: NaN, queueLengthMean: 0,
    });
    expectMetrics(intervals[22], { agentsOnlineMean: 2800 / 3600, occupancy: 0, utilisation: 0 });
    expectMetrics(intervals[23], {
      startSec: 82_800, arrivals: 1, arrivalsPerDay: 1, unanswered: 1, queueWaitMean: 4000, serviceLevel: 0,
      queueLengthMean: 400 / 3600, agentsOnlineMean: 1, occupancy: 1400 / 3600, utilisation: 1400 / 3600,
    });
  });

  it('computes skill-group metrics', () => {
    const { groups } = run();
    expect(Object.keys(groups)).toEqual(['sales', 'support']);
    expect(Object.keys(groups.sales)).toEqual([...GROUP_METRIC_NAMES]);
    expectMetrics(groups.sales, {
      offered: 2, answered: 2, frtMean: 55, frtP50: 55, frtP90: 91, serviceLevel: 0.5, transferRate: 0.5,
      avgResponseTime: 40, queueWaitMean: 90, queueWaitMeanAll: 45, conversationDurationMean: 175,
    });
    expectMetrics(groups.support, {
      offered: 4, answered: 1, abandonedInQueue: 1, abandonedAfterAssign: 1, unanswered: 1, frtMean: 15,
      frtP50: 15, frtP99: 15, abandonRate: 0.25, abandonAfterAssignRate: 0.25, queuedRate: 0.75,
      queueWaitMean: 4110 / 3, queueWaitMeanAll: 4110 / 4, queuePlacementRate: 0.5, transferRate: 0,
      wrapUpMean: 35, conversationDurationMean: 15, timeToAbandonMean: 40,
    });
  });

  it('computes per-agent metrics, crediting the last agent', () => {
    const { agents } = run();
    expect(Object.keys(agents[0])).toEqual(['id', 'group', ...AGENT_METRIC_NAMES]);
    expectMetrics(agents[0], {
      id: 'a-1', group: 'a', served: 1, firstReplies: 1, frtMean: 10, abandonedAfterAssign: 0,
      onlineHours: 8000 / 3600, chatsPerHour: 1 / (8000 / 3600), occupancy: 7200 / 16_000, utilisation: 5400 / 8000,
    });
    expectMetrics(agents[1], {
      id: 'b-1', group: 'b', served: 2, firstReplies: 2, frtMean: 57.5, abandonedAfterAssign: 1,
      // online 80000–86400 in the measured window, holding 1 from 85000
      onlineHours: 6400 / 3600, chatsPerHour: 2 / (6400 / 3600), occupancy: 1400 / 6400, utilisation: 1400 / 6400,
    });
  });

  it('does not depend on record order or on how agents interleave', () => {
    const shuffled = records();
    const order = [5, 2, 6, 0, 3, 1, 4];
    const reordered = order.map((i) => shuffled[i]);
    const s = samples();
    const interleaved = [s[5], s[0], s[6], s[1], s[2], s[7], s[3], s[4]];
    expect(computeMetrics(CTX, reordered, interleaved, END_AT)).toEqual(run());
  });

  it('copes with the caller reusing one record object', () => {
    const reused: ConversationRecord = record({ id: -1, arrivalAt: 0, outcome: 'served' });
    const collector = new MetricsCollector(CTX);
    for (const r of records()) {
      Object.assign(reused, { ...r, agents: reused.agents, visitorMessageAt: reused.visitorMessageAt, agentMessageAt: reused.agentMessageAt });
      reused.agents.length = 0;
      reused.agents.push(...r.agents);
      reused.visitorMessageAt.length = 0;
      reused.visitorMessageAt.push(...r.visitorMessageAt);
      reused.agentMessageAt.length = 0;
      reused.agentMessageAt.push(...r.agentMessageAt);
      collector.conversationEnded(reused);
    }
    const reusedSample = sample(0, 0, false, 0);
    for (const s of samples()) collector.agentState(Object.assign(reusedSample, s));
    expect(collector.finish(END_AT)).toEqual(run());
  });

  it('finishes without changing its state, so it can snapshot and go on', () => {
    const collector = new MetricsCollector(CTX);
    const all = records();
    for (const r of all.slice(0, 3)) collector.conversationEnded(r);
    for (const s of samples().slice(0, 5)) collector.agentState(s);
    const early = collector.finish(40_000);
    expect(early.overall.offered).toBe(2);
    expect(early.agents[0].onlineHours).toBeCloseTo(8000 / 3600, 12);
    expect(collector.finish(40_000)).toEqual(early);
    for (const r of all.slice(3)) collector.conversationEnded(r);
    for (const s of samples().slice(5)) collector.agentState(s);
    expect(collector.finish(END_AT)).toEqual(run());
  });

  it('gives JSON-identical output for the same input', () => {
    expect(JSON.stringify(run())).toBe(JSON.stringify(run()));
  });
});

describe('MetricsCollector edge cases', () => {
  it('gives zero counts and NaN rates for an empty run', () => {
    const m = computeMetrics(CTX, [], [], END_AT);
    expectMetrics(m.overall, {
      offered: 0, answered: 0, connectionRate: NaN, serviceLevel: NaN, frtMean: NaN, frtP50: NaN,
      timeToAbandonMean: NaN, transferRate: NaN, queueLengthMean: 0, agentsOnlineMean: 0, occupancy: NaN,
      utilisation: NaN, chatsPerAgentHour: NaN,
    });
    expectMetrics(m.agents[0], { served: 0, onlineHours: 0, chatsPerHour: NaN, frtMean: NaN, occupancy: NaN });
  });

  it('gives NaN occupancy for a cap-0 agent (the lurker) and NaN time averages for an empty span', () => {
    const ctx = { ...CTX, agents: [{ id: 'lurker', group: 'x', cap: 0 }] };
    const m = computeMetrics(ctx, [], [sample(0, 0, true, 0)], END_AT);
    expect(m.agents[0].onlineHours).toBeCloseTo((86_400 - 1000) / 3600, 12);
    expect(m.agents[0].occupancy).toBeNaN();
    expect(m.agents[0].utilisation).toBe(0);
    expect(computeMetrics(ctx, [], [], 1000).overall.agentsOnlineMean).toBeNaN();
  });

  it('computes quantiles over more values than the first buffer holds', () => {
    const many = Array.from({ length: 3000 }, (_, i) =>
      record({ id: i, arrivalAt: 4000, outcome: 'served', firstReplyAt: 4000 + 3000 - i, agents: [0] }),
    );
    const m = computeMetrics(CTX, many, [], END_AT);
    expect(m.overall.frtP50).toBeCloseTo(1500.5, 12);
    expect(m.overall.frtP90).toBeCloseTo(1 + 0.9 * 2999, 9);
    expect(m.intervals[1].frtP99).toBeCloseTo(1 + 0.99 * 2999, 9);
    expect(m.groups.sales.frtMean).toBeCloseTo(1500.5, 12);
    expect(m.agents[0].served).toBe(3000);
  });

  it('handles one-second intervals (32-bit interval indices)', () => {
    const ctx = { ...CTX, intervalSec: 1 };
    const m = computeMetrics(
      ctx,
      [record({ id: 1, arrivalAt: 70_000.5, outcome: 'served', firstReplyAt: 70_012.5, agents: [0] })],
      [],
      END_AT,
    );
    expect(m.intervals).toHaveLength(86_400);
    expect(m.intervals[70_000].frtP90).toBe(12);
    expect(m.intervals[70_000].arrivalsPerDay).toBe(1);
  });

  it('rejects what it cannot measure', () => {
    expect(() => new MetricsCollector({ ...CTX, intervalSec: 7 })).toThrow(/intervalSec must divide 86400 \(got 7\)/);
    expect(() => new MetricsCollector({ ...CTX, groups: ['a', 'a'] })).toThrow(/distinct/);
    const c = new MetricsCollector(CTX);
    expect(() => c.conversationEnded(record({ id: 9, arrivalAt: 2000, outcome: 'served', groupIndex: 2 }))).toThrow(
      /groupIndex 2/,
    );
    expect(() => c.agentState(sample(5, 0, true, 0))).toThrow(/agentIndex 5/);
    c.agentState(sample(0, 100, true, 0));
    expect(() => c.agentState(sample(0, 50, true, 0))).toThrow(/time order/);
    expect(() => c.finish(99)).toThrow(/after endAt/);
  });
});

