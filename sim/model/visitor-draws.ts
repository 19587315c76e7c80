// Everything drawn per visitor — what a trace will write: arrival (the group's process), class,
// patience, rounds, think times, base reply delays, wrap-up, deflection and follow-up,
// leave-a-message, no-reply-needed, the visits a served visitor comes back for, and the retries of
// a visitor who abandons. Each from its own stream, in a fixed order within the stream, when the
// visitor arrives (the returns too, used only if the visitor is served, and the retries, used only
// after an abandonment), so changing routing or staffing replays the same visitors
// (common random numbers) and a trace is a plain list of visitors.
// Imports only sim/engine, the kernel and the model's own types.

import type { Rng } from '../engine/random.js';
import { ReturnDraw, agentSlot, drawnLog, visitorSlot, wrapUpSlot } from './conversation.js';
import type { DrawProfile, GroupRuntime, RetryRuntime, ReturningRuntime } from './groups.js';
import { DAY_SEC } from '../../core/units.js';

/** The streams a visitor's own draws come from (first visits, or returns on their own streams). */
export interface VisitorRngs {
  patienceRng: Rng;
  roundsRng: Rng;
  thinkRng: Rng;
  serviceRng: Rng;
}

/**
 * What a visitor of `g` arriving at `at` (seconds from day 0) draws from: the window of the day
 * holding the arrival's time of day (`[fromSec, toSec)`), else the group's own.
 */
export function profileAt(g: GroupRuntime, at: number): DrawProfile {
  const d = g.during;
  if (d === null) return g;
  const tod = at - Math.floor(at / DAY_SEC) * DAY_SEC;
  const from = d.fromSec;
  for (let i = 0; i < from.length; i++) {
    if (tod < from[i]) return g;
    if (tod < d.toSec[i]) return d.profiles[i];
  }
  return g;
}

/**
 * The drawn log of a visit to group `g` (see `drawnLog`), from `rngs`: patience, rounds (rounded,
 * at least 1), then into the log in index order the base first reply, each round's think time and
 * base next reply, and the wrap-up. Each stream gives its draws in the same order (think:
 * think₂…thinkₖ; service: first, next₂…nextₖ, wrap-up). One allocation of exactly the log's size.
 * The samplers are those of the visitor's class `cls` and of the window of the day of `at` (the
 * arrival; see {@link profileAt}): which distribution, never which stream or how many draws.
 */
export function drawLog(g: GroupRuntime, rngs: VisitorRngs, cls = 0, at = 0): number[] {
  const p = g.during === null ? g : profileAt(g, at);
  const patience = (p.classPatience === null ? p.patience : p.classPatience[cls]).sample(rngs.patienceRng);
  let rounds = Math.round(g.rounds.sample(rngs.roundsRng));
  if (!(rounds >= 1)) rounds = 1;
  const log = drawnLog(rounds, patience);
  log[agentSlot(0)] = p.firstReply.sample(rngs.serviceRng);
  for (let k = 1; k < rounds; k++) {
    log[visitorSlot(k)] = p.think.sample(rngs.thinkRng);
    log[agentSlot(k)] = p.nextReply.sample(rngs.serviceRng);
  }
  log[wrapUpSlot(rounds)] = p.wrapUp.sample(rngs.serviceRng);
  return log;
}

/** The visitor needs a person at once (no deflection, or the FAQ card did not answer). */
export const NOT_DEFLECTED = 0;
/** An FAQ card or a bot answered and the visitor does not follow up. */
export const DEFLECTED = 1;
/** An FAQ card or a bot answered, and the visitor follows up later and needs a person. */
export const DEFLECTED_FOLLOWS_UP = 2;

/** Whether an FAQ card or a bot answers, and whether the visitor then follows up: both drawn, always, when the group deflects. */
export function drawDeflection(g: GroupRuntime): number {
  const d = g.deflection;
  if (d === null) return NOT_DEFLECTED;
  const deflected = d.rng() < d.share;
  const followUp = d.rng() < d.followUp;
  return !deflected ? NOT_DEFLECTED : followUp ? DEFLECTED_FOLLOWS_UP : DEFLECTED;
}

/** The priority class of a new visitor of a group with classes (index into the scenario's classes). */
export function drawClass(g: GroupRuntime): number {
  const u = g.classRng!();
  const cum = g.classCum!;
  let k = 0;
  while (!(u < cum[k])) k++;
  return k;
}

/** Whether the visitor would leave a message rather than wait (groups with leaveMessage). */
export function drawLeaver(g: GroupRuntime): boolean {
  const m = g.leaveMessage!;
  return m.rng() < m.share;
}

/** Whether the agent will mark the conversation "no reply needed" (groups with a share of them). */
export function drawNoReplyNeeded(g: GroupRuntime): boolean {
  return g.noReplyRng!() < g.noReplyNeeded;
}

/** What `drawFollowingVisits` needs: the share who come back, the delay, their decision stream and the visits' own streams. */
export type FollowingVisits = Pick<ReturningRuntime | RetryRuntime, 'share' | 'after' | 'rng' | 'draws'>;

/**
 * The visits that may follow a visit of a visitor arriving at `arrivalAt`, drawn now, in order:
 * for each (at most `max`), the decision and the delay (both drawn, always, from `r.rng`), then the
 * visit's log from `r.draws`. Stops at the first "not back", after `max`, or when the visit could
 * only fall at or after `horizon` (it comes at the earliest `arrivalAt` plus the delays so far:
 * each visit ends at or after its arrival). Null when none. The one rule of both returns (a served
 * visitor's next visits, delays after the release, `max` Infinity) and retries (after abandoning
 * in queue, delays after leaving, at most the group's `max`); each is used only if the visit before
 * it ended that way. The visits' draws take the visitor's class `cls` and the window of the day of
 * the first visit's arrival.
 */
export function drawFollowingVisits(g: GroupRuntime, r: FollowingVisits, max: number, arrivalAt: number, horizon: number, cls = 0): ReturnDraw | null {
  let first: ReturnDraw | null = null;
  let last: ReturnDraw | null = null;
  let earliest = arrivalAt;
  for (let k = 0; k < max; k++) {
    const back = r.rng() < r.share;
    const after = r.after.sample(r.rng);
    if (!back) return first;
    earliest += after;
    if (!(earliest < horizon)) return first;
    const d = new ReturnDraw(after, drawLog(g, r.draws, cls, arrivalAt));
    if (last === null) first = d;
    else last.next = d;
    last = d;
  }
  return first;
}
