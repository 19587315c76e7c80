// Staffing search: the fewest agents per interval of the day such that every target holds in every
// interval with arrivals, found by simulation. It starts from the Erlang A answer, raises the
// intervals that miss, then lowers intervals while every target still holds, and ends with a pass
// proving each interval minimal (one agent fewer there misses a target). Beside it the Erlang C,
// Erlang A and concurrency-factor estimates. Pure; must not import cli/.

import type { AgentGroup, DistributionSpec, Scenario, Shift, SkillGroup } from '../../core/scenario.js';
import { erlangA, erlangC, type ErlangResult } from '../analytic/erlang.js';
import { sampler } from '../engine/distributions.js';
import { rateSegments } from '../model/arrivals.js';
import { DAY_SEC } from '../../core/units.js';
import { estimateMetric, type RunMetrics } from '../../core/metrics/index.js';
import { runReplications } from './run.js';
import { meets, type Target } from '../../core/metrics/targets.js';
import { StaffError } from '../../core/errors.js';
import { MSG } from '../../scenarios/messages.js';
import type { FormulaEstimates, StaffInterval, StaffResult } from '../../core/documents.js';
export type { FormulaEstimates, StaffInterval, StaffResult } from '../../core/documents.js';
export { StaffError } from '../../core/errors.js';

/**
 * Shortest staffing interval, seconds: each interval is searched apart (one roster simulated per
 * step), so a day of 1-minute intervals (1440) ran past two minutes and 3 GB; 15 minutes gives 96.
 */
export const MIN_STAFF_INTERVAL_SEC = 15 * 60;

/**
 * How a metric moves as agents are added, other things equal: `up` (serviceLevel, connectionRate),
 * `down` (waits, abandonment, and also occupancy, utilisation, chats per agent-hour). Metrics
 * missing here have no dependable direction.
 */
export const STAFFING_DIRECTION: Readonly<Record<string, 'up' | 'down'>> = Object.freeze({
  answered: 'up', connectionRate: 'up', serviceLevel: 'up', responseRate24h: 'up', agentsOnlineMean: 'up',
  abandonedInQueue: 'down', abandonedAfterAssign: 'down', unanswered: 'down', abandonRate: 'down', abandonAfterAssignRate: 'down',
  frtMean: 'down', frtP50: 'down', frtP90: 'down', frtP95: 'down', frtP99: 'down', avgResponseTime: 'down',
  queuedRate: 'down', queueWaitMean: 'down', queueWaitMeanAll: 'down', queuePlacementRate: 'down', timeToAbandonMean: 'down',
  leftMessageRate: 'down', aboutToExpire: 'down', queueLengthMean: 'down',
  occupancy: 'down', utilisation: 'down', chatsPerAgentHour: 'down',
});

/**
 * Whether more agents help a target (`more`), or only fewer can meet it (`fewer`: `occupancy >=
 * 90%`), or the metric has no direction (`undefined`).
 * @example targetNeeds(parseTarget('occupancy >= 90%').target) // 'fewer'
 */
export function targetNeeds(t: Target): 'more' | 'fewer' | undefined {
  const dir = Object.prototype.hasOwnProperty.call(STAFFING_DIRECTION, t.metric) ? STAFFING_DIRECTION[t.metric] : undefined;
  if (dir === undefined) return undefined;
  const atLeast = t.op === '>=' || t.op === '>';
  return (dir === 'up') === atLeast ? 'more' : 'fewer';
}

/** Per-interval agent counts, index = interval of the day. */
export type Staffing = number[];

export interface StaffOptions {
  targets: readonly Target[];
  /** Length of a staffing interval, seconds; must divide a day. Default: the scenario's interval. */
  intervalSec?: number;
  /** The agent group whose kind of agent is staffed (skills, cap, speed…). Default: see `defaultTemplate`. */
  template?: string;
  seed?: string;
  replications?: number;
  warmupSec?: number;
  /** Most agents in one interval; intervals that still miss there are reported unreachable. */
  maxAgents?: number;
  /**
   * Shortest shift an agent may work, seconds (a multiple of the interval; 0 = any). The roster's
   * shifts are lengthened (and short gaps between two shifts filled) to honour it; the per-interval
   * minimum is reported beside the roster's counts.
   */
  minShiftSec?: number;
  /** Called after each evaluation of a candidate roster, with how many so far. */
  onEvaluation?: (count: number) => void;
}

/**
 * The first agent group that serves every skill group, or undefined.
 * @example defaultTemplate(scenario)?.id // 'senior'
 */
