// The one definition of every run metric: a Recorder that folds conversation records and agent state
// samples into compact accumulators and turns them into RunMetrics. Depends only on the record
// types; must not import the model, the engine, scenarios' loaders or anything with I/O.

import type { AgentStateSample, ConversationRecord, Recorder } from '../records.js';
import {
  AGENT_METRIC_NAMES,
  CONVERSATION_METRIC_NAMES,
  INTERVAL_METRIC_NAMES,
  OVERALL_METRIC_NAMES,
  type AgentMetricName,
  type ConversationMetricName,
  type GroupMetricName,
  type IntervalMetricName,
  type OverallMetricName,
  type TimeMetricName,
} from './catalogue.js';
import {
  addSpanByInterval,
  intervalCount,
  intervalOfDay,
  secondsByInterval,
  validateMetricsContext,
  type MetricsContext,
} from './context.js';
import { quantilesInPlace } from './quantile.js';
import { AgentHours, frtHistogram, serviceBuckets, type RunDistributions } from './distributions.js';

/** Whole-run metrics, keys in {@link OVERALL_METRIC_NAMES} order. Empty denominators give NaN. */
export type OverallMetrics = Record<OverallMetricName, number>;
/** One interval of the day, all measured days together; keys in {@link INTERVAL_METRIC_NAMES} order. */
export type IntervalMetrics = { index: number; startSec: number } & Record<IntervalMetricName, number>;
/** One skill group's conversation metrics. */
export type GroupMetrics = Record<GroupMetricName, number>;
/** One agent's metrics; keys in {@link AGENT_METRIC_NAMES} order after `id` and `group`. */
export type AgentMetrics = { id: string; group: string } & Record<AgentMetricName, number>;

/**
 * The numerator and denominator of every ratio metric of one scope (`frtMean`: [Σ FRT, answered
 * with an FRT]; `occupancy`: [slot-seconds in use, online seconds × cap]), so replications can be
 * pooled (Σ numerators / Σ denominators) instead of averaging their ratios.
 */
export type RatioParts = Record<string, readonly [numerator: number, denominator: number]>;

/** {@link RatioParts} of every scope of a run, in the shape of {@link RunMetrics}. */
export interface RunRatioParts {
  overall: RatioParts;
  intervals: RatioParts[];
  groups: Record<string, RatioParts>;
  agents: RatioParts[];
  classes?: Record<string, RatioParts>;
}

/** Everything measured in one run (one replication). */
export interface RunMetrics {
  overall: OverallMetrics;
  /** One entry per interval of the day, by index. */
  intervals: IntervalMetrics[];
  /** By skill-group id, in the context's group order. */
  groups: Record<string, GroupMetrics>;
  /** In the context's agent order. */
  agents: AgentMetrics[];
  /** By priority-class id, when the context has classes (per-class SL uses the class's T). */
  classes?: Record<string, GroupMetrics>;
  /** FRT histogram, service buckets, agent occupancy by hour (absent from hand-made metrics). */
  distributions?: RunDistributions;
  /** Numerators and denominators of the ratio metrics (absent from hand-made metrics: their ratios are then averaged). */
  ratios?: RunRatioParts;
}

/** Seconds in an hour. */
const HOUR_SEC = 3600;
/** Index arrays are 16-bit when they have at most this many distinct values, else 32-bit. */
const UINT16_DISTINCT = 65_536;
/** The FRT quantiles every scope reports: frtP50, frtP90, frtP95, frtP99. */
const FRT_QUANTILES = [0.5, 0.9, 0.95, 0.99] as const;
/** First capacity of the growable FRT arrays (doubles when full). */
const INITIAL_FRT_CAPACITY = 1024;

// Columns of one accumulator row. A row exists for the whole run, each interval of the day (by
// arrival) and each skill group; every measured record adds to three rows.
const OFFERED = 0;
const ANSWERED = 1;
const ABANDONED_IN_QUEUE = 2;
const ABANDONED_AFTER_ASSIGN = 3;
const UNANSWERED = 4;
const SL_HITS = 5;
const FRT_COUNT = 6;
const FRT_SUM = 7;
const TURN_COUNT = 8;
const TURN_SUM = 9;
const QUEUED = 10;
const WAIT_COUNT = 11;
const WAIT_SUM = 12;
const PLACED = 13;
const ABANDON_WAIT_COUNT = 14;
const ABANDON_WAIT_SUM = 15;
const DURATION_COUNT = 16;
const DURATION_SUM = 17;
const WRAP_UP_COUNT = 18;
const WRAP_UP_SUM = 19;
const ASSIGNED = 20;
const TRANSFERRED = 21;
const MESSAGES = 22;
/** Started, minus vacation-mode and "no reply needed": the 24-hour rate's denominator. */
const ELIGIBLE_24H = 23;
const RESPONDED_24H = 24;
const ABOUT_TO_EXPIRE = 25;
/** Answered by an FAQ card or a bot with no follow-up: started, never offered to people. */
const DEFLECTED = 26;
/** Returning visitors offered, and those whose first agent was the one who served them last. */
const RETURNING = 27;
const STICKY = 28;
/** Served and closed by the system after the visitor's silence. */
const SILENT_CLOSED = 29;
/** Offered and only one side ever wrote a manual message (无效咨询). */
const ONE_SIDED = 30;
const COLUMNS = 31;

