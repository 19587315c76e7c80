// The live chat centre: the roster's agents, the conversations, one queue per skill group and
// priority class, and the timers of the operations rules (overflow rings, auto-transfer with away
// after misses, sticky waits, silent close), all on an injected clock in scenario seconds. Every
// routing decision is a call into the kernel (policies, the skill-level filter, the transfer
// exclusion, the queue key, overflow rings, the sticky rule, `nextChat`); nothing here re-decides.
// Each public operation is one atomic step: it runs inside the sink's transaction, and the frames
// it produces go out only after that commits (the sink's `afterCommit` when it groups commits).
// No I/O; imports only the kernel and its own files.

import type { Scenario } from '../../core/scenario.js';
import { getPolicy, POLICY_NAMES, NO_CURSOR, type SelectAgent, type RoutingContext, type AgentView } from '../../core/routing/policies.js';
import { hasFreeSlot, topSkillLevel, withoutAgent } from '../../core/routing/candidates.js';
import { DEFAULT_AGING_PER_SEC, priorityBoostSec } from '../../core/routing/queue-key.js';
import { overflowDueAt, overflowRings, type OverflowRing } from '../../core/routing/overflow.js';
import { returnRoute, stickyWaitEndsAt } from '../../core/routing/sticky.js';
import { groupHead, nextChat, type GroupQueueView, type NextChatAgentView, type OverflowSource } from '../../core/routing/next-chat.js';
import { goesAway, silentCloseAt, transferCheckDue, transferRecheckDue, transferRule, type TransferRule } from '../../core/operations.js';
import { agentTable } from '../../core/roster.js';
import { ChatsimError } from '../../core/errors.js';
import type { AgentStateSample } from '../../core/records.js';
import type { Scheduler, Timer } from './clock.js';
import {
  newConversation,
  type AgentStatus, type LiveAgent, type LiveConversation, type LiveEvent, type LiveMessage, type OutFrame, type Recipient,
} from './types.js';

/** What the centre hands over for storing, inside one transaction per operation. */
export interface CentreSink {
  /** Runs `fn` atomically (one SQLite transaction, or a savepoint of a group commit); a throw rolls back. */
  transaction<T>(fn: () => T): T;
  /**
   * Runs `fn` once every transaction so far is durable (at once when none is pending). A sink
   * that commits several operations together (group commit) holds the frames back until then.
   */
  afterCommit?(fn: () => void): void;
  conversation(c: LiveConversation): void;
  agent(a: LiveAgent): void;
  /** Stores a message and returns its id. */
  message(m: LiveMessage): number;
  event(e: LiveEvent): void;
  sample(s: AgentStateSample): void;
  cursor(groupIndex: number, cursor: number): void;
  /** Takes the next conversation id (ids are the sink's). */
  conversationId(): number;
  /** Creates a visitor known by the hash of their token; returns their id. */
  newVisitor(tokenHash: string): number;
  /** A visitor's conversation was served by `agent` (a later one returns to that agent). */
  visitorServed(visitorId: number, agent: number): void;
}

/** What the centre tells the world, after commit. */
export interface CentreListener {
  frame?(to: Recipient, frame: OutFrame): void;
  /** A conversation was offered to people (counted once). */
  offered?(c: LiveConversation): void;
  assigned?(c: LiveConversation, queueWaitSec: number): void;
  firstReply?(c: LiveConversation, frtSec: number): void;
  abandoned?(c: LiveConversation, queueWaitSec: number): void;
  closed?(c: LiveConversation): void;
  violation?(message: string): void;
}

/** A refused request: the code and HTTP status the API answers with. */
export class CentreError extends ChatsimError {
  override name = 'CentreError';
  constructor(readonly code: string, readonly status: number, message: string) {
    super(message);
  }
}

/** What a restart hands back (see the store's `load`). */
export interface CentreState {
  agents: Array<Pick<LiveAgent, 'index' | 'status' | 'awayUntil' | 'misses' | 'lastAssignedAt'>>;
  /** Conversations not ended, in id order. */
  open: LiveConversation[];
  cursors: number[];
  queueSeq: number;
}

interface Group {
  index: number;
  id: string;
  agents: LiveAgent[];
  /** Waiting chats per priority class, each in the order they joined. */
  classes: LiveConversation[][];
  boostSec: number[];
  rings: OverflowRing[];
  cursor: number;
  silentCloseSec: number;
  returning: { waitSec: number; fallback: SelectAgent } | null;
  /** The kernel's view of this queue (the lists themselves; no leave-message queue live). */
  view: GroupQueueView;
}

interface Timers {
  transfer: Timer | null;
  overflow: Timer | null;
  sticky: Timer | null;
  silent: Timer | null;
}

/** Options of a live centre. */
export interface CentreOptions {
  scenario: Scenario;
  clock: Scheduler;
  sink: CentreSink;
  listener?: CentreListener;
  /** Overrides the scenario's policy. */
  policy?: string;
  /** Check the invariants after every operation (what it touched; everything every {@link FULL_CHECK_EVERY}th). */
  checkInvariants?: boolean;
  /** A uniform [0, 1) stream for policies that randomise (the built-in ones do not). */
  rng?: () => number;
}