export function defaultTemplate(scenario: Scenario): AgentGroup | undefined {
  return scenario.agents.find((a) => scenario.groups.every((g) => a.skills.includes(g.id)));
}

const mean = (spec: DistributionSpec) => sampler(spec).mean;

/** Mean time a chat holds an agent's slot: first reply, later rounds (think + reply), wrap-up. */
export function holdingTime(scenario: Scenario, template: AgentGroup, weights: readonly number[]): number {
  let sum = 0;
  let w = 0;
  scenario.groups.forEach((g, i) => {
    const rounds = Math.max(1, mean(g.rounds));
    const d = mean(g.service.firstReply) / template.speed + (rounds - 1) * (mean(g.thinkTime) + mean(g.service.nextReply) / template.speed) + mean(g.service.wrapUp);
    sum += weights[i] * d;
    w += weights[i];
  });
  return w > 0 ? sum / w : 0;
}

/** Mean arrival rate (per second) of each skill group in each interval of the day, averaged over days. */
export function intervalRates(scenario: Scenario, intervalSec: number): number[][] {
  const k = DAY_SEC / intervalSec;
  return scenario.groups.map((g) => {
    const out = new Array<number>(k).fill(0);
    for (const s of rateSegments(g, scenario.horizonSec)) {
      let a = s.startAt;
      while (a < s.endAt) {
        const day = Math.floor(a / DAY_SEC);
        const i = Math.floor((a - day * DAY_SEC) / intervalSec);
        const b = Math.min(s.endAt, day * DAY_SEC + (i + 1) * intervalSec);
        out[i] += (s.ratePerSec * (b - a)) / intervalSec / scenario.days;
        a = b;
      }
    }
    return out;
  });
}

/** The Erlang measure a target's metric corresponds to, when there is one. */
function formulaValue(metric: string, r: ErlangResult): number | undefined {
  switch (metric) {
    case 'serviceLevel': return r.serviceLevel;
    case 'abandonRate': return r.pAbandon;
    case 'queuedRate': return r.pWait;
    case 'queueWaitMeanAll': return r.meanWait;
    case 'queueWaitMean': return r.meanWaitQueued;
    case 'connectionRate': return 1 - r.pAbandon;
    default: return undefined;
  }
}

/**
 * The fewest agents for which `measure(n)` meets every target the formulas can judge (null when
 * none can, or when `limit` agents do not suffice).
 */
function smallestAgents(targets: readonly Target[], ratePerSec: number, limit: number, measure: (n: number) => ErlangResult): number | null {
  const judged = targets.filter((t) => formulaValue(t.metric, measure(1)) !== undefined);
  if (judged.length === 0) return null;
  if (ratePerSec <= 0) return 0;
  for (let n = 1; n <= limit; n++) {
    const r = measure(n);
    if (judged.every((t) => meets(formulaValue(t.metric, r), t))) return n;
  }
  return null;
}

/** The three formula estimates for one interval. */
export function formulaEstimates(targets: readonly Target[], ratePerSec: number, holdingSec: number, patienceSec: number, cap: number, slTimeSec: number, limit: number): FormulaEstimates {
  if (ratePerSec <= 0 || !(holdingSec > 0)) return { erlangC: ratePerSec <= 0 ? 0 : null, erlangA: ratePerSec <= 0 ? 0 : null, concurrencyFactor: ratePerSec <= 0 ? 0 : null };
  const base = { ratePerSec, slTimeSec };
  const c = smallestAgents(targets, ratePerSec, limit, (n) => erlangC({ ...base, ahtSec: holdingSec, servers: n * cap }));
  const a = Number.isFinite(patienceSec) && patienceSec > 0
    ? smallestAgents(targets, ratePerSec, limit, (n) => erlangA({ ...base, ahtSec: holdingSec, servers: n * cap, patienceSec }))
    : c;
  const f = smallestAgents(targets, ratePerSec, limit, (n) => erlangC({ ...base, ahtSec: holdingSec / cap, servers: n }));
  return { erlangC: c, erlangA: a, concurrencyFactor: f };
}

/**
 * Agents stacked in layers: layer k (from 1) works every interval that needs at least k agents.
 * @example layers([0, 2, 1]) // [[false, true, true], [false, true, false]]
 */
export function layers(staffing: Staffing): boolean[][] {
  const max = Math.max(0, ...staffing);
  const out: boolean[][] = [];
  for (let k = 1; k <= max; k++) out.push(staffing.map((n) => n >= k));
  return out;
}

