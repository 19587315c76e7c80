// Contacts → the estimates a scenario needs: arrival rates per skill group, interval of the day and
// day type with the daily overdispersion; patience (exponential MLE and Kaplan–Meier) and handle
// time per group; priority-class shares and head starts (from the order of service); effective
// staffing per interval and day type (read from agent states when the log has them, else
// estimated). Pure; imports the estimators and contacts.

import type { Calendar, Contact, ContactLog } from './contacts.js';
import { dayStartSec, daysByType } from './contacts.js';
import { linkRetries, retryShare, type ShareEstimate, type VisitObservation } from './estimators/retries.js';
import { dailyCv, intervalRates, pooledDailyCv, type DailyCv, type IntervalRate } from './estimators/arrivals.js';
import { exponentialPatienceMle, kaplanMeier, patienceQuantiles, type ExponentialPatience, type WaitObservation } from './estimators/patience.js';
import { fitHandleTime, piecewiseMean, type HandleTimeFit } from './estimators/handle-time.js';
import { handleRatios, movingWindows, patienceRatios, MIN_INTERVAL_OBS, MIN_MOVE, MOVE_Z, type IntervalRatio, type MovingWindow } from './estimators/by-interval.js';
import { wrapUpGaps, MAX_WRAP_GAP_SEC, type AgentCall } from './estimators/wrap-up.js';
import { effectiveStaffing, volumeElasticity, type IntervalStaffing, type Span, type StaffingDay, type VolumeElasticity } from './estimators/staffing.js';
import { bestHeadStart, orderBounds, showsHeadStart, MAX_COMPETITORS, type HeadStartEstimate, type QueueSpan } from './estimators/head-start.js';
import { DAY_SEC } from '../core/units.js';

/** Which staffing value the scenario uses: the estimate, or an end of its sensitivity range. */
export type StaffingChoice = 'estimate' | 'low' | 'high';
export const STAFFING_CHOICES: readonly StaffingChoice[] = ['estimate', 'low', 'high'];
/** Which patience the scenario uses. */
export type PatienceChoice = 'km' | 'exponential';
export const PATIENCE_CHOICES: readonly PatienceChoice[] = ['km', 'exponential'];

export interface FitOptions {
  calendar: Calendar;
  /** Interval of the day for rates and staffing, seconds (divides a day). Default 3600. */
  intervalSec?: number;
  /** Fewest contacts a group needs to get its own patience and handle time (else the pooled ones). Default 200. */
  minGroupContacts?: number;
  /** Head start of each class, seconds of waiting (from the mapping). */
  headStartSec?: Record<string, number>;
  /** Half-width of the staffing estimator's window, seconds (default `STAFFING_WINDOW_SEC`). */
  staffingWindowSec?: number;
  /** A visitor's next contact in the group this soon after abandoning is a retry, seconds (default `RETRY_WINDOW_SEC`; 0: no retries). */
  retryWindowSec?: number;
}

/** Retries after abandoning of one group (contacts that name their visitor). */
export interface RetryFit {
  /** The window, seconds: a next contact later than this after leaving is not a retry. */
  windowSec: number;
  /** Retried / eligible, with its 95 % Wilson interval. */
  share: ShareEstimate;
  /** Abandoned contacts; those naming their visitor; those whose window ended in the log; those retried. */
  abandoned: number;
  identified: number;
  eligible: number;
  retried: number;
  /** Seconds from leaving to the retry, fitted like handle times (KS among lognormal, gamma, empirical). */
  delay: HandleTimeFit;
  /** Most retries in a row seen of one visitor (at least 1). */
  max: number;
  /** Share of served contacts (naming their visitor) followed by another within the window: the base rate. */
  servedAgain: number;
  /** Each identified retry is left out of the arrivals this many times (abandoned / identified abandoned). */
  weight: number;
  /** Contacts left out of the arrivals as retries (weighted). */
  leftOut: number;
}

export interface DayTypeFit {
  name: string;
  /** Weekdays of this type (0 = Monday). */
  weekdays: number[];
  /** Days fitted (holidays left out). */
  days: string[];
}

