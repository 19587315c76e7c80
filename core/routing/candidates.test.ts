import { describe, expect, it } from 'vitest';
import { hasFreeSlot, topSkillLevel, withoutAgent } from './candidates.js';
import type { AgentView } from './policies.js';

const agent = (index: number, over: Partial<AgentView> = {}): AgentView => ({ index, online: true, held: 0, cap: 2, rank: 1, lastAssignedAt: 0, ...over });

describe('hasFreeSlot', () => {
  it('needs online and held below cap', () => {
    expect(hasFreeSlot(agent(0))).toBe(true);
    expect(hasFreeSlot(agent(0, { held: 2 }))).toBe(false);
    expect(hasFreeSlot(agent(0, { online: false }))).toBe(false);
    expect(hasFreeSlot(agent(0, { cap: 0 }))).toBe(false); // the lurker fix: cap 0
  });
});

describe('topSkillLevel', () => {
  const levels = [1, 3, 3, 2, 5];
  it('keeps the free agents at the highest level among the free ones, in input order', () => {
    const agents = [agent(3), agent(2), agent(0), agent(1), agent(4, { held: 2 })];
    // agent 4 (level 5) is full: the best free level is 3
    expect(topSkillLevel(agents, levels).map((a) => a.index)).toEqual([2, 1]);
  });
  it('ignores agents offline or full; empty when nobody is free', () => {
    expect(topSkillLevel([agent(1, { online: false }), agent(0)], levels).map((a) => a.index)).toEqual([0]);
    expect(topSkillLevel([agent(1, { held: 2 })], levels)).toEqual([]);
    expect(topSkillLevel([], levels)).toEqual([]);
  });
  it('does not mutate its input', () => {
    const agents = Object.freeze([agent(0), agent(1)].map((a) => Object.freeze(a)));
    expect(topSkillLevel(agents, levels).map((a) => a.index)).toEqual([1]);
  });
});

describe('withoutAgent', () => {
  it('leaves the agent out, in order, and returns the list itself when it is not there', () => {
    const agents = Object.freeze([agent(4), agent(1), agent(7)]);
    expect(withoutAgent(agents, 1).map((a) => a.index)).toEqual([4, 7]);
    expect(withoutAgent(agents, 4).map((a) => a.index)).toEqual([1, 7]);
    expect(withoutAgent(agents, 7).map((a) => a.index)).toEqual([4, 1]);
    expect(withoutAgent(agents, 2)).toBe(agents);
    expect(withoutAgent(agents, -1)).toBe(agents);
    expect(withoutAgent([agent(3)], 3)).toEqual([]);
    expect(agents.map((a) => a.index)).toEqual([4, 1, 7]);
  });
});