/**
 * Makes every layer workable as shifts of at least `minIntervals` intervals: gaps shorter than
 * that between two shifts are filled (no short split shifts), then shifts still shorter are
 * extended forward (backward at the end of the day). Only ever adds time.
 */
export function applyMinShift(layerList: readonly boolean[][], minIntervals: number): boolean[][] {
  if (minIntervals <= 1) return layerList.map((l) => l.slice());
  return layerList.map((layer) => {
    const on = layer.slice();
    const k = on.length;
    // fill short gaps between two runs
    let lastEnd = -1;
    for (let i = 0; i < k; i++) {
      if (!on[i]) continue;
      if (lastEnd >= 0 && i - lastEnd < minIntervals) for (let j = lastEnd; j < i; j++) on[j] = true;
      while (i < k && on[i]) i++;
      lastEnd = i;
    }
    // extend short runs
    for (let i = 0; i < k; i++) {
      if (!on[i]) continue;
      let end = i;
      while (end < k && on[end]) end++;
      if (end - i < minIntervals) {
        const need = minIntervals - (end - i);
        const forward = Math.min(need, k - end);
        for (let j = end; j < end + forward; j++) on[j] = true;
        for (let j = i - 1; j >= Math.max(0, i - (need - forward)); j--) on[j] = true;
        end += forward;
      }
      i = end;
    }
    return on;
  });
}

/** Agents on in each interval: the sum of the layers. */
export function staffingOf(layerList: readonly boolean[][], k: number): Staffing {
  const out = new Array<number>(k).fill(0);
  for (const l of layerList) l.forEach((on, i) => { if (on) out[i]++; });
  return out;
}

/**
 * The roster for layers: each layer's runs of intervals become its daily shifts, and layers with
 * the same shifts are one group. Group ids are `<template>-<n>`.
 */
export function groupsFromLayers(layerList: readonly boolean[][], intervalSec: number, template: AgentGroup): AgentGroup[] {
  const byShifts = new Map<string, { shifts: Shift[]; count: number }>();
  for (const layer of layerList) {
    const shifts: Shift[] = [];
    let start = -1;
    for (let i = 0; i <= layer.length; i++) {
      const on = i < layer.length && layer[i];
      if (on && start < 0) start = i;
      if (!on && start >= 0) {
        shifts.push({ startSec: start * intervalSec, endSec: i * intervalSec });
        start = -1;
      }
    }
    if (shifts.length === 0) continue;
    const key = shifts.map((x) => `${x.startSec}-${x.endSec}`).join(',');
    const entry = byShifts.get(key);
    if (entry) entry.count++;
    else byShifts.set(key, { shifts, count: 1 });
  }
  const out: AgentGroup[] = [];
  let n = 0;
  for (const { shifts, count } of byShifts.values()) out.push({ ...template, id: `${template.id}-${++n}`, count, shifts });
  return out;
}

/**
 * The roster for a staffing: agents stacked in layers (layer k works every interval that needs at
 * least k agents), each layer's runs of intervals as daily shifts, equal layers as one group.
 */
export function rosterGroups(staffing: Staffing, intervalSec: number, template: AgentGroup): AgentGroup[] {
  return groupsFromLayers(layers(staffing), intervalSec, template);
}

interface Evaluation {
  /** Per interval: whether every target holds (true where there are no arrivals). */
  pass: boolean[];
  arrivals: number[];
  metrics: Array<Record<string, number | null>>;
  runs: RunMetrics[];
}

/**
 * Finds the fewest agents per interval meeting every target in every interval with arrivals.
 * @throws StaffError for an interval that does not divide a day or a template that is missing.
 * @example const r = staff(scenario, { targets: [parseTarget('serviceLevel >= 80%').target] });
 */
