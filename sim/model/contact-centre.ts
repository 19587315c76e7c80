// The chat contact centre as a discrete-event model: visitors arrive per skill group, wait in a
// first-come first-served queue, are routed to agents with a free slot, run their rounds, abandon
// when their patience runs out before the first manual reply, and free the slot after wrap-up.
// Emits records to a Recorder; no I/O, no clock, no Math.random. Must not import metrics or cli.
//
// Same-instant rule (documented, tested): at equal times, events that serve a visitor run before
// the visitor's patience runs out. Order: slot released, agent comes on shift, agent reply,
// visitor message, agent goes off shift, arrival, patience ends. So a visitor whose patience
// ends exactly when a slot frees is assigned; if their first reply is still to come, they then
// leave as "abandoned after assignment" at that instant; a reply at the very instant patience
// ends counts as answered. The operations events slot in by priority: auto-transfer checks,
// overflow rings and the end of a returning visitor's wait for their agent run with shift ends
// (after replies, so a reply at the check's instant wins); agents back from away with shift
// starts; leave-a-message and follow-ups after deflection with arrivals, all before patience ends.
// A reply nothing can overtake (a first reply patience outlasts with no transfer check due, and
// every later answer) is written ahead instead of being an event; the outcome is the one its event
// would give under this order. Events at one instant and priority run in scheduling order.

import type { Scenario } from '../../core/scenario.js';
import { EventQueue } from '../engine/event-queue.js';
import { RandomStreams, type Rng } from '../engine/random.js';
import { sampler, type Sampler } from '../engine/distributions.js';
import {
  getPolicy, POLICY_NAMES, NO_CURSOR, type SelectAgent, type RoutingContext, type AgentView,
  topSkillLevel, withoutAgent, LeastLoadedIndex, DEFAULT_AGING_PER_SEC, priorityBoostSec, queueKey,
  overflowRings, overflowDueAt, overflowQueuedBy, returnRoute, stickyWaitEndsAt, servedBefore,
} from '../../core/routing/index.js';
import type { AgentStateSample, ConversationRecord, Outcome, Recorder } from '../../core/records.js';
import { replyDelay } from '../../core/reply-delay.js';
import { ArrivalProcess, TraceArrivals, dailyMultipliers, rateSegments } from './arrivals.js';
import { agentTable, onlineSpans, type AgentInfo } from '../../core/roster.js';
import { ModelError } from '../../core/errors.js';
export { ModelError } from '../../core/errors.js';

// Event kinds.
const ABANDON = 1;
const REPLY = 2;
const VISITOR_MESSAGE = 3;
const RELEASE = 4;
const SHIFT_START = 5;
const SHIFT_END = 6;
/** Auto-transfer check of a chat assigned without a first reply. */
const TRANSFER = 7;
/** An agent set away after missed chats comes back. */
const AWAY_END = 8;
/** A queued chat reaches the delay of its skill group's next overflow ring. */
const OVERFLOW = 9;
/** A queued visitor inclined to leave a message reaches the group's leave-a-message delay. */
const LEAVE_MESSAGE = 10;
/** A deflected visitor follows up and needs a person. */
const FOLLOW_UP = 11;
/** A served visitor comes back (returning visitor, sticky routing). */
const RETURN = 12;
/** A returning visitor's wait for their previous agent ends: the fallback policy routes them. */
const STICKY_END = 13;

// Priorities at equal times (lower first): see the same-instant rule in the header.
const PRI_RELEASE = 0;
const PRI_SHIFT_START = 1;
const PRI_REPLY = 2;
const PRI_VISITOR_MESSAGE = 3;
const PRI_SHIFT_END = 4;
const PRI_ARRIVAL = 5;
const PRI_ABANDON = 6;
/** After replies (a reply at the very instant wins), before patience ends. */
const PRI_TRANSFER = PRI_SHIFT_END;
const PRI_AWAY_END = PRI_SHIFT_START;
/** With arrivals' peers: after agents free up and come on, before patience ends. */
const PRI_OVERFLOW = PRI_SHIFT_END;
/** Just before patience ends: a visitor who would leave at that instant leaves a message instead. */
const PRI_LEAVE_MESSAGE = PRI_ARRIVAL;

// Conversation states.
const QUEUED = 1;
/** Assigned, waiting for the first manual reply. */
const ASSIGNED = 2;
/**
 * First reply certain, or given; rounds, then wrap-up, under way (event-driven path). The next
 * manual reply is written ahead of its time (see `answer`).
 */
const TALKING = 3;
/** Assigned with a fixed timeline (agents without slowdown): one RELEASE event ends it. */
const PLANNED = 5;
const ENDED = 6;
/** Deflected (FAQ card, bot) and waiting to follow up. */
const FOLLOW_UP_PENDING = 8;
/** A returning visitor waiting (unassigned, queued) for their previous agent only. */
const RESERVED = 9;
/** The visitor left a message: waits, without patience, for an agent with nothing live to do. */
const MESSAGE = 7;

