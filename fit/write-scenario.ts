// A fit → scenario YAML that reads like a person wrote it: grouped (header, service, classes,
// groups, agents), every estimate commented with the method behind it, values rounded sensibly,
// rate windows merged where the rounded rate does not change, and the staffing profile written as
// layered shifts by day type with its sensitivity range in comments. Pure: returns text.

import type { FitResult, GroupFit, PatienceChoice, PatienceFit, RetryFit, StaffingChoice, TurnFit } from './fit.js';
import { MIN_MOVE, MOVE_Z, RATIO_STEP, movingWindows, type MovingWindow } from './estimators/by-interval.js';
import { MAX_WRAP_GAP_SEC } from './estimators/wrap-up.js';
import { HEAD_START_Z, type HeadStartEstimate } from './estimators/head-start.js';
import { staffingValue } from './fit.js';
import { WEEKDAY_NAMES } from './contacts.js';
import type { HandleFit } from './estimators/handle-time.js';
import { DAY_SEC, formatClock } from '../core/units.js';

export interface WriteOptions {
  name: string;
  /** What the fit read, for the header comment (`01_January.txt.gz, 02_February.txt.gz`). */
  sources: string[];
  patience?: PatienceChoice;
  staffing?: StaffingChoice;
  slTimeSec?: number;
  replications?: number;
  /** Most chats an agent holds (1 for calls). Default 1. */
  maxConcurrent?: number;
}

/** A rate per hour, rounded: whole numbers from 10/h, one decimal below, two below 1/h. */
export function roundRatePerHour(perHour: number): number {
  if (perHour >= 10) return Math.round(perHour);
  if (perHour >= 1) return Math.round(perHour * 10) / 10;
  return Math.round(perHour * 100) / 100;
}

