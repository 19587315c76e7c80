// A conversation as the model runs it, and its log: the record's instants and the visitor's drawn
// durations in one array of doubles, each duration replaced by the message instant it leads to.
// Named slots (`agentSlot`, `visitorSlot`, `wrapUpSlot`) say where each lives; nothing else
// computes an offset. Also the conversation states and the reusable lists records point to.
// Imports only the kernel (and the model's agent type).

import type { ConversationRecord, Outcome } from '../../core/records.js';
import type { Agent } from './agents.js';

/** Conversation states. A `const enum` (numbers written in at each use), like the event kinds. */
export const enum State {
  /** Not yet offered to people (drawn, or on its way to a deflection outcome). */
  NEW = 0,
  QUEUED = 1,
  /** Assigned, waiting for the first manual reply. */
  ASSIGNED = 2,
  /**
   * First reply certain, or given; rounds, then wrap-up, under way (event-driven path). The next
   * manual reply is written ahead of its time (see `answer` in contact-centre.ts).
   */
  TALKING = 3,
  /** Assigned with a fixed timeline (agents without slowdown): one RELEASE event ends it. */
  PLANNED = 5,
  ENDED = 6,
  /** The visitor left a message: waits, without patience, for an agent with nothing live to do. */
  MESSAGE = 7,
  /** Deflected (FAQ card, bot) and waiting to follow up. */
  FOLLOW_UP_PENDING = 8,
  /** A returning visitor waiting (unassigned, queued) for their previous agent only. */
  RESERVED = 9,
}

// Where each instant of a conversation lives in its `log` array.
const T_ARRIVAL = 0;
const T_PATIENCE = 1;
const T_QUEUED = 2;
const T_ASSIGNED = 3;
const T_FIRST_REPLY = 4;
const T_ABANDONED = 5;
const T_CLOSED = 6;
const T_RELEASED = 7;
const T_ENDED = 8;

/** Where the durations start in a conversation's `log`, after the nine instants. */
const W = 9;

/**
 * Slot of agent message k (k ≥ 0) in a log: before it is written, the base delay of that reply
 * (seconds, for a speed-1 agent holding one chat); then its instant.
 */
export function agentSlot(k: number): number {
  return W + 2 * k;
}

/** Slot of visitor message k (k ≥ 1) in a log: before it is written, the think time that leads to it (seconds); then its instant. */
export function visitorSlot(k: number): number {
  return W + 2 * k - 1;
}

/** Slot of the wrap-up time (seconds) in the log of a conversation of `rounds` rounds: the last one. */
export function wrapUpSlot(rounds: number): number {
  return W + 2 * rounds - 1;
}

/** Length of the log of a conversation of `rounds` rounds. */
export function logLength(rounds: number): number {
  return W + 2 * rounds;
}

/** Longest log built by copying {@link LOG_TEMPLATE} (one exact-size allocation); longer ones are rare. */
const LOG_TEMPLATE_LENGTH = 64;
/** Doubles to copy logs from: `slice` of a packed array of doubles is one allocation of exactly that size. */
const LOG_TEMPLATE: number[] = Array.from({ length: LOG_TEMPLATE_LENGTH }, () => 0.5);

/** A packed array of `n` doubles (values to be overwritten), allocated at exactly that size. */
export function doubles(n: number): number[] {
  return n <= LOG_TEMPLATE_LENGTH ? LOG_TEMPLATE.slice(0, n) : new Array<number>(n).fill(0.5);
}

/**
 * A new log of `rounds` rounds with its instants set (arrival, patience, the rest NaN); the caller
 * fills the durations in index order (see `drawLog`).
 */
export function newLog(rounds: number, arrivalAt: number, patienceAt: number): number[] {
  const log = doubles(logLength(rounds));
  log[T_ARRIVAL] = arrivalAt;
  log[T_PATIENCE] = patienceAt;
  for (let i = T_PATIENCE + 1; i < W; i++) log[i] = NaN;
  return log;
}

/**
 * A new log of a drawn visit of `rounds` rounds: its patience (a duration, seconds, until
 * {@link startConversation} makes it an instant) and the rest NaN; the caller fills the durations
 * in index order (see `drawLog`).
 */
export function drawnLog(rounds: number, patienceSec: number): number[] {
  return newLog(rounds, NaN, patienceSec);
}

