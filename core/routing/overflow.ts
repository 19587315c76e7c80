// Overflow rings (溢出): after waiting a ring's delay in its skill group's queue, a chat may also go
// to the agents of the ring's agent groups. Rings are cumulative (a later ring adds agents to the
// earlier ones) and never include agents who hold the skill already. This file owns who is in
// which ring and when a ring opens; the policy chooses within a ring (with `NO_CURSOR`: overflow
// picks neither use nor move the group's round-robin cursor). Pure; imports only the kernel.

/** One ring as the scenario writes it. */
export interface OverflowRingSpec {
  /** Seconds in queue after which the ring opens (rings by increasing delay). */
  afterSec: number;
  /** Agent-group ids whose agents the ring adds. */
  agentGroups: readonly string[];
}

/** What the ring rules need of an agent. */
export interface RingAgentView {
  /** Position in the run's agent table. */
  readonly index: number;
  /** Skill groups the agent holds (indices in the scenario's `groups`). */
  readonly skills: readonly number[];
}

/** One ring as routing uses it. */
export interface OverflowRing {
  /** Seconds in queue after which the ring opens. */
  afterSec: number;
  /** Every agent this ring and the earlier ones open the chat to (agent indices, ascending). */
  agents: number[];
  /** The agents this ring adds to the earlier ones (agent indices, in the order the ring lists their groups). */
  added: number[];
}

/**
 * The rings of skill group `groupIndex`: for each ring in order, the agents it opens the group's
 * chats to, cumulative, without agents holding the skill; an agent belongs from the first ring that
 * lists one of its groups. Agent-group ids unknown to `agentsOf` add nobody.
 * @param agentsOf the agents of an agent group, by its id (empty for unknown ids)
 * @example overflowRings(0, [{ afterSec: 60, agentGroups: ['after'] }], (id) => byGroup[id] ?? [])
 */
export function overflowRings(
  groupIndex: number,
  rings: readonly OverflowRingSpec[],
  agentsOf: (agentGroupId: string) => readonly RingAgentView[],
): OverflowRing[] {
  const seen = new Set<number>();
  return rings.map((ring) => {
    const added: number[] = [];
    for (const id of ring.agentGroups) {
      for (const a of agentsOf(id)) {
        if (a.skills.includes(groupIndex) || seen.has(a.index)) continue;
        seen.add(a.index);
        added.push(a.index);
      }
    }
    return { afterSec: ring.afterSec, agents: [...seen].sort((x, y) => x - y), added };
  });
}

/**
 * Instant a chat queued at `queuedAt` reaches a ring that opens after `afterSec`, seconds.
 * @example overflowDueAt(100, 60) // 160
 */
export function overflowDueAt(queuedAt: number, afterSec: number): number {
  return queuedAt + afterSec;
}

/**
 * The latest queued instant (seconds) a chat may have for an agent of a ring opening after
 * `afterSec` to take it at `now`: an agent freeing a slot takes an overflowed chat only if
 * `queuedAt ≤ overflowQueuedBy(now, afterSec)`.
 * @example overflowQueuedBy(500, 60) // 440
 */
export function overflowQueuedBy(now: number, afterSec: number): number {
  return now - afterSec;
}
