// The chat contact centre as a discrete-event model: visitors arrive per skill group, wait in a
// queue, are routed to agents with a free slot by the kernel's routing rules, run their rounds,
// abandon when their patience runs out before the first manual reply, and free the slot after
// wrap-up. This file owns the run loop, the event switch and the handlers every run uses (arrival,
// routing, assignment, replies, visitor messages, release, abandonment, shifts, the cut-off); the
// events and the same-instant rule are in events.ts, each operations mechanism in its own file,
// called directly from here. Emits records to a Recorder; no I/O, no clock, no Math.random.
// Imports only sim/engine, the kernel and the model's own files; must not import metrics or cli.

import type { Scenario } from '../../core/scenario.js';
import { EventQueue } from '../engine/event-queue.js';
import { RandomStreams } from '../engine/random.js';
import { getPolicy, POLICY_NAMES, type SelectAgent, type RoutingContext } from '../../core/routing/policies.js';
import { hasFreeSlot, topSkillLevel } from '../../core/routing/candidates.js';
import { LeastLoadedIndex } from '../../core/routing/least-loaded-index.js';
import type { AgentStateSample, Recorder } from '../../core/records.js';
import { replyDelay } from '../../core/reply-delay.js';
import { agentTable, onlineSpans, rosterSize, type AgentInfo } from '../../core/roster.js';
import { DAY_SEC } from '../../core/units.js';
import { dailyCounts, dailyUniforms, spansOnDays } from './follows-volume.js';
import { ModelError } from '../../core/errors.js';
import { KIND_NAMES, Kind, Pri } from './events.js';
import { State, Conversation, RecordLists, agentSlot, startConversation, visitorSlot, wrapUpSlot } from './conversation.js';
import { Agent, updateAvailability, willReply } from './agents.js';
import { buildGroup, policyOf, type GroupRuntime } from './groups.js';
import { NextChatScan } from './queues.js';
import { NOT_DEFLECTED } from './visitor-draws.js';
import { DrawnVisitors, TraceVisitors, Visitor, type VisitorSource } from './visitor-source.js';
import type { TraceVisitor } from '../../core/trace.js';
import { onTransfer, onAwayEnd, scheduleTransferCheck, transferCheckDue, transferSettings, type TransferRuntime } from './transfer.js';
import { onOverflow, scheduleOverflow, wireOverflow } from './overflow.js';
import { countOnline, onLeaveMessage, scheduleLeaveMessage } from './leave-message.js';
import { deflect, followUpAt, onFollowUp } from './deflection.js';
import { ReturnVisit, onReturn, onStickyEnd, scheduleReturn } from './returning.js';
import { silentClose } from './silent-close.js';
import { RetryVisit, onRetry, scheduleRetry } from './retry.js';
export { ModelError } from '../../core/errors.js';

/** What a run reports besides its records. */
export interface RunStats {
  /** The instant measurement ends: the horizon, or later if conversations ran on into the drain. */
  endAt: number;
  /** Visitors that arrived. */
  visitors: number;
  /** Events scheduled. */
  events: number;
  /** True when the drain limit stopped the run with conversations still open. */
  cut: boolean;
  agents: AgentInfo[];
}

export interface SimulateOptions {
  /** The replication's seed; streams are `<seed>/<name>`. */
  seed: string;
  /**
   * Explicit arrival instants (seconds, ascending) per skill-group id, replacing the group's random
   * arrival process (tests). Everything else is still drawn.
   */
  arrivals?: Record<string, readonly number[]>;
  /**
   * The visitors of a trace, in arrival order, instead of drawing them (pulled one at a time: a
   * trace of any length runs in bounded memory). The rule-dependent draws (routing, lurkers'
   * replies) still come from `seed`'s streams.
   */
  visitors?: Iterable<TraceVisitor>;
  recorder: Recorder;
  /** Overrides the scenario's policy. */
  policy?: string;
  /**
   * Called with the simulated instant (seconds) every {@link CLOCK_EVERY_EVENTS} events: progress
   * inside one long replication. Reads nothing back; the run is the same with or without it.
   */
  onClock?: (now: number) => void;
}

/** How many events pass between two `onClock` calls (a few per second at the engine's speed). */
export const CLOCK_EVERY_EVENTS = 1 << 18;