/** Rounds of a log. */
export function roundsOf(log: readonly number[]): number {
  return (log.length - W) >> 1; // a small integer (a division would give a double, boxed in the field)
}

/** The patience (seconds) of a drawn log, before {@link startConversation}. */
export function patienceOf(log: readonly number[]): number {
  return log[T_PATIENCE];
}

/**
 * The conversation of a drawn log (see {@link drawnLog}) arriving at `arrivalAt`, its patience
 * running from `patienceFrom` (a follow-up after a deflection: later).
 */
export function startConversation(id: number, groupIndex: number, log: number[], arrivalAt: number, patienceFrom: number): Conversation {
  log[T_ARRIVAL] = arrivalAt;
  log[T_PATIENCE] = patienceFrom + log[T_PATIENCE];
  return new Conversation(id, groupIndex, roundsOf(log), log);
}

/**
 * A visitor's next visit, drawn when the visitor first arrived, with the visit's own drawn log (see
 * {@link drawnLog}) and the visit after it: a return comes `afterSec` after a served visit's
 * release, a retry `afterSec` after an abandonment in queue.
 */
export class ReturnDraw {
  constructor(readonly afterSec: number, readonly log: number[], public next: ReturnDraw | null = null) {}
}

/** The rarely used part of a conversation (see `Conversation.x`). */
class ConversationExt {
  transferredAt: number[] | undefined = undefined;
  /** Agents that held the chat before the current one (transfers), oldest first. */
  previousHolders: number[] | undefined = undefined;
  pendingReplyAt = 0;
  ring = 0;
  classIndex = 0;
  messageAt: number | undefined = undefined;
  noReplyNeeded = false;
  followUpAt: number | undefined = undefined;
  previousAgent = -1;
  silentAfter = 0;
  silentClosed = false;
  leaver = false;
  returns: ReturnDraw | null = null;
  retries: ReturnDraw | null = null;
  visitorId = -1;
}

