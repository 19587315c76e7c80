// The work a run will do, estimated from the scenario before it starts (visitors, events, memory),
// and the budget beyond which commands refuse to start it unless asked. Pure; must not import cli/.

import type { DistributionSpec, Scenario } from '../../core/scenario.js';
import { DAY_SEC } from '../../core/units.js';
import { rosterSize } from '../../core/roster.js';
import { sampler } from '../engine/distributions.js';
import { rateSegments } from '../model/arrivals.js';

/**
 * Visitors a command may simulate in all (every replication of every run) unless the user raises
 * it (`--max-visitors`): about a minute of work on one core at the simulator's measured pace of
 * 250,000–500,000 visitors a second.
 */
export const DEFAULT_MAX_VISITORS = 20_000_000;

/** Events allowed per visitor of the budget: the events budget is `maxVisitors ×` this. */
export const EVENTS_PER_BUDGET_VISITOR = 50;

/** Memory of one simulating thread before any visitor, bytes (measured: ~100 MB). */
const BASE_MEMORY_BYTES = 100 * 1024 * 1024;
/** Memory a visitor costs a replication, bytes (measured: ~35 B over 4.8 million visitors; rounded up). */
const MEMORY_PER_VISITOR_BYTES = 48;
/** Memory of a round of a visitor's conversation log while it is open, bytes (two doubles). */
const MEMORY_PER_ROUND_BYTES = 16;
/** Events of a conversation besides one a round (the model writes each answer with the message before it): arrival, first reply, abandonment, release. */
const EVENTS_PER_CONVERSATION = 4;

/** What one run of a scenario is expected to do, per replication and in all. */
export interface WorkEstimate {
  /** Expected visitors of one replication (arrivals, returning visitors and, at most, retries included). */
  visitorsPerReplication: number;
  /** Events of one replication, an upper estimate (every visitor with all their rounds, though some leave early; measured 1.5–3.5× over). */
  eventsPerReplication: number;
  /** Replications of one run. */
  replications: number;
  /** Runs of the scenario the command makes (policies compared, sweep points, …). */
  runs: number;
  /** Visitors over every replication of every run. */
  visitors: number;
  /** Events over every replication of every run. */
  events: number;
  /** Peak memory of one simulating thread, bytes (a rough upper estimate). */
  memoryBytesPerWorker: number;
}

const meanOf = (spec: DistributionSpec) => sampler(spec).mean;

/**
 * Estimates the work of `runs` runs of `replications` replications of `scenario`: the expected
 * arrivals (rate windows × promotions over the horizon; daily multipliers have mean 1), retries
 * after abandoning (at most 1 + s + … + s^max attempts each, as if every attempt were abandoned),
 * returning visitors (a share s comes back 1/(1 − s) times in all), their rounds' events, and the agents'
 * shift changes through the drain.
 * @example estimateWork(scenario, { replications: 10 }).visitors // e.g. 21140
 */
export function estimateWork(scenario: Scenario, options: { replications?: number; runs?: number } = {}): WorkEstimate {
  const replications = options.replications ?? scenario.replications;
  const runs = options.runs ?? 1;
  let visitors = 0;
  let conversationEvents = 0;
  let roundsWeighted = 0;
  for (const g of scenario.groups) {
    let arrivals = 0;
    for (const s of rateSegments(g, scenario.horizonSec)) arrivals += s.ratePerSec * (s.endAt - s.startAt);
    const share = g.returning?.share ?? 0;
    // retries: at most 1 + s + … + s^max attempts a visitor (all of them abandoning, an upper bound)
    const r = g.retry;
    const attempts = r === undefined ? 1 : r.share < 1 ? (1 - r.share ** (r.max + 1)) / (1 - r.share) : r.max + 1;
    const n = share < 1 ? (arrivals * attempts) / (1 - share) : Infinity;
    const rounds = Math.max(1, meanOf(g.rounds));
    visitors += n;
    conversationEvents += n * (EVENTS_PER_CONVERSATION + rounds);
    roundsWeighted += n * rounds;
  }
  const days = (scenario.horizonSec + scenario.drainSec) / DAY_SEC;
  let shiftEvents = 0;
  for (const a of scenario.agents) {
    const perDay = Math.max(1, a.shifts.reduce((s, x) => s + 1 + (x.breaks?.length ?? 0), 0));
    shiftEvents += rosterSize(a) * Math.ceil(days + 1) * perDay * 2;
  }
  const eventsPerReplication = conversationEvents + shiftEvents;
  const meanRounds = visitors > 0 ? roundsWeighted / visitors : 1;
  return {
    visitorsPerReplication: visitors,
    eventsPerReplication,
    replications,
    runs,
    visitors: visitors * replications * runs,
    events: eventsPerReplication * replications * runs,
    memoryBytesPerWorker: BASE_MEMORY_BYTES + visitors * (MEMORY_PER_VISITOR_BYTES + MEMORY_PER_ROUND_BYTES * meanRounds),
  };
}

/** Why a run over budget is refused: which budget, by how much. */
export type BudgetExcess =
  | { kind: 'visitors'; estimate: number; limit: number }
  | { kind: 'events'; estimate: number; limit: number };

/**
 * The budget an estimate exceeds (visitors first, then events at {@link EVENTS_PER_BUDGET_VISITOR}
 * per visitor of the budget), or null when it fits.
 * @example overBudget(estimateWork(scenario), DEFAULT_MAX_VISITORS) // null
 */
export function overBudget(estimate: WorkEstimate, maxVisitors: number = DEFAULT_MAX_VISITORS): BudgetExcess | null {
  if (!(estimate.visitors <= maxVisitors)) return { kind: 'visitors', estimate: estimate.visitors, limit: maxVisitors };
  const maxEvents = maxVisitors * EVENTS_PER_BUDGET_VISITOR;
  if (!(estimate.events <= maxEvents)) return { kind: 'events', estimate: estimate.events, limit: maxEvents };
  return null;
}
