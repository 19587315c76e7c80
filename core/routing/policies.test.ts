import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, NO_CURSOR, POLICIES, POLICY_NAMES, getPolicy, type AgentView, type ChatView, type RoutingContext } from './policies.js';
import { stream } from '../../sim/engine/random.js';

const chat: ChatView = { groupIndex: 0, classIndex: 0, arrivalAt: 0, queuedAt: NaN, previousAgent: -1 };
const ctx = (cursor = NO_CURSOR): RoutingContext => ({ now: 100, rng: () => 0.5, cursor });
const agent = (index: number, over: Partial<AgentView> = {}): AgentView => ({ index, online: true, held: 0, cap: 4, rank: 1, lastAssignedAt: 0, ...over });

function shuffled<T>(xs: readonly T[], rng: () => number): T[] {
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

describe('routing policies', () => {
  it('the registry: sorted names, the default exists, unknown names are undefined', () => {
    expect(POLICY_NAMES).toEqual([...POLICY_NAMES].sort());
    expect(getPolicy(DEFAULT_POLICY)).toBe(POLICIES[DEFAULT_POLICY]);
    expect(getPolicy('nope')).toBeUndefined();
    expect(getPolicy('toString')).toBeUndefined();
  });

  it('every policy: the same pick whatever the order of the agents, and no mutation', () => {
    const rng = stream('policies', 'shuffle');
    for (let trial = 0; trial < 300; trial++) {
      const agents = Array.from({ length: 8 }, (_, i) => Object.freeze(agent(i, {
        online: rng() < 0.8, held: Math.floor(rng() * 3), cap: 1 + Math.floor(rng() * 3), rank: 1 + Math.floor(rng() * 2), lastAssignedAt: Math.floor(rng() * 3),
      })));
      const c = Object.freeze(ctx(Math.floor(rng() * 9) - 1));
      for (const name of POLICY_NAMES) {
        const pick = POLICIES[name].selectAgent(chat, agents, c);
        for (let k = 0; k < 3; k++) expect(POLICIES[name].selectAgent(chat, Object.freeze(shuffled(agents, rng)), c)).toBe(pick);
      }
    }
  });

  it('every policy: -1 when nobody is online with a free slot', () => {
    const agents = [agent(0, { online: false }), agent(1, { held: 4 }), agent(2, { cap: 0 })];
    for (const name of POLICY_NAMES) {
      expect(POLICIES[name].selectAgent(chat, agents, ctx())).toBe(-1);
      expect(POLICIES[name].selectAgent(chat, [], ctx())).toBe(-1);
    }
  });

  it('least-loaded: fewest held, then longest without a new chat, then lowest index', () => {
    const p = POLICIES['least-loaded'].selectAgent;
    expect(p(chat, [agent(0, { held: 2 }), agent(1, { held: 1, lastAssignedAt: 50 })], ctx())).toBe(1);
    expect(p(chat, [agent(0, { held: 1, lastAssignedAt: 50 }), agent(1, { held: 1, lastAssignedAt: 40 })], ctx())).toBe(1);
    expect(p(chat, [agent(3, { held: 1 }), agent(2, { held: 1 })], ctx())).toBe(2);
  });

  it('longest-idle: longest without a new chat whatever the load, then lowest index', () => {
    const p = POLICIES['longest-idle'].selectAgent;
    expect(p(chat, [agent(0, { held: 0, lastAssignedAt: 50 }), agent(1, { held: 3, lastAssignedAt: 10 })], ctx())).toBe(1);
    expect(p(chat, [agent(5, { lastAssignedAt: 10 }), agent(4, { lastAssignedAt: 10 })], ctx())).toBe(4);
  });

  it('experienced-first: lowest rank, then fewest held, then longest idle, then lowest index', () => {
    const p = POLICIES['experienced-first'].selectAgent;
    expect(p(chat, [agent(0, { rank: 2 }), agent(1, { rank: 1, held: 3 })], ctx())).toBe(1);
    expect(p(chat, [agent(0, { held: 2 }), agent(1, { held: 1 })], ctx())).toBe(1);
    expect(p(chat, [agent(0, { lastAssignedAt: 9 }), agent(1, { lastAssignedAt: 8 })], ctx())).toBe(1);
    expect(p(chat, [agent(7), agent(6)], ctx())).toBe(6);
  });

  it('round-robin: the next free index after the cursor, wrapping around; the caller keeps the cursor', () => {
    const p = POLICIES['round-robin'].selectAgent;
    const agents = [agent(4), agent(1), agent(6, { held: 4 }), agent(2)];
    expect(p(chat, agents, ctx(NO_CURSOR))).toBe(1);
    expect(p(chat, agents, ctx(1))).toBe(2);
    expect(p(chat, agents, ctx(2))).toBe(4);
    expect(p(chat, agents, ctx(4))).toBe(1); // 6 is full: wraps around
    expect(p(chat, agents, ctx(9))).toBe(1);
    // a rotation driven by the caller visits every free agent once per turn
    let cursor = NO_CURSOR;
    const seen: number[] = [];
    for (let i = 0; i < 6; i++) { cursor = p(chat, agents, ctx(cursor)); seen.push(cursor); }
    expect(seen).toEqual([1, 2, 4, 1, 2, 4]);
  });
});
