// Overflow rings at run time: who is in each ring (the kernel's `overflowRings`), the ring events of
// a queued chat (at the kernel's `overflowDueAt`), and the pick when a ring opens (the policy over
// the ring's agents, with `NO_CURSOR`). Agents who free a slot take overflowed chats through the
// next-chat scan (queues.ts). Plain functions the run loop calls directly; imports only the kernel
// and the model's own files.

import type { Scenario } from '../../core/scenario.js';
import { NO_CURSOR } from '../../core/routing/policies.js';
import { hasFreeSlot } from '../../core/routing/candidates.js';
import { overflowDueAt, overflowRings } from '../../core/routing/overflow.js';
import type { ContactCentre } from './contact-centre.js';
import { State, type Conversation } from './conversation.js';
import type { Agent } from './agents.js';
import type { GroupRuntime } from './groups.js';
import { Kind, Pri } from './events.js';

/** Wires the overflow rings: each ring's agents (cumulative), and each agent's overflow sources (by skill group). */
export function wireOverflow(m: ContactCentre, scenario: Scenario, byAgentGroup: Map<string, Agent[]>): void {
  scenario.groups.forEach((sg, gi) => {
    if (sg.overflow === undefined || sg.overflow.length === 0) return;
    const g = m.groups[gi];
    const rings = overflowRings(gi, sg.overflow, (id) => byAgentGroup.get(id) ?? []);
    g.overflow = rings.map((ring) => {
      for (const i of ring.added) (m.agents[i].overflowFrom ??= []).push({ g, groupIndex: gi, afterSec: ring.afterSec });
      return { afterSec: ring.afterSec, agents: ring.agents.map((i) => m.agents[i]) };
    });
  });
}

/** A chat just queued in a group with rings: its first ring event (at once if it has waited that long already). */
export function scheduleOverflow(m: ContactCentre, c: Conversation, g: GroupRuntime, now: number): void {
  m.q.schedule(Math.max(now, overflowDueAt(c.queuedAt, g.overflow![0].afterSec)), Pri.OVERFLOW, Kind.OVERFLOW, c);
}

/**
 * A queued chat reached its next overflow ring: a free agent of the rings so far (chosen by the
 * policy) takes it; else it waits for the next ring, and ring agents who free a slot may pull it.
 */
export function onOverflow(m: ContactCentre, c: Conversation, now: number): void {
  if (c.state !== State.QUEUED) return;
  const g = m.groups[c.groupIndex];
  const rings = g.overflow!;
  const ctx = m.ctx;
  ctx.now = now;
  ctx.cursor = NO_CURSOR;
  const pick = m.select(c, rings[c.ring].agents, ctx);
  if (pick >= 0) {
    const a = m.agents[pick];
    if (hasFreeSlot(a)) {
      g.queued--;
      if (g.classes !== null) g.classes[c.classIndex].queued--;
      m.assign(c, a, now);
      return;
    }
  }
  if (++c.ring < rings.length) m.q.schedule(overflowDueAt(c.queuedAt, rings[c.ring].afterSec), Pri.OVERFLOW, Kind.OVERFLOW, c);
}
