// A live conversation as a kernel record (`ConversationRecord`), so an export reads like a
// simulation's records: the same codec, the same metrics, the same invariants. An open conversation
// is settled as the simulator settles one at a cut-off (served if a person replied, else
// unanswered, ended at `endAt`). `exportLines` is the whole export (`GET /api/v1/export`). Pure;
// imports only the kernel and its own types.

import type { AgentStateSample, ConversationRecord } from '../../core/records.js';
import type { Scenario } from '../../core/scenario.js';
import { encodeRecordsLines } from '../../core/records-codec.js';
import { metricsContext } from '../../core/metrics/context.js';
import type { LiveConversation } from './types.js';

/**
 * The export as `chatsim.records` lines: every stored conversation (its open form from `openById`
 * while open, settled as of `now`) and every agent-state sample, under the scenario's metrics
 * context with `endAt = now`. What `chatsim measure` reads.
 */
export function* exportLines(
  scenario: Scenario,
  now: number,
  stored: Iterable<LiveConversation>,
  samples: Iterable<AgentStateSample>,
  openById: (id: number) => LiveConversation | undefined,
): Generator<string> {
  const records = (function* () { for (const x of stored) yield toRecord(openById(x.id) ?? x, now); })();
  yield* encodeRecordsLines({ context: metricsContext(scenario), endAt: now, source: 'chatsim serve' }, records, samples);
}

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
    // the visitor (their token): links a retry after abandoning, or a return, to their earlier conversations
    visitorId: c.visitorId,
  };
}
