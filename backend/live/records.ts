// A live conversation as a kernel record (`ConversationRecord`), so an export reads like a
// simulation's records: the same codec, the same metrics, the same invariants. An open conversation
// is settled as the simulator settles one at a cut-off (served if a person replied, else
// unanswered, ended at `endAt`). Pure; imports only the kernel and its own types.

import type { ConversationRecord } from '../../core/records.js';
import type { LiveConversation } from './types.js';

/**
 * The record of `c` as of `endAt` (scenario seconds; used only while `c` is open).
 * @example toRecord(ended, now).outcome // 'served'
 */
export function toRecord(c: LiveConversation, endAt: number): ConversationRecord {
  const open = c.state !== 'ended';
  const outcome = !open && c.outcome !== null ? c.outcome : c.firstReplyAt === c.firstReplyAt ? 'served' : 'unanswered';
  const abandoned = outcome === 'abandonedInQueue' || outcome === 'abandonedAfterAssign';
  return {
    id: c.id,
    groupIndex: c.groupIndex,
    classIndex: c.classIndex,
    arrivalAt: c.arrivalAt,
    // a live visitor's patience is seen only when they leave
    patienceAt: abandoned ? c.abandonedAt : Infinity,
    queuedAt: c.queuedAt,
    assignedAt: c.assignedAt,
    firstReplyAt: c.firstReplyAt,
    abandonedAt: c.abandonedAt,
    closedAt: c.closedAt,
    releasedAt: c.releasedAt,
    endedAt: open ? endAt : c.endedAt,
    outcome,
    agents: c.agents.slice(),
    transferredAt: c.transferredAt.slice(),
    visitorMessageAt: c.visitorMessageAt.slice(),
    agentMessageAt: c.agentMessageAt.slice(),
    ...(c.noReplyNeeded ? { noReplyNeeded: true } : {}),
    ...(c.silentClosed ? { silentClosed: true } : {}),
    ...(c.previousAgent >= 0 ? { previousAgent: c.previousAgent } : {}),
  };
}
