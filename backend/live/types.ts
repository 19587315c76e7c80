// The live centre's state as plain data: agents, conversations, messages and what it tells the
// store and the connected clients. Types and tiny helpers only; no I/O. Imports only the kernel.

import type { ChatView } from '../../core/routing/policies.js';
import type { ConversationRecord, Outcome } from '../../core/records.js';

/** What an agent says about themselves. */
export type AgentStatus = 'online' | 'away' | 'offline';

/** Where a live conversation stands. */
export type ConversationState =
  /** Waiting in its skill group's queue. */
  | 'queued'
  /** A returning visitor waiting for their previous agent only (sticky routing). */
  | 'reserved'
  /** Held by an agent (`agent`), talking or waiting for the first reply. */
  | 'assigned'
  /** Closed; the agent's slot stays busy until they end the wrap-up (事后处理). */
  | 'wrapUp'
  | 'ended';

/** One agent of the roster as the live centre keeps it; an `AgentView` for the kernel's policies. */
export interface LiveAgent {
  /** Position in the roster (the kernel's agent index). */
  index: number;
  /** `<agent group id>-<n>` (see `agentTable`). */
  id: string;
  /** Agent group id. */
  group: string;
  /** Skill groups held (indices), in the scenario's order. */
  skills: number[];
  /** Level of each of `skills` (same positions; 1 when the scenario gives none). */
  levels: number[];
  cap: number;
  rank: number;
  /** What the agent last said: online, away or offline. */
  status: AgentStatus;
  /** Set away by the auto-transfer rule until this instant (scenario seconds); NaN when not. */
  awayUntil: number;
  /** Chats moved away from this agent since they last came back. */
  misses: number;
  /** The kernel's view: takes new chats (status online and not away after misses). */
  online: boolean;
  /** Chats held now, wrap-up included. */
  held: number;
  lastAssignedAt: number;
}

/**
 * One conversation as the live centre keeps it: a `ChatView` for the kernel's routing, with the
 * record's instants and lists as they stand (see `ConversationRecord`; `visitorMessageAt` holds the
 * visitor messages that waited for an answer, the first after each agent message).
 */
export interface LiveConversation extends ChatView, Pick<ConversationRecord,
  'id' | 'assignedAt' | 'firstReplyAt' | 'abandonedAt' | 'closedAt' | 'releasedAt' | 'endedAt' | 'agents' | 'visitorMessageAt' | 'agentMessageAt'> {
  /** The visitor (one visitor may start several conversations; a returning visitor keeps theirs). */
  visitorId: number;
  state: ConversationState;
  /** Agent index holding it (assigned or in wrap-up), -1 otherwise. */
  agent: number;
  /** Order of joining the queue (restores the queue order after a restart). */
  queueSeq: number;
  /** Next overflow ring (index into the group's rings) while queued. */
  ring: number;
  /** Set when it ends; null while open. */
  outcome: Outcome | null;
  /** Instants it moved between agents (empty when it never did). */
  transferredAt: number[];
  /** Whether a visitor message waits for the agent's answer. */
  awaiting: boolean;
  /** Instant of the last agent message (for the silent close), NaN before the first. */
  lastReplyAt: number;
  noReplyNeeded: boolean;
  silentClosed: boolean;
  /** The queue position last told to the visitor (0: none yet). */
  lastPosition: number;
}

/** Who wrote a message. */
export type Author = 'visitor' | 'agent' | 'system';

/** A message as stored and delivered. */
export interface LiveMessage {
  conversationId: number;
  author: Author;
  /** The agent's index for agent messages, else -1. */
  agent: number;
  text: string;
  /** Scenario seconds. */
  at: number;
}

/** A fact worth an audit row: assignments, transfers, queueing, closing, agent state changes. */
export interface LiveEvent {
  at: number;
  kind: 'queued' | 'assigned' | 'transferred' | 'overflowed' | 'reserved' | 'closed' | 'released' | 'abandoned' | 'agentState';
  conversationId: number;
  agent: number;
  detail?: string;
}

/** Server → client frames (see the OpenAPI document's `x-websocket-frames`). */
export type OutFrame =
  | { type: 'assigned'; conversationId: number; agent: string; at: number }
  | { type: 'queue'; conversationId: number; position: number }
  | { type: 'message'; conversationId: number; author: Author; agent?: string; text: string; at: number; messageId: number }
  | { type: 'closed'; conversationId: number; at: number; reason: 'agent' | 'visitor' | 'silence' }
  | { type: 'transferred'; conversationId: number; from: string; to: string; at: number }
  | { type: 'released'; conversationId: number; at: number }
  | { type: 'state'; agent: string; status: AgentStatus; online: boolean; held: number; cap: number };

/** Where a frame goes: a visitor's conversation or an agent. */
export type Recipient = { visitorOf: number } | { agent: number };

/** A new live conversation with every instant absent. */
export function newConversation(id: number, visitorId: number, groupIndex: number, classIndex: number, arrivalAt: number, previousAgent: number): LiveConversation {
  return {
    id, visitorId, groupIndex, classIndex, arrivalAt, previousAgent,
    queuedAt: NaN, state: 'queued', agent: -1, queueSeq: 0, ring: 0,
    assignedAt: NaN, firstReplyAt: NaN, abandonedAt: NaN, closedAt: NaN, releasedAt: NaN, endedAt: NaN,
    outcome: null, agents: [], transferredAt: [], visitorMessageAt: [arrivalAt], agentMessageAt: [],
    awaiting: true, lastReplyAt: NaN, noReplyNeeded: false, silentClosed: false, lastPosition: 0,
  };
}