/**
 * Runs one replication of `scenario` and streams its records to `options.recorder`.
 * @example
 * const stats = simulate(scenario, { seed: replicationSeed('42', 1), recorder: collector });
 */
export function simulate(scenario: Scenario, options: SimulateOptions): RunStats {
  return new ContactCentre(scenario, options).run();
}

/**
 * One run of the model. Internal to sim/model: the mechanism files read and change its state
 * through the fields and methods below (not private for that reason); nothing else should.
 */
export class ContactCentre {
  readonly q = new EventQueue<unknown>(4096, KIND_NAMES);
  readonly groups: GroupRuntime[];
  readonly agents: Agent[] = [];
  private readonly info: AgentInfo[];
  /** The run's routing policy. */
  readonly select: SelectAgent;
  /** The one routing context passed to every policy call (set `now` and `cursor` before each). */
  readonly ctx: RoutingContext;
  private readonly recorder: Recorder;
  private readonly sample: AgentStateSample = { agentIndex: 0, at: 0, online: false, held: 0 };
  private readonly scan: NextChatScan;
  private nextId = 0;
  /** The run's visitors (drawn, or from a trace), and the one Visitor each is read into. */
  private readonly source: VisitorSource;
  private readonly visitor = new Visitor();
  active = 0;
  now = 0;
  readonly horizon: number;
  private readonly limit: number;
  private readonly onClock: ((now: number) => void) | null;
  /** Auto-transfer settings (null when the scenario has none: no per-assignment work). */
  readonly transfer: TransferRuntime | null;
  /** Chats held by an agent who will never reply, with no event pending (settled at the end). */
  readonly stuck: Conversation[] = [];
  /** The lists each ending conversation's record points to during the recorder's call. */
  private readonly lists = new RecordLists();
  /** Whether any skill group lets visitors leave messages. */
  readonly messages: boolean;
  /**
   * Each agent's speed and load slowdown by agent index, read at every reply: in typed arrays, since
   * V8 keeps a double field in a separate box (two more cache lines an event on large rosters).
   */
  private readonly speedOf: Float64Array;
  private readonly slowdownOf: Float64Array;

  constructor(scenario: Scenario, options: SimulateOptions) {
    const policyName = options.policy ?? scenario.policy;
    const policy = getPolicy(policyName);
    if (!policy) throw new ModelError(`unknown routing policy "${policyName}" (known: ${POLICY_NAMES.join(', ')})`);
    this.select = policy.selectAgent;
    const indexed = policy.name === 'least-loaded';
    this.recorder = options.recorder;
    this.onClock = options.onClock ?? null;
    this.horizon = scenario.horizonSec;
    this.limit = scenario.horizonSec + scenario.drainSec;
    const streams = new RandomStreams(options.seed);
    this.ctx = { now: 0, rng: streams.get('routing'), cursor: -1 };
    this.messages = scenario.groups.some((g) => g.leaveMessage !== undefined);
    this.transfer = transferSettings(scenario);
    this.groups = scenario.groups.map((g) => buildGroup(scenario, g, streams, options.arrivals?.[g.id], policyOf));
    this.scan = new NextChatScan(this.groups, this.messages);
    this.source = options.visitors !== undefined
      ? new TraceVisitors(options.visitors, this.groups.length, this.horizon)
      : new DrawnVisitors(this.groups, this.horizon);
    this.info = agentTable(scenario);
    if (indexed) for (const g of this.groups) g.index = new LeastLoadedIndex<Agent>(this.info.length);
    const groupIndex = new Map(scenario.groups.map((g, i) => [g.id, i]));
    const byAgentGroup = new Map<string, Agent[]>(scenario.agents.map((ag) => [ag.id, []]));
    const staffDays = Math.ceil(this.limit / DAY_SEC) + 1;
    let staffUniforms: number[] | undefined;
    let following = 0;
    scenario.agents.forEach((ag) => {
      const skills = ag.skills.map((s) => {
        const i = groupIndex.get(s);
        if (i === undefined) throw new ModelError(`agent group "${ag.id}" has unknown skill "${s}"`);
        return i;
      });
      const rostered = onlineSpans(ag, this.limit, scenario.startWeekday ?? 0);
      const replyProbability = ag.replyProbability ?? 1;
      const replyRng = replyProbability < 1 ? streams.get(`reply:${ag.id}`) : null;
      const counts = ag.followsVolume !== undefined ? dailyCounts(ag, scenario.groups, this.groups, staffDays, staffUniforms ??= dailyUniforms(staffDays, streams.get('staffing')), following++) : null;
      for (let k = 0; k < rosterSize(ag); k++) {
        // with followsVolume, agent k works the days that field more than k agents
        const spans = counts === null ? rostered : spansOnDays(rostered, (d) => k < counts[Math.min(d, counts.length - 1)]);
        const a = new Agent(this.agents.length, ag.maxConcurrent, ag.rank, ag.speed, ag.slowdown, skills, this.groups.length);
        a.replyProbability = replyProbability;
        a.replyRng = replyRng;
        if (ag.skillLevels !== undefined) {
          const levels = ag.skills.map((sk) => ag.skillLevels?.[sk] ?? 1);
          if (levels.some((l) => l !== levels[0])) a.levels = levels;
          skills.forEach((gi, k) => {
            const g = this.groups[gi];
            if (g.levels === null) g.levels = new Int8Array(this.info.length).fill(1);
            g.levels[a.index] = levels[k];
          });
        }
        byAgentGroup.get(ag.id)!.push(a);
        this.agents.push(a);
        for (const s of skills) this.groups[s].agents.push(a);
        for (const [start, end] of spans) {
          this.q.schedule(start, Pri.SHIFT_START, Kind.SHIFT_START, a);
          this.q.schedule(end, Pri.SHIFT_END, Kind.SHIFT_END, a);
        }
      }
    });
    this.speedOf = Float64Array.from(this.agents, (a) => a.speed);
    this.slowdownOf = Float64Array.from(this.agents, (a) => a.slowdown);
    wireOverflow(this, scenario, byAgentGroup);
  }