export interface PatienceFit {
  exponential: ExponentialPatience;
  /** Kaplan–Meier quantile points [p, seconds] with an exponential tail. */
  quantiles: Array<[number, number]>;
  /** Waits behind it (every contact offered: answered ones are censored). */
  n: number;
  /** The group's own estimate, or the pooled one (too few contacts). */
  pooled: boolean;
}

export interface GroupFit {
  id: string;
  contacts: number;
  /** Per day type: rate of each interval of the day and the daily totals' overdispersion. */
  rates: Record<string, IntervalRate[]>;
  daily: Record<string, DailyCv>;
  /** dailyCv pooled over day types. */
  dailyCv: number;
  /** Contacts offered per day of each type, retries included (`daily` and `rates` leave retries out). */
  offeredPerDay: Record<string, number>;
  patience: PatienceFit;
  handle: HandleTimeFit & { pooled: boolean };
  /** Class shares (by class id), when the log has classes. */
  classShares?: Record<string, number>;
  /** Whether the shares are those among contacts that queued (when enough did), else among all. */
  sharesAmongQueued?: boolean;
  /** Exponential patience per class, for the comment. */
  classPatience?: Record<string, ExponentialPatience>;
  /** Patience per class where it differs from the group's (see {@link classPatienceMoves}); absent: none does. */
  classPatienceFit?: Record<string, PatienceFit>;
  /** Handle time and patience by interval of the day against the group's, and the windows where they move. */
  byInterval: { handle: IntervalRatio[]; patience: IntervalRatio[]; windows: MovingWindow[] };
  /** Chat turns, when the log has them: each a fit, or a fixed value when every observation is (about) the same. */
  chat?: ChatFit;
  /** Retries after abandoning, when the log names visitors and shows enough of them. */
  retry?: RetryFit;
  /** Why no retry is written although the log names visitors (too few abandoned, none retried). */
  retryNote?: string;
}

/** A quantity of the chat turns: a fitted distribution, one value, or (first replies) a Kaplan–Meier curve under censoring. */
export type TurnFit = { fixed: number; n: number } | { fit: HandleTimeFit } | { censored: CensoredTurnFit };

/**
 * First-reply delays with the chats the visitor left after assignment, before any reply, as
 * censored observations (the reply would have come later than they waited): a Kaplan–Meier curve
 * as quantiles with an exponential tail (the censored exponential MLE's mean), as for patience.
 */
export interface CensoredTurnFit {
  quantiles: Array<[number, number]>;
  exponential: ExponentialPatience;
  /** Observations (replies and censored) and the censored ones. */
  n: number;
  censored: number;
  /** Mean of the quantile table, seconds. */
  mean: number;
}

/** Below this share of censored observations the served chats' own fit is kept (the bias is at most about that share). */
export const MIN_CENSORED_SHARE = 0.02;

/**
 * First-reply delays: `replies` observed (served chats), `censored` lower bounds (left after
 * assignment, before a reply). With at least {@link MIN_CENSORED_SHARE} censored, the Kaplan–Meier
 * curve (events: replies) as quantiles with an exponential tail; else {@link turnFit} of the replies.
 * @example censoredTurnFit([10, 20, 30], [15]) // Kaplan–Meier: S(10) = 3/4, S(20) = 3/4 · 1/2, S(30) = 0
 */
export function censoredTurnFit(replies: readonly number[], censored: readonly number[]): TurnFit {
  if (replies.length === 0 || censored.length < MIN_CENSORED_SHARE * (replies.length + censored.length)) return turnFit(replies);
  const obs: WaitObservation[] = [...replies.map((sec) => ({ sec, abandoned: true })), ...censored.map((sec) => ({ sec, abandoned: false }))];
  const exponential = exponentialPatienceMle(obs);
  const quantiles = patienceQuantiles(kaplanMeier(obs), { tailMeanSec: exponential.meanSec });
  return { censored: { quantiles, exponential, n: obs.length, censored: censored.length, mean: piecewiseMean(quantiles) } };
}