/** The 24-hour response rate's window, and "about to expire" after 20 h without a reply. */
const RESPONSE_WINDOW_SEC = 24 * 3600;
const ABOUT_TO_EXPIRE_SEC = 20 * 3600;

/** `a / b`, or NaN when the denominator is empty (0) or not a number. */
function ratio(a: number, b: number): number {
  return b > 0 ? a / b : NaN;
}

/** `a / b` as {@link ratio}, keeping the parts under `name` in `parts`. */
function part(parts: Record<string, readonly [number, number]>, name: string, a: number, b: number): number {
  parts[name] = [a, b];
  return ratio(a, b);
}

/**
 * Adds `value` to column `column` of the overall row (offset 0) and of rows at `rowA`, `rowB` and
 * `rowC` (the class row, or a scratch row never read when there are no classes).
 */
function bump(acc: Float64Array, rowA: number, rowB: number, rowC: number, column: number, value: number): void {
  acc[column] += value;
  acc[rowA + column] += value;
  acc[rowB + column] += value;
  acc[rowC + column] += value;
}

/**
 * Queue wait of a record, seconds: from `queuedAt` to assignment, else abandonment, else the end of
 * the record (`endedAt`). NaN when the conversation never queued.
 */
export function queueWaitOf(r: ConversationRecord): number {
  if (Number.isNaN(r.queuedAt)) return NaN;
  // a visitor who left a message stopped waiting in the queue then
  if (r.messageAt !== undefined && !Number.isNaN(r.messageAt)) return r.messageAt - r.queuedAt;
  const until = !Number.isNaN(r.assignedAt) ? r.assignedAt : !Number.isNaN(r.abandonedAt) ? r.abandonedAt : r.endedAt;
  return until - r.queuedAt;
}

/** Agent-time integrals in seconds, per agent and per interval of the day (all agents). */
class AgentTime {
  constructor(
    /** Seconds online (or holding chats), per agent. */
    readonly online: Float64Array,
    /** Slot-seconds in use (held × dt), per agent. */
    readonly slot: Float64Array,
    /** Seconds holding at least one chat, per agent. */
    readonly busy: Float64Array,
    readonly onlineByInterval: Float64Array,
    readonly slotByInterval: Float64Array,
    /** Online seconds × cap, per interval. */
    readonly capacityByInterval: Float64Array,
    readonly busyByInterval: Float64Array,
  ) {}

  static empty(agents: number, intervals: number): AgentTime {
    return new AgentTime(
      new Float64Array(agents),
      new Float64Array(agents),
      new Float64Array(agents),
      new Float64Array(intervals),
      new Float64Array(intervals),
      new Float64Array(intervals),
      new Float64Array(intervals),
    );
  }

  clone(): AgentTime {
    return new AgentTime(
      this.online.slice(),
      this.slot.slice(),
      this.busy.slice(),
      this.onlineByInterval.slice(),
      this.slotByInterval.slice(),
      this.capacityByInterval.slice(),
      this.busyByInterval.slice(),
    );
  }
}

/**
 * Folds a run's records and samples into metrics. Give it every conversation record (any order;
 * the caller may reuse the object after the call) and every agent state sample (per agent in time
 * order), then call {@link MetricsCollector.finish}. Memory is one accumulator row per interval
 * and group plus 12–16 bytes per answered conversation (its FRT and indices); no record is kept.
 *
 * Decisions the canonical definitions (shared/DOMAIN.md) leave open:
 * - A record is measured when `arrivalAt ≥ warmupSec` and followed to its end, drain included.
 *   Agent time and queue time (the time averages) are measured inside the window [warmupSec,
 *   horizonSec] only: in the drain nobody arrives, so counting it would bias occupancy low.
 * - A difference with a missing (NaN) end is left out of its mean (and of that mean's count).
 * - The first reply of a conversation is credited to its last agent (`agents[agents.length − 1]`),
 *   as is an abandonment after assignment: the model only transfers before the first reply.
 * - A `deflected` record (FAQ card or bot, no follow-up) is not offered to people: it counts only
 *   in `deflectedRate` and, as responded, in `responseRate24h`.
 * - A visitor who left a message stopped queueing then (`messageAt` ends the queue wait); the
 *   message's first reply is its FRT like any other.
 * - The 24-hour rate counts a conversation unanswered at the end of the run as a miss.
 * - `queueLengthMean` counts the queued time of every conversation, measured or not, inside the
 *   window (it is a time average, like agent time).
 * - An agent is online from a sample with `online || held > 0` until its next sample; before its
 *   first sample it is offline.
 * @example
 * const collector = new MetricsCollector(ctx);
 * model.run(collector); // calls conversationEnded / agentState
 * const metrics = collector.finish(endAt);
 */
