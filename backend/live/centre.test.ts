import { describe, expect, it } from 'vitest';
import { FakeClock } from './clock.js';
import { FULL_CHECK_EVERY, LiveCentre } from './centre.js';
import { SqliteStore } from '../store/sqlite-store.js';
import { groupYaml, scenarioFrom, simpleScenario, SERVICE_YAML } from '../test-helpers/scenario.js';
import type { Scenario } from '../../core/scenario.js';
import type { OutFrame, Recipient } from './types.js';
import { toRecord } from './records.js';
import { checkInvariants } from '../../core/invariants.js';
import { agentTable } from '../../core/roster.js';

function centreOf(scenario: Scenario, policy?: string) {
  const clock = new FakeClock();
  const store = new SqliteStore(':memory:');
  store.createRoster(agentTable(scenario).map((a, index) => ({ index, id: a.id, tokenHash: `agent-${index}` })));
  const frames: Array<[Recipient, OutFrame]> = [];
  const violations: string[] = [];
  const centre = new LiveCentre({
    scenario, clock, sink: store, checkInvariants: true, ...(policy ? { policy } : {}),
    listener: { frame: (to, f) => frames.push([to, f]), violation: (m) => violations.push(m) },
  });
  let n = 0;
  const visit = (group = 0, cls = 0) => centre.start(group, cls, 'hi', { tokenHash: `t${n++}` });
  const records = () => {
    const all = [...store.allConversations()].map((c) => toRecord(c, clock.now()));
    return checkInvariants(all, [...store.allSamples()], centre.agents.map((a) => a.cap), all.length);
  };
  return { clock, store, centre, frames, violations, visit, records };
}