/** With `checkInvariants`, every operation checks what it touched, and every this many operations check the whole centre. */
export const FULL_CHECK_EVERY = 100;

function policyOf(name: string): SelectAgent {
  const p = getPolicy(name);
  if (!p) throw new ChatsimError(`unknown routing policy "${name}" (known: ${POLICY_NAMES.join(', ')})`);
  return p.selectAgent;
}

/** The live centre (see the file header). */
export class LiveCentre {
  readonly scenario: Scenario;
  readonly agents: LiveAgent[] = [];
  private readonly groups: Group[];
  private readonly select: SelectAgent;
  private readonly ctx: RoutingContext;
  private readonly transfer: TransferRule | null;
  private readonly clock: Scheduler;
  private readonly sink: CentreSink;
  private readonly listener: CentreListener;
  private readonly check: boolean;
  /** Open conversations by id (ended ones are in the store only). */
  readonly open = new Map<number, LiveConversation>();
  private readonly timers = new Map<number, Timers>();
  private readonly awayTimers = new Map<number, Timer>();
  /** Returning visitors waiting for each agent, oldest first, by agent index. */
  private readonly reserved = new Map<number, LiveConversation[]>();
  private readonly overflowFrom: OverflowSource[][];
  private queueSeq = 0;
  // the current operation: depth, dirty rows, frames and listener calls to send after commit
  private depth = 0;
  private dirtyConversations = new Set<LiveConversation>();
  private dirtyAgents = new Set<LiveAgent>();
  private outbox: Array<() => void> = [];
  /** Operations so far (a queue order cached at one version is stale at the next). */
  private version = 0;
  private readonly orderCache = new Map<number, { version: number; order: LiveConversation[] }>();
  /** Groups whose queue changed in this operation: their visitors hear their positions after it. */
  private queueChanged = new Set<Group>();
  /** Operations since the last full invariant check (`checkInvariants`). */
  private opsSinceFullCheck = 0;

  constructor(options: CentreOptions) {
    const s = options.scenario;
    this.scenario = s;
    this.clock = options.clock;
    this.sink = options.sink;
    this.listener = options.listener ?? {};
    this.check = options.checkInvariants ?? false;
    this.select = policyOf(options.policy ?? s.policy);
    this.ctx = { now: 0, rng: options.rng ?? (() => 0.5), cursor: NO_CURSOR };
    this.transfer = transferRule(s.autoTransfer);
    const groupIndex = new Map(s.groups.map((g, i) => [g.id, i]));
    const classes = s.classes ?? [];
    const aging = s.agingPerSec ?? DEFAULT_AGING_PER_SEC;
    const boostSec = classes.length > 0 ? classes.map((c) => priorityBoostSec(c.priority, aging)) : [0];
    this.groups = s.groups.map((g, gi) => {
      const lists = boostSec.map(() => [] as LiveConversation[]);
      return {
        index: gi, id: g.id, agents: [], classes: lists, boostSec, rings: [], cursor: NO_CURSOR,
        silentCloseSec: g.silentCloseSec ?? Infinity,
        returning: g.returning ? { waitSec: g.returning.waitSec, fallback: policyOf(g.returning.fallback) } : null,
        view: { classes: lists, boostSec, messages: [] },
      };
    });
    const table = agentTable(s);
    for (const info of table) {
      const ag = s.agents[info.groupIndex];
      const skills = ag.skills.map((id) => {
        const i = groupIndex.get(id);
        if (i === undefined) throw new ChatsimError(`agent group "${ag.id}" has unknown skill "${id}"`);
        return i;
      });
      const a: LiveAgent = {
        index: this.agents.length, id: info.id, group: ag.id, skills,
        levels: ag.skills.map((id) => ag.skillLevels?.[id] ?? 1),
        cap: ag.maxConcurrent, rank: ag.rank, status: 'offline', awayUntil: NaN, misses: 0,
        online: false, held: 0, lastAssignedAt: 0,
      };
      this.agents.push(a);
      for (const gi of skills) this.groups[gi].agents.push(a);
    }
    this.overflowFrom = this.agents.map(() => []);
    s.groups.forEach((sg, gi) => {
      if (!sg.overflow || sg.overflow.length === 0) return;
      const byGroup = (id: string) => this.agents.filter((a) => a.group === id);
      const rings = overflowRings(gi, sg.overflow, byGroup);
      this.groups[gi].rings = rings;
      for (const ring of rings) for (const i of ring.added) this.overflowFrom[i].push({ groupIndex: gi, afterSec: ring.afterSec });
    });
  }

  // ---- reading --------------------------------------------------------------------------------

  /** Scenario seconds now. */
  now(): number {
    return this.clock.now();
  }

  /** The skill group ids, by index. */
  get groupIds(): string[] {
    return this.groups.map((g) => g.id);
  }