export class Conversation implements ConversationRecord {
  /**
   * Everything a conversation's timeline needs, in one array of unboxed doubles: the nine instants
   * of the record (index `T_*`, read and written through the accessors below), then from `W` on the
   * durations `[firstReply, think₂, nextReply₂, …, thinkₖ, nextReplyₖ, wrapUp]`, seconds. Each
   * duration is spent once, and the message it leads to takes its place: agent message k (k ≥ 0)
   * at `agentSlot(k)`, visitor message k (k ≥ 1) at `visitorSlot(k)`; wrap-up stays last
   * (`wrapUpSlot(rounds)`).
   * One object where fields would take ten (V8 boxes each double field) and message arrays two
   * more: at a million visitors the live conversations no longer fit the L2 cache, and each miss
   * costs an L3 round trip.
   */
  readonly log: number[];
  get arrivalAt(): number { return this.log[T_ARRIVAL]; }
  /** When the visitor's patience runs out if no person has replied by then; Infinity = never. */
  get patienceAt(): number { return this.log[T_PATIENCE]; }
  set patienceAt(v: number) { this.log[T_PATIENCE] = v; }
  get queuedAt(): number { return this.log[T_QUEUED]; }
  set queuedAt(v: number) { this.log[T_QUEUED] = v; }
  get assignedAt(): number { return this.log[T_ASSIGNED]; }
  set assignedAt(v: number) { this.log[T_ASSIGNED] = v; }
  get firstReplyAt(): number { return this.log[T_FIRST_REPLY]; }
  set firstReplyAt(v: number) { this.log[T_FIRST_REPLY] = v; }
  get abandonedAt(): number { return this.log[T_ABANDONED]; }
  set abandonedAt(v: number) { this.log[T_ABANDONED] = v; }
  get closedAt(): number { return this.log[T_CLOSED]; }
  set closedAt(v: number) { this.log[T_CLOSED] = v; }
  get releasedAt(): number { return this.log[T_RELEASED]; }
  set releasedAt(v: number) { this.log[T_RELEASED] = v; }
  get endedAt(): number { return this.log[T_ENDED]; }
  set endedAt(v: number) { this.log[T_ENDED] = v; }
  outcome: Outcome = 'unanswered';
  /**
   * The lists of the record (agents, messages), filled by `writeLists` into the run's reusable
   * lists as the conversation ends, for the recorder's call only (records may be reused: see
   * `Recorder`). Until then one shared frozen empty list: a live chat's holder is `agent` (earlier
   * ones, after transfers, in `previousHolders`) and its instants live in `log` (see there).
   */
  agents: number[] = NO_LIST;
  visitorMessageAt: number[] = NO_LIST;
  agentMessageAt: number[] = NO_LIST;
  /** Agent messages so far (at `agentSlot(0)`, `agentSlot(1)`, …) and visitor messages after the arrival (at `visitorSlot(1)`, …). */
  agentMessages = 0;
  visitorMessages = 0;
  state = State.NEW;
  turn = 0;
  agent: Agent | null = null;
  abandonScheduled = false;
  /**
   * What only the operations mechanisms use (transfers, classes, messages, returns, silent close),
   * allocated on first write: keeps the common conversation small (allocation and GC are a good
   * part of a run). Read through the accessors below.
   */
  private x: ConversationExt | null = null;
  private ext(): ConversationExt {
    return this.x ??= new ConversationExt();
  }
  get previousHolders(): number[] | undefined { return this.x === null ? undefined : this.x.previousHolders; }
  set previousHolders(v: number[] | undefined) { this.ext().previousHolders = v; }
  /** Instants the chat moved from `agents[i]` to `agents[i + 1]`; absent without transfers. */
  get transferredAt(): number[] | undefined { return this.x === null ? undefined : this.x.transferredAt; }
  set transferredAt(v: number[] | undefined) { this.ext().transferredAt = v; }
  /** With a transfer check pending: when the current agent would first reply (Infinity: never). */
  get pendingReplyAt(): number { return this.x === null ? 0 : this.x.pendingReplyAt; }
  set pendingReplyAt(v: number) { this.ext().pendingReplyAt = v; }
  /** Next overflow ring of a queued chat (index into its group's rings). */
  get ring(): number { return this.x === null ? 0 : this.x.ring; }
  set ring(v: number) { this.ext().ring = v; }
  /** Priority class (index into the scenario's classes; 0 without classes). */
  get classIndex(): number { return this.x === null ? 0 : this.x.classIndex; }
  set classIndex(v: number) { this.ext().classIndex = v; }
  get messageAt(): number | undefined { return this.x === null ? undefined : this.x.messageAt; }
  set messageAt(v: number | undefined) { this.ext().messageAt = v; }
  get noReplyNeeded(): boolean { return this.x !== null && this.x.noReplyNeeded; }
  set noReplyNeeded(v: boolean) { if (v || this.x !== null) this.ext().noReplyNeeded = v; }
  /** When a deflected visitor followed up. */
  get followUpAt(): number | undefined { return this.x === null ? undefined : this.x.followUpAt; }
  set followUpAt(v: number | undefined) { this.ext().followUpAt = v; }
  /** A returning visitor's previous agent (index), or -1. */
  get previousAgent(): number { return this.x === null ? -1 : this.x.previousAgent; }
  set previousAgent(v: number) { this.ext().previousAgent = v; }
  /** Seconds of visitor silence after the last reply before the system closes it (0: the agent closes). */
  get silentAfter(): number { return this.x === null ? 0 : this.x.silentAfter; }
  set silentAfter(v: number) { if (v !== 0 || this.x !== null) this.ext().silentAfter = v; }
  get silentClosed(): boolean { return this.x !== null && this.x.silentClosed; }
  set silentClosed(v: boolean) { if (v || this.x !== null) this.ext().silentClosed = v; }
  /** Inclined to leave a message rather than wait (groups with leaveMessage). */
  get leaver(): boolean { return this.x !== null && this.x.leaver; }
  set leaver(v: boolean) { if (v || this.x !== null) this.ext().leaver = v; }
  /** The visitor's next visit if this one is served (returning visitors); null: none. */
  get returns(): ReturnDraw | null { return this.x === null ? null : this.x.returns; }
  set returns(v: ReturnDraw | null) { if (v !== null || this.x !== null) this.ext().returns = v; }
  /** The visitor's next attempt if this one is abandoned in queue (retries); null: none. */
  get retries(): ReturnDraw | null { return this.x === null ? null : this.x.retries; }
  set retries(v: ReturnDraw | null) { if (v !== null || this.x !== null) this.ext().retries = v; }
  /** The visitor's id (their first conversation's) in groups with retries; -1: not tracked. */
  get visitorId(): number { return this.x === null ? -1 : this.x.visitorId; }
  set visitorId(v: number) { if (v !== -1 || this.x !== null) this.ext().visitorId = v; }
  constructor(
    readonly id: number,
    readonly groupIndex: number,
    public rounds: number,
    /** The log with its instants set (arrival, patience, the rest NaN) and its durations drawn. */
    log: number[],
  ) {
    this.log = log;
  }

