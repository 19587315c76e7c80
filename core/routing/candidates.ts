// Candidate filtering: which agents a routing policy may choose from (a free slot, the highest skill
// level, never the agent a transfer moves the chat away from). Pure functions over views; they
// never mutate their input and read no clock. Imports only the kernel.

import type { AgentView } from './policies.js';

/**
 * Whether `a` can take one more chat now: online (on shift, not away) with a free slot
 * (`held < cap`).
 * @example hasFreeSlot({ index: 0, online: true, held: 3, cap: 4, rank: 1, lastAssignedAt: 0 }) // true
 */
export function hasFreeSlot(a: AgentView): boolean {
  return a.online && a.held < a.cap;
}

/**
 * The skill-level filter: the free agents of `agents` whose level in the chat's skill group is the
 * highest among the free ones (a chat goes to its best-skilled free agents first; the policy then
 * chooses among them). A new array in the order of `agents`, empty when nobody is free.
 * @param levelOf level (1–10, higher preferred) of each agent in the chat's skill group, by agent `index`
 * @example topSkillLevel(free, levels) // the free agents at level 3 when the best free one has 3
 */
export function topSkillLevel<A extends AgentView>(agents: readonly A[], levelOf: ArrayLike<number>): A[] {
  let best = -Infinity;
  for (let i = 0; i < agents.length; i++) {
    const a = agents[i];
    if (hasFreeSlot(a) && levelOf[a.index] > best) best = levelOf[a.index];
  }
  const out: A[] = [];
  for (let i = 0; i < agents.length; i++) {
    const a = agents[i];
    if (hasFreeSlot(a) && levelOf[a.index] === best) out.push(a);
  }
  return out;
}

/**
 * The transfer exclusion: `agents` without agent `agentIndex` (an auto-transfer never offers the
 * chat back to the agent it moves away from). Returns `agents` itself when no agent there has that
 * index (no copy), else a new array without it in the same order; never mutates `agents`.
 * @param agentIndex the `index` of the agent to leave out (-1: nobody)
 */
export function withoutAgent<A extends AgentView>(agents: readonly A[], agentIndex: number): readonly A[] {
  let at = -1;
  for (let i = 0; i < agents.length; i++) {
    if (agents[i].index === agentIndex) {
      at = i;
      break;
    }
  }
  if (at < 0) return agents;
  const out = agents.slice(0, at);
  for (let i = at + 1; i < agents.length; i++) out.push(agents[i]);
  return out;
}
