// Returning visitors and sticky routing (熟客优先): a served visitor may come back, drawn at the
// release; the kernel's sticky rule (`returnRoute`) sends them to their previous agent, lets them
// wait for that agent (taken first by the next-chat rule), or routes them by the fallback policy.
// Plain functions the run loop calls directly; imports only the kernel and the model's own files.

import { returnRoute, stickyWaitEndsAt } from '../../core/routing/sticky.js';
import type { ContactCentre } from './contact-centre.js';
import { State, type Conversation } from './conversation.js';
import type { Agent } from './agents.js';
import type { GroupRuntime, ReturningRuntime } from './groups.js';
import { drawReturnAt } from './visitor-draws.js';
import { Kind, Pri } from './events.js';

/** A served visitor's return: their skill group and the agent who served them (the Kind.RETURN event's target). */
export class ReturnVisit {
  constructor(readonly groupIndex: number, readonly agent: Agent) {}
}

/** At a release: whether and when the visitor comes back (before the horizon), served by `a`. */
export function scheduleReturn(m: ContactCentre, r: ReturningRuntime, groupIndex: number, a: Agent, now: number): void {
  const at = drawReturnAt(r, now);
  if (at < m.horizon) m.q.schedule(at, Pri.RETURN, Kind.RETURN, new ReturnVisit(groupIndex, a));
}

/**
 * A served visitor comes back: to the agent who served them if they have a free slot; else,
 * while that agent is on shift, the visitor waits up to `waitSec` for them only; else (or then) the
 * fallback policy routes them like any chat. Their draws come from the group's return streams.
 */
export function onReturn(m: ContactCentre, rv: ReturnVisit, now: number): void {
  const g = m.groups[rv.groupIndex];
  const r = g.returning!;
  const c = m.newConversation(g, rv.groupIndex, now, r.draws);
  c.previousAgent = rv.agent.index;
  m.active++;
  const a = rv.agent;
  const route = returnRoute(a, a.onShift, r.waitSec);
  if (route === 'previous') {
    m.assign(c, a, now);
    return;
  }
  if (route === 'wait') {
    c.state = State.RESERVED;
    c.queuedAt = now;
    (a.reserved ??= []).push(c);
    if (c.patienceAt < Infinity) {
      c.abandonScheduled = true;
      m.q.schedule(c.patienceAt, Pri.ABANDON, Kind.ABANDON, c);
    }
    m.q.schedule(stickyWaitEndsAt(now, r.waitSec), Pri.STICKY_END, Kind.STICKY_END, c);
    return;
  }
  fallback(m, c, g, now);
}

/** A returning visitor's wait for their previous agent ends (if still waiting): the fallback. */
export function onStickyEnd(m: ContactCentre, c: Conversation, now: number): void {
  if (c.state === State.RESERVED) fallback(m, c, m.groups[c.groupIndex], now);
}

/** Routes a returning visitor by the fallback policy among the group's free agents, else queues them. */
function fallback(m: ContactCentre, c: Conversation, g: GroupRuntime, now: number): void {
  if (g.available > 0) {
    const ctx = m.ctx;
    ctx.now = now;
    ctx.cursor = g.cursor;
    if (m.takePick(c, g, g.returning!.fallback(c, g.free, ctx), now)) return;
  }
  m.enqueue(c, g, now);
}
