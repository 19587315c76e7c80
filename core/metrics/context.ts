// What metrics need to know about a run besides its records (groups, agents, horizon, warm-up,
// thresholds), built from a scenario or given by a backend export, and the interval-of-the-day
// arithmetic. Pure; imports only the kernel.

export { DAY_SEC } from '../units.js';
import { DAY_SEC } from '../units.js';
import type { Scenario } from '../scenario.js';
import { agentTable } from '../roster.js';

/** One agent as metrics see it. */
export interface MetricsAgent {
  /** Agent id, e.g. `senior-3`. */
  id: string;
  /** Id of the agent group (not the skill group) the agent belongs to. */
  group: string;
  /** Maximum concurrent chats (最大接待量); 0 for a lurker. */
  cap: number;
}

/** The run a collector measures. All times in seconds from the start of the horizon. */
export interface MetricsContext {
  /** Skill-group ids by `ConversationRecord.groupIndex`. */
  groups: string[];
  /** Agents by `AgentStateSample.agentIndex`. */
  agents: MetricsAgent[];
  /** Arrivals happen in [0, horizonSec). */
  horizonSec: number;
  /** Conversations arriving before this instant, and agent time before it, are not measured. */
  warmupSec: number;
  /** Threshold T of the service level SL(T), seconds. */
  slTimeSec: number;
  /** Length of an interval of the day (分时段), seconds; must divide 86400. */
  intervalSec: number;
  /** A queue wait longer than this (seconds, strictly) counts towards the queue placement rate. */
  queuePlacementThresholdSec: number;
  /** Priority-class ids by `ConversationRecord.classIndex`; absent: no per-class metrics. */
  classes?: string[];
  /** Each class's service-level threshold T, seconds (default `slTimeSec`). */
  classSlTimeSec?: number[];
  /** Vacation-mode windows `[startAt, endAt)`: conversations started in them are out of the 24-hour response rate. */
  vacation?: Array<[number, number]>;
}

/**
 * The metrics context of a scenario (with an optional warm-up override, seconds): its skill groups,
 * every agent of its roster, horizon, thresholds, classes and vacation windows.
 * @example computeMetrics(metricsContext(scenario), records, samples, endAt)
 */
export function metricsContext(scenario: Scenario, warmupSec = scenario.warmupSec): MetricsContext {
  return {
    groups: scenario.groups.map((g) => g.id),
    agents: agentTable(scenario).map((a) => ({ id: a.id, group: a.group, cap: a.cap })),
    horizonSec: scenario.horizonSec,
    warmupSec,
    slTimeSec: scenario.slTimeSec,
    intervalSec: scenario.intervalSec,
    queuePlacementThresholdSec: scenario.queuePlacementThresholdSec,
    ...(scenario.classes !== undefined && scenario.classes.length > 0
      ? { classes: scenario.classes.map((c) => c.id), classSlTimeSec: scenario.classes.map((c) => c.slTimeSec) }
      : {}),
    ...(scenario.vacation !== undefined ? { vacation: scenario.vacation } : {}),
  };
}

/**
 * Every problem with a context, as readable messages (empty when valid).
 * @example validateMetricsContext({ ...ctx, intervalSec: 7 }) // ['intervalSec must divide 86400 (got 7)']
 */
export function validateMetricsContext(ctx: MetricsContext): string[] {
  const issues: string[] = [];
  const nonNegative = (name: keyof MetricsContext, value: number) => {
    if (!(Number.isFinite(value) && value >= 0)) issues.push(`${name} must be a finite number ≥ 0 (got ${value})`);
  };
  if (!(ctx.intervalSec > 0 && Number.isFinite(ctx.intervalSec))) {
    issues.push(`intervalSec must be a positive number (got ${ctx.intervalSec})`);
  } else if (DAY_SEC % ctx.intervalSec !== 0) {
    issues.push(`intervalSec must divide ${DAY_SEC} (got ${ctx.intervalSec})`);
  }
  nonNegative('horizonSec', ctx.horizonSec);
  nonNegative('warmupSec', ctx.warmupSec);
  nonNegative('slTimeSec', ctx.slTimeSec);
  nonNegative('queuePlacementThresholdSec', ctx.queuePlacementThresholdSec);
  const seen = new Set<string>();
  for (const id of ctx.groups) {
    if (seen.has(id)) issues.push(`groups must have distinct ids (${id} appears twice)`);
    seen.add(id);
  }
  ctx.agents.forEach((agent, i) => {
    if (!(Number.isInteger(agent.cap) && agent.cap >= 0)) {
      issues.push(`agents[${i}].cap must be an integer ≥ 0 (got ${agent.cap})`);
    }
  });
  return issues;
}

/** Number of intervals in a day. */
export function intervalCount(intervalSec: number): number {
  return Math.round(DAY_SEC / intervalSec);
}

/**
 * Index of the interval of the day holding instant `at`: `⌊(at mod 86400) / intervalSec⌋`.
 * @param at seconds from the start of the horizon (day 0, 00:00)
 * @example intervalOfDay(86_400 + 3_700, 1_800) // 2
 */
export function intervalOfDay(at: number, intervalSec: number): number {
  const inDay = ((at % DAY_SEC) + DAY_SEC) % DAY_SEC;
  return Math.floor(inDay / intervalSec);
}

/**
 * Adds `weight × (seconds of [fromAt, toAt) falling in each interval of the day)` to `out[index]`,
 * splitting the span exactly at interval boundaries, over as many days as it covers. `out.length`
 * is the number of intervals a day. Nothing happens when `toAt ≤ fromAt` or `weight` is 0.
 * @param out per-interval accumulator, length `86400 / intervalSec`
 * @param fromAt span start, seconds from the start of the horizon
 * @param toAt span end, seconds
 * @param intervalSec interval length, seconds
 * @param weight multiplier (e.g. chats held), unitless
 */
export function addSpanByInterval(
  out: Float64Array,
  fromAt: number,
  toAt: number,
  intervalSec: number,
  weight = 1,
): void {
  if (!(toAt > fromAt) || weight === 0) return;
  const n = out.length;
  let at = fromAt;
  let k = Math.floor(at / intervalSec);
  while (at < toAt) {
    const boundary = (k + 1) * intervalSec;
    const pieceEnd = boundary < toAt ? boundary : toAt;
    out[((k % n) + n) % n] += weight * (pieceEnd - at);
    at = pieceEnd;
    k++;
  }
}

/**
 * Seconds of [fromAt, toAt) in each interval of the day, all days together (the denominator of
 * per-interval time averages). Empty span → all zeros.
 */
export function secondsByInterval(fromAt: number, toAt: number, intervalSec: number): Float64Array {
  const out = new Float64Array(intervalCount(intervalSec));
  addSpanByInterval(out, fromAt, toAt, intervalSec);
  return out;
}
