// The fast form of the kernel's agent-side choice (`nextChat` in core/routing/next-chat.ts) over the
// model's lazy queues: no views built, dead entries skipped in place, no allocation. The ordering
// (which head wins) is the kernel's `servedBefore` and `queueKey`, called here; a random-walk
// property test (queues.test.ts) holds this scan to the kernel's plain function.
// Imports only the kernel and the model's own types.

import { servedBefore } from '../../core/routing/next-chat.js';
import { queueKey } from '../../core/routing/queue-key.js';
import { overflowQueuedBy } from '../../core/routing/overflow.js';
import type { Agent } from './agents.js';
import { State, type Conversation } from './conversation.js';
import type { GroupRuntime, SubQueue } from './groups.js';

/** Queues compacted once their dead prefix passes this many entries and half the array. */
const COMPACT_AFTER = 1024;

/** The live head of a queue (skipping abandoned, overflowed and assigned entries), or null. */
export function liveHead(q: SubQueue): Conversation | null {
  const queue = q.queue;
  while (q.head < queue.length) {
    const c = queue[q.head];
    if (c.state === State.QUEUED) return c;
    q.head++;
  }
  return null;
}

// What `find` found, by where it waits.
const FOUND_NONE = 0;
const FOUND_RESERVED = 1;
const FOUND_QUEUE = 2;
const FOUND_MESSAGE = 3;

/**
 * Finds the chat an agent with a free slot takes next (`find`), then takes it out of its queue
 * (`take`). One per run; holds the last result so neither allocates.
 */
export class NextChatScan {
  private found = FOUND_NONE;
  /** The sub-queue (group, class or message queue) the found chat heads. */
  private foundQueue: SubQueue | null = null;
  /** The group of the found chat's queue (own or overflow). */
  private foundGroup: GroupRuntime | null = null;
  // What `peek` found: the chat, its queue and its key (the kernel's queue key).
  private peeked: Conversation | null = null;
  private peekedQueue: SubQueue | null = null;
  private peekedKey = Infinity;

  /**
   * @param groups the run's skill groups, by index
   * @param messages whether any group lets visitors leave messages (else message queues are not looked at)
   */
  constructor(private readonly groups: readonly GroupRuntime[], private readonly messages: boolean) {}

  /**
   * The chat agent `a` takes next at `now` (seconds) by the kernel's rule, or null: a returning
   * visitor waiting for them; else the best head of their own skill groups (skill level, then queue
   * key); else of the groups overflowing to them whose head has waited long enough; else the
   * oldest message of their skills. Advances lazy heads past dead entries; takes nothing.
   */
  find(a: Agent, now: number): Conversation | null {
    if (a.reserved !== null) {
      // returning visitors waiting for this agent come first
      const list = a.reserved;
      while (a.reservedHead < list.length && list[a.reservedHead].state !== State.RESERVED) a.reservedHead++;
      if (a.reservedHead < list.length) {
        this.found = FOUND_RESERVED;
        return list[a.reservedHead];
      }
    }
    const skills = a.skills;
    const levels = a.levels;
    const groups = this.groups;
    let best: Conversation | null = null;
    let bestGroup: GroupRuntime | null = null;
    let bestQueue: SubQueue | null = null;
    let bestKey = Infinity;
    let bestLevel = -1;
    for (let i = 0; i < skills.length; i++) {
      const g = groups[skills[i]];
      if (g.queued === 0) continue;
      if (!this.peek(g, Infinity)) continue;
      const key = this.peekedKey;
      const level = levels === null ? 0 : levels[i];
      if (best === null || servedBefore(level, key, bestLevel, bestKey)) {
        best = this.peeked;
        bestGroup = g;
        bestQueue = this.peekedQueue;
        bestKey = key;
        bestLevel = level;
      }
    }
    if (best === null && a.overflowFrom !== null) {
      for (const { g, afterSec } of a.overflowFrom) {
        if (g.queued === 0) continue;
        if (this.peek(g, overflowQueuedBy(now, afterSec)) && (best === null || servedBefore(0, this.peekedKey, 0, bestKey))) {
          best = this.peeked;
          bestGroup = g;
          bestQueue = this.peekedQueue;
          bestKey = this.peekedKey;
        }
      }
    }
    if (best !== null) {
      this.found = FOUND_QUEUE;
      this.foundQueue = bestQueue;
      this.foundGroup = bestGroup;
      return best;
    }
    if (this.messages) {
      // nothing live waits: the oldest message of the agent's skills
      for (let i = 0; i < skills.length; i++) {
        const m = groups[skills[i]].messages;
        if (m.queued === 0) continue;
        let head: Conversation | null = null;
        while (m.head < m.queue.length && (head = m.queue[m.head]).state !== State.MESSAGE) m.head++;
        if (m.head < m.queue.length && (best === null || servedBefore(0, head!.messageAt!, 0, best.messageAt!))) {
          best = head;
          bestQueue = m;
        }
      }
      if (best !== null) {
        this.found = FOUND_MESSAGE;
        this.foundQueue = bestQueue;
        return best;
      }
    }
    this.found = FOUND_NONE;
    return null;
  }

  /** Takes the chat the last `find(a, …)` returned out of its queue (the caller then assigns it). */
  take(a: Agent): void {
    const found = this.found;
    this.found = FOUND_NONE;
    if (found === FOUND_RESERVED) {
      a.reservedHead++;
      return;
    }
    const sq = this.foundQueue!;
    sq.head++;
    sq.queued--;
    if (found === FOUND_MESSAGE) return;
    const g = this.foundGroup!;
    if (sq !== g) g.queued--;
    if (sq.head > COMPACT_AFTER && sq.head * 2 > sq.queue.length) {
      sq.queue.splice(0, sq.head);
      sq.head = 0;
    }
  }

  /**
   * Finds the chat of `g` to serve next among those queued at or before `queuedBy` (Infinity: any):
   * the head of its queue, or with classes the class head with the smallest queue key (the
   * kernel's `groupHead`). Sets `peeked*` and returns true, or returns false when there is none.
   */
  private peek(g: GroupRuntime, queuedBy: number): boolean {
    if (g.classes === null) {
      const head = liveHead(g);
      if (head === null || head.queuedAt > queuedBy) return false;
      this.peeked = head;
      this.peekedQueue = g;
      this.peekedKey = queueKey(head.queuedAt, 0);
      return true;
    }
    let found = false;
    for (const cq of g.classes) {
      if (cq.queued === 0) continue;
      const head = liveHead(cq);
      if (head === null || head.queuedAt > queuedBy) continue;
      const key = queueKey(head.queuedAt, cq.boost);
      if (!found || servedBefore(0, key, 0, this.peekedKey)) {
        found = true;
        this.peeked = head;
        this.peekedQueue = cq;
        this.peekedKey = key;
      }
    }
    return found;
  }
}
