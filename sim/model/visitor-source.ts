// Where the run's visitors come from, one at a time in arrival order: drawn from the random streams
// (each group's arrival process merged, groups in index order at equal instants, the draws of
// visitor-draws.ts), or read from a trace (the kernel's TraceVisitor, pulled lazily, so a trace of
// millions of visitors runs in bounded memory). Both fill the same Visitor, so the run loop cannot
// tell them apart; `traceVisitor` turns a drawn one into a trace line's visitor.
// Imports only sim/engine, the kernel and the model's own files.

import type { Scenario } from '../../core/scenario.js';
import type { TraceRetry, TraceReturn, TraceVisit, TraceVisitor } from '../../core/trace.js';
import { ModelError } from '../../core/errors.js';
import { ReturnDraw, agentSlot, drawnLog, patienceOf, roundsOf, visitorSlot, wrapUpSlot } from './conversation.js';
import { buildGroup, policyOf, type GroupRuntime } from './groups.js';
import { RandomStreams } from '../engine/random.js';
import { DEFLECTED, DEFLECTED_FOLLOWS_UP, NOT_DEFLECTED, drawClass, drawDeflection, drawLeaver, drawLog, drawNoReplyNeeded, drawFollowingVisits } from './visitor-draws.js';

/** One visitor as the run loop takes it (reused: the source fills it in at each `take`). */
export class Visitor {
  /** Arrival instant, seconds. */
  at = 0;
  /** Skill-group index. */
  group = 0;
  /** The drawn log (see `drawnLog`): patience as a duration, the rounds' base durations. A new array each visitor. */
  log: number[] = [];
  classIndex = 0;
  /** NOT_DEFLECTED, DEFLECTED or DEFLECTED_FOLLOWS_UP (visitor-draws.ts). */
  deflection = NOT_DEFLECTED;
  leaver = false;
  noReplyNeeded = false;
  /** The visits the visitor comes back for if served; null: none. */
  returns: ReturnDraw | null = null;
  /** The retries the visitor makes if they abandon in queue; null: none. */
  retries: ReturnDraw | null = null;
}

/** The run's visitors in arrival order. */
export interface VisitorSource {
  /** Arrival instant of the next visitor, seconds (below the horizon); Infinity when there are no more. */
  nextAt: number;
  /** Fills `v` with the visitor arriving at `nextAt` and moves on to the next one. */
  take(v: Visitor): void;
}

/** Visitors drawn from each group's streams (see visitor-draws.ts): the simulator's own. */
export class DrawnVisitors implements VisitorSource {
  nextAt = Infinity;
  private nextGroup = -1;
  /** Next arrival instant of each group (Infinity when done). */
  private readonly next: Float64Array;

  constructor(private readonly groups: readonly GroupRuntime[], private readonly horizon: number) {
    this.next = new Float64Array(groups.length);
    for (let gi = 0; gi < groups.length; gi++) {
      const t = groups[gi].process.next();
      this.next[gi] = t < horizon ? t : Infinity;
    }
    this.refresh();
  }

  /** The earliest next arrival, the lowest group index at equal instants. */
  private refresh(): void {
    const next = this.next;
    let t = Infinity;
    let g = -1;
    for (let i = 0; i < next.length; i++) {
      if (next[i] < t) {
        t = next[i];
        g = i;
      }
    }
    this.nextAt = t;
    this.nextGroup = g;
  }

  take(v: Visitor): void {
    const gi = this.nextGroup;
    const g = this.groups[gi];
    const at = this.nextAt;
    const t = g.process.next();
    this.next[gi] = t < this.horizon ? t : Infinity;
    this.refresh();
    v.at = at;
    v.group = gi;
    v.deflection = drawDeflection(g);
    // the class first: patience may depend on it (each from its own stream, so the order of the two
    // calls changes no draw)
    v.classIndex = g.classRng !== null ? drawClass(g) : 0;
    v.log = drawLog(g, g, v.classIndex, at);
    v.leaver = g.leaveMessage !== null ? drawLeaver(g) : false;
    v.noReplyNeeded = g.noReplyRng !== null ? drawNoReplyNeeded(g) : false;
    v.returns = g.returning !== null ? drawFollowingVisits(g, g.returning, Infinity, at, this.horizon, v.classIndex) : null;
    v.retries = g.retry !== null ? drawFollowingVisits(g, g.retry, g.retry.max, at, this.horizon, v.classIndex) : null;
  }
}

/** The drawn log of a trace's visit (see `drawnLog`). */
function logOf(v: TraceVisit): number[] {
  const rounds = v.replySec.length;
  const log = drawnLog(rounds, v.patienceSec);
  log[agentSlot(0)] = v.replySec[0];
  for (let k = 1; k < rounds; k++) {
    log[visitorSlot(k)] = v.thinkSec[k - 1];
    log[agentSlot(k)] = v.replySec[k];
  }
  log[wrapUpSlot(rounds)] = v.wrapUpSec;
  return log;
}

