// Auto-transfer (延误对话自动转接) of chats assigned but left without a first reply, and the agent
// set away after too many misses. The candidates exclude the agent the chat leaves by the kernel's
// rule (`withoutAgent`, `LeastLoadedIndex.pickExcept`), nothing mutated. Plain functions the run
// loop calls directly; imports only the kernel and the model's own files.

import type { Scenario } from '../../core/scenario.js';
import { hasFreeSlot, withoutAgent } from '../../core/routing/candidates.js';
import { goesAway, transferCheckDue as ruleCheckDue, transferRecheckDue, transferRule, type TransferRule } from '../../core/operations.js';
import type { ContactCentre } from './contact-centre.js';
import { State, type Conversation } from './conversation.js';
import { updateAvailability, type Agent } from './agents.js';
import { countOnline } from './leave-message.js';
import { Kind, Pri } from './events.js';

/** Auto-transfer settings of a run: the kernel's rule. */
export type TransferRuntime = TransferRule;

/** The run's auto-transfer settings, or null when the scenario has none (then no per-assignment work). */
export function transferSettings(scenario: Scenario): TransferRuntime | null {
  return transferRule(scenario.autoTransfer);
}

/**
 * At assignment: whether the first reply (due at `firstReplyAt`) comes later than the transfer delay
 * while the visitor is still there at the check and moves are left, so a check must be scheduled
 * (the kernel's `transferCheckDue`).
 */
export function transferCheckDue(t: TransferRuntime, c: Conversation, firstReplyAt: number, now: number): boolean {
  return ruleCheckDue(t, firstReplyAt, c.patienceAt, c.transferredAt === undefined ? 0 : c.transferredAt.length, now);
}

/** Holds `c` as assigned with its first reply pending, its patience race, and a transfer check after the delay. */
export function scheduleTransferCheck(m: ContactCentre, t: TransferRuntime, c: Conversation, firstReplyAt: number, now: number): void {
  c.state = State.ASSIGNED;
  c.pendingReplyAt = firstReplyAt;
  if (c.patienceAt < firstReplyAt && !c.abandonScheduled) {
    c.abandonScheduled = true;
    m.q.schedule(c.patienceAt, Pri.ABANDON, Kind.ABANDON, c);
  }
  m.q.schedule(now + t.afterSec, Pri.TRANSFER, Kind.TRANSFER, c);
}

/**
 * Auto-transfer: the chat is still without a first reply. It moves to another agent of its skill
 * group with a free slot (chosen by the policy, the agent it leaves excluded); that agent counts a
 * miss and may go away. With nobody free it stays and is checked again after the same delay
 * (while moves are left and the agent's reply is further off than that).
 */
export function onTransfer(m: ContactCentre, c: Conversation, now: number): void {
  if (c.state !== State.ASSIGNED) return;
  const from = c.agent!;
  const g = m.groups[c.groupIndex];
  let to: Agent | null = null;
  if (g.available > 0) {
    const ctx = m.ctx;
    ctx.now = now;
    ctx.cursor = g.cursor;
    const pick = g.index !== null ? g.index.pickExcept(from.index) : m.select(c, withoutAgent(g.free, from.index), ctx);
    if (pick >= 0) {
      const b = m.agents[pick];
      if (hasFreeSlot(b)) to = b;
    }
  }
  const t = m.transfer!;
  if (to === null) {
    const moves = c.transferredAt === undefined ? 0 : c.transferredAt.length;
    if (transferRecheckDue(t, moves, c.pendingReplyAt, now)) {
      m.q.schedule(now + t.afterSec, Pri.TRANSFER, Kind.TRANSFER, c);
    } else if (c.pendingReplyAt < Infinity) {
      m.q.schedule(c.pendingReplyAt, Pri.REPLY, Kind.REPLY, c);
    } else {
      m.stuck.push(c);
    }
    return;
  }
  g.cursor = to.index;
  if (c.transferredAt === undefined) c.transferredAt = [];
  c.transferredAt.push(now);
  m.setHeld(from, from.held - 1, now);
  if (goesAway(t, ++from.misses)) {
    from.misses = 0;
    from.away = true;
    if (from.online) countOnline(m, from, -1);
    from.online = false;
    updateAvailability(from, m.groups);
    m.emitAgent(from);
    m.q.schedule(now + t.awayForSec, Pri.AWAY_END, Kind.AWAY_END, from);
  }
  m.assign(c, to, now);
  m.pull(from, now);
}

/** An agent set away after misses comes back: online again if still on shift, and takes waiting chats. */
export function onAwayEnd(m: ContactCentre, a: Agent, now: number): void {
  a.away = false;
  a.online = a.onShift;
  if (a.online) countOnline(m, a, 1);
  updateAvailability(a, m.groups);
  m.emitAgent(a);
  m.pull(a, now);
}