/** Seconds rounded for a scenario: whole seconds from 10 s, one decimal below. */
export function roundSec(sec: number): number {
  return sec >= 10 ? Math.round(sec) : Math.round(sec * 10) / 10;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const grouped = (n: number) => Math.round(n).toLocaleString('en-US');
const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
const daysList = (weekdays: readonly number[]) => `[${weekdays.map((d) => WEEKDAY_NAMES[d]).join(', ')}]`;

/** `sun–thu` style names of a weekday set (Monday = 0), for comments. */
function weekdaysText(weekdays: readonly number[]): string {
  return weekdays.map((d) => WEEKDAY_NAMES[d]).join(', ');
}

function distText(h: HandleFit, unit = 's'): string {
  if (h.kind === 'quantiles') return `{ dist: empirical, quantiles: [${h.points.map(([p, v]) => `[${p}, ${roundSec(v)}]`).join(', ')}] }`;
  return `{ dist: ${h.kind}, mean: ${roundSec(h.mean)}${unit}, cv: ${Math.max(0.001, Math.round(h.cv * 100) / 100)} }`;
}

/** A chat-turn quantity as YAML: a fixed value, or its fitted distribution. */
function turnText(t: TurnFit, unit = 's'): string {
  if ('censored' in t) return `{ dist: empirical, quantiles: [${t.censored.quantiles.map(([q, v]) => `[${q}, ${roundSec(v)}]`).join(', ')}] }`;
  if ('fixed' in t) return unit === '' ? String(Math.max(1, Math.round(t.fixed))) : `${roundSec(t.fixed)}${unit}`;
  return distText(t.fit.chosen, unit);
}

/** How a chat-turn quantity was fitted, for its comment. */
function turnNote(t: TurnFit): string {
  if ('censored' in t) {
    const c = t.censored;
    return `Kaplan–Meier over ${grouped(c.n)} chats, ${grouped(c.censored)} of them censored (left after assignment before a reply), quantiles then an exponential tail; mean ${roundSec(c.mean)}`;
  }
  if ('fixed' in t) return t.n === 0 ? 'not observed' : `the same in all ${grouped(t.n)}`;
  const f = t.fit;
  return `${f.chosen.kind === 'quantiles' ? 'empirical' : f.chosen.kind} by KS over ${grouped(f.n)}, mean ${roundSec(f.mean)}`;
}

/**
 * The scenario YAML of a fit.
 * @example writeFittedScenario(fitLog(log, opts), { name: 'bank', sources: ['jan.txt.gz'] })
 */
export function writeFittedScenario(fit: FitResult, options: WriteOptions): string {
  const patienceChoice = options.patience ?? 'km';
  const staffingChoice = options.staffing ?? 'estimate';
  const L: string[] = [];
  const totalDays = fit.dayTypes.reduce((a, t) => a + t.days.length, 0);
  const ignored = Object.entries(fit.input.ignored).map(([k, v]) => `${grouped(v)} ${k}`).join(', ') || 'none';
  L.push(`# Fitted by \`chatsim fit\` from ${options.sources.join(', ')}:`);
  L.push(`# ${grouped(fit.input.rows)} rows, ${fit.firstDay} to ${fit.lastDay} (${totalDays} days fitted; holidays left out: ${fit.holidaysLeftOut.join(', ') || 'none'}).`);
  L.push(`# ${grouped(fit.input.contacts)} contacts offered to people; rows ignored by rule: ${ignored}; bad rows: ${grouped(fit.input.bad)}.`);
  L.push(`# Day types: ${fit.dayTypes.map((t) => `${t.name} = ${weekdaysText(t.weekdays)} (${plural(t.days.length, 'day')})`).join('; ')}.`);
  L.push('# Each value says how it was estimated. Rates are means per hour over the days of a type.');
  if (fit.groups.every((g) => g.chat === undefined)) {
    L.push('# Calls are written as chats of one round: an agent answers at once, the visitor "thinks" for');
    L.push('# the handle time, and the slot is held exactly that long (maxConcurrent 1).');
  } else {
    L.push('# Reply delays, rounds, think times and wrap-up are read from the conversations\' messages (the');
    L.push('# delays as observed, agents\' load included: the agents are written with speed 1, slowdown 0).');
  }
  L.push('');
  L.push(`name: ${options.name}`);
  L.push(`description: Fitted from ${fit.firstDay} to ${fit.lastDay} (${options.sources.length} log${options.sources.length === 1 ? '' : 's'}).`);
  const startWeekday = fit.dayTypes.length > 0 ? Math.min(...fit.dayTypes.flatMap((t) => t.weekdays)) : 0;
  L.push('days: 7                       # one week of the fitted day types');
  L.push(`startDay: ${WEEKDAY_NAMES[startWeekday]}`);
  L.push('seed: fit');
  L.push(`replications: ${options.replications ?? 10}`);
  L.push(`slTime: ${options.slTimeSec ?? 20}s`);
  L.push(`interval: ${fit.intervalSec % 3600 === 0 ? `${fit.intervalSec / 3600}h` : `${fit.intervalSec / 60}m`}`);
  L.push('policy: least-loaded');
  L.push('');
  L.push('service:');
  L.push('  firstReply: 0                # a person answers the moment an agent takes the call');
  L.push('  nextReply: 0');
  if (fit.wrapUp !== undefined) {
    const w = fit.wrapUp.fit;
    L.push(`  # after-call work and connecting: the gap an agent left between a call's end and the next call,`);
    L.push(`  # when that call was already waiting (gaps up to ${MAX_WRAP_GAP_SEC} s; longer ones are breaks): ${grouped(w.n)} gaps,`);
    L.push(`  # median ${roundSec(fit.wrapUp.median)} s, mean ${roundSec(w.mean)} s; chosen by KS like the handle times. Staffing counts it as busy.`);
    L.push(`  wrapUp: ${distText(w.chosen)}`);
  } else L.push('  wrapUp: 0                    # the logs record no after-call work');
  L.push('');
  if (fit.classes.length > 0) {
    L.push(fit.classesAmongQueued
      ? '# Priority classes: share among the contacts that queued (whether a contact queues does not depend on its class,\n# and a log may record the class only of those that did); priority = head start in seconds of waiting'
      : '# Priority classes: share of all contacts fitted; priority = head start in seconds of waiting');
    L.push('# (aging 1/s: a class with priority 90 is served as if it had waited 90 s longer).');
    for (const line of headStartComment(fit)) L.push(line);
    L.push('classes:');
    for (const c of fit.classes) L.push(`  ${c.id}: { share: ${Math.round(c.share * 1000) / 1000}${c.headStartSec > 0 ? `, priority: ${c.headStartSec}` : ''} }`);
    fixShares(L, fit.classes.length);
    L.push('aging: 1/s');
    L.push('');
  }
  L.push('groups:');
  for (const g of fit.groups) writeGroup(L, g, fit, patienceChoice);
  writeAgents(L, fit, staffingChoice, options.maxConcurrent ?? fit.maxConcurrent ?? 1);
  return L.join('\n') + '\n';
}

/** One estimate as text: `H = 90 s (80 to 100 s) orders 93.1 % of 12,345 pairs, first come first served 80.0 % (McNemar z 41)`. */
export function headStartText(e: HeadStartEstimate): string {
  const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
  return `H = ${Math.round(e.sec)} s (${Math.round(e.lo)} to ${Math.round(e.hi)} s) orders ${pct(e.agreement)} of ${grouped(e.pairs)} pairs, first come first served ${pct(e.fcfsAgreement)} (McNemar z ${e.z.toFixed(1)})`;
}

/** What the order of service says of the head starts, and where each written one came from. */
function headStartComment(fit: FitResult): string[] {
  const hs = fit.headStart;
  const L: string[] = [];
  const mapped = fit.classes.filter((c) => c.headStartFrom === 'mapping');
  if (mapped.length > 0) L.push(`# Head start from the mapping: ${mapped.map((c) => `${c.id} ${c.headStartSec} s`).join(', ')}${hs !== undefined ? ' (written over what the data says, below)' : ''}.`);
  if (hs === undefined) return L;
  L.push(`# Head start from the order queued contacts were taken: at each service start, the up to ${hs.maxCompetitors} longest-waiting`);
  L.push('# contacts of the other class still waiting (same day, all groups: the agents serve every group) bound it; H is');
  L.push(`# the value ordering the most such pairs, written where it beats first come first served by McNemar z > ${HEAD_START_Z}.`);
  for (const b of hs.byClass) {
    const e = b.estimate;
    const what = e === undefined ? 'no pairs' : `${headStartText(e)}${b.shows ? '' : ': not shown, none written'}`;
    L.push(`#   ${b.id} over ${b.over}: ${what}`);
  }
  return L;
}

/** Makes the last `n` class-share lines add up to exactly 1 after rounding (the validator checks 1e-9). */
function fixShares(L: string[], n: number): void {
  const lines = L.slice(L.length - n);
  const shares = lines.map((l) => Number(/share: ([0-9.]+)/.exec(l)![1]));
  const sum = shares.slice(0, -1).reduce((a, b) => a + b, 0);
  const last = Math.round((1 - sum) * 1000) / 1000;
  L[L.length - 1] = L[L.length - 1].replace(/share: [0-9.]+/, `share: ${last}`);
}

function writeGroup(L: string[], g: GroupFit, fit: FitResult, patienceChoice: PatienceChoice): void {
  L.push(`  ${g.id}:`);
  L.push(`    # ${grouped(g.contacts)} contacts offered in ${fit.dayTypes.reduce((a, t) => a + t.days.length, 0)} days`);
  L.push('    arrivals:');
  const perType = fit.dayTypes.map((t) => `${t.name} ${g.daily[t.name].cv.toFixed(2)} (${plural(g.daily[t.name].days, 'day')})`).join(', ');
  L.push(`      dailyCv: ${Math.max(0.01, Math.round(g.dailyCv * 100) / 100)}   # day-to-day cv beyond Poisson, moments of the daily totals: ${perType}`);
  L.push('      rates:                   # mean per interval over the days of the type; the 95 % CI in the comment');
  for (const t of fit.dayTypes) {
    const rates = g.rates[t.name];
    const windows: Array<{ from: number; to: number; perHour: number; lo: number; hi: number }> = [];
    rates.forEach((r, i) => {
      const perHour = roundRatePerHour(r.ratePerSec * 3600);
      if (perHour <= 0) return;
      const last = windows[windows.length - 1];
      const from = i * fit.intervalSec;
      if (last !== undefined && last.to === from && last.perHour === perHour) {
        last.to = from + fit.intervalSec;
        last.lo = Math.min(last.lo, r.lowPerSec * 3600);
        last.hi = Math.max(last.hi, r.highPerSec * 3600);
      } else windows.push({ from, to: from + fit.intervalSec, perHour, lo: r.lowPerSec * 3600, hi: r.highPerSec * 3600 });
    });
    if (windows.length === 0) continue;
    L.push(`        # ${t.name} (${plural(t.days.length, 'day')})`);
    for (const w of windows) {
      L.push(`        - { from: "${formatClock(w.from)}", to: "${formatClock(Math.min(DAY_SEC, w.to))}", rate: ${w.perHour}/h, days: ${daysList(t.weekdays)} }   # ${roundRatePerHour(w.lo)}–${roundRatePerHour(w.hi)}`);
    }
  }
  const chatGroup = g.chat !== undefined;
  const windows = chatGroup
    ? movingWindows(g.byInterval.handle.map((h) => ({ ...h, ratio: 1 })), g.byInterval.patience, fit.intervalSec)
    : g.byInterval.windows;
  const p = g.patience;
  const e = p.exponential;
  const abandoned = e.abandoned;
  const src = p.pooled ? 'all groups pooled (too few contacts of its own)' : `${grouped(p.n)} waits`;
  L.push(`    # patience, from ${src}: ${grouped(abandoned)} abandoned (${pct(abandoned / Math.max(1, p.n))}), the answered ones censored at their wait.`);
  L.push(`    #   exponential by maximum likelihood: mean ${roundSec(e.meanSec)}s (95 % CI ${roundSec(e.lowSec)}–${roundSec(e.highSec)} s)`);
  L.push('    #   Kaplan–Meier: quantiles [p, seconds] while ≥ 30 are at risk, then an exponential tail');
  if (g.classPatience !== undefined) {
    L.push(`    #   by class (exponential MLE): ${Object.entries(g.classPatience).map(([k, v]) => `${k} ${Number.isFinite(v.meanSec) ? `${roundSec(v.meanSec)}s (${grouped(v.abandoned)} abandoned)` : 'never left'}`).join(', ')}`);
  }
  const km = `{ dist: empirical, quantiles: [${p.quantiles.map(([q, v]) => `[${q}, ${roundSec(v)}]`).join(', ')}] }`;
  const ex = Number.isFinite(e.meanSec) ? `{ dist: exponential, mean: ${roundSec(e.meanSec)}s }` : 'none';
  if (patienceChoice === 'km' || !Number.isFinite(e.meanSec)) {
    L.push(`    patience: ${Number.isFinite(e.meanSec) ? km : 'none'}`);
    if (Number.isFinite(e.meanSec)) L.push(`    # patience: ${ex}   # the exponential alternative (--patience exponential)`);
  } else {
    L.push(`    patience: ${ex}`);
    L.push(`    # patience: ${km}   # the Kaplan–Meier alternative (--patience km)`);
  }
  if (g.classPatienceFit !== undefined) {
    L.push(`    classPatience:             # a class's own where its exponential MLE differs from the group's by > ${MOVE_Z} standard errors and ≥ ${Math.round(MIN_MOVE * 100)} %`);
    for (const [k, cp] of Object.entries(g.classPatienceFit)) {
      const ce = cp.exponential;
      L.push(`      # ${k}: ${grouped(ce.abandoned)} of ${grouped(cp.n)} abandoned; exponential MLE ${roundSec(ce.meanSec)}s (95 % CI ${roundSec(ce.lowSec)}–${roundSec(ce.highSec)} s)${patienceChoice === 'km' ? ', written as its Kaplan–Meier quantiles' : ''}`);
      L.push(`      ${k}: ${patienceText(cp, patienceChoice)}`);
    }
  }
  const h = g.handle;
  const ks = h.candidates.map((c) => `${c.kind === 'quantiles' ? 'empirical' : c.kind} ${c.ks.toFixed(3)}`).join(', ');
  if (g.chat !== undefined) {
    const c = g.chat;
    L.push(`    # each agent slot was held ${roundSec(h.mean)} s on average (95 % CI ${roundSec(h.meanLow)}–${roundSec(h.meanHigh)} s) over ${grouped(h.n)} chats`);
    L.push('    service:                   # each chosen by Kolmogorov–Smirnov among lognormal, gamma and empirical, the mean kept');
    L.push(`      firstReply: ${turnText(c.firstReply)}   # assignment → first manual reply: ${turnNote(c.firstReply)}`);
    L.push(`      nextReply: ${turnText(c.nextReply)}   # visitor message → reply, later rounds: ${turnNote(c.nextReply)}`);
    L.push(`      wrapUp: ${turnText(c.wrapUp)}   # close → slot free: ${turnNote(c.wrapUp)}`);
    L.push(`    rounds: ${turnText(c.rounds, '')}   # visitor messages per served chat: ${turnNote(c.rounds)}`);
    L.push(`    thinkTime: ${turnText(c.thinkTime)}   # reply → the visitor's next message: ${turnNote(c.thinkTime)}`);
  } else {
    L.push('    rounds: 2                  # the answer, then the end of the call after the handle time');
    L.push(`    # handle time${h.pooled ? ' (all groups pooled: too few of its own)' : ''}: ${h.chosen.kind === 'quantiles' ? 'empirical quantiles' : h.chosen.kind} with the sample mean, chosen by`);
    L.push(`    # Kolmogorov–Smirnov distance (${ks}) over ${grouped(h.n)} calls; mean ${roundSec(h.mean)} s (95 % CI ${roundSec(h.meanLow)}–${roundSec(h.meanHigh)} s)`);
    L.push(`    thinkTime: ${distText(h.chosen)}`);
  }
  if (g.classShares !== undefined) {
    const entries = Object.entries(g.classShares).map(([k, v]) => [k, Math.round(v * 1000) / 1000] as [string, number]);
    const sum = entries.slice(0, -1).reduce((a, [, v]) => a + v, 0);
    if (entries.length > 0) entries[entries.length - 1][1] = Math.round((1 - sum) * 1000) / 1000;
    L.push(`    classShares: { ${entries.map(([k, v]) => `${k}: ${v}`).join(', ')} }   # this group's share of each class${g.sharesAmongQueued ? ', among the contacts that queued (the class only acts in the queue)' : ''}`);
  }
  if (windows.length > 0) writeWindows(L, g, windows, patienceChoice);
  if (g.retry !== undefined) writeRetry(L, g.retry);
  else if (g.retryNote !== undefined) L.push(`    # no retries written: ${g.retryNote}`);
  L.push('');
}

/** A duration for a comment: `45 min`, `2 h`, `90 s`. */
function durationText(sec: number): string {
  if (sec >= 3600 && sec % 3600 === 0) return `${sec / 3600} h`;
  if (sec >= 60 && sec % 60 === 0) return `${sec / 60} min`;
  return `${roundSec(sec)} s`;
}

function writeRetry(L: string[], r: RetryFit): void {
  const w = durationText(r.windowSec);
  const d = r.delay;
  const ks = d.candidates.map((c) => `${c.kind === 'quantiles' ? 'empirical' : c.kind} ${c.ks.toFixed(3)}`).join(', ');
  L.push(`    # retries: of ${grouped(r.eligible)} abandoned contacts naming their visitor (${grouped(r.identified)} of ${grouped(r.abandoned)} abandoned do;`);
  L.push(`    # those within ${w} of the log's end left out), ${grouped(r.retried)} came back in this group within ${w} of leaving:`);
  L.push(`    # share ${pct(r.share.share)} (95 % Wilson CI ${pct(r.share.low)}–${pct(r.share.high)})${Number.isFinite(r.servedAgain) ? `; served visitors call again within ${w} ${pct(r.servedAgain)} of the time` : ''}.`);
  L.push(`    # The delay from leaving to coming back: ${d.chosen.kind === 'quantiles' ? 'empirical quantiles' : d.chosen.kind} with the sample mean, by Kolmogorov–Smirnov`);
  L.push(`    # (${ks}); mean ${roundSec(d.mean)} s (95 % CI ${roundSec(d.meanLow)}–${roundSec(d.meanHigh)} s). max: the longest run of retries seen.`);
  L.push(`    # The arrivals above leave out the ${grouped(r.leftOut)} retries (each identified one × ${r.weight.toFixed(2)} for the abandoned not identified).`);
  L.push(`    retry: { share: ${Math.round(r.share.share * 1000) / 1000}, after: ${distText(d.chosen)}, max: ${Math.min(100, r.max)} }`);
}

/** A patience fit as YAML: its Kaplan–Meier quantiles or its exponential MLE, times `ratio`. */
function patienceText(p: PatienceFit, choice: PatienceChoice, ratio = 1): string {
  const e = p.exponential;
  if (!Number.isFinite(e.meanSec)) return 'none';
  if (choice === 'exponential') return `{ dist: exponential, mean: ${roundSec(e.meanSec * ratio)}s }`;
  return `{ dist: empirical, quantiles: [${p.quantiles.map(([q, v]) => `[${q}, ${roundSec(v * ratio)}]`).join(', ')}] }`;
}

/** A handle-time fit with every value times `ratio` (the shape kept). */
function scaledHandle(h: HandleFit, ratio: number): HandleFit {
  if (h.kind === 'quantiles') return { ...h, mean: h.mean * ratio, points: h.points.map(([q, v]) => [q, v * ratio]) };
  return { ...h, mean: h.mean * ratio };
}

/** The group's windows of the day where handle time or patience move (see estimators/by-interval.ts). */
function writeWindows(L: string[], g: GroupFit, windows: readonly MovingWindow[], patienceChoice: PatienceChoice): void {
  L.push(`    # by hour of arrival, where the hour's mean differs from the group's by > ${MOVE_Z} standard errors and ≥ ${Math.round(MIN_MOVE * 100)} %:`);
  L.push(`    # the group's distribution${g.classPatienceFit !== undefined ? 's' : ''} scaled by the ratio written (rounded to ${RATIO_STEP}); handle times by sample means, patience by the exponential MLE`);
  L.push('    during:');
  for (const w of windows) {
    L.push(`      - from: "${formatClock(w.fromSec)}"`);
    L.push(`        to: "${formatClock(Math.min(DAY_SEC, w.toSec))}"`);
    if (w.handleRatio !== 1) {
      L.push(`        # handle time × ${w.handleRatio} (${grouped(w.handleN)} calls)`);
      L.push(`        thinkTime: ${distText(scaledHandle(g.handle.chosen, w.handleRatio))}`);
    }
    if (w.patienceRatio !== 1) {
      L.push(`        # patience × ${w.patienceRatio} (${grouped(w.abandoned)} abandoned)`);
      L.push(`        patience: ${patienceText(g.patience, patienceChoice, w.patienceRatio)}`);
      if (g.classPatienceFit !== undefined) {
        L.push('        classPatience:');
        for (const [k, cp] of Object.entries(g.classPatienceFit)) L.push(`          ${k}: ${patienceText(cp, patienceChoice, w.patienceRatio)}`);
      }
    }
  }
}

/** Whether a fitted elasticity of staffing to volume is written: beyond `MOVE_Z` standard errors and at least `MIN_MOVE`. */
export function staffingFollowsVolume(v: { elasticity: number; se: number }): boolean {
  return Number.isFinite(v.se) && v.elasticity / v.se > MOVE_Z && v.elasticity >= MIN_MOVE;
}

/** Staffing is written to this fraction of an interval: 6.5 agents are 6 all the hour and one more for two quarters of it. */
export const STAFFING_PARTS = 4;

/**
 * A staffing profile (agents per interval) as layers: layer k covers the intervals that need at
 * least k agents. Layers with the same spans on every day type become one agent group.
 * Returns the groups as count + shifts (seconds after midnight, with weekdays).
 */
export function layeredShifts(profiles: ReadonlyArray<{ weekdays: number[]; counts: readonly number[] }>, intervalSec: number): Array<{ count: number; shifts: Array<{ startSec: number; endSec: number; weekdays: number[] }> }> {
  const max = Math.max(0, ...profiles.flatMap((p) => p.counts));
  const bySignature = new Map<string, { count: number; shifts: Array<{ startSec: number; endSec: number; weekdays: number[] }> }>();
  for (let level = 1; level <= max; level++) {
    const shifts: Array<{ startSec: number; endSec: number; weekdays: number[] }> = [];
    for (const p of profiles) {
      let start = -1;
      for (let i = 0; i <= p.counts.length; i++) {
        const on = i < p.counts.length && p.counts[i] >= level;
        if (on && start < 0) start = i;
        if (!on && start >= 0) {
          shifts.push({ startSec: start * intervalSec, endSec: i * intervalSec, weekdays: p.weekdays });
          start = -1;
        }
      }
    }
    const key = JSON.stringify(shifts);
    const entry = bySignature.get(key);
    if (entry) entry.count++;
    else bySignature.set(key, { count: 1, shifts });
  }
  return [...bySignature.values()].filter((g) => g.shifts.length > 0);
}

function writeAgents(L: string[], fit: FitResult, choice: StaffingChoice, maxConcurrent: number): void {
  const skills = fit.groups.map((g) => g.id);
  const n = Math.round(DAY_SEC / fit.intervalSec);
  const arrivalsIn = (type: string, i: number) => fit.groups.reduce((a, g) => a + g.rates[type][i].ratePerSec, 0) > 0;
  const partSec = fit.intervalSec / STAFFING_PARTS;
  const profiles = fit.dayTypes.map((t) => ({
    weekdays: t.weekdays,
    name: t.name,
    counts: fit.staffing.byType[t.name].flatMap((s, i) => {
      const raw = staffingValue(s, choice);
      const v = raw > 0 && arrivalsIn(t.name, i) ? Math.max(1, raw) : raw;
      // a fraction of an agent as an agent online for that share of the interval, by parts
      const base = Math.floor(v);
      const extra = Math.round((v - base) * STAFFING_PARTS);
      return Array.from({ length: STAFFING_PARTS }, (_, q) => base + (q < extra ? 1 : 0));
    }),
  }));
  L.push('# Effective staffing per interval of the day, the agents really taking calls:');
  if (fit.staffing.method === 'states') L.push('# the mean number online, read from the agent states of the log.');
  else {
    L.push('# moment by moment, the agents busy while someone waited (then everyone taking calls is busy),');
    L.push('# or the most busy within ±10 min while nobody waited; time-averaged, a mean over the days of the type.');
  }
  L.push(`# Written: ${choice === 'estimate' ? 'the estimate' : `the ${choice} end of the range`} (--staffing estimate|low|high), to a quarter of an interval`);
  L.push('# (6.5 agents: 6 all the interval and one more for half of it), at least 1 where contacts arrive.');
  for (const t of fit.dayTypes) {
    const s = fit.staffing.byType[t.name];
    const open = s.map((x, i) => ({ x, i })).filter(({ x, i }) => x.agents > 0 || arrivalsIn(t.name, i));
    if (open.length === 0) continue;
    const hours = (f: (x: (typeof s)[number]) => number) => open.map(({ x }) => String(Math.round(f(x) * 10) / 10)).join(' ');
    L.push(`#   ${t.name}, from ${formatClock(open[0].i * fit.intervalSec)} by ${fit.intervalSec / 60} min: ${hours((x) => x.agents)}`);
    L.push(`#     low  (${fit.staffing.method === 'states' ? 'fewest online' : 'busy while waiting, uncorrected'}): ${hours((x) => x.low)}`);
    L.push(`#     high (${fit.staffing.method === 'states' ? 'most online' : 'agents seen serving'}): ${hours((x) => x.high)}`);
  }
  const sv = fit.staffingVolume;
  const follows = sv !== undefined && staffingFollowsVolume(sv) ? Math.round(sv.elasticity / RATIO_STEP) * RATIO_STEP : undefined;
  if (sv !== undefined && Number.isFinite(sv.se)) {
    L.push(`# A day's staffing against its volume over ${plural(sv.days, 'day')}: elasticity ${sv.elasticity.toFixed(2)} (standard error ${sv.se.toFixed(2)}), the slope of`);
    L.push('# log(the day\'s busy-while-waiting / its day type\'s, interval by interval) on log(the day\'s contacts / its type\'s mean);');
    L.push(follows !== undefined
      ? `# written as followsVolume (beyond ${MOVE_Z} standard errors): on a day of m × the usual volume, count × m^${Math.round(follows * 100) / 100} agents.`
      : `# within ${MOVE_Z} standard errors of 0 (or below ${MIN_MOVE}): the counts do not follow the volume.`);
  }
  L.push('agents:');
  const layers = layeredShifts(profiles, partSec);
  layers.forEach((layer, k) => {
    L.push(`  staff-${k + 1}:`);
    L.push(`    count: ${layer.count}`);
    L.push(`    skills: [${skills.join(', ')}]`);
    L.push(`    maxConcurrent: ${maxConcurrent}`);
    if (follows !== undefined) L.push(`    followsVolume: { of: [${skills.join(', ')}], elasticity: ${Math.round(follows * 100) / 100} }`);
    L.push('    shifts:');
    for (const sh of layer.shifts) L.push(`      - { start: "${formatClock(sh.startSec)}", end: "${formatClock(Math.min(DAY_SEC, sh.endSec))}", days: ${daysList(sh.weekdays)} }`);
  });
  if (layers.length === 0) {
    L.push('  staff-1:');
    L.push('    count: 0');
    L.push(`    skills: [${skills.join(', ')}]`);
    L.push(`    maxConcurrent: ${maxConcurrent}`);
  }
  void n;
}
