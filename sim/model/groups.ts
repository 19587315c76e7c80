// The model's skill groups at run time: their queues (one per priority class with classes), free
// agents, the samplers and streams of their visitors' draws, and each mechanism's settings.
// Built once from the scenario. Imports only sim/engine, the kernel and the model's own types.

import type { Scenario, SkillGroup } from '../../core/scenario.js';
import { DEFAULT_AGING_PER_SEC, priorityBoostSec } from '../../core/routing/queue-key.js';
import type { LeastLoadedIndex } from '../../core/routing/least-loaded-index.js';
import { getPolicy, POLICY_NAMES, type SelectAgent } from '../../core/routing/policies.js';
import { ModelError } from '../../core/errors.js';
import type { RandomStreams, Rng } from '../engine/random.js';
import { sampler, type Sampler } from '../engine/distributions.js';
import { ArrivalProcess, TraceArrivals, dailyMultipliers, rateSegments } from './arrivals.js';
import type { Agent } from './agents.js';
import type { Conversation } from './conversation.js';
import type { VisitorRngs } from './visitor-draws.js';

/** A first-come first-served queue with a lazily advanced head (abandoned entries are skipped). */
export interface SubQueue {
  queue: Conversation[];
  head: number;
  /** Live (state QUEUED, or MESSAGE for a message queue) entries. */
  queued: number;
}

/** One priority class's queue in a skill group: served by the kernel's queue key, smallest first. */
export interface ClassQueue extends SubQueue {
  /** The class's `priorityBoostSec`: seconds of waiting its priority is worth. */
  boost: number;
}

/** One overflow ring at run time. */
export interface RingRuntime {
  /** Seconds in queue after which the ring opens. */
  afterSec: number;
  /** Every ring's agents so far (not holding the skill), by ascending index. */
  agents: Agent[];
}

/** Returning visitors of a skill group: the settings, the fallback policy and the return streams. */
export interface ReturningRuntime {
  share: number;
  after: Sampler;
  /** Longest wait for the previous agent, seconds (0: never wait). */
  waitSec: number;
  fallback: SelectAgent;
  rng: Rng;
  /** The streams a returning visitor's own draws come from (common random numbers apart from first visits). */
  draws: VisitorRngs;
}

/** Retries after abandoning in queue: the settings and the retry streams. */
export interface RetryRuntime {
  share: number;
  after: Sampler;
  /** Most retries per visitor. */
  max: number;
  rng: Rng;
  /** The streams a retry's own draws come from (apart from first visits and returns). */
  draws: VisitorRngs;
}

/** The samplers of what a visitor draws by time of day: the group's own, or a window's. */
export interface DrawProfile {
  patience: Sampler;
  /** Patience by priority class index; null: `patience` for every class. */
  classPatience: Sampler[] | null;
  think: Sampler;
  firstReply: Sampler;
  nextReply: Sampler;
  wrapUp: Sampler;
}

/** A group's windows of the day (sorted, not overlapping) and their profiles. */
export interface DuringRuntime {
  fromSec: Float64Array;
  toSec: Float64Array;
  profiles: DrawProfile[];
}

export interface GroupRuntime extends SubQueue, VisitorRngs, DrawProfile {
  process: { next(): number };
  rounds: Sampler;
  /** Windows of the day with their own draws; null: none (the group's own for every visitor). */
  during: DuringRuntime | null;
  /** The day-to-day volume multiplier drawn for each day of the run (all 1 without dailyCv). */
  daily: readonly number[];
  agents: Agent[];
  /** Agents of this skill on shift with a free slot, in no particular order (policies break ties by index). */
  free: Agent[];
  /** Number of agents in `free`. */
  available: number;
  /** With `least-loaded`, the free agents indexed by load (picks in O(log n) instead of a scan). */
  index: LeastLoadedIndex<Agent> | null;
  /** The round-robin cursor of this group's policy picks (the caller's state: see `RoutingContext`). */
  cursor: number;
  /** Overflow rings by delay; null: none. */
  overflow: RingRuntime[] | null;
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
  returning: ReturningRuntime | null;
  /** Retries after abandoning; null without. */
  retry: RetryRuntime | null;
}

/** A routing policy's function by name; fails like an unknown scenario policy. */
export function policyOf(name: string): SelectAgent {
  const p = getPolicy(name);
  if (!p) throw new ModelError(`unknown routing policy "${name}" (known: ${POLICY_NAMES.join(', ')})`);
  return p.selectAgent;
}

/**
 * The run-time group of skill group `g`, its streams named `<id>`-wise from `streams`. Agents,
 * the free list, the index, overflow rings and levels are filled in later by the model.
 * @param arrivals explicit arrival instants (seconds) replacing the random process, if given
 * @param policyOf the policy function of a fallback policy name (fails on unknown names)
 */
export function buildGroup(
  scenario: Scenario,
  g: SkillGroup,
  streams: RandomStreams,
  arrivals: readonly number[] | undefined,
  policyOf: (name: string) => SelectAgent,
): GroupRuntime {
  const days = Math.ceil(scenario.horizonSec / 86400);
  const multipliers = dailyMultipliers(days, g.arrivals.dailyCv, streams.get(`daily:${g.id}`));
  return {
    process: arrivals
      ? new TraceArrivals(arrivals)
      : new ArrivalProcess(rateSegments(g, scenario.horizonSec, multipliers), streams.get(`arrivals:${g.id}`)),
    daily: multipliers,
    patience: sampler(g.patience),
    classPatience: g.classPatience === undefined ? null : g.classPatience.map(sampler),
    during: g.during === undefined ? null : {
      fromSec: Float64Array.from(g.during, (w) => w.fromSec),
      toSec: Float64Array.from(g.during, (w) => w.toSec),
      profiles: g.during.map((w) => ({
        patience: sampler(w.patience),
        classPatience: w.classPatience === undefined ? null : w.classPatience.map(sampler),
        think: sampler(w.thinkTime),
        firstReply: sampler(w.service.firstReply),
        nextReply: sampler(w.service.nextReply),
        wrapUp: sampler(w.service.wrapUp),
      })),
    },
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
    ...classQueues(scenario, g, streams),
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
      fallback: policyOf(g.returning.fallback),
      rng: streams.get(`return:${g.id}`),
      draws: {
        patienceRng: streams.get(`patience:${g.id}:return`),
        roundsRng: streams.get(`rounds:${g.id}:return`),
        thinkRng: streams.get(`think:${g.id}:return`),
        serviceRng: streams.get(`service:${g.id}:return`),
      },
    },
    retry: g.retry === undefined ? null : {
      share: g.retry.share,
      after: sampler(g.retry.after),
      max: g.retry.max,
      rng: streams.get(`retry:${g.id}`),
      draws: {
        patienceRng: streams.get(`patience:${g.id}:retry`),
        roundsRng: streams.get(`rounds:${g.id}:retry`),
        thinkRng: streams.get(`think:${g.id}:retry`),
        serviceRng: streams.get(`service:${g.id}:retry`),
      },
    },
  };
}

/** The class queues, cumulative shares and class stream of a skill group (nulls without classes). */
function classQueues(scenario: Scenario, g: SkillGroup, streams: RandomStreams): Pick<GroupRuntime, 'classes' | 'classCum' | 'classRng'> {
  const classes = scenario.classes;
  if (classes === undefined || classes.length === 0) return { classes: null, classCum: null, classRng: null };
  const aging = scenario.agingPerSec ?? DEFAULT_AGING_PER_SEC;
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