export interface ChatFit {
  firstReply: TurnFit;
  nextReply: TurnFit;
  thinkTime: TurnFit;
  wrapUp: TurnFit;
  rounds: TurnFit;
}

/** Observations within this of each other (seconds, or rounds) are written as one fixed value. */
export const FIXED_SPREAD = 0.05;

/** Fits one quantity of the chat turns: fixed when it barely varies, else by {@link fitHandleTime}. */
export function turnFit(values: readonly number[]): TurnFit {
  if (values.length === 0) return { fixed: 0, n: 0 };
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (hi - lo <= FIXED_SPREAD) return { fixed: (lo + hi) / 2, n: values.length };
  return { fit: fitHandleTime(values) };
}

export interface StaffingFit {
  /** Per day type, one entry per interval of the day. */
  byType: Record<string, IntervalStaffing[]>;
  /** `states`: online agents read from agent states; `estimated`: from busy agents while someone waited. */
  method: 'states' | 'estimated';
}

export interface FitResult {
  intervalSec: number;
  dayTypes: DayTypeFit[];
  /** First and last day fitted, holidays left out. */
  firstDay: string;
  lastDay: string;
  holidaysLeftOut: string[];
  groups: GroupFit[];
  /** Each class's share and head start (seconds of waiting): the mapping's, else the data's where it shows one, else 0. */
  classes: Array<{ id: string; share: number; headStartSec: number; headStartFrom: 'mapping' | 'data' | 'none' }>;
  /** What the order of service says of the head starts, when the log has classes and queue times. */
  headStart?: HeadStartFit;
  /** Whether the class shares are among contacts that queued (enough did), else among all. */
  classesAmongQueued?: boolean;
  staffing: StaffingFit;
  /** How the estimated staffing of a day follows its volume (estimated staffing only). */
  staffingVolume?: VolumeElasticity;
  /** After-call work of call logs with agents: the gaps before a call already waiting (see estimators/wrap-up.ts); absent without. */
  wrapUp?: { fit: HandleTimeFit; median: number };
  /** Most chats an agent holds, when the log says (else the writer's default, 1). */
  maxConcurrent?: number;
  /** What went in: rows read, contacts kept, rows ignored by rule, bad rows. */
  input: { rows: number; contacts: number; ignored: Record<string, number>; bad: number };
}

/** The head start of each class over the reference class (the first by id), read from the order of service. */
export interface HeadStartFit {
  /** The class the others are measured against. */
  reference: string;
  /** Competitors per service start (the longest-waiting of the other class). */
  maxCompetitors: number;
  /** Per class other than the reference: the head start of `id` over `over` (one of them the reference, told from the side that goes first) and whether the data shows it. */
  byClass: Array<{ id: string; over: string; estimate?: HeadStartEstimate; shows: boolean }>;
  /** Head start the data gives each class (0 for the lowest), seconds, whole; only classes whose estimate shows. */
  sec: Record<string, number>;
}

/** Default interval of the day for rates and staffing, seconds. */
export const FIT_INTERVAL_SEC = 3600;
/** Default fewest contacts for a group's own patience and handle time. */
export const MIN_GROUP_CONTACTS = 200;
/** Default retry window, seconds: the same visitor's next contact in the group within an hour of leaving. */
export const RETRY_WINDOW_SEC = 3600;
/** Fewest eligible abandoned contacts naming their visitor for a group's retry estimate. */
export const MIN_RETRY_ELIGIBLE = 30;
/** Fewest retries for a delay distribution. */
export const MIN_RETRIES = 5;
/** Least share of a group's abandoned contacts that must name their visitor (the others are assumed alike). */
export const MIN_IDENTIFIED_SHARE = 0.5;