export class MetricsCollector implements Recorder {
  private readonly ctx: MetricsContext;
  /** The measured window [warm-up, horizon] of agent and queue time, seconds (read on the hot path). */
  private readonly windowStart: number;
  private readonly windowEnd: number;
  private readonly intervals: number;
  private readonly groupCount: number;
  /** Priority classes (0 without). */
  private readonly classCount: number;
  /** Offset of the scratch row that takes class bumps when there are no classes. */
  private readonly scratchRow: number;
  private frtClass: Uint16Array | Uint32Array | null;
  /** Rows: 0 overall, 1…intervals by arrival interval, then one per skill group. */
  private readonly acc: Float64Array;

  private frt: Float64Array;
  private frtInterval: Uint16Array | Uint32Array;
  private frtGroup: Uint16Array | Uint32Array;
  private frtSize = 0;

  /** Queued seconds (all conversations, from warm-up on), per interval and in total. */
  private readonly queueByInterval: Float64Array;
  private queueTotal = 0;

  private readonly agentServed: Float64Array;
  private readonly agentFirstReplies: Float64Array;
  private readonly agentFrtSum: Float64Array;
  private readonly agentAbandoned: Float64Array;
  private readonly agentTransfersIn: Float64Array;
  private readonly agentMisses: Float64Array;

  /** Time of each agent's latest sample (NaN before the first). */
  private readonly lastAt: Float64Array;
  /** Chats held since the latest sample. */
  private readonly held: Float64Array;
  /** 1 when online since the latest sample. */
  private readonly online: Uint8Array;
  private readonly time: AgentTime;
  /** Agent slot and capacity seconds by hour of the day (occupancy heatmap). */
  private readonly hours: AgentHours;

  /** @throws RangeError listing every problem when the context is invalid. */
  constructor(ctx: MetricsContext) {
    const issues = validateMetricsContext(ctx);
    if (issues.length > 0) throw new RangeError(`invalid metrics context: ${issues.join('; ')}`);
    this.ctx = ctx;
    this.windowStart = ctx.warmupSec;
    this.windowEnd = ctx.horizonSec;
    this.intervals = intervalCount(ctx.intervalSec);
    this.groupCount = ctx.groups.length;
    this.classCount = ctx.classes?.length ?? 0;
    // rows: overall, intervals, groups, classes, then one scratch row
    this.scratchRow = (1 + this.intervals + this.groupCount + this.classCount) * COLUMNS;
    this.acc = new Float64Array(this.scratchRow + COLUMNS);
    this.frtClass = this.classCount > 0 ? this.indexArray(this.classCount, INITIAL_FRT_CAPACITY) : null;
    this.frt = new Float64Array(INITIAL_FRT_CAPACITY);
    this.frtInterval = this.indexArray(this.intervals, INITIAL_FRT_CAPACITY);
    this.frtGroup = this.indexArray(this.groupCount, INITIAL_FRT_CAPACITY);
    this.queueByInterval = new Float64Array(this.intervals);
    const agents = ctx.agents.length;
    this.agentServed = new Float64Array(agents);
    this.agentFirstReplies = new Float64Array(agents);
    this.agentFrtSum = new Float64Array(agents);
    this.agentAbandoned = new Float64Array(agents);
    this.agentTransfersIn = new Float64Array(agents);
    this.agentMisses = new Float64Array(agents);
    this.lastAt = new Float64Array(agents).fill(NaN);
    this.held = new Float64Array(agents);
    this.online = new Uint8Array(agents);
    this.time = AgentTime.empty(agents, this.intervals);
    this.hours = AgentHours.empty(agents);
  }

  private indexArray(distinct: number, capacity: number): Uint16Array | Uint32Array {
    return distinct <= UINT16_DISTINCT ? new Uint16Array(capacity) : new Uint32Array(capacity);
  }

  private pushFrt(value: number, interval: number, group: number, classIndex: number): void {
    if (this.frtSize === this.frt.length) {
      const capacity = this.frt.length * 2;
      const frt = new Float64Array(capacity);
      frt.set(this.frt);
      this.frt = frt;
      const byInterval = this.indexArray(this.intervals, capacity);
      byInterval.set(this.frtInterval);
      this.frtInterval = byInterval;
      const byGroup = this.indexArray(this.groupCount, capacity);
      byGroup.set(this.frtGroup);
      this.frtGroup = byGroup;
      if (this.frtClass !== null) {
        const byClass = this.indexArray(this.classCount, capacity);
        byClass.set(this.frtClass);
        this.frtClass = byClass;
      }
    }
    this.frt[this.frtSize] = value;
    this.frtInterval[this.frtSize] = interval;
    this.frtGroup[this.frtSize] = group;
    if (this.frtClass !== null) this.frtClass[this.frtSize] = classIndex;
    this.frtSize++;
  }