export function staff(scenario: Scenario, options: StaffOptions): StaffResult {
  const intervalSec = options.intervalSec ?? scenario.intervalSec;
  if (!(intervalSec > 0) || DAY_SEC % intervalSec !== 0) throw new StaffError(`the staffing interval must divide a day (e.g. 15m, 30m, 1h); got ${intervalSec} s`);
  if (options.targets.length === 0) throw new StaffError('give at least one target, e.g. "serviceLevel >= 80%"');
  if (intervalSec < MIN_STAFF_INTERVAL_SEC) throw new StaffError(MSG.staffIntervalTooShort(intervalSec, MIN_STAFF_INTERVAL_SEC));
  const fewer = options.targets.find((t) => targetNeeds(t) === 'fewer');
  if (fewer !== undefined) throw new StaffError(MSG.staffTargetFewer(fewer.text));
  const template = options.template !== undefined
    ? scenario.agents.find((a) => a.id === options.template)
    : defaultTemplate(scenario);
  if (!template) {
    if (options.template !== undefined) throw new StaffError(`no agent group "${options.template}" (groups: ${scenario.agents.map((a) => a.id).join(', ')})`);
    throw new StaffError(`no agent group serves every skill group (${scenario.groups.map((g) => g.id).join(', ')}); name the kind of agent to staff with --template`);
  }
  const missing = scenario.groups.filter((g) => !template.skills.includes(g.id)).map((g) => g.id);
  if (missing.length > 0) throw new StaffError(`agent group "${template.id}" does not serve ${missing.join(', ')}; staffing needs a group that serves every skill group`);

  const k = DAY_SEC / intervalSec;
  const minShiftSec = options.minShiftSec ?? 0;
  if (!(minShiftSec >= 0) || minShiftSec % intervalSec !== 0 || minShiftSec > DAY_SEC) throw new StaffError(`the minimum shift must be a whole number of staffing intervals (${intervalSec / 60} min) up to a day; got ${minShiftSec / 60} min`);
  const seed = options.seed ?? scenario.seed;
  const replications = options.replications ?? scenario.replications;
  const warmupSec = options.warmupSec ?? scenario.warmupSec;
  const cap = template.maxConcurrent;

  // Formulas.
  const rates = intervalRates(scenario, intervalSec);
  const total = rates[0].map((_, i) => rates.reduce((s, g) => s + g[i], 0));
  const weights = rates.map((g) => g.reduce((s, x) => s + x, 0));
  const holdingSec = holdingTime(scenario, template, weights);
  const wSum = weights.reduce((s, x) => s + x, 0);
  const patienceSec = wSum > 0 ? scenario.groups.reduce((s, g, i) => s + weights[i] * mean(g.patience), 0) / wSum : Infinity;
  const peakLoad = Math.max(...total) * holdingSec / cap;
  const maxAgents = options.maxAgents ?? Math.max(10, Math.ceil(peakLoad * 3) + 10);
  const estimates = total.map((rate) => formulaEstimates(options.targets, rate, holdingSec, patienceSec, cap, scenario.slTimeSec, maxAgents));

  // Simulation. Every roster agent serves every skill group directly, so overflow rings (which name
  // the scenario's agent groups) have nothing left to lend and are dropped.
  const base: Scenario = { ...scenario, intervalSec, groups: scenario.groups.map(withoutOverflow) };
  let evaluations = 0;
  // The passes below come back to rosters already judged (a batch that failed, then the same
  // decrements one at a time; the last proving pass): a run is a pure function of the roster and
  // the seed, so each distinct roster is simulated once (webshop day: 7 of 73 were repeats).
  const judged = new Map<string, Evaluation>();
  const evaluate = (staffing: Staffing): Evaluation => {
    const key = staffing.join(',');
    const known = judged.get(key);
    if (known !== undefined) return known;
    const candidate: Scenario = { ...base, agents: rosterGroups(staffing, intervalSec, template) };
    const runs = runReplications(candidate, { seed, replications, warmupSec }).runs;
    evaluations++;
    options.onEvaluation?.(evaluations);
    const e = judge(runs, options.targets, k);
    judged.set(key, e);
    return e;
  };

  const staffing: Staffing = total.map((rate, i) => {
    if (rate <= 0) return 0;
    const e = estimates[i].erlangA ?? estimates[i].erlangC;
    return Math.min(maxAgents, Math.max(1, e ?? Math.ceil((rate * holdingSec) / cap) + 1));
  });
  const unreachable = new Array<boolean>(k).fill(false);

  // 1. Raise every interval that misses until it holds (or reaches maxAgents).
  let ev = evaluate(staffing);
  for (;;) {
    let raised = false;
    for (let i = 0; i < k; i++) {
      if (ev.pass[i] || unreachable[i]) continue;
      if (staffing[i] >= maxAgents) unreachable[i] = true;
      else { staffing[i]++; raised = true; }
    }
    if (!raised) break;
    ev = evaluate(staffing);
  }

  // 2. Lower in batches (even intervals, then odd), keeping every interval that holds holding.
  const okAfter = (e: Evaluation) => e.pass.every((p, i) => p || unreachable[i]);
  const frozen = new Array<boolean>(k).fill(false);
  for (let round = 0; ; round++) {
    let tried = false;
    for (const parity of [0, 1]) {
      const batch = [];
      for (let i = parity; i < k; i += 2) if (!frozen[i] && !unreachable[i] && staffing[i] > 0) batch.push(i);
      if (batch.length === 0) continue;
      tried = true;
      const trial = staffing.slice();
      for (const i of batch) trial[i]--;
      const e = evaluate(trial);
      if (okAfter(e)) {
        staffing.splice(0, k, ...trial);
        ev = e;
        continue;
      }
      // Blame each newly missing interval on itself when it was lowered, else on the nearest lowered one before it.
      const blamed = new Set<number>();
      for (let j = 0; j < k; j++) {
        if (e.pass[j] || unreachable[j]) continue;
        let c = j;
        while (c >= 0 && !batch.includes(c)) c--;
        if (c < 0) c = batch[batch.length - 1];
        blamed.add(c);
      }
      for (const c of blamed) frozen[c] = true;
      const rest = batch.filter((i) => !blamed.has(i));
      if (rest.length === 0) continue;
      const trial2 = staffing.slice();
      for (const i of rest) trial2[i]--;
      const e2 = evaluate(trial2);
      if (okAfter(e2)) {
        staffing.splice(0, k, ...trial2);
        ev = e2;
      }
    }
    if (!tried || round > 4 * maxAgents) break;
  }

  // 3. Prove minimality one interval at a time (and take any decrement that still holds).
  const binding = new Array<boolean>(k).fill(false);
  for (let changed = true; changed;) {
    changed = false;
    for (let i = 0; i < k; i++) {
      if (staffing[i] === 0 || unreachable[i]) continue;
      const trial = staffing.slice();
      trial[i]--;
      const e = evaluate(trial);
      if (okAfter(e)) {
        staffing[i]--;
        ev = e;
        changed = true;
        binding.fill(false);
      } else {
        binding[i] = true;
      }
    }
  }
  // `ev` always holds the evaluation of `staffing` (every accepted change replaced both), and the
  // last pass changed nothing, so every interval with agents was checked on the final roster.
  const rosterLayers = applyMinShift(layers(staffing), minShiftSec / intervalSec);
  const rostered = staffingOf(rosterLayers, k);
  const rosterEv = minShiftSec > 0 ? evaluate(rostered) : ev;
  const okRoster = rosterEv.pass.every((p, i) => p || unreachable[i]);

  const intervals: StaffInterval[] = staffing.map((n, i) => ({
    index: i,
    startSec: i * intervalSec,
    ratePerHour: total[i] * 3600,
    ...estimates[i],
    agents: n,
    rostered: rostered[i],
    binding: binding[i],
    unreachable: unreachable[i],
    arrivals: rosterEv.arrivals[i],
    metrics: rosterEv.metrics[i],
  }));
  const overall: Record<string, number | null> = {};
  for (const t of options.targets) overall[t.metric] = estimateMetric(rosterEv.runs, { kind: 'overall' }, t.metric).mean;
  return {
    template: template.id,
    intervalSec,
    seed,
    replications,
    holdingTimeSec: holdingSec,
    patienceSec,
    intervals,
    roster: groupsFromLayers(rosterLayers, intervalSec, template),
    agentHoursPerDay: staffing.reduce((s, n) => s + n, 0) * intervalSec / 3600,
    rosterAgentHoursPerDay: rostered.reduce((s, n) => s + n, 0) * intervalSec / 3600,
    minShiftSec,
    rosterMeetsTargets: okRoster,
    evaluations,
    overall,
  };
}


function withoutOverflow(g: SkillGroup): SkillGroup {
  if (g.overflow === undefined) return g;
  const { overflow: _dropped, ...rest } = g;
  return rest;
}

/** Per-interval verdicts on the replications: every target on the interval's mean. */
function judge(runs: readonly RunMetrics[], targets: readonly Target[], k: number): Evaluation {
  const pass: boolean[] = [];
  const arrivals: number[] = [];
  const metrics: Array<Record<string, number | null>> = [];
  for (let i = 0; i < k; i++) {
    const arr = estimateMetric(runs, { kind: 'interval', index: i }, 'arrivals').mean ?? 0;
    const values: Record<string, number | null> = {};
    let ok = true;
    for (const t of targets) {
      const v = estimateMetric(runs, { kind: 'interval', index: i }, t.metric).mean;
      values[t.metric] = v;
      if (arr > 0 && !meets(v, t)) ok = false;
    }
    pass.push(ok);
    arrivals.push(arr);
    metrics.push(values);
  }
  return { pass, arrivals, metrics, runs: [...runs] };
}