  /** The agent with id `id`, or undefined. */
  agentById(id: string): LiveAgent | undefined {
    return this.agents.find((a) => a.id === id);
  }

  /** The open conversation `id` (undefined once ended). */
  conversation(id: number): LiveConversation | undefined {
    return this.open.get(id);
  }

  /**
   * The waiting chats of skill group `gi`, in the order they will be served: the kernel's
   * `groupHead` asked again after each head is taken (O(queued × classes)). Cached until the next
   * operation.
   */
  queueOf(gi: number): LiveConversation[] {
    const cached = this.orderCache.get(gi);
    if (cached !== undefined && cached.version === this.version) return cached.order;
    const g = this.groups[gi];
    const at = g.classes.map(() => 0);
    const order: LiveConversation[] = [];
    for (;;) {
      const heads: GroupQueueView = { classes: g.classes.map((l, k) => (at[k] < l.length ? [l[at[k]]] : [])), boostSec: g.boostSec, messages: [] };
      const head = groupHead(heads, Infinity);
      if (head === null) break;
      order.push(head.chat as LiveConversation);
      at[head.classIndex]++;
    }
    this.orderCache.set(gi, { version: this.version, order });
    return order;
  }

  /** 1-based position of a queued chat in its group's serving order, 0 when not queued. */
  queuePosition(c: LiveConversation): number {
    if (c.state !== 'queued') return 0;
    return this.queueOf(c.groupIndex).indexOf(c) + 1;
  }

  /** Chats held by agent `a`. */
  heldBy(a: LiveAgent): LiveConversation[] {
    return [...this.open.values()].filter((c) => c.agent === a.index);
  }

  // ---- operations ---------------------------------------------------------------------------------

  /**
   * A visitor's first message starts a conversation in skill group `groupIndex`, class
   * `classIndex`. A new visitor comes with the hash of their new token; a returning one with their
   * id and the agent who served them last (-1: none), for the sticky rule.
   */
  start(groupIndex: number, classIndex: number, text: string, visitor: { tokenHash: string } | { id: number; previousAgent: number }): LiveConversation {
    return this.op(() => {
      if (!(groupIndex >= 0 && groupIndex < this.groups.length)) throw new CentreError('unknown_group', 400, `unknown skill group ${groupIndex}`);
      if (!(classIndex >= 0 && classIndex < this.groups[groupIndex].classes.length)) throw new CentreError('unknown_class', 400, `unknown priority class ${classIndex}`);
      const now = this.now();
      const visitorId = 'id' in visitor ? visitor.id : this.sink.newVisitor(visitor.tokenHash);
      const previousAgent = 'id' in visitor ? visitor.previousAgent : -1;
      const c = newConversation(this.sink.conversationId(), visitorId, groupIndex, classIndex, now, previousAgent);
      this.open.set(c.id, c);
      this.timers.set(c.id, { transfer: null, overflow: null, sticky: null, silent: null });
      this.dirty(c);
      this.storeMessage(c, 'visitor', -1, text, now);
      this.later(() => this.listener.offered?.(c));
      const g = this.groups[groupIndex];
      if (previousAgent >= 0 && g.returning !== null) this.routeReturning(c, g, this.agents[previousAgent], now);
      else this.route(c, g, now);
      return c;
    });
  }

  /** A visitor message; returns its id. */
  visitorMessage(id: number, text: string): number {
    return this.op(() => {
      const c = this.openConversation(id);
      if (c.state === 'wrapUp') throw new CentreError('conversation_closed', 409, `conversation ${id} is closed`);
      const now = this.now();
      if (!c.awaiting && c.state === 'assigned') {
        c.awaiting = true;
        c.visitorMessageAt.push(now);
        this.cancel(c, 'silent');
        this.dirty(c); // else the conversation's row is unchanged: only the message is stored
      }
      return this.storeMessage(c, 'visitor', -1, text, now);
    });
  }

  /** An agent's message in a chat they hold; returns its id. */
  agentMessage(agentIndex: number, id: number, text: string): number {
    return this.op(() => {
      const c = this.heldConversation(agentIndex, id);
      if (c.state !== 'assigned') throw new CentreError('conversation_closed', 409, `conversation ${id} is closed`);
      const now = this.now();
      if (c.awaiting) {
        c.awaiting = false;
        c.agentMessageAt.push(now);
        if (c.firstReplyAt !== c.firstReplyAt) {
          c.firstReplyAt = now;
          this.cancel(c, 'transfer');
          this.later(() => this.listener.firstReply?.(c, now - c.arrivalAt));
        }
      }
      c.lastReplyAt = now;
      this.armSilentClose(c);
      this.dirty(c);
      return this.storeMessage(c, 'agent', agentIndex, text, now);
    });
  }