/** What the retry estimator sees of a contact: its visitor, group and instants on one clock. */
export function visitObservation(c: Contact): VisitObservation {
  const at = dayStartSec(c.day) + c.arrivalSec;
  const abandoned = c.outcome === 'abandoned' && c.afterAssign !== true;
  return {
    visitor: c.visitor,
    group: c.group,
    at,
    abandonedAt: abandoned ? at + c.frtSec : NaN,
    endedAt: c.outcome === 'served' && Number.isFinite(c.handleSec) && Number.isFinite(c.serviceStartSec) ? at - c.arrivalSec + c.serviceStartSec + c.handleSec : NaN,
  };
}

/** Patience observations of contacts: abandoned ones left after their wait, answered ones had at least their FRT. */
export function waitObservations(contacts: readonly Contact[]): WaitObservation[] {
  return contacts.map((c) => ({ sec: c.frtSec, abandoned: c.outcome === 'abandoned' }));
}

/**
 * Fits every estimate from a log.
 * @example fitLog(log, { calendar: { dayTypes: DEFAULT_DAY_TYPES, holidays: new Set() } }).groups[0].patience.exponential.meanSec
 */
export function fitLog(log: ContactLog, options: FitOptions): FitResult {
  const intervalSec = options.intervalSec ?? FIT_INTERVAL_SEC;
  const n = Math.round(DAY_SEC / intervalSec);
  const minGroup = options.minGroupContacts ?? MIN_GROUP_CONTACTS;
  const cal = options.calendar;
  const byType = daysByType(cal, log.contacts);
  const fitted = log.contacts.filter((c) => !cal.holidays.has(c.day));
  const holidaysLeftOut = [...new Set(log.contacts.filter((c) => cal.holidays.has(c.day)).map((c) => c.day))].sort();
  const dayTypes: DayTypeFit[] = [...byType].map(([name, days]) => ({ name, days, weekdays: cal.dayTypes.map((t, i) => (t === name ? i : -1)).filter((i) => i >= 0) }));
  const dayIndex = new Map<string, { type: string; i: number }>();
  for (const t of dayTypes) t.days.forEach((d, i) => dayIndex.set(d, { type: t.name, i }));
  const allDays = dayTypes.flatMap((t) => t.days).sort();

  const groupIds = [...new Set(fitted.map((c) => c.group))].sort();
  const classIds = [...new Set(fitted.filter((c) => c.priorityClass !== undefined).map((c) => c.priorityClass!))].sort();
  const pooledPatience = patienceOf(fitted, false);
  const pooledHandle = fitHandleTime(fitted.filter((c) => Number.isFinite(c.handleSec)).map((c) => c.handleSec));

  // retries: linked where contacts name their visitor; each left out of the arrivals (weighted for
  // the abandoned who are not identified), since the model draws them from abandonments
  const retryWindowSec = options.retryWindowSec ?? RETRY_WINDOW_SEC;
  const named = fitted.some((c) => c.visitor !== undefined);
  const retryFits = new Map<string, RetryFit>();
  const retryNotes = new Map<string, string>();
  const retryWeight = new Map<Contact, number>();
  if (named && retryWindowSec > 0) {
    const obs = fitted.map(visitObservation);
    const endAt = obs.reduce((m, o) => Math.max(m, o.at), -Infinity);
    const links = linkRetries(obs, retryWindowSec, endAt);
    for (const [id, r] of links.groups) {
      if (r.identified < MIN_IDENTIFIED_SHARE * r.abandoned) retryNotes.set(id, `only ${r.identified} of ${r.abandoned} abandoned contacts name their visitor; at least ${100 * MIN_IDENTIFIED_SHARE} % must`);
      else if (r.eligible < MIN_RETRY_ELIGIBLE) retryNotes.set(id, `${r.eligible} abandoned contacts name their visitor (of ${r.abandoned}); at least ${MIN_RETRY_ELIGIBLE} are needed`);
      else if (r.retried < MIN_RETRIES) retryNotes.set(id, `${r.retried} of ${r.eligible} abandoned contacts naming their visitor came back within the window; at least ${MIN_RETRIES} are needed`);
      else {
        const weight = r.abandoned / Math.max(1, r.identified);
        retryFits.set(id, {
          windowSec: retryWindowSec,
          share: retryShare(r.retried, r.eligible),
          abandoned: r.abandoned,
          identified: r.identified,
          eligible: r.eligible,
          retried: r.retried,
          delay: fitHandleTime(r.delays),
          max: Math.max(1, r.longestChain),
          servedAgain: r.served > 0 ? r.servedAgain / r.served : NaN,
          weight,
          leftOut: 0,
        });
      }
    }
    for (const [retry, before] of links.retryOf) {
      const f = retryFits.get(fitted[before].group);
      if (f === undefined) continue;
      retryWeight.set(fitted[retry], f.weight);
      f.leftOut += f.weight;
    }
  }

  const groups: GroupFit[] = groupIds.map((id) => {
    const cs = fitted.filter((c) => c.group === id);
    const rates: Record<string, IntervalRate[]> = {};
    const daily: Record<string, DailyCv> = {};
    const offeredPerDay: Record<string, number> = {};
    for (const t of dayTypes) {
      const counts = t.days.map(() => new Array<number>(n).fill(0));
      let offered = 0;
      for (const c of cs) {
        const at = dayIndex.get(c.day);
        if (at === undefined || at.type !== t.name) continue;
        offered++;
        const i = Math.min(n - 1, Math.floor(c.arrivalSec / intervalSec));
        counts[at.i][i] += 1 - (retryWeight.get(c) ?? 0);
      }
      if (retryWeight.size > 0) for (const row of counts) for (let i = 0; i < n; i++) row[i] = Math.max(0, row[i]);
      rates[t.name] = intervalRates(counts, intervalSec);
      daily[t.name] = dailyCv(counts.map((row) => row.reduce((a, b) => a + b, 0)));
      offeredPerDay[t.name] = offered / Math.max(1, t.days.length);
    }
    const handles = cs.filter((c) => Number.isFinite(c.handleSec)).map((c) => c.handleSec);
    const own = cs.length >= minGroup && handles.length >= minGroup;
    const patience = own ? patienceOf(cs, false) : { ...pooledPatience, pooled: true };
    const handle = own ? { ...fitHandleTime(handles), pooled: false } : { ...pooledHandle, pooled: true };
    const g: GroupFit = {
      id,
      contacts: cs.length,
      rates,
      daily,
      dailyCv: pooledDailyCv(Object.values(daily)),
      offeredPerDay,
      patience,
      handle,
      byInterval: own ? intervalsOf(cs, n, intervalSec, handle.mean, patience.exponential.meanSec) : { handle: [], patience: [], windows: [] },
    };
    const retry = retryFits.get(id);
    if (retry !== undefined) g.retry = retry;
    const note = retryNotes.get(id);
    if (note !== undefined) g.retryNote = note;
    const chats = cs.filter((c) => c.chat !== undefined).map((c) => c.chat!);
    if (chats.length > 0) {
      g.chat = {
        firstReply: censoredTurnFit(chats.map((t) => t.firstReplySec), cs.filter((c) => c.firstReplyCensoredSec !== undefined).map((c) => c.firstReplyCensoredSec!)),
        nextReply: turnFit(chats.flatMap((t) => t.nextReplySec)),
        thinkTime: turnFit(chats.flatMap((t) => t.thinkSec)),
        wrapUp: turnFit(chats.map((t) => t.wrapUpSec)),
        rounds: turnFit(chats.map((t) => t.rounds)),
      };
    }
    if (classIds.length > 0) {
      g.classShares = {};
      g.classPatience = {};
      const queued = cs.filter((c) => c.queued);
      g.sharesAmongQueued = queued.length >= minGroup;
      const base = g.sharesAmongQueued ? queued : cs;
      for (const k of classIds) {
        const inClass = cs.filter((c) => c.priorityClass === k);
        g.classShares[k] = base.filter((c) => c.priorityClass === k).length / Math.max(1, base.length);
        g.classPatience[k] = exponentialPatienceMle(waitObservations(inClass));
        if (own && classPatienceMoves(g.classPatience[k], patience.exponential.meanSec)) (g.classPatienceFit ??= {})[k] = patienceOf(inClass, false);
      }
    }
    return g;
  });

  const queuedAll = fitted.filter((c) => c.queued);
  const shareBase = queuedAll.length >= minGroup ? queuedAll : fitted;
  const headStart = classIds.length > 1 ? headStartOf(fitted, classIds) : undefined;
  const classes = classIds.map((id) => {
    const mapped = options.headStartSec?.[id];
    const data = headStart?.sec[id];
    return {
      id,
      share: shareBase.filter((c) => c.priorityClass === id).length / Math.max(1, shareBase.length),
      headStartSec: mapped ?? data ?? 0,
      headStartFrom: mapped !== undefined ? 'mapping' as const : data !== undefined && data > 0 ? 'data' as const : 'none' as const,
    };
  });

  const wrap = fitted.some((c) => c.chat !== undefined) ? undefined : wrapUpOf(fitted, minGroup);
  // each day type's busy and waiting spans, read once for the staffing estimate and its elasticity to volume
  const spanDays = log.online !== undefined ? undefined : dayTypes.map((t) => staffingDays(fitted, t.days, intervalSec, wrap?.after));
  const staffing: StaffingFit = spanDays === undefined
    ? { method: 'states', byType: staffingFromStates(log.online!, dayTypes, intervalSec) }
    : { method: 'estimated', byType: Object.fromEntries(dayTypes.map((t, i) => [t.name, effectiveStaffing(spanDays[i], intervalSec, { windowSec: options.staffingWindowSec })])) };

  return {
    intervalSec,
    dayTypes,
    firstDay: allDays[0] ?? '',
    lastDay: allDays[allDays.length - 1] ?? '',
    holidaysLeftOut,
    groups,
    classes,
    ...(classIds.length > 0 ? { classesAmongQueued: shareBase === queuedAll } : {}),
    ...(headStart !== undefined ? { headStart } : {}),
    staffing,
    ...(wrap !== undefined ? { wrapUp: wrap.wrapUp } : {}),
    ...(spanDays !== undefined ? { staffingVolume: staffingVolumeOf(fitted, dayTypes, spanDays, intervalSec, options.staffingWindowSec) } : {}),
    ...(log.maxConcurrent !== undefined ? { maxConcurrent: log.maxConcurrent } : {}),
    input: { rows: log.rows, contacts: log.contacts.length, ignored: log.ignored, bad: log.bad.length },
  };
}