  /**
   * Adds one finished conversation. O(rounds + intervals its queue wait spans); keeps nothing of
   * the object. @throws RangeError on an unknown group index or outcome.
   */
  conversationEnded(r: ConversationRecord): void {
    const { warmupSec, intervalSec } = this.ctx;
    const wait = queueWaitOf(r);
    if (wait > 0) {
      // queued time inside the measured window [warm-up, horizon]
      const from = r.queuedAt > warmupSec ? r.queuedAt : warmupSec;
      const end = r.queuedAt + wait;
      const to = end < this.windowEnd ? end : this.windowEnd;
      if (to > from) {
        addSpanByInterval(this.queueByInterval, from, to, intervalSec);
        this.queueTotal += to - from;
      }
    }
    if (!(r.arrivalAt >= warmupSec)) return;

    const group = r.groupIndex;
    if (!(Number.isInteger(group) && group >= 0 && group < this.groupCount)) {
      throw new RangeError(`conversation ${r.id}: groupIndex ${group} is not one of the ${this.groupCount} groups`);
    }
    const interval = intervalOfDay(r.arrivalAt, intervalSec);
    const acc = this.acc;
    const rowI = (1 + interval) * COLUMNS;
    const rowG = (1 + this.intervals + group) * COLUMNS;
    // the class row, or the scratch row (last) when there are no classes
    const classIndex = this.classCount > 0 ? (r.classIndex ?? 0) : 0;
    if (this.classCount > 0 && !(Number.isInteger(classIndex) && classIndex >= 0 && classIndex < this.classCount)) {
      throw new RangeError(`conversation ${r.id}: classIndex ${classIndex} is not one of the ${this.classCount} classes`);
    }
    const rowC = this.classCount > 0 ? (1 + this.intervals + this.groupCount + classIndex) * COLUMNS : this.scratchRow;
    const classSl = this.classCount > 0 ? (this.ctx.classSlTimeSec?.[classIndex] ?? this.ctx.slTimeSec) : -1;
    const lastAgent = r.agents.length > 0 ? r.agents[r.agents.length - 1] : -1;
    const agentKnown = lastAgent >= 0 && lastAgent < this.ctx.agents.length;

    if (r.outcome === 'deflected') {
      // not offered to people; counts as responded in the 24-hour rate (DOMAIN.md)
      bump(acc, rowI, rowG, rowC, DEFLECTED, 1);
      if (!r.noReplyNeeded && !this.inVacation(r.arrivalAt)) {
        bump(acc, rowI, rowG, rowC, ELIGIBLE_24H, 1);
        bump(acc, rowI, rowG, rowC, RESPONDED_24H, 1);
      }
      return;
    }
    bump(acc, rowI, rowG, rowC, OFFERED, 1);
    switch (r.outcome) {
      case 'served': {
        bump(acc, rowI, rowG, rowC, ANSWERED, 1);
        const frt = r.firstReplyAt - r.arrivalAt;
        if (!Number.isNaN(frt)) {
          bump(acc, rowI, rowG, rowC, FRT_COUNT, 1);
          bump(acc, rowI, rowG, rowC, FRT_SUM, frt);
          if (frt <= this.ctx.slTimeSec) bump(acc, rowI, rowG, this.scratchRow, SL_HITS, 1);
          if (frt <= classSl) acc[rowC + SL_HITS] += 1;
          this.pushFrt(frt, interval, group, classIndex);
        }
        const duration = r.closedAt - r.arrivalAt;
        if (!Number.isNaN(duration)) {
          bump(acc, rowI, rowG, rowC, DURATION_COUNT, 1);
          bump(acc, rowI, rowG, rowC, DURATION_SUM, duration);
        }
        const wrapUp = r.releasedAt - r.closedAt;
        if (!Number.isNaN(wrapUp)) {
          bump(acc, rowI, rowG, rowC, WRAP_UP_COUNT, 1);
          bump(acc, rowI, rowG, rowC, WRAP_UP_SUM, wrapUp);
        }
        if (agentKnown) {
          this.agentServed[lastAgent]++;
          if (!Number.isNaN(frt)) {
            this.agentFirstReplies[lastAgent]++;
            this.agentFrtSum[lastAgent] += frt;
          }
        }
        break;
      }
      case 'abandonedInQueue': {
        bump(acc, rowI, rowG, rowC, ABANDONED_IN_QUEUE, 1);
        const waited = r.abandonedAt - r.queuedAt;
        if (!Number.isNaN(waited)) {
          bump(acc, rowI, rowG, rowC, ABANDON_WAIT_COUNT, 1);
          bump(acc, rowI, rowG, rowC, ABANDON_WAIT_SUM, waited);
        }
        break;
      }
      case 'abandonedAfterAssign':
        bump(acc, rowI, rowG, rowC, ABANDONED_AFTER_ASSIGN, 1);
        if (agentKnown) this.agentAbandoned[lastAgent]++;
        break;
      case 'unanswered':
        bump(acc, rowI, rowG, rowC, UNANSWERED, 1);
        break;
      default:
        throw new RangeError(`conversation ${r.id}: unknown outcome ${String(r.outcome)}`);
    }

    const visitor = r.visitorMessageAt;
    const agent = r.agentMessageAt;
    const turns = visitor.length < agent.length ? visitor.length : agent.length;
    for (let i = 0; i < turns; i++) {
      const response = agent[i] - visitor[i];
      if (!Number.isNaN(response)) {
        bump(acc, rowI, rowG, rowC, TURN_COUNT, 1);
        bump(acc, rowI, rowG, rowC, TURN_SUM, response);
      }
    }

    if (!Number.isNaN(r.queuedAt)) {
      bump(acc, rowI, rowG, rowC, QUEUED, 1);
      if (!Number.isNaN(wait)) {
        bump(acc, rowI, rowG, rowC, WAIT_COUNT, 1);
        bump(acc, rowI, rowG, rowC, WAIT_SUM, wait);
        if (wait > this.ctx.queuePlacementThresholdSec) bump(acc, rowI, rowG, rowC, PLACED, 1);
      }
    }
    if (r.messageAt !== undefined && !Number.isNaN(r.messageAt)) bump(acc, rowI, rowG, rowC, MESSAGES, 1);
    if (r.silentClosed && r.outcome === 'served') bump(acc, rowI, rowG, rowC, SILENT_CLOSED, 1);
    if (r.visitorMessageAt.length === 0 || r.agentMessageAt.length === 0) bump(acc, rowI, rowG, rowC, ONE_SIDED, 1);
    if (r.previousAgent !== undefined && r.previousAgent >= 0) {
      bump(acc, rowI, rowG, rowC, RETURNING, 1);
      if (r.agents.length > 0 && r.agents[0] === r.previousAgent) bump(acc, rowI, rowG, rowC, STICKY, 1);
    }
    if (!r.noReplyNeeded && !this.inVacation(r.arrivalAt)) {
      bump(acc, rowI, rowG, rowC, ELIGIBLE_24H, 1);
      const reply = r.firstReplyAt - r.arrivalAt;
      if (reply <= RESPONSE_WINDOW_SEC) bump(acc, rowI, rowG, rowC, RESPONDED_24H, 1);
      const open = Number.isNaN(reply) ? r.endedAt - r.arrivalAt : reply;
      if (open > ABOUT_TO_EXPIRE_SEC) bump(acc, rowI, rowG, rowC, ABOUT_TO_EXPIRE, 1);
    }
    if (r.agents.length >= 1) {
      bump(acc, rowI, rowG, rowC, ASSIGNED, 1);
      if (r.agents.length > 1) {
        bump(acc, rowI, rowG, rowC, TRANSFERRED, 1);
        // every holder but the last missed it; every holder but the first received a transfer
        const n = this.ctx.agents.length;
        for (let k = 0; k < r.agents.length; k++) {
          const a = r.agents[k];
          if (!(a >= 0 && a < n)) continue;
          if (k < r.agents.length - 1) this.agentMisses[a]++;
          if (k > 0) this.agentTransfersIn[a]++;
        }
      }
    }
  }

