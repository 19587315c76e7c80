// Routing policies: small pure functions in one registry, shared by the simulator and the live
// backend. A policy reads the agents and the context and returns an agent index; it never mutates
// and never reads a clock. Must not import sim/model or anything with I/O.

/** What a policy may know of an agent. */
export interface AgentView {
  /** Position in the run's agent table; the stable identity of the agent. */
  index: number;
  online: boolean;
  /** Chats held now, wrap-up included. */
  held: number;
  /** Maximum concurrent chats. */
  cap: number;
  /** Lower = more experienced. */
  rank: number;
  /** Instant of the agent's last assignment (or when they came online); seconds. */
  lastAssignedAt: number;
}

/** What a policy may know of the chat being routed. */
export interface ChatView {
  groupIndex: number;
  arrivalAt: number;
}

export interface RoutingContext {
  /** Current simulated (or wall-clock, in the backend) time, seconds. */
  now: number;
  /** A uniform [0, 1) draw for policies that randomise; unused by the built-in ones. */
  rng: () => number;
  /** Index of the agent picked last by round-robin in this skill group; -1 before the first. */
  cursor: number;
}

/**
 * Picks the agent for `chat` among `agents` (agents holding the chat's skill; the simulator passes
 * only those on shift with a free slot, in no particular order), or returns -1 when none is online
 * with a free slot. Returns the agent's `index`, not its array position. The result must not depend
 * on the order of `agents`: break every tie, finally by lowest index.
 */
export type SelectAgent = (chat: ChatView, agents: readonly AgentView[], ctx: RoutingContext) => number;

export interface RoutingPolicy {
  name: string;
  description: string;
  selectAgent: SelectAgent;
}

function available(a: AgentView): boolean {
  return a.online && a.held < a.cap;
}

/** Fewest chats held; ties to the agent who has gone longest without a new chat, then lowest index. */
const leastLoaded: SelectAgent = (_chat, agents) => {
  let best = -1;
  let bestHeld = Infinity;
  let bestLast = Infinity;
  for (let i = 0; i < agents.length; i++) {
    const a = agents[i];
    if (!available(a)) continue;
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
    if (!available(a)) continue;
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
    if (!available(a)) continue;
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
    if (!available(a)) continue;
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
