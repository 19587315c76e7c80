// Where a group's handle time and patience move by interval of the day: each interval's mean as a
// ratio to the group's, kept only where it differs by more than `MOVE_Z` standard errors and by at
// least `MIN_MOVE` (a tenth); adjacent moving intervals that agree within their errors pooled into
// one run, its ratio rounded to `RATIO_STEP`; the runs of both cut into windows. Handle time: the ratio of sample means, its standard error
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

/** A run of adjacent intervals where one quantity moves alike, with its pooled ratio. */
interface Segment {
  from: number;
  to: number;
  ratio: number;
  n: number;
}

/**
 * Adjacent moving intervals joined while each next one's measured ratio lies within `MOVE_Z`
 * combined standard errors of the run's pooled ratio (the n-weighted mean of the measured ratios:
 * for handle times the pooled sample mean, for patience the pooled MLE); the run's ratio is the
 * pooled one, rounded. Intervals that do not move are left out.
 */
function segments(ratios: readonly IntervalRatio[], log: boolean): Segment[] {
  const out: Segment[] = [];
  let cur: { from: number; to: number; sum: number; n: number; var: number } | null = null;
  const close = () => {
    if (cur === null) return;
    const pooled = cur.sum / cur.n;
    const r = Math.round(round(pooled) * 100) / 100;
    if (r !== 1) out.push({ from: cur.from, to: cur.to, ratio: r, n: cur.n });
    cur = null;
  };
  ratios.forEach((x, i) => {
    if (!x.moves) {
      close();
      return;
    }
    if (cur !== null && cur.to === i) {
      const pooled = cur.sum / cur.n;
      const seP = log ? 1 / Math.sqrt(cur.n) : Math.sqrt(cur.var) / cur.n;
      const diff = log ? Math.abs(Math.log(x.measured / pooled)) : Math.abs(x.measured - pooled);
      if (diff <= MOVE_Z * Math.sqrt(x.se * x.se + seP * seP)) {
        cur.to = i + 1;
        cur.sum += x.measured * x.n;
        cur.n += x.n;
        cur.var += (x.n * x.se) ** 2;
        return;
      }
      close();
    }
    cur = { from: i, to: i + 1, sum: x.measured * x.n, n: x.n, var: (x.n * x.se) ** 2 };
  });
  close();
  return out;
}

/** A window of the day where handle time or patience (or both) differ from the group's. */
export interface MovingWindow {
  /** Seconds after midnight. */
  fromSec: number;
  toSec: number;
  handleRatio: number;
  patienceRatio: number;
  /** Handle times and abandonments behind the window's ratios (of the runs they come from). */
  handleN: number;
  abandoned: number;
}

/**
 * The windows of the day: each quantity's runs of moving intervals (see `segments`), cut where
 * either changes, those where neither moves left out.
 * @example movingWindows(handleRatios(h, m), patienceRatios(p, t), 3600)
 */
export function movingWindows(handle: readonly IntervalRatio[], patience: readonly IntervalRatio[], intervalSec: number): MovingWindow[] {
  const n = Math.max(handle.length, patience.length);
  const hs = segments(handle, false);
  const ps = segments(patience, true);
  const at = (list: Segment[], i: number) => list.find((x) => x.from <= i && i < x.to);
  const out: MovingWindow[] = [];
  const keys: string[] = [];
  for (let i = 0; i < n; i++) {
    const h = at(hs, i);
    const p = at(ps, i);
    if (h === undefined && p === undefined) continue;
    // the runs it belongs to: a new window wherever either run changes
    const key = `${h?.from ?? -1}/${p?.from ?? -1}`;
    const fromSec = i * intervalSec;
    const last = out[out.length - 1];
    if (last !== undefined && last.toSec === fromSec && keys[keys.length - 1] === key) {
      last.toSec += intervalSec;
      continue;
    }
    out.push({ fromSec, toSec: fromSec + intervalSec, handleRatio: h?.ratio ?? 1, patienceRatio: p?.ratio ?? 1, handleN: h?.n ?? 0, abandoned: p?.n ?? 0 });
    keys.push(key);
  }
  return out;
}
