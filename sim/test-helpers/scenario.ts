// Builders of normalised scenarios and recorders for tests. Not part of the build.

import type { AgentGroup, DistributionSpec, Scenario, SkillGroup } from '../../scenarios/types.js';
import type { AgentStateSample, ConversationRecord, Recorder } from '../../core/records.js';

export const fixed = (value: number): DistributionSpec => ({ kind: 'fixed', value });
export const expo = (mean: number): DistributionSpec => ({ kind: 'exponential', mean });

export function group(id: string, ratePerHour: number, over: Partial<SkillGroup> = {}): SkillGroup {
  return {
    id,
    arrivals: { windows: [{ fromSec: 0, toSec: 86400, ratePerSec: ratePerHour / 3600 }], promos: [], dailyCv: 0 },
    patience: fixed(Infinity),
    rounds: fixed(1),
    thinkTime: fixed(0),
    service: { firstReply: fixed(0), nextReply: fixed(0), wrapUp: fixed(0) },
    ...over,
  };
}

export function agents(id: string, count: number, skills: string[], over: Partial<AgentGroup> = {}): AgentGroup {
  return { id, count, skills, maxConcurrent: 1, speed: 1, rank: 1, slowdown: 0, shifts: [], ...over };
}

export function scenario(over: Partial<Scenario> & Pick<Scenario, 'groups' | 'agents'>): Scenario {
  const days = over.days ?? 1;
  return {
    name: 'test',
    description: '',
    days,
    horizonSec: days * 86400,
    seed: '1',
    replications: 1,
    warmupSec: 0,
    slTimeSec: 20,
    intervalSec: 1800,
    queuePlacementThresholdSec: 60,
    drainSec: 4 * 3600,
    policy: 'least-loaded',
    sla: [],
    ...over,
  };
}

/** An M/M/n+M scenario: Poisson arrivals, exponential handle (think time of round 2), exponential patience. */
export function mmnm(o: { ratePerSec: number; ahtSec: number; servers: number; patienceSec: number; days?: number }): Scenario {
  return scenario({
    days: o.days ?? 1,
    groups: [group('g', o.ratePerSec * 3600, {
      patience: o.patienceSec === Infinity ? fixed(Infinity) : expo(o.patienceSec),
      rounds: fixed(2),
      thinkTime: expo(o.ahtSec),
    })],
    agents: [agents('a', o.servers, ['g'])],
  });
}

/** Keeps copies of everything recorded. */
export class ArrayRecorder implements Recorder {
  records: ConversationRecord[] = [];
  samples: AgentStateSample[] = [];
  conversationEnded(r: ConversationRecord): void {
    // the record's fields only (the model's objects also hold internal state: agents, queues, …)
    this.records.push({
      id: r.id,
      groupIndex: r.groupIndex,
      arrivalAt: r.arrivalAt,
      patienceAt: r.patienceAt,
      queuedAt: r.queuedAt,
      assignedAt: r.assignedAt,
      firstReplyAt: r.firstReplyAt,
      abandonedAt: r.abandonedAt,
      closedAt: r.closedAt,
      releasedAt: r.releasedAt,
      endedAt: r.endedAt,
      outcome: r.outcome,
      agents: [...r.agents],
      visitorMessageAt: [...r.visitorMessageAt],
      agentMessageAt: [...r.agentMessageAt],
      ...(r.transferredAt ? { transferredAt: [...r.transferredAt] } : {}),
      ...(r.classIndex !== undefined ? { classIndex: r.classIndex } : {}),
      ...(r.messageAt !== undefined ? { messageAt: r.messageAt } : {}),
      ...(r.noReplyNeeded !== undefined ? { noReplyNeeded: r.noReplyNeeded } : {}),
      ...(r.followUpAt !== undefined ? { followUpAt: r.followUpAt } : {}),
      ...(r.previousAgent !== undefined ? { previousAgent: r.previousAgent } : {}),
      ...(r.silentClosed !== undefined ? { silentClosed: r.silentClosed } : {}),
    });
  }
  agentState(s: AgentStateSample): void {
    this.samples.push({ ...s });
  }
}
