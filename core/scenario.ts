// The normalised Scenario, the contract between the loader (scenarios/) and everything that runs one
// (the simulator, traces, the backend): every time in seconds, every rate per second, defaults
// applied. Types only; imports only the kernel.

export type { DistributionSpec } from './distributions.js';
import type { DistributionSpec } from './distributions.js';
export type { SlaTarget } from './metrics/targets.js';
import type { SlaTarget } from './metrics/targets.js';

/** A rate that holds every day between two clock times (seconds after midnight, `toSec` ≤ 86400). */
export interface RateWindow {
  fromSec: number;
  toSec: number;
  /** Arrivals per second. */
  ratePerSec: number;
  /**
   * Days of the run, counted modulo 7 from day 0 (0 = day 0's weekday, 1 = the next…), on which
   * the window holds; absent = every day. The loader turns the YAML's weekdays into these.
   */
  runDays?: number[];
}

/** A promotion: multiplies the rate between two absolute instants of the horizon. */
export interface PromoWindow {
  name: string;
  /** Seconds from the start of the horizon (day 0, 00:00). */
  startAt: number;
  endAt: number;
  factor: number;
}

/** Work a conversation brings, drawn when the visitor arrives (common random numbers). */
export interface ServiceSpec {
  /** Base delay from assignment to the first manual reply, before speed and load. */
  firstReply: DistributionSpec;
  /** Base delay from a later visitor message to the agent's reply, before speed and load. */
  nextReply: DistributionSpec;
  /** Time after closing during which the slot stays busy (事后处理). */
  wrapUp: DistributionSpec;
}

/**
 * What visitors arriving in a window of the day draw instead of the group's own: every field
 * resolved (the most specific written wins: the window's class patience, the window's patience,
 * the group's class patience, the group's patience).
 */
export interface TimeWindow {
  /** Seconds after midnight: visitors arriving at a time of day in `[fromSec, toSec)`. */
  fromSec: number;
  toSec: number;
  patience: DistributionSpec;
  /** Patience by priority class index (the scenario's class order); absent without class patience in the group or the window. */
  classPatience?: DistributionSpec[];
  thinkTime: DistributionSpec;
  service: ServiceSpec;
}

export interface SkillGroup {
  /** Name as written in the scenario (`presales`); used in stream names and output. */
  id: string;
  arrivals: {
    windows: RateWindow[];
    promos: PromoWindow[];
    /** Coefficient of variation of a gamma(mean 1) multiplier drawn per day; 0 = none. */
    dailyCv: number;
  };
  /** Time the visitor waits for the first manual reply before leaving. `Infinity` = never leaves. */
  patience: DistributionSpec;
  /** Patience by priority class index (the scenario's class order; classes not written get `patience`); absent = `patience` for all. */
  classPatience?: DistributionSpec[];
  /** Windows of the day (by arrival time of day, sorted, not overlapping) with their own patience and service; absent = none. */
  during?: TimeWindow[];
  /** Visitor↔agent rounds per conversation (samples rounded, at least 1). */
  rounds: DistributionSpec;
  /** Time between an agent reply and the visitor's next message. */
  thinkTime: DistributionSpec;
  service: ServiceSpec;
  /** Leave a message (转留言) after `afterSec` in queue, or at once when nobody is online; `share` of visitors do. */
  leaveMessage?: { afterSec: number; share: number };
  /** The system closes a conversation after the visitor is silent this long after a reply; absent = never. */
  silentCloseSec?: number;
  /**
   * Returning visitors: `share` of served conversations' visitors come back `after` the close, to
   * the agent who served them if free, else waiting up to `waitSec` for them, else by `fallback`.
   */
  returning?: { share: number; after: DistributionSpec; waitSec: number; fallback: string };
  /**
   * Retries after abandoning: `share` of the visitors who leave the queue come back `after` they
   * left, as a new conversation of this group and class; again after each abandoned retry, at most
   * `max` times.
   */
  retry?: { share: number; after: DistributionSpec; max: number };
  /** FAQ cards or a bot answer `share` of the conversations; `followUp` of those come back after `followUpAfterSec` and need a person. */
  deflection?: { share: number; followUp: number; followUpAfterSec: number };
  /** Share of conversations marked "no reply needed" (out of the 24-hour response rate); absent = 0. */
  noReplyNeeded?: number;
  /** Share of each priority class (by the scenario's class order), adding up to 1; absent without classes. */
  classShares?: number[];
  /** Overflow rings by increasing delay: after `afterSec` in queue, agents of `agentGroups` may take the chat too; absent = none. */
  overflow?: Array<{ afterSec: number; agentGroups: string[] }>;
}