  /** The agent closes a chat they hold: its slot stays busy for the wrap-up. */
  close(agentIndex: number, id: number): LiveConversation {
    return this.op(() => {
      const c = this.heldConversation(agentIndex, id);
      if (c.state !== 'assigned') throw new CentreError('conversation_closed', 409, `conversation ${id} is already closed`);
      if (c.firstReplyAt !== c.firstReplyAt && !c.noReplyNeeded) throw new CentreError('no_reply_yet', 409, `conversation ${id} has no reply yet: reply, or mark it no-reply-needed, before closing`);
      this.closeNow(c, 'agent', this.now());
      return c;
    });
  }

  /** The agent ends the wrap-up of a closed chat: the slot frees and they may take the next. */
  endWrapUp(agentIndex: number, id: number): LiveConversation {
    return this.op(() => {
      const c = this.heldConversation(agentIndex, id);
      if (c.state !== 'wrapUp') throw new CentreError('not_in_wrap_up', 409, `conversation ${id} is not in wrap-up`);
      const now = this.now();
      c.releasedAt = now;
      c.outcome = c.firstReplyAt === c.firstReplyAt ? 'served' : 'unanswered';
      this.end(c, now);
      if (c.outcome === 'served') this.sink.visitorServed(c.visitorId, agentIndex);
      this.event(now, 'released', c, agentIndex);
      this.emit({ visitorOf: c.id }, { type: 'released', conversationId: c.id, at: now });
      const a = this.agents[agentIndex];
      this.setHeld(a, a.held - 1, now);
      this.pull(a, now);
      return c;
    });
  }

  /** The agent marks a chat they hold "no reply needed" (out of the 24-hour response rate). */
  markNoReplyNeeded(agentIndex: number, id: number): LiveConversation {
    return this.op(() => {
      const c = this.heldConversation(agentIndex, id);
      c.noReplyNeeded = true;
      this.dirty(c);
      return c;
    });
  }

  /** The visitor leaves: abandonment before a reply, else the conversation closes (wrap-up follows). */
  leave(id: number): LiveConversation {
    return this.op(() => {
      const c = this.openConversation(id);
      const now = this.now();
      if (c.state === 'queued' || c.state === 'reserved') {
        const wait = now - c.queuedAt;
        if (c.state === 'queued') this.dequeue(c);
        else this.unreserve(c);
        c.abandonedAt = now;
        c.outcome = 'abandonedInQueue';
        this.end(c, now);
        this.event(now, 'abandoned', c, -1);
        this.later(() => this.listener.abandoned?.(c, wait));
      } else if (c.state === 'assigned' && c.firstReplyAt !== c.firstReplyAt) {
        const a = this.agents[c.agent];
        c.abandonedAt = now;
        c.releasedAt = now;
        c.outcome = 'abandonedAfterAssign';
        this.end(c, now);
        this.event(now, 'abandoned', c, a.index);
        this.emit({ agent: a.index }, { type: 'closed', conversationId: c.id, at: now, reason: 'visitor' });
        this.later(() => this.listener.abandoned?.(c, c.queuedAt === c.queuedAt ? c.assignedAt - c.queuedAt : 0));
        this.setHeld(a, a.held - 1, now);
        this.pull(a, now);
      } else if (c.state === 'assigned') {
        this.closeNow(c, 'visitor', now);
      }
      return c;
    });
  }

  /** An agent goes online, away or offline; online agents take waiting chats at once. */
  setStatus(agentIndex: number, status: AgentStatus): LiveAgent {
    return this.op(() => {
      const a = this.agents[agentIndex];
      const now = this.now();
      if (a.status === 'offline' && status !== 'offline') a.lastAssignedAt = now;
      a.status = status;
      this.refreshOnline(a, now);
      this.event(now, 'agentState', null, a.index, status);
      this.pull(a, now);
      return a;
    });
  }

  /** Brings back what a restart found in the store: agents' states, open conversations, queues in order, timers. */
  restore(state: CentreState): void {
    this.op(() => {
      const now = this.now();
      for (const s of state.agents) Object.assign(this.agents[s.index], s);
      state.cursors.forEach((cur, gi) => { if (gi < this.groups.length) this.groups[gi].cursor = cur; });
      this.queueSeq = state.queueSeq;
      const queued = state.open.filter((c) => c.state === 'queued').sort((x, y) => x.queueSeq - y.queueSeq);
      for (const c of state.open) {
        this.open.set(c.id, c);
        this.timers.set(c.id, { transfer: null, overflow: null, sticky: null, silent: null });
        if (c.agent >= 0) this.agents[c.agent].held++;
      }
      for (const c of queued) {
        this.groups[c.groupIndex].classes[c.classIndex].push(c);
        this.armOverflow(c, now);
      }
      for (const c of state.open) {
        if (c.state === 'reserved') {
          this.reservedFor(c.previousAgent).push(c);
          const r = this.groups[c.groupIndex].returning;
          this.setTimer(c, 'sticky', stickyWaitEndsAt(c.queuedAt, r?.waitSec ?? 0), () => this.onStickyEnd(c));
        } else if (c.state === 'assigned') {
          const t = this.transfer;
          if (c.firstReplyAt !== c.firstReplyAt && t !== null && transferCheckDue(t, Infinity, Infinity, c.transferredAt.length, this.lastMoveAt(c))) {
            this.setTimer(c, 'transfer', this.lastMoveAt(c) + t.afterSec, () => this.onTransferCheck(c));
          }
          this.armSilentClose(c);
        }
      }
      for (const a of this.agents) {
        if (a.awayUntil === a.awayUntil) this.awayTimers.set(a.index, this.clock.at(a.awayUntil, () => this.onAwayEnd(a)));
        this.refreshOnline(a, now);
      }
      for (const a of this.agents) this.pull(a, now);
    });
  }