/** A trace's visit from a drawn log (the inverse of {@link logOf}). */
function visitOf(log: readonly number[]): TraceVisit {
  const rounds = roundsOf(log);
  const replySec: number[] = [log[agentSlot(0)]];
  const thinkSec: number[] = [];
  for (let k = 1; k < rounds; k++) {
    thinkSec.push(log[visitorSlot(k)]);
    replySec.push(log[agentSlot(k)]);
  }
  return { patienceSec: patienceOf(log), replySec, thinkSec, wrapUpSec: log[wrapUpSlot(rounds)] };
}

/**
 * Visitors read from a trace, pulled one ahead of the run (the next arrival must be known). Checks
 * what the run relies on (arrival order, instants below the horizon, group indices) with a
 * ModelError; the trace decoder has checked the rest.
 */
export class TraceVisitors implements VisitorSource {
  nextAt = Infinity;
  private pending: TraceVisitor | null = null;
  private readonly it: Iterator<TraceVisitor>;
  private count = 0;

  constructor(visitors: Iterable<TraceVisitor>, private readonly groups: number, private readonly horizon: number) {
    this.it = visitors[Symbol.iterator]();
    this.pull();
  }

  private pull(): void {
    const n = this.it.next();
    if (n.done) {
      this.pending = null;
      this.nextAt = Infinity;
      return;
    }
    const v = n.value;
    const where = `trace visitor ${this.count + 1}`;
    if (!(v.at >= 0 && v.at < this.horizon)) throw new ModelError(`${where}: arrival ${v.at} is not in [0, horizon ${this.horizon})`);
    if (this.pending !== null && v.at < this.pending.at) throw new ModelError(`${where}: arrival ${v.at} is before the previous visitor's ${this.pending.at}`);
    if (!(Number.isInteger(v.group) && v.group >= 0 && v.group < this.groups)) throw new ModelError(`${where}: group ${v.group} is not a skill-group index`);
    this.count++;
    this.pending = v;
    this.nextAt = v.at;
  }

  take(out: Visitor): void {
    const v = this.pending!;
    out.at = v.at;
    out.group = v.group;
    out.log = logOf(v);
    out.classIndex = v.class ?? 0;
    out.deflection = v.deflection === 'deflected' ? DEFLECTED : v.deflection === 'followsUp' ? DEFLECTED_FOLLOWS_UP : NOT_DEFLECTED;
    out.leaver = v.leavesMessage === true;
    out.noReplyNeeded = v.noReplyNeeded === true;
    let returns: ReturnDraw | null = null;
    const list = v.returns ?? [];
    for (let i = list.length - 1; i >= 0; i--) returns = new ReturnDraw(list[i].afterSec, logOf(list[i]), returns);
    out.returns = returns;
    out.retries = chainOf(v.retries);
    this.pull();
  }
}

/**
 * The trace line's visitor of a drawn visitor (before the run uses its log), optional fields only
 * for the mechanisms of its group (`classes`: whether the scenario has priority classes).
 */
export function traceVisitor(v: Visitor, scenario: Scenario): TraceVisitor {
  const g = scenario.groups[v.group];
  const out: TraceVisitor = { at: v.at, group: v.group, ...visitOf(v.log) };
  if ((scenario.classes?.length ?? 0) > 0) out.class = v.classIndex;
  if (v.deflection !== NOT_DEFLECTED) out.deflection = v.deflection === DEFLECTED ? 'deflected' : 'followsUp';
  if (v.leaver) out.leavesMessage = true;
  if (v.noReplyNeeded) out.noReplyNeeded = true;
  if (g.returning !== undefined && v.returns !== null) {
    const returns: TraceReturn[] = [];
    for (let r: ReturnDraw | null = v.returns; r !== null; r = r.next) returns.push({ afterSec: r.afterSec, ...visitOf(r.log) });
    out.returns = returns;
  }
  if (g.retry !== undefined && v.retries !== null) {
    const retries: TraceRetry[] = [];
    for (let r: ReturnDraw | null = v.retries; r !== null; r = r.next) retries.push({ afterSec: r.afterSec, ...visitOf(r.log) });
    out.retries = retries;
  }
  return out;
}

/** The chain of a trace's retries (null: none). */
function chainOf(list: readonly TraceRetry[] | undefined): ReturnDraw | null {
  let out: ReturnDraw | null = null;
  if (list !== undefined) for (let i = list.length - 1; i >= 0; i--) out = new ReturnDraw(list[i].afterSec, logOf(list[i]), out);
  return out;
}

/**
 * The visitors replication seed `seed` draws for `scenario`, as trace visitors, in the order a run
 * takes them: no simulation (the draws do not depend on it), one visitor in memory at a time.
 * @example for (const v of drawnVisitors(scenario, replicationSeed('1', 1))) out.write(encodeTraceVisitor(v) + '\n');
 */
export function* drawnVisitors(scenario: Scenario, seed: string): Generator<TraceVisitor> {
  const streams = new RandomStreams(seed);
  const groups = scenario.groups.map((g) => buildGroup(scenario, g, streams, undefined, policyOf));
  const source = new DrawnVisitors(groups, scenario.horizonSec);
  const v = new Visitor();
  while (source.nextAt < Infinity) {
    source.take(v);
    yield traceVisitor(v, scenario);
  }
}
