// The routing API of the kernel, one import for the simulator and the live backend: policies and
// their registry, candidate filtering, the least-loaded index, the queue key, overflow rings, the
// sticky rule and the agent-side choice of the next chat. Re-exports only; imports only the kernel.

export {
  POLICIES, POLICY_NAMES, DEFAULT_POLICY, NO_CURSOR, getPolicy,
  type AgentView, type ChatView, type RoutingContext, type SelectAgent, type RoutingPolicy,
} from './policies.js';
export { hasFreeSlot, topSkillLevel, withoutAgent } from './candidates.js';
export { LeastLoadedIndex, type IndexedAgent } from './least-loaded-index.js';
export { DEFAULT_AGING_PER_SEC, priorityBoostSec, queueKey } from './queue-key.js';
export { overflowRings, overflowDueAt, overflowQueuedBy, type OverflowRing, type OverflowRingSpec, type RingAgentView } from './overflow.js';
export { returnRoute, stickyWaitEndsAt, type ReturnRoute } from './sticky.js';
export {
  nextChat, groupHead, servedBefore,
  type GroupQueueView, type GroupHead, type NextChat, type NextChatAgentView, type NextChatSource, type OverflowSource,
} from './next-chat.js';