  /** Whether a conversation started at `at` falls in a vacation-mode window. */
  private inVacation(at: number): boolean {
    const windows = this.ctx.vacation;
    if (windows === undefined) return false;
    for (const [from, to] of windows) if (at >= from && at < to) return true;
    return false;
  }

  /**
   * Adds one agent state sample: from `s.at` on the agent is `(online, held)`. Samples of one agent
   * must come in time order. @throws RangeError on an unknown agent or a sample out of order.
   */
  agentState(s: AgentStateSample): void {
    const i = s.agentIndex;
    if (!(Number.isInteger(i) && i >= 0 && i < this.ctx.agents.length)) {
      throw new RangeError(`agent state sample: agentIndex ${i} is not one of the ${this.ctx.agents.length} agents`);
    }
    const last = this.lastAt[i];
    if (!Number.isNaN(last)) {
      if (!(s.at >= last)) {
        throw new RangeError(
          `agent ${this.ctx.agents[i].id}: sample at ${s.at} s comes after one at ${last} s (samples must be in time order)`,
        );
      }
      this.integrate(this.time, this.hours, i, last, s.at);
    }
    this.lastAt[i] = s.at;
    this.online[i] = s.online ? 1 : 0;
    this.held[i] = s.held;
  }

  /**
   * Adds agent `i`'s current state over [fromAt, toAt), clipped to the measured window
   * [warm-up, horizon], into `time`.
   */
  private integrate(time: AgentTime, hours: AgentHours, i: number, fromAt: number, spanEnd: number): void {
    const held = this.held[i];
    if (this.online[i] === 0 && !(held > 0)) return;
    const from = fromAt > this.windowStart ? fromAt : this.windowStart;
    const toAt = spanEnd < this.windowEnd ? spanEnd : this.windowEnd;
    if (!(toAt > from)) return;
    const dt = toAt - from;
    const busy = held >= 1 ? 1 : 0;
    const { intervalSec } = this.ctx;
    time.online[i] += dt;
    time.slot[i] += held * dt;
    time.busy[i] += busy * dt;
    const cap = this.ctx.agents[i].cap;
    // The four per-interval integrals in one pass over the span's pieces: each adds exactly what
    // `addSpanByInterval(out, from, toAt, intervalSec, weight)` would (hot path: two samples a chat).
    const n = this.intervals;
    let at = from;
    let k = Math.floor(at / intervalSec);
    while (at < toAt) {
      const boundary = (k + 1) * intervalSec;
      const pieceEnd = boundary < toAt ? boundary : toAt;
      const cell = ((k % n) + n) % n;
      const piece = pieceEnd - at;
      time.onlineByInterval[cell] += piece;
      if (held !== 0) time.slotByInterval[cell] += held * piece;
      if (cap !== 0) time.capacityByInterval[cell] += cap * piece;
      if (busy !== 0) time.busyByInterval[cell] += piece;
      at = pieceEnd;
      k++;
    }
    hours.add(i, from, toAt, held, cap);
  }

