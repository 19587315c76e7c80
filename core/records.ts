// What the model emits: one record per conversation and agent state samples. Pure types and the
// Recorder interface; must not import the model, metrics or anything with I/O.

/** How an offered conversation ended. Exactly one per conversation. */
export type Outcome =
  /** A person replied at least once; the conversation was closed. */
  | 'served'
  /** The visitor left while waiting unassigned in the queue. */
  | 'abandonedInQueue'
  /** The visitor left after assignment but before the first manual reply. */
  | 'abandonedAfterAssign'
  /** An FAQ card or a bot answered and the visitor did not follow up: never offered to people. */
  | 'deflected'
  /** Still waiting for a first reply when the run ended. Counts as a miss. */
  | 'unanswered';

/**
 * One conversation, every timestamp in seconds from the start of the horizon. Absent instants are
 * `NaN`. `visitorMessageAt[i]` is answered by `agentMessageAt[i]` (turn i); the first visitor
 * message is the arrival. Automatic messages are never in these arrays.
 */
export interface ConversationRecord {
  id: number;
  /** Index into the run's skill-group list. */
  groupIndex: number;
  /** Index into the scenario's priority classes; absent or 0 without classes. */
  classIndex?: number;
  /** When the visitor left a message (转留言) instead of waiting on; absent or NaN otherwise. */
  messageAt?: number;
  /** The agent marked it "no reply needed" (left out of the 24-hour response rate). */
  noReplyNeeded?: boolean;
  /** The system closed it after the visitor stayed silent (silent close); absent or false otherwise. */
  silentClosed?: boolean;
  /** A returning visitor's previous agent (index); absent or -1 for a first visit. */
  previousAgent?: number;
  /**
   * The visitor who started it, shared by all their conversations (in the simulator: their first
   * conversation's id, written for groups with retries); absent or -1: not known.
   */
  visitorId?: number;
  /** Deflected, then the visitor followed up at this instant and needed a person; absent or NaN otherwise. */
  followUpAt?: number;
  arrivalAt: number;
  /** When the visitor's patience runs out if no person has replied by then; Infinity = never. */
  patienceAt: number;
  /** When it entered the queue because no agent could take it; NaN if assigned at once. */
  queuedAt: number;
  /** First assignment to an agent; NaN if never assigned. */
  assignedAt: number;
  firstReplyAt: number;
  abandonedAt: number;
  /** When the conversation closed (last reply); NaN unless served. */
  closedAt: number;
  /** When the agent's slot became free again (after wrap-up, or at abandonment); NaN if never assigned. */
  releasedAt: number;
  /**
   * When the conversation's outcome was settled: `releasedAt` when served, `abandonedAt` when
   * abandoned, the end of the run when unanswered.
   */
  endedAt: number;
  outcome: Outcome;
  /** Agent indices in assignment order (a transfer adds one). Empty if never assigned. */
  agents: number[];
  /**
   * Instants the conversation moved from `agents[i]` to `agents[i + 1]` (transfers, 转接); absent
   * or empty when it never moved. `agents[0]` holds it from `assignedAt`.
   */
  transferredAt?: number[];
  visitorMessageAt: number[];
  agentMessageAt: number[];
}

/** From `at` on, agent `agentIndex` is `online` and holds `held` chats (wrap-up included). */
export interface AgentStateSample {
  agentIndex: number;
  at: number;
  online: boolean;
  held: number;
}

/**
 * Receives what the model observes. The model may reuse the objects it passes after the call
 * returns (the record's lists included): a recorder that keeps them must copy them, field by field
 * (a record's instants may be accessors, which `{ ...record }` does not copy; see `ArrayRecorder`).
 */
export interface Recorder {
  conversationEnded(record: ConversationRecord): void;
  agentState(sample: AgentStateSample): void;
}