class Agent implements AgentView {
  /** On shift and not away: may take new chats when a slot is free. */
  online = false;
  onShift = false;
  /** Set away after missing chats (auto-transfer); takes no new chat until AWAY_END. */
  away = false;
  /** Chats moved away from this agent since they last came back from away. */
  misses = 0;
  /** Chance of replying at all (< 1 for lurkers) and its stream; null when 1. */
  replyRng: Rng | null = null;
  replyProbability = 1;
  /** Skill levels by position in `skills` (higher preferred); null when all are equal. */
  levels: number[] | null = null;
  /** Returning visitors waiting for this agent (sticky routing), oldest first; null: none ever. */
  reserved: Conversation[] | null = null;
  reservedHead = 0;
  /** Queues this agent may take from by overflow, once their head has waited `afterSec`; null: none. */
  overflowFrom: Array<{ g: GroupRuntime; afterSec: number }> | null = null;
  held = 0;
  lastAssignedAt = 0;
  /** Whether the agent is on shift with a free slot (then it is in each skill group's `free` list). */
  available = false;
  /** Position in each skill group's `free` list, by skill-group index (-1 when absent). */
  readonly freePos: number[];
  constructor(
    readonly index: number,
    readonly cap: number,
    readonly rank: number,
    readonly speed: number,
    readonly slowdown: number,
    readonly skills: readonly number[],
    groupCount: number,
  ) {
    this.freePos = new Array(groupCount).fill(-1);
  }
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
/** Longest log built by copying {@link LOG_TEMPLATE} (one exact-size allocation); longer ones are rare. */
const LOG_TEMPLATE_LENGTH = 64;
/** Doubles to copy logs from: `slice` of a packed array of doubles is one allocation of exactly that size. */
const LOG_TEMPLATE: number[] = Array.from({ length: LOG_TEMPLATE_LENGTH }, () => 0.5);

/** A packed array of `n` doubles (values to be overwritten), allocated at exactly that size. */
function doubles(n: number): number[] {
  return n <= LOG_TEMPLATE_LENGTH ? LOG_TEMPLATE.slice(0, n) : new Array<number>(n).fill(0.5);
}

class Conversation implements ConversationRecord {
  /**
   * Everything a conversation's timeline needs, in one array of unboxed doubles: the nine instants
   * of the record (index `T_*`, read and written through the accessors below), then from `W` on the
   * durations `[firstReply, think₂, nextReply₂, …, thinkₖ, nextReplyₖ, wrapUp]`, seconds. Each
   * duration is spent once, and the message it leads to takes its place: agent message k (k ≥ 0)
   * at `log[W + 2k]`, visitor message k (k ≥ 1) at `log[W + 2k − 1]`; wrap-up stays last.
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
  /** Agent messages so far (`log[W]`, `log[W + 2]`, …) and visitor messages after the arrival (`log[W + 1]`, …). */
  agentMessages = 0;
  visitorMessages = 0;
  state = 0;
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
  constructor(
    readonly id: number,
    readonly groupIndex: number,
    public rounds: number,
    /** The log with its instants set (arrival, patience, the rest NaN) and its durations drawn. */
    log: number[],
  ) {
    this.log = log;
  }

