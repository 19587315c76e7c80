// Leave a message (转留言): a queued visitor inclined to leave one does so after the group's delay
// (or when patience would run out, if sooner), or at once when nobody of the skill is online; the
// message waits without patience and agents take it when nothing live waits for them (the
// next-chat rule). Plain functions the run loop calls directly; imports only the kernel and the
// model's own files.

import type { ContactCentre } from './contact-centre.js';
import { State, type Conversation } from './conversation.js';
import type { Agent } from './agents.js';
import type { GroupRuntime } from './groups.js';
import { Kind, Pri } from './events.js';

/** A chat just queued whose visitor would leave a message: nobody online, at once; else the timer. */
export function scheduleLeaveMessage(m: ContactCentre, c: Conversation, g: GroupRuntime, now: number): void {
  if (g.onlineCount === 0) leaveMessage(c, g, now);
  else m.q.schedule(Math.max(now, Math.min(c.queuedAt + g.leaveMessage!.afterSec, c.patienceAt)), Pri.LEAVE_MESSAGE, Kind.LEAVE_MESSAGE, c);
}

/** The leave-a-message timer of a queued visitor. */
export function onLeaveMessage(m: ContactCentre, c: Conversation, now: number): void {
  if (c.state === State.QUEUED) leaveMessage(c, m.groups[c.groupIndex], now);
}

/**
 * The queued visitor leaves a message and goes: out of the live queue, no more patience, one
 * reply (the agent's answer) then wrap-up. Agents take messages when no live chat waits.
 */
export function leaveMessage(c: Conversation, g: GroupRuntime, now: number): void {
  c.state = State.MESSAGE;
  c.messageAt = now;
  g.queued--;
  if (g.classes !== null) g.classes[c.classIndex].queued--;
  c.patienceAt = Infinity;
  c.stopAfter(1);
  c.silentAfter = 0; // the answer to a message closes it
  c.silentClosed = false;
  g.messages.queue.push(c);
  g.messages.queued++;
}

/** Counts agents online per skill for groups where nobody online means leaving a message at once. */
export function countOnline(m: ContactCentre, a: Agent, delta: number): void {
  if (!m.messages) return;
  for (let i = 0; i < a.skills.length; i++) m.groups[a.skills[i]].onlineCount += delta;
}
