// `chatsim backtest`: runs a scenario over the calendar of a log (its days, from the weekday of
// the first) and sets the prediction against what the log shows, per interval of the day and per
// day, beside the naive forecast "the fit period repeats" (each day type's mean day of the fit
// logs). Prediction and log are measured by the same tallies (fit/observed.ts). May import
// anything but cli/.

import type { Scenario } from '../core/scenario.js';
import type { BacktestResult, BacktestRow, BacktestScores } from '../core/documents.js';
import { ArrayRecorder } from '../core/records.js';
import { metricsContext } from '../core/metrics/context.js';
import { DAY_SEC } from '../core/units.js';
import { ChatsimError } from '../core/errors.js';
import { simulate } from '../sim/experiments/run.js';
import { replicationSeed } from '../sim/engine/random.js';
import { contactsFromRecords, runDayKey } from '../fit/input/records.js';
import { daysByType, weekdayOf, type Calendar, type ContactLog } from '../fit/contacts.js';
import { mape, meanAbsoluteError, metricsOf, sumRows, tallyByDay, total, type CellMetrics, type Tally } from '../fit/observed.js';

/** Backtest options. */
export interface BacktestOptions {
  calendar: Calendar;
  /** Interval of the day of the comparison, seconds (default 3600). */
  intervalSec?: number;
  /** Replications (default 5) and base seed (default the scenario's). */
  replications?: number;
  seed?: string;
  /** Hours of the day scored by the hourly errors, [from, to) (default 7–24). */
  hours?: [number, number];
  /** The fit period's log, for the naive forecast; absent: no naive column. */
  fitLog?: ContactLog;
  /** Called after each replication. */
  onProgress?: (done: number, total: number) => void;
}

/** Default replications of a backtest. */
export const BACKTEST_REPLICATIONS = 5;
/** Share-of-days threshold reported beside the daily SL error, percentage points. */
export const SL_BAND_PP = 3;

/**
 * ISO date `d` days after `first`.
 * @example addDays('1999-02-27', 2) // '1999-03-01'
 */
export function addDays(first: string, d: number): string {
  const [y, m, day] = first.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, day + d)).toISOString().slice(0, 10);
}

/**
 * The scenario moved onto a calendar: `days` days from a day 0 of weekday `startWeekday`, rate
 * windows' days kept on their weekdays.
 * @example onCalendar(scenario, 31, weekdayOf('1999-03-01'))
 */
export function onCalendar(s: Scenario, days: number, startWeekday: number): Scenario {
  const shift = ((s.startWeekday ?? 0) - startWeekday + 7) % 7;
  return {
    ...s,
    days,
    horizonSec: days * DAY_SEC,
    startWeekday,
    groups: s.groups.map((g) => ({
      ...g,
      arrivals: {
        ...g.arrivals,
        windows: g.arrivals.windows.map((w) => (w.runDays === undefined ? w : { ...w, runDays: w.runDays.map((r) => (r + shift) % 7).sort((a, b) => a - b) })),
      },
    })),
  };
}

/**
 * Runs `scenario` over the days of `log` and compares.
 * @example const r = backtest(scenario, marchLog, { calendar, fitLog: janFebLog }); r.scores.predicted.abandonmentMape
 */
