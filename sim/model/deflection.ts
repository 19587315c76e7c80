// Deflection by FAQ cards and bots: a deflected visitor needs no person and ends as deflected, or
// follows up later and is routed then, their patience running from the follow-up. The draws are in
// visitor-draws.ts. Plain functions the run loop calls directly; imports only the model's own files.

import type { ContactCentre } from './contact-centre.js';
import { State, type Conversation } from './conversation.js';
import type { GroupRuntime } from './groups.js';
import { DEFLECTED_FOLLOWS_UP } from './visitor-draws.js';
import { Kind, Pri } from './events.js';

/** When the visitor first needs a person, seconds: the follow-up after a deflection, else now. */
export function followUpAt(g: GroupRuntime, deflection: number, now: number): number {
  return deflection === DEFLECTED_FOLLOWS_UP ? now + g.deflection!.followUpAfterSec : now;
}

/** A deflected visitor (see `drawDeflection`): ends as deflected, or waits to follow up. */
export function deflect(m: ContactCentre, c: Conversation, deflection: number, now: number): void {
  if (deflection !== DEFLECTED_FOLLOWS_UP) {
    c.state = State.ENDED;
    c.outcome = 'deflected';
    m.end(c, now);
    return;
  }
  c.state = State.FOLLOW_UP_PENDING;
  const at = followUpAt(m.groups[c.groupIndex], deflection, now);
  c.followUpAt = at;
  m.q.schedule(at, Pri.FOLLOW_UP, Kind.FOLLOW_UP, c);
}

/** A follow-up after a deflection: the conversation now needs a person. */
export function onFollowUp(m: ContactCentre, c: Conversation, now: number): void {
  m.route(c, m.groups[c.groupIndex], now);
}
