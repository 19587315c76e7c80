// Routing policies: small pure functions in one registry, shared by the simulator and the live
// backend. A policy reads the agents and the context and returns an agent index; it never mutates
// and never reads a clock. Imports only the kernel.

import { hasFreeSlot } from './candidates.js';

/** What a policy (and every routing rule) may know of an agent. */
export interface AgentView {
  /** Position in the run's agent table; the stable identity of the agent. */
  index: number;
  /** On shift and not away: may take new chats when a slot is free. */
  online: boolean;
  /** Chats held now, wrap-up included (a count, ≥ 0). */
  held: number;
  /** Maximum concurrent chats (最大接待量, a count, ≥ 0). */
  cap: number;
  /** Lower = more experienced. */
  rank: number;
  /** Instant of the agent's last assignment (or when they came online), seconds. */
  lastAssignedAt: number;
}

/** What a routing rule may know of a chat: the one being routed, or one waiting for an agent. */
export interface ChatView {
  /** Skill group the chat is offered to (index in the scenario's `groups`). */
  groupIndex: number;
  /** Priority class (index in the scenario's `classes`; 0 without classes). */
  classIndex: number;
  /** Instant of the visitor's first message, seconds. */
  arrivalAt: number;
  /** Instant the chat joined its queue, seconds; NaN while it never has. */
  queuedAt: number;
  /** A returning visitor's previous agent (agent index), or -1. */
  previousAgent: number;
  /** Instant the visitor left a message (转留言), seconds; absent or undefined when they did not. */
  messageAt?: number | undefined;
}

/**
 * What a policy may know besides the agents and the chat. Read-only to the policy: the caller owns
 * every field, the round-robin cursor included.
 */
export interface RoutingContext {
  /** Current simulated (or wall-clock, in the backend) time, seconds. */
  now: number;
  /** A uniform [0, 1) draw for policies that randomise; unused by the built-in ones. */
  rng: () => number;
  /**
   * The state a policy keeps between calls, kept by the caller: the index of the agent last
   * assigned a chat of this skill group by a policy pick, or {@link NO_CURSOR} before the first.
   * Policies read it and never write it; after assigning the picked agent the caller stores the
   * pick (the simulator per skill group in memory, a backend in its database). Overflow picks pass
   * {@link NO_CURSOR} and do not store their pick.
   */
  cursor: number;
}

/** The cursor of a pick without round-robin memory: a skill group's first pick, and every overflow pick. */
export const NO_CURSOR = -1;

/**
 * Picks the agent for `chat` among `agents` (the candidates: see `candidates.ts`; the simulator
 * passes those on shift with a free slot, in no particular order, or an overflow ring's agents
 * whatever their state), or returns -1 when none is online with a free slot. Returns the agent's
 * `index`, not its array position. The result must not depend on the order of `agents`: break
 * every tie, finally by lowest index. Never mutates `chat`, `agents` or `ctx`.
 */
export type SelectAgent = (chat: ChatView, agents: readonly AgentView[], ctx: RoutingContext) => number;

/** A named policy of the registry. */
export interface RoutingPolicy {
  /** Kebab-case name, as written in a scenario's `policy`. */
  name: string;
  /** One line for `--help` and reports. */
  description: string;
  selectAgent: SelectAgent;
}

/** Fewest chats held; ties to the agent who has gone longest without a new chat, then lowest index. */
const leastLoaded: SelectAgent = (_chat, agents) => {
  let best = -1;
  let bestHeld = Infinity;
  let bestLast = Infinity;
  for (let i = 0; i < agents.length; i++) {
    const a = agents[i];
    if (!hasFreeSlot(a)) continue;
    if (a.held < bestHeld || (a.held === bestHeld && (a.lastAssignedAt < bestLast || (a.lastAssignedAt === bestLast && a.index < best)))) {
      best = a.index;
      bestHeld = a.held;
      bestLast = a.lastAssignedAt;
    }
  }
  return best;
};

/** The agent who has gone longest without a new chat, whatever they hold; ties to lowest index. */
const longestIdle: SelectAgent = (_chat, agents) => {
  let best = -1;
  let bestLast = Infinity;
  for (let i = 0; i < agents.length; i++) {
    const a = agents[i];
    if (!hasFreeSlot(a)) continue;
    if (a.lastAssignedAt < bestLast || (a.lastAssignedAt === bestLast && a.index < best)) {
      best = a.index;
      bestLast = a.lastAssignedAt;
    }
  }
  return best;
};

/** The next available agent after the one picked last, in agent-index order, wrapping around. */
const roundRobin: SelectAgent = (_chat, agents, ctx) => {
  let first = -1;
  let after = -1;
  let afterIndex = Infinity;
  let firstIndex = Infinity;
  for (let i = 0; i < agents.length; i++) {
    const a = agents[i];
    if (!hasFreeSlot(a)) continue;
    if (a.index < firstIndex) { firstIndex = a.index; first = a.index; }
    if (a.index > ctx.cursor && a.index < afterIndex) { afterIndex = a.index; after = a.index; }
  }
  return after !== -1 ? after : first;
};

/** Lowest rank (most experienced) first, then fewest held, then longest without a new chat. */
const experiencedFirst: SelectAgent = (_chat, agents) => {
  let best = -1;
  let bestRank = Infinity;
  let bestHeld = Infinity;
  let bestLast = Infinity;
  for (let i = 0; i < agents.length; i++) {
    const a = agents[i];
    if (!hasFreeSlot(a)) continue;
    if (
      a.rank < bestRank ||
      (a.rank === bestRank &&
        (a.held < bestHeld ||
          (a.held === bestHeld && (a.lastAssignedAt < bestLast || (a.lastAssignedAt === bestLast && a.index < best)))))
    ) {
      best = a.index;
      bestRank = a.rank;
      bestHeld = a.held;
      bestLast = a.lastAssignedAt;
    }
  }
  return best;
};

/** Every built-in policy, by kebab-case name. */
export const POLICIES: Readonly<Record<string, RoutingPolicy>> = Object.freeze({
  'least-loaded': { name: 'least-loaded', description: 'fewest chats held; ties to longest without a new chat', selectAgent: leastLoaded },
  'round-robin': { name: 'round-robin', description: 'rotate through agents in order (load rotation)', selectAgent: roundRobin },
  'longest-idle': { name: 'longest-idle', description: 'longest without a new chat, whatever the load', selectAgent: longestIdle },
  'experienced-first': { name: 'experienced-first', description: 'lowest rank first (熟手优先), then fewest held', selectAgent: experiencedFirst },
});

/** The known policy names, sorted. */
export const POLICY_NAMES: readonly string[] = Object.keys(POLICIES).sort();

/** The default policy. */
export const DEFAULT_POLICY = 'least-loaded';

/** Looks a policy up; `undefined` when the name is unknown (see `suggest` in scenarios/messages). */
export function getPolicy(name: string): RoutingPolicy | undefined {
  return Object.prototype.hasOwnProperty.call(POLICIES, name) ? POLICIES[name] : undefined;
}