/**
 * The head start of each class from the order queued contacts were taken (see estimators/head-start.ts).
 * Pairs form across skill groups within a day: the fitted agents serve every group, and the model
 * orders a generalist's queues by the same key. Each class is measured against the first; the
 * estimates that show are shifted so the lowest class has 0.
 */
export function headStartOf(contacts: readonly Contact[], classIds: readonly string[]): HeadStartFit | undefined {
  const spans: QueueSpan[] = [];
  for (const c of contacts) {
    if (!c.queued || !(c.waitSec > 0) || c.priorityClass === undefined || c.afterAssign === true) continue;
    const queuedSec = c.queuedSec ?? c.arrivalSec;
    const taken = c.outcome === 'served' && Number.isFinite(c.serviceStartSec);
    spans.push({ pool: c.day, classId: c.priorityClass, queuedSec, leftSec: taken ? c.serviceStartSec : queuedSec + c.waitSec, taken });
  }
  if (spans.length === 0) return undefined;
  const reference = classIds[0];
  const raw: Record<string, number> = { [reference]: 0 };
  const byClass = classIds.slice(1).map((id) => {
    const e = bestHeadStart(orderBounds(spans, id, reference));
    const shows = showsHeadStart(e);
    if (shows) raw[id] = e!.sec;
    if (e === undefined) return { id, over: reference, shows };
    // told from the side of the class that goes first
    return e.sec >= 0 ? { id, over: reference, estimate: e, shows } : { id: reference, over: id, estimate: { ...e, sec: -e.sec, lo: -e.hi, hi: -e.lo }, shows };
  });
  const low = Math.min(...Object.values(raw));
  const sec: Record<string, number> = {};
  if (byClass.some((b) => b.shows)) for (const [id, v] of Object.entries(raw)) sec[id] = Math.round(v - low);
  return { reference, maxCompetitors: MAX_COMPETITORS, byClass, sec };
}

