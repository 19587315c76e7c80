// A hand-built run with known answers for the metrics tests: records, samples, context, end.
// Test-only (excluded from the build); must not import the model.

import type { AgentStateSample, ConversationRecord, Outcome } from '../../records.js';
import type { MetricsContext } from '../context.js';

/** A record with every instant NaN unless given. */
export function record(fields: Partial<ConversationRecord> & { id: number; arrivalAt: number; outcome: Outcome }): ConversationRecord {
  return {
    groupIndex: 0,
    patienceAt: Infinity,
    queuedAt: NaN,
    assignedAt: NaN,
    firstReplyAt: NaN,
    abandonedAt: NaN,
    closedAt: NaN,
    releasedAt: NaN,
    endedAt: NaN,
    agents: [],
    visitorMessageAt: [fields.arrivalAt],
    agentMessageAt: [],
    ...fields,
  };
}

export function sample(agentIndex: number, at: number, online: boolean, held: number): AgentStateSample {
  return { agentIndex, at, online, held };
}

/** One day of hourly intervals, warm-up 1000 s, the run drained until 90000 s (day 1, 01:00). */
export const CTX: MetricsContext = {
  groups: ['sales', 'support'],
  agents: [
    { id: 'a-1', group: 'a', cap: 2 },
    { id: 'b-1', group: 'b', cap: 1 },
  ],
  horizonSec: 86_400,
  warmupSec: 1000,
  slTimeSec: 20,
  intervalSec: 3600,
  queuePlacementThresholdSec: 60,
};

export const END_AT = 90_000;

/**
 * R0 arrives in warm-up (not measured; its queue time after 1000 s still counts in queue length).
 * R1, R2, R6 are served in interval 1 (R2 queued 90 s and was transferred a-1 → b-1); R3 leaves the
 * queue after 40 s and R4 after assignment (queued 70 s), both interval 2; R5 arrives at 23:53:20
 * and is still queued at the end (4000 s, across midnight).
 */
export function records(): ConversationRecord[] {
  return [
    record({
      id: 0, arrivalAt: 500, outcome: 'served', queuedAt: 500, assignedAt: 1500, firstReplyAt: 1510,
      closedAt: 1600, releasedAt: 1660, endedAt: 1660, agents: [0], agentMessageAt: [1510],
    }),
    record({
      id: 1, arrivalAt: 3600, outcome: 'served', assignedAt: 3600, firstReplyAt: 3610, closedAt: 3730,
      releasedAt: 3790, endedAt: 3790, agents: [0], visitorMessageAt: [3600, 3700], agentMessageAt: [3610, 3730],
    }),
    record({
      id: 2, arrivalAt: 3700, outcome: 'served', queuedAt: 3700, assignedAt: 3790, firstReplyAt: 3800,
      closedAt: 3920, releasedAt: 3950, endedAt: 3950, agents: [0, 1],
      visitorMessageAt: [3700, 3900, 4000], agentMessageAt: [3800, 3920],
    }),
    record({
      id: 3, groupIndex: 1, arrivalAt: 7200, outcome: 'abandonedInQueue', queuedAt: 7200, abandonedAt: 7240,
      endedAt: 7240,
    }),
    record({
      id: 4, groupIndex: 1, arrivalAt: 7300, outcome: 'abandonedAfterAssign', queuedAt: 7300, assignedAt: 7370,
      abandonedAt: 7400, releasedAt: 7400, endedAt: 7400, agents: [1],
    }),
    record({ id: 5, groupIndex: 1, arrivalAt: 86_000, outcome: 'unanswered', queuedAt: 86_000, endedAt: 90_000 }),
    record({
      id: 6, groupIndex: 1, arrivalAt: 3650, outcome: 'served', assignedAt: 3650, firstReplyAt: 3665, closedAt: 3665,
      releasedAt: 3700, endedAt: 3700, agents: [1], agentMessageAt: [3665],
    }),
  ];
}

/**
 * a-1 (cap 2) is online from 0, holds 1 chat from 3600, 2 from 5400, goes offline at 7200 still
 * holding 1 (draining, counts as online) until 9000. b-1 (cap 1) is online from 80000, holds 1 from
 * 85000 to 88000 (across midnight), and stays online until the end of the run.
 */
export function samples(): AgentStateSample[] {
  return [
    sample(0, 0, true, 0),
    sample(0, 3600, true, 1),
    sample(0, 5400, true, 2),
    sample(0, 7200, false, 1),
    sample(0, 9000, false, 0),
    sample(1, 80_000, true, 0),
    sample(1, 85_000, true, 1),
    sample(1, 88_000, true, 0),
  ];
}