  run(): RunStats {
    for (const a of this.agents) this.emitAgent(a);
    // The next arrival is kept out of the heap (the source's, compared with the heap's top each
    // step); at equal times it runs where its priority puts it, in the source's order.
    const source = this.source;
    const q = this.q;
    let endAt = this.horizon;
    let cut = false;
    const onClock = this.onClock;
    let tick = CLOCK_EVERY_EVENTS;
    for (;;) {
      const heapAt = q.peekTime();
      const arrivalAt = source.nextAt;
      const isArrival = arrivalAt < heapAt || (arrivalAt === heapAt && arrivalAt !== Infinity && q.peekPriority() > Pri.ARRIVAL);
      const now = isArrival ? arrivalAt : heapAt;
      if (now === Infinity) break;
      if (now > this.horizon && this.active === 0) break;
      if (now > this.limit) {
        cut = true;
        endAt = this.limit;
        break;
      }
      this.now = now;
      if (now > endAt) endAt = now;
      if (onClock !== null && --tick === 0) {
        tick = CLOCK_EVERY_EVENTS;
        onClock(now);
      }
      if (isArrival) {
        this.onArrival(now);
        continue;
      }
      q.pop();
      const target = q.target;
      switch (q.kind) {
        case Kind.RELEASE: this.onRelease(target as Conversation, now); break;
        case Kind.ABANDON: this.onAbandon(target as Conversation, now); break;
        case Kind.REPLY: this.onReply(target as Conversation, now); break;
        case Kind.VISITOR_MESSAGE: this.onVisitorMessage(target as Conversation, now); break;
        case Kind.SHIFT_START: this.onShiftStart(target as Agent, now); break;
        case Kind.SHIFT_END: this.onShiftEnd(target as Agent, now); break;
        case Kind.TRANSFER: onTransfer(this, target as Conversation, now); break;
        case Kind.AWAY_END: onAwayEnd(this, target as Agent, now); break;
        case Kind.OVERFLOW: onOverflow(this, target as Conversation, now); break;
        case Kind.LEAVE_MESSAGE: onLeaveMessage(this, target as Conversation, now); break;
        case Kind.FOLLOW_UP: onFollowUp(this, target as Conversation, now); break;
        case Kind.RETURN: onReturn(this, target as ReturnVisit, now); break;
        case Kind.STICKY_END: onStickyEnd(this, target as Conversation, now); break;
        case Kind.RETRY: onRetry(this, target as RetryVisit, now); break;
      }
    }
    if (this.active > 0) this.closeOpen(endAt);
    return { endAt, visitors: this.nextId, events: q.scheduled + this.nextId, cut, agents: this.info };
  }