/**
 * Whether a class's patience differs from its group's: at least `MIN_INTERVAL_OBS` abandonments, the
 * group's mean outside the class's `MOVE_Z` interval (log scale, standard error 1/√abandonments),
 * and a difference of at least `MIN_MOVE`.
 */
export function classPatienceMoves(c: ExponentialPatience, groupMeanSec: number): boolean {
  if (!(c.abandoned >= MIN_INTERVAL_OBS) || !Number.isFinite(c.meanSec) || !Number.isFinite(groupMeanSec)) return false;
  const r = c.meanSec / groupMeanSec;
  return Math.abs(Math.log(r)) * Math.sqrt(c.abandoned) > MOVE_Z && Math.abs(r - 1) >= MIN_MOVE;
}

/** Handle time and patience of a group's contacts by interval of arrival, against the group's. */
function intervalsOf(cs: readonly Contact[], n: number, intervalSec: number, handleMean: number, patienceMean: number): GroupFit['byInterval'] {
  const handles = Array.from({ length: n }, () => [] as number[]);
  const waits = Array.from({ length: n }, () => ({ waitedSec: 0, abandoned: 0 }));
  for (const c of cs) {
    const i = Math.min(n - 1, Math.floor(c.arrivalSec / intervalSec));
    if (Number.isFinite(c.handleSec)) handles[i].push(c.handleSec);
    waits[i].waitedSec += c.frtSec;
    if (c.outcome === 'abandoned') waits[i].abandoned++;
  }
  const handle = handleRatios(handles, handleMean);
  const patience = patienceRatios(waits, patienceMean);
  return { handle, patience, windows: movingWindows(handle, patience, intervalSec) };
}