export interface Shift {
  /** Seconds after midnight; `endSec` > `startSec`, ≤ 86400. */
  startSec: number;
  endSec: number;
  /** Weekdays the shift is worked, 0 = Monday … 6 = Sunday, ascending; absent = every day. */
  days?: number[];
  /** Breaks inside the shift (seconds after midnight, ascending, not overlapping); absent = none. */
  breaks?: Array<{ startSec: number; endSec: number }>;
}

/** A group of identical agents. */
export interface AgentGroup {
  id: string;
  count: number;
  /** Skill-group ids this group serves (at least one, all defined). */
  skills: string[];
  /** Maximum concurrent chats (最大接待量), including chats in wrap-up. */
  maxConcurrent: number;
  /** Reply delays are divided by this (1 = nominal, 2 = twice as fast). */
  speed: number;
  /** Lower = more experienced; used by `experienced-first`. */
  rank: number;
  /** Delay stretch per extra chat held: `delay × (1 + slowdown × (held − 1))`. */
  slowdown: number;
  /** Daily shifts; empty means online all day. */
  shifts: Shift[];
  /** Seconds online before each shift starts (log-in margin); absent = 0. */
  onlineEarlySec?: number;
  /** Seconds online after each shift ends; absent = 0. */
  onlineLateSec?: number;
  /** Level (1–10, higher preferred) of each skill, by skill-group id; absent = all 1. */
  skillLevels?: Record<string, number>;
  /** Chance of replying to an assigned chat at all (0 = lurker); absent = 1. */
  replyProbability?: number;
  /**
   * Staffing that follows the day's volume: on day d, `count × m_d^elasticity` agents (rounded at
   * random, at most `max`), m_d the day's drawn volume multiplier of `groups` (weighted by their
   * expected arrivals that day). The roster then has `max` agents (see `rosterSize`). Simulator only.
   */
  followsVolume?: { groups: string[]; elasticity: number; max: number };
}

/** A priority class: the queue serves the smallest `queuedAt − priority / aging` first. */
export interface PriorityClass {
  id: string;
  /** Default share of every skill group's conversations. */
  share: number;
  /** Priority points on entering the queue. */
  priority: number;
  /** Threshold T of this class's service level. */
  slTimeSec: number;
}

/** Auto-transfer (延误对话自动转接) of chats assigned but left without a first reply. */
export interface AutoTransfer {
  /** Seconds after assignment without a first reply before the chat moves. */
  afterSec: number;
  /** Most moves per chat. */
  maxTransfers: number;
  /** An agent whose chats were moved away `misses` times goes away for `forSec`; absent = never. */
  away?: { misses: number; forSec: number };
}

export interface Scenario {
  name: string;
  description: string;
  /** Number of simulated days; the horizon is `days × 86400` s from day 0, 00:00. */
  days: number;
  horizonSec: number;
  /** Weekday of day 0 for shifts that list days, 0 = Monday … 6 = Sunday; absent = Monday. */
  startWeekday?: number;
  seed: string;
  replications: number;
  /** Conversations arriving before this instant, and agent time before it, are not measured. */
  warmupSec: number;
  /** Service-level threshold T of SL(T). Default 20 s. */
  slTimeSec: number;
  /** Length of an interval of the day for 分时段 metrics. Default 1800 s. */
  intervalSec: number;
  /** Queue placement threshold. Default 60 s. */
  queuePlacementThresholdSec: number;
  /** After the horizon, how long open conversations may still finish (arrivals stopped). */
  drainSec: number;
  /** Routing policy name (see sim/routing). */
  policy: string;
  groups: SkillGroup[];
  agents: AgentGroup[];
  /** Priority classes (vip, standard…); absent or empty = one unnamed class. */
  classes?: PriorityClass[];
  /** Priority points gained per second of waiting (> 0); used with classes. */
  agingPerSec?: number;
  /** Vacation-mode windows `[startAt, endAt)`, seconds from day 0; absent = none. */
  vacation?: Array<[number, number]>;
  /** Absent = no auto-transfer. */
  autoTransfer?: AutoTransfer;
  /** Service targets (empty when the scenario has no `sla` block). */
  sla: SlaTarget[];
}