  /** Fills `lists` from the holders, the log and the counts, and points the record at them (when the conversation ends). */
  writeLists(lists: RecordLists): void {
    const w = this.log;
    const n = this.visitorMessages;
    const visitor = lists.visitorMessageAt[1 + n] ?? lists.make(lists.visitorMessageAt, 1 + n);
    visitor[0] = this.arrivalAt;
    for (let k = 1; k <= n; k++) visitor[k] = w[W + 2 * k - 1];
    const m = this.agentMessages;
    const agent = lists.agentMessageAt[m] ?? lists.make(lists.agentMessageAt, m);
    for (let k = 0; k < m; k++) agent[k] = w[W + 2 * k];
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
class RecordLists {
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

/** A first-come first-served queue with a lazily advanced head (abandoned entries are skipped). */
interface SubQueue {
  queue: Conversation[];
  head: number;
  /** Live (state QUEUED) entries. */
  queued: number;
}

/** One priority class's queue in a skill group: served by `queuedAt − boost`, smallest first. */
interface ClassQueue extends SubQueue {
  /** Priority / aging: seconds of waiting the class's priority is worth. */
  boost: number;
}

/** A served visitor's return: their skill group and the agent who served them. */
class ReturnVisit {
  constructor(readonly groupIndex: number, readonly agent: Agent) {}
}

/** The streams a visitor's own draws come from (first visits, or returns on their own streams). */
interface VisitorRngs {
  patienceRng: Rng;
  roundsRng: Rng;
  thinkRng: Rng;
  serviceRng: Rng;
}

interface GroupRuntime extends SubQueue, VisitorRngs {
  process: { next(): number };
  patience: Sampler;
  rounds: Sampler;
  think: Sampler;
  firstReply: Sampler;
  nextReply: Sampler;
  wrapUp: Sampler;
  patienceRng: Rng;
  roundsRng: Rng;
  thinkRng: Rng;
  serviceRng: Rng;
  agents: Agent[];
  /** Agents of this skill on shift with a free slot, in no particular order (policies break ties by index). */
  free: Agent[];
  /** Number of agents in `free`. */
  available: number;
  /** With `least-loaded`, the free agents indexed by load (picks in O(log n) instead of a scan). */
  index: LeastLoadedIndex<Agent> | null;
  queue: Conversation[];
  head: number;
  queued: number;
  cursor: number;
  /** Overflow rings by delay; `agents` are every ring's agents so far (not holding the skill). Null: none. */
  overflow: Array<{ afterSec: number; agents: Agent[] }> | null;
  /** Level of each agent in this skill by agent index, when levels differ; null otherwise. */
  levels: Int8Array | null;
  /** With priority classes: one queue per class (`queue` above stays empty) and the draw. */
  classes: ClassQueue[] | null;
  classCum: Float64Array | null;
  classRng: Rng | null;
  /** Leave a message: delay, share and the per-visitor draw; null without. */
  leaveMessage: { afterSec: number; share: number; rng: Rng } | null;
  /** Messages waiting for an agent, oldest first (lazy head like the queues). */
  messages: SubQueue;
  /** Agents with this skill on shift and not away (kept only for groups with leaveMessage). */
  onlineCount: number;
  noReplyNeeded: number;
  noReplyRng: Rng | null;
  /** Deflection by FAQ cards or a bot, with its draw; null without. */
  deflection: { share: number; followUp: number; followUpAfterSec: number; rng: Rng } | null;
  /** The system closes a conversation after this many seconds of visitor silence; Infinity: never. */
  silentCloseSec: number;
  /** Returning visitors and sticky routing; null without. */
  returning: { share: number; after: Sampler; waitSec: number; fallback: SelectAgent; rng: Rng; draws: VisitorRngs } | null;
}

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
   * arrival process: for replaying a trace and for tests. Everything else is still drawn.
   */
  arrivals?: Record<string, readonly number[]>;
  recorder: Recorder;
  /** Overrides the scenario's policy. */
  policy?: string;
}

/**
 * Runs one replication of `scenario` and streams its records to `options.recorder`.
 * @example
 * const stats = simulate(scenario, { seed: replicationSeed('42', 1), recorder: collector });
 */
export function simulate(scenario: Scenario, options: SimulateOptions): RunStats {
  return new ContactCentre(scenario, options).run();
}

class ContactCentre {
  private readonly q = new EventQueue<unknown>(4096);
  private readonly groups: GroupRuntime[];
  private readonly agents: Agent[] = [];
  private readonly info: AgentInfo[];
  private readonly select: SelectAgent;
  private readonly ctx: RoutingContext;
  private readonly recorder: Recorder;
  private readonly sample: AgentStateSample = { agentIndex: 0, at: 0, online: false, held: 0 };
  private nextId = 0;
  /** Next arrival instant of each group (Infinity when done). */
  private readonly nextArrival: Float64Array;
  private arrivalAt = Infinity;
  private arrivalGroup = -1;
  private active = 0;
  private now = 0;
  private readonly horizon: number;
  private readonly limit: number;
  /** Auto-transfer settings (null when the scenario has none: no per-assignment work). */
  private readonly transfer: { afterSec: number; maxTransfers: number; awayMisses: number; awayForSec: number } | null;
  /** Chats held by an agent who will never reply, with no event pending (settled at the end). */
  private readonly stuck: Conversation[] = [];
  /** The lists each ending conversation's record points to during the recorder's call. */
  private readonly lists = new RecordLists();
  /** Whether any skill group lets visitors leave messages. */
  private readonly messages: boolean;
  /**
   * Each agent's speed and load slowdown by agent index, read at every reply: in typed arrays, since
   * V8 keeps a double field in a separate box (two more cache lines an event on large rosters).
   */
  private readonly speedOf: Float64Array;
  private readonly slowdownOf: Float64Array;

  constructor(private readonly scenario: Scenario, options: SimulateOptions) {
    const policyName = options.policy ?? scenario.policy;
    const policy = getPolicy(policyName);
    if (!policy) throw new ModelError(`unknown routing policy "${policyName}" (known: ${POLICY_NAMES.join(', ')})`);
    this.select = policy.selectAgent;
    const indexed = policy.name === 'least-loaded';
    this.recorder = options.recorder;
    this.horizon = scenario.horizonSec;
    this.limit = scenario.horizonSec + scenario.drainSec;
    const streams = new RandomStreams(options.seed);
    this.ctx = { now: 0, rng: streams.get('routing'), cursor: -1 };
    const days = Math.ceil(scenario.horizonSec / 86400);
    this.messages = scenario.groups.some((g) => g.leaveMessage !== undefined);
    const t = scenario.autoTransfer;
    this.transfer = t === undefined ? null : {
      afterSec: t.afterSec,
      maxTransfers: t.maxTransfers,
      awayMisses: t.away?.misses ?? Infinity,
      awayForSec: t.away?.forSec ?? 0,
    };

    this.groups = scenario.groups.map((g) => {
      const multipliers = dailyMultipliers(days, g.arrivals.dailyCv, streams.get(`daily:${g.id}`));
      return {
        process: options.arrivals?.[g.id]
          ? new TraceArrivals(options.arrivals[g.id])
          : new ArrivalProcess(rateSegments(g, scenario.horizonSec, multipliers), streams.get(`arrivals:${g.id}`)),
        patience: sampler(g.patience),
        rounds: sampler(g.rounds),
        think: sampler(g.thinkTime),
        firstReply: sampler(g.service.firstReply),
        nextReply: sampler(g.service.nextReply),
        wrapUp: sampler(g.service.wrapUp),
        patienceRng: streams.get(`patience:${g.id}`),
        roundsRng: streams.get(`rounds:${g.id}`),
        thinkRng: streams.get(`think:${g.id}`),
        serviceRng: streams.get(`service:${g.id}`),
        agents: [],
        free: [],
        available: 0,
        index: null,
        queue: [],
        head: 0,
        queued: 0,
        cursor: -1,
        overflow: null,
        levels: null,
        ...this.classQueues(g, streams),
        leaveMessage: g.leaveMessage === undefined ? null : { ...g.leaveMessage, rng: streams.get(`message:${g.id}`) },
        messages: { queue: [], head: 0, queued: 0 },
        onlineCount: 0,
        noReplyNeeded: g.noReplyNeeded ?? 0,
        noReplyRng: (g.noReplyNeeded ?? 0) > 0 ? streams.get(`noreply:${g.id}`) : null,
        deflection: g.deflection === undefined ? null : { ...g.deflection, rng: streams.get(`deflect:${g.id}`) },
        silentCloseSec: g.silentCloseSec ?? Infinity,
        returning: g.returning === undefined ? null : {
          share: g.returning.share,
          after: sampler(g.returning.after),
          waitSec: g.returning.waitSec,
          fallback: this.policy(g.returning.fallback),
          rng: streams.get(`return:${g.id}`),
          draws: {
            patienceRng: streams.get(`patience:${g.id}:return`),
            roundsRng: streams.get(`rounds:${g.id}:return`),
            thinkRng: streams.get(`think:${g.id}:return`),
            serviceRng: streams.get(`service:${g.id}:return`),
          },
        },
      };
    });

    this.nextArrival = new Float64Array(this.groups.length);
    this.info = agentTable(scenario);
    if (indexed) for (const g of this.groups) g.index = new LeastLoadedIndex<Agent>(this.info.length);
    const groupIndex = new Map(scenario.groups.map((g, i) => [g.id, i]));
    const byAgentGroup = new Map<string, Agent[]>(scenario.agents.map((ag) => [ag.id, []]));
    scenario.agents.forEach((ag) => {
      const skills = ag.skills.map((s) => {
        const i = groupIndex.get(s);
        if (i === undefined) throw new ModelError(`agent group "${ag.id}" has unknown skill "${s}"`);
        return i;
      });
      const spans = onlineSpans(ag, this.limit, scenario.startWeekday ?? 0);
      const replyProbability = ag.replyProbability ?? 1;
      const replyRng = replyProbability < 1 ? streams.get(`reply:${ag.id}`) : null;
      for (let k = 0; k < ag.count; k++) {
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
          this.q.schedule(start, PRI_SHIFT_START, SHIFT_START, a);
          this.q.schedule(end, PRI_SHIFT_END, SHIFT_END, a);
        }
      }
    });
    this.speedOf = Float64Array.from(this.agents, (a) => a.speed);
    this.slowdownOf = Float64Array.from(this.agents, (a) => a.slowdown);
    this.wireOverflow(byAgentGroup);
  }

  /** The class queues, cumulative shares and class stream of a skill group (nulls without classes). */
  private classQueues(g: Scenario['groups'][number], streams: RandomStreams): Pick<GroupRuntime, 'classes' | 'classCum' | 'classRng'> {
    const classes = this.scenario.classes;
    if (classes === undefined || classes.length === 0) return { classes: null, classCum: null, classRng: null };
    const aging = this.scenario.agingPerSec ?? DEFAULT_AGING_PER_SEC;
    const shares = g.classShares ?? classes.map((c) => c.share);
    const cum = new Float64Array(classes.length);
    let sum = 0;
    shares.forEach((x, k) => { sum += x; cum[k] = sum; });
    cum[classes.length - 1] = Infinity; // rounding never leaves a draw without a class
    return {
      classes: classes.map((c) => ({ queue: [], head: 0, queued: 0, boost: priorityBoostSec(c.priority, aging) })),
      classCum: cum,
      classRng: streams.get(`class:${g.id}`),
    };
  }

  /** Wires the overflow rings: each ring's agents (cumulative), and each agent's overflow sources. */
  private wireOverflow(byAgentGroup: Map<string, Agent[]>): void {
    this.scenario.groups.forEach((sg, gi) => {
      if (sg.overflow === undefined || sg.overflow.length === 0) return;
      const g = this.groups[gi];
      const rings = overflowRings(gi, sg.overflow, (id) => byAgentGroup.get(id) ?? []);
      g.overflow = rings.map((ring) => {
        for (const i of ring.added) (this.agents[i].overflowFrom ??= []).push({ g, afterSec: ring.afterSec });
        return { afterSec: ring.afterSec, agents: ring.agents.map((i) => this.agents[i]) };
      });
    });
  }

  /** A routing policy's function by name; fails like an unknown scenario policy. */
  private policy(name: string): SelectAgent {
    const p = getPolicy(name);
    if (!p) throw new ModelError(`unknown routing policy "${name}" (known: ${POLICY_NAMES.join(', ')})`);
    return p.selectAgent;
  }

  run(): RunStats {
    for (const a of this.agents) this.emitAgent(a);
    // The next arrival of each group is kept out of the heap (one per group, compared with the heap's
    // top each step); at equal times it runs where its priority puts it, groups in index order.
    const groups = this.groups;
    const nextArrival = this.nextArrival;
    for (let gi = 0; gi < groups.length; gi++) {
      const t = groups[gi].process.next();
      nextArrival[gi] = t < this.horizon ? t : Infinity;
    }
    this.refreshNextArrival();
    const q = this.q;
    let endAt = this.horizon;
    let cut = false;
    for (;;) {
      const heapAt = q.peekTime();
      const arrivalAt = this.arrivalAt;
      const isArrival = arrivalAt < heapAt || (arrivalAt === heapAt && arrivalAt !== Infinity && q.peekPriority() > PRI_ARRIVAL);
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
      if (isArrival) {
        this.onArrival(this.arrivalGroup, now);
        continue;
      }
      q.pop();
      const target = q.target;
      switch (q.kind) {
        case RELEASE: this.onRelease(target as Conversation, now); break;
        case ABANDON: this.onAbandon(target as Conversation, now); break;
        case REPLY: this.onReply(target as Conversation, now); break;
        case VISITOR_MESSAGE: this.onVisitorMessage(target as Conversation, now); break;
        case SHIFT_START: this.onShiftStart(target as Agent, now); break;
        case SHIFT_END: this.onShiftEnd(target as Agent, now); break;
        case TRANSFER: this.onTransfer(target as Conversation, now); break;
        case AWAY_END: this.onAwayEnd(target as Agent, now); break;
        case OVERFLOW: this.onOverflow(target as Conversation, now); break;
        case LEAVE_MESSAGE: this.onLeaveMessage(target as Conversation, now); break;
        case FOLLOW_UP: this.onFollowUp(target as Conversation, now); break;
        case RETURN: this.onReturn(target as ReturnVisit, now); break;
        case STICKY_END: this.onStickyEnd(target as Conversation, now); break;
      }
    }
    if (this.active > 0) this.closeOpen(endAt);
    return { endAt, visitors: this.nextId, events: q.scheduled + this.nextId, cut, agents: this.info };
  }

  private refreshNextArrival(): void {
    const nextArrival = this.nextArrival;
    let t = Infinity;
    let g = -1;
    for (let i = 0; i < nextArrival.length; i++) {
      if (nextArrival[i] < t) {
        t = nextArrival[i];
        g = i;
      }
    }
    this.arrivalAt = t;
    this.arrivalGroup = g;
  }

  // ---- events -------------------------------------------------------------------------------

  private onArrival(gi: number, now: number): void {
    const g = this.groups[gi];
    const next = g.process.next();
    this.nextArrival[gi] = next < this.horizon ? next : Infinity;
    this.refreshNextArrival();

    // an FAQ card or a bot may answer first; some visitors then follow up and need a person, and
    // their patience runs from the follow-up (the deflection draws come from their own stream)
    const d = g.deflection;
    const deflected = d !== null && d.rng() < d.share;
    const followUp = d !== null && d.rng() < d.followUp;
    const followUpAt = deflected && followUp ? now + d.followUpAfterSec : now;
    const c = this.newConversation(g, gi, now, g, followUpAt);
    if (g.classRng !== null) {
      const u = g.classRng();
      const cum = g.classCum!;
      let k = 0;
      while (!(u < cum[k])) k++;
      c.classIndex = k;
    }
    if (g.leaveMessage !== null) c.leaver = g.leaveMessage.rng() < g.leaveMessage.share;
    if (g.noReplyRng !== null) c.noReplyNeeded = g.noReplyRng() < g.noReplyNeeded;
    this.active++;
    if (deflected) {
      if (!followUp) {
        c.state = ENDED;
        c.outcome = 'deflected';
        this.end(c, now);
        return;
      }
      c.state = FOLLOW_UP_PENDING;
      c.followUpAt = followUpAt;
      this.q.schedule(followUpAt, PRI_ARRIVAL, FOLLOW_UP, c);
      return;
    }
    this.route(c, g, now);
  }

  /**
   * Everything a visitor brings, drawn now from `rngs` (the group's own streams, or its return
   * streams: common random numbers). Patience runs from `patienceFrom` (a follow-up: later).
   */
  private newConversation(g: GroupRuntime, gi: number, now: number, rngs: VisitorRngs, patienceFrom = now): Conversation {
    const patience = g.patience.sample(rngs.patienceRng);
    let rounds = Math.round(g.rounds.sample(rngs.roundsRng));
    if (!(rounds >= 1)) rounds = 1;
    // One allocation of exactly the size (a packed array of doubles), filled in index order; each
    // stream still gives its draws in the same order (think: think₂…thinkₖ; service: first,
    // next₂…nextₖ, wrap-up).
    const size = W + 2 * rounds;
    const log = doubles(size);
    log[T_ARRIVAL] = now;
    log[T_PATIENCE] = patienceFrom + patience;
    for (let i = T_PATIENCE + 1; i < W; i++) log[i] = NaN;
    log[W] = g.firstReply.sample(rngs.serviceRng);
    for (let k = 1; k < rounds; k++) {
      log[W + 2 * k - 1] = g.think.sample(rngs.thinkRng);
      log[W + 2 * k] = g.nextReply.sample(rngs.serviceRng);
    }
    log[W + 2 * rounds - 1] = g.wrapUp.sample(rngs.serviceRng);
    const c = new Conversation(this.nextId++, gi, rounds, log);
    if (g.silentCloseSec < Infinity) this.silentClose(c, g.silentCloseSec);
    return c;
  }

  /** The visitor stays silent longer than `silentSec` after a reply: the rounds stop there and the system closes it. */
  private silentClose(c: Conversation, silentSec: number): void {
    const w = c.log;
    const rounds = c.rounds;
    for (let k = 1; k < rounds; k++) {
      if (w[W + 2 * k - 1] > silentSec) {
        w[W + 2 * k - 1] = w[W + 2 * rounds - 1];
        c.rounds = k;
        c.silentAfter = silentSec;
        c.silentClosed = true;
        return;
      }
    }
  }

  /**
   * A served visitor comes back: to the agent who served them if they have a free slot; else,
   * while that agent is on shift, the visitor waits up to `wait` for them only; else (or then) the
   * fallback policy routes them like any chat. Their draws come from the group's return streams.
   */
  private onReturn(rv: ReturnVisit, now: number): void {
    const g = this.groups[rv.groupIndex];
    const r = g.returning!;
    const c = this.newConversation(g, rv.groupIndex, now, r.draws);
    c.previousAgent = rv.agent.index;
    this.active++;
    const a = rv.agent;
    const route = returnRoute(a, a.onShift, r.waitSec);
    if (route === 'previous') {
      this.assign(c, a, now);
      return;
    }
    if (route === 'wait') {
      c.state = RESERVED;
      c.queuedAt = now;
      (a.reserved ??= []).push(c);
      if (c.patienceAt < Infinity) {
        c.abandonScheduled = true;
        this.q.schedule(c.patienceAt, PRI_ABANDON, ABANDON, c);
      }
      this.q.schedule(stickyWaitEndsAt(now, r.waitSec), PRI_OVERFLOW, STICKY_END, c);
      return;
    }
    this.fallback(c, g, now);
  }

  private onStickyEnd(c: Conversation, now: number): void {
    if (c.state === RESERVED) this.fallback(c, this.groups[c.groupIndex], now);
  }

  /** Routes a returning visitor by the fallback policy among the free agents, else queues them. */
  private fallback(c: Conversation, g: GroupRuntime, now: number): void {
    if (g.available > 0) {
      const ctx = this.ctx;
      ctx.now = now;
      ctx.cursor = g.cursor;
      if (this.takePick(c, g, g.returning!.fallback(c, g.free, ctx), now)) return;
    }
    this.enqueue(c, g, now);
  }

  /** Assigns `c` to the agent a policy picked (-1: none) when that agent can take it; true if so. */
  private takePick(c: Conversation, g: GroupRuntime, pick: number, now: number): boolean {
    if (pick < 0) return false;
    const a = this.agents[pick];
    if (!(a.online && a.held < a.cap)) return false;
    g.cursor = pick;
    this.assign(c, a, now);
    return true;
  }

  /** A follow-up after a deflection: the conversation now needs a person. */
  private onFollowUp(c: Conversation, now: number): void {
    this.route(c, this.groups[c.groupIndex], now);
  }

  /** Offers a conversation to people: a free agent takes it at once, else it queues. */
  private route(c: Conversation, g: GroupRuntime, now: number): void {
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
    if (c.state === RESERVED) {
      c.state = ENDED;
      c.abandonedAt = now;
      c.outcome = 'abandonedInQueue';
      this.end(c, now);
    } else if (c.state === QUEUED) {
      c.state = ENDED;
      const g = this.groups[c.groupIndex];
      g.queued--;
      if (g.classes !== null) g.classes[c.classIndex].queued--;
      c.abandonedAt = now;
      c.outcome = 'abandonedInQueue';
      this.end(c, now);
    } else if (c.state === ASSIGNED && c.patienceAt === now && !(c.firstReplyAt <= now)) {
      const a = c.agent!;
      c.state = ENDED;
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
    if (c.state === ENDED) return; // the visitor left before a reply scheduled after a failed transfer
    c.firstReplyAt = now;
    c.state = TALKING;
    this.answer(c, 0, now);
  }

  /**
   * Visitor message `turn` (≥ 1) and the agent's answer to it. The answer's delay is stretched by
   * the agent's load now, and nothing between now and the answer depends on it (only the first
   * reply races patience and transfers), so it is written at once and the next event is the
   * visitor's next message, or the release: one event a round instead of two. Until it comes, a
   * cut-off trims the answer (see `closeOpen`).
   */
  private onVisitorMessage(c: Conversation, now: number): void {
    const w = c.log;
    const k = c.turn;
    // visitor message k takes the place of the think time that led to it, the answer that of its delay
    w[W + 2 * k - 1] = now;
    c.visitorMessages = k;
    const a = c.agent!;
    this.answer(c, k, now + replyDelay(w[W + 2 * k], this.speedOf[a.index], this.slowdownOf[a.index], a.held));
  }

  /**
   * Agent message `k` at `at` (now, or ahead: see the header), in the place of the delay that led
   * to it; then the visitor's next message, or, after the last answer, the close and the release.
   */
  private answer(c: Conversation, k: number, at: number): void {
    const w = c.log;
    w[W + 2 * k] = at;
    c.agentMessages = k + 1;
    if (k + 1 < c.rounds) {
      c.turn = k + 1;
      this.q.schedule(at + w[W + 2 * k + 1], PRI_VISITOR_MESSAGE, VISITOR_MESSAGE, c);
    } else {
      c.closedAt = at + c.silentAfter;
      this.q.schedule(c.closedAt + w[W + 2 * c.rounds - 1], PRI_RELEASE, RELEASE, c);
    }
  }

  private onRelease(c: Conversation, now: number): void {
    const a = c.agent!;
    c.state = ENDED;
    c.outcome = 'served';
    this.end(c, now);
    const g = this.groups[c.groupIndex];
    if (g.returning !== null) {
      const r = g.returning;
      const back = r.rng() < r.share;
      const at = now + r.after.sample(r.rng);
      if (back && at < this.horizon) this.q.schedule(at, PRI_ARRIVAL, RETURN, new ReturnVisit(c.groupIndex, a));
    }
    this.setHeld(a, a.held - 1, now);
    this.pull(a, now);
  }

  private onShiftStart(a: Agent, now: number): void {
    a.onShift = true;
    a.online = !a.away;
    if (a.online) this.countOnline(a, 1);
    a.lastAssignedAt = now;
    this.updateAvailability(a);
    this.emitAgent(a);
    this.pull(a, now);
  }

  private onShiftEnd(a: Agent, now: number): void {
    a.onShift = false;
    if (a.online) this.countOnline(a, -1);
    a.online = false;
    this.updateAvailability(a);
    this.emitAgent(a);
  }

  /**
   * Auto-transfer: the chat is still without a first reply. It moves to another agent of its skill
   * group with a free slot (chosen by the policy); the agent it leaves counts a miss and may go
   * away. With nobody free it stays and is checked again after the same delay (while moves are
   * left and the agent's reply is further off than that).
   */
  private onTransfer(c: Conversation, now: number): void {
    if (c.state !== ASSIGNED) return;
    const from = c.agent!;
    const g = this.groups[c.groupIndex];
    let to: Agent | null = null;
    if (g.available > 0) {
      // the chat never goes back to the agent it leaves (the kernel's exclusion; nothing mutated)
      const ctx = this.ctx;
      ctx.now = now;
      ctx.cursor = g.cursor;
      const pick = g.index !== null ? g.index.pickExcept(from.index) : this.select(c, withoutAgent(g.free, from.index), ctx);
      if (pick >= 0) {
        const b = this.agents[pick];
        if (b.online && b.held < b.cap) to = b;
      }
    }
    const t = this.transfer!;
    if (to === null) {
      const moves = c.transferredAt === undefined ? 0 : c.transferredAt.length;
      if (moves < t.maxTransfers && c.pendingReplyAt > now + t.afterSec) {
        this.q.schedule(now + t.afterSec, PRI_TRANSFER, TRANSFER, c);
      } else if (c.pendingReplyAt < Infinity) {
        this.q.schedule(c.pendingReplyAt, PRI_REPLY, REPLY, c);
      } else {
        this.stuck.push(c);
      }
      return;
    }
    g.cursor = to.index;
    if (c.transferredAt === undefined) c.transferredAt = [];
    c.transferredAt.push(now);
    this.setHeld(from, from.held - 1, now);
    if (++from.misses >= t.awayMisses) {
      from.misses = 0;
      from.away = true;
      if (from.online) this.countOnline(from, -1);
      from.online = false;
      this.updateAvailability(from);
      this.emitAgent(from);
      this.q.schedule(now + t.awayForSec, PRI_AWAY_END, AWAY_END, from);
    }
    this.assign(c, to, now);
    this.pull(from, now);
  }

  /**
   * A queued chat reached its next overflow ring: a free agent of the rings so far (chosen by the
   * policy) takes it; else it waits for the next ring, and ring agents who free a slot may pull it.
   */
  private onOverflow(c: Conversation, now: number): void {
    if (c.state !== QUEUED) return;
    const g = this.groups[c.groupIndex];
    const rings = g.overflow!;
    const ctx = this.ctx;
    ctx.now = now;
    ctx.cursor = NO_CURSOR;
    const pick = this.select(c, rings[c.ring].agents, ctx);
    if (pick >= 0) {
      const a = this.agents[pick];
      if (a.online && a.held < a.cap) {
        g.queued--;
        if (g.classes !== null) g.classes[c.classIndex].queued--;
        this.assign(c, a, now);
        return;
      }
    }
    if (++c.ring < rings.length) this.q.schedule(overflowDueAt(c.queuedAt, rings[c.ring].afterSec), PRI_OVERFLOW, OVERFLOW, c);
  }

  private onLeaveMessage(c: Conversation, now: number): void {
    if (c.state === QUEUED) this.leaveMessage(c, this.groups[c.groupIndex], now);
  }

  /**
   * The queued visitor leaves a message and goes: out of the live queue, no more patience, one
   * reply (the agent's answer) then wrap-up. Agents take messages when no live chat waits.
   */
  private leaveMessage(c: Conversation, g: GroupRuntime, now: number): void {
    c.state = MESSAGE;
    c.messageAt = now;
    g.queued--;
    if (g.classes !== null) g.classes[c.classIndex].queued--;
    c.patienceAt = Infinity;
    c.log[W + 1] = c.log[W + 2 * c.rounds - 1];
    c.rounds = 1;
    c.silentAfter = 0; // the answer to a message closes it
    c.silentClosed = false;
    g.messages.queue.push(c);
    g.messages.queued++;
  }

  /** Counts agents online per skill for groups where nobody online means leaving a message. */
  private countOnline(a: Agent, delta: number): void {
    if (!this.messages) return;
    for (let i = 0; i < a.skills.length; i++) this.groups[a.skills[i]].onlineCount += delta;
  }

  private onAwayEnd(a: Agent, now: number): void {
    a.away = false;
    a.online = a.onShift;
    if (a.online) this.countOnline(a, 1);
    this.updateAvailability(a);
    this.emitAgent(a);
    this.pull(a, now);
  }

  // ---- mechanics ----------------------------------------------------------------------------

  private enqueue(c: Conversation, g: GroupRuntime, now: number): void {
    c.state = QUEUED;
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
      this.q.schedule(c.patienceAt, PRI_ABANDON, ABANDON, c);
    }
    if (g.overflow !== null) this.q.schedule(Math.max(now, overflowDueAt(c.queuedAt, g.overflow[0].afterSec)), PRI_OVERFLOW, OVERFLOW, c);
    if (c.leaver) {
      // nobody online: at once; else after the delay, or when patience would run out if sooner
      if (g.onlineCount === 0) this.leaveMessage(c, g, now);
      else this.q.schedule(Math.max(now, Math.min(c.queuedAt + g.leaveMessage!.afterSec, c.patienceAt)), PRI_LEAVE_MESSAGE, LEAVE_MESSAGE, c);
    }
  }

  private assign(c: Conversation, a: Agent, now: number): void {
    const from = c.agent;
    if (from === null) c.assignedAt = now;
    else (c.previousHolders ??= []).push(from.index);
    c.agent = a;
    a.lastAssignedAt = now;
    this.setHeld(a, a.held + 1, now);
    const speed = this.speedOf[a.index];
    const slowdown = this.slowdownOf[a.index];
    let firstReplyAt = now + replyDelay(c.log[W], speed, slowdown, a.held);
    // a lurker (reply probability < 1) may never answer this chat
    if (a.replyRng !== null && !(a.replyRng() < a.replyProbability)) firstReplyAt = Infinity;
    const t = this.transfer;
    if (t !== null && firstReplyAt > now + t.afterSec && c.patienceAt >= now + t.afterSec && (c.transferredAt === undefined || c.transferredAt.length < t.maxTransfers)) {
      // no first reply within the auto-transfer delay: check again then
      c.state = ASSIGNED;
      c.pendingReplyAt = firstReplyAt;
      if (c.patienceAt < firstReplyAt && !c.abandonScheduled) {
        c.abandonScheduled = true;
        this.q.schedule(c.patienceAt, PRI_ABANDON, ABANDON, c);
      }
      this.q.schedule(now + t.afterSec, PRI_TRANSFER, TRANSFER, c);
      return;
    }
    if (c.patienceAt < firstReplyAt) {
      // The visitor leaves before anyone answers.
      c.state = ASSIGNED;
      if (!c.abandonScheduled) {
        c.abandonScheduled = true;
        this.q.schedule(c.patienceAt, PRI_ABANDON, ABANDON, c);
      }
      return;
    }
    if (firstReplyAt === Infinity) {
      // never answered and the visitor never leaves: held until the end of the run
      c.state = ASSIGNED;
      this.stuck.push(c);
      return;
    }
    if (slowdown === 0) {
      // No load effect: the whole timeline is known now, one event ends it.
      c.state = PLANNED;
      c.firstReplyAt = firstReplyAt;
      const w = c.log;
      const inv = 1 / speed;
      let t = firstReplyAt;
      // each message takes the place of the duration that led to it (see `Conversation.log`)
      w[W] = t;
      for (let k = 1; k < c.rounds; k++) {
        t += w[W + 2 * k - 1];
        w[W + 2 * k - 1] = t;
        t += w[W + 2 * k] * inv;
        w[W + 2 * k] = t;
      }
      c.agentMessages = c.rounds;
      c.visitorMessages = c.rounds - 1;
      t += c.silentAfter;
      c.closedAt = t;
      this.q.schedule(t + w[W + 2 * c.rounds - 1], PRI_RELEASE, RELEASE, c);
      return;
    }
    // The first reply is certain now (patience outlasts it, no transfer check is due): it is
    // written at once, as later answers are (see `onVisitorMessage`), and the next event is the
    // visitor's second message, or the release. A cut-off before it trims it (see `closeOpen`).
    c.state = TALKING;
    c.firstReplyAt = firstReplyAt;
    this.answer(c, 0, firstReplyAt);
  }

  /**
   * Lets an agent with free slots take the longest-waiting chats of its skills (of its
   * highest-level skills first, when levels differ); with none waiting, the longest-waiting chat
   * that has overflowed to it.
   */
  private pull(a: Agent, now: number): void {
    const skills = a.skills;
    const levels = a.levels;
    while (a.online && a.held < a.cap) {
      if (a.reserved !== null) {
        // returning visitors waiting for this agent come first
        const list = a.reserved;
        while (a.reservedHead < list.length && list[a.reservedHead].state !== RESERVED) a.reservedHead++;
        if (a.reservedHead < list.length) {
          const c = list[a.reservedHead++];
          this.assign(c, a, now);
          continue;
        }
      }
      let best: Conversation | null = null;
      let bestGroup: GroupRuntime | null = null;
      let bestQueue: SubQueue | null = null;
      let bestKey = Infinity;
      let bestLevel = -1;
      for (let i = 0; i < skills.length; i++) {
        const g = this.groups[skills[i]];
        if (g.queued === 0) continue;
        if (!this.peek(g, Infinity)) continue;
        const head = this.peeked!;
        const key = this.peekedKey;
        const level = levels === null ? 0 : levels[i];
        if (best === null || servedBefore(level, key, bestLevel, bestKey)) {
          best = head;
          bestGroup = g;
          bestQueue = this.peekedQueue;
          bestKey = key;
          bestLevel = level;
        }
      }
      if (best === null && a.overflowFrom !== null) {
        for (const { g, afterSec } of a.overflowFrom) {
          if (g.queued === 0) continue;
          if (this.peek(g, overflowQueuedBy(now, afterSec)) && (best === null || servedBefore(0, this.peekedKey, 0, bestKey))) {
            best = this.peeked!;
            bestGroup = g;
            bestQueue = this.peekedQueue;
            bestKey = this.peekedKey;
          }
        }
      }
      if (best === null && this.messages) {
        // nothing live waits: the oldest message of the agent's skills
        for (let i = 0; i < skills.length; i++) {
          const m = this.groups[skills[i]].messages;
          if (m.queued === 0) continue;
          let head: Conversation | null = null;
          while (m.head < m.queue.length && (head = m.queue[m.head]).state !== MESSAGE) m.head++;
          if (m.head < m.queue.length && (best === null || servedBefore(0, head!.messageAt!, 0, best.messageAt!))) {
            best = head;
            bestQueue = m;
          }
        }
        if (best !== null) {
          bestQueue!.head++;
          bestQueue!.queued--;
          this.assign(best, a, now);
          continue;
        }
      }
      if (best === null) return;
      const g = bestGroup!;
      const sq = bestQueue!;
      sq.head++;
      sq.queued--;
      if (sq !== g) g.queued--;
      if (sq.head > 1024 && sq.head * 2 > sq.queue.length) {
        sq.queue.splice(0, sq.head);
        sq.head = 0;
      }
      this.assign(best, a, now);
    }
  }

  // What `peek` found: the chat, its queue and its key (queuedAt − the class's boost).
  private peeked: Conversation | null = null;
  private peekedQueue: SubQueue | null = null;
  private peekedKey = Infinity;

  /**
   * Finds the chat of `g` to serve next among those queued at or before `queuedBy` (Infinity: any):
   * the head of its queue, or with classes the class head with the smallest `queuedAt − boost`.
   * Sets `peeked*` and returns true, or returns false when there is none.
   */
  private peek(g: GroupRuntime, queuedBy: number): boolean {
    if (g.classes === null) {
      const head = this.head(g);
      if (head === null || head.queuedAt > queuedBy) return false;
      this.peeked = head;
      this.peekedQueue = g;
      this.peekedKey = queueKey(head.queuedAt, 0);
      return true;
    }
    let found = false;
    for (const cq of g.classes) {
      if (cq.queued === 0) continue;
      const head = this.head(cq);
      if (head === null || head.queuedAt > queuedBy) continue;
      const key = queueKey(head.queuedAt, cq.boost);
      if (!found || servedBefore(0, key, 0, this.peekedKey)) {
        found = true;
        this.peeked = head;
        this.peekedQueue = cq;
        this.peekedKey = key;
      }
    }
    return found;
  }

  /** The live head of a queue (skipping abandoned and overflowed entries), or null. */
  private head(g: SubQueue): Conversation | null {
    const queue = g.queue;
    while (g.head < queue.length) {
      const c = queue[g.head];
      if (c.state === QUEUED) return c;
      g.head++;
    }
    return null;
  }

  private setHeld(a: Agent, held: number, _now: number): void {
    a.held = held;
    this.updateAvailability(a);
    this.emitAgent(a);
  }

  private updateAvailability(a: Agent): void {
    const avail = a.online && a.held < a.cap;
    const skills0 = a.skills;
    for (let i = 0; i < skills0.length; i++) {
      const index = this.groups[skills0[i]].index;
      if (index === null) break;
      // re-file under the current load and last-assignment key
      index.delete(a);
      if (avail) index.add(a);
    }
    if (avail === a.available) return;
    a.available = avail;
    const skills = a.skills;
    for (let i = 0; i < skills.length; i++) {
      const gi = skills[i];
      const g = this.groups[gi];
      if (avail) {
        a.freePos[gi] = g.free.length;
        g.free.push(a);
      } else {
        // swap-remove
        const pos = a.freePos[gi];
        const last = g.free.pop()!;
        if (last !== a) {
          g.free[pos] = last;
          last.freePos[gi] = pos;
        }
        a.freePos[gi] = -1;
      }
      g.available = g.free.length;
    }
  }

  private emitAgent(a: Agent): void {
    const s = this.sample;
    s.agentIndex = a.index;
    s.at = this.now;
    s.online = a.online;
    s.held = a.held;
    this.recorder.agentState(s);
  }

  private end(c: Conversation, now: number): void {
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
      for (const sq of [g, ...(g.classes ?? [])]) for (let i = sq.head; i < sq.queue.length; i++) if (sq.queue[i].state === QUEUED) open.add(sq.queue[i]);
      for (let i = g.messages.head; i < g.messages.queue.length; i++) if (g.messages.queue[i].state === MESSAGE) open.add(g.messages.queue[i]);
    }
    for (const a of this.agents) {
      for (const c of a.reserved ?? []) if (c.state === RESERVED) open.add(c);
    }
    for (const t of this.q.pendingTargets()) if (t instanceof Conversation && t.state !== ENDED && t.state !== 0) open.add(t);
    for (const c of this.stuck) if (c.state !== ENDED) open.add(c);
    for (const c of [...open].sort((x, y) => x.id - y.id)) {
      if (c.state === PLANNED) {
        // Trim the precomputed timeline to what happened by endAt.
        const w = c.log;
        while (c.agentMessages > 0 && w[W + 2 * (c.agentMessages - 1)] > endAt) c.agentMessages--;
        while (c.visitorMessages > 0 && w[W + 2 * c.visitorMessages - 1] > endAt) c.visitorMessages--;
        if (c.firstReplyAt > endAt) c.firstReplyAt = NaN;
        if (c.closedAt > endAt) c.closedAt = NaN;
      } else if (c.state === TALKING) {
        // The answer to the last visitor message was written ahead (see `onVisitorMessage`).
        const w = c.log;
        const before = c.agentMessages;
        while (c.agentMessages > 0 && w[W + 2 * (c.agentMessages - 1)] > endAt) c.agentMessages--;
        if (c.agentMessages < before && before === c.rounds) c.closedAt = NaN;
        if (c.firstReplyAt > endAt) c.firstReplyAt = NaN;
      }
      c.state = ENDED;
      c.outcome = c.firstReplyAt <= endAt ? 'served' : 'unanswered';
      c.endedAt = endAt;
      this.active--;
      c.writeLists(this.lists);
      this.recorder.conversationEnded(c);
    }
  }
}
