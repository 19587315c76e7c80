import { describe, expect, it } from 'vitest';
import { overflowDueAt, overflowQueuedBy, overflowRings, type RingAgentView } from './overflow.js';

// skill groups: 0 presales, 1 aftersales; agent groups: pre (0,1) hold presales, after (2,3), lead (4) holds both
const byGroup: Record<string, RingAgentView[]> = {
  pre: [{ index: 0, skills: [0] }, { index: 1, skills: [0] }],
  after: [{ index: 3, skills: [1] }, { index: 2, skills: [1] }],
  lead: [{ index: 4, skills: [1, 0] }],
  tech: [{ index: 5, skills: [1] }],
};
const agentsOf = (id: string) => byGroup[id] ?? [];

describe('overflow rings', () => {
  it('are cumulative, sorted by index, and list what each ring adds', () => {
    const rings = overflowRings(0, [{ afterSec: 60, agentGroups: ['after'] }, { afterSec: 120, agentGroups: ['tech', 'after'] }], agentsOf);
    expect(rings).toEqual([
      { afterSec: 60, agents: [2, 3], added: [3, 2] },
      { afterSec: 120, agents: [2, 3, 5], added: [5] },
    ]);
  });
  it('never include agents who hold the skill, nor unknown groups', () => {
    const rings = overflowRings(0, [{ afterSec: 30, agentGroups: ['pre', 'lead', 'nope', 'tech'] }], agentsOf);
    expect(rings).toEqual([{ afterSec: 30, agents: [5], added: [5] }]);
    expect(overflowRings(1, [{ afterSec: 30, agentGroups: ['lead', 'after'] }], agentsOf)).toEqual([{ afterSec: 30, agents: [], added: [] }]);
  });
  it('no rings, no agents', () => {
    expect(overflowRings(0, [], agentsOf)).toEqual([]);
  });
  it('delays: a chat reaches a ring afterSec after queueing; an agent may take it once queuedAt ≤ now − afterSec', () => {
    expect(overflowDueAt(100, 60)).toBe(160);
    expect(overflowQueuedBy(160, 60)).toBe(100);
    expect(100 <= overflowQueuedBy(159.5, 60)).toBe(false);
    expect(100 <= overflowQueuedBy(overflowDueAt(100, 60), 60)).toBe(true);
  });
});
