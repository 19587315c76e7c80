// Where a group's handle time and patience move by interval of the day: each interval's mean as a
// ratio to the group's, kept only where it differs by more than `MOVE_Z` standard errors and by at
// least `MIN_MOVE` (a tenth), rounded to `RATIO_STEP`, and adjacent intervals with the same pair
// of ratios merged into one window. Handle time: the ratio of sample means, its standard error
// sd / (√n · overall mean). Patience: the ratio of exponential MLEs (waits over abandonments), the
// standard error of its log 1 / √abandonments. Pure functions; imports nothing.

/** A difference is kept when it exceeds this many standard errors (two-sided about 0.3 %). */
export const MOVE_Z = 3;
/** …and when the ratio differs from 1 by at least this. */
export const MIN_MOVE = 0.1;
/** Ratios are written to this step. */
export const RATIO_STEP = 0.05;
/** Fewest handle times (or abandonments, for patience) an interval needs for its own ratio. */
export const MIN_INTERVAL_OBS = 50;

/** One interval's estimate against the group's. */
export interface IntervalRatio {
  /** Interval's mean / the group's (1 when it does not move). */
  ratio: number;
  /** The ratio as measured, before the rule (NaN when too few observations). */
  measured: number;
  /** Standard error of the measured ratio (handle) or of its log (patience). */
  se: number;
  /** Observations behind it: handle times, or abandonments for patience. */
  n: number;
  moves: boolean;
}

const round = (r: number) => Math.round(r / RATIO_STEP) * RATIO_STEP;

function decide(measured: number, se: number, n: number, log: boolean): IntervalRatio {
  if (!(n >= MIN_INTERVAL_OBS) || !Number.isFinite(measured) || !(measured > 0)) return { ratio: 1, measured: n > 0 ? measured : NaN, se, n, moves: false };
  const z = log ? Math.abs(Math.log(measured)) / se : Math.abs(measured - 1) / se;
  const moves = z > MOVE_Z && Math.abs(measured - 1) >= MIN_MOVE && round(measured) !== 1;
  return { ratio: moves ? Math.round(round(measured) * 100) / 100 : 1, measured, se, n, moves };
}

/**
 * Handle-time ratios per interval of the day.
 * @param byInterval handle times (seconds) of the contacts arriving in each interval
 * @example handleRatios([[100, 120], [300, 310]], 200)[1].measured // 1.525
 */
export function handleRatios(byInterval: ReadonlyArray<readonly number[]>, overallMean: number): IntervalRatio[] {
  return byInterval.map((xs) => {
    const n = xs.length;
    if (n < 2) return decide(NaN, NaN, n, false);
    let mean = 0;
    for (let k = 0; k < n; k++) mean += (xs[k] - mean) / (k + 1);
    let ss = 0;
    for (const x of xs) ss += (x - mean) ** 2;
    const sd = Math.sqrt(ss / (n - 1));
    return decide(mean / overallMean, sd / (Math.sqrt(n) * overallMean), n, false);
  });
}

/**
 * Patience ratios per interval of the day, by the exponential MLE under censoring.
 * @param byInterval per interval: total seconds waited (answered and abandoned) and abandonments
 * @param overallMeanSec the group's exponential MLE
 */
export function patienceRatios(byInterval: ReadonlyArray<{ waitedSec: number; abandoned: number }>, overallMeanSec: number): IntervalRatio[] {
  return byInterval.map(({ waitedSec, abandoned }) => {
    if (abandoned === 0 || !Number.isFinite(overallMeanSec)) return decide(NaN, NaN, abandoned, true);
    return decide(waitedSec / abandoned / overallMeanSec, 1 / Math.sqrt(abandoned), abandoned, true);
  });
}

/** A window of the day where handle time or patience (or both) differ from the group's. */
export interface MovingWindow {
  /** Seconds after midnight. */
  fromSec: number;
  toSec: number;
  handleRatio: number;
  patienceRatio: number;
  /** Handle times and abandonments behind the window. */
  handleN: number;
  abandoned: number;
}

/**
 * The windows of the day: adjacent intervals with the same pair of ratios merged, those where
 * neither moves left out.
 * @example movingWindows(handleRatios(h, m), patienceRatios(p, t), 3600)
 */
export function movingWindows(handle: readonly IntervalRatio[], patience: readonly IntervalRatio[], intervalSec: number): MovingWindow[] {
  const out: MovingWindow[] = [];
  const n = Math.max(handle.length, patience.length);
  for (let i = 0; i < n; i++) {
    const h = handle[i]?.ratio ?? 1;
    const p = patience[i]?.ratio ?? 1;
    if (h === 1 && p === 1) continue;
    const last = out[out.length - 1];
    const fromSec = i * intervalSec;
    if (last !== undefined && last.toSec === fromSec && last.handleRatio === h && last.patienceRatio === p) {
      last.toSec += intervalSec;
      last.handleN += handle[i]?.n ?? 0;
      last.abandoned += patience[i]?.n ?? 0;
    } else out.push({ fromSec, toSec: fromSec + intervalSec, handleRatio: h, patienceRatio: p, handleN: handle[i]?.n ?? 0, abandoned: patience[i]?.n ?? 0 });
  }
  return out;
}
