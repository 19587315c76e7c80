// The model's agents: their state (shift, away, load, skills and levels, overflow sources, returning
// visitors waiting for them) and how their availability is filed in each skill group's free list
// and least-loaded index. Imports only the kernel and the model's own types.

import type { AgentView } from '../../core/routing/policies.js';
import { hasFreeSlot } from '../../core/routing/candidates.js';
import type { Rng } from '../engine/random.js';
import type { Conversation } from './conversation.js';
import type { GroupRuntime } from './groups.js';

/** A skill group that overflows to an agent, and the delay of the first ring that includes them. */
export interface OverflowFrom {
  readonly g: GroupRuntime;
  /** Index of `g` in the scenario's groups. */
  readonly groupIndex: number;
  /** Seconds a chat of `g` must have waited before this agent may take it. */
  readonly afterSec: number;
}

/** One agent of the run; satisfies the kernel's `AgentView` so policies read it directly. */
export class Agent implements AgentView {
  /** On shift and not away: may take new chats when a slot is free. */
  online = false;
  /** Rostered on now (true while away). */
  onShift = false;
  /** Set away after missing chats (auto-transfer); takes no new chat until AWAY_END. */
  away = false;
  /** Chats moved away from this agent since they last came back from away. */
  misses = 0;
  /** Chance of replying at all (< 1 for lurkers) and its stream; null when 1. */
  replyRng: Rng | null = null;
  replyProbability = 1;
  /** Skill levels by position in `skills` (higher preferred); null when all are equal. */
  levels: number[] | null = null;
  /** Returning visitors waiting for this agent (sticky routing), oldest first; null: none ever. */
  reserved: Conversation[] | null = null;
  reservedHead = 0;
  /** Queues this agent may take from by overflow, once their head has waited `afterSec`; null: none. */
  overflowFrom: OverflowFrom[] | null = null;
  held = 0;
  lastAssignedAt = 0;
  /** Whether the agent is on shift with a free slot (then it is in each skill group's `free` list). */
  available = false;
  /** Position in each skill group's `free` list, by skill-group index (-1 when absent). */
  readonly freePos: number[];
  constructor(
    readonly index: number,
    readonly cap: number,
    readonly rank: number,
    readonly speed: number,
    readonly slowdown: number,
    /** Skill groups held (indices), in the order the scenario lists them. */
    readonly skills: readonly number[],
    groupCount: number,
  ) {
    this.freePos = new Array(groupCount).fill(-1);
  }
}

/**
 * Re-files `a` after a change of shift, away, load or last assignment: in each of its skill groups'
 * least-loaded index (under its current load and key), and in or out of their `free` lists.
 */
export function updateAvailability(a: Agent, groups: readonly GroupRuntime[]): void {
  const avail = hasFreeSlot(a);
  const skills0 = a.skills;
  for (let i = 0; i < skills0.length; i++) {
    const index = groups[skills0[i]].index;
    if (index === null) break;
    // re-file under the current load and last-assignment key
    index.delete(a);
    if (avail) index.add(a);
  }
  if (avail === a.available) return;
  a.available = avail;
  const skills = a.skills;
  for (let i = 0; i < skills.length; i++) {
    const gi = skills[i];
    const g = groups[gi];
    if (avail) {
      a.freePos[gi] = g.free.length;
      g.free.push(a);
    } else {
      // swap-remove
      const pos = a.freePos[gi];
      const last = g.free.pop()!;
      if (last !== a) {
        g.free[pos] = last;
        last.freePos[gi] = pos;
      }
      a.freePos[gi] = -1;
    }
    g.available = g.free.length;
  }
}

/** Whether `a` answers the chat just assigned at all (lurkers: reply probability < 1, one draw per assignment). */
export function willReply(a: Agent): boolean {
  return a.replyRng === null || a.replyRng() < a.replyProbability;
}