  /** Cancels every timer (shutdown). */
  stop(): void {
    for (const t of this.timers.values()) for (const k of ['transfer', 'overflow', 'sticky', 'silent'] as const) this.clock.cancel(t[k]);
    for (const t of this.awayTimers.values()) this.clock.cancel(t);
    this.timers.clear();
    this.awayTimers.clear();
  }

  // ---- routing (the kernel's rules) -----------------------------------------------------------------

  /** Offers `c` to the group's free agents at the top skill level (the policy picks), else queues it. */
  private route(c: LiveConversation, g: Group, now: number): void {
    const pick = this.pick(this.select, c, topSkillLevel(g.agents, this.levelsOf(g)), g.cursor, now);
    if (this.takePick(c, g, pick, now)) return;
    this.enqueue(c, g, now);
  }

  /** A returning visitor, by the kernel's sticky rule: their previous agent, a wait for them, or the fallback policy. */
  private routeReturning(c: LiveConversation, g: Group, previous: LiveAgent, now: number): void {
    const r = g.returning!;
    const route = returnRoute(previous, previous.status !== 'offline', r.waitSec);
    if (route === 'previous') {
      this.assign(c, previous, now);
    } else if (route === 'wait') {
      c.state = 'reserved';
      c.queuedAt = now;
      this.reservedFor(previous.index).push(c);
      this.event(now, 'reserved', c, previous.index);
      this.setTimer(c, 'sticky', stickyWaitEndsAt(now, r.waitSec), () => this.onStickyEnd(c));
      this.dirty(c);
    } else {
      this.fallback(c, g, now);
    }
  }

  private fallback(c: LiveConversation, g: Group, now: number): void {
    const pick = this.pick(g.returning!.fallback, c, g.agents, g.cursor, now);
    if (this.takePick(c, g, pick, now)) return;
    this.enqueue(c, g, now);
  }

  private onStickyEnd(c: LiveConversation): void {
    this.op(() => {
      if (c.state !== 'reserved') return;
      this.unreserve(c);
      this.fallback(c, this.groups[c.groupIndex], this.now());
    });
  }

  /** The policy's pick among `agents` with the routing context of this instant. */
  private pick(select: SelectAgent, c: LiveConversation, agents: readonly AgentView[], cursor: number, now: number): number {
    const ctx = this.ctx;
    ctx.now = now;
    ctx.cursor = cursor;
    return select(c, agents, ctx);
  }

  /** Assigns `c` to the agent a policy picked when that agent can take it, storing the group's cursor. */
  private takePick(c: LiveConversation, g: Group, pick: number, now: number): boolean {
    if (pick < 0 || !hasFreeSlot(this.agents[pick])) return false;
    this.setCursor(g, pick);
    this.assign(c, this.agents[pick], now);
    return true;
  }

  private levelsOf(g: Group): number[] {
    const levels = new Array<number>(this.agents.length).fill(0);
    for (const a of g.agents) levels[a.index] = a.levels[a.skills.indexOf(g.index)];
    return levels;
  }

  private enqueue(c: LiveConversation, g: Group, now: number): void {
    c.state = 'queued';
    if (c.queuedAt !== c.queuedAt) c.queuedAt = now;
    c.queueSeq = ++this.queueSeq;
    c.ring = 0;
    g.classes[c.classIndex].push(c);
    this.dirty(c);
    this.event(now, 'queued', c, -1);
    this.armOverflow(c, now);
    this.tellQueuePositions(g);
  }

  private dequeue(c: LiveConversation): void {
    const list = this.groups[c.groupIndex].classes[c.classIndex];
    const i = list.indexOf(c);
    if (i >= 0) list.splice(i, 1);
    this.cancel(c, 'overflow');
    this.tellQueuePositions(this.groups[c.groupIndex]);
  }

  private reservedFor(agentIndex: number): LiveConversation[] {
    let l = this.reserved.get(agentIndex);
    if (!l) this.reserved.set(agentIndex, (l = []));
    return l;
  }

  private unreserve(c: LiveConversation): void {
    const l = this.reservedFor(c.previousAgent);
    const i = l.indexOf(c);
    if (i >= 0) l.splice(i, 1);
    this.cancel(c, 'sticky');
  }