  /**
   * The metrics so far, closing every agent's open span at `endAt` (seconds, the end of the run,
   * drain included). Does not change the collector: it may be called again, e.g. for live
   * snapshots. @throws RangeError if a sample lies after `endAt`.
   */
  finish(endAt: number): RunMetrics {
    const { ctx } = this;
    if (!Number.isFinite(endAt)) throw new RangeError(`finish: endAt must be finite (got ${endAt})`);
    const time = this.time.clone();
    const hours = this.hours.clone();
    for (let i = 0; i < ctx.agents.length; i++) {
      const last = this.lastAt[i];
      if (Number.isNaN(last)) continue;
      if (last > endAt) {
        throw new RangeError(`finish: agent ${ctx.agents[i].id} has a sample at ${last} s, after endAt ${endAt} s`);
      }
      this.integrate(time, hours, i, last, endAt);
    }

    const runs = this.frtRuns();
    // time averages over the measured window [warm-up, horizon] (or up to endAt, if the run stopped sooner)
    const windowEnd = endAt < ctx.horizonSec ? endAt : ctx.horizonSec;
    const measuredSec = Math.max(0, windowEnd - ctx.warmupSec);
    const measuredByInterval = secondsByInterval(ctx.warmupSec, windowEnd, ctx.intervalSec);
    const arrivalSecByInterval = secondsByInterval(ctx.warmupSec, ctx.horizonSec, ctx.intervalSec);

    let online = 0;
    let slot = 0;
    let capacity = 0;
    let busy = 0;
    for (let i = 0; i < ctx.agents.length; i++) {
      online += time.online[i];
      slot += time.slot[i];
      capacity += time.online[i] * ctx.agents[i].cap;
      busy += time.busy[i];
    }

    const overallParts: Record<string, readonly [number, number]> = {};
    const overallValues = {
      ...this.conversationMetrics(0, runs.all, overallParts),
      ...timeMetrics(this.acc[ANSWERED], this.queueTotal, measuredSec, online, slot, capacity, busy, overallParts),
    };
    const overall = pick(OVERALL_METRIC_NAMES, overallValues);
    const intervalParts: RatioParts[] = [];

    const intervals: IntervalMetrics[] = [];
    for (let k = 0; k < this.intervals; k++) {
      const row = 1 + k;
      const offered = this.acc[row * COLUMNS + OFFERED];
      const parts: Record<string, readonly [number, number]> = {};
      intervalParts.push(parts);
      const values = {
        arrivals: offered,
        arrivalsPerDay: part(parts, 'arrivalsPerDay', offered, arrivalSecByInterval[k] / ctx.intervalSec),
        ...this.conversationMetrics(row, runs.byInterval[k], parts),
        ...timeMetrics(
          this.acc[row * COLUMNS + ANSWERED],
          this.queueByInterval[k],
          measuredByInterval[k],
          time.onlineByInterval[k],
          time.slotByInterval[k],
          time.capacityByInterval[k],
          time.busyByInterval[k],
          parts,
        ),
      };
      intervals.push({ index: k, startSec: k * ctx.intervalSec, ...pick(INTERVAL_METRIC_NAMES, values) });
    }

    const groups: Record<string, GroupMetrics> = {};
    const groupParts: Record<string, RatioParts> = {};
    for (let g = 0; g < this.groupCount; g++) {
      const parts: Record<string, readonly [number, number]> = {};
      groups[ctx.groups[g]] = this.conversationMetrics(1 + this.intervals + g, runs.byGroup[g], parts);
      groupParts[ctx.groups[g]] = parts;
    }

    const agentParts: RatioParts[] = [];
    const agents: AgentMetrics[] = ctx.agents.map((a, i) => {
      const onlineSec = time.online[i];
      const parts: Record<string, readonly [number, number]> = {};
      agentParts.push(parts);
      const values: Record<AgentMetricName, number> = {
        served: this.agentServed[i],
        firstReplies: this.agentFirstReplies[i],
        frtMean: part(parts, 'frtMean', this.agentFrtSum[i], this.agentFirstReplies[i]),
        abandonedAfterAssign: this.agentAbandoned[i],
        onlineHours: onlineSec / HOUR_SEC,
        chatsPerHour: part(parts, 'chatsPerHour', this.agentServed[i], onlineSec / HOUR_SEC),
        occupancy: part(parts, 'occupancy', time.slot[i], onlineSec * a.cap),
        utilisation: part(parts, 'utilisation', time.busy[i], onlineSec),
        transfersIn: this.agentTransfersIn[i],
        misses: this.agentMisses[i],
      };
      return { id: a.id, group: a.group, ...pick(AGENT_METRIC_NAMES, values) };
    });

    const distributions: RunDistributions = {
      frt: frtHistogram(runs.all),
      serviceBuckets: serviceBuckets(
        runs.all,
        ctx.slTimeSec,
        this.acc[OFFERED],
        this.acc[ABANDONED_IN_QUEUE] + this.acc[ABANDONED_AFTER_ASSIGN],
        this.acc[UNANSWERED],
      ),
      agentHours: hours.occupancy(ctx.agents),
      basis: { frt: runs.all.length, offered: this.acc[OFFERED], capacitySec: hours.capacities(ctx.agents.length) },
    };

    const ratios: RunRatioParts = { overall: overallParts, intervals: intervalParts, groups: groupParts, agents: agentParts };
    if (this.classCount === 0) return { overall, intervals, groups, agents, distributions, ratios };
    const classes: Record<string, GroupMetrics> = {};
    const classParts: Record<string, RatioParts> = {};
    for (let k = 0; k < this.classCount; k++) {
      const parts: Record<string, readonly [number, number]> = {};
      classes[ctx.classes![k]] = this.conversationMetrics(1 + this.intervals + this.groupCount + k, runs.byClass[k], parts);
      classParts[ctx.classes![k]] = parts;
    }
    ratios.classes = classParts;
    return { overall, intervals, groups, agents, distributions, classes, ratios };
  }

