// Returning visitors and sticky routing (熟客优先): a served visitor who comes back goes to the
// agent who served them when that agent can take them, may wait a while for that agent only, and
// is otherwise routed by the fallback policy among the skill group's free agents (no skill-level
// filter). While they wait they come before any queue in that agent's next choice (see
// `next-chat.ts`). Pure; imports only the kernel.

import { hasFreeSlot } from './candidates.js';
import type { AgentView } from './policies.js';

/**
 * Where a returning visitor goes on arrival: `'previous'` — assign to the previous agent now;
 * `'wait'` — wait (queued, for that agent only) up to the wait limit; `'fallback'` — route by the
 * fallback policy among the group's free agents, else queue like any chat.
 */
export type ReturnRoute = 'previous' | 'wait' | 'fallback';

/**
 * The sticky rule: to the previous agent if they have a free slot now; else, when waiting is
 * allowed (`waitSec > 0`) and that agent is on shift (online, or away but still rostered), wait
 * for them; else the fallback.
 * @param previous the agent who served the visitor's previous conversation
 * @param previousOnShift whether that agent is rostered on now (true while away after misses)
 * @param waitSec longest wait for the previous agent, seconds (0: never wait)
 * @example returnRoute(agentAtCap, true, 120) // 'wait'
 */
export function returnRoute(previous: AgentView, previousOnShift: boolean, waitSec: number): ReturnRoute {
  if (hasFreeSlot(previous)) return 'previous';
  if (waitSec > 0 && previousOnShift) return 'wait';
  return 'fallback';
}

/**
 * Instant a returning visitor who started waiting for their previous agent at `waitingSince`
 * stops waiting and goes to the fallback, seconds.
 * @param waitSec the wait limit, seconds (> 0)
 * @example stickyWaitEndsAt(1000, 120) // 1120
 */
export function stickyWaitEndsAt(waitingSince: number, waitSec: number): number {
  return waitingSince + waitSec;
}