  /** The chat's next overflow ring, at the kernel's `overflowDueAt` (at once if already due). */
  private armOverflow(c: LiveConversation, now: number): void {
    const rings = this.groups[c.groupIndex].rings;
    while (c.ring < rings.length - 1 && overflowDueAt(c.queuedAt, rings[c.ring + 1].afterSec) <= now) c.ring++;
    if (c.ring >= rings.length) return;
    this.setTimer(c, 'overflow', Math.max(now, overflowDueAt(c.queuedAt, rings[c.ring].afterSec)), () => this.onOverflow(c));
  }

  /** A queued chat reached a ring: a free agent of the rings so far takes it (the policy, no cursor), else the next ring. */
  private onOverflow(c: LiveConversation): void {
    this.op(() => {
      if (c.state !== 'queued') return;
      const now = this.now();
      const g = this.groups[c.groupIndex];
      const ring = g.rings[c.ring];
      const pick = this.pick(this.select, c, ring.agents.map((i) => this.agents[i]), NO_CURSOR, now);
      if (pick >= 0 && hasFreeSlot(this.agents[pick])) {
        this.event(now, 'overflowed', c, pick, `ring ${c.ring}`);
        this.assign(c, this.agents[pick], now);
        return;
      }
      if (++c.ring < g.rings.length) this.armOverflow(c, now);
      this.dirty(c);
    });
  }

  /** Gives `c` to agent `a` now, with its auto-transfer check. */
  private assign(c: LiveConversation, a: LiveAgent, now: number): void {
    if (c.state === 'queued') this.dequeue(c);
    const first = c.agents.length === 0;
    if (first) c.assignedAt = now;
    c.state = 'assigned';
    c.agent = a.index;
    c.agents.push(a.index);
    a.lastAssignedAt = now;
    this.setHeld(a, a.held + 1, now);
    this.dirty(c);
    this.event(now, 'assigned', c, a.index);
    if (first) {
      const wait = c.queuedAt === c.queuedAt ? now - c.queuedAt : 0;
      this.later(() => this.listener.assigned?.(c, wait));
    }
    const frame: OutFrame = { type: 'assigned', conversationId: c.id, agent: a.id, at: now };
    this.emit({ visitorOf: c.id }, frame);
    this.emit({ agent: a.index }, frame);
    const t = this.transfer;
    if (t !== null && c.firstReplyAt !== c.firstReplyAt && transferCheckDue(t, Infinity, Infinity, c.transferredAt.length, now)) {
      this.setTimer(c, 'transfer', now + t.afterSec, () => this.onTransferCheck(c));
    }
  }

  /** Auto-transfer: still no first reply after the delay; move to another free agent of the group (the kernel's exclusion). */
  private onTransferCheck(c: LiveConversation): void {
    this.op(() => {
      if (c.state !== 'assigned' || c.firstReplyAt === c.firstReplyAt) return;
      const now = this.now();
      const t = this.transfer!;
      const g = this.groups[c.groupIndex];
      const from = this.agents[c.agent];
      const pick = this.pick(this.select, c, withoutAgent(g.agents, from.index), g.cursor, now);
      if (pick < 0 || !hasFreeSlot(this.agents[pick])) {
        if (transferRecheckDue(t, c.transferredAt.length, Infinity, now)) this.setTimer(c, 'transfer', now + t.afterSec, () => this.onTransferCheck(c));
        return;
      }
      const to = this.agents[pick];
      this.setCursor(g, pick);
      c.transferredAt.push(now);
      this.event(now, 'transferred', c, to.index, `from ${from.id}`);
      const frame: OutFrame = { type: 'transferred', conversationId: c.id, from: from.id, to: to.id, at: now };
      this.emit({ visitorOf: c.id }, frame);
      this.emit({ agent: from.index }, frame);
      this.setHeld(from, from.held - 1, now);
      if (goesAway(t, ++from.misses)) {
        from.misses = 0;
        from.awayUntil = now + t.awayForSec;
        this.refreshOnline(from, now);
        this.awayTimers.set(from.index, this.clock.at(from.awayUntil, () => this.onAwayEnd(from)));
      }
      this.dirtyAgents.add(from);
      this.assign(c, to, now);
      this.pull(from, now);
    });
  }

  private onAwayEnd(a: LiveAgent): void {
    this.op(() => {
      const now = this.now();
      this.awayTimers.delete(a.index);
      a.awayUntil = NaN;
      this.refreshOnline(a, now);
      this.pull(a, now);
    });
  }

  /** Lets an agent with free slots take waiting chats, one at a time, by the kernel's `nextChat`. */
  private pull(a: LiveAgent, now: number): void {
    while (hasFreeSlot(a)) {
      const view: NextChatAgentView = {
        skills: a.skills,
        levels: a.levels.every((l) => l === a.levels[0]) ? null : a.levels,
        overflowFrom: this.overflowFrom[a.index],
        reserved: this.reserved.get(a.index) ?? [],
      };
      const next = nextChat(view, this.groups.map((g) => g.view), now);
      if (next === null) return;
      const c = next.chat as LiveConversation;
      if (next.source === 'reserved') this.unreserve(c);
      this.assign(c, a, now); // takes a queued chat out of its queue
    }
  }