  /**
   * FRT values, unsorted: all, and contiguous runs per interval, group and class (quantiles come by
   * selection, O(n), not by sorting). A lone group or class is the whole.
   */
  private frtRuns(): { all: Float64Array; byInterval: Float64Array[]; byGroup: Float64Array[]; byClass: Float64Array[] } {
    const n = this.frtSize;
    const bucketed = (indices: Uint16Array | Uint32Array, buckets: number, firstRow: number): Float64Array[] => {
      const start = new Float64Array(buckets + 1);
      for (let b = 0; b < buckets; b++) start[b + 1] = start[b] + this.acc[(firstRow + b) * COLUMNS + FRT_COUNT];
      const fill = start.slice(0, buckets);
      const out = new Float64Array(n);
      for (let j = 0; j < n; j++) out[fill[indices[j]]++] = this.frt[j];
      const runs: Float64Array[] = [];
      for (let b = 0; b < buckets; b++) runs.push(out.subarray(start[b], start[b + 1]));
      return runs;
    };
    const all = this.frt.slice(0, n);
    return {
      all,
      byInterval: bucketed(this.frtInterval, this.intervals, 1),
      byGroup: this.groupCount === 1 ? [all] : bucketed(this.frtGroup, this.groupCount, 1 + this.intervals),
      byClass: this.frtClass === null ? [] : this.classCount === 1 ? [all] : bucketed(this.frtClass, this.classCount, 1 + this.intervals + this.groupCount),
    };
  }

