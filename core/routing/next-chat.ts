// The agent-side choice of the next chat: when an agent has a free slot, which waiting chat they
// take. In order: returning visitors waiting for this agent only, oldest first; else the heads of
// the agent's own skill groups, highest skill level first, then smallest queue key; only when none
// of those waits, the heads of the groups that overflow to the agent and have waited the ring's
// delay, by queue key; only when no live chat waits for the agent, the left messages of its
// skills, oldest first. Each queue is first come, first served within a priority class, so only
// heads compete. Ties keep the earlier in list order (the agent's skills as the scenario lists
// them, its overflow sources by skill group, classes in scenario order). Pure functions over
// views; imports only the kernel.

import type { ChatView } from './policies.js';
import { queueKey } from './queue-key.js';
import { overflowQueuedBy } from './overflow.js';

/** What the choice needs of one skill group's waiting chats. */
export interface GroupQueueView {
  /**
   * The live queued chats of each priority class (one list without classes), each in the order
   * they joined the queue: the first is the class's head. A returning visitor who waited for their
   * agent joins late but keeps the instant they started waiting as `queuedAt`.
   */
  readonly classes: readonly (readonly ChatView[])[];
  /** Each class's boost, seconds (see `priorityBoostSec`), by class; `[0]` without classes. */
  readonly boostSec: readonly number[];
  /** The left messages waiting for an answer, in the order they were left. */
  readonly messages: readonly ChatView[];
}

/** A skill group that overflows to an agent, and the delay of the first ring that includes them. */
export interface OverflowSource {
  /** The overflowing skill group (index in the scenario's `groups`). */
  readonly groupIndex: number;
  /** Seconds a chat must have waited before this agent may take it. */
  readonly afterSec: number;
}

/** What the choice needs of the agent with a free slot. */
export interface NextChatAgentView {
  /** Skill groups the agent holds, in the scenario's order of their `skills`. */
  readonly skills: readonly number[];
  /** The agent's level in each of `skills` (same positions, higher preferred); null when all equal. */
  readonly levels: readonly number[] | null;
  /** Groups that overflow to this agent, by skill-group index. */
  readonly overflowFrom: readonly OverflowSource[];
  /** Returning visitors waiting for this agent only, oldest first. */
  readonly reserved: readonly ChatView[];
}

/** Where the chosen chat waits. */
export type NextChatSource = 'reserved' | 'own' | 'overflow' | 'message';

/** The chat an agent takes next, and where it waits. */
export interface NextChat {
  readonly chat: ChatView;
  readonly source: NextChatSource;
  /** Skill group whose queue or messages hold it (the chat's group). */
  readonly groupIndex: number;
  /** Its class queue in that group (0 without classes); -1 for reserved visitors and messages. */
  readonly classIndex: number;
}

/** The head of one skill group's queue that competes for an agent. */
export interface GroupHead {
  readonly chat: ChatView;
  /** Its class queue (0 without classes). */
  readonly classIndex: number;
  /** Its queue key, seconds (see `queueKey`). */
  readonly key: number;
}

/**
 * The ordering rule between waiting chats: whether one at skill level `level` with key `key` is
 * served before the best so far (`bestLevel`, `bestKey`). Higher level first, then the smaller key
 * (seconds: a queue key, or the instant a message was left); an exact tie keeps the best so far,
 * so lists are scanned in their order and the earlier wins. Levels are equal (pass 0) between
 * class heads, overflow sources and messages.
 * @example servedBefore(2, 500, 1, 100) // true: the higher level wins whatever the wait
 */
export function servedBefore(level: number, key: number, bestLevel: number, bestKey: number): boolean {
  return level > bestLevel || (level === bestLevel && key < bestKey);
}

/**
 * The head of `queue` served first among the class heads that joined at or before `queuedBy`
 * (seconds; Infinity: any), by {@link servedBefore}; null when no class has such a head.
 */
export function groupHead(queue: GroupQueueView, queuedBy: number): GroupHead | null {
  let best: GroupHead | null = null;
  for (let k = 0; k < queue.classes.length; k++) {
    const list = queue.classes[k];
    if (list.length === 0) continue;
    const head = list[0];
    if (head.queuedAt > queuedBy) continue;
    const key = queueKey(head.queuedAt, queue.boostSec[k]);
    if (best === null || servedBefore(0, key, 0, best.key)) best = { chat: head, classIndex: k, key };
  }
  return best;
}

/**
 * The chat an agent with a free slot takes next at `now` (seconds), or null when nothing waits
 * for them (see the file header for the order). The caller checks the free slot and, after
 * assigning, asks again while slots stay free.
 * @param queues every skill group's waiting chats, by skill-group index
 * @example nextChat({ skills: [0], levels: null, overflowFrom: [], reserved: [] }, queues, 3600)
 */
export function nextChat(agent: NextChatAgentView, queues: readonly GroupQueueView[], now: number): NextChat | null {
  if (agent.reserved.length > 0) {
    const chat = agent.reserved[0];
    return { chat, source: 'reserved', groupIndex: chat.groupIndex, classIndex: -1 };
  }
  const skills = agent.skills;
  let best: GroupHead | null = null;
  let bestGroup = -1;
  let bestLevel = 0;
  for (let i = 0; i < skills.length; i++) {
    const head = groupHead(queues[skills[i]], Infinity);
    if (head === null) continue;
    const level = agent.levels === null ? 0 : agent.levels[i];
    if (best === null || servedBefore(level, head.key, bestLevel, best.key)) {
      best = head;
      bestGroup = skills[i];
      bestLevel = level;
    }
  }
  if (best !== null) return { chat: best.chat, source: 'own', groupIndex: bestGroup, classIndex: best.classIndex };
  for (const source of agent.overflowFrom) {
    const head = groupHead(queues[source.groupIndex], overflowQueuedBy(now, source.afterSec));
    if (head !== null && (best === null || servedBefore(0, head.key, 0, best.key))) {
      best = head;
      bestGroup = source.groupIndex;
    }
  }
  if (best !== null) return { chat: best.chat, source: 'overflow', groupIndex: bestGroup, classIndex: best.classIndex };
  let message: ChatView | null = null;
  for (let i = 0; i < skills.length; i++) {
    const list = queues[skills[i]].messages;
    if (list.length === 0) continue;
    const m = list[0];
    if (message === null || servedBefore(0, m.messageAt!, 0, message.messageAt!)) message = m;
  }
  return message === null ? null : { chat: message, source: 'message', groupIndex: message.groupIndex, classIndex: -1 };
}