  // ---- conversation ends ----------------------------------------------------------------------

  private armSilentClose(c: LiveConversation): void {
    const silentSec = this.groups[c.groupIndex].silentCloseSec;
    if (silentSec === Infinity || c.awaiting || c.lastReplyAt !== c.lastReplyAt) return;
    this.setTimer(c, 'silent', silentCloseAt(c.lastReplyAt, silentSec), () => this.onSilence(c));
  }

  private onSilence(c: LiveConversation): void {
    this.op(() => {
      if (c.state !== 'assigned' || c.awaiting) return;
      c.silentClosed = true;
      this.closeNow(c, 'silence', this.now());
    });
  }

  private closeNow(c: LiveConversation, reason: 'agent' | 'visitor' | 'silence', now: number): void {
    c.state = 'wrapUp';
    c.closedAt = now;
    for (const k of ['transfer', 'silent'] as const) this.cancel(c, k);
    this.dirty(c);
    this.event(now, 'closed', c, c.agent, reason);
    const frame: OutFrame = { type: 'closed', conversationId: c.id, at: now, reason };
    this.emit({ visitorOf: c.id }, frame);
    this.emit({ agent: c.agent }, frame);
    this.later(() => this.listener.closed?.(c));
  }

  /** Settles `c` (its outcome set) and forgets it from memory. */
  private end(c: LiveConversation, now: number): void {
    if (c.state === 'ended') this.violate(`conversation ${c.id} ended twice`);
    c.state = 'ended';
    c.endedAt = now;
    const t = this.timers.get(c.id);
    if (t) for (const k of ['transfer', 'overflow', 'sticky', 'silent'] as const) this.clock.cancel(t[k]);
    this.timers.delete(c.id);
    this.open.delete(c.id);
    this.dirty(c);
  }

  // ---- agents -----------------------------------------------------------------------------------

  private refreshOnline(a: LiveAgent, now: number): void {
    const online = a.status === 'online' && a.awayUntil !== a.awayUntil;
    const changed = online !== a.online;
    a.online = online;
    this.dirtyAgents.add(a);
    if (changed) this.sampleAgent(a, now);
    this.emit({ agent: a.index }, this.stateFrame(a));
  }

  private setHeld(a: LiveAgent, held: number, now: number): void {
    a.held = held;
    this.dirtyAgents.add(a);
    this.sampleAgent(a, now);
    this.emit({ agent: a.index }, this.stateFrame(a));
  }

  private sampleAgent(a: LiveAgent, now: number): void {
    this.sink.sample({ agentIndex: a.index, at: now, online: a.online, held: a.held });
  }

  /** The `state` frame an agent's console shows. */
  stateFrame(a: LiveAgent): OutFrame {
    return { type: 'state', agent: a.id, status: a.status, online: a.online, held: a.held, cap: a.cap };
  }

  private setCursor(g: Group, pick: number): void {
    g.cursor = pick;
    this.sink.cursor(g.index, pick);
  }

  // ---- plumbing ---------------------------------------------------------------------------------

  private openConversation(id: number): LiveConversation {
    const c = this.open.get(id);
    if (!c) throw new CentreError('conversation_ended', 409, `conversation ${id} has ended`);
    return c;
  }

  private heldConversation(agentIndex: number, id: number): LiveConversation {
    const c = this.open.get(id);
    if (!c || c.agent !== agentIndex) throw new CentreError('not_found', 404, `agent holds no conversation ${id}`);
    return c;
  }

  /** Instant the current holder got the chat. */
  private lastMoveAt(c: LiveConversation): number {
    return c.transferredAt.length > 0 ? c.transferredAt[c.transferredAt.length - 1] : c.assignedAt;
  }

  private setTimer(c: LiveConversation, kind: keyof Timers, atSec: number, fn: () => void): void {
    const t = this.timers.get(c.id);
    if (!t) return;
    this.clock.cancel(t[kind]);
    t[kind] = this.clock.at(atSec, fn);
  }

  private cancel(c: LiveConversation, kind: keyof Timers): void {
    const t = this.timers.get(c.id);
    if (!t) return;
    this.clock.cancel(t[kind]);
    t[kind] = null;
  }

  private storeMessage(c: LiveConversation, author: LiveMessage['author'], agent: number, text: string, at: number): number {
    const messageId = this.sink.message({ conversationId: c.id, author, agent, text, at });
    const frame: OutFrame = { type: 'message', conversationId: c.id, author, text, at, messageId, ...(agent >= 0 ? { agent: this.agents[agent].id } : {}) };
    if (author !== 'visitor') this.emit({ visitorOf: c.id }, frame);
    if (c.agent >= 0 && author !== 'agent') this.emit({ agent: c.agent }, frame);
    return messageId;
  }

  /** Marks `g`'s queue changed: its waiting visitors hear their positions when the operation ends. */
  private tellQueuePositions(g: Group): void {
    this.version++;
    this.queueChanged.add(g);
  }