  // ---- events -------------------------------------------------------------------------------

  private onArrival(now: number): void {
    const v = this.visitor;
    this.source.take(v);
    const gi = v.group;
    const g = this.groups[gi];
    // an FAQ card or a bot may answer first (see deflection.ts)
    const deflection = v.deflection;
    const c = this.newConversation(g, gi, v.log, now, followUpAt(g, deflection, now));
    if (g.classes !== null) c.classIndex = v.classIndex;
    if (v.leaver) c.leaver = true;
    if (v.noReplyNeeded) c.noReplyNeeded = true;
    if (v.returns !== null) c.returns = v.returns;
    if (g.retry !== null) {
      c.visitorId = c.id;
      if (v.retries !== null) c.retries = v.retries;
    }
    this.active++;
    if (deflection !== NOT_DEFLECTED) {
      deflect(this, c, deflection, now);
      return;
    }
    this.route(c, g, now);
  }

  /**
   * The conversation of a visit arriving now with everything its visitor brings, drawn or read
   * before (`log`: see `drawnLog`), the silent close applied. Patience runs from `patienceFrom` (a
   * follow-up: later).
   */
  newConversation(g: GroupRuntime, gi: number, log: number[], now: number, patienceFrom = now): Conversation {
    const c = startConversation(this.nextId++, gi, log, now, patienceFrom);
    if (g.silentCloseSec < Infinity) silentClose(c, g.silentCloseSec);
    return c;
  }

  /** Assigns `c` to the agent a policy picked (-1: none) when that agent can take it, storing the group's cursor; true if so. */
  takePick(c: Conversation, g: GroupRuntime, pick: number, now: number): boolean {
    if (pick < 0) return false;
    const a = this.agents[pick];
    if (!hasFreeSlot(a)) return false;
    g.cursor = pick;
    this.assign(c, a, now);
    return true;
  }

  /**
   * Offers a conversation to people: a free agent takes it at once (the policy among the free
   * agents at the top skill level when levels differ, else the least-loaded index or the policy
   * among the free agents), else it queues.
   */
  route(c: Conversation, g: GroupRuntime, now: number): void {
    if (g.available > 0) {
      const ctx = this.ctx;
      ctx.now = now;
      ctx.cursor = g.cursor;
      const pick = g.levels !== null ? this.select(c, topSkillLevel(g.free, g.levels), ctx) : g.index !== null ? g.index.pick() : this.select(c, g.free, ctx);
      if (this.takePick(c, g, pick, now)) return;
    }
    this.enqueue(c, g, now);
  }

  private onAbandon(c: Conversation, now: number): void {
    if (c.state === State.RESERVED) {
      c.state = State.ENDED;
      c.abandonedAt = now;
      c.outcome = 'abandonedInQueue';
      this.end(c, now);
    } else if (c.state === State.QUEUED) {
      c.state = State.ENDED;
      const g = this.groups[c.groupIndex];
      g.queued--;
      if (g.classes !== null) g.classes[c.classIndex].queued--;
      c.abandonedAt = now;
      c.outcome = 'abandonedInQueue';
      this.end(c, now);
      if (c.retries !== null) scheduleRetry(this, c, now);
    } else if (c.state === State.ASSIGNED && c.patienceAt === now && !(c.firstReplyAt <= now)) {
      const a = c.agent!;
      c.state = State.ENDED;
      c.abandonedAt = now;
      c.releasedAt = now;
      c.outcome = 'abandonedAfterAssign';
      this.end(c, now);
      this.setHeld(a, a.held - 1, now);
      this.pull(a, now);
    }
  }

  /** A first manual reply after a transfer check (others are written ahead: `assign`, `onVisitorMessage`). */
  private onReply(c: Conversation, now: number): void {
    if (c.state === State.ENDED) return; // the visitor left before a reply scheduled after a failed transfer
    c.firstReplyAt = now;
    c.state = State.TALKING;
    this.answer(c, 0, now);
  }