  /**
   * Conversation metrics of one accumulator row, given that row's FRT values (in any order;
   * reordered); the ratio metrics' numerators and denominators go into `parts`.
   */
  private conversationMetrics(row: number, frt: Float64Array, parts: Record<string, readonly [number, number]>): Record<ConversationMetricName, number> {
    const a = this.acc;
    const q = quantilesInPlace(frt, FRT_QUANTILES);
    const o = row * COLUMNS;
    const offered = a[o + OFFERED];
    const values: Record<ConversationMetricName, number> = {
      offered,
      answered: a[o + ANSWERED],
      abandonedInQueue: a[o + ABANDONED_IN_QUEUE],
      abandonedAfterAssign: a[o + ABANDONED_AFTER_ASSIGN],
      unanswered: a[o + UNANSWERED],
      connectionRate: part(parts, 'connectionRate', a[o + ANSWERED], offered),
      abandonRate: part(parts, 'abandonRate', a[o + ABANDONED_IN_QUEUE], offered),
      abandonAfterAssignRate: part(parts, 'abandonAfterAssignRate', a[o + ABANDONED_AFTER_ASSIGN], offered),
      abandonRateTotal: part(parts, 'abandonRateTotal', a[o + ABANDONED_IN_QUEUE] + a[o + ABANDONED_AFTER_ASSIGN], offered),
      serviceLevel: part(parts, 'serviceLevel', a[o + SL_HITS], offered),
      frtMean: part(parts, 'frtMean', a[o + FRT_SUM], a[o + FRT_COUNT]),
      frtP50: q[0],
      frtP90: q[1],
      frtP95: q[2],
      frtP99: q[3],
      avgResponseTime: part(parts, 'avgResponseTime', a[o + TURN_SUM], a[o + TURN_COUNT]),
      queuedRate: part(parts, 'queuedRate', a[o + QUEUED], offered),
      queueWaitMean: part(parts, 'queueWaitMean', a[o + WAIT_SUM], a[o + WAIT_COUNT]),
      queueWaitMeanAll: part(parts, 'queueWaitMeanAll', a[o + WAIT_SUM], offered),
      queuePlacementRate: part(parts, 'queuePlacementRate', a[o + PLACED], offered),
      timeToAbandonMean: part(parts, 'timeToAbandonMean', a[o + ABANDON_WAIT_SUM], a[o + ABANDON_WAIT_COUNT]),
      conversationDurationMean: part(parts, 'conversationDurationMean', a[o + DURATION_SUM], a[o + DURATION_COUNT]),
      wrapUpMean: part(parts, 'wrapUpMean', a[o + WRAP_UP_SUM], a[o + WRAP_UP_COUNT]),
      transferRate: part(parts, 'transferRate', a[o + TRANSFERRED], a[o + ASSIGNED]),
      leftMessageRate: part(parts, 'leftMessageRate', a[o + MESSAGES], offered),
      deflectedRate: part(parts, 'deflectedRate', a[o + DEFLECTED], offered + a[o + DEFLECTED]),
      stickyRate: part(parts, 'stickyRate', a[o + STICKY], a[o + RETURNING]),
      silentCloseRate: part(parts, 'silentCloseRate', a[o + SILENT_CLOSED], a[o + ANSWERED]),
      invalidRate: part(parts, 'invalidRate', a[o + ONE_SIDED], offered),
      responseRate24h: part(parts, 'responseRate24h', a[o + RESPONDED_24H], a[o + ELIGIBLE_24H]),
      aboutToExpire: a[o + ABOUT_TO_EXPIRE],
    };
    return pick(CONVERSATION_METRIC_NAMES, values);
  }
}

/**
 * Time-average metrics of one scope (whole run or one interval of the day), from seconds: queued
 * conversation-seconds, measured seconds, agent online seconds, slot-seconds in use, online × cap
 * seconds, busy seconds; and the answered conversations credited to the scope. The ratios' parts go
 * into `parts`.
 */
function timeMetrics(
  answered: number,
  queueSec: number,
  measuredSec: number,
  onlineSec: number,
  slotSec: number,
  capacitySec: number,
  busySec: number,
  parts: Record<string, readonly [number, number]>,
): Record<TimeMetricName, number> {
  return {
    queueLengthMean: part(parts, 'queueLengthMean', queueSec, measuredSec),
    agentsOnlineMean: part(parts, 'agentsOnlineMean', onlineSec, measuredSec),
    occupancy: part(parts, 'occupancy', slotSec, capacitySec),
    utilisation: part(parts, 'utilisation', busySec, onlineSec),
    chatsPerAgentHour: part(parts, 'chatsPerAgentHour', answered, onlineSec / HOUR_SEC),
  };
}

/** A new object with exactly `names`, in that order (the key order of every output). */
function pick<Name extends string>(names: readonly Name[], values: Record<Name, number>): Record<Name, number> {
  const out = {} as Record<Name, number>;
  for (const name of names) out[name] = values[name];
  return out;
}

/**
 * Metrics of a run whose records and samples are already at hand (load-test readers, tests).
 * @param endAt end of the run, seconds (closes every agent's open span)
 * @example const metrics = computeMetrics(ctx, records, samples, scenario.horizonSec + scenario.drainSec);
 */
export function computeMetrics(
  ctx: MetricsContext,
  records: Iterable<ConversationRecord>,
  samples: Iterable<AgentStateSample>,
  endAt: number,
): RunMetrics {
  const collector = new MetricsCollector(ctx);
  for (const record of records) collector.conversationEnded(record);
  for (const sample of samples) collector.agentState(sample);
  return collector.finish(endAt);
}