  private flushQueuePositions(): void {
    for (const g of this.queueChanged) {
      this.queueOf(g.index).forEach((c, i) => {
        if (c.lastPosition === i + 1) return;
        c.lastPosition = i + 1;
        this.emit({ visitorOf: c.id }, { type: 'queue', conversationId: c.id, position: i + 1 });
      });
    }
    this.queueChanged.clear();
  }

  private event(at: number, kind: LiveEvent['kind'], c: LiveConversation | null, agent: number, detail?: string): void {
    this.sink.event({ at, kind, conversationId: c === null ? -1 : c.id, agent, ...(detail !== undefined ? { detail } : {}) });
  }

  private dirty(c: LiveConversation): void {
    this.dirtyConversations.add(c);
  }

  private emit(to: Recipient, frame: OutFrame): void {
    this.later(() => this.listener.frame?.(to, frame));
  }

  private later(fn: () => void): void {
    this.outbox.push(fn);
  }

  private violate(message: string): void {
    this.later(() => this.listener.violation?.(message));
  }

  /**
   * Runs one operation atomically: nested calls join the outer one; the outermost writes every
   * changed row in the sink's transaction, then (after commit) sends the frames. A throw rolls the
   * store back and drops the frames; the in-memory state of a refused request is untouched, since
   * every refusal is thrown before any change.
   */
  private op<T>(fn: () => T): T {
    if (this.depth > 0) return fn();
    this.depth++;
    let result: T;
    try {
      result = this.sink.transaction(() => {
        const r = fn();
        const queues = this.check ? [...this.queueChanged] : [];
        this.flushQueuePositions();
        if (this.check) {
          if (++this.opsSinceFullCheck >= FULL_CHECK_EVERY) {
            this.opsSinceFullCheck = 0;
            this.checkNow();
          } else this.checkTouched(queues);
        }
        for (const c of this.dirtyConversations) this.sink.conversation(c);
        for (const a of this.dirtyAgents) this.sink.agent(a);
        return r;
      });
    } catch (e) {
      this.outbox = [];
      throw e;
    } finally {
      this.depth--;
      this.version++;
      this.queueChanged.clear();
      this.dirtyConversations = new Set();
      this.dirtyAgents = new Set();
    }
    const out = this.outbox;
    this.outbox = [];
    if (out.length > 0) {
      const send = (): void => { for (const f of out) f(); };
      if (this.sink.afterCommit !== undefined) this.sink.afterCommit(send);
      else send();
    }
    return result;
  }

  /** The live invariants over the whole centre: nobody over cap, every held chat counted once by exactly one holder, nothing queued twice. */
  checkNow(): string[] {
    return this.checkOf(this.open.values(), this.agents, this.groups);
  }

  /**
   * The invariants of what the operation just done touched: its changed conversations, the agents
   * changed or holding one of them, the queues changed. O(changed), except that counting an
   * agent's chats walks the open ones; a visitor message touches no agent, so the message path
   * does not walk the 5,000 open chats of the benchmark. Every {@link FULL_CHECK_EVERY}th
   * operation checks everything (what a change failed to mark is caught there).
   */
  private checkTouched(groups: Iterable<Group>): string[] {
    const conversations: LiveConversation[] = [];
    const agents = new Set(this.dirtyAgents);
    for (const c of this.dirtyConversations) {
      if (this.open.get(c.id) !== c) continue;
      conversations.push(c);
      if (c.agent >= 0) agents.add(this.agents[c.agent]);
    }
    return this.checkOf(conversations, agents, groups);
  }

  /** The invariants of these conversations (open ones), agents and queues. */
  private checkOf(conversations: Iterable<LiveConversation>, agents: Iterable<LiveAgent>, groups: Iterable<Group>): string[] {
    const bad: string[] = [];
    for (const c of conversations) {
      if (c.agent >= 0) {
        if (c.state !== 'assigned' && c.state !== 'wrapUp') bad.push(`conversation ${c.id} held by agent ${c.agent} while ${c.state}`);
      } else if (c.state === 'assigned' || c.state === 'wrapUp') bad.push(`conversation ${c.id} ${c.state} without a holder`);
    }
    const list = [...agents];
    if (list.length > 0) {
      const count = new Array<number>(this.agents.length).fill(0);
      for (const c of this.open.values()) if (c.agent >= 0) count[c.agent]++;
      for (const a of list) {
        if (a.held > a.cap) bad.push(`agent ${a.id} holds ${a.held} chats (cap ${a.cap})`);
        if (a.held !== count[a.index]) bad.push(`agent ${a.id} counts ${a.held} chats but holds ${count[a.index]}`);
      }
    }
    const queued = new Set<number>();
    for (const g of groups) for (const l of g.classes) for (const c of l) {
      if (queued.has(c.id) || c.state !== 'queued') bad.push(`conversation ${c.id} queued twice or while ${c.state}`);
      queued.add(c.id);
    }
    for (const m of bad) this.violate(m);
    return bad;
  }
}
