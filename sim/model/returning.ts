// Returning visitors and sticky routing (熟客优先): a served visitor may come back (drawn when they
// first arrived: see `drawFollowingVisits`), some time after the release; the kernel's sticky rule (`returnRoute`) sends them to their previous agent, lets them
// wait for that agent (taken first by the next-chat rule), or routes them by the fallback policy.
// Plain functions the run loop calls directly; imports only the kernel and the model's own files.

import { returnRoute, stickyWaitEndsAt } from '../../core/routing/sticky.js';
import type { ContactCentre } from './contact-centre.js';
import { State, type Conversation, type ReturnDraw } from './conversation.js';
import type { Agent } from './agents.js';
import type { GroupRuntime } from './groups.js';
import { Kind, Pri } from './events.js';

/** A served visitor's return: their skill group, the agent who served them and the visit's draws (the Kind.RETURN event's target). */
export class ReturnVisit {
  constructor(readonly groupIndex: number, readonly classIndex: number, readonly agent: Agent, readonly draw: ReturnDraw) {}
}

/** At the release of a visit served by `a`: its visitor's next visit `back`, if it falls before the horizon. */
export function scheduleReturn(m: ContactCentre, back: ReturnDraw, groupIndex: number, classIndex: number, a: Agent, now: number): void {
  const at = now + back.afterSec;
  if (at < m.horizon) m.q.schedule(at, Pri.RETURN, Kind.RETURN, new ReturnVisit(groupIndex, classIndex, a, back));
}

/**
 * A served visitor comes back: to the agent who served them if they have a free slot; else,
 * while that agent is on shift, the visitor waits up to `waitSec` for them only; else (or then) the
 * fallback policy routes them like any chat. Their draws came from the group's return streams.
 */
export function onReturn(m: ContactCentre, rv: ReturnVisit, now: number): void {
  const g = m.groups[rv.groupIndex];
  const r = g.returning!;
  const c = m.newConversation(g, rv.groupIndex, rv.draw.log, now);
  if (g.classes !== null) c.classIndex = rv.classIndex;
  c.previousAgent = rv.agent.index;
  if (rv.draw.next !== null) c.returns = rv.draw.next;
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