/**
 * A copy of `r` that owns its lists, field by field (a record's instants may be accessors, which
 * `{ ...record }` does not copy; the model may reuse the lists it passes). Optional fields are copied
 * only when present.
 * @example recorder.conversationEnded = (r) => kept.push(copyRecord(r));
 */
export function copyRecord(r: ConversationRecord): ConversationRecord {
  const out: ConversationRecord = {
    id: r.id,
    groupIndex: r.groupIndex,
    arrivalAt: r.arrivalAt,
    patienceAt: r.patienceAt,
    queuedAt: r.queuedAt,
    assignedAt: r.assignedAt,
    firstReplyAt: r.firstReplyAt,
    abandonedAt: r.abandonedAt,
    closedAt: r.closedAt,
    releasedAt: r.releasedAt,
    endedAt: r.endedAt,
    outcome: r.outcome,
    agents: r.agents.slice(),
    visitorMessageAt: r.visitorMessageAt.slice(),
    agentMessageAt: r.agentMessageAt.slice(),
  };
  if (r.transferredAt !== undefined) out.transferredAt = r.transferredAt.slice();
  if (r.classIndex !== undefined) out.classIndex = r.classIndex;
  if (r.messageAt !== undefined) out.messageAt = r.messageAt;
  if (r.noReplyNeeded !== undefined) out.noReplyNeeded = r.noReplyNeeded;
  if (r.followUpAt !== undefined) out.followUpAt = r.followUpAt;
  if (r.previousAgent !== undefined) out.previousAgent = r.previousAgent;
  if (r.visitorId !== undefined) out.visitorId = r.visitorId;
  if (r.silentClosed !== undefined) out.silentClosed = r.silentClosed;
  return out;
}

/**
 * A record with every instant moved by `dtSec` (another clock's origin: a backend's clock counts
 * from the server's start, a trace's from day 0); NaN and ±Infinity stay as they are.
 * @example shiftRecord(r, 32400).arrivalAt // r.arrivalAt + 32400
 */
export function shiftRecord(r: ConversationRecord, dtSec: number): ConversationRecord {
  const out = copyRecord(r);
  const at = (x: number) => x + dtSec; // NaN + dt is NaN, Infinity + dt is Infinity
  out.arrivalAt = at(r.arrivalAt);
  out.patienceAt = at(r.patienceAt);
  out.queuedAt = at(r.queuedAt);
  out.assignedAt = at(r.assignedAt);
  out.firstReplyAt = at(r.firstReplyAt);
  out.abandonedAt = at(r.abandonedAt);
  out.closedAt = at(r.closedAt);
  out.releasedAt = at(r.releasedAt);
  out.endedAt = at(r.endedAt);
  out.visitorMessageAt = r.visitorMessageAt.map(at);
  out.agentMessageAt = r.agentMessageAt.map(at);
  if (r.transferredAt !== undefined) out.transferredAt = r.transferredAt.map(at);
  if (r.messageAt !== undefined) out.messageAt = at(r.messageAt);
  if (r.followUpAt !== undefined) out.followUpAt = at(r.followUpAt);
  return out;
}

/**
 * A sample moved by `dtSec` (see {@link shiftRecord}).
 * @example shiftSample(s, 60).at // s.at + 60
 */
export function shiftSample(s: AgentStateSample, dtSec: number): AgentStateSample {
  return { ...copySample(s), at: s.at + dtSec };
}

/** A copy of an agent state sample. */
export function copySample(s: AgentStateSample): AgentStateSample {
  return { agentIndex: s.agentIndex, at: s.at, online: s.online, held: s.held };
}

/** Keeps copies of everything it is given, in order: the simplest Recorder (tests, exports). */
export class ArrayRecorder implements Recorder {
  readonly records: ConversationRecord[] = [];
  readonly samples: AgentStateSample[] = [];
  conversationEnded(r: ConversationRecord): void {
    this.records.push(copyRecord(r));
  }
  agentState(s: AgentStateSample): void {
    this.samples.push(copySample(s));
  }
}