describe('live centre rules (fake clock)', () => {
  it('assigns by the policy, queues at cap, frees the slot only after wrap-up', () => {
    const t = centreOf(simpleScenario({ count: 2, cap: 1 }));
    t.centre.setStatus(0, 'online');
    t.clock.advance(5);
    t.centre.setStatus(1, 'online');
    const a = t.visit();
    const b = t.visit();
    const c = t.visit();
    // least-loaded: both free, ties to the longest without a chat (agent 0 came online first)
    expect([a.agent, b.agent, c.state]).toEqual([0, 1, 'queued']);
    t.clock.advance(10);
    t.centre.agentMessage(0, a.id, 'hello');
    t.centre.close(0, a.id);
    expect(c.state).toBe('queued'); // wrap-up holds the slot
    t.clock.advance(40);
    t.centre.endWrapUp(0, a.id);
    expect([c.state, c.agent, c.assignedAt - c.queuedAt]).toEqual(['assigned', 0, 35]);
    expect(t.records()).toEqual([]);
    expect(t.violations).toEqual([]);
  });

  it('never assigns to an agent offline or away', () => {
    const t = centreOf(simpleScenario({ count: 2, cap: 2 }));
    t.centre.setStatus(1, 'away');
    const a = t.visit();
    expect(a.state).toBe('queued');
    t.centre.setStatus(0, 'online');
    expect(a.agent).toBe(0);
  });

  it('serves priority classes by the aged queue key', () => {
    const t = centreOf(simpleScenario({ count: 1, cap: 1, top: 'classes:\n  vip: { share: 0.2, priority: 60 }\n  standard: { share: 0.8, priority: 0 }\naging: 1/s' }));
    const s1 = t.visit(0, 1); // standard at 0
    t.clock.advance(30);
    const v1 = t.visit(0, 0); // vip at 30: key -30, before the standard (key 0)
    t.clock.advance(100);
    const s2 = t.visit(0, 1); // standard at 130: key 130
    t.clock.advance(200);
    const v2 = t.visit(0, 0); // vip at 200: key 140, after the standard queued at 130
    expect(t.centre.queueOf(0).map((c) => c.id)).toEqual([v1.id, s1.id, s2.id, v2.id]);
    t.centre.setStatus(0, 'online');
    expect(v1.agent).toBe(0);
    expect(t.frames.filter(([, f]) => f.type === 'queue' && f.conversationId === v2.id).map(([, f]) => (f as { position: number }).position)).toEqual([4, 3]);
  });

  it('overflows a queued chat to the ring after its delay', () => {
    const s = scenarioFrom(`name: t
days: 1
${SERVICE_YAML}
groups:
${groupYaml('pre', '    overflow: [{ after: 45s, to: [after-team] }]')}
${groupYaml('post')}
agents:
  pre-team: { count: 1, skills: [pre], maxConcurrent: 1 }
  after-team: { count: 1, skills: [post], maxConcurrent: 1 }
`);
    const t = centreOf(s);
    t.centre.setStatus(1, 'online'); // only the after-sales agent
    const c = t.visit(0);
    t.clock.advance(44.9);
    expect(c.state).toBe('queued');
    t.clock.advance(45);
    expect([c.state, c.agent, c.assignedAt]).toEqual(['assigned', 1, 45]);
    // and an agent freeing a slot takes an overflowed chat that has waited the ring's delay
    const d = t.visit(0);
    t.centre.agentMessage(1, c.id, 'hi');
    t.centre.close(1, c.id);
    t.clock.advance(60);
    t.centre.endWrapUp(1, c.id); // d waited 15 s only: not yet
    expect(d.state).toBe('queued');
    t.clock.advance(90);
    expect([d.agent, d.assignedAt]).toEqual([1, 90]);
    expect(t.violations).toEqual([]);
  });

  it('auto-transfers an unanswered chat and sends the agent away after misses', () => {
    const t = centreOf(simpleScenario({ count: 2, cap: 2, top: 'autoTransfer: { after: 30s, maxTransfers: 1, away: { misses: 1, for: 10m } }' }));
    t.centre.setStatus(0, 'online');
    const a = t.visit();
    t.centre.setStatus(1, 'online');
    expect(a.agent).toBe(0);
    t.clock.advance(30);
    expect([a.agent, a.transferredAt]).toEqual([1, [30]]);
    expect([t.centre.agents[0].online, t.centre.agents[0].awayUntil]).toEqual([false, 630]);
    // one move only: the chat stays with agent 1 though they do not answer
    t.clock.advance(100);
    expect(a.agent).toBe(1);
    const b = t.visit();
    expect(b.agent).toBe(1);
    t.clock.advance(630);
    expect(t.centre.agents[0].online).toBe(true);
    expect(t.records()).toEqual([]);
  });

  it('does not transfer a chat answered in time', () => {
    const t = centreOf(simpleScenario({ count: 2, cap: 2, top: 'autoTransfer: { after: 30s, maxTransfers: 2 }' }));
    t.centre.setStatus(0, 'online');
    t.centre.setStatus(1, 'online');
    const a = t.visit();
    t.clock.advance(29);
    t.centre.agentMessage(a.agent, a.id, 'hi');
    t.clock.advance(100);
    expect(a.transferredAt).toEqual([]);
  });

  it('returns a visitor to their previous agent, waits for them while they are busy, then falls back', () => {
    const t = centreOf(simpleScenario({ count: 2, cap: 1, group: '    returning: { share: 0.5, after: { dist: exponential, mean: 1h }, wait: 60s, fallback: least-loaded }' }));
    t.centre.setStatus(0, 'online');
    t.centre.setStatus(1, 'online');
    const first = t.visit();
    const served = first.agent;
    t.centre.agentMessage(served, first.id, 'hi');
    t.centre.close(served, first.id);
    t.centre.endWrapUp(served, first.id);
    const back = t.centre.start(0, 0, 'again', { id: first.visitorId, previousAgent: served });
    expect(back.agent).toBe(served);
    // the previous agent is full now: a second return waits for them, then falls back
    const other = 1 - served;
    const again = t.centre.start(0, 0, 'again', { id: first.visitorId, previousAgent: served });
    expect(again.state).toBe('reserved');
    t.clock.advance(59);
    expect(again.state).toBe('reserved');
    t.clock.advance(60);
    expect([again.state, again.agent]).toEqual(['assigned', other]);
  });

  it('a reserved visitor comes first when their agent frees a slot', () => {
    const t = centreOf(simpleScenario({ count: 1, cap: 1, group: '    returning: { share: 0.5, after: { dist: exponential, mean: 1h }, wait: 5m, fallback: least-loaded }' }));
    t.centre.setStatus(0, 'online');
    const a = t.visit();
    const q = t.visit(); // queued
    const back = t.centre.start(0, 0, 'again', { id: 99, previousAgent: 0 });
    expect(back.state).toBe('reserved');
    t.centre.agentMessage(0, a.id, 'x');
    t.centre.close(0, a.id);
    t.centre.endWrapUp(0, a.id);
    expect([back.agent, q.state]).toEqual([0, 'queued']);
  });

  it('closes a conversation after the visitor stays silent, and keeps the slot for wrap-up', () => {
    const t = centreOf(simpleScenario({ count: 1, cap: 1, group: '    silentClose: 5m' }));
    t.centre.setStatus(0, 'online');
    const a = t.visit();
    t.clock.advance(10);
    t.centre.agentMessage(0, a.id, 'hi');
    t.clock.advance(200);
    t.centre.visitorMessage(a.id, 'still here'); // resets the silence
    t.clock.advance(220);
    t.centre.agentMessage(0, a.id, 'ok');
    t.clock.advance(519);
    expect(a.state).toBe('assigned');
    t.clock.advance(520);
    expect([a.state, a.silentClosed, a.closedAt]).toEqual(['wrapUp', true, 520]);
    expect(t.centre.agents[0].held).toBe(1);
    t.centre.endWrapUp(0, a.id);
    const rec = toRecord(t.store.conversationById(a.id)!, 600);
    expect([rec.outcome, rec.visitorMessageAt, rec.agentMessageAt, rec.silentClosed]).toEqual(['served', [0, 200], [10, 220], true]);
    expect(t.records()).toEqual([]);
  });

  it('abandonment in queue and after assignment, one outcome each', () => {
    const t = centreOf(simpleScenario({ count: 1, cap: 1 }));
    t.centre.setStatus(0, 'online');
    const a = t.visit();
    const b = t.visit();
    t.clock.advance(20);
    t.centre.leave(b.id);
    t.centre.leave(a.id);
    expect([t.store.conversationById(a.id)!.outcome, t.store.conversationById(b.id)!.outcome]).toEqual(['abandonedAfterAssign', 'abandonedInQueue']);
    expect(() => t.centre.leave(a.id)).toThrow(/ended/);
    expect(t.centre.agents[0].held).toBe(0);
    expect(t.records()).toEqual([]);
  });

  it('uses the skill-level filter: the best-skilled free agent first', () => {
    const s = simpleScenario({ count: 1, cap: 1, agents: '  experts:\n    count: 1\n    skills: [sales]\n    maxConcurrent: 1\n    skillLevels: { sales: 5 }' });
    const t = centreOf(s, 'round-robin');
    t.centre.setStatus(0, 'online');
    t.centre.setStatus(1, 'online');
    expect(t.visit().agent).toBe(1);
    expect(t.visit().agent).toBe(0);
  });

  it('restores open conversations, the queue in order and the timers from the store', () => {
    const s = simpleScenario({ count: 1, cap: 1, top: 'autoTransfer: { after: 30s, maxTransfers: 1 }' });
    const t = centreOf(s);
    t.centre.setStatus(0, 'online');
    const a = t.visit();
    const q1 = t.visit();
    const q2 = t.visit();
    t.centre.stop();
    const again = new LiveCentre({ scenario: s, clock: t.clock, sink: t.store, checkInvariants: true });
    again.restore(t.store.load());
    expect(again.queueOf(0).map((c) => c.id)).toEqual([q1.id, q2.id]);
    expect([again.conversation(a.id)!.agent, again.agents[0].held, again.agents[0].online]).toEqual([0, 1, true]);
    again.agentMessage(0, a.id, 'x');
    again.close(0, a.id);
    again.endWrapUp(0, a.id);
    expect(again.conversation(q1.id)!.agent).toBe(0);
  });

  it('checks what each operation touched at once, and everything else within FULL_CHECK_EVERY operations', () => {
    const t = centreOf(simpleScenario({ count: 2, cap: 3 }));
    t.centre.setStatus(0, 'online');
    t.centre.setStatus(1, 'online');
    const a = t.visit();
    const other = t.centre.agents[1 - a.agent];
    // a miscount on the holder of the chat a reply touches: found by that reply
    t.centre.agents[a.agent].held += 1;
    t.centre.agentMessage(a.agent, a.id, 'x');
    expect(t.violations).toEqual([`agent ${t.centre.agents[a.agent].id} counts 2 chats but holds 1`]);
    t.centre.agents[a.agent].held -= 1;
    // a miscount on an agent nothing touches: not seen by the next message, seen by the full check
    other.held = 7;
    t.violations.length = 0;
    t.centre.visitorMessage(a.id, 'y');
    expect(t.violations).toEqual([]);
    for (let i = 0; i < FULL_CHECK_EVERY && t.violations.length === 0; i++) t.centre.visitorMessage(a.id, `m${i}`);
    expect(t.violations).toEqual([`agent ${other.id} holds 7 chats (cap 3)`, `agent ${other.id} counts 7 chats but holds 0`]);
  });
});