function patienceOf(cs: readonly Contact[], pooled: boolean): PatienceFit {
  const obs = waitObservations(cs);
  const exponential = exponentialPatienceMle(obs);
  const quantiles = patienceQuantiles(kaplanMeier(obs), { tailMeanSec: exponential.meanSec });
  return { exponential, quantiles, n: obs.length, pooled };
}

/** The elasticity of each day's estimated staffing to its volume (see `volumeElasticity`); `spanDays[i]` are day type i's days (`staffingDays`). */
function staffingVolumeOf(contacts: readonly Contact[], dayTypes: readonly DayTypeFit[], spanDays: readonly StaffingDay[][], intervalSec: number, windowSec: number | undefined): VolumeElasticity {
  const volume = new Map<string, number>();
  for (const c of contacts) volume.set(c.day, (volume.get(c.day) ?? 0) + 1);
  const days = dayTypes.flatMap((t, i) => t.days.map((d, k) => ({ type: t.name, volume: volume.get(d) ?? 0, staffing: effectiveStaffing([spanDays[i][k]], intervalSec, { windowSec }) })));
  return volumeElasticity(days, intervalSec);
}

/**
 * The after-call work of served calls with a named agent: the gaps an agent left before a call
 * already waiting (at least `minGaps` of them), fitted like handle times, and how long each call
 * held its agent after it ended (its own gap where measured, else the gaps' mean).
 */
function wrapUpOf(contacts: readonly Contact[], minGaps: number): { wrapUp: { fit: HandleTimeFit; median: number }; after: (c: Contact) => number } | undefined {
  const byAgentDay = new Map<string, AgentCall[]>();
  const callOf = new Map<Contact, AgentCall>();
  for (const c of contacts) {
    if (c.outcome !== 'served' || c.agent === undefined || !Number.isFinite(c.handleSec) || !Number.isFinite(c.serviceStartSec)) continue;
    const call: AgentCall = { startSec: c.serviceStartSec, endSec: c.serviceStartSec + c.handleSec, waitingFromSec: c.queued ? c.arrivalSec : NaN };
    callOf.set(c, call);
    const key = `${c.day} ${c.agent}`;
    const list = byAgentDay.get(key);
    if (list) list.push(call);
    else byAgentDay.set(key, [call]);
  }
  const { gaps, after } = wrapUpGaps([...byAgentDay.values()], MAX_WRAP_GAP_SEC);
  if (gaps.length < minGaps) return undefined;
  const fit = fitHandleTime(gaps);
  const sorted = [...gaps].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  return {
    wrapUp: { fit, median },
    after: (c) => {
      const call = callOf.get(c);
      return call === undefined ? 0 : after.get(call) ?? fit.mean;
    },
  };
}