  /** Wrap-up time, seconds (the log's last slot). */
  get wrapUpSec(): number { return this.log[wrapUpSlot(this.rounds)]; }

  /**
   * The rounds stop after round `rounds` (≤ the drawn rounds): the wrap-up moves to its new last
   * slot (silent close, a left message). Only before the first reply.
   */
  stopAfter(rounds: number): void {
    this.log[wrapUpSlot(rounds)] = this.log[wrapUpSlot(this.rounds)];
    this.rounds = rounds;
  }

  /**
   * At a cut-off at `endAt`: forgets the messages written ahead beyond it (the timeline of a
   * State.PLANNED conversation, the answer of a State.TALKING one) and, with them, a close or a first reply
   * after `endAt`.
   */
  trimTo(endAt: number): void {
    const w = this.log;
    if (this.state === State.PLANNED) {
      while (this.agentMessages > 0 && w[agentSlot(this.agentMessages - 1)] > endAt) this.agentMessages--;
      while (this.visitorMessages > 0 && w[visitorSlot(this.visitorMessages)] > endAt) this.visitorMessages--;
      if (this.firstReplyAt > endAt) this.firstReplyAt = NaN;
      if (this.closedAt > endAt) this.closedAt = NaN;
    } else if (this.state === State.TALKING) {
      // The answer to the last visitor message was written ahead (see `onVisitorMessage`).
      const before = this.agentMessages;
      while (this.agentMessages > 0 && w[agentSlot(this.agentMessages - 1)] > endAt) this.agentMessages--;
      if (this.agentMessages < before && before === this.rounds) this.closedAt = NaN;
      if (this.firstReplyAt > endAt) this.firstReplyAt = NaN;
    }
  }

  /** Fills `lists` from the holders, the log and the counts, and points the record at them (when the conversation ends). */
  writeLists(lists: RecordLists): void {
    const w = this.log;
    const n = this.visitorMessages;
    const visitor = lists.visitorMessageAt[1 + n] ?? lists.make(lists.visitorMessageAt, 1 + n);
    visitor[0] = this.arrivalAt;
    for (let k = 1; k <= n; k++) visitor[k] = w[visitorSlot(k)];
    const m = this.agentMessages;
    const agent = lists.agentMessageAt[m] ?? lists.make(lists.agentMessageAt, m);
    for (let k = 0; k < m; k++) agent[k] = w[agentSlot(k)];
    const earlier = this.previousHolders;
    const holders = (earlier === undefined ? 0 : earlier.length) + (this.agent === null ? 0 : 1);
    const agents = lists.agents[holders] ?? lists.make(lists.agents, holders);
    if (earlier !== undefined) for (let i = 0; i < earlier.length; i++) agents[i] = earlier[i];
    if (this.agent !== null) agents[holders - 1] = this.agent.index;
    this.visitorMessageAt = visitor;
    this.agentMessageAt = agent;
    this.agents = agents;
  }
}

/** The lists of a conversation not yet ended (frozen: nothing may add to it). */
const NO_LIST = Object.freeze([]) as unknown as number[];

/**
 * A run's lists that ending conversations' records point to during the recorder's call, one of
 * each length (index = length), made on first need and overwritten by each record of that length:
 * no allocation per record, and no change of length (a runtime call in V8).
 */
export class RecordLists {
  readonly agents: number[][] = [];
  readonly visitorMessageAt: number[][] = [];
  readonly agentMessageAt: number[][] = [];
  /** Makes `byLength`'s list of length `n` (packed: doubles, or the agents' small integers). */
  make(byLength: number[][], n: number): number[] {
    const list = byLength === this.agents ? Array.from({ length: n }, () => 0) : doubles(n);
    byLength[n] = list;
    return list;
  }
}