export function backtest(scenario: Scenario, log: ContactLog, options: BacktestOptions): BacktestResult {
  const intervalSec = options.intervalSec ?? 3600;
  const n = Math.round(DAY_SEC / intervalSec);
  const slTimeSec = scenario.slTimeSec;
  const replications = options.replications ?? BACKTEST_REPLICATIONS;
  const seed = options.seed ?? scenario.seed;
  const hours = options.hours ?? [7, 24];
  const cal = options.calendar;
  const allDays = [...new Set(log.contacts.map((c) => c.day))].sort();
  if (allDays.length === 0) throw new ChatsimError('the backtest logs hold no contact offered to people');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(allDays[0])) throw new ChatsimError('a backtest needs dated logs (delimited, with a date): kernel records carry no calendar');
  const first = allDays[0];
  const span = Math.round((Date.parse(allDays[allDays.length - 1]) - Date.parse(first)) / (DAY_SEC * 1000)) + 1;
  const compared = allDays.filter((d) => !cal.holidays.has(d));
  const holidaysLeftOut = allDays.filter((d) => cal.holidays.has(d));

  // the prediction: R runs over the log's calendar, measured like the log
  const s = onCalendar(scenario, span, weekdayOf(first));
  const predictedByDay = new Map<string, Tally[]>();
  for (let r = 1; r <= replications; r++) {
    const rec = new ArrayRecorder();
    const stats = simulate(s, { seed: replicationSeed(seed, r), policy: s.policy, recorder: rec });
    const contacts = contactsFromRecords({ header: { format: 'chatsim.records', version: 1, context: metricsContext(s), endAt: stats.endAt }, records: rec.records, samples: [] }, 'simulated', s.startWeekday ?? 0).contacts;
    const tallies = tallyByDay(contacts, intervalSec, slTimeSec);
    for (let d = 0; d < span; d++) {
      const day = addDays(first, d);
      const row = tallies.get(runDayKey(d)) ?? sumRows([], 1);
      const into = predictedByDay.get(day) ?? Array.from({ length: n }, () => ({ offered: 0, abandoned: 0, withinSl: 0, waitSum: 0 }));
      row.forEach((t, i) => {
        into[i].offered += t.offered / replications;
        into[i].abandoned += t.abandoned / replications;
        into[i].withinSl += t.withinSl / replications;
        into[i].waitSum += t.waitSum / replications;
      });
      predictedByDay.set(day, into);
    }
    options.onProgress?.(r, replications);
  }
  const actualByDay = tallyByDay(log.contacts, intervalSec, slTimeSec);
  const empty = () => Array.from({ length: n }, () => ({ offered: 0, abandoned: 0, withinSl: 0, waitSum: 0 }));

  // the naive forecast: the fit period's mean day of each type
  let naiveByType: Map<string, Tally[]> | undefined;
  if (options.fitLog !== undefined) {
    naiveByType = new Map();
    const fitTallies = tallyByDay(options.fitLog.contacts, intervalSec, slTimeSec);
    for (const [type, days] of daysByType(cal, options.fitLog.contacts)) {
      naiveByType.set(type, sumRows(days.map((d) => fitTallies.get(d) ?? empty()), 1 / days.length));
    }
  }
  const typeOf = (day: string) => cal.dayTypes[weekdayOf(day)];
  const naiveOf = (day: string) => naiveByType?.get(typeOf(day)) ?? empty();

  const act = compared.map((d) => actualByDay.get(d) ?? empty());
  const pred = compared.map((d) => predictedByDay.get(d) ?? empty());
  const naive = naiveByType !== undefined ? compared.map(naiveOf) : undefined;
  const perDay = 1 / Math.max(1, compared.length);
  const pooledA = sumRows(act, perDay);
  const pooledP = sumRows(pred, perDay);
  const pooledN = naive !== undefined ? sumRows(naive, perDay) : undefined;
  const label = (i: number) => `${String(Math.floor((i * intervalSec) / 3600)).padStart(2, '0')}:${String(Math.floor(((i * intervalSec) % 3600) / 60)).padStart(2, '0')}`;
  const byInterval: BacktestRow[] = [];
  for (let i = 0; i < n; i++) {
    if (pooledA[i].offered === 0 && pooledP[i].offered < 0.05) continue;
    byInterval.push({ label: label(i), actual: metricsOf(pooledA[i]), predicted: metricsOf(pooledP[i]), ...(pooledN ? { naive: metricsOf(pooledN[i]) } : {}) });
  }
  const byDay: BacktestRow[] = compared.map((d, k) => ({
    label: d,
    dayType: typeOf(d),
    actual: metricsOf(total(act[k])),
    predicted: metricsOf(total(pred[k])),
    ...(naive ? { naive: metricsOf(total(naive[k])) } : {}),
  }));
  const scored = (rows: BacktestRow[]) => rows.filter((r) => {
    const h = Number(r.label.slice(0, 2));
    return h >= hours[0] && h < hours[1];
  });
  const scoresOf = (pick: (r: BacktestRow) => CellMetrics): BacktestScores => {
    const hs = scored(byInterval);
    const slErr = byDay.map((r) => Math.abs(pick(r).serviceLevel - r.actual.serviceLevel) * 100).filter(Number.isFinite);
    const pa = metricsOf(total(pooledA));
    const pp = pick({ label: '', actual: pa, predicted: metricsOf(total(pooledP)), ...(pooledN ? { naive: metricsOf(total(pooledN)) } : {}) });
    return {
      abandonmentMape: mape(hs.map((r) => r.actual.abandonment), hs.map((r) => pick(r).abandonment)),
      offeredMape: mape(hs.map((r) => r.actual.offered), hs.map((r) => pick(r).offered)),
      meanWaitMape: mape(hs.map((r) => r.actual.meanWaitSec), hs.map((r) => pick(r).meanWaitSec)),
      dailySlErrorPp: meanAbsoluteError(byDay.map((r) => r.actual.serviceLevel * 100), byDay.map((r) => pick(r).serviceLevel * 100)),
      dailySlMaxErrorPp: slErr.length > 0 ? Math.max(...slErr) : NaN,
      dailySlWithin3pp: slErr.length > 0 ? slErr.filter((e) => e <= SL_BAND_PP).length / slErr.length : NaN,
      periodSlErrorPp: (pp.serviceLevel - pa.serviceLevel) * 100,
      periodAbandonmentErrorPp: (pp.abandonment - pa.abandonment) * 100,
    };
  };
  return {
    intervalSec,
    slTimeSec,
    replications,
    seed,
    hours,
    days: compared,
    holidaysLeftOut,
    byInterval,
    byDay,
    period: { actual: metricsOf(total(pooledA)), predicted: metricsOf(total(pooledP)), ...(pooledN ? { naive: metricsOf(total(pooledN)) } : {}) },
    scores: { predicted: scoresOf((r) => r.predicted), ...(naive ? { naive: scoresOf((r) => r.naive!) } : {}) },
  };
}