/**
 * What the staffing estimator needs of each day: busy spans, waiting spans, agents seen per interval.
 * @param wrapAfter seconds a served contact still held its agent after it ended (after-call work); default none
 */
export function staffingDays(contacts: readonly Contact[], days: readonly string[], intervalSec: number, wrapAfter?: (c: Contact) => number): StaffingDay[] {
  const n = Math.round(DAY_SEC / intervalSec);
  const index = new Map(days.map((d, i) => [d, i]));
  const out = days.map(() => ({ busy: [] as Span[], waiting: [] as Span[], seen: Array.from({ length: n }, () => new Set<string>()) }));
  let named = false;
  for (const c of contacts) {
    const i = index.get(c.day);
    if (i === undefined) continue;
    const day = out[i];
    if (c.queued && c.waitSec > 0) day.waiting.push({ startSec: c.arrivalSec, endSec: c.arrivalSec + c.waitSec });
    if (c.outcome === 'served' && Number.isFinite(c.handleSec) && Number.isFinite(c.serviceStartSec)) {
      const span = { startSec: c.serviceStartSec, endSec: c.serviceStartSec + c.handleSec + (wrapAfter?.(c) ?? 0) };
      day.busy.push(span);
      if (c.agent !== undefined) {
        named = true;
        const first = Math.floor(span.startSec / intervalSec);
        const last = Math.min(n - 1, Math.floor(Math.max(span.startSec, span.endSec - 1e-9) / intervalSec));
        for (let k = first; k <= last && k < n; k++) day.seen[k].add(c.agent);
      }
    }
  }
  return out.map((d) => (named ? { busy: d.busy, waiting: d.waiting, agentsSeen: d.seen.map((s) => s.size) } : { busy: d.busy, waiting: d.waiting }));
}

/** Mean online agents per interval and day type from a step function of a run's clock. */
export function staffingFromStates(steps: ReadonlyArray<readonly [number, number]>, dayTypes: readonly DayTypeFit[], intervalSec: number): Record<string, IntervalStaffing[]> {
  const n = Math.round(DAY_SEC / intervalSec);
  const levelAt = (t0: number, t1: number): number => {
    // time-average of the step function over [t0, t1)
    let area = 0;
    let level = 0;
    let prev = t0;
    for (const [at, count] of steps) {
      if (at <= t0) {
        level = count;
        continue;
      }
      if (at >= t1) break;
      area += level * (at - prev);
      prev = at;
      level = count;
    }
    area += level * (t1 - prev);
    return area / (t1 - t0);
  };
  const out: Record<string, IntervalStaffing[]> = {};
  for (const t of dayTypes) {
    const dayNumbers = t.days.map((k) => Number(k.replace(/^day /, '')));
    out[t.name] = Array.from({ length: n }, (_, i) => {
      const values = dayNumbers.map((d) => levelAt(d * DAY_SEC + i * intervalSec, d * DAY_SEC + (i + 1) * intervalSec));
      const mean = values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
      return { agents: mean, busyWhileWaiting: NaN, peakBusy: NaN, meanBusy: NaN, queueingShare: NaN, queueingDays: 0, low: Math.min(...values), high: Math.max(...values) };
    });
  }
  return out;
}

/** The staffing value an interval takes under a choice. */
export function staffingValue(s: IntervalStaffing, choice: StaffingChoice): number {
  return choice === 'low' ? s.low : choice === 'high' ? s.high : s.agents;
}
