// What a log shows, per day and interval of the day, by the project's definitions (DOMAIN.md):
// offered = contacts offered to people; abandonment = abandoned / offered; mean wait = queue wait
// over all offered; SL(T) = answered by a person within T / offered (abandoned and unanswered ones
// miss). The same tallies are taken from the logs and from simulated records, so prediction and
// log are measured alike; and the error measures a backtest reports. Pure; imports contacts and
// the kernel's document types.

import type { Contact } from './contacts.js';
import type { BacktestCell } from '../core/documents.js';

/** Sums of one cell (a day × interval, or any pooling of them). */
export interface Tally {
  offered: number;
  abandoned: number;
  /** Answered by a person within T. */
  withinSl: number;
  /** Σ queue wait over all offered, seconds. */
  waitSum: number;
}

export const emptyTally = (): Tally => ({ offered: 0, abandoned: 0, withinSl: 0, waitSum: 0 });

export function addTally(into: Tally, t: Tally, weight = 1): void {
  into.offered += weight * t.offered;
  into.abandoned += weight * t.abandoned;
  into.withinSl += weight * t.withinSl;
  into.waitSum += weight * t.waitSum;
}

/** The metrics of a tally (NaN when nothing was offered): the kernel's backtest cell. */
export type CellMetrics = BacktestCell;

export function metricsOf(t: Tally): CellMetrics {
  const o = t.offered;
  return { offered: o, abandonment: o > 0 ? t.abandoned / o : NaN, meanWaitSec: o > 0 ? t.waitSum / o : NaN, serviceLevel: o > 0 ? t.withinSl / o : NaN };
}

/**
 * Tallies by day key and interval of the day (`intervalSec`), from contacts.
 * @example tallyByDay(contacts, 3600, 20).get('1999-03-01')![10].offered
 */
export function tallyByDay(contacts: readonly Contact[], intervalSec: number, slTimeSec: number): Map<string, Tally[]> {
  const n = Math.round(86_400 / intervalSec);
  const out = new Map<string, Tally[]>();
  for (const c of contacts) {
    let row = out.get(c.day);
    if (row === undefined) out.set(c.day, (row = Array.from({ length: n }, emptyTally)));
    const t = row[Math.min(n - 1, Math.floor(c.arrivalSec / intervalSec))];
    t.offered++;
    if (c.outcome === 'abandoned') t.abandoned++;
    if (c.outcome === 'served' && c.frtSec <= slTimeSec) t.withinSl++;
    t.waitSum += c.waitSec;
  }
  return out;
}

/** Sums rows of tallies (days) interval by interval, each weighted. */
export function sumRows(rows: ReadonlyArray<readonly Tally[]>, weight = 1): Tally[] {
  const n = rows.length > 0 ? rows[0].length : 0;
  const out = Array.from({ length: n }, emptyTally);
  for (const r of rows) r.forEach((t, i) => addTally(out[i], t, weight));
  return out;
}

/** One tally of a whole row (a day). */
export function total(row: readonly Tally[]): Tally {
  const out = emptyTally();
  for (const t of row) addTally(out, t);
  return out;
}

/**
 * Mean absolute percentage error of predictions against actual values, over the pairs whose
 * actual value is > 0 and finite (NaN when none): mean of |p − a| / a.
 * @example mape([0.1, 0.2], [0.12, 0.15]) // (0.2 + 0.25) / 2
 */
export function mape(actual: readonly number[], predicted: readonly number[]): number {
  let sum = 0;
  let n = 0;
  actual.forEach((a, i) => {
    const p = predicted[i];
    if (!(a > 0) || !Number.isFinite(a) || !Number.isFinite(p)) return;
    sum += Math.abs(p - a) / a;
    n++;
  });
  return n === 0 ? NaN : sum / n;
}

/** Mean absolute difference over finite pairs (NaN when none). */
export function meanAbsoluteError(actual: readonly number[], predicted: readonly number[]): number {
  let sum = 0;
  let n = 0;
  actual.forEach((a, i) => {
    const p = predicted[i];
    if (!Number.isFinite(a) || !Number.isFinite(p)) return;
    sum += Math.abs(p - a);
    n++;
  });
  return n === 0 ? NaN : sum / n;
}
