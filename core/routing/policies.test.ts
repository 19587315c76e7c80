import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, NO_CURSOR, POLICIES, POLICY_NAMES, getPolicy, type AgentView, type ChatView, type RoutingContext } from './policies.js';
import { stream } from '../../sim/engine/random.js';

const chat: ChatView = { groupIndex: 0, classIndex: 0, arrivalAt: 0, queuedAt: NaN, previousAgent: -1 };
const ctx = (cursor = NO_CURSOR): RoutingContext => ({ now: 100, rng: () => 0.5, cursor });
const agent = (index: number, over: Partial<AgentView> = {}): AgentView => ({ index, online: true, held: 0, cap: 2, rank: 1, lastAssignedAt: 0, ...over });

/** Every ordering of `xs` (for the small lists used here). */
function permutations<T>(xs: readonly T[]): T[][] {
  if (xs.length <= 1) return [xs.slice()];
  return xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((p) => [x, ...p]));
}

describe('routing policies', () => {
  it('are registered by name, sorted, with the default among them', () => {
    expect(POLICY_NAMES).toEqual(['experienced-first', 'least-loaded', 'longest-idle', 'round-robin']);
    expect(POLICY_NAMES).toContain(DEFAULT_POLICY);
    for (const name of POLICY_NAMES) expect(getPolicy(name)?.name).toBe(name);
    expect(getPolicy('nope')).toBeUndefined();
    expect(getPolicy('__proto__')).toBeUndefined();
    expect(getPolicy('toString')).toBeUndefined();
  });

  it('return -1 when nobody is online with a free slot', () => {
    const none = [agent(0, { online: false }), agent(1, { held: 2 }), agent(2, { cap: 0 })];
    for (const name of POLICY_NAMES) {
      expect(POLICIES[name].selectAgent(chat, none, ctx()), name).toBe(-1);
      expect(POLICIES[name].selectAgent(chat, [], ctx()), name).toBe(-1);
    }
  });

  it('never pick an agent who is offline or full', () => {
    const rng = stream('policies', 'walk');
    for (let trial = 0; trial < 2000; trial++) {
      const n = 1 + Math.floor(rng() * 8);
      const agents = Array.from({ length: n }, (_, i) => agent(i * 3 + 1, {
        online: rng() < 0.7, cap: 1 + Math.floor(rng() * 3), held: Math.floor(rng() * 4), rank: Math.floor(rng() * 3), lastAssignedAt: Math.floor(rng() * 5),
      }));
      const free = agents.filter((a) => a.online && a.held < a.cap);
      for (const name of POLICY_NAMES) {
        const pick = POLICIES[name].selectAgent(chat, agents, ctx(Math.floor(rng() * 30) - 1));
        if (free.length === 0) expect(pick).toBe(-1);
        else expect(free.map((a) => a.index), name).toContain(pick);
      }
    }
  });

  it('pick the same agent whatever the order of the list, through every tie', () => {
    // five agents tied two by two on every key, so each tie-break is exercised
    const agents = [
      agent(4, { held: 1, rank: 1, lastAssignedAt: 10 }),
      agent(2, { held: 1, rank: 1, lastAssignedAt: 10 }),
      agent(7, { held: 0, rank: 2, lastAssignedAt: 10 }),
      agent(5, { held: 0, rank: 2, lastAssignedAt: 10 }),
      agent(9, { held: 1, rank: 1, lastAssignedAt: 5 }),
    ];
    for (const name of POLICY_NAMES) {
      for (const cursor of [-1, 2, 5, 9]) {
        const picks = new Set(permutations(agents).map((p) => POLICIES[name].selectAgent(chat, p, ctx(cursor))));
        expect(picks.size, `${name} cursor ${cursor}`).toBe(1);
      }
    }
  });

  it('break ties as documented', () => {
    const pick = (name: string, agents: AgentView[], cursor = -1) => POLICIES[name].selectAgent(chat, agents, ctx(cursor));
    // least-loaded: fewest held, then longest without a new chat, then lowest index
    expect(pick('least-loaded', [agent(0, { held: 1 }), agent(1, { held: 0, lastAssignedAt: 50 }), agent(2, { held: 0, lastAssignedAt: 20 })])).toBe(2);
    expect(pick('least-loaded', [agent(3, { held: 0, lastAssignedAt: 20 }), agent(1, { held: 0, lastAssignedAt: 20 })])).toBe(1);
    // longest-idle: whatever the load
    expect(pick('longest-idle', [agent(0, { held: 0, lastAssignedAt: 50 }), agent(1, { held: 1, lastAssignedAt: 20 })])).toBe(1);
    expect(pick('longest-idle', [agent(5, { lastAssignedAt: 20 }), agent(3, { lastAssignedAt: 20 })])).toBe(3);
    // experienced-first: lowest rank, then fewest held, then longest idle, then lowest index
    expect(pick('experienced-first', [agent(0, { rank: 2, held: 0 }), agent(1, { rank: 1, held: 1 })])).toBe(1);
    expect(pick('experienced-first', [agent(0, { rank: 1, held: 1 }), agent(1, { rank: 1, held: 0 })])).toBe(1);
    expect(pick('experienced-first', [agent(2, { lastAssignedAt: 9 }), agent(1, { lastAssignedAt: 9 }), agent(0, { lastAssignedAt: 10 })])).toBe(1);
  });

  it('round-robin takes the next free agent after the cursor, by index, and wraps around', () => {
    const agents = [agent(6), agent(1), agent(3, { held: 2 }), agent(4)];
    const rr = (cursor: number) => POLICIES['round-robin'].selectAgent(chat, agents, ctx(cursor));
    expect(rr(-1)).toBe(1);
    expect(rr(1)).toBe(4); // 3 is full
    expect(rr(4)).toBe(6);
    expect(rr(6)).toBe(1); // wraps
    expect(rr(100)).toBe(1);
    // the caller keeps the cursor: following the picks visits every free agent in turn
    let cursor = -1;
    const seen: number[] = [];
    for (let i = 0; i < 6; i++) seen.push((cursor = rr(cursor)));
    expect(seen).toEqual([1, 4, 6, 1, 4, 6]);
  });

  it('do not mutate the agents or read the clock beyond the context', () => {
    const agents = [agent(0, { held: 1 }), agent(1)];
    const before = JSON.stringify(agents);
    for (const name of POLICY_NAMES) POLICIES[name].selectAgent(chat, Object.freeze(agents.map((a) => Object.freeze({ ...a }))), ctx());
    expect(JSON.stringify(agents)).toBe(before);
  });
});
