// Builders of normalised scenarios and recorders for tests. Not part of the build.

import type { AgentGroup, DistributionSpec, Scenario, SkillGroup } from '../../core/scenario.js';

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
export { ArrayRecorder } from '../../core/records.js';