  /**
   * Visitor message `turn` (≥ 1) and the agent's answer to it. The answer's delay is stretched by
   * the agent's load now, and nothing between now and the answer depends on it (only the first
   * reply races patience and transfers), so it is written at once and the next event is the
   * visitor's next message, or the release: one event a round instead of two. Until it comes, a
   * cut-off trims the answer (see `Conversation.trimTo`).
   */
  private onVisitorMessage(c: Conversation, now: number): void {
    const w = c.log;
    const k = c.turn;
    // visitor message k takes the place of the think time that led to it, the answer that of its delay
    w[visitorSlot(k)] = now;
    c.visitorMessages = k;
    const a = c.agent!;
    this.answer(c, k, now + replyDelay(w[agentSlot(k)], this.speedOf[a.index], this.slowdownOf[a.index], a.held));
  }

  /**
   * Agent message `k` at `at` (now, or ahead: see the header of events.ts), in the place of the
   * delay that led to it; then the visitor's next message, or, after the last answer, the close
   * and the release.
   */
  private answer(c: Conversation, k: number, at: number): void {
    const w = c.log;
    w[agentSlot(k)] = at;
    c.agentMessages = k + 1;
    if (k + 1 < c.rounds) {
      c.turn = k + 1;
      this.q.schedule(at + w[visitorSlot(k + 1)], Pri.VISITOR_MESSAGE, Kind.VISITOR_MESSAGE, c);
    } else {
      c.closedAt = at + c.silentAfter;
      this.q.schedule(c.closedAt + w[wrapUpSlot(c.rounds)], Pri.RELEASE, Kind.RELEASE, c);
    }
  }

  private onRelease(c: Conversation, now: number): void {
    const a = c.agent!;
    c.state = State.ENDED;
    c.outcome = 'served';
    this.end(c, now);
    const back = c.returns;
    if (back !== null) scheduleReturn(this, back, c.groupIndex, c.classIndex, a, now);
    this.setHeld(a, a.held - 1, now);
    this.pull(a, now);
  }

  private onShiftStart(a: Agent, now: number): void {
    a.onShift = true;
    a.online = !a.away;
    if (a.online) countOnline(this, a, 1);
    a.lastAssignedAt = now;
    updateAvailability(a, this.groups);
    this.emitAgent(a);
    this.pull(a, now);
  }

  private onShiftEnd(a: Agent, now: number): void {
    a.onShift = false;
    if (a.online) countOnline(this, a, -1);
    a.online = false;
    updateAvailability(a, this.groups);
    this.emitAgent(a);
  }

  // ---- mechanics ----------------------------------------------------------------------------

  /** Queues `c` in its group (its class queue with classes), with its patience race and the mechanisms' timers. */
  enqueue(c: Conversation, g: GroupRuntime, now: number): void {
    c.state = State.QUEUED;
    // a returning visitor who waited for their previous agent has queued since arriving
    if (c.queuedAt !== c.queuedAt) c.queuedAt = now;
    if (g.classes === null) g.queue.push(c);
    else {
      const cq = g.classes[c.classIndex];
      cq.queue.push(c);
      cq.queued++;
    }
    g.queued++;
    if (c.patienceAt < Infinity && !c.abandonScheduled) {
      c.abandonScheduled = true;
      this.q.schedule(c.patienceAt, Pri.ABANDON, Kind.ABANDON, c);
    }
    if (g.overflow !== null) scheduleOverflow(this, c, g, now);
    if (c.leaver) scheduleLeaveMessage(this, c, g, now);
  }

