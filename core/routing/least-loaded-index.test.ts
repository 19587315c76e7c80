import { describe, expect, it } from 'vitest';
import { LeastLoadedIndex } from './least-loaded-index.js';
import { POLICIES, type AgentView } from './policies.js';
import { stream } from '../../sim/engine/random.js';

describe('LeastLoadedIndex', () => {
  it('picks exactly what the least-loaded policy picks, through random changes', () => {
    const rng = stream('index', 'property');
    const n = 60;
    const agents: AgentView[] = Array.from({ length: n }, (_, index) => ({
      index, online: false, held: 0, cap: 1 + Math.floor(rng() * 6), rank: 1, lastAssignedAt: 0,
    }));
    const idx = new LeastLoadedIndex<AgentView>(n);
    const available = (a: AgentView) => a.online && a.held < a.cap;
    const refile = (a: AgentView) => { idx.delete(a); if (available(a)) idx.add(a); };
    let now = 0;
    for (let step = 0; step < 20000; step++) {
      now += Math.floor(rng() * 3); // coarse clock: many equal lastAssignedAt, ties by index
      const a = agents[Math.floor(rng() * n)];
      const u = rng();
      if (u < 0.1) a.online = !a.online;
      else if (u < 0.55 && a.held < a.cap) { a.held++; a.lastAssignedAt = now; }
      else if (a.held > 0) a.held--;
      refile(a);
      const want = POLICIES['least-loaded'].selectAgent({ groupIndex: 0, arrivalAt: now }, agents, { now, rng, cursor: -1 });
      expect(idx.pick()).toBe(want);
      expect(idx.size).toBe(agents.filter(available).length);
    }
  });
});
