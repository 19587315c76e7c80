// Retries after abandoning: a visitor who leaves the queue (their patience ran out) may come back
// later as a new conversation of the same group and class, with the visit's own draws (drawn when
// they first arrived: see `drawFollowingVisits`), routed like any arrival. A retry that is abandoned in
// queue may be followed by the next one; whichever attempt is served, the visitor's returns follow
// it. Plain functions the run loop calls directly; imports only the kernel and the model's own files.

import type { ContactCentre } from './contact-centre.js';
import type { Conversation, ReturnDraw } from './conversation.js';
import { Kind, Pri } from './events.js';

/** A retry on its way: the attempt it follows (its group, class, visitor and returns) and its draws (the Kind.RETRY event's target). */
export class RetryVisit {
  constructor(readonly after: Conversation, readonly draw: ReturnDraw) {}
}

/** When `c` leaves the queue at `now`: its visitor's next attempt, if drawn and before the horizon. */
export function scheduleRetry(m: ContactCentre, c: Conversation, now: number): void {
  const next = c.retries;
  if (next === null) return;
  const at = now + next.afterSec;
  if (at < m.horizon) m.q.schedule(at, Pri.RETRY, Kind.RETRY, new RetryVisit(c, next));
}

/** The visitor comes back: a new conversation of the same group and class, routed like an arrival. */
export function onRetry(m: ContactCentre, rv: RetryVisit, now: number): void {
  const before = rv.after;
  const gi = before.groupIndex;
  const g = m.groups[gi];
  const c = m.newConversation(g, gi, rv.draw.log, now);
  if (g.classes !== null) c.classIndex = before.classIndex;
  c.visitorId = before.visitorId;
  if (rv.draw.next !== null) c.retries = rv.draw.next;
  if (before.returns !== null) c.returns = before.returns;
  m.active++;
  m.route(c, g, now);
}
