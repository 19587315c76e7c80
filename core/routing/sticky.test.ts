import { describe, expect, it } from 'vitest';
import { returnRoute, stickyWaitEndsAt } from './sticky.js';
import type { AgentView } from './policies.js';

const agent = (over: Partial<AgentView> = {}): AgentView => ({ index: 2, online: true, held: 1, cap: 2, rank: 1, lastAssignedAt: 0, ...over });

describe('the sticky rule for returning visitors', () => {
  it('goes to the previous agent when they have a free slot, waiting or not', () => {
    expect(returnRoute(agent(), true, 120)).toBe('previous');
    expect(returnRoute(agent(), true, 0)).toBe('previous');
  });
  it('waits for a busy agent on shift, and for one away while still rostered', () => {
    expect(returnRoute(agent({ held: 2 }), true, 120)).toBe('wait');
    expect(returnRoute(agent({ online: false }), true, 120)).toBe('wait');
  });
  it('falls back when waiting is off or the agent is off shift', () => {
    expect(returnRoute(agent({ held: 2 }), true, 0)).toBe('fallback');
    expect(returnRoute(agent({ online: false }), false, 120)).toBe('fallback');
  });
  it('the wait ends waitSec after it starts', () => {
    expect(stickyWaitEndsAt(1000, 120)).toBe(1120);
  });
});
