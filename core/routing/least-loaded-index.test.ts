import { describe, expect, it } from 'vitest';
import { LeastLoadedIndex } from './least-loaded-index.js';
import { POLICIES, type AgentView, type ChatView } from './policies.js';
import { withoutAgent } from './candidates.js';
import { stream } from '../../sim/engine/random.js';

const chat = (arrivalAt: number): ChatView => ({ groupIndex: 0, classIndex: 0, arrivalAt, queuedAt: NaN, previousAgent: -1 });

describe('LeastLoadedIndex', () => {
  it('picks exactly what the least-loaded policy picks, with and without one agent left out, through random changes', () => {
    const rng = stream('index', 'property');
    const n = 60;
    const agents: AgentView[] = Array.from({ length: n }, (_, index) => ({
      index, online: false, held: 0, cap: 1 + Math.floor(rng() * 6), rank: 1, lastAssignedAt: 0,
    }));
    const idx = new LeastLoadedIndex<AgentView>(n);
    const available = (a: AgentView) => a.online && a.held < a.cap;
    const refile = (a: AgentView) => { idx.delete(a); if (available(a)) idx.add(a); };
    const select = POLICIES['least-loaded'].selectAgent;
    let now = 0;
    let excludedTop = 0;
    for (let step = 0; step < 20000; step++) {
      now += Math.floor(rng() * 3); // coarse clock: many equal lastAssignedAt, ties by index
      const a = agents[Math.floor(rng() * n)];
      const u = rng();
      if (u < 0.1) a.online = !a.online;
      else if (u < 0.55 && a.held < a.cap) { a.held++; a.lastAssignedAt = now; }
      else if (a.held > 0) a.held--;
      refile(a);
      const ctx = { now, rng, cursor: -1 };
      const want = select(chat(now), agents, ctx);
      expect(idx.pick()).toBe(want);
      expect(idx.size).toBe(agents.filter(available).length);
      // the transfer exclusion: the current pick half the time (the hard case), else anyone
      const x = rng() < 0.5 && want >= 0 ? want : Math.floor(rng() * n);
      if (x === want) excludedTop++;
      expect(idx.pickExcept(x)).toBe(select(chat(now), withoutAgent(agents, x), ctx));
      expect(idx.pick()).toBe(want); // pickExcept changes nothing
    }
    expect(excludedTop).toBeGreaterThan(5000);
  });

  it('pickExcept: -1 when the left-out agent is the only one filed, or nobody is', () => {
    const idx = new LeastLoadedIndex<AgentView>(3);
    expect(idx.pickExcept(0)).toBe(-1);
    const a: AgentView = { index: 1, online: true, held: 0, cap: 2, rank: 1, lastAssignedAt: 0 };
    idx.add(a);
    expect(idx.pickExcept(1)).toBe(-1);
    expect(idx.pickExcept(2)).toBe(1);
  });
});