  /** Gives `c` to agent `a` at `now`: the first reply's race with patience and auto-transfer, then its timeline. */
  assign(c: Conversation, a: Agent, now: number): void {
    const from = c.agent;
    if (from === null) c.assignedAt = now;
    else (c.previousHolders ??= []).push(from.index);
    c.agent = a;
    a.lastAssignedAt = now;
    this.setHeld(a, a.held + 1, now);
    const speed = this.speedOf[a.index];
    const slowdown = this.slowdownOf[a.index];
    let firstReplyAt = now + replyDelay(c.log[agentSlot(0)], speed, slowdown, a.held);
    // a lurker (reply probability < 1) may never answer this chat
    if (!willReply(a)) firstReplyAt = Infinity;
    const t = this.transfer;
    if (t !== null && transferCheckDue(t, c, firstReplyAt, now)) {
      // no first reply within the auto-transfer delay: check again then
      scheduleTransferCheck(this, t, c, firstReplyAt, now);
      return;
    }
    if (c.patienceAt < firstReplyAt) {
      // The visitor leaves before anyone answers.
      c.state = State.ASSIGNED;
      if (!c.abandonScheduled) {
        c.abandonScheduled = true;
        this.q.schedule(c.patienceAt, Pri.ABANDON, Kind.ABANDON, c);
      }
      return;
    }
    if (firstReplyAt === Infinity) {
      // never answered and the visitor never leaves: held until the end of the run
      c.state = State.ASSIGNED;
      this.stuck.push(c);
      return;
    }
    if (slowdown === 0) {
      // No load effect: the whole timeline is known now, one event ends it.
      c.state = State.PLANNED;
      c.firstReplyAt = firstReplyAt;
      const w = c.log;
      const inv = 1 / speed;
      let t = firstReplyAt;
      // each message takes the place of the duration that led to it (see `Conversation.log`)
      w[agentSlot(0)] = t;
      for (let k = 1; k < c.rounds; k++) {
        t += w[visitorSlot(k)];
        w[visitorSlot(k)] = t;
        t += w[agentSlot(k)] * inv;
        w[agentSlot(k)] = t;
      }
      c.agentMessages = c.rounds;
      c.visitorMessages = c.rounds - 1;
      t += c.silentAfter;
      c.closedAt = t;
      this.q.schedule(t + w[wrapUpSlot(c.rounds)], Pri.RELEASE, Kind.RELEASE, c);
      return;
    }
    // The first reply is certain now (patience outlasts it, no transfer check is due): it is
    // written at once, as later answers are (see `onVisitorMessage`), and the next event is the
    // visitor's second message, or the release. A cut-off before it trims it (see `closeOpen`).
    c.state = State.TALKING;
    c.firstReplyAt = firstReplyAt;
    this.answer(c, 0, firstReplyAt);
  }

  /** Lets an agent with free slots take waiting chats, one at a time, by the kernel's next-chat rule (see queues.ts). */
  pull(a: Agent, now: number): void {
    const scan = this.scan;
    while (hasFreeSlot(a)) {
      const c = scan.find(a, now);
      if (c === null) return;
      scan.take(a);
      this.assign(c, a, now);
    }
  }

  /** Sets an agent's load, re-files them and records the change. */
  setHeld(a: Agent, held: number, _now: number): void {
    a.held = held;
    updateAvailability(a, this.groups);
    this.emitAgent(a);
  }

  /** Records agent `a`'s state now. */
  emitAgent(a: Agent): void {
    const s = this.sample;
    s.agentIndex = a.index;
    s.at = this.now;
    s.online = a.online;
    s.held = a.held;
    this.recorder.agentState(s);
  }

  /** Ends `c` at `now` (its outcome set) and hands its record to the recorder. */
  end(c: Conversation, now: number): void {
    if (c.outcome === 'served') c.releasedAt = now;
    c.endedAt = now;
    this.active--;
    c.writeLists(this.lists);
    this.recorder.conversationEnded(c);
  }

  /** At a cut-off, settles every open conversation as of `endAt`, in id order. */
  private closeOpen(endAt: number): void {
    const open = new Set<Conversation>();
    for (const g of this.groups) {
      for (const sq of [g, ...(g.classes ?? [])]) for (let i = sq.head; i < sq.queue.length; i++) if (sq.queue[i].state === State.QUEUED) open.add(sq.queue[i]);
      for (let i = g.messages.head; i < g.messages.queue.length; i++) if (g.messages.queue[i].state === State.MESSAGE) open.add(g.messages.queue[i]);
    }
    for (const a of this.agents) {
      for (const c of a.reserved ?? []) if (c.state === State.RESERVED) open.add(c);
    }
    for (const t of this.q.pendingTargets()) if (t instanceof Conversation && t.state !== State.ENDED && t.state !== State.NEW) open.add(t);
    for (const c of this.stuck) if (c.state !== State.ENDED) open.add(c);
    for (const c of [...open].sort((x, y) => x.id - y.id)) {
      // Trim what was written ahead of endAt (see `Conversation.trimTo`).
      c.trimTo(endAt);
      c.state = State.ENDED;
      c.outcome = c.firstReplyAt <= endAt ? 'served' : 'unanswered';
      c.endedAt = endAt;
      this.active--;
      c.writeLists(this.lists);
      this.recorder.conversationEnded(c);
    }
  }
}
